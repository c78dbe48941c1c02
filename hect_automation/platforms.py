"""The marketplaces HECT connects to, one registry entry each.

Everything that differs between Amazon and eBay lives in its ``Platform`` entry: how people
name it, which runbook reconnects it, what its Seller IDs look like, the words channel lists
use for its state, and who signs in during the hand-off. Code elsewhere asks the entry; it
never compares a platform's name. ``register`` adds one (a test adds a made-up marketplace).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Literal

from hect_automation.errors import ConfigError, first_line
from hect_automation.runbook import Target

# Status words of HECT and of peers (whole phrases; a channel list says one per channel).
EXPIRED_WORDS = (
    r"token expired|expired|reconnect(?:ion)? required|needs? reconnect(?:ing|ion)?|"
    r"re-?link required|relink needed|disconnected|re-?authori[sz]ation required|revoked|"
    r"invalid token|not connected|awaiting authori[sz]ation|authori[sz]ation required|"
    r"action required|token invalid"
)
HEALTHY_WORDS = r"connected|active|ok|healthy|valid|live|enabled|authori[sz]ed"


@dataclass(frozen=True)
class Cue:
    """A page state of the marketplace's sign-in and consent, recognised by what it shows,
    and what a person does there: type something, tick the box, press a button."""

    name: str  # "identifier", "password", "otp", "pick-account", "consent"
    targets: tuple[Target, ...]
    fill: Literal["login", "password", "otp"] | None = None
    tick: bool = False  # tick the element found (a consent checkbox)
    press: tuple[str, ...] = ()  # then press the first button or link with one of these names
    press_marketplace: bool = False  # press the one named like the channel's marketplace
    click: bool = False  # click the element found itself


@dataclass(frozen=True)
class Login:
    """The environment names of the simulated operator's marketplace login."""

    login: str
    password: str
    otp: str | None = None


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
    cues: tuple[Cue, ...] = ()  # the hand-off's page states, for --smoke and the simulated operator
    login: Login | None = None  # the simulated operator's HECT_OPERATOR_* names
    account_word: str = "account"  # "the Amazon account with Seller ID …"
    demo_channel: str | None = None  # the sandbox channel `hect-runbook demo` reconnects
    # The module of the sandbox's stand-in, if it plays one: its SPEC (cookies, sign-in
    # path, code format, lifetimes, app id) and its MARKET (pages, consent link, callback).
    sandbox: str | None = None


_REGISTRY: dict[str, Platform] = {}


def register(platform: Platform) -> Platform:
    """Add (or replace) a marketplace; returns it."""
    _REGISTRY[platform.key] = platform
    return platform


def unregister(key: str) -> None:
    _REGISTRY.pop(key, None)


PLUGINS = "hect_automation.platforms"  # the entry-point group of installed marketplaces


def load_plugins() -> list[str]:
    """Register the marketplaces installed packages declare: entry points in the
    ``hect_automation.platforms`` group, each a ``Platform`` (or a module that registers
    its own on import). Their names; ConfigError names one that cannot be loaded. The
    installed packages are looked up once per process (it takes tens of milliseconds)."""
    for _, found in _installed():
        if isinstance(found, Platform):
            register(found)
    return [name for name, _ in _installed()]


@functools.cache
def _installed() -> tuple[tuple[str, object], ...]:
    loaded = []
    for plugin in entry_points(group=PLUGINS):
        try:
            loaded.append((plugin.name, plugin.load()))
        except Exception as exc:
            raise ConfigError(
                f"the marketplace plugin {plugin.name!r} ({plugin.value}) could not be loaded:"
                f" {first_line(exc)}; uninstall it or fix it"
            ) from exc
    return tuple(loaded)


def platform(key: str) -> Platform:
    """The entry for ``key``; KeyError names the known ones."""
    try:
        return _REGISTRY[key]
    except KeyError:
        raise KeyError(f"no marketplace {key!r}; known: {', '.join(_REGISTRY)}") from None


def known() -> list[str]:
    return list(_REGISTRY)


def demo() -> Platform:
    """The marketplace whose sandbox channel the demo reconnects."""
    return next(entry for entry in _REGISTRY.values() if entry.demo_channel)


def every() -> list[Platform]:
    return list(_REGISTRY.values())


AMAZON_MARKETPLACES = (
    "United Kingdom", "Germany", "France", "Italy", "Spain", "Netherlands", "Sweden",
    "Poland", "Belgium", "Ireland", "Turkey", "United States", "Canada", "Mexico", "Brazil",
    "Japan", "Australia", "India", "Singapore", "United Arab Emirates", "Saudi Arabia",
    "Egypt", "Europe",
)  # fmt: skip

PASSWORD = Target(label="/^\\s*password\\s*$/i")
register(
    Platform(
        key="amazon",
        label="Amazon",
        runbook="refresh-amazon-token",
        seller_id=re.compile(r"^A[0-9A-Z]{9,15}$"),
        marketplaces=AMAZON_MARKETPLACES,
        cues=(
            Cue(
                "identifier",
                (Target(label="/email or mobile phone number/i"),),
                fill="login",
                press=("Continue", "Sign in"),
            ),
            Cue(
                "otp",
                (Target(label="/enter otp|one[- ]time (password|code)/i"),),
                fill="otp",
                press=("Sign in",),
            ),
            Cue("password", (PASSWORD,), fill="password", press=("Sign in",)),
            Cue(
                "pick-account",
                (Target(role="heading", name="/select an? (account|marketplace)/i"),),
                press_marketplace=True,
            ),
            Cue(
                "consent",
                (Target(role="checkbox", name="/I direct Amazon/i"),),
                tick=True,
                press=("Confirm",),
            ),
        ),
        demo_channel="Amazon UK",
        sandbox="hect_automation.sandbox.amazon",
        login=Login(
            "HECT_OPERATOR_AMAZON_EMAIL",
            "HECT_OPERATOR_AMAZON_PASSWORD",
            "HECT_OPERATOR_AMAZON_OTP",
        ),
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
        cues=(
            Cue(
                "identifier",
                (Target(label="/email or username/i"),),
                fill="login",
                press=("Continue", "Sign in"),
            ),
            Cue("password", (PASSWORD,), fill="password", press=("Sign in",)),
            Cue("consent", (Target(role="button", name="/^I agree$/i"),), click=True),
        ),
        sandbox="hect_automation.sandbox.ebay",
        login=Login("HECT_OPERATOR_EBAY_USER", "HECT_OPERATOR_EBAY_PASSWORD"),
    )
)
