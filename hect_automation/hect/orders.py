"""HECT's Order Polling, as a person uses it: from the channel's row, give the date and time
of the oldest order, start the poll, and read HECT's confirmation.

Starting a poll changes state, so it is never blindly repeated: if the submission meets an
error, the poll page is read first, and the poll is submitted again only if HECT does not
already show it.
"""

from __future__ import annotations

import re
from datetime import datetime

from playwright.sync_api import Locator, Page

from hect_automation.errors import BadInput, HectUnavailable, PageMismatch
from hect_automation.hect.channels import read_channel_list, record_locator
from hect_automation.hect.session import HectSite
from hect_automation.locate import ALERT, describe, first_visible, pick, shown_text
from hect_automation.runbook import Target

OPEN_POLL = [
    Target(role="link", name="/order poll/i"),
    Target(role="button", name="/order poll/i"),
    Target(role="link", name="/poll orders/i"),
    Target(role="button", name="/poll orders/i"),
]
SINCE = [
    Target(label="/oldest order/i"),
    Target(label="/date (and|&) time/i"),
    Target(label="/poll(ing)? from|orders? from|from date/i"),
]
START = [
    Target(role="button", name="/start order poll|start poll|poll orders|run order poll/i"),
    Target(role="button", name="/^\\W*(submit|start|save)\\W*$/i"),
]
CONFIRMED = [
    Target(text="/order poll (is )?(queued|in progress|started|scheduled)/i"),
    Target(text="/(queued|started|scheduled) (an |the )?order poll/i"),
]


def _value_for(field: Locator, since: datetime) -> str:
    """The date and time written the way this field takes it."""
    kind = (field.get_attribute("type") or "text").lower()
    if kind == "datetime-local":
        return since.strftime("%Y-%m-%dT%H:%M")
    if kind == "date":
        return since.strftime("%Y-%m-%d")
    placeholder = (field.get_attribute("placeholder") or "").upper()
    if placeholder.startswith("YYYY"):
        return since.strftime("%Y-%m-%d %H:%M")
    return since.strftime("%d/%m/%Y %H:%M")


def _already_queued(page: Page, since: datetime) -> bool:
    """Whether HECT already lists a poll from ``since`` (in any of its date styles)."""
    shown = {since.strftime(p) for p in ("%d/%m/%Y %H:%M", "%d %b %Y, %H:%M", "%Y-%m-%d %H:%M")}
    pattern = re.compile("|".join(re.escape(s) for s in shown))
    return page.get_by_text(pattern).filter(visible=True).count() > 0


def start_order_poll(
    site: HectSite, list_url: str, *, platform: str, channel: str, since: datetime, timeout: float
) -> str:
    """Start an order poll for ``channel`` from ``since``; HECT's confirmation, in its words."""
    site.open(list_url)
    record = read_channel_list(site.page, platform, timeout).find(channel)
    opener = first_visible(record_locator(site.page, record), OPEN_POLL, timeout)
    if opener is None:
        looked = describe(OPEN_POLL, every=True)
        raise PageMismatch(f"no {looked} in the row of '{channel}' within {timeout:g} s")
    site.click(opener, "open the order poll")
    poll_url = site.page.url
    for attempt in (1, 2):
        try:
            _submit(site, since, timeout)
        except HectUnavailable:
            if attempt == 2:
                raise
            site.open(poll_url)  # did the submission take effect after all?
        else:
            if outcome := _outcome(site.page, since, timeout):
                return outcome
        if _already_queued(site.page, since):
            return f"order poll from {since:%d/%m/%Y %H:%M} listed by HECT"
        # Not queued (HECT showed its form again, say after a new sign-in): submit once more.
    looked = describe(CONFIRMED, every=True)
    raise PageMismatch(f"HECT did not confirm the order poll ({looked}) within {timeout:g} s")


def _submit(site: HectSite, since: datetime, timeout: float) -> None:
    field = first_visible(site.page, SINCE, timeout)
    start = pick(site.page, START)
    if field is None or start is None:
        looked = describe(SINCE, every=True) if field is None else describe(START, every=True)
        raise PageMismatch(f"the order poll form has no {looked}")
    field.fill(_value_for(field, since))
    site.click(start, "start the order poll", repeatable=False)


def _outcome(page: Page, since: datetime, timeout: float) -> str | None:
    """HECT's answer to the submission: its confirmation, or None; a refusal raises."""
    confirmation = first_visible(page, CONFIRMED, timeout)
    if confirmation is not None:
        return " ".join(confirmation.inner_text().split())
    if refusal := shown_text(page, ALERT):
        raise BadInput(f"HECT refused the order poll: {refusal}")
    return None
