"""How healthy each channel is: one state, a reason, and the command that fixes it.

States, most urgent first (Nagios' warning/critical convention, peers' words):

- ``RELINK_NEEDED``: HECT shows the token expired (or revoked, awaiting authorisation);
- ``SELLER_CHANGED``: connected, but to another seller than the one it should have (the
  local history: the seller last verified, or the one a run meant to link when it linked
  the wrong one), or its last run linked the wrong account;
- ``CRITICAL``: expires within the critical days (default 7);
- ``EXPIRING``: expires within the warning days (default 30);
- ``UNKNOWN``: HECT's list could not be read, or shows neither a status nor a date;
- ``OK``.

``status`` and ``reconnect`` agree: a channel in any state but OK and UNKNOWN is due.
"""

from __future__ import annotations

import math
import shlex
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from hect_automation.hect.channels import ChannelRecord


class State(StrEnum):
    RELINK_NEEDED = "RELINK_NEEDED"
    SELLER_CHANGED = "SELLER_CHANGED"
    CRITICAL = "CRITICAL"
    EXPIRING = "EXPIRING"
    UNKNOWN = "UNKNOWN"
    OK = "OK"


@dataclass(frozen=True)
class Thresholds:
    warn_days: int = 30
    critical_days: int = 7


def days_left(expiry: datetime | None, now: datetime) -> int | None:
    """Whole days until ``expiry``, rounded toward zero (3 days ago is -3, not -4)."""
    if expiry is None:
        return None
    days = (expiry - now).total_seconds() / 86400
    return math.floor(days) if days >= 0 else -math.floor(-days)


@dataclass(frozen=True)
class Health:
    """One channel's state and what to do about it."""

    platform: str
    record: ChannelRecord
    state: State
    reason: str
    days_left: int | None
    fix: str  # the command that fixes it ("" when nothing is to be done)
    owed_poll_from: str | None = None  # an order poll still owed, from when

    @property
    def needs_action(self) -> bool:
        return self.state is not State.OK or self.owed_poll_from is not None

    def to_json(self, zone: ZoneInfo) -> dict[str, object]:
        return {
            "platform": self.platform,
            **self.record.to_json(zone),
            "days_left": self.days_left,
            "state": self.state.value,
            "reason": self.reason,
            "needs_action": self.needs_action,
            "fix": self.fix or None,
            "order_poll_owed_from": self.owed_poll_from,
        }


def assess(
    platform: str,
    record: ChannelRecord,
    *,
    thresholds: Thresholds,
    expected_seller: str | None,
    last_exit: int | None,
    owed_poll_from: str | None,
    now: datetime,
    account: str | None = None,
) -> Health:
    """The state of one channel as HECT showed it, with the history's memory; the fix names
    the ``account`` (``--account``) when one was used."""
    left = days_left(record.expiry, now)
    on = f" --account {shlex.quote(account)}" if account else ""
    cmd = f'hect-runbook reconnect {platform} --channel "{record.name}"{on}'
    state, reason, fix = State.OK, "connected", ""
    if record.expired:
        state, reason, fix = State.RELINK_NEEDED, f"HECT shows {record.status or 'it expired'}", cmd
    elif expected_seller and record.seller and record.seller != expected_seller:
        reason = f"connected to seller {record.seller}, not {expected_seller} as it should be"
        state, fix = State.SELLER_CHANGED, f"{cmd} --force"
    elif last_exit == 7:
        reason = "its last reconnect linked the wrong account or a duplicate (exit 7)"
        state, fix = State.SELLER_CHANGED, f"{cmd} --force"
    elif left is not None and left < thresholds.critical_days:
        state, reason, fix = State.CRITICAL, f"token expires in {left} days", cmd
    elif left is not None and left < thresholds.warn_days:
        state, reason, fix = State.EXPIRING, f"token expires in {left} days", cmd
    elif record.expired is None and left is None:
        state, reason = State.UNKNOWN, "HECT shows neither a status nor an expiry"
    elif owed_poll_from is not None:
        reason = "an order poll is still owed"
        poll = f'hect-runbook order-poll {platform} --channel "{record.name}"'
        fix = f'{poll} --from "{owed_poll_from}"{on}'
    return Health(platform, record, state, reason, left, fix, owed_poll_from)
