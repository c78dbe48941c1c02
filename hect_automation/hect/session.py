"""The HECT tab: navigation with bounded retries, and a sign-in that never enters a trace.

The password is only ever typed where nothing records: at the start of a run, before the
HECT context's trace starts (``on_ready`` starts it once the first page is in); and if the
session expires mid-run (once), in a short-lived scratch context whose HECT cookies are then
carried into the traced one.

Every navigation is checked: a server error, a network error or a timeout is retried with
exponential backoff (bounded); HECT still failing after that is ``HectUnavailable`` (exit 8).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urlsplit

from playwright.sync_api import (
    Browser,
    BrowserContext,
    Dialog,
    Frame,
    Locator,
    Page,
    Request,
    Response,
)
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from pydantic import SecretStr

from hect_automation.boundary import navigation_failed
from hect_automation.errors import HectUnavailable, PageMismatch, SignInFailed, first_line
from hect_automation.hect.capture import host_of, same_site
from hect_automation.hect.channels import ChannelRecord
from hect_automation.hect.reach import HARMFUL, Reach
from hect_automation.hect.reader import select_in_list
from hect_automation.hect.settle import install_watch
from hect_automation.locate import (
    ALERT,
    NEXT_STEP,
    any_of,
    describe,
    exactly,
    fill_secret,
    first_visible,
    pick,
    shown_text,
)
from hect_automation.runbook import Target

EMAIL = [Target(label="/e-?mail|user ?name/i"), Target(placeholder="/e-?mail|user ?name/i")]
PASSWORD = [Target(label="/password/i"), Target(placeholder="/password/i")]
SUBMIT = [Target(role="button", name="/^\\W*(log ?in|sign ?in)\\W*$/i")]
# A sign-in form: a password box shown (the browser draws its dots); or, at a two-step
# sign-in's first step, a login field shown while the form's password box waits hidden.
_PASSWORD_BOX = "input[type=password]"  # noqa: S105 - a CSS selector, not a password
_LOGIN_FIELD = "input[autocomplete~=username], input[type=email], input[name*=mail i]"
MAX_SIGN_INS = 2  # the first, and one more if the session expires mid-run
_FRAME_BOUND = 2.0  # seconds a frame of the page may take to show its page
SELECTED_BOUND = 2.0  # seconds a toolbar's control may take to show for the row selected


def _asks_sign_in(frame: Frame) -> bool:
    """A password box shown (the browser draws its dots), or, in a sign-in of two steps, a
    login field shown with a password box hidden beside it."""
    boxes = frame.locator(_PASSWORD_BOX)
    if not boxes.count():
        return False
    if boxes.filter(visible=True).count():
        return True
    field = frame.locator(f"form:has({_PASSWORD_BOX})").locator(_LOGIN_FIELD)
    return field.filter(visible=True).count() > 0


@dataclass(frozen=True)
class Credentials:
    email: str
    password: SecretStr = field(repr=False)
    source: str = "HECT_EMAIL and HECT_PASSWORD"  # where to look when HECT refuses them


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded exponential backoff for navigations that meet server or network errors."""

    attempts: int = 4
    first_delay: float = 0.25
    # A backoff pause between retries is the point here, not synchronisation with the page.
    pause: Callable[[float], None] = time.sleep

    def delays(self) -> Iterator[float]:
        for attempt in range(self.attempts):
            yield self.first_delay * 2**attempt


class Navigator:
    """Runs navigations on one page, retrying server errors, network errors and timeouts."""

    def __init__(
        self, page: Page, retry: RetryPolicy, say: Callable[[str], None], *, who: str = "HECT"
    ) -> None:
        self.page = page
        self.who = who
        self.retry = retry
        self.say = say
        self.last: Response | None = None
        self.requested: str | None = None
        self.origin: str | None = None  # where the navigation first meant to go (retries kept)
        self.waiting: str | None = None  # a navigation sent and not yet answered
        page.on("request", self._on_request)
        page.on("response", self._on_response)
        page.on("requestfailed", self._on_failed)

    def _is_ours(self, request: Request) -> bool:
        return request.is_navigation_request() and request.frame == self.page.main_frame

    def _on_request(self, request: Request) -> None:
        if self._is_ours(request):
            self.waiting = request.url

    def _on_response(self, response: Response) -> None:
        if self._is_ours(response.request):
            self.last, self.requested, self.waiting = response, response.url, None

    def _on_failed(self, request: Request) -> None:
        if self._is_ours(request):  # no response at all: remember where it was going
            self.requested, self.waiting = request.url, None

    def run(self, action: Callable[[], object], what: str, *, repeatable: bool = True) -> None:
        """Do ``action`` (a goto, click or reload) until its page loads without error; an
        action that may change something (``repeatable=False``, or a form post) is not
        repeated: the caller looks at HECT first."""
        delays = self.retry.delays()
        self.origin = None
        while True:
            self.last, self.requested, self.waiting = None, None, None
            problem = ""
            try:
                action()
                self.page.wait_for_load_state("domcontentloaded")
            except PlaywrightError as exc:
                slow = isinstance(exc, PlaywrightTimeout) and self.waiting is not None
                if not (navigation_failed(exc) or slow):
                    raise  # not the site failing (a covered link, a closed window): the engine says
                if slow:  # the click was made; HECT did not answer in the step's time
                    self.requested = self.waiting
                    problem = f"no answer from {self.waiting} in time (HECT_TIMEOUT)"
                else:
                    problem = first_line(exc)
            if self.origin is None and self.last is not None:
                self.origin = _first_of(self.last.request)
            if not problem and self.last is not None and self.last.status >= 500:
                problem = f"HTTP {self.last.status} from {self.last.url}"
            if not problem:
                return
            if not repeatable or (self.last is not None and self.last.request.method != "GET"):
                raise HectUnavailable(
                    f"{what}: {problem}; not repeated, as it may have taken effect"
                )
            delay = next(delays, None)
            if delay is None:
                tries = self.retry.attempts
                raise HectUnavailable(
                    f"{self.who} still failing after {tries} retries ({what}): {problem}"
                )
            self.say(f"{self.who} did not answer properly ({problem}); retrying in {delay:g} s")
            self.retry.pause(delay)
            if self.requested:  # go straight to the page that failed, as a person would reload it
                action = partial(self.page.goto, self.requested, wait_until="domcontentloaded")

    def goto(self, url: str) -> None:
        self.run(partial(self.page.goto, url, wait_until="domcontentloaded"), url)

    def wanted_url(self) -> str:
        """Where the last navigation meant to go, before any redirect (to sign in, say)."""
        if self.origin is not None:
            return self.origin  # a retry reloads the page it was sent to, not the one it wanted
        return self.page.url if self.last is None else _first_of(self.last.request)


def _first_of(request: Request) -> str:
    """The address a request chain started from, before redirects."""
    while request.redirected_from is not None:
        request = request.redirected_from
    return request.url


class HectSite:
    """One HECT tab in a (possibly traced) context, signed in on demand."""

    def __init__(
        self,
        browser: Browser,
        context: BrowserContext,
        base_url: str,
        credentials: Callable[[], Credentials],
        *,
        timeout: float,
        retry: RetryPolicy | None = None,
        say: Callable[[str], None] = lambda _: None,
        on_ready: Callable[[], None] = lambda: None,
    ) -> None:
        self.browser = browser
        self.context = context
        self.base_url = base_url
        self.host = urlsplit(base_url).hostname or ""
        self._credentials = credentials
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.say = say
        self.sign_ins = 0
        self.ready = False  # set once the first page is in (signed in if HECT asked)
        self.way: list[re.Pattern[str]] = []  # the names of what the walks here clicked
        self._on_ready = on_ready
        install_watch(context)
        self.alerts: list[str] = []  # what HECT said in the browser's own alerts, in order
        context.on("dialog", self._answer_dialog)
        self.page = context.new_page()
        self.nav = Navigator(self.page, self.retry, say)
        self.reach = Reach(self.page, say)

    def _answer_dialog(self, dialog: Dialog) -> None:
        """The browser's own dialogs, answered as the person who clicked would: an alert is
        read (HECT's words: the order poll's answer may come that way) and closed; a question
        about going on with what was clicked ("You will be taken to Amazon… Continue?") is
        answered OK, one that would delete, disconnect or give something up is answered
        Cancel; anything else (a prompt for words) is closed unanswered."""
        message = " ".join(dialog.message.split())
        try:
            if dialog.type == "alert":
                self.alerts.append(message)
                self.say(f"HECT said: {message}")
                dialog.accept()
            elif dialog.type in ("confirm", "beforeunload") and not HARMFUL.search(message):
                self.say(f'HECT asked "{message}"; answered OK')
                dialog.accept()
            else:
                self.say(f'HECT asked "{message}"; answered Cancel')
                dialog.dismiss()
        except PlaywrightError:
            return  # the page went away with its dialog

    @contextmanager
    def in_window(self, window: Page) -> Iterator[None]:
        """Work in a window HECT opened (an order poll form in a popup), then close it and
        come back to the HECT tab, as a person does."""
        kept = self.page, self.nav, self.reach
        self.page, self.nav, self.reach = (
            window,
            Navigator(window, self.retry, self.say),
            Reach(window, self.say),
        )
        try:
            yield
        finally:
            self.page, self.nav, self.reach = kept
            if not window.is_closed():
                with suppress(PlaywrightError):
                    window.close()

    def move_to(self, window: Page) -> None:
        """Go on in a tab HECT opened for what was clicked (a platform's list opened in a new
        tab), as a person does; the tab it was opened from is closed."""
        old = self.page
        window.wait_for_load_state("domcontentloaded", timeout=self.timeout * 1000)
        self.page = window
        self.nav = Navigator(window, self.retry, self.say)
        self.reach = Reach(window, self.say)
        with suppress(PlaywrightError):
            old.close()

    def adopt(self, *, say: Callable[[str], None], on_ready: Callable[[], None]) -> None:
        """Hand this tab, opened beforehand, to a run: its notes, and its tracing from now."""
        self.say = self.nav.say = self.reach.note = say
        self._on_ready = on_ready
        if self.ready:
            on_ready()

    def ensure_page(self) -> Page:
        """The HECT tab, opened anew if the person closed it."""
        if self.page.is_closed():
            self.say("The HECT window was closed; opening HECT again to read it")
            self.page = self.context.new_page()
            self.nav = Navigator(self.page, self.retry, self.say)
            self.reach = Reach(self.page, self.say)
        return self.page

    def walked(self, targets: Sequence[Target]) -> None:
        """Note the names of what a walk here clicked (``way``), each once."""
        for target in targets:
            name = exactly(words) if (words := target.wording()) else None
            if name is not None and name not in self.way:
                self.way.append(name)

    def cookies(self) -> list[dict[str, object]]:
        """HECT's cookies in this context (its session), for a private window's first hop."""
        return [
            dict(c) for c in self.context.cookies() if same_site(c.get("domain", ""), self.host)
        ]

    # -- navigation ------------------------------------------------------------------------
    def open(self, url: str | None = None) -> None:
        """Go to ``url`` (default: HECT's home page), signing in if HECT asks."""
        self.ensure_page()
        target = url or self.base_url + "/"
        if target == self.page.url:  # the same address (a # route, say) would not load it again
            self._navigate(partial(self.page.reload, wait_until="domcontentloaded"), target)
            return
        self._navigate(partial(self.page.goto, target, wait_until="domcontentloaded"), target)

    def click(
        self, locator: Locator, what: str, *, repeatable: bool = True, unless_gone: bool = False
    ) -> bool:
        """Click something that may lead to another HECT page, and wait for that page;
        whatever would take the click instead (a banner over it) is dismissed first. With
        ``unless_gone``, a target that can no longer take the click is not clicked (False):
        the caller looks for it again."""
        try:
            if not self.reach.ready(locator) and unless_gone:
                return False
            self._navigate(locator.click, what, repeatable=repeatable)
            return True
        finally:
            self.reach.let_go()

    def act(self, action: Callable[[], object], what: str) -> None:
        """Do something that may lead to another HECT page (choosing an option that
        navigates), and wait for that page, signing in if HECT asks."""
        self._navigate(action, what)

    def _navigate(
        self, action: Callable[[], object], what: str, *, repeatable: bool = True
    ) -> None:
        self.nav.run(action, what, repeatable=repeatable)
        if self.on_sign_in_page():
            wanted = self.nav.wanted_url()
            self.sign_in()  # raises unless HECT let us past its sign-in form
            if self.page.url != wanted or self.on_sign_in_page():
                self.nav.goto(wanted)
                if self.on_sign_in_page():
                    raise SignInFailed("HECT asked to sign in again straight after signing in")
        if not self.ready:
            self.ready = True
            self._on_ready()  # from here on the context may be traced

    # -- signing in ------------------------------------------------------------------------
    def on_sign_in_page(self) -> bool:
        """Whether HECT shows its sign-in form, on the page or in a frame of HECT's own."""
        return self._sign_in_scope(self.page) is not None

    def _sign_in_scope(self, page: Page) -> Locator | None:
        """Where HECT shows its sign-in form: the page itself, or a frame of HECT's own in it
        (a sign-in widget on a welcome page); None when it shows none. A frame of another
        site is never one: HECT's password is typed into HECT's pages only. One query on a
        page with no frame and no password box, as most are."""
        for frame in [page.main_frame, *page.main_frame.child_frames]:
            if frame is not page.main_frame:
                if frame.url.startswith("http") and not same_site(self.host, host_of(frame.url)):
                    continue  # another site's (a chat, a video): not waited for either
                with suppress(PlaywrightError):  # a frame just added may not have its page yet
                    frame.wait_for_load_state("domcontentloaded", timeout=_FRAME_BOUND * 1000)
                if frame.is_detached() or not same_site(self.host, host_of(frame.url)):
                    continue
            if _asks_sign_in(frame):
                return frame.locator(":root")
        return None

    def sign_in(self) -> None:
        """Sign in where nothing records: on this page while it is not yet traced (the start
        of a run), else in a private scratch context whose HECT cookies are carried over."""
        if self.sign_ins >= MAX_SIGN_INS:
            raise SignInFailed("HECT signed us out again; check the session and try again later")
        self.sign_ins += 1
        creds = self._credentials()
        self.say(
            "Signing into HECT" if self.sign_ins == 1 else "HECT session expired; signing in again"
        )
        if not self.ready:
            self._submit_sign_in(self.page, creds)
            return
        scratch = self.browser.new_context(locale="en-GB")
        scratch.set_default_timeout(self.timeout * 1000)
        try:
            page = scratch.new_page()
            Navigator(page, self.retry, self.say).goto(self.base_url + "/")
            self._submit_sign_in(page, creds)
            cookies = [c for c in scratch.cookies() if same_site(c.get("domain", ""), self.host)]
        finally:
            scratch.close()
        self.context.add_cookies(cookies)  # type: ignore[arg-type]

    def _submit_sign_in(self, page: Page, creds: Credentials) -> None:
        form = self._sign_in_scope(page) or page
        email = first_visible(form, EMAIL, self.timeout)
        if email is None:
            raise self._form_lacks("email field")
        password = pick(form, PASSWORD)
        if password is None:  # two steps: the email and Next, then the password
            onward = pick(form, NEXT_STEP)
            if onward is None:
                raise self._form_lacks("password field")
            email.fill(creds.email)
            onward.click()
            password = first_visible(form, PASSWORD, self.timeout)
            if password is None:
                reason = shown_text(form, ALERT) or "no password field came after the email."
                raise SignInFailed(
                    f"HECT did not take the sign-in for {creds.email}: {reason} "
                    f"Check {creds.source}."
                )
        submit = pick(form, SUBMIT)
        if password is None or submit is None:
            raise self._form_lacks("password field" if password is None else "sign-in button")
        if email.is_visible():  # a two-step form shows the email as text by now
            email.fill(creds.email)
        fill_secret(password, creds.password.get_secret_value(), "HECT's password field")
        reach = self.reach if page is self.page else Reach(page, self.say)
        try:  # a dialog over the form (cookie consent) is answered first, as a person does
            reach.ready(submit)
            submit.click()
        finally:
            reach.let_go()
        page.wait_for_load_state("domcontentloaded")
        again = self._sign_in_scope(page)
        if again is None:
            return
        reason = shown_text(again, ALERT) or "HECT showed the sign-in form again"
        raise SignInFailed(
            f"HECT did not accept the sign-in for {creds.email}: {reason} Check {creds.source}."
        )

    @staticmethod
    def _form_lacks(missing: str) -> PageMismatch:
        return PageMismatch(
            f"HECT's sign-in form has no {missing} "
            f"(looked for {describe([*EMAIL, *PASSWORD, *SUBMIT], every=True)})"
        )


def for_the_selected(
    site: HectSite, record: ChannelRecord, targets: Sequence[Target], note: Callable[[str], None]
) -> Locator | None:
    """A control of a list whose actions sit in a toolbar and act on the channel selected
    (rows holding none: Connect Channel, Order Poll): ``record`` selected as a person would
    (``select_in_list``), and the one such control the page then offers, enabled; else None
    (none, or one for each of several channels: not the selected one's)."""
    if not select_in_list(record, site.click):
        return None
    control = site.reach.find(site.page, targets, SELECTED_BOUND, what=describe(targets))
    if control is None or any_of(site.page, targets).filter(visible=True).count() > 1:
        return None
    if not control.is_enabled():
        return None
    note(f"selected '{record.name}' in the list, whose actions act on the one selected")
    return control
