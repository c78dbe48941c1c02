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
import math
import threading
import time
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from queue import Empty, SimpleQueue
from typing import Any
from xml.etree import ElementTree as ET

from rich.console import Console

from hect_automation import commands, render, reports
from hect_automation.accounts import account_named, load_accounts, with_account
from hect_automation.actions.navigate import Bookmarks
from hect_automation.browser import BrowserSession
from hect_automation.config import Settings
from hect_automation.errors import BrowserLost, HectError, NeedsReconnect, first_line
from hect_automation.health import Thresholds
from hect_automation.workbench import Workbench

ACCOUNT_BOUND = 900.0  # seconds one account's reading may take, sign-in and retries included


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
    bookmarks: Bookmarks = field(default_factory=Bookmarks)  # where the lists are, once found


def status_all(settings: Settings, reading: FleetReading, *, workers: int) -> FleetReport:
    """Read every account's status, ``workers`` at a time, within ``ACCOUNT_BOUND`` seconds
    per account each worker reads. Ctrl-C ends it at once: the readings under way (which
    change nothing in HECT) are left to end with the process."""
    names = sorted(load_accounts(settings.accounts))
    waiting: SimpleQueue[str] = SimpleQueue()
    for name in names:
        waiting.put(name)
    documents: dict[str, dict[str, Any]] = {}
    suites: dict[str, str] = {}
    count = max(1, min(workers, len(names)))
    workers_done = [threading.Event() for _ in range(count)]

    def worker(done: threading.Event) -> None:
        try:
            _work(settings, reading, waiting, documents, suites)
        finally:
            done.set()

    # Daemon threads: a thread held by a page cannot be interrupted, and Ctrl-C must not
    # wait for it (a pool's threads are waited for when Python exits; see left_reading).
    for n, done in enumerate(workers_done):
        threading.Thread(target=worker, args=(done,), name=f"fleet-{n}", daemon=True).start()
    deadline = time.monotonic() + ACCOUNT_BOUND * math.ceil(len(names) / count)
    try:
        for done in workers_done:  # an Event, not Thread.join: see left_reading
            done.wait(max(0.0, deadline - time.monotonic()))
    except KeyboardInterrupt:
        _left.extend(workers_done)
        raise
    why = "not read: no browser could be started for it"  # every worker's failed to start
    if not all(done.is_set() for done in workers_done):
        _left.extend(workers_done)  # a reading hung beyond every bound: said, and left
        why = f"not read within {ACCOUNT_BOUND:g} s"
    for name in names:
        documents.setdefault(name, _failed(8, why))
    ordered = {name: documents[name] for name in names}
    return FleetReport(ordered, _merged([suites[name] for name in names if suites.get(name)]))


def _work(
    settings: Settings,
    reading: FleetReading,
    waiting: SimpleQueue[str],
    documents: dict[str, dict[str, Any]],
    suites: dict[str, str],
) -> None:
    """One worker: take accounts until none is left, reading each with this worker's
    browser; started for the first, started again after a reading lost it. A browser that
    will not start fails the account in hand, and this worker stops (the others go on)."""
    with ExitStack() as stack:
        session: BrowserSession | None = None
        lost = False
        while True:
            try:
                name = waiting.get_nowait()
            except Empty:
                return
            try:
                if session is None:
                    bench = Workbench(settings, Console(file=io.StringIO()), interactive=False)
                    session = stack.enter_context(bench.own_browser(headed=False))
                elif lost:
                    session.relaunch()
            except HectError as exc:
                documents[name] = _failed(exc.exit_code, exc.message)
                return
            except Exception as exc:  # a launch failing in a way not foreseen
                documents[name] = _failed(8, f"the browser would not start: {first_line(exc)}")
                return
            documents[name], suites[name], lost = _read(settings, name, session, reading)


_left: list[threading.Event] = []  # the workers Ctrl-C (or the bound) left reading


def left_reading() -> bool:
    """Whether Ctrl-C left readings under way: the process must then end without Python's
    usual shutdown, which would stop those threads inside Playwright and crash. (An Event
    per worker, because an interrupted ``Thread.join`` marks its thread as stopped while it
    still runs: CPython issue 90882.)"""
    return any(not done.is_set() for done in _left)


def _failed(exit_code: int, message: str) -> dict[str, Any]:
    return {"outcome": "failed", "exit_code": exit_code, "message": message}


def _read(
    settings: Settings, name: str, session: BrowserSession, reading: FleetReading
) -> tuple[dict[str, Any], str, bool]:
    """One account's status document and JUnit suite, as ``status --account NAME`` gives
    them, and whether the browser was lost meanwhile; an account that cannot be read says
    why, and the others are read all the same."""
    quiet = Console(file=io.StringIO(), width=100)  # its progress lines: one terminal, many
    bench: Workbench | None = None
    try:
        mine = with_account(settings, name)
        urls = [*reading.notify_urls, *account_named(settings, name).notify]
        bench = Workbench(mine, quiet, interactive=False, given_browser=session.browser)
        report = commands.status(
            bench,
            reading.platforms,
            headed=False,
            thresholds=reading.thresholds,
            bookmarks=reading.bookmarks,
        )
        bench.audit(
            "status", outcome=report.outcome, exit_code=report.exit_code, message=report.summary()
        )
        commands.publish(bench, report, notify_urls=urls, junit_file=None)
        suite = reports.junit(report.health, report.unreadable, bench.account())
        document, lost = render.status_document(report, mine.zone), False
    except HectError as exc:
        if bench is not None:
            bench.audit("status", outcome="failed", exit_code=exc.exit_code, message=str(exc))
        document, suite = _failed(exc.exit_code, exc.message), ""
        lost = isinstance(exc, BrowserLost)
    except Exception as exc:  # one account's surprise must not end the others' readings
        message = f"unexpected error: {type(exc).__name__}: {first_line(exc)}"
        document, suite, lost = _failed(1, message), "", True  # a browser in an unknown state
    if bench is not None and bench.warnings:
        document["warnings"] = list(bench.warnings)
    return document, suite, lost


def _merged(suites: list[str]) -> str:
    """One JUnit document of every account's suite (accounts not read have none)."""
    merged = ET.Element("testsuites")
    for text in suites:
        document = ET.fromstring(text)  # noqa: S314 - ours
        merged.extend(document if document.tag == "testsuites" else [document])
    ET.indent(merged)
    return ET.tostring(merged, encoding="unicode", xml_declaration=True) + "\n"
