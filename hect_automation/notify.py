"""Notices on change: when a channel's health changes, and when it recovers, say so once.

``status --notify URL`` sends through Apprise (Slack, Teams, email over SMTP, a JSON
webhook… any Apprise URL), so no client is written here. What was last said about each
channel is kept in the history (``notices``), so an unchanged run says nothing:

- a channel seen for the first time is announced only if it needs action;
- after that, a notice goes whenever its state changes, including back to OK (a recovery);
- what was said is remembered per receiver: one that could not be reached is tried again
  next run, and the others are not told twice.

A notice names the account, the channel, its state, the days left and the command that
fixes it; never a password or a token (the account is the HECT login's address).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hect_automation.errors import BadInput
from hect_automation.health import Health, State
from hect_automation.history import History
from hect_automation.platforms import platform

if TYPE_CHECKING:
    import apprise


@dataclass(frozen=True)
class Notice:
    title: str
    body: str
    health: Health


def due(item: Health, said: str | None) -> Notice | None:
    """The notice a channel's reading calls for, given what was last said to a receiver:
    a change of state (a first sighting only when it needs action), or None."""
    state = _state(item)
    if said == state or (said is None and not item.needs_action):
        return None
    return _notice(item, recovered=said is not None and not item.needs_action)


def _state(item: Health) -> str:
    return "ORDER_POLL_OWED" if item.state is State.OK and item.needs_action else item.state.value


def _notice(item: Health, *, recovered: bool) -> Notice:
    label = platform(item.platform).label
    name = item.record.name
    if recovered:
        title = f"HECT: {label} channel '{name}' is OK again"
    else:
        title = f"HECT: {label} channel '{name}' is {_state(item)}"
    lines = [f"Channel: {name} ({label})", f"State: {_state(item)}", f"Why: {item.reason}"]
    if item.days_left is not None:
        lines.append(f"Days left: {item.days_left}")
    if item.fix:
        lines.append(f"Fix: {item.fix}")
    return Notice(title, "\n".join(lines), item)


def _receiver() -> apprise.Apprise:
    """An empty Apprise. Apprise is imported only where a notice may be sent: it is a
    fifth of the command line's start-up, which every other command spares."""
    import apprise  # noqa: PLC0415 - only with --notify

    return apprise.Apprise()


def check_urls(urls: Sequence[str]) -> None:
    """Refuse, before anything runs, a notification URL Apprise cannot use (exit 2). The
    URL is not repeated: it may hold a token."""
    for index, url in enumerate(urls, start=1):
        if not _receiver().add(url):
            raise BadInput(
                f"--notify URL number {index} is not a notification URL Apprise knows; see "
                "https://github.com/caronc/apprise/wiki for the form of each service's URL"
            )


def send(
    urls: Sequence[str], health: Sequence[Health], history: History, account: str
) -> tuple[int, list[str]]:
    """Send each receiver the notices it is due (what was said is remembered per receiver,
    so one that failed is tried again next time without repeating the others); how many
    were sent, and the problems, as warnings."""
    logging.getLogger("apprise").setLevel(logging.CRITICAL)  # its messages may quote URLs
    sent, problems = 0, []
    for index, url in enumerate(urls, start=1):
        receiver = _receiver()
        receiver.add(url)
        tag = hashlib.sha256(url.encode()).hexdigest()[:12]
        for item in health:
            key = f"{item.record.name}#{tag}"
            notice = due(item, history.noticed(item.platform, key))
            if notice is None:
                continue
            if receiver.notify(title=notice.title, body=f"Account: {account}\n{notice.body}"):
                history.notice(item.platform, key, _state(item))
                sent += 1
            else:
                problems.append(
                    f"a notice to --notify URL number {index} ('{notice.title}') could not be"
                    " delivered; the next run tries again"
                )
    return sent, problems
