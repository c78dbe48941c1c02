"""``open_isolated``: find the channel, decide whether it needs a reconnect, and open its
connect control in a private window.

The list is read whole (every page), so verification can compare every channel afterwards.
A channel needs a reconnect when HECT shows it expired, or its token expires within the
warning window (``status`` uses the same rule), or ``--force``. A channel whose seller is not
the one last verified (the local history) is never "nothing to do": it ends 7 until repaired
(``--force``) or accepted (``--accept-seller``). The connect control, whatever kind it is, is
clicked while HECT's context holds the navigation (``hect.capture``), and what it would have
opened is opened in a fresh private context instead.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from functools import partial

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from hect_automation.actions.base import Opened, RunContext, StopRun
from hect_automation.errors import BadInput, PageMismatch, SellerChanged
from hect_automation.health import days_left
from hect_automation.hect.capture import (
    Held,
    PrivateWindow,
    capture_navigation,
    host_of,
    open_privately,
    same_site,
)
from hect_automation.hect.channels import ChannelRecord
from hect_automation.hect.reach import offers_go_ahead
from hect_automation.hect.reader import open_own_page
from hect_automation.hect.session import HectSite, Navigator, for_the_selected
from hect_automation.locate import any_of, describe
from hect_automation.runbook import OpenIsolated


def due(record: ChannelRecord, warn_days: int) -> bool:
    """Whether a channel needs reconnecting: expired, or expiring within ``warn_days`` (the
    days counted as ``status`` counts them)."""
    if record.expired:
        return True
    left = days_left(record.expiry, datetime.now())
    return left is not None and left < warn_days


def _on_its_own_page(
    site: HectSite, step: OpenIsolated, target: ChannelRecord, timeout: float
) -> Locator | None:
    """The connect control on the channel's own page, where the list keeps only its name
    (the row a link to that page): opened as a person would, and the one control there."""
    if not open_own_page(target, site.click):
        return None
    site.say(f"opened the page of '{target.name}' to find its connect control")
    control = site.reach.find(site.page, step.target, timeout, what=describe(step.target))
    if control is None or any_of(site.page, step.target).filter(visible=True).count() > 1:
        return None  # none, or one for each of several channels: not this one's alone
    return control


class OpenIsolatedAction:
    def describe(self, step: OpenIsolated) -> str:
        return f"open {describe(step.target)} of '{step.within.row}' in a private window"

    def perform(self, step: OpenIsolated, ctx: RunContext, given: None) -> tuple[Opened, str]:
        timeout = ctx.timeout(step)
        name = step.within.row.format(**ctx.inputs)
        prepared = ctx.prepared
        if prepared is not None:  # the list reached, and the link fetched, beforehand
            list_url, held = prepared.list_url, prepared.link(ctx.say)
            # read again all the same: the run before may have changed it since
            reader = ctx.reopen_list(list_url, timeout)
        else:
            list_url, held = ctx.site.ensure_page().url, None
            reader = ctx.reader(timeout)
        before = reader.read_all()
        target = before.find(name)
        shown_in = target.ref.frame
        if shown_in is not shown_in.page.main_frame:  # a list in a frame is opened there again
            list_url = shown_in.url
        ctx.say(f"'{target.name}': {target.summary()}")
        expected = self._expected_seller(ctx, target)
        if not ctx.options.force and not due(target, ctx.options.warn_days):
            self._nothing_to_do(ctx, target, expected)
        if held is not None:
            assert prepared is not None
            ctx.record.notes["link_captured_beforehand"] = prepared.captured_on
            ctx.hect_may_change = True
            held, window = _open(ctx, held, timeout)
        else:
            if not reader.shows(target):  # read on another page, or another channel shown
                # where it is shown now, with what was read of it (on its own page, say)
                target = replace(target, ref=ctx.reopen_list(list_url, timeout).find(name).ref)
            held, window = self._connect(ctx, step, target, expected, timeout)
        ctx.record.notes["connect_request"] = held.describe()

        def again() -> PrivateWindow:
            """The connect control clicked afresh (for a fresh link): the list read again."""
            record = ctx.reopen_list(list_url, timeout).find(name)
            return self._connect(ctx, step, record, expected, timeout)[1]

        opened = Opened(target, before, list_url, expected, window, held, again)
        carried = (
            ", carrying HECT's session for its first step only"
            if window.carried_hect_session
            else ""
        )
        return opened, f"opened {host_of(window.page.url)} in a private window{carried}"

    @staticmethod
    def capture(
        site: HectSite, step: OpenIsolated, target: ChannelRecord, expected: str, timeout: float
    ) -> Held:
        """Click the row's connect control while HECT's context holds the navigation; what
        it would have opened."""
        # The list has been read and is still: a connected channel's control (--force) is
        # there at once or not at all, and saying so should not take the step's timeout.
        wait = timeout if target.expired else min(timeout, 1.0)
        control = site.reach.find(
            target.ref.locator(), step.target, wait, what=describe(step.target)
        )
        if control is None:
            if not target.expired:
                raise (SellerChanged if expected != target.seller else BadInput)(
                    f"HECT shows no connect control for '{target.name}' while it is connected "
                    f"({target.summary()}), so it cannot be reconnected before it expires; "
                    "to repair it now, ask HECT support to disconnect it. Nothing was changed",
                    channel=target.name,
                )
            control = _on_its_own_page(site, step, target, timeout)
        if control is None:
            control = for_the_selected(site, target, step.target, site.say)
        if control is None:
            looked = describe(step.target, every=True)
            raise PageMismatch(
                f"no {looked} in the row of '{target.name}' or on its own page within {timeout:g} s"
            )

        def click() -> None:
            site.reach.before_going(control)
            site.reach.ready(control)
            try:
                control.click()
            finally:
                site.reach.let_go()

        return capture_navigation(
            site.context,
            click,
            timeout=timeout,
            what=f"the connect control of '{target.name}'",
            confirm=partial(site.reach.go_ahead, or_shown=True),
            shown=site.reach.shown_address,
        )

    @staticmethod
    def _connect(
        ctx: RunContext, step: OpenIsolated, target: ChannelRecord, expected: str, timeout: float
    ) -> tuple[Held, PrivateWindow]:
        """Capture the row's connect control, and open what it would have opened in a fresh
        private window."""
        held = OpenIsolatedAction.capture(ctx.site, step, target, expected, timeout)
        ctx.hect_may_change = True
        return _open(ctx, held, timeout)

    @staticmethod
    def _expected_seller(ctx: RunContext, target: ChannelRecord) -> str:
        """Who should be linked: the seller accepted now, else the one the history expects
        (last verified, or meant by a run that linked the wrong one), else HECT's."""
        accepted = ctx.options.accept_seller
        remembered = ctx.memory.expected_seller(ctx.platform.key, target.name)
        return accepted or remembered or target.seller

    @staticmethod
    def _nothing_to_do(ctx: RunContext, target: ChannelRecord, expected: str) -> None:
        """A channel not due: done, unless its seller is not the one it should be."""
        cmd = f'hect-runbook reconnect {ctx.platform.key} --channel "{target.name}"'
        if ctx.options.accept_seller:
            if target.seller != ctx.options.accept_seller:
                raise BadInput(
                    f"--accept-seller {ctx.options.accept_seller}: HECT shows '{target.name}' "
                    f"with seller {target.seller or 'none'}; nothing was changed",
                    channel=target.name,
                )
            ctx.record.notes["accepted_seller"] = target.seller
            raise StopRun(
                "seller-accepted",
                f"seller {target.seller} accepted for '{target.name}' ({target.summary()})",
            )
        if expected and target.seller and target.seller != expected:
            raise SellerChanged(
                f"'{target.name}' is connected, but to seller {target.seller}, not {expected} "
                f"(the seller it should have): its orders come from that seller's account. "
                f"Repair it with `{cmd} --force` and sign in as Seller ID {expected}, or accept "
                f"{target.seller} with `{cmd} --accept-seller {target.seller}`",
                channel=target.name,
            )
        last = ctx.memory.last_outcome(ctx.platform.key, target.name)
        if last is not None and last[0] == SellerChanged.exit_code:
            raise SellerChanged(
                f"'{target.name}' looks connected ({target.summary()}), but the last run ended "
                f"with exit 7: {last[1]}. Check it, then repair it with `{cmd} --force` or "
                f"accept it with `{cmd} --accept-seller {target.seller or 'ID'}`",
                channel=target.name,
            )
        raise StopRun(
            "not-needed",
            f"'{target.name}' is not due ({target.summary()}); nothing to do "
            "(use --force to reconnect it anyway)",
        )


MAX_HECT_STEPS = 3  # pages of HECT's own on the way to the marketplace
REDIRECT_BOUND = 5.0  # seconds a page of HECT's own that asks nothing may take to move on


def _open(ctx: RunContext, held: Held, timeout: float) -> tuple[Held, PrivateWindow]:
    """What ``held`` would have opened, opened in a fresh private window: the marketplace's
    page, after any page HECT shows first on the way, each answered in HECT's window."""
    site = ctx.site
    for _ in range(MAX_HECT_STEPS + 1):
        window = open_privately(
            ctx.browser,
            held,
            hect_host=site.host,
            hect_cookies=site.cookies,
            timeout=timeout,
            go=lambda page, url: Navigator(page, site.retry, ctx.say, who=host_of(url)).goto(url),
        )
        ctx.windows.append(window)
        if not same_site(site.host, host_of(window.page.url)) or _moved_on(ctx, window, timeout):
            return held, window
        held = _through_hect_page(ctx, window, timeout)
    raise PageMismatch(f"the connect control led through {MAX_HECT_STEPS} pages of HECT's own")


def _moved_on(ctx: RunContext, window: PrivateWindow, timeout: float) -> bool:
    """A page of HECT's own that asks nothing ("Redirecting you to Amazon…") is waited on
    (``REDIRECT_BOUND``) to move on by itself, as a person waits; whether it left HECT.
    Once it has, the window drops HECT's session, as when HECT redirected at once."""
    page, host = window.page, ctx.site.host
    if offers_go_ahead(page):
        return False  # a question: answered in HECT's window
    title = _title(page)
    try:
        page.wait_for_url(
            lambda url: not same_site(host, host_of(url)),
            timeout=min(timeout, REDIRECT_BOUND) * 1000,
            wait_until="commit",
        )
    except PlaywrightError:
        return False
    window.context.clear_cookies(domain=host)
    ctx.say(f"HECT's page '{title}' moved on to {host_of(page.url)} by itself")
    return True


def _through_hect_page(ctx: RunContext, window: PrivateWindow, timeout: float) -> Held:
    """The connect control led to a page of HECT's own, not the marketplace ("Reconnect
    Amazon UK": a region to choose, Continue): a step on the way, for HECT's window. It is
    shown there, its go-ahead pressed with its choices as HECT made them, and where that
    would go is held, as the connect control's was; then HECT's window goes back."""
    site = ctx.site
    url, title = window.page.url, _title(window.page)
    window.close()
    ctx.windows.remove(window)
    back = site.page.url
    Navigator(site.page, site.retry, ctx.say, who=site.host).goto(url)
    ctx.say(f"HECT showed a page of its own first ('{title}'); answering it in HECT's window")

    def go_on() -> None:
        if not site.reach.go_ahead(on_page=True):
            raise PageMismatch(f"HECT's page '{title}' offers no way on (no Continue or Connect)")

    held = capture_navigation(site.context, go_on, timeout=timeout, what=f"HECT's page '{title}'")
    Navigator(site.page, site.retry, ctx.say, who=site.host).goto(back)
    return held


def _title(page: Page) -> str:
    try:
        return " ".join(page.title().split()) or page.url
    except PlaywrightError:
        return page.url
