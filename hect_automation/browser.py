"""Launch or connect to Chromium; make HECT and isolated contexts.

Which Chromium is found or installed is ``provision``'s; tracing is ``tracing``'s. An
*isolated* context is the article's private window: a fresh context with no cookie,
storage or cache from any other, never traced, recorded or written to disk.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir
from playwright.sync_api import Browser, BrowserContext, Playwright, ViewportSize, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from hect_automation.errors import BrowserNotFound, HectUnavailable, first_line
from hect_automation.provision import LAUNCH_ARGS, discover

VIEWPORT: ViewportSize = {"width": 1280, "height": 800}


class BrowserSession:
    """The Chromium of one command: connected to an endpoint when one is given, else launched
    here. ``relaunch`` starts over (Playwright's driver too) after the browser or the driver
    died under a run, so HECT can still be read to say how the run ended."""

    def __init__(
        self,
        *,
        headed: bool,
        executable: Path | None = None,
        ws_endpoint: str | None = None,
        cdp_endpoint: str | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.headed = headed
        self.executable = executable
        self.ws_endpoint = ws_endpoint
        self.cdp_endpoint = cdp_endpoint
        self.timeout = timeout
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None

    @property
    def browser(self) -> Browser:
        assert self._browser is not None, "start() first"
        return self._browser

    def start(self) -> Browser:
        with _driver_apart():
            self._playwright = sync_playwright().start()
        try:
            self._browser = self._connect_or_launch(self._playwright)
        except PlaywrightError as exc:
            self.close()
            endpoint = self.ws_endpoint or self.cdp_endpoint
            if endpoint:
                raise HectUnavailable(
                    f"cannot reach the browser at {endpoint}: {first_line(exc)}"
                ) from exc
            raise BrowserNotFound(f"Chromium would not start: {first_line(exc)}") from exc
        return self._browser

    def _connect_or_launch(self, playwright: Playwright) -> Browser:
        wait = self.timeout * 1000
        if self.ws_endpoint:
            return playwright.chromium.connect(self.ws_endpoint, timeout=wait)
        if self.cdp_endpoint:
            return playwright.chromium.connect_over_cdp(self.cdp_endpoint, timeout=wait)
        choice = discover(playwright, self.executable)
        return playwright.chromium.launch(
            executable_path=choice.launchable(headed=self.headed),
            headless=not self.headed,
            args=LAUNCH_ARGS,
        )

    def relaunch(self) -> Browser:
        self.close()
        return self.start()

    def close(self) -> None:
        """Close the browser and stop the driver; either may be dead already."""
        browser, playwright = self._browser, self._playwright
        self._browser = self._playwright = None
        with suppress(Exception):  # a dead driver fails in more ways than Playwright's Error
            if browser is not None:
                browser.close()
        with suppress(Exception):
            if playwright is not None:
                playwright.stop()


@contextmanager
def open_browser(
    *,
    headed: bool,
    executable: Path | None = None,
    ws_endpoint: str | None = None,
    cdp_endpoint: str | None = None,
    timeout: float = 30.0,
) -> Iterator[BrowserSession]:
    """A started ``BrowserSession``, closed when the block ends."""
    session = BrowserSession(
        headed=headed,
        executable=executable,
        ws_endpoint=ws_endpoint,
        cdp_endpoint=cdp_endpoint,
        timeout=timeout,
    )
    session.start()
    try:
        yield session
    finally:
        session.close()


@contextmanager
def _driver_apart() -> Iterator[None]:
    """Start Playwright's driver in a session of its own, with Node's compile cache.

    Ctrl-C at a terminal signals the whole foreground process group. Only hect-runbook
    should hear it: then it can still photograph HECT, keep the trace and close the windows
    before saying how the run ended. Playwright offers no option for this, so its call to
    ``asyncio.create_subprocess_exec`` is given ``start_new_session`` while it starts. Runs
    in threads of their own (a batch watched at once) start their drivers one at a time.

    Node compiles the driver's JavaScript anew at each start unless told where to keep it
    (``NODE_COMPILE_CACHE``, unless the caller set it): kept in the user's cache folder, a
    driver starts on about a fifth less CPU (0.29 against 0.23 s here), for every command.
    """
    with _DRIVER_START:
        original = asyncio.create_subprocess_exec

        async def spawn(*args: Any, **kwargs: Any) -> asyncio.subprocess.Process:
            if kwargs.get("env") is not None:  # the driver's environment, made by Playwright
                kwargs["env"] = {"NODE_COMPILE_CACHE": str(NODE_CACHE), **kwargs["env"]}
            return await original(*args, **{**kwargs, "start_new_session": True})

        asyncio.create_subprocess_exec = spawn
        try:
            yield
        finally:
            asyncio.create_subprocess_exec = original


_DRIVER_START = threading.Lock()
NODE_CACHE = Path(user_cache_dir("hect-runbook", appauthor=False)) / "node"


def new_hect_context(browser: Browser, *, timeout: float) -> BrowserContext:
    """The context HECT runs in: traced when the policy says so, English (UK), bounded waits."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    context.set_default_timeout(timeout * 1000)
    return context


def new_isolated_context(browser: Browser, *, timeout: float) -> BrowserContext:
    """The private window: nothing shared with any other context, nothing kept, never traced."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB", service_workers="block")
    context.set_default_timeout(timeout * 1000)
    return context
