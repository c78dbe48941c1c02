"""The person at the other end of the hand-off: a real one at a terminal, or a simulated one.

The engine owns the waiting (for the success image, a failure, a closed window, the
deadline); an operator is told what is going on and, if simulated, acts on the page states
it recognises: the marketplace's sign-in, one-time code, account picker and consent pages,
as its platform's registry entry describes them (``platforms.Cue``), found by visible labels.
"""

from __future__ import annotations

import ipaddress
import select
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page
from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from hect_automation.errors import BadInput, OperatorDidNotFinish
from hect_automation.hect.capture import PrivateWindow
from hect_automation.hect.channels import ChannelRecord
from hect_automation.locate import ALERT, fill_secret, pick, shown_text
from hect_automation.platforms import Cue, Platform
from hect_automation.runbook import Target

MAX_TRIES_PER_PAGE = 3
ANSWER_WITHIN = 120.0  # seconds a question at the terminal waits for its answer


@dataclass(frozen=True)
class MarketplaceLogin:
    """What the simulated operator types on the marketplace (all of it secret)."""

    login: str
    password: str = field(repr=False)
    otp: str | None = field(default=None, repr=False)


@dataclass
class HandOff:
    """What the person is asked to do, for which channel and account; and, for an operator
    elsewhere, the private window to show them, what they did, and which button they pressed."""

    platform: Platform
    channel: ChannelRecord
    expected_seller: str
    tell: list[str]
    timeout: float
    window: PrivateWindow | None = None
    browser: Browser | None = None
    hect_host: str = ""
    journal: list[dict[str, str]] = field(
        default_factory=list
    )  # viewers and buttons, for the record
    pressed: str | None = None  # "done" or "cant", from the hand-off page
    link: str = field(default="", repr=False)  # --operator watch: the marketplace's own link

    @property
    def account_hint(self) -> str:
        label = self.platform.label
        if not self.expected_seller:
            return f"the {label} {self.platform.account_word} this channel was first set up with"
        where = f", marketplace {self.channel.marketplace}" if self.channel.marketplace else ""
        hint = (
            f"the {label} {self.platform.account_word} with Seller ID {self.expected_seller}{where}"
        )
        if self.channel.seller and self.channel.seller != self.expected_seller:
            hint += f" (HECT now shows {self.channel.seller}: the wrong seller)"
        return hint


class Operator(Protocol):
    kind: str
    remind_every: float
    cues: list[Cue]

    def begin(self, task: HandOff) -> None: ...

    def act(self, cue: Cue, page: Page, task: HandOff) -> None: ...

    def remind(self, remaining: float, task: HandOff) -> None: ...

    def say(self, text: str) -> None: ...

    def end(self, task: HandOff) -> None: ...

    def poll_from(self, default: datetime, channel: str) -> datetime | None: ...

    def close(self) -> None: ...


def clock(seconds: float) -> str:
    minutes, secs = divmod(max(0, int(seconds)), 60)
    return f"{minutes}:{secs:02d}"


class OperatorDefaults:
    """What an operator does unless it says otherwise: nothing is left to end or close after
    a hand-off, and the order poll starts at its default."""

    def end(self, task: HandOff) -> None:
        return None

    def close(self) -> None:
        return None

    def poll_from(self, default: datetime, channel: str) -> datetime | None:
        return default


@dataclass
class PersonOperator(OperatorDefaults):
    """What every operator with a person behind it shares: the person acts on the pages, the
    tool only talks (in yellow on stderr)."""

    console: Console

    def act(self, cue: Cue, page: Page, task: HandOff) -> None:  # the person acts, not us
        return None

    def say(self, text: str) -> None:
        self.console.print(text, style="yellow", markup=False)


@dataclass
class TerminalOperator(PersonOperator):
    """A person at a terminal: a clear panel on stderr, reminders, and their answers."""

    interactive: bool
    kind: str = "terminal"
    remind_every: float = 60.0
    cues: list[Cue] = field(default_factory=list)

    def begin(self, task: HandOff) -> None:
        label = task.platform.label
        body = Text()
        body.append(f"A private {label} window is open (it shares no logins with anything).\n\n")
        body.append("Use: ", style="bold")
        body.append(task.account_hint + "\n\n", style="bold yellow")
        for number, line in enumerate(task.tell, start=1):
            body.append(f"  {number}. {line}\n")
        body.append(f"\nTime left: {clock(task.timeout)}.  ", style="bold")
        body.append("Press Ctrl-C here to abort; closing the window also aborts.")
        title = f"Your turn: reconnect {label} channel '{task.channel.name}'"
        panel = Panel(body, title=title, border_style="yellow", expand=False)
        self.console.print(panel, soft_wrap=False)  # wrapped to the terminal, never cut off

    def remind(self, remaining: float, task: HandOff) -> None:
        self.say(
            f"Still waiting for you to finish in the {task.platform.label} window for "
            f"'{task.channel.name}': {clock(remaining)} left (Ctrl-C aborts)."
        )

    def poll_from(self, default: datetime, channel: str) -> datetime | None:
        """Ask when the order poll should start; bounded, and a typo is asked again."""
        if not self.interactive:
            return default
        question = (
            f"Run an order poll for '{channel}' from {default:%d/%m/%Y %H:%M} (when the token "
            "expired)? Enter to accept, type another date-time (DD/MM/YYYY HH:MM), or 'skip':"
        )
        for _ in range(3):
            answer = self._ask(question)
            if answer is None:
                self.console.print(f"No answer: polling from {default:%d/%m/%Y %H:%M}.")
                return default
            if answer.lower() in {"skip", "s", "no", "n"}:
                return None
            try:
                return poll_start(answer) if answer else default
            except BadInput as exc:
                question = f"{exc.message}. Try again:"
        return default

    def _ask(self, question: str) -> str | None:
        """A line typed at the terminal within ANSWER_WITHIN seconds, else None."""
        self.console.print(question, markup=False, end=" ")
        ready, _, _ = select.select([sys.stdin], [], [], ANSWER_WITHIN)
        return sys.stdin.readline().strip() if ready else None


@dataclass
class SimulatedOperator(OperatorDefaults):
    """Signs in and consents as a person would, by visible labels: sandbox and demo only."""

    login: Callable[[Platform, ChannelRecord, str], MarketplaceLogin]
    note: Callable[[str], None] = lambda _: None
    kind: str = "simulated"
    remind_every: float = 30.0
    cues: list[Cue] = field(default_factory=list)
    _tries: dict[tuple[str, str], int] = field(default_factory=dict)

    def begin(self, task: HandOff) -> None:
        self.cues = list(task.platform.cues)
        self._tries.clear()
        self.note(f"Simulated operator signing in as {task.account_hint}")

    def act(self, cue: Cue, page: Page, task: HandOff) -> None:
        if not is_loopback(page.url):
            raise BadInput(f"the simulated operator types only on loopback hosts, not {page.url}")
        key = (cue.name, page.url)
        self._tries[key] = self._tries.get(key, 0) + 1
        if self._tries[key] > MAX_TRIES_PER_PAGE:
            reason = shown_text(page, ALERT) or "the page did not move on"
            raise OperatorDidNotFinish(f"the simulated operator is stuck at {cue.name}: {reason}")
        element = pick(page, cue.targets)
        if element is None:
            return  # the page moved on while we looked: the engine will look again
        at = self.cues.index(cue)  # the pages after this one are looked for first from now on
        self.cues = [*self.cues[at + 1 :], *self.cues[: at + 1]]
        if cue.fill:
            secret = self.login(task.platform, task.channel, task.expected_seller)
            value = {"login": secret.login, "password": secret.password, "otp": secret.otp}[
                cue.fill
            ]
            if not value:
                raise OperatorDidNotFinish(f"the account asks for its {cue.fill} and none is known")
            fill_secret(element, value, f"the {cue.name} field")  # typed on a marketplace: secret
        if cue.tick:
            element.check()
        if cue.click:
            element.click()
        names = (
            (task.channel.marketplace or "United Kingdom",) if cue.press_marketplace else cue.press
        )
        if names:
            press(page, *names)

    def remind(self, remaining: float, task: HandOff) -> None:
        return None

    def say(self, text: str) -> None:
        self.note(text)


def press(page: Page, *names: str) -> None:
    """Press the first visible button or link with one of these names, as a person would."""
    targets = [
        Target(role=role, name=name, exact=True) for name in names for role in ("button", "link")
    ]
    found = pick(page, targets)
    if found is None:
        raise OperatorDidNotFinish(f"the simulated operator found no {' or '.join(names)} button")
    found.click()


def parse_datetime(text: str) -> datetime:
    """A date-time as a person types it: ISO 8601 or DD/MM/YYYY [HH:MM]."""
    for pattern in ("%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern)
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(text.strip()).replace(tzinfo=None)
    except ValueError:
        raise BadInput(
            f"{text!r} is not a date and time; use DD/MM/YYYY HH:MM or 2026-11-20T09:30"
        ) from None


def poll_start(text: str) -> datetime:
    """An order poll's start as typed: a date-time, and not in the future (HECT refuses it)."""
    when = parse_datetime(text)
    if when > datetime.now():
        raise BadInput(
            f"{when:%d/%m/%Y %H:%M} is in the future; an order poll fetches orders already "
            "placed, so give a time in the past"
        )
    return when


def is_loopback(url: str) -> bool:
    """Whether ``url`` is on this machine: localhost, ``*.localhost`` or a loopback address."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def stderr_console() -> Console:
    return Console(
        stderr=True,
        highlight=False,
        soft_wrap=True,
        force_terminal=None if sys.stderr.isatty() else False,
    )
