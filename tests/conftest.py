"""Shared fixtures: the sandbox server (one per worker), an isolated account per test, the
browser pytest-playwright launches (found the way hect-runbook finds it), and a helper that
runs the real ``hect-runbook`` command against a test's account.
"""

from __future__ import annotations

import os
import re
import selectors
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from hect_automation import LAUNCH_ARGS
from hect_automation import discover_browser as discover
from hect_automation import run_command as run
from hect_automation.pytest_plugin import environment, sandbox_env
from hect_automation.sandbox import Sandbox, Scenario, Tenant
from tests.receivers import Mailbox, Webhook

SIMULATED_UK = ("reconnect", "amazon", "--channel", "Amazon UK", "--operator", "simulated")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--census",
        action="store_true",
        help="Also run the rest of the endings census (every phase with every ending).",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--census"):
        kept = [item for item in items if item.get_closest_marker("census") is None]
        if len(kept) != len(items):
            config.hook.pytest_deselected(items=[i for i in items if i not in kept])
            items[:] = kept
    workers = getattr(config, "workerinput", {}).get("workercount", 1)
    if workers > 1:
        items[:] = waiting_first(items)


def waiting_first(items: list[pytest.Item]) -> list[pytest.Item]:
    """The order in which the ``waits`` tests (mostly waiting on the clock: a 10 s reading
    of HECT, an operator timeout) come first, all in the first worker's share: while that
    worker waits, the others' work fills the machine, instead of every worker waiting at
    once or the suite ending on a wait.

    pytest-xdist's worksteal hands the first worker the first ``n // workers`` items of
    this order, runs them in order, and balances the shares by stealing from their ends."""
    waiting = [item for item in items if item.get_closest_marker("waits")]
    return waiting + [item for item in items if not item.get_closest_marker("waits")]


@pytest.fixture(scope="session", autouse=True)
def _ctrl_c_reaches_children() -> None:
    """A suite started in the background (``./run-tests &``) inherits SIGINT ignored, and so
    would every hect-runbook it starts: then the Ctrl-C tests could not press Ctrl-C. Ignored
    is kept across exec, a handler is not: with one here, each child starts with the default."""
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], playwright: Playwright
) -> dict[str, Any]:
    configured = os.environ.get("HECT_BROWSER_EXECUTABLE")
    choice = discover(playwright, Path(configured) if configured else None)
    headed = not browser_type_launch_args.get("headless", True)
    executable = choice.launchable(headed=headed)
    return {**browser_type_launch_args, "executable_path": executable, "args": LAUNCH_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "en-GB", "viewport": {"width": 1280, "height": 800}}


@pytest.fixture(scope="session")
def cdp_endpoint(
    browser_type_launch_args: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """One Chromium per test worker, shared by the ``hect-runbook`` runs of its tests over
    CDP (``HECT_BROWSER_CDP_ENDPOINT``): each run still makes its own fresh contexts, but
    the suite stops paying for a browser launch per run. The launch path has tests of its own."""
    executable = browser_type_launch_args["executable_path"] or _playwright_chromium()
    profile = tmp_path_factory.mktemp("chromium-profile")
    chromium = subprocess.Popen(
        [
            str(executable),
            "--headless",
            "--no-sandbox",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            *LAUNCH_ARGS,
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a wrapper script's browser is killed with it
    )
    assert chromium.stderr is not None
    drain = threading.Thread(target=chromium.stderr.read, daemon=True)
    try:
        banner = read_until(chromium, "DevTools listening on ", stream="stderr")
        port = re.search(r"ws://127\.0\.0\.1:(\d+)/", banner)
        assert port, banner
        # Keep draining Chromium's chatter, or a full pipe would stall the browser.
        drain.start()
        yield f"http://127.0.0.1:{port.group(1)}"
    finally:
        os.killpg(chromium.pid, signal.SIGKILL)
        chromium.wait(timeout=10)
        if drain.is_alive():
            drain.join(timeout=10)
        chromium.stderr.close()


def _playwright_chromium() -> str:
    with sync_playwright() as playwright:
        return playwright.chromium.executable_path


def read_until(
    process: subprocess.Popen[bytes], marker: str, *, stream: str = "stdout", timeout: float = 20
) -> str:
    """Read a child's output until ``marker`` and the end of its line: waits on the pipe
    (bounded), never sleeps."""
    pipe = getattr(process, stream)
    assert pipe is not None
    fd, text = pipe.fileno(), ""
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while marker not in text or not text.split(marker, 1)[1].count("\n"):
            if not selector.select(timeout):
                raise TimeoutError(f"no {marker!r} within {timeout} s; got {text!r}")
            chunk = os.read(fd, 65536)
            if not chunk:
                raise EOFError(f"exited before {marker!r}: {text!r}")
            text += chunk.decode()
    return text


@pytest.fixture(scope="session")
def sandbox(hect_sandbox_server: Sandbox) -> Sandbox:
    """The plugin's sandbox (``hect_automation.pytest_plugin``), as teams use it."""
    return hect_sandbox_server


@pytest.fixture
def account(hect_sandbox: Tenant) -> Tenant:
    """A fresh HECT account of the default scenario, on hosts no other test uses."""
    return hect_sandbox


@pytest.fixture
def make_account(sandbox: Sandbox) -> Any:
    """Create an account from a scenario changed by keyword: ``make_account(users=[...])``."""

    def make(**changes: Any) -> Tenant:
        data = sandbox.scenario.model_dump()
        data.update(changes)
        return sandbox.create_account(Scenario.model_validate(data))

    return make


@pytest.fixture
def hect(page: Page, account: Tenant) -> Page:
    """A page signed into the test's HECT account (by session cookie), on the dashboard.

    Signing in through login.php has tests of its own; here it would only cost time.
    """
    page.context.add_cookies(account.hect_login(account.scenario.users[0].email))  # type: ignore[arg-type]
    page.goto(account.urls["hect"] + "/")
    return page


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@dataclass
class Cli:
    """Runs ``hect-runbook`` as a user would, against one account, in its own folder.

    By default the command runs in this process (the same ``run(argv)`` the console script
    calls, its own environment and working folder, output captured), given the worker's
    browser; ``subprocess`` runs it as a separate process, for what only a process shows
    (signals, a browser of its own). Keyword arguments set environment variables for that
    run (``""`` removes one).
    """

    account: Tenant
    cwd: Path
    cdp_endpoint: str = ""
    browser: Browser | None = None
    capture: pytest.CaptureFixture[str] | None = None

    def env(self, **overrides: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("HECT_")}
        env.update(sandbox_env(self.account, self.cwd))
        env.update(
            HECT_ARTIFACTS_DIR=str(self.cwd / "runs"),
            HECT_TIMEOUT="8",
            HECT_RETRY_DELAY="0.05",  # retries as many, sooner: the backoff has tests of its own
            HECT_TRACE="off",  # tracing has tests of its own; elsewhere it only costs time
            HECT_OPERATOR_TIMEOUT="30",
            HECT_BROWSER_CDP_ENDPOINT=self.cdp_endpoint,
            NO_COLOR="1",
            COLUMNS="200",
        )
        env.update(overrides)
        return {k: v for k, v in env.items() if v != ""}

    def __call__(self, *args: str, timeout: float = 90, **env: str) -> Result:
        if self.browser is None or self.capture is None:
            return self.subprocess(*args, timeout=timeout, **env)
        self.capture.readouterr()  # what came before is not this run's
        with environment(self.env(**env), self.cwd):
            code = run(list(args), browser=self.browser)
            out, err = self.capture.readouterr()
        return Result(code, out, err)

    def subprocess(self, *args: str, timeout: float = 90, **env: str) -> Result:
        done = subprocess.run(
            [sys.executable, "-m", "hect_automation", *args],
            cwd=self.cwd,
            env=self.env(**env),
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    def runs(self) -> list[Path]:
        return sorted((self.cwd / "runs").glob("*/run.json"))


@pytest.fixture
def cli_for(
    tmp_path: Path,
    cdp_endpoint: str,
    browser: Browser,
    capsys: pytest.CaptureFixture[str],
) -> Any:
    """``cli_for(account)``: the ``cli`` runner for another account of the test's."""

    def make(account: Tenant) -> Cli:
        return Cli(account, tmp_path, cdp_endpoint, browser, capsys)

    return make


@pytest.fixture
def cli(account: Tenant, cli_for: Any) -> Cli:
    return cli_for(account)


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox()
    box.controller.start()
    yield box
    box.controller.stop()


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    hook = Webhook()
    thread = threading.Thread(target=hook.server.serve_forever, daemon=True)
    thread.start()
    yield hook
    hook.server.shutdown()
    hook.server.server_close()
