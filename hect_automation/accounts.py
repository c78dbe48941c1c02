"""Named HECT accounts: one support desk, many sellers, each with its own HECT login.

The accounts file (TOML; its path is ``HECT_ACCOUNTS``) names each account's address, login
email, and where its password is: the name of an environment variable (``password_env``), or
a keyring entry (``password_keyring = "service/user"``, with the ``keyring`` package). A file
that holds a password itself is refused: it would travel with the file.

    [accounts.acme]
    base_url = "https://hect.hubeurope.com"
    email = "support+acme@desk.example"
    password_env = "HECT_PASSWORD_ACME"
    notify = ["mailto://…"]          # optional: status --notify for this account
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from hect_automation.config import Settings, http_url
from hect_automation.errors import ConfigError
from hect_automation.yamlfile import read_text

_SECRET_KEYS = {"password", "pass", "pwd", "secret", "token"}


class Account(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    base_url: str = "https://hect.hubeurope.com"
    email: str = Field(min_length=3)
    password_env: str | None = Field(None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    password_keyring: str | None = Field(None, pattern=r"^[^/]+/.+$")
    notify: list[str] = Field(default_factory=list)

    @field_validator("base_url")
    @classmethod
    def _address(cls, value: str) -> str:
        return http_url(value)

    def login_source(self, name: str, path: Path | None) -> str:
        """Where this account's login comes from, for a person to check."""
        secret = (
            f"the variable {self.password_env}"
            if self.password_env
            else f"the keyring entry {self.password_keyring}"
        )
        return f"account {name}'s email in {path} and its password ({secret})"

    @model_validator(mode="after")
    def _one_password_source(self) -> Account:
        if (self.password_env is None) == (self.password_keyring is None):
            raise ValueError("give exactly one of password_env or password_keyring")
        return self


class AccountsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    accounts: dict[Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]+$")], Account] = Field(
        min_length=1
    )


def load_accounts(path: Path | None) -> dict[str, Account]:
    """The accounts file, validated; refused with the file and key when wrong (exit 2)."""
    if path is None:
        raise ConfigError("no accounts file: set HECT_ACCOUNTS to its path (see the README)")
    text = read_text(path, "accounts", ConfigError)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix it and try again") from None
    entries = data.get("accounts")
    for name, entry in entries.items() if isinstance(entries, dict) else ():
        if isinstance(entry, dict) and _SECRET_KEYS & {k.lower() for k in entry}:
            raise ConfigError(
                f"{path}: accounts.{name} holds a password; name the environment variable"
                ' that holds it instead (password_env = "HECT_PASSWORD_…")'
            )
    try:
        return AccountsFile.model_validate(data).accounts
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{path}: {key}: {first['msg'].removeprefix('Value error, ')}") from None


def account_named(settings: Settings, name: str) -> Account:
    accounts = load_accounts(settings.accounts)
    if name not in accounts:
        known = ", ".join(sorted(accounts))
        raise ConfigError(f"no account {name!r} in {settings.accounts}; known accounts: {known}")
    return accounts[name]


def with_account(settings: Settings, name: str) -> Settings:
    """``settings`` for account ``name``: its address, login and password."""
    account = account_named(settings, name)
    return settings.model_copy(
        update={
            "base_url": account.base_url.rstrip("/"),
            "email": account.email,
            "password": SecretStr(_password(settings, name, account)),
            "account": name,
        }
    )


def _password(settings: Settings, name: str, account: Account) -> str:
    if account.password_env is not None:
        value = settings.secret_from(account.password_env)
        if not value:
            raise ConfigError(
                f"account {name}: the variable named by accounts.{name}.password_env in"
                f" {settings.accounts} is not set; set it in the environment or in .env"
            )
        return value
    assert account.password_keyring is not None  # the model asks for one of the two
    service, user = account.password_keyring.split("/", 1)
    try:
        import keyring  # type: ignore[import-not-found]  # noqa: PLC0415 - optional
    except ImportError:
        raise ConfigError(
            f"account {name}: password_keyring needs the keyring package (pip install keyring)"
        ) from None
    try:
        value = keyring.get_password(service, user)
    except Exception as exc:
        what = type(exc).__name__
        raise ConfigError(f"account {name}: the keyring could not be read ({what})") from None
    if not value:
        raise ConfigError(f"account {name}: its password_keyring entry is not in the keyring")
    return str(value)
