"""The run record: what was done, how long it took, how it ended, and where the evidence is.

Each run gets ``<artifacts>/<UTC timestamp>-<runbook>-<channel slug>/`` holding ``run.json``
(this record), ``trace.zip`` of the HECT context when the trace policy keeps it, and
screenshots (every failure, and the success page). One line per run is appended to
``<artifacts>/audit.jsonl``. Nothing typed into a form is ever recorded here.
"""

from __future__ import annotations

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
Outcome = Literal["verified", "not-needed", "smoke-ok", "failed"]


def utcnow() -> datetime:
    return datetime.now(UTC)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "all"


class StepRecord(BaseModel):
    index: int
    say: str
    action: str
    status: StepStatus = "skipped"
    started_at: datetime | None = None
    duration_ms: float | None = None
    detail: str | None = None


class Verification(BaseModel):
    channel: str
    before: dict[str, Any]
    after: dict[str, Any]
    others_unchanged: list[str] = Field(default_factory=list)
    seller_checked: bool = Field(description="HECT showed a Seller ID to compare")


class OrderPollRecord(BaseModel):
    requested_from: str
    message: str


class RunRecord(BaseModel):
    """Everything ``run.json`` holds; ``--json`` prints the same document."""

    tool: str = f"hect-runbook {__version__}"
    runbook: str
    title: str
    platform: str
    channel: str | None
    base_url: str
    operator: str
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    duration_ms: float | None = None
    steps: list[StepRecord] = Field(default_factory=list)
    verification: Verification | None = None
    order_poll: OrderPollRecord | None = None
    outcome: Outcome = "failed"
    exit_code: int = 1
    message: str = ""
    run_dir: str = ""
    trace: str | None = None
    screenshots: list[str] = Field(default_factory=list)
    notes: dict[str, float | str] = Field(default_factory=dict, description="diagnostics")


class Reporter:
    """Creates the run folder, and writes ``run.json`` and the audit line when the run ends."""

    def __init__(self, artifacts_dir: Path, record: RunRecord) -> None:
        self.root = artifacts_dir
        self.record = record
        stamp = record.started_at.strftime("%Y%m%dT%H%M%SZ")
        base = f"{stamp}-{record.runbook}-{slug(record.channel or 'all')}"
        self.run_dir = self._fresh_dir(artifacts_dir / base)
        record.run_dir = str(self.run_dir)

    @staticmethod
    def _fresh_dir(wanted: Path) -> Path:
        try:
            wanted.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BadInput(
                f"cannot create the artifacts folder {wanted.parent} ({exc.strerror}); choose"
                " another with --artifacts or HECT_ARTIFACTS_DIR"
            ) from exc
        for n in range(1, 1000):
            candidate = wanted if n == 1 else wanted.with_name(f"{wanted.name}-{n}")
            try:
                candidate.mkdir()
            except FileExistsError:
                continue
            return candidate
        raise FileExistsError(f"too many runs named {wanted}")

    def path(self, name: str) -> Path:
        return self.run_dir / name

    def finish(self) -> RunRecord:
        record = self.record
        record.finished_at = utcnow()
        record.duration_ms = round(
            (record.finished_at - record.started_at).total_seconds() * 1000, 1
        )
        self.path("run.json").write_text(record.model_dump_json(indent=2) + "\n", encoding="utf-8")
        self._audit(record)
        return record

    def _audit(self, record: RunRecord) -> None:
        line = {
            "at": record.finished_at.isoformat() if record.finished_at else None,
            "runbook": record.runbook,
            "channel": record.channel,
            "outcome": record.outcome,
            "exit_code": record.exit_code,
            "message": record.message,
            "base_url": record.base_url,
            "operator": record.operator,
            "host": socket.gethostname(),
            "user": os.environ.get("USER") or os.environ.get("USERNAME"),
            "run_dir": record.run_dir,
        }
        # One write of one line, appended: concurrent runs never interleave within a line.
        with (self.root / "audit.jsonl").open("a", encoding="utf-8") as audit:
            audit.write(json.dumps(line) + "\n")
