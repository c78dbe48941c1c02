"""Scenario files: who and what a sandbox account starts with.

A scenario is YAML validated by these models. Dates may be absolute (ISO 8601, UTC) or
relative to the moment the account is created: ``-3d``, ``+200d``, ``-6h``, ``+30m``.
An invalid file is refused with the file, the key path and what was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib import import_module, resources
from pathlib import Path
from types import ModuleType
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from hect_automation import platforms
from hect_automation.yamlfile import parse_yaml_model, read_text

_RELATIVE = re.compile(r"^([+-])(\d+)([dhm])$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


def _parse_when(value: object) -> object:
    """Turn ``-3d`` style offsets into aware datetimes; leave the rest to pydantic."""
    if isinstance(value, str) and (match := _RELATIVE.match(value.strip())):
        sign, amount, unit = match.groups()
        delta = timedelta(**{_UNITS[unit]: int(amount)})
        return datetime.now(UTC) + (delta if sign == "+" else -delta)
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


When = Annotated[datetime, BeforeValidator(_parse_when)]


@dataclass(frozen=True)
class Simulated:
    """The facts of a marketplace the sandbox plays: the ``SPEC`` of the module its registry
    entry names (``Platform.sandbox``), beside that module's ``MARKET``."""

    host: str  # its sites are <host>.localhost and <tenant>.<host>.localhost
    session_cookie: str  # the marketplace's signed-in cookie
    sign_in_path: str
    code_prefix: str  # what its authorisation codes start with
    code_lifetime: timedelta  # how long a code may wait for HECT to redeem it
    token_lifetime: timedelta  # how long HECT's token lasts once linked
    client_id: str  # HECT's application id with the marketplace


def module_of(key: str) -> ModuleType:
    """The sandbox module of a registered marketplace it plays (KeyError if it plays none):
    its ``SPEC``, and its ``MARKET`` (``web.market``)."""
    module = platforms.platform(key).sandbox
    if module is None:
        raise KeyError(f"the sandbox does not play {key!r}")
    return import_module(module)


def simulated(key: str) -> Simulated:
    """The sandbox's spec of a registered marketplace it plays (KeyError if it plays none)."""
    spec: Simulated = module_of(key).SPEC
    return spec


def played() -> list[str]:
    """The marketplaces the sandbox plays, in registry order."""
    return [p.key for p in platforms.every() if p.sandbox is not None]


def _played(value: str) -> str:
    if value not in played():
        raise ValueError(f"expected one of {', '.join(played())}")
    return value


Platform = Annotated[str, AfterValidator(_played)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HectUser(_Model):
    email: str
    password: str
    name: str = "Support User"


class AmazonSeller(_Model):
    """A Seller Central login. ``id`` is the selling partner id HECT shows as 'Seller ID'."""

    id: str = Field(pattern=r"^A[0-9A-Z]{9,15}$")
    name: str
    email: str
    password: str
    admin: bool = True
    otp: str | None = Field(
        default=None, description="one-time code when Two-Step Verification is on"
    )
    marketplaces: list[str] = Field(default_factory=lambda: ["United Kingdom"], min_length=1)


class EbayUser(_Model):
    """An eBay login. ``id`` is the eBay user id HECT shows as 'Seller ID'."""

    id: str
    email: str
    password: str


class Seller(_Model):
    """A login at any other marketplace the sandbox plays (``sellers: {key: [...]}``)."""

    id: str
    name: str = ""
    email: str
    password: str
    otp: str | None = None


class ChannelSeed(_Model):
    platform: Platform
    name: str = Field(min_length=1)
    marketplace: str = "United Kingdom"
    expires: When
    seller: str | None = Field(default=None, description="the seller id linked at first setup")
    revoked: bool = Field(default=False, description="token revoked early (password change)")


class OrderSeed(_Model):
    id: str
    channel: str
    placed: When
    customer: str
    postcode: str
    total: str


class Scenario(_Model):
    """One HECT account and the marketplace logins around it."""

    account: str = "Acme Trading Ltd"
    users: list[HectUser] = Field(min_length=1)
    amazon_sellers: list[AmazonSeller] = Field(default_factory=list)
    ebay_users: list[EbayUser] = Field(default_factory=list)
    sellers: dict[Platform, list[Seller]] = Field(
        default_factory=dict, description="logins at other marketplaces, by registry key"
    )
    channels: list[ChannelSeed] = Field(default_factory=list)
    orders: list[OrderSeed] = Field(default_factory=list)

    @model_validator(mode="after")
    def _plain_sellers_fit_their_marketplace(self) -> Scenario:
        """A plain seller's id looks like its marketplace's ids, is not given twice, and
        has a one-time code only where that marketplace's sign-in asks for one."""
        seen = {s.id for s in self.amazon_sellers} | {u.id for u in self.ebay_users}
        for key, pool in self.sellers.items():
            entry = platforms.platform(key)
            for index, seller in enumerate(pool):
                where = f"sellers.{key}.{index}"
                if not entry.seller_id.match(seller.id):
                    raise ValueError(f"{where}.id: {seller.id!r} is not a {entry.label} seller id")
                if seller.id in seen:
                    raise ValueError(f"{where}.id: {seller.id!r} is given twice")
                if seller.otp and not (entry.login and entry.login.otp):
                    raise ValueError(f"{where}.otp: {entry.label}'s sign-in asks for no code")
                seen.add(seller.id)
        return self

    @model_validator(mode="after")
    def _references_resolve(self) -> Scenario:
        sellers = {s.id for s in self.amazon_sellers} | {u.id for u in self.ebay_users}
        sellers |= {s.id for pool in self.sellers.values() for s in pool}
        for index, channel in enumerate(self.channels):
            if channel.seller and channel.seller not in sellers:
                raise ValueError(
                    f"channels.{index}.seller: {channel.seller!r} is not an amazon_sellers,"
                    " ebay_users or sellers id"
                )
        names = {c.name for c in self.channels}
        for index, order in enumerate(self.orders):
            if order.channel not in names:
                raise ValueError(f"orders.{index}.channel: no channel named {order.channel!r}")
        return self


def default_scenario_text() -> str:
    return resources.files("hect_automation.sandbox").joinpath("default-scenario.yaml").read_text()


def load_scenario(path: Path | None = None) -> Scenario:
    """Load and validate a scenario file (the packaged default when ``path`` is None)."""
    source = str(path) if path else "the default scenario"
    text = read_text(path, "scenario") if path else default_scenario_text()
    return parse_scenario(text, source)


def parse_scenario(text: str, source: str = "scenario") -> Scenario:
    return parse_yaml_model(Scenario, text, source)
