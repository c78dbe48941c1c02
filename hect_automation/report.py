"""The run record: what was done, how long it took, how it ended, and where the evidence is.

Each run gets ``<artifacts>/<UTC timestamp>-<runbook>-<channel slug>/`` (mode 0700, files
0600) holding ``run.json`` (this record, written atomically: a temporary file, then a
rename), ``trace.zip`` of the HECT context when the trace policy keeps it, screenshots (every
failure, and the success page) and ``explain.txt`` when a page did not match. One line per
run is appended to ``<artifacts>/audit.jsonl`` in a single write. Nothing typed into a form
is ever recorded here. A record that cannot be written (a full disk) is a warning, never a
reason to hide how the run ended: the caller prints the ending either way.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import re
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from hect_automation import __version__
from hect_automation.errors import BadInput

StepStatus = Literal["ok", "failed", "skipped"]
Outcome = Literal[
    "verified",
    "not-needed",
    "smoke-ok",
    "seller-accepted",
    "reconnected-not-verified",
    "reconnected-no-order-poll",
    "failed",
]
SLUG_MAX = 48


def utcnow() -> datetime:
    return datetime.now(UTC)


def slug(text: str) -> str:
    """A folder-name slug; long names are cut and keep a short hash so they stay apart."""
    plain = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "all"
    if len(plain) <= SLUG_MAX:
        return plain
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    return f"{plain[: SLUG_MAX - 9].rstrip('-')}-{digest}"


class StepRecord(BaseModel):
    index: int
    say: str
    action: str
    status: StepStatus = "skipped"
    started_at: datetime | None = None
    duration_ms: float | None = None
    detail: str | None = None
    moves: list[str] = Field(default_factory=list, description="what was done to reach things")


class Verification(BaseModel):
    channel: str
    before: dict[str, Any]
    after: dict[str, Any] | None
    expected_seller: str | None = None
    others_unchanged: list[str] = Field(default_factory=list)
    others_changed: list[str] = Field(default_factory=list, description="reported, not failed")
    problems: list[str] = Field(default_factory=list)
    seller_checked: bool = Field(description="HECT showed a Seller ID to compare")


class OrderPollRecord(BaseModel):
    requested_from: datetime
    requested_from_text: str
    message: str


class HectState(BaseModel):
    """What HECT showed when the run ended early and it was read again (or why it was not)."""

    read: bool
    channel: dict[str, Any] | None = None
    reconnected: bool = False
    summary: str


class RunRecord(BaseModel):
    """Everything ``run.json`` holds; ``--json`` prints the same document."""

    tool: str = f"hect-runbook {__version__}"
    runbook: str
    title: str
    platform: str
    channel: str | None
    account: str | None = None
    base_url: str
    hect_login: str | None = None
    operator: str
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    duration_ms: float | None = None
    steps: list[StepRecord] = Field(default_factory=list)
    verification: Verification | None = None
    order_poll: OrderPollRecord | None = None
    hect_state: HectState | None = None
    outcome: Outcome = "failed"
    exit_code: int = 1
    message: str = ""
    run_dir: str = ""
    trace: str | None = None
    explain: str | None = None
    screenshots: list[str] = Field(default_factory=list)
    notes: dict[str, float | str] = Field(default_factory=dict, description="diagnostics")
    hand_off: list[dict[str, str]] = Field(
        default_factory=list, description="a remote hand-off's viewers and buttons"
    )


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (a 0600 temporary file, then a rename)."""
    write_private_bytes(path, text.encode("utf-8"))


def write_private_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (a 0600 temporary file, then a rename)."""
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        part.replace(path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def append_line(path: Path, line: str) -> None:
    """Append one line in one write: concurrent runs never interleave within a line."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        data = (line + "\n").encode("utf-8")
        if os.write(fd, data) != len(data):
            raise OSError(28, "short write")
    finally:
        os.close(fd)


def private_folder(root: Path, *names: str, at: datetime | None = None) -> Path:
    """A new run folder (0700) under ``root``: ``<UTC stamp>-<names, the last slugged>``."""
    stamp = (at or utcnow()).strftime("%Y%m%dT%H%M%SZ")
    *kinds, subject = names
    return fresh_dir(root / "-".join([stamp, *kinds, slug(subject)]))


def fresh_dir(wanted: Path) -> Path:
    """A new folder at ``wanted`` (or ``wanted-2``, …), 0700, its parents made too."""
    try:
        wanted.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise BadInput(
            f"cannot create the artifacts folder {wanted.parent} ({exc.strerror}); choose"
            " another with --artifacts or HECT_ARTIFACTS_DIR"
        ) from exc
    for n in range(1, 1000):
        candidate = wanted if n == 1 else wanted.with_name(f"{wanted.name}-{n}")
        try:
            candidate.mkdir(mode=0o700)
        except FileExistsError:
            continue
        except OSError as exc:
            raise BadInput(
                f"cannot create the run folder {candidate} ({exc.strerror}); choose another"
                " place with --artifacts or HECT_ARTIFACTS_DIR"
            ) from exc
        return candidate
    raise BadInput(f"too many runs named {wanted}; clear out {wanted.parent}")


class Reporter:
    """Creates the run folder, and writes ``run.json`` and the audit line when the run ends."""

    def __init__(self, artifacts_dir: Path, record: RunRecord) -> None:
        self.root = artifacts_dir
        self.record = record
        self.run_dir = private_folder(
            artifacts_dir, record.runbook, record.channel or "all", at=record.started_at
        )
        record.run_dir = str(self.run_dir)

    def path(self, name: str) -> Path:
        return self.run_dir / name

    def finish(self) -> list[str]:
        """Write run.json and the audit line; the problems met (a full disk), if any."""
        record = self.record
        record.finished_at = utcnow()
        record.duration_ms = round(
            (record.finished_at - record.started_at).total_seconds() * 1000, 1
        )
        problems = []
        for what, write in (("run.json", self._write_record), ("the audit line", self._audit)):
            try:
                write()
            except OSError as exc:
                problems.append(f"could not write {what} in {self.root}: {exc.strerror or exc}")
        for path in self.run_dir.iterdir():
            path.chmod(0o600)
        return problems

    def _write_record(self) -> None:
        write_private(self.path("run.json"), self.record.model_dump_json(indent=2) + "\n")

    def _audit(self) -> None:
        record = self.record
        line: dict[str, Any] = {
            "at": record.finished_at.isoformat() if record.finished_at else None,
            "command": "reconnect",
            "runbook": record.runbook,
            "platform": record.platform,
            "channel": record.channel,
            "account": record.account,
            "outcome": record.outcome,
            "exit_code": record.exit_code,
            "message": record.message,
            "base_url": record.base_url,
            "hect_login": record.hect_login,
            "operator": record.operator,
            "host": socket.gethostname(),
            "user": who_runs(),
            "run_dir": record.run_dir,
        }
        if record.hand_off:
            line["hand_off"] = record.hand_off
        append_line(self.root / "audit.jsonl", json.dumps(line))


def who_runs() -> str:
    """The local user running the tool, even where $USER is unset (a container, cron)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid {os.getuid()}"
