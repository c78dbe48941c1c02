"""Channels as HECT lists them: one record per channel, classified by what it says.

``reader.py`` finds the records on a page (see ``records.js``); this module turns each raw
record into a ``ChannelRecord``. Fields come from labels where the page has them (column
headers, ``dt``/``dd``, "Label: value"), else from their content: a status word, a date, a
Seller ID of the platform's shape, a marketplace name. The name is the labelled name, else
the record's heading, else its emphasised text, else its first plain words.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from hect_automation.errors import ChannelChoiceError
from hect_automation.platforms import Platform

_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
DATE_SOURCE = (
    rf"\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{4}}(?!\d)|\b\d{{4}}-\d{{2}}-\d{{2}}(?!\d)"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+|[/-])(?:{_MONTHS})[a-z]*\.?,?(?:\s+|[/-])\d{{4}}\b"
    rf"|\b(?:{_MONTHS})[a-z]*\.?\s+\d{{1,2}},?\s+\d{{4}}\b"
)
LABEL_SOURCE = (
    r"^(?:channel(?:\s+name)?|name|marketplace(?:\s+id)?|site|region|country|"
    r"seller(?:\s+id)?|selling\s+partner(?:\s+id)?|merchant(?:\s+(?:id|token))?|"
    r"account(?:\s+id)?|user\s*id|ebay\s+user(?:\s+id)?|status|state|"
    r"connection(?:\s+status)?|token(?:\s+status)?|token\s+expiry|token\s+expires|"
    r"expiry(?:\s+date)?|expires(?:\s+on)?|expiration(?:\s+date)?|valid\s+until|"
    r"renew(?:s|al)?(?:\s+(?:on|date|by))?|actions?)\s*:?$"
)
ACTION_SOURCE = (
    r"^(?:(?:re-?)?connect(?:\s+channel)?|re-?authori[sz]e|renew(?:\s+token)?|"
    r"authori[sz]e(?:\s+with\s+\w+)?|order\s+poll|poll\s+orders|more(?:\s+actions)?|actions|"
    r"menu|edit|delete|remove|view(?:\s+details)?|details|open|install\s+channel|disable|"
    r"enable|[⋮…]|\.\.\.)$"
)
_FIELD = {
    "name": re.compile(r"^(channel\s*)?name$|^channel$", re.IGNORECASE),
    "status": re.compile(r"status|state|connection", re.IGNORECASE),
    "expiry": re.compile(r"expir|valid until|renew", re.IGNORECASE),
    "seller": re.compile(r"seller|merchant|selling partner|account id|user ?id", re.IGNORECASE),
    "marketplace": re.compile(r"marketplace|site|region|country", re.IGNORECASE),
}
_DATE = re.compile(DATE_SOURCE, re.IGNORECASE)
_EXPIRY_WORD = re.compile(r"expir|renew|valid", re.IGNORECASE)
_TIME = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?!\d)(?:\s*([ap])\.?m\b\.?)?", re.IGNORECASE)


def status_source(platform: Platform) -> str:
    """A whole segment that is a status phrase, icons and a "Status:" label allowed."""
    words = f"{platform.expired_words}|{platform.healthy_words}"
    return rf"^[^\p{{L}}\p{{N}}]*(?:status:\s*)?(?:{words})[^\p{{L}}\p{{N}}]*$"


def vocabulary(platform: Platform) -> dict[str, str]:
    """The words records.js needs, as JavaScript regular-expression sources."""
    return {
        "status": status_source(platform),
        "date": DATE_SOURCE,
        "label": LABEL_SOURCE,
        "action": ACTION_SOURCE,
        "market": market_source(platform),
        "seller": platform.seller_id.pattern,  # case as written; records.js tries it
    }


def market_source(platform: Platform) -> str:
    """A whole segment that names one of the platform's marketplaces ("United Kingdom")."""
    names = "|".join(re.sub(r"[\\^$.|?*+()\[\]{}/-]", r"\\\g<0>", m) for m in platform.marketplaces)
    return f"^(?:{names or '(?!)'})$"


def parse_date(text: str) -> datetime | None:
    """The first date (and time) in ``text``, read the British way (day first)."""
    match = _DATE.search(text or "")
    if not match:
        return None
    found = match.group(0)
    rest = (text or "")[match.end() : match.end() + 16]
    clock = _TIME.search(found) or _TIME.search(rest)
    hour, minute = (int(clock.group(1)), int(clock.group(2))) if clock else (0, 0)
    if clock and clock.group(3):  # "6:04pm": a 12-hour clock
        hour = hour % 12 + (12 if clock.group(3).lower() == "p" else 0)
    numbers = [int(n) for n in re.findall(r"\d+", found)]
    try:
        if re.match(r"\d{1,2}[/.-]\d", found):  # 25/11/2026, 25.11.2026, 25-11-2026
            day, month, year = numbers[:3]
        elif re.match(r"\d{4}-", found):
            year, month, day = numbers[:3]
        else:
            name = re.search(rf"({_MONTHS})", found, re.IGNORECASE)
            assert name is not None  # the pattern matched a month name
            month = MONTH_NAMES.split("|").index(_month_of(name.group(1))) + 1
            day, year = numbers[0], numbers[-1]
        return datetime(year, month, day, hour, minute)
    except ValueError:
        return None


def _month_of(word: str) -> str:
    return next(m for m in MONTH_NAMES.split("|") if m.startswith(word.lower()[:3]))


def month_shown(text: str) -> tuple[int, int] | None:
    """The month a heading names, and its year ("November 2026", "Nov, 2026"): (year, month)."""
    found = re.search(rf"\b({_MONTHS})[a-z]*\.?,?\s+(\d{{4}})\b", text, re.IGNORECASE)
    if found is None:
        return None
    month = MONTH_NAMES.split("|").index(_month_of(found.group(1))) + 1
    return int(found.group(2)), month


@dataclass(frozen=True)
class ChannelRecord:
    """One channel as the list shows it; ``ref`` finds it again on the page it came from."""

    name: str
    status: str
    expired: bool | None
    expiry: datetime | None
    expiry_text: str
    seller: str
    marketplace: str
    ref: Any = field(default=None, compare=False, repr=False)
    raw: str = field(default="", compare=False, repr=False)

    def summary(self) -> str:
        parts = [self.status or "status unknown"]
        if self.expiry_text:
            parts.append(f"token expiry {self.expiry_text}")
        if self.seller:
            parts.append(f"seller {self.seller}")
        return ", ".join(parts)

    def to_json(self, zone: tzinfo) -> dict[str, Any]:
        """As JSON: the expiry as HECT writes it, and in ISO 8601 in HECT's time ``zone``."""
        return {
            "name": self.name,
            "status": self.status,
            "expired": self.expired,
            "expiry": self.expiry_text or None,
            "expiry_at": self.expiry.replace(tzinfo=zone).isoformat() if self.expiry else None,
            "seller": self.seller or None,
            "marketplace": self.marketplace or None,
        }


_SAYS = re.compile(r"[^\W_]")  # a letter or a digit


def name_key(name: str) -> str:
    """Names compare after folding case and spacing: 'Amazon  uk' is 'Amazon UK'."""
    return " ".join(name.split()).casefold()


def classify(raw: dict[str, Any], platform: Platform, ref: Any = None) -> ChannelRecord:
    """A raw record from records.js, as a channel of ``platform``."""
    fields: dict[str, str] = raw["fields"]
    segments: list[dict[str, Any]] = raw["segments"]

    def labelled(key: str) -> str:  # a field showing only a dash ("—": none yet) says nothing
        return next(
            (v for label, v in fields.items() if _FIELD[key].search(label) and _SAYS.search(v)),
            "",
        )

    plain = [s for s in segments if s["kind"] == "other" and not s["label"]]
    name = labelled("name") or _name_of(plain, platform)
    status = labelled("status")
    if not _says_state(status, platform):
        status = next((s["text"] for s in segments if s["kind"] == "status"), "") or status
    status = re.sub(r"^[^\w]*(status:\s*)?", "", status, flags=re.IGNORECASE).strip()
    expiry_text = labelled("expiry")
    if not _DATE.search(expiry_text):
        dates = [s for s in segments if s["kind"] == "date"]
        said = [
            s
            for s in dates
            if re.search(r"expir|renew|valid", s["text"] + (s["label"] or ""), re.I)
        ]
        expiry_text = (said or dates)[0]["text"] if dates else ""
    date_match = _DATE.search(expiry_text)
    expiry = parse_date(expiry_text)
    if date_match:  # the date and its time, without words around them ("expires …")
        tail = _TIME.search(expiry_text[date_match.end() : date_match.end() + 16])
        end = date_match.end() + (tail.end() if tail else 0)
        expiry_text = expiry_text[date_match.start() : end].strip(" ,")
    others = [s["text"] for s in plain if s["text"] != name]
    seller = labelled("seller") or next((t for t in others if platform.seller_id.match(t)), "")
    marketplace = labelled("marketplace") or next(
        (t for t in others if t in platform.marketplaces), ""
    )
    return ChannelRecord(
        name=name,
        status=status,
        expired=_expired(status, expiry, platform),
        expiry=expiry,
        expiry_text=expiry_text,
        seller=seller,
        marketplace=marketplace,
        ref=ref,
        raw=raw.get("text", ""),
    )


def _name_of(plain: list[dict[str, Any]], platform: Platform) -> str:
    """The record's heading, else its emphasised words, else its first plain words."""
    ordinary = [
        s
        for s in plain
        if not platform.seller_id.match(s["text"]) and s["text"] not in platform.marketplaces
    ]
    for level in (3, 2, 1):
        found = next((str(s["text"]) for s in ordinary if s["emphasis"] == level), None)
        if found:
            return found
    return str(ordinary[0]["text"]) if ordinary else ""


def _says_state(text: str, platform: Platform) -> bool:
    words = f"{platform.expired_words}|{platform.healthy_words}"
    return bool(re.search(rf"\b(?:{words})\b", text, re.IGNORECASE))


def _expired(status: str, expiry: datetime | None, platform: Platform) -> bool | None:
    if re.search(rf"\b(?:{platform.expired_words})\b", status, re.IGNORECASE):
        return True
    if re.search(rf"\b(?:{platform.healthy_words})\b", status, re.IGNORECASE):
        return False
    return expiry < datetime.now() if expiry else None


@dataclass(frozen=True)
class ChannelList:
    """Every channel of a platform HECT lists, as read at one moment."""

    platform: Platform
    records: tuple[ChannelRecord, ...]

    @property
    def names(self) -> list[str]:
        return [r.name for r in self.records]

    def named(self, name: str) -> list[ChannelRecord]:
        wanted = name_key(name)
        return [r for r in self.records if name_key(r.name) == wanted]

    def find(self, name: str) -> ChannelRecord:
        """The one record called ``name`` (case and spacing ignored), else a clear error."""
        found = self.named(name)
        if len(found) == 1:
            return found[0]
        label = self.platform.label
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
