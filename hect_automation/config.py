"""Settings: every configurable value, resolved once into one typed object.

Precedence: command-line flag > ``HECT_*`` environment variable > ``.env`` file > default.
A bad value is refused with a ``ConfigError`` that names where it came from, e.g.
``HECT_OPERATOR_TIMEOUT (environment): Input should be greater than 0``.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click
from dotenv import dotenv_values
from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, DotEnvSettingsSource, SettingsConfigDict

from hect_automation.errors import ConfigError
from hect_automation.yamlfile import read_text

ENV_PREFIX = "HECT_"
TracePolicy = Literal["on", "off", "retain-on-failure"]

OPERATOR_PREFIX = ENV_PREFIX + "OPERATOR_"

# Settings that have a command-line flag, and that flag's spelling.
FLAGS: dict[str, str] = {
    "base_url": "--base-url",
    "artifacts_dir": "--artifacts",
    "timeout": "--timeout",
    "headed": "--headed/--headless",
    "trace": "--trace",
}


class Settings(BaseSettings):
    """What a run needs to know; see the README's Configuration table for each."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_file=".env", extra="ignore", validate_default=True
    )

    base_url: str = "https://hect.hubeurope.com"
    email: str | None = None
    password: SecretStr | None = None
    browser_executable: Path | None = None
    browser_ws_endpoint: str | None = None
    browser_cdp_endpoint: str | None = None
    artifacts_dir: Path = Path("hect-runs")
    operator_timeout: float = Field(600.0, gt=0, le=86_400)
    timeout: float = Field(15.0, gt=0, le=600, description="seconds each step may wait for a page")
    trace: TracePolicy = "retain-on-failure"
    retry_delay: float = Field(
        0.25, ge=0, le=30, description="seconds before retrying a HECT server error (doubling)"
    )
    headed: bool | None = None
    runbooks_dir: Path | None = None
    timezone: str = Field("Europe/London", description="the zone HECT's pages write times in")
    history: Path | None = Field(None, description="the SQLite history; default: user data dir")
    accounts: Path | None = Field(None, description="the accounts file (TOML), for --account")
    account: str | None = Field(
        None, description="the named account in use (--account, or HECT_ACCOUNT)"
    )
    operator_logins: dict[str, SecretStr] = Field(
        default_factory=dict, exclude=True, description="other HECT_OPERATOR_* values"
    )
    github_step_summary: Path | None = Field(
        None,
        validation_alias=AliasChoices("GITHUB_STEP_SUMMARY"),
        description="GitHub Actions' job summary file: status writes its table there",
    )
    display: str | None = Field(
        None,
        validation_alias=AliasChoices("DISPLAY", "WAYLAND_DISPLAY"),
        description="the desktop a headed browser shows on (Linux)",
    )

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"{value!r} is not a time zone; use a name such as Europe/London"
            ) from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        return http_url(value)

    @field_validator("github_step_summary", "display", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("browser_executable")
    @classmethod
    def _executable(cls, value: Path | None) -> Path | None:
        if value is not None and not (value.is_file() and os.access(value, os.X_OK)):
            raise ValueError(f"{value} is not an executable file; point it at chrome or chromium")
        return value

    def variable(self, name: str) -> str | None:
        """The value of a ``HECT_*`` setting by its variable name (secrets revealed), if set:
        a field, or one of the ``HECT_OPERATOR_*`` names a marketplace's registry entry
        declares (a marketplace added later needs no field here)."""
        key = name.removeprefix(ENV_PREFIX).lower()
        value = getattr(self, key, None) if key in type(self).model_fields else None
        if value is None:
            value = self.operator_logins.get(name.upper())
        if isinstance(value, SecretStr):
            return value.get_secret_value()
        return str(value) if value else None

    def secret_from(self, name: str) -> str | None:
        """The value of any environment variable (an account's password variable, say):
        the environment first, then ``.env``."""
        return secret_from(name)


def http_url(value: str) -> str:
    """HECT's address, as scheme and host (and port); one carrying a login is refused,
    without repeating it (it would reach every record and report)."""
    parts = urlsplit(value.strip())
    if parts.username or parts.password:
        raise ValueError(
            "must be the address only, without a user name or password in it (the login is"
            " HECT_EMAIL and HECT_PASSWORD, or the account's)"
        )
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(
            f"must be an http(s) URL such as https://hect.hubeurope.com, got {value!r}"
        )
    return f"{parts.scheme}://{parts.netloc}"


def secret_from(name: str, env_file: Path = Path(".env")) -> str | None:
    if os.environ.get(name):
        return os.environ[name]
    if env_file.is_file():
        return dotenv_values(env_file).get(name) or None
    return None


def load_settings(
    flags: Mapping[str, Any] | None = None, env_file: Path | None = Path(".env")
) -> Settings:
    """Resolve settings from flags (None means "not given"), environment, ``.env``, defaults."""
    given = {name: value for name, value in (flags or {}).items() if value is not None}
    if env_file is not None and env_file.exists():
        read_text(env_file, "settings", ConfigError)  # a folder or a file not in UTF-8
    try:
        return Settings(_env_file=env_file, **given, operator_logins=_operator_logins(env_file))
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]) if first["loc"] else ""
        message = first["msg"].removeprefix("Value error, ")
        raise ConfigError(f"{source_of(name, given, env_file)}: {message}") from exc


def _operator_logins(env_file: Path | None) -> dict[str, SecretStr]:
    """Every ``HECT_OPERATOR_*`` value without a field of its own (``.env``, then the
    environment over it): the logins of marketplaces registered after this module."""
    fields = {ENV_PREFIX + name.upper() for name in Settings.model_fields}
    found: dict[str, str | None] = {}
    if env_file is not None and env_file.is_file():
        found.update(dotenv_values(env_file))
    found.update(os.environ)
    return {
        key.upper(): SecretStr(value)
        for key, value in found.items()
        if key.upper().startswith(OPERATOR_PREFIX) and key.upper() not in fields and value
    }


def source_of(name: str, given: Mapping[str, Any], env_file: Path | None) -> str:
    """Where the value of setting ``name`` came from, in words a person can act on."""
    variable = ENV_PREFIX + name.upper()
    if name in given:
        return FLAGS.get(name, name)
    if any(key.upper() == variable for key in os.environ):
        return f"{variable} (environment)"
    if env_file and env_file.is_file():
        from_file = DotEnvSettingsSource(Settings, env_file=env_file, env_prefix=ENV_PREFIX)()
        if name in from_file:
            return f"{variable} (in {env_file})"
    return f"{variable} (default)"


def ask_credentials(settings: Settings, *, interactive: bool) -> Settings:
    """Fill in a missing HECT email or password by asking at a terminal, else refuse.

    The password is read without echo and kept as a secret; it is never printed.
    """
    updates: dict[str, Any] = {}
    if not settings.email:
        if not interactive:
            raise ConfigError("HECT_EMAIL is not set: set it in the environment or in .env")
        updates["email"] = click.prompt(f"HECT email for {settings.base_url}", err=True).strip()
    if settings.password is None:
        if not interactive:
            raise ConfigError(
                "HECT_PASSWORD is not set: set it in the environment or in .env (it is never shown)"
            )
        typed = click.prompt("HECT password (not shown)", hide_input=True, err=True)
        updates["password"] = SecretStr(typed)
    return settings.model_copy(update=updates) if updates else settings


# Playwright's debug logs that print each call with its arguments (what is typed included),
# or each message to and from its driver.
_TELLING_LOGS = ("pw:api", "pw:channel", "pw:protocol")


def playwright_logs_off() -> str:
    """Switch off Playwright's debug logs that would print a secret, for this process and
    the drivers it starts; the setting switched off (to be said), or "".

    ``DEBUG=pw:api`` (or ``pw:channel``, ``pw:protocol``, ``*``), as Playwright's own
    documentation suggests for debugging, makes its Node driver and its Python client print
    every call on the terminal with what it types: a HECT or marketplace password among
    them. ``DEBUGP`` prints every message. Other ``DEBUG`` names are left as they are.
    """
    names = [n for n in re.split(r"[\s,]+", os.environ.get("DEBUG", "").strip()) if n]
    kept = [n for n in names if n.startswith("-") or not any(map(_matcher(n), _TELLING_LOGS))]
    dropped = [n for n in names if n not in kept]
    if os.environ.pop("DEBUGP", None) is not None:
        dropped.append("DEBUGP")
    if not dropped:
        return ""
    if kept:
        os.environ["DEBUG"] = ",".join(kept)
    else:
        os.environ.pop("DEBUG", None)
    with suppress(ImportError, AttributeError, TypeError):  # a Playwright without it
        # The Python client read DEBUG when it was imported: it reads it again.
        importlib.import_module("playwright._impl.utils.debug_logger").debug_logger.__init__()
    return ", ".join(dropped)


def _matcher(name: str) -> Any:
    """``debug``'s rule: ``*`` in a name stands for any text."""
    pattern = re.compile("^" + ".*".join(map(re.escape, name.split("*"))) + "$")
    return pattern.match
