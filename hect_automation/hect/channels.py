"""Read a HECT channel list as a person reads it: one record per channel, by what it shows.

HECT's markup is unknown, so nothing here depends on ids, classes or URLs. A record is a
table row (``tr`` or ``role=row``) read against its column headers, or else a card: the
largest element around a heading that holds no other heading, read from its ``dt``/``dd``
pairs and ``Label: value`` lines. Status, token expiry, seller and marketplace are then
recognised by their labels and words (peers' wording included: "Reconnect Required",
"Disconnected", "Active"...).
"""

from __future__ import annotations

import difflib
import re
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from typing import Any

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from hect_automation.errors import ChannelChoiceError, PageMismatch

_EXTRACT = "\n".join(
    line
    for line in resources.files("hect_automation.hect")
    .joinpath("channels.js")
    .read_text()
    .splitlines()
    if not line.startswith("//")
)

_EXPIRED = re.compile(
    r"\b(?:(?:token\s+)?expired|reconnect(?:ion)?(?:\s+required)?|re-?link(?:\s+required)?|"
    r"disconnected|re-?authori[sz]ation required|revoked|invalid|not connected|"
    r"awaiting(?:\s+authori[sz]ation)?|pending|action required)\b",
    re.IGNORECASE,
)
_HEALTHY = re.compile(r"\b(connected|active|ok|healthy|valid|live|enabled)\b", re.IGNORECASE)
_DATE = re.compile(
    r"\b\d{1,2}/\d{1,2}/\d{4}(?:,? \d{1,2}:\d{2})?"
    r"|\b\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2})?"
    r"|\b\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}(?:,? \d{1,2}:\d{2})?"
)
_DATE_FORMATS = (
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
    "%d %b %Y %H:%M",
    "%d %B %Y %H:%M",
    "%d %b %Y",
    "%d %B %Y",
)
_LABELS = {
    "name": re.compile(r"^(channel\s*)?name$|^channel$", re.IGNORECASE),
    "status": re.compile(r"status|state|connection", re.IGNORECASE),
    "expiry": re.compile(r"expir|valid until|renew", re.IGNORECASE),
    "seller": re.compile(r"seller|merchant|account id|user id", re.IGNORECASE),
    "marketplace": re.compile(r"marketplace|site|region|country", re.IGNORECASE),
}


def parse_date(text: str) -> datetime | None:
    """The first date (and time) in ``text``, read the British way (day first)."""
    match = _DATE.search(text or "")
    if not match:
        return None
    value = match.group(0).replace(",", "").replace(".", "")
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern)
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class ChannelRecord:
    """One channel as the list shows it; ``xpath`` locates it on the page it was read from."""

    name: str
    status: str
    expired: bool | None
    expiry: datetime | None
    expiry_text: str
    seller: str
    marketplace: str
    xpath: str = field(compare=False)

    def summary(self) -> str:
        parts = [self.status or "status unknown"]
        if self.expiry_text:
            parts.append(f"token expiry {self.expiry_text}")
        if self.seller:
            parts.append(f"seller {self.seller}")
        return ", ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status,
            "expired": self.expired,
            "expiry": self.expiry_text or None,
            "seller": self.seller or None,
            "marketplace": self.marketplace or None,
        }


def _field(fields: dict[str, str], key: str) -> str:
    return next((v for label, v in fields.items() if _LABELS[key].search(label)), "")


def _record(raw: dict[str, Any]) -> ChannelRecord:
    fields: dict[str, str] = raw["fields"]
    name = raw["name"] or _field(fields, "name") or next(iter(fields.values()), "")
    status = _field(fields, "status")
    if not status:  # no Status label: the record's own words, its buttons aside
        words = _EXPIRED.search(raw["bare"]) or _HEALTHY.search(raw["bare"])
        status = words.group(0) if words else ""
    expiry_text = _field(fields, "expiry")
    if not expiry_text and (match := _DATE.search(raw["text"])):
        expiry_text = match.group(0)
    expiry = parse_date(expiry_text)
    expired: bool | None
    if _EXPIRED.search(status):
        expired = True
    elif _HEALTHY.search(status):
        expired = False
    else:
        expired = expiry < datetime.now() if expiry else None
    return ChannelRecord(
        name=name,
        status=status,
        expired=expired,
        expiry=expiry,
        expiry_text=expiry_text,
        seller=_field(fields, "seller"),
        marketplace=_field(fields, "marketplace"),
        xpath=raw["xpath"],
    )


@dataclass(frozen=True)
class ChannelList:
    """Every channel on a platform's channel list, as read at one moment."""

    platform: str
    records: tuple[ChannelRecord, ...]

    @property
    def names(self) -> list[str]:
        return [r.name for r in self.records]

    def find(self, name: str) -> ChannelRecord:
        """The one record called ``name`` (case and spacing ignored), else a clear error."""
        wanted = " ".join(name.split()).casefold()
        found = [r for r in self.records if " ".join(r.name.split()).casefold() == wanted]
        if len(found) == 1:
            return found[0]
        label = self.platform.capitalize() if self.platform != "ebay" else "eBay"
        if found:
            raise ChannelChoiceError(
                f"{len(found)} {label} channels are named {name!r} in HECT; rename one in HECT"
                " or ask HECT support which to reconnect",
                channel=name,
            )
        names = ", ".join(repr(n) for n in self.names) or "none"
        close = difflib.get_close_matches(name, self.names, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ChannelChoiceError(
            f"no {label} channel named {name!r}; HECT lists: {names}{hint}", channel=name
        )


def read_channels(page: Page, platform: str) -> ChannelList:
    """Read the channel list the page shows now (call once the list is on screen)."""
    raw: list[dict[str, Any]] = page.evaluate(_EXTRACT)
    records = (_record(r) for r in raw)
    # A channel shows a status or a token date; other rows and headings are page furniture.
    return ChannelList(
        platform, tuple(r for r in records if r.name and (r.status or r.expiry_text))
    )


def read_channel_list(page: Page, platform: str, timeout: float) -> ChannelList:
    """Read the channel list once it shows any channel, waiting up to ``timeout`` seconds."""
    channels = read_channels(page, platform)
    if channels.records:
        return channels
    with suppress(PlaywrightTimeout):  # an empty list is reported just below
        page.wait_for_function(f"() => ({_EXTRACT})().length > 0", timeout=timeout * 1000)
    channels = read_channels(page, platform)
    if not channels.records:
        raise PageMismatch(
            f"no channels on the page within {timeout:g} s (looked for rows or cards showing"
            " a status or a token expiry date)"
        )
    return channels


def record_locator(page: Page, record: ChannelRecord) -> Locator:
    return page.locator(f"xpath={record.xpath}")
