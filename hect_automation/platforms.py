"""The marketplaces HECT connects to, one registry entry each.

Everything that differs between Amazon and eBay lives in its ``Platform`` entry: how people
name it, which runbook reconnects it, what its Seller IDs look like, the words channel lists
use for its state, and who signs in during the hand-off. Code elsewhere asks the entry; it
never compares a platform's name. ``register`` adds one (a test adds a made-up marketplace).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Status words of HECT and of peers (whole phrases; a channel list says one per channel).
EXPIRED_WORDS = (
    r"token expired|expired|reconnect(?:ion)? required|needs? reconnect(?:ing|ion)?|"
    r"re-?link required|relink needed|disconnected|re-?authori[sz]ation required|revoked|"
    r"invalid token|not connected|awaiting authori[sz]ation|authori[sz]ation required|"
    r"action required|token invalid"
)
HEALTHY_WORDS = r"connected|active|ok|healthy|valid|live|enabled|authori[sz]ed"


@dataclass(frozen=True)
class Platform:
    """One marketplace, as HECT and this tool know it."""

    key: str  # "amazon": the command-line word and the runbook's `platform`
    label: str  # "Amazon": how HECT and people write it
    runbook: str  # the reconnect runbook's id
    seller_id: re.Pattern[str]  # what its Seller IDs look like, when no label says so
    expired_words: str = EXPIRED_WORDS
    healthy_words: str = HEALTHY_WORDS
    marketplaces: tuple[str, ...] = ()  # marketplace names its channels show
    extra: dict[str, object] = field(default_factory=dict, compare=False)


_REGISTRY: dict[str, Platform] = {}


def register(platform: Platform) -> Platform:
    """Add (or replace) a marketplace; returns it."""
    _REGISTRY[platform.key] = platform
    return platform


def unregister(key: str) -> None:
    _REGISTRY.pop(key, None)


def platform(key: str) -> Platform:
    """The entry for ``key``; KeyError names the known ones."""
    try:
        return _REGISTRY[key]
    except KeyError:
        raise KeyError(f"no marketplace {key!r}; known: {', '.join(_REGISTRY)}") from None


def keys() -> list[str]:
    return list(_REGISTRY)


def every() -> list[Platform]:
    return list(_REGISTRY.values())


AMAZON_MARKETPLACES = (
    "United Kingdom", "Germany", "France", "Italy", "Spain", "Netherlands", "Sweden",
    "Poland", "Belgium", "Ireland", "Turkey", "United States", "Canada", "Mexico", "Brazil",
    "Japan", "Australia", "India", "Singapore", "United Arab Emirates", "Saudi Arabia",
    "Egypt", "Europe",
)  # fmt: skip

register(
    Platform(
        key="amazon",
        label="Amazon",
        runbook="refresh-amazon-token",
        seller_id=re.compile(r"^A[0-9A-Z]{9,15}$"),
        marketplaces=AMAZON_MARKETPLACES,
    )
)
register(
    Platform(
        key="ebay",
        label="eBay",
        runbook="refresh-ebay-token",
        # eBay user ids: letters, digits and . _ - *, no spaces.
        seller_id=re.compile(r"^(?=.*[._\d])[A-Za-z0-9][A-Za-z0-9._*-]{2,63}$"),
        marketplaces=AMAZON_MARKETPLACES,
    )
)
