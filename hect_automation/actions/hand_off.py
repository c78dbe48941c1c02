"""``await_operator``: the person signs in; we wait for the success image, a failure, or the end.

While the person works in the private window, HECT's own window is guarded: its trace is
paused, and every navigation it starts is held (``hect.capture.Hold``). A person who uses the
connect link there anyway gets it reopened in a fresh private window, and a line says so;
anything else is refused with a line. So the HECT context never becomes the place where a
marketplace password is typed, and never records one.

The hand-off ends on HECT's success image (by alt text, label, caption, or text beside it),
on a failure shown, or when the private window comes back to HECT after visiting the
marketplace but shows neither (an error page, or markup we do not know): then verification,
which reads HECT's list, tells what happened. The waiting is event-driven and bounded: a
wait for "any of" the page states, re-armed every few seconds so that a closed window, an
``error=`` redirect, the deadline and reminders are noticed too.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import BrowserContext, Page, Response
from playwright.sync_api import Error as PlaywrightError

from hect_automation.actions.base import Linked, Opened, RunContext, StopRun
from hect_automation.boundary import browser_lives, driver_gone
from hect_automation.errors import (
    AuthorisationFailed,
    BrowserLost,
    OperatorDidNotFinish,
    PageMismatch,
    first_line,
)
from hect_automation.hect.capture import Held, Hold, PrivateWindow, host_of, open_privately
from hect_automation.hect.capture import same_site as on_site
from hect_automation.hect.session import Navigator
from hect_automation.locate import ALERT, any_of, describe, first_visible, shown_text, shows
from hect_automation.operator import HandOff
from hect_automation.remote import WATCH_EVERY, WATCH_EVERY_MAX, WatchOperator
from hect_automation.runbook import AwaitOperator, Target

# When the success page finished loading, on the same clock as time.time() (epoch ms).
_LOADED_AT = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const end = nav && (nav.loadEventEnd || nav.domContentLoadedEventEnd);
  return end ? performance.timeOrigin + end : null;
}"""
RECHECK_EVERY = 2.0  # seconds between looks at the window list and the URL
RETURN_GRACE = 3.0  # seconds HECT's return page may take to show its success or failure
HEADING = [Target(role="heading", name="/./")]


@dataclass
class Watched:
    """What the private window has done: where it went, and how HECT answered its return."""

    hect_host: str
    visited_marketplace: bool = False
    hect_status: int | None = None  # the last HECT page's HTTP status, after the marketplace
    returned_at: float | None = None

    def on_response(self, response: Response) -> None:
        if not response.request.is_navigation_request():
            return
        if on_site(self.hect_host, host_of(response.url)):
            if self.visited_marketplace:
                self.hect_status = response.status
                self.returned_at = self.returned_at or time.monotonic()
        else:
            self.visited_marketplace = True


@dataclass
class Guard:
    """HECT's window while the person works: trace paused, navigations held and reported."""

    ctx: RunContext
    opened: Opened
    window: PrivateWindow
    watched: Watched
    held: list[Held] = field(default_factory=list)
    hold: Hold | None = None

    def __enter__(self) -> Guard:
        self.ctx.tracer.pause()
        self.hold = Hold(self.ctx.site.context, on_held=self.held.append).__enter__()
        self._watch(self.window)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.hold is not None:
            self.hold.__exit__()
        self.ctx.tracer.resume()

    def _watch(self, window: PrivateWindow) -> None:
        window.context.on("response", self.watched.on_response)

    def process(self) -> None:
        """Deal with what the person did in HECT's window since the last look."""
        while self.held:
            held = self.held.pop(0)
            if _same_address(held, self.opened.held):
                self._reopen(held)
            else:
                self.ctx.operator.say(
                    f"The HECT window is paused while you sign in (it tried to open "
                    f"{held.describe()}); use the private {self.ctx.platform.label} window."
                )

    def _reopen(self, held: Held) -> None:
        site, ctx = self.ctx.site, self.ctx
        ctx.operator.say(
            "You used the connect link in the HECT window: it was stopped there and opened in"
            " a fresh private window instead. Sign in there."
        )
        fresh = open_privately(
            ctx.browser,
            held,
            hect_host=site.host,
            hect_cookies=site.cookies,
            timeout=ctx.settings.timeout,
            go=lambda page, url: Navigator(page, site.retry, ctx.say, who=host_of(url)).goto(url),
        )
        ctx.windows.append(fresh)
        self.window.close()
        self.window = fresh
        self._watch(fresh)


def _same_address(a: Held, b: Held) -> bool:
    """Whether two held navigations go to the same place (the connect link, again)."""
    pa, pb = urlsplit(a.url), urlsplit(b.url)
    return (a.method, pa.scheme, pa.netloc, pa.path) == (b.method, pb.scheme, pb.netloc, pb.path)


class AwaitOperatorAction:
    def describe(self, step: AwaitOperator) -> str:
        return "hand over to the person, then notice HECT's success page"

    def perform(self, step: AwaitOperator, ctx: RunContext, opened: Opened) -> tuple[Linked, str]:
        if ctx.options.smoke:
            self._smoke(step, ctx, opened)
        timeout = ctx.settings.operator_timeout
        task = HandOff(
            ctx.platform,
            opened.target,
            opened.expected_seller,
            step.tell,
            timeout,
            window=opened.window,
            browser=ctx.browser,
            hect_host=ctx.site.host,
        )
        if isinstance(ctx.operator, WatchOperator):
            return self._watch_hect(ctx, opened, task, ctx.operator)
        if ctx.settings.headed:
            opened.window.page.bring_to_front()
        with Guard(ctx, opened, opened.window, Watched(ctx.site.host)) as guard:
            ctx.operator.begin(task)
            try:
                ctx.handing_over()
                linked = self._watch(step, ctx, opened, task, guard)
            finally:
                ctx.operator.end(task)
                ctx.record.hand_off.extend(task.journal)
        return linked, linked.how

    def _smoke(self, step: AwaitOperator, ctx: RunContext, opened: Opened) -> None:
        """Check the private window shows the marketplace's sign-in or consent page; stop."""
        window = opened.window.page
        cues = ctx.platform.cues
        expected = [t for cue in cues for t in cue.targets]
        timeout = ctx.timeout(step)
        if first_visible(window, [*expected, *step.failure], timeout) is None:
            raise PageMismatch(
                f"the private window shows neither sign-in nor consent within {timeout:g} s"
                f" (looked for {describe(expected, every=True)})"
            )
        shown = next((cue.name for cue in cues if shows(window, cue.targets)), None)
        if shown is None:
            raise AuthorisationFailed(_reason(window, None))
        raise StopRun(
            "smoke-ok",
            f"{host_of(window.url)} shows its {shown} page in the private window; stopped there"
            " (--smoke)",
        )

    def _watch(
        self, step: AwaitOperator, ctx: RunContext, opened: Opened, task: HandOff, guard: Guard
    ) -> Linked:
        timeout = task.timeout
        deadline = time.monotonic() + timeout
        next_reminder = time.monotonic() + ctx.operator.remind_every
        while True:
            guard.process()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise OperatorDidNotFinish(
                    f"no success within {timeout:g} s (HECT_OPERATOR_TIMEOUT)"
                )
            if time.monotonic() >= next_reminder:
                ctx.operator.remind(remaining, task)
                next_reminder += ctx.operator.remind_every
            if task.pressed is not None:
                return self._pressed(step, ctx, opened, guard, task)
            window = _newest(guard.window, ctx.site.context)
            wait = min(remaining, RECHECK_EVERY)
            linked = self._look(step, ctx, opened, guard, window=window, task=task, wait=wait)
            if linked is not None:
                return linked

    def _look(
        self,
        step: AwaitOperator,
        ctx: RunContext,
        opened: Opened,
        guard: Guard,
        *,
        window: Page,
        task: HandOff,
        wait: float,
    ) -> Linked | None:
        """Wait up to ``wait`` s for something to happen, and act on it; Linked when done.

        A page still loading is waited for by its DOMContentLoaded event and read at once;
        only a page showing nothing recognisable yet is watched for what appears on it.
        """
        try:
            window.wait_for_load_state("domcontentloaded", timeout=wait * 1000)
            done = self._react(step, ctx, opened, guard, window=window, task=task)
            if isinstance(done, Linked):
                return done
            if done is False:
                return None  # the operator acted: look again at what the page does next
            watched = [
                *step.success,
                *step.failure,
                *(t for cue in ctx.operator.cues for t in cue.targets),
            ]
            any_of(window, watched).filter(visible=True).first.wait_for(timeout=wait * 1000)
            done = self._react(step, ctx, opened, guard, window=window, task=task)
            return done if isinstance(done, Linked) else None
        except PlaywrightError as exc:
            if driver_gone(exc) and not browser_lives(ctx.site.context):
                gone = f"the browser went away during the sign-in: {first_line(exc)}"
                raise BrowserLost(gone) from exc
            return None  # nothing yet, or the window navigated or closed meanwhile: look again

    def _react(
        self,
        step: AwaitOperator,
        ctx: RunContext,
        opened: Opened,
        guard: Guard,
        *,
        window: Page,
        task: HandOff,
    ) -> Linked | bool | None:
        """Act on what the window shows now: Linked when the hand-off is over, False after
        the operator acted, None when nothing is recognisable. One query per thing looked
        for, most likely first (the operator keeps its cues in the order it expects them)."""
        pages = [p for p in guard.window.context.pages if not p.is_closed()]
        if (shown := _success_shown(step, pages)) is not None:
            return self._succeeded(ctx, opened, guard, shown)
        error = parse_qs(urlsplit(window.url).query).get("error")
        if error or shows(window, step.failure):
            raise AuthorisationFailed(_reason(window, error))
        for cue in ctx.operator.cues:
            if shows(window, cue.targets):
                ctx.operator.act(cue, window, task)
                return False
        return self._returned(ctx, opened, guard, window)

    def _watch_hect(
        self, ctx: RunContext, opened: Opened, task: HandOff, operator: WatchOperator
    ) -> tuple[Linked, str]:
        """``--operator watch``: hand over the marketplace's link itself, then read HECT's
        list now and then (never more often than WATCH_EVERY s, backing off) until the
        channel shows connected with a later expiry; verification goes on from there. A
        fresh link is fetched when the person asks (Enter) or every ``refresh_every`` s."""
        task.link = _marketplace_link(ctx, opened, opened.window)
        operator.begin(task)
        deadline = time.monotonic() + task.timeout
        every, linked_at = WATCH_EVERY, time.monotonic()
        try:
            while (remaining := deadline - time.monotonic()) > 0:
                asked = operator.wait(min(every, remaining), task)
                every = min(every * 1.5, WATCH_EVERY_MAX)
                now = ctx.reopen_list(opened.list_url, ctx.settings.timeout).read_all()
                record = now.find(opened.target.name)
                if not record.expired and record.expiry != opened.target.expiry:
                    how = f"HECT shows '{record.name}' connected again ({record.summary()})"
                    return Linked(opened, how, success_seen=False), how
                due = (
                    operator.refresh_every
                    and time.monotonic() - linked_at >= operator.refresh_every
                )
                if (asked or due) and opened.again is not None:
                    task.link = _marketplace_link(ctx, opened, opened.again())
                    linked_at = time.monotonic()
                    operator.fresh(task)
                else:
                    operator.remind(deadline - time.monotonic(), task)
        finally:
            operator.end(task)
        raise OperatorDidNotFinish(
            f"HECT did not show '{opened.target.name}' connected within {task.timeout:g} s"
            " (HECT_OPERATOR_TIMEOUT)"
        )

    def _pressed(
        self, step: AwaitOperator, ctx: RunContext, opened: Opened, guard: Guard, task: HandOff
    ) -> Linked:
        """A button of the hand-off page: "I can't do this" ends the run (exit 5); "I'm done"
        ends the hand-off, and verification reads what HECT shows."""
        if task.pressed == "cant":
            raise OperatorDidNotFinish('the person pressed "I can\'t do this" on the hand-off page')
        pages = [p for p in guard.window.context.pages if not p.is_closed()]
        if (shown := _success_shown(step, pages)) is not None:
            return self._succeeded(ctx, opened, guard, shown)
        guard.window.close()
        how = (
            'the person pressed "I\'m done" before HECT showed its success image;'
            " HECT's list tells what happened"
        )
        return Linked(opened, how, success_seen=False)

    @staticmethod
    def _returned(ctx: RunContext, opened: Opened, guard: Guard, window: Page) -> Linked | None:
        """Linked when the window is back on HECT, after the marketplace, showing neither
        success nor failure (an error page, or markup we do not know): verification will
        read what HECT did."""
        watched = guard.watched
        if watched.returned_at is not None and on_site(ctx.site.host, host_of(window.url)):
            status = watched.hect_status or 200
            if status >= 500 or time.monotonic() - watched.returned_at >= RETURN_GRACE:
                how = (
                    f"the private window came back to HECT, which answered HTTP {status}"
                    if status >= 500
                    else "the private window came back to HECT (no success image recognised)"
                )
                guard.window.close()
                return Linked(opened, how, success_seen=False, hect_status=status)
        return None

    @staticmethod
    def _succeeded(ctx: RunContext, opened: Opened, guard: Guard, window: Page) -> Linked:
        seen = time.time() * 1000
        loaded = window.evaluate(_LOADED_AT)
        if loaded:
            ctx.record.notes["success_detected_ms_after_load"] = round(seen - loaded, 1)
        if on_site(ctx.site.host, host_of(window.url)):
            # Only HECT's own success page is photographed: never an Amazon or eBay page.
            ctx.photograph(window, "success.png")
        guard.window.close()
        return Linked(opened, "HECT showed the success image; private window closed", True)


def _marketplace_link(ctx: RunContext, opened: Opened, window: PrivateWindow) -> str:
    """Where the private window landed after HECT's redirect: the link a person can open
    in a browser of their own. The window is closed: they sign in there, not here."""
    link = window.page.url
    window.close()
    if on_site(ctx.site.host, host_of(link)):
        raise PageMismatch(
            f"the connect control of '{opened.target.name}' did not lead off HECT, so there"
            " is no marketplace link to hand over; use --operator link"
        )
    return link


def _success_shown(step: AwaitOperator, pages: list[Page]) -> Page | None:
    """The page showing HECT's success image: it shows in any window the run owns."""
    return next((page for page in pages if shows(page, step.success)), None)


def _newest(window: PrivateWindow, hect: BrowserContext) -> Page:
    """The window being watched: the newest page the person has open in the private context."""
    try:
        open_pages = [p for p in window.context.pages if not p.is_closed()]
    except PlaywrightError:
        open_pages = []
    if not open_pages:
        if not browser_lives(hect):
            raise BrowserLost("the browser went away during the sign-in")
        raise OperatorDidNotFinish(
            "the private window was closed before HECT showed its success image"
        )
    return open_pages[-1]


def _reason(window: Page, error: list[str] | None) -> str:
    """The failure in the page's own words: its heading, then its alert."""
    shown = ": ".join(filter(None, (shown_text(window, HEADING), shown_text(window, ALERT))))
    if error:
        return f"the authorisation came back with error={error[0]}" + (
            f" ({shown})" if shown else ""
        )
    host = urlsplit(window.url).hostname
    return f"{host} says: {shown}" if shown else f"{host} reported a failure"
