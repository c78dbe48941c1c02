"""The census: a reconnect stopped in each phase by each ending tells the truth about HECT,
writes its record, leaks nothing, and exits with the documented code.

Each case runs the real command as a process of its own (signals, a browser it launched,
its own Playwright driver). The sandbox holds one request of the phase (``Tenant.hold``), so
the ending arrives at a known moment; the request is let go once the ending is delivered.
Phases: before the hand-off (the channel list loading), during it (Amazon's consent page
loading), after the link (HECT has linked the channel, its success page is loading), during
verification (the list read again), during the order poll (the poll sent). Endings: Ctrl-C,
SIGTERM, the window closed, the browser killed, Playwright's driver killed, the disk full.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from hect_automation import History
from hect_automation.sandbox import Hold, Tenant
from tests.conftest import SIMULATED_UK, Cli

pytestmark = pytest.mark.e2e

LIST = "/settings/sales-channels/amazon"


@dataclass(frozen=True)
class Phase:
    name: str
    hold: Callable[[Tenant], Hold]
    changed: bool  # HECT has linked the channel by the time the ending arrives
    window: str  # the window a person would close then: HECT's ("hect") or the private one


PHASES = {
    p.name: p
    for p in (
        Phase("before", lambda t: t.hold(LIST, method="GET"), False, "hect"),
        Phase(
            "hand-off",
            lambda t: t.hold("/ap/signin", site="amazon", method="POST"),
            False,
            "amazon",
        ),
        Phase("after-link", lambda t: t.hold("/amazon/callback", after=True), True, "amazon"),
        Phase("verification", lambda t: t.hold(LIST, method="GET", nth=2), True, "hect"),
        Phase("order-poll", lambda t: t.hold("/order-poll", method="POST"), True, "hect"),
    )
}
ENDINGS = ("ctrl-c", "sigterm", "window", "browser", "driver", "disk")


def expected_code(phase: Phase, ending: str) -> int:
    """The documented exit code of each case."""
    if ending == "disk":
        return 0  # a full disk ends nothing: the run goes on and warns
    if phase.changed:
        return 12  # reconnected and verified (by the run or by its closing read); no poll
    return 8 if ending in {"browser", "driver"} else 5


# -- the process and what it runs on ----------------------------------------------------------
def children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(parent, []).append(int(entry.name))
    return tree


def descendants(pid: int) -> list[tuple[int, str]]:
    """Every process below ``pid``, with its command line."""
    tree, found, todo = children(), [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            try:
                line = (Path("/proc") / str(child) / "cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            found.append((child, line.decode(errors="replace")))
            todo.append(child)
    return found


def kill_browser(pid: int) -> None:
    """Kill the Chromium the command launched (every one of its processes)."""
    for child, line in descendants(pid):
        if "chrom" in line and "run-driver" not in line:
            os.kill(child, signal.SIGKILL)


def kill_driver(pid: int) -> None:
    [driver] = [child for child, line in descendants(pid) if "run-driver" in line]
    os.kill(driver, signal.SIGKILL)


def close_window(endpoint: str, account: Tenant, site: str) -> None:
    """Close the window showing ``site`` (HECT's tab, or the private window on Amazon) in the
    command's browser, over the DevTools HTTP endpoint, as a person closing it would."""
    origin = account.urls[site]  # type: ignore[index]
    with urllib.request.urlopen(f"{endpoint}/json/list", timeout=5) as answer:  # noqa: S310
        pages = [t for t in json.load(answer) if t["type"] == "page"]
    chosen = [t for t in pages if t["url"].startswith(origin + "/")]
    assert chosen, f"no window on {origin} among {[t['url'] for t in pages]}"
    for target in chosen:  # a window's every tab
        with urllib.request.urlopen(f"{endpoint}/json/close/{target['id']}", timeout=5):  # noqa: S310
            pass


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB file system of its own (tmpfs), to fill up at the worst moment."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"a full disk needs a tmpfs mount (root): {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> None:
    with (disk / "filler").open("wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass


# -- the census ------------------------------------------------------------------------------
@dataclass
class Case:
    phase: Phase
    ending: str
    cli: Cli
    account: Tenant
    disk: Path | None = None

    def env(self, endpoint: str) -> dict[str, str]:
        folder = self.disk or self.cli.cwd
        return self.cli.env(
            HECT_BROWSER_CDP_ENDPOINT=endpoint if self.ending == "window" else "",
            HECT_ARTIFACTS_DIR=str(folder / "runs"),
            HECT_HISTORY=str(folder / "history.sqlite3"),
            HECT_TRACE="retain-on-failure",
        )

    def start(self, endpoint: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "hect_automation", *SIMULATED_UK, "--json"],
            cwd=self.cli.cwd,
            env=self.env(endpoint),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def deliver(self, process: subprocess.Popen[str], endpoint: str) -> None:
        if self.ending in {"ctrl-c", "sigterm"}:
            process.send_signal(signal.SIGINT if self.ending == "ctrl-c" else signal.SIGTERM)
        elif self.ending == "window":
            close_window(endpoint, self.account, self.phase.window)
        elif self.ending == "browser":
            kill_browser(process.pid)
        elif self.ending == "driver":
            kill_driver(process.pid)
        else:
            assert self.disk is not None
            fill(self.disk)


def run_case(case: Case, endpoint: str) -> tuple[int, str, str]:
    hold = case.phase.hold(case.account)
    process = case.start(endpoint)
    try:
        hold.wait_reached(60)  # a whole run's way to the hold, on a host busy with the census
        case.deliver(process, endpoint)
        if case.ending in {"ctrl-c", "sigterm"}:
            # The signal is handled before the held request goes on (else a run that finished
            # its step first would rightly say so, and the case would test nothing).
            with suppress(subprocess.TimeoutExpired):
                process.wait(timeout=20)
    finally:
        hold.release()
        try:
            out, err = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
    return process.returncode, out, err


SECRETS = ("sandbox-hect-pass", "sandbox-amazon-uk", "spapi_oauth_code=ANspapi")


def assert_no_secret(where: Path, *texts: str) -> None:
    blobs = list(texts)
    for path in where.rglob("*"):
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                blobs += [archive.read(n).decode(errors="replace") for n in archive.namelist()]
        elif path.is_file():
            blobs.append(path.read_text(errors="replace"))
    for secret in SECRETS:
        assert not any(secret in blob for blob in blobs), f"{secret!r} leaked"


# Every run of the suite takes these: each ending, each phase, and the cases the issue found
# untrue; ``./run-tests --census`` takes all 30.
ALWAYS = {  # each ending once, each phase at least once; the other 24 run with --census
    ("before", "sigterm"),
    ("hand-off", "window"),
    ("hand-off", "driver"),
    ("after-link", "browser"),
    ("verification", "disk"),
    ("order-poll", "ctrl-c"),
}
CENSUS = [
    pytest.param(p, e, id=f"{p}-{e}", marks=() if (p, e) in ALWAYS else pytest.mark.census)
    for p in PHASES
    for e in ENDINGS
]


@pytest.mark.parametrize(("phase_name", "ending"), CENSUS)
def test_every_ending_in_every_phase_tells_the_truth(
    phase_name: str, ending: str, cli: Cli, account: Tenant, cdp_endpoint: str, request: Any
) -> None:
    phase = PHASES[phase_name]
    disk = request.getfixturevalue("small_disk") if ending == "disk" else None
    case = Case(phase, ending, cli, account, disk)
    code, out, err = run_case(case, cdp_endpoint)

    channel = account.channel_named("Amazon UK")
    linked = not channel.expired
    assert linked == (phase.changed or ending == "disk"), err
    assert code == expected_code(phase, ending), err
    assert "Traceback" not in err
    document = json.loads(out)  # one JSON document, however it ended
    assert document["exit_code"] == code and document["outcome"]
    message = document["message"]
    if linked:
        assert "nothing changed" not in message and "changed nothing" not in message
    else:
        assert "nothing changed" in message or "changed nothing" in message, message
    if code == 12:
        assert 'hect-runbook order-poll amazon --channel "Amazon UK" --from' in message
    folder = (disk or cli.cwd) / "runs"
    if ending == "disk":
        assert "Warning: could not write" in err  # and the ending is still said in full
        assert document["outcome"] == "verified"
    else:
        [record] = [json.loads(p.read_text()) for p in folder.glob("*/run.json")]
        assert record["exit_code"] == code and record["message"] == message
        audit = [json.loads(line) for line in (folder / "audit.jsonl").read_text().splitlines()]
        assert audit[-1]["exit_code"] == code
        remembered = History(cli.cwd / "history.sqlite3", record["account"]).runs()
        assert [r.exit_code for r in remembered] == [code]
    assert_no_secret(folder if folder.exists() else cli.cwd, out, err)
