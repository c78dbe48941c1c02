"""``open_hect`` and ``click``: getting around HECT as the article says.

A click step's target is reached as a person reaches it (``hect.reach``): a dialog in the
way is closed, a collapsed menu opened, a tab chosen; each move is noted in the run.
``navigate`` is also what ``status`` and ``explain`` use to walk a runbook to its list.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Locator, Page
from playwright.sync_api import Error as PlaywrightError

from hect_automation.actions.base import RunContext
from hect_automation.boundary import labelled, translated
from hect_automation.browser import new_hect_context
from hect_automation.config import Settings
from hect_automation.errors import PageMismatch
from hect_automation.hect.capture import host_of, same_site
from hect_automation.hect.channels import ChannelList
from hect_automation.hect.reach import Shown
from hect_automation.hect.reader import QUICK_LOOK, ChannelReader
from hect_automation.hect.session import Credentials, HectSite, RetryPolicy
from hect_automation.locate import describe, exactly, on_first, shows
from hect_automation.platforms import platform
from hect_automation.runbook import Click, OpenHect, Runbook

PREPARED = "done beforehand, while the person was on the channel before"
_GO_BOUND = 2.0  # seconds a drop-down list's choice may take to start going to its page


def navigate(site: HectSite, step: OpenHect | Click, timeout: float) -> str:
    """Carry out one navigation step on ``site``; a short note of where it led."""
    if isinstance(step, OpenHect):
        site.open()
        return f"opened {site.base_url}" + (", signed in" if site.sign_ins else "")
    wait = step.timeout or timeout
    what = describe(step.target)
    page = site.ensure_page()
    started = time.monotonic()
    deadline = started + wait
    with site.reach.overlays_dismissed():
        for attempt in range(1, 4):
            # A target taken away under us (a menu closed by an announcement drawn late) is
            # looked for again with the step's whole time: bounded, three tries at most.
            remaining = max(deadline - time.monotonic(), 1.0 if attempt == 1 else wait)
            found = site.reach.find(page, step.target, remaining, what=what)
            if found is None and _chosen_in_a_list(site, step, what):
                return f"now on '{site.page.title()}'"
            if found is None:
                took = wait if attempt == 1 else time.monotonic() - started
                raise PageMismatch(
                    f"{describe(step.target, every=True)} not found within {took:.0f} s"
                )
            # The page may have hidden it again meanwhile (a menu closed by an announcement):
            # look again, as a person would, rather than wait on something no longer there.
            before = site.reach.before_click(step.target, found)
            clicked, tabs = _click_noting_tabs(site, found, what, unless_gone=attempt < 3)
            if clicked and tabs and site.nav.last is None and _on_hect(site, tabs[0]):
                site.say(f"{what} opened in a new tab; going on there")
                site.move_to(tabs[0])
                site.walked(step.target)
                break
            if clicked:
                _into_what_it_opened(site, step, found, what, before)
                site.walked(step.target)
                break
            site.say(f"{what} went out of reach before the click; looking again")
    return f"now on '{site.page.title()}'"


def _click_noting_tabs(
    site: HectSite, found: Locator, what: str, *, unless_gone: bool
) -> tuple[bool, list[Page]]:
    """``site.click``, and the tabs the click opened (a link with ``target="_blank"`` is
    given a moment for its tab to be told)."""
    page, tabs = site.page, []

    def opened(tab: Page) -> None:  # (Playwright marks its handlers: no bound builtin)
        tabs.append(tab)

    page.on("popup", opened)
    try:
        clicked = site.click(found, what, unless_gone=unless_gone)
        if clicked and not tabs and site.nav.last is None and opens_a_window(page, found):
            with suppress(PlaywrightError):
                page.wait_for_event("popup", timeout=_GO_BOUND * 1000)
    finally:
        with suppress(PlaywrightError):
            page.remove_listener("popup", opened)
    return clicked, tabs


def opens_a_window(page: Page, control: Locator) -> bool:
    """Whether a link says it opens another window (``target="_blank"``, or a name no frame
    of the page has: a frame's name loads the link in that frame). A control the click took
    away (a frame that loaded another page, a menu redrawn) says nothing: it is not waited
    for."""
    try:
        target = on_first(control, "element => element.getAttribute('target')", absent=None)
    except PlaywrightError:
        return False
    if (target or "").lower() in ("", "_self", "_top", "_parent"):
        return False
    return target not in {frame.name for frame in page.frames}


def _on_hect(site: HectSite, tab: Page) -> bool:
    """Whether a tab opened by a click shows HECT (not a marketplace, not a help site)."""
    with suppress(PlaywrightError):
        tab.wait_for_load_state("domcontentloaded", timeout=_GO_BOUND * 1000)
    return same_site(site.host, host_of(tab.url))


def _chosen_in_a_list(site: HectSite, step: Click, what: str) -> bool:
    """A target that is an option of a drop-down list ("Go to": Dashboard, Orders,
    Settings) is chosen there, as a person does, and its form's button pressed if choosing
    did not lead anywhere ("Go"); whether it was."""
    wanted = [exactly(w) for t in step.target if (w := t.wording())]
    lists = site.page.locator("select").filter(visible=True)
    for index in range(lists.count()):
        choice = lists.nth(index)
        with suppress(PlaywrightError):
            # as they read; not a disabled one ("Choose a section")
            shown = choice.locator("option:not(:disabled)").all_text_contents()
            labels = [" ".join(o.split()) for o in shown]
            hit = next((o for w in wanted for o in labels if w.search(o)), None)
            if hit is None:
                continue
            site.say(f"chose '{hit}' in a drop-down list to reach {what}")
            try:
                site.act(partial(_choose, site.page, choice, hit), what)
            except PlaywrightError:  # chosen, and nothing loaded: its form's button ("Go")
                go = choice.locator("xpath=ancestor::form[1]").get_by_role("button").first
                if go.count():
                    site.click(go, what)
            site.walked(step.target)
            return True
    return False


def _choose(page: Page, choice: Locator, label: str) -> None:
    """Choose ``label`` in a drop-down list that goes to another page when chosen (its
    script navigates once the choice is made): raises if it goes nowhere."""
    with page.expect_navigation(wait_until="domcontentloaded", timeout=_GO_BOUND * 1000):
        choice.select_option(label=label)


def _into_what_it_opened(
    site: HectSite, step: Click, clicked: Locator, what: str, before: Shown
) -> None:
    """A click that left HECT on the same page may have shown what it names instead of
    going there (a gear named 'Settings' opening a menu with the 'Settings' link, a tree's
    'Settings' group showing its 'Settings' item): that is clicked too, as a person would."""
    if site.nav.last is not None:
        return  # a page was loaded: the click went somewhere
    inner = site.reach.opened_by_click(step.target, before)
    if inner is None and (inner := site.reach.way_on_from_tab(clicked, step.target)):
        site.say(f"the tab {what} points the way on; following it")
        site.click(inner, what)
        return
    if inner is None:
        return
    site.say(f"{what} showed another {what}; choosing that")
    site.reach.path = [clicked]  # should something close the menu meanwhile, it opens it again
    site.click(inner, what)


def walk_to_list(
    site: HectSite, runbook: Runbook, timeout: float, *, shortcut: bool = True
) -> bool:
    """Walk ``runbook``'s navigation steps (up to its first other step), from the latest one
    whose target the HECT page already shows: on Amazon's list, a person wanting eBay's
    clicks eBay (or Sales Channels), not Home first. If that shorter walk goes wrong, the
    whole walk is made. Whether a shorter walk was taken (and went right)."""
    walk: list[OpenHect | Click] = []
    for step in runbook.steps:
        if not isinstance(step, OpenHect | Click):
            break
        walk.append(step)
    start = _start_of(site, walk) if shortcut else 0
    try:
        _walk(site, runbook, walk, start, timeout)
    except PageMismatch:
        if start == 0:
            raise
        site.say("The shorter way to the list went wrong; walking from HECT's home instead")
        _walk(site, runbook, walk, 0, timeout)
        return False
    return start > 0


def _walk(
    site: HectSite, runbook: Runbook, walk: list[OpenHect | Click], start: int, timeout: float
) -> None:
    for index in range(start, len(walk)):
        with labelled(runbook.id, index + 1, f"step {index + 1}"):
            navigate(site, walk[index], timeout)


def _start_of(site: HectSite, walk: list[OpenHect | Click]) -> int:
    """The index of the latest step whose target is shown now, on a HECT page; else 0 (also
    when the page cannot be asked: the whole walk then says what went wrong)."""
    try:
        page = site.page
        if page.is_closed() or not page.url.startswith(site.base_url + "/"):
            return 0
        for index in range(len(walk) - 1, 0, -1):
            step = walk[index]
            if isinstance(step, Click) and shows(page, step.target):
                return index
    except PlaywrightError:
        return 0
    return 0


def channel_list(
    site: HectSite, runbook: Runbook, timeout: float, bookmarks: Bookmarks | None = None
) -> ChannelList:
    """Walk to ``runbook``'s channel list and read all of it. A list not found after a
    shorter walk is looked for again after the whole walk. With ``bookmarks`` (one command's
    addresses, shared by its accounts), the list is first opened where an earlier walk to
    it led, as a person opens a bookmark; where it does not show, the walk is made."""
    if bookmarks is not None and (listed := bookmarks.open(site, runbook, timeout)):
        return listed
    shortened = walk_to_list(site, runbook, timeout)
    try:
        listed = _read_list(site, runbook, timeout)
    except PageMismatch:
        if not shortened:
            raise
        site.say("No channel list where the shorter way led; walking from HECT's home instead")
        walk_to_list(site, runbook, timeout, shortcut=False)
        listed = _read_list(site, runbook, timeout)
    if bookmarks is not None:
        bookmarks.keep(runbook, site.page.url, site.base_url)
    return listed


@dataclass
class Bookmarks:
    """Where the walks to each runbook's list led, within one command: in a fleet, the
    accounts after the first open their lists there (on HECT's address of each account)."""

    paths: dict[str, str] = field(default_factory=dict)  # runbook id -> path under HECT
    lock: threading.Lock = field(default_factory=threading.Lock)  # a fleet's threads share it

    def keep(self, runbook: Runbook, url: str, base_url: str) -> None:
        if (path := learnable(url, base_url)) is not None:
            with self.lock:
                self.paths[runbook.id] = path

    def open(self, site: HectSite, runbook: Runbook, timeout: float) -> ChannelList | None:
        """The list read at its bookmarked address; None (the walk to make) when there is
        none, or no list shows there."""
        with self.lock:
            path = self.paths.get(runbook.id)
        if path is None:
            return None
        site.open(site.base_url.rstrip("/") + path)
        try:
            return _read_list(site, runbook, min(timeout, QUICK_LOOK))
        except PageMismatch:
            site.say("No channel list at the address another walk led to; walking there instead")
            return None


def learnable(url: str, base_url: str) -> str | None:
    """The path of ``url`` under ``base_url``, if it can serve another login: one that names
    no record (no digit in it, no query, no fragment), so that an address with an account's
    or a channel's id is never opened for anyone else."""
    where, base = urlsplit(url), urlsplit(base_url)
    root = base.path.rstrip("/")
    if (where.scheme, where.netloc) != (base.scheme, base.netloc) or where.query or where.fragment:
        return None
    if not where.path.startswith(root + "/") or any(c.isdigit() for c in where.path):
        return None
    return where.path[len(root) :]


def _read_list(site: HectSite, runbook: Runbook, timeout: float) -> ChannelList:
    with translated(f"read the {runbook.platform} channel list"):
        entry = platform(runbook.platform)
        reader = ChannelReader(
            site.page, entry, timeout, click=site.click, note=site.say, way=site.way
        )
        return reader.read_all()


def channel_list_afresh(
    browser: Browser,
    runbook: Runbook,
    settings: Settings,
    credentials: Callable[[], Credentials],
    *,
    timeout: float,
    say: Callable[[str], None],
) -> ChannelList:
    """``channel_list`` in a new, untraced HECT context of ``browser`` (closed afterwards)."""
    context = new_hect_context(browser, timeout=timeout)
    try:
        retry = RetryPolicy(first_delay=settings.retry_delay)
        site = HectSite(
            browser, context, settings.base_url, credentials, timeout=timeout, retry=retry, say=say
        )
        return channel_list(site, runbook, timeout)
    finally:
        with suppress(PlaywrightError):
            context.close()


class OpenHectAction:
    def describe(self, step: OpenHect) -> str:
        return "open HECT and sign in"

    def perform(self, step: OpenHect, ctx: RunContext, given: None) -> tuple[None, str]:
        if ctx.prepared is not None:
            return None, PREPARED
        return None, navigate(ctx.site, step, ctx.settings.timeout)


class ClickAction:
    def describe(self, step: Click) -> str:
        return f"click {describe(step.target)}"

    def perform(self, step: Click, ctx: RunContext, given: None) -> tuple[None, str]:
        if ctx.prepared is not None:
            return None, PREPARED
        return None, navigate(ctx.site, step, ctx.settings.timeout)
