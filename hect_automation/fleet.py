"""``status --all-accounts``: every account of the accounts file, read at once.

The accounts are read in this process by ``workers`` threads. Each thread has a browser of
its own (launched, or its own connection to ``HECT_BROWSER_WS_ENDPOINT`` /
``HECT_BROWSER_CDP_ENDPOINT``: a fleet runs on a browser grid as well), kept for every account
it reads, and each account is read in a browser context of its own, signed in with that
account's login. Each account's reading is what ``status --account NAME`` does: its history,
its audit line, its notices, its table in GitHub's job summary; this module gathers their
documents into one, and their JUnit suites into one file.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from queue import Empty, SimpleQueue
from typing import Any
from xml.etree import ElementTree as ET

from rich.console import Console

from hect_automation import commands, render, reports
from hect_automation.accounts import account_named, load_accounts, with_account
from hect_automation.browser import BrowserSession, open_browser
from hect_automation.config import Settings
from hect_automation.errors import HectError, NeedsReconnect, first_line
from hect_automation.health import Thresholds
from hect_automation.workbench import Workbench


@dataclass
class FleetReport:
    """Each account's status document (or why it could not be read)."""

    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    junit: str = ""  # every account's suite, in one JUnit document

    @property
    def exit_code(self) -> int:
        codes = {doc.get("exit_code", 1) for doc in self.documents.values()}
        return 0 if codes <= {0} else NeedsReconnect.exit_code

    @property
    def outcome(self) -> str:
        return "healthy" if self.exit_code == 0 else "needs-action"

    def document(self) -> dict[str, Any]:
        return {"outcome": self.outcome, "exit_code": self.exit_code, "accounts": self.documents}


@dataclass(frozen=True)
class FleetReading:
    """What every account's reading is asked for."""

    platforms: list[str]
    thresholds: Thresholds
    notify_urls: Sequence[str] = ()


def status_all(settings: Settings, reading: FleetReading, *, workers: int) -> FleetReport:
    """Read every account's status, ``workers`` at a time. Ctrl-C ends it at once: the
    readings under way (which change nothing in HECT) are left to end with the process."""
    names = sorted(load_accounts(settings.accounts))
    waiting: SimpleQueue[str] = SimpleQueue()
    for name in names:
        waiting.put(name)
    documents: dict[str, dict[str, Any]] = {}
    suites: dict[str, str] = {}
    failures: list[BaseException] = []

    def worker() -> None:
        try:
            with ExitStack() as stack:
                session: BrowserSession | None = None
                while True:
                    try:
                        name = waiting.get_nowait()
                    except Empty:
                        return
                    if session is None:
                        session = stack.enter_context(_browser(settings))
                    elif not session.browser.is_connected():
                        session.relaunch()  # the last account's reading lost it: start afresh
                    documents[name], suites[name] = _read(settings, name, session, reading)
        except BaseException as exc:  # its browser would not start: said by the main thread
            failures.append(exc)

    count = max(1, min(workers, len(names)))
    # Daemon threads: a thread held by a page cannot be interrupted, and Ctrl-C must not
    # wait for it (a pool's threads are waited for when Python exits; see left_reading).
    threads = [
        threading.Thread(target=worker, name=f"fleet-{n}", daemon=True) for n in range(count)
    ]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            thread.join()  # Ctrl-C interrupts the wait, and ends the command
    except KeyboardInterrupt:
        _left.extend(t for t in threads if t.is_alive())
        raise
    if failures:
        raise failures[0]
    ordered = {name: documents[name] for name in names}
    return FleetReport(ordered, _merged([suites[name] for name in names if suites[name]]))


_left: list[threading.Thread] = []  # readings Ctrl-C left under way


def left_reading() -> bool:
    """Whether Ctrl-C left readings under way: the process must then end without Python's
    usual shutdown, which would stop those threads inside Playwright and crash."""
    return any(thread.is_alive() for thread in _left)


def _browser(settings: Settings) -> Any:
    return open_browser(
        headed=False,
        executable=settings.browser_executable,
        ws_endpoint=settings.browser_ws_endpoint,
        cdp_endpoint=settings.browser_cdp_endpoint,
        timeout=settings.timeout * 2,
    )


def _read(
    settings: Settings, name: str, session: BrowserSession, reading: FleetReading
) -> tuple[dict[str, Any], str]:
    """One account's status document and JUnit suite, as ``status --account NAME`` gives
    them; an account that cannot be read says why, and the others are read all the same."""
    quiet = Console(file=io.StringIO(), width=100)  # its progress lines: one terminal, many
    bench: Workbench | None = None
    try:
        mine = with_account(settings, name)
        urls = [*reading.notify_urls, *account_named(settings, name).notify]
        bench = Workbench(mine, quiet, interactive=False, given_browser=session.browser)
        report = commands.status(
            bench, reading.platforms, headed=False, thresholds=reading.thresholds
        )
        bench.audit(
            "status", outcome=report.outcome, exit_code=report.exit_code, message=report.summary()
        )
        commands.publish(bench, report, notify_urls=urls, junit_file=None)
        suite = reports.junit(report.health, report.unreadable, bench.account())
        return render.status_document(report, mine.zone), suite
    except HectError as exc:
        if bench is not None:
            bench.audit("status", outcome="failed", exit_code=exc.exit_code, message=str(exc))
        return {"outcome": "failed", "exit_code": exc.exit_code, "message": exc.message}, ""
    except Exception as exc:  # one account's surprise must not end the others' readings
        message = f"unexpected error: {type(exc).__name__}: {first_line(exc)}"
        return {"outcome": "failed", "exit_code": 1, "message": message}, ""


def _merged(suites: list[str]) -> str:
    """One JUnit document of every account's suite (accounts not read have none)."""
    merged = ET.Element("testsuites")
    for text in suites:
        document = ET.fromstring(text)  # noqa: S314 - ours
        merged.extend(document if document.tag == "testsuites" else [document])
    ET.indent(merged)
    return ET.tostring(merged, encoding="unicode", xml_declaration=True) + "\n"
