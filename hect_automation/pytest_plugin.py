"""hect-automation's pytest plugin: write your own end-to-end checks on our runbooks.

Installed with the package (a ``pytest11`` entry point), it gives:

- ``hect_sandbox``: a fresh sandbox HECT account for the test (a ``Tenant``: its channels,
  its switches such as ``fail_next``, ``set(skin=…)``, and what HECT recorded);
- ``hect_runbook``: ``hect_runbook(platform, channel)`` reconnects that channel of the
  test's sandbox account with the simulated operator, exactly as ``hect-runbook reconnect``
  does, in pytest-playwright's ``browser``, and returns a ``RunbookResult`` (exit code, run
  record, messages). Extra command-line words go after the channel (``"--no-order-poll"``).
- ``hect_live``: skips the test unless ``--hect-live`` is given and a HECT login is set
  (``HECT_EMAIL``, ``HECT_PASSWORD``); then it is the live site's settings.

Options (group "hect"): ``--hect-base-url URL`` (the live site's address) and ``--hect-live``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from hect_automation import platforms
from hect_automation.config import Settings, load_settings


@dataclass(frozen=True)
class RunbookResult:
    """How a ``hect_runbook`` run ended: what ``hect-runbook … --json`` would have said."""

    exit_code: int
    record: dict[str, Any]
    messages: str  # what the person would have read on the terminal (stderr)

    @property
    def outcome(self) -> str:
        return str(self.record.get("outcome", ""))


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("hect", "hect-automation")
    group.addoption("--hect-base-url", metavar="URL", default=None, help="The live HECT's address.")
    group.addoption(
        "--hect-live",
        action="store_true",
        default=False,
        help="Run the tests that use the live HECT (hect_live); they need HECT_EMAIL and"
        " HECT_PASSWORD.",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "hect_live: uses the live HECT (needs --hect-live)")


@pytest.fixture(scope="session")
def hect_sandbox_server() -> Iterator[Any]:
    """The sandbox, served on loopback for the whole session (one per xdist worker)."""
    from hect_automation.sandbox.server import Sandbox  # noqa: PLC0415 - only when used

    with Sandbox() as server:
        yield server


@pytest.fixture
def hect_sandbox(hect_sandbox_server: Any) -> Any:
    """A fresh account of the default scenario, on hosts no other test uses."""
    return hect_sandbox_server.create_account()


@pytest.fixture
def hect_runbook(
    hect_sandbox: Any,
    browser: Any,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
) -> Callable[..., RunbookResult]:
    """``hect_runbook(platform, channel, *more_words)``: a reconnect on ``hect_sandbox``
    with the simulated operator; its exit code and run record. Its HECT trace follows
    pytest-playwright's ``--tracing`` (off unless asked: on, retain-on-failure)."""
    from hect_automation.cli import run  # noqa: PLC0415 - the command line, in this process

    tracing = str(request.config.getoption("--tracing", default=None) or "off")
    settings = {**sandbox_env(hect_sandbox, tmp_path), "HECT_TRACE": tracing}

    def reconnect(platform: str, channel: str, *more: str) -> RunbookResult:
        argv = ["reconnect", platform, "--channel", channel, "--operator", "simulated"]
        capsys.readouterr()
        with environment(settings, tmp_path):
            code = run([*argv, *more, "--json"], browser=browser)
        out, err = capsys.readouterr()
        try:
            record = json.loads(out)
        except json.JSONDecodeError:
            record = {}
        return RunbookResult(code, record, err)

    return reconnect


@pytest.fixture
def hect_live(request: pytest.FixtureRequest) -> Settings:
    """The live site's settings; the test is skipped without ``--hect-live`` or a login."""
    if not request.config.getoption("--hect-live"):
        pytest.skip("live HECT checks need --hect-live")
    flags = {"base_url": request.config.getoption("--hect-base-url")}
    settings = load_settings(flags)
    if not (settings.email and settings.password):
        pytest.skip("live HECT checks need HECT_EMAIL and HECT_PASSWORD")
    return settings


def sandbox_env(tenant: Any, folder: Path) -> dict[str, str]:
    """The settings of a run against sandbox account ``tenant``: its address, its HECT user,
    its marketplace logins for the simulated operator (each marketplace's first), and records
    kept in ``folder``."""
    from hect_automation.sandbox.practice import Practice  # noqa: PLC0415 - sandbox on demand

    practice = Practice(tenant.scenario)
    user = tenant.scenario.users[0]
    env = {
        "HECT_BASE_URL": tenant.urls["hect"],
        "HECT_EMAIL": user.email,
        "HECT_PASSWORD": user.password,
        "HECT_ARTIFACTS_DIR": str(folder / "hect-runs"),
        "HECT_HISTORY": str(folder / "history.sqlite3"),
    }
    for entry in platforms.every():
        accounts = practice.accounts(entry.key) if entry.sandbox and entry.login else []
        if entry.login and accounts:
            env[entry.login.login] = accounts[0].email
            env[entry.login.password] = accounts[0].password
            if entry.login.otp:
                env[entry.login.otp] = accounts[0].otp or ""
    return env


@contextmanager
def environment(values: dict[str, str], cwd: Path) -> Iterator[None]:
    """A run in this process sees these settings (and no other HECT_* value; an empty value
    is unset), in ``cwd``; the environment and folder are restored afterwards."""
    saved, here = dict(os.environ), Path.cwd()
    for key in [k for k in os.environ if k.startswith("HECT_")]:
        del os.environ[key]
    os.environ.update({k: v for k, v in values.items() if v})
    os.chdir(cwd)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)
        os.chdir(here)
