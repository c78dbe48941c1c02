"""The article's right-click → "open in a private window", for any kind of connect control.

HECT's connect control may be a link, a link whose address is set only when clicked, a
button opening a popup, a form that posts and is redirected, or a link in the same tab.
Whatever it is, clicking it makes HECT's browser context start one navigation. ``Hold``
answers every navigation of that context locally while it is active (204 No Content for a
tab, so the tab stays on HECT's page; a short page for a new window), so nothing is sent and
no marketplace page loads there; ``capture_navigation`` clicks and returns the request it
held. ``open_privately`` then replays that request, GET or POST, in a fresh context (the
private window): a request to HECT itself carries HECT's cookies for that one hop, and they
are dropped as soon as the window has left HECT, so Amazon and eBay never see them.

Playwright does not route redirects, so holding the *request* (not following it and looking
at where it lands) is what makes the form post and HECT's own redirecting links safe too.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, Request, Response, Route
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from hect_automation.browser import new_isolated_context
from hect_automation.errors import PageMismatch

HELD_PAGE = (
    "<!doctype html><title>Opened in the private window</title>"
    "<p>hect-runbook opened this in its private window instead.</p>"
)


def same_site(cookie_domain: str, host: str) -> bool:
    domain = cookie_domain.lstrip(".").lower()
    return host == domain or host.endswith("." + domain)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


@dataclass(frozen=True)
class Held:
    """A navigation HECT's context tried to make, as it would have been sent."""

    method: str
    url: str
    post_data: bytes | None = field(repr=False)
    content_type: str | None

    @classmethod
    def of(cls, request: Request) -> Held:
        return cls(
            request.method,
            request.url,
            request.post_data_buffer,
            request.headers.get("content-type"),
        )

    def describe(self) -> str:
        where = urlsplit(self.url)
        return f"{self.method} {where.scheme}://{where.netloc}{where.path}"


def _new_window(request: Request) -> bool:
    """Whether the request opens a window (a popup's first navigation has no frame yet)."""
    try:
        request.frame  # noqa: B018 - asking is the test
    except PlaywrightError:
        return True
    return False


class Hold:
    """While active, every navigation of ``context`` is answered locally, never sent."""

    def __init__(self, context: BrowserContext, on_held: Callable[[Held], None] | None = None):
        self.context = context
        self.on_held = on_held
        self.held: list[Held] = []
        self.windows: list[Page] = []

    def _route(self, route: Route, request: Request) -> None:
        if not request.is_navigation_request():
            route.continue_()
            return
        held = Held.of(request)
        self.held.append(held)
        if _new_window(request):
            route.fulfill(status=200, content_type="text/html", body=HELD_PAGE)
        else:
            route.fulfill(status=204)
        if self.on_held is not None:
            self.on_held(held)

    def _on_page(self, page: Page) -> None:
        self.windows.append(page)

    def __enter__(self) -> Hold:
        self.context.route("**/*", self._route)
        self.context.on("page", self._on_page)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.context.unroute("**/*", self._route)
            self.context.remove_listener("page", self._on_page)
            for window in self.windows:  # windows the held navigations opened: close them
                if not window.is_closed():
                    window.close()
        except PlaywrightError:
            return  # the browser went away: nothing left to undo


LOOK_EVERY = 0.25  # seconds between looks for an address shown, while no navigation came


def _navigation(response: Response) -> bool:
    return response.request.is_navigation_request()


def capture_navigation(
    context: BrowserContext,
    click: Callable[[], None],
    *,
    timeout: float,
    what: str,
    confirm: Callable[[], object] = lambda: None,
    shown: Callable[[], str | None] = lambda: None,
) -> Held:
    """Do ``click`` while holding the context's navigations; the first one it started.
    ``confirm`` then answers a question the click may have asked instead of going (a
    dialog: "Reconnect …? Continue"); else ``shown`` is asked for an address the click
    showed for a person to open themselves (a box to copy it from), which is then held as
    if it had been followed.

    The wait is for that navigation's response, which only the hold can have given: once
    it has come, the request was answered here and never sent.
    """
    deadline = time.monotonic() + timeout
    with Hold(context):
        try:
            with context.expect_event(
                "response", predicate=_navigation, timeout=timeout * 1000
            ) as answered:
                click()
                if not answered.is_done():
                    confirm()
                # Until the navigation is answered: look for an address shown, then give the
                # page a moment (a panel drawn after a fetch), ended early by the answer.
                while not answered.is_done() and time.monotonic() < deadline:
                    if (address := shown()) and not answered.is_done():
                        raise _Shown(address)
                    with suppress(PlaywrightTimeout):
                        context.wait_for_event(
                            "response", predicate=_navigation, timeout=LOOK_EVERY * 1000
                        )
        except _Shown as given:
            return Held("GET", given.address, None, None)
        except PlaywrightTimeout:
            raise PageMismatch(
                f"{what} led nowhere within {timeout:g} s (no page was opened)"
            ) from None
        return Held.of(answered.value.request)


class _Shown(Exception):  # not an error: how an address shown leaves the wait
    def __init__(self, address: str) -> None:
        super().__init__(address)
        self.address = address


@dataclass
class PrivateWindow:
    """The private window: a fresh browser context and its page."""

    context: BrowserContext
    page: Page
    carried_hect_session: bool

    def close(self) -> None:
        try:
            self.context.close()
        except PlaywrightError:
            return


def open_privately(
    browser: Browser,
    held: Held,
    *,
    hect_host: str,
    hect_cookies: Callable[[], list[dict[str, object]]],
    timeout: float,
    go: Callable[[Page, str], None],
) -> PrivateWindow:
    """Replay ``held`` in a fresh context; ``go(page, url)`` navigates (with retries)."""
    context = new_isolated_context(browser, timeout=timeout)
    page = context.new_page()
    to_hect = same_site(hect_host, host_of(held.url))
    if to_hect:
        # HECT's own address (a redirecting link, a form): it needs HECT's session for
        # this one hop, and nothing else of the HECT context.
        context.add_cookies(
            [c for c in hect_cookies() if same_site(str(c.get("domain", "")), hect_host)]  # type: ignore[misc]
        )
    if held.method != "GET":
        headers = {"content-type": held.content_type} if held.content_type else {}

        def replay(route: Route, request: Request) -> None:
            route.continue_(
                method=held.method,
                post_data=held.post_data,
                headers={**request.headers, **headers},
            )

        page.route(held.url, replay, times=1)
    go(page, held.url)
    if to_hect and not same_site(hect_host, host_of(page.url)):
        context.clear_cookies(domain=hect_host)  # the window has left HECT: drop its session
    return PrivateWindow(context, page, carried_hect_session=to_hect)
