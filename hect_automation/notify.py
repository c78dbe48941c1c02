"""Notices on change: when a channel's health changes, and when it recovers, say so once.

``status --notify URL`` sends through Apprise (Slack, Teams, email over SMTP, a JSON
webhook… any Apprise URL), so no client is written here. What was last said about each
channel is kept in the history (``notices``), so an unchanged run says nothing:

- a channel seen for the first time is announced only if it needs action;
- after that, a notice goes whenever its state changes, including back to OK (a recovery);
- a notice that could not be delivered is not remembered, so the next run tries again.

A notice names the account, the channel, its state, the days left and the command that
fixes it; never a password or a token (the account is the HECT login's address).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import apprise

from hect_automation.errors import BadInput
from hect_automation.health import Health, State
from hect_automation.history import History
from hect_automation.platforms import platform


@dataclass(frozen=True)
class Notice:
    title: str
    body: str
    health: Health


def notices(health: Sequence[Health], history: History, account: str) -> list[Notice]:
    """The notices this reading calls for: each channel whose state changed since the last
    notice (a first sighting only when it needs action)."""
    due = []
    for item in health:
        said = history.noticed(item.platform, item.record.name)
        state = _state(item)
        if said == state or (said is None and not item.needs_action):
            continue
        due.append(_notice(item, account, recovered=said is not None and not item.needs_action))
    return due


def _state(item: Health) -> str:
    return "ORDER_POLL_OWED" if item.state is State.OK and item.needs_action else item.state.value


def _notice(item: Health, account: str, *, recovered: bool) -> Notice:
    label = platform(item.platform).label
    name = item.record.name
    if recovered:
        title = f"HECT: {label} channel '{name}' is OK again"
    else:
        title = f"HECT: {label} channel '{name}' is {_state(item)}"
    lines = [f"Account: {account}", f"Channel: {name} ({label})", f"State: {_state(item)}"]
    lines.append(f"Why: {item.reason}")
    if item.days_left is not None:
        lines.append(f"Days left: {item.days_left}")
    if item.fix:
        lines.append(f"Fix: {item.fix}")
    return Notice(title, "\n".join(lines), item)


def check_urls(urls: Sequence[str]) -> None:
    """Refuse, before anything runs, a notification URL Apprise cannot use (exit 2)."""
    for url in urls:
        if not apprise.Apprise().add(url):
            scheme = url.split("://", 1)[0] if "://" in url else url[:20]
            raise BadInput(
                f"--notify: '{scheme}://…' is not a notification URL Apprise knows; see "
                "https://github.com/caronc/apprise/wiki for the form of each service's URL"
            )


def send(urls: Sequence[str], due: Sequence[Notice], history: History) -> list[str]:
    """Send each notice to every URL; remember those delivered. Problems, as warnings."""
    logging.getLogger("apprise").setLevel(logging.CRITICAL)  # its messages may quote URLs
    problems = []
    for notice in due:
        target = apprise.Apprise()
        for url in urls:
            target.add(url)
        if target.notify(title=notice.title, body=notice.body):
            item = notice.health
            history.notice(item.platform, item.record.name, _state(item))
        else:
            problems.append(f"the notice '{notice.title}' could not be delivered; next run retries")
    return problems
