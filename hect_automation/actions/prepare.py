"""The next channel of a batch, prepared while the person is signing in on this one.

While the person is on channel N, ``Preparation`` does for channel N+1 what its run would do
first: a HECT tab of its own (in the batch's session), the walk to its list, the list read,
and, when the channel is due, its connect control clicked with the navigation held
(``hect.capture``). It runs alongside N's hand-off (``meanwhile``), never in its way.

Nothing of it is shown, and nothing of the marketplace is loaded, before N has ended: two
sign-in pages at once is how a person signs into the wrong seller. Until its turn the
prepared HECT tab holds every navigation (a click on it goes nowhere). At its turn the run
takes the tab as its own and opens the captured link in its private window, or, when the
link is older than ``FRESH_FOR`` seconds, clicks the control again for a fresh one (HECT's
``state`` is short-lived, and the person still has to sign in with it).

Anything that goes wrong here is dropped with the tab: the run then does it all itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Browser, BrowserContext

from hect_automation.actions.base import RunOptions
from hect_automation.actions.isolate import OpenIsolatedAction, due
from hect_automation.actions.navigate import walk_to_list
from hect_automation.browser import new_hect_context
from hect_automation.config import Settings
from hect_automation.hect.capture import Held, Hold
from hect_automation.hect.reader import ChannelReader
from hect_automation.hect.session import Credentials, HectSite, RetryPolicy
from hect_automation.platforms import platform
from hect_automation.report import utcnow
from hect_automation.runbook import OpenIsolated, Runbook

FRESH_FOR = 30.0  # seconds a link captured beforehand is used as it is


@dataclass
class Prepared:
    """What was done for a channel before its turn: its HECT tab, on its list (which the run
    reads again at its turn: the run before may have changed it)."""

    site: HectSite
    login: str | None
    list_url: str
    held: Held | None = None  # the connect control's navigation, when the channel was due
    captured_at: float = 0.0  # time.monotonic() when captured
    captured_on: str = ""  # and as a date (ISO, UTC), for the run's record
    hold: Hold | None = None  # keeps the tab from going anywhere until its turn

    def link(self, say: Callable[[str], None]) -> Held | None:
        """The captured navigation if still fresh (None: click the control again); from
        here on the tab is the run's, and goes where the run takes it."""
        self.release()
        if self.held is None:
            return None
        age = time.monotonic() - self.captured_at
        if age > FRESH_FOR:
            say(f"The link fetched beforehand is {age:.0f} s old; fetching a fresh one")
            return None
        return self.held

    def release(self) -> None:
        if self.hold is not None:
            hold, self.hold = self.hold, None
            hold.__exit__(None, None, None)


@dataclass
class Preparation:
    """Channel ``name``'s first steps, done ahead; ``context`` is known as soon as it exists,
    so that the batch can close it (and so end the preparation) whenever it must."""

    browser: Browser
    settings: Settings
    runbook: Runbook
    name: str
    options: RunOptions
    cookies: list[dict[str, Any]]
    login: str | None
    credentials: Callable[[], Credentials]
    context: BrowserContext | None = None

    def __call__(self) -> Prepared:
        settings, timeout = self.settings, self.settings.timeout
        self.context = context = new_hect_context(self.browser, timeout=timeout)
        try:
            if self.cookies:
                context.add_cookies(self.cookies)  # type: ignore[arg-type]
            site = HectSite(
                self.browser,
                context,
                settings.base_url,
                self._credentials,
                timeout=timeout,
                retry=RetryPolicy(first_delay=settings.retry_delay),
            )  # what it does is said at its turn, as steps "done beforehand"
            walk_to_list(site, self.runbook, timeout)
            return self._read(site)
        except BaseException:
            with suppress(Exception):
                context.close()
            raise

    def _credentials(self) -> Credentials:
        creds = self.credentials()
        self.login = creds.email
        return creds

    def _read(self, site: HectSite) -> Prepared:
        timeout = self.settings.timeout
        entry = platform(self.runbook.platform)
        reader = ChannelReader(site.page, entry, timeout, click=site.click, way=site.way)
        before = reader.read_all()
        target = before.find(self.name)
        prepared = Prepared(site, self.login, site.page.url)
        if not (self.options.force or due(target, self.options.warn_days)):
            return prepared  # the run says why there is nothing to do
        if not reader.shows(target):
            return prepared  # read on another page: the run finds it again itself
        step = next(s for s in self.runbook.steps if isinstance(s, OpenIsolated))
        expected = target.seller
        prepared.held = OpenIsolatedAction.capture(site, step, target, expected, timeout)
        prepared.captured_at, prepared.captured_on = time.monotonic(), utcnow().isoformat()
        prepared.hold = Hold(site.context).__enter__()
        return prepared

    def stop(self) -> None:
        """End the preparation where it is: its tab closed under it."""
        if self.context is not None:
            with suppress(Exception):  # a browser gone, or its connection with it
                self.context.close()
