"""What every step kind shares: the run's services, the typed results phases hand on, and the
one Protocol each step kind implements.

A runbook's steps are checked at load time to come in this order: ``open_hect``, any
``click``, ``open_isolated``, ``await_operator``, ``verify``, then an optional
``order_poll``. So each step takes what the one before it returned: ``open_isolated``
returns what it ``Opened`` (the channel, the list before, the private window); the hand-off
takes that and returns ``Linked``; verification takes that and returns ``Verified``; the
order poll takes that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from playwright.sync_api import Browser, Page

from hect_automation.boundary import translated
from hect_automation.config import Settings
from hect_automation.errors import HectError
from hect_automation.hect.capture import Held, PrivateWindow
from hect_automation.hect.channels import ChannelList, ChannelRecord
from hect_automation.hect.reader import QUICK_LOOK, ChannelReader
from hect_automation.hect.session import HectSite
from hect_automation.operator import Operator
from hect_automation.platforms import Platform, platform
from hect_automation.report import Outcome, RunRecord, Verification, write_private_bytes
from hect_automation.runbook import Runbook

if TYPE_CHECKING:
    from hect_automation.actions.prepare import Prepared

# A failure photo's bound (see RunContext.photograph).
PHOTO_BOUND_MS = 2000


@dataclass(frozen=True)
class RunOptions:
    """Choices made on the command line for one run."""

    force: bool = False
    smoke: bool = False
    order_poll_from: datetime | None = None
    order_poll: bool = True
    accept_seller: str | None = None
    warn_days: int = 30


class Listener(Protocol):
    """Who hears about the run as it goes (the terminal, a test)."""

    def step_started(self, index: int, total: int, say: str, action: str) -> None: ...

    def step_finished(self, index: int, status: str, detail: str, seconds: float) -> None: ...

    def say(self, text: str) -> None: ...


class Memory(Protocol):
    """What the run asks of the local history (``history.History``; a no-op when lost)."""

    def expected_seller(self, platform: str, channel: str) -> str | None: ...

    def last_outcome(self, platform: str, channel: str) -> tuple[int, str] | None: ...

    def record_run(self, record: RunRecord) -> list[str]: ...


class Tracer(Protocol):
    """The HECT context's trace: paused while the person works in the private window."""

    def pause(self) -> None: ...

    def resume(self) -> None: ...


class StopRun(Exception):
    """Ends a run early and successfully (nothing to do, or a smoke check done)."""

    def __init__(self, outcome: Outcome, message: str) -> None:
        super().__init__(message)
        self.outcome = outcome
        self.message = message


@dataclass
class RunContext:
    """One execution's services: settings, the browser, HECT's tab, the person, the record."""

    runbook: Runbook
    inputs: dict[str, str]
    settings: Settings
    options: RunOptions
    browser: Browser
    site: HectSite
    operator: Operator
    listener: Listener
    record: RunRecord
    run_dir: Path
    memory: Memory
    tracer: Tracer
    navigate_to_list: Callable[[], None]
    notes: list[str] = field(default_factory=list)
    windows: list[PrivateWindow] = field(default_factory=list)  # every private window opened
    hect_may_change: bool = False  # set once the connect control's request is sent
    prepared: Prepared | None = None  # its first steps, done while the person was busy before
    handing_over: Callable[[], None] = lambda: None  # the hand-off has begun (a batch's cue)

    @property
    def platform(self) -> Platform:
        return platform(self.runbook.platform)

    @property
    def channel_name(self) -> str:
        return self.inputs.get("channel", "")

    def timeout(self, step: Any) -> float:
        return float(step.timeout or self.settings.timeout)

    def say(self, text: str) -> None:
        self.notes.append(text)
        self.listener.say(text)

    def reader(self, timeout: float) -> ChannelReader:
        site = self.site
        return ChannelReader(
            site.ensure_page(),
            self.platform,
            timeout,
            click=site.click,
            note=self.say,
            way=site.way,
        )

    def reopen_list(self, url: str, timeout: float) -> ChannelReader:
        """Back on the channel list: at its address, else by the runbook's own steps."""
        self.site.open(url)
        if self.reader(min(timeout, QUICK_LOOK)).on_screen(quick=True):  # none may come
            return self.reader(timeout)
        self.say("The channel list did not show at its address; following the steps again")
        self.navigate_to_list()
        return self.reader(timeout)

    def list_as_verified(self, verified: Verified, timeout: float) -> ChannelRecord:
        """The verified channel's record, to act on: where verification just read it if the
        page still shows it there (no second load of the list), else on the list reopened."""
        reader, result = verified.reader, verified.result
        if reader is not None and reader.page is self.site.page and reader.shows(result):
            return result
        return self.reopen_list(verified.opened.list_url, timeout).find(verified.opened.target.name)

    def photograph(self, page: Page, name: str) -> None:
        """Keep a screenshot of ``page`` as ``name`` in the run folder. A page that cannot be
        photographed (closed, its browser gone) or a full disk is a note, never an ending.

        The bound is short: a capture takes a tenth of a second, but while a navigation is
        under way (the run ended on a page still loading) Playwright waits for it to arrive
        (playwright#9757), and an ending must not wait on its evidence."""
        try:
            with translated(f"photograph {name}"):
                data = page.screenshot(timeout=PHOTO_BOUND_MS)
        except HectError:
            return
        path = self.run_dir / name
        try:
            write_private_bytes(path, data)
        except OSError as exc:
            self.say(f"Warning: could not keep {name} ({exc.strerror or exc})")
            return
        self.record.screenshots.append(str(path))


@dataclass(frozen=True)
class Opened:
    """What ``open_isolated`` found and opened: from here on HECT may change."""

    target: ChannelRecord  # the channel as HECT showed it before
    before: ChannelList  # every channel of the platform before
    list_url: str
    expected_seller: str  # the seller that should be linked afterwards
    window: PrivateWindow
    held: Held
    again: Callable[[], PrivateWindow] | None = None  # the connect control clicked afresh


@dataclass(frozen=True)
class Linked:
    """The hand-off ended with HECT's success page, or the window back on HECT."""

    opened: Opened
    how: str
    success_seen: bool
    hect_status: int | None = None  # HECT's answer when the window came back (a 500, say)


@dataclass(frozen=True)
class Verified:
    """HECT read again: the channel reconnected to the right seller, and only it."""

    opened: Opened
    result: ChannelRecord
    verification: Verification
    reader: ChannelReader | None = None  # the reader of that list, while the page shows it


class Action(Protocol):
    """One step kind: how to describe a step of it, and how to carry it out, given what the
    step before returned; returns what it hands on and a one-line detail."""

    def describe(self, step: Any) -> str: ...

    def perform(self, step: Any, ctx: RunContext, given: Any) -> tuple[Any, str]: ...
