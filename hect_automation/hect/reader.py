"""Read a platform's channel list from HECT's page, the way a person reads it.

What a person does, and so what this does:

- wait for the list to be drawn (``settle``: on the page's own events, bounded);
- read every record the page shows, in the page and in its same-site frames (``records.js``:
  the repeated structure that carries one channel each; open shadow roots included; the
  items of a list under a heading that says only a status, as a board's columns, each with
  that status; a name in a text box as it shows, but nothing typed to search);
- open a record whose details are folded away when its fields are hidden: an accordion, or
  a table row too narrow for its cells, by its icon-only "+"; the row then drawn after it
  (its details) is part of the record;
- on a page that shows one channel's details beside a list of channel names (master-detail,
  tabs), pick each name in turn, or the one wanted, and read what it shows;
- for one channel not in view: type its name into the list's search box, else go through
  the pages; for the whole list: press Next, or Load more, or scroll, until nothing new comes.

Every move is bounded and noted; ``ChannelList`` and ``ChannelRecord`` are in ``channels``.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Frame, Locator, Page

from hect_automation.errors import PageMismatch
from hect_automation.hect.capture import host_of, same_site
from hect_automation.hect.channels import (
    ChannelList,
    ChannelRecord,
    classify,
    vocabulary,
)
from hect_automation.hect.js import script
from hect_automation.hect.reach import EXPANDER
from hect_automation.hect.settle import QUIET_MS, STILL_MS, changed_since, mark, settle
from hect_automation.locate import DANGER
from hect_automation.platforms import Platform, every

MAX_PAGES = 100
_OPTION_INDEX = "e => e.tagName === 'OPTION' ? e.index : -1"  # its place in its list
_ITS_LIST = "xpath=ancestor::select[1]"
QUICK_LOOK = 3.0  # seconds an address that should show the list has to show it, before walking
SELECT_BOUND = 1.0  # seconds for a row's selection to be made and told
MAX_UNFOLD = 60  # folded records opened per read, and names picked on a master-detail page
MORE_BOUND = 2.0  # seconds a Next / Load more may take to show something new
SCROLL_BOUND = 0.5  # seconds a list drawn as it is scrolled may take to start drawing more
MAX_SCROLLS = 400  # screenfuls paged down through a list drawn as it is scrolled
_NEXT = re.compile(r"^\W*(next( page)?|[›»→>])\W*$", re.IGNORECASE)
_MORE = re.compile(r"^\W*(load|show|view) more\b", re.IGNORECASE)
_SEARCH = re.compile(r"search|filter|find", re.IGNORECASE)
_ACTS = re.compile(rf"\b(?:{DANGER.pattern})\b", re.IGNORECASE)  # sign out, delete, save…
_COLLAPSED = "[data-hect-unfold]"  # what records.js found folding a record away
_GROUP = "[data-hect-group]"  # what records.js found folding a group of the list away
# The link to a record's own page: the record is inside it, or it is a link in the record
# whose words begin with the record's name. Marked data-hect-own; whether there is one.
# Only a link to a page of HECT's own, and none that acts (Connect, Delete, Order Poll…).
_OWN_LINK = """(el, [name, acts]) => {
  for (const old of document.querySelectorAll('[data-hect-own]')) {
    old.removeAttribute('data-hect-own');
  }
  const norm = s => (s || '').replace(/\\s+/g, ' ').trim().toLowerCase();
  const acting = new RegExp(acts, 'i');
  const fit = a => !!a && a.hostname === location.hostname && !acting.test(a.textContent);
  const around = el.closest('a[href]');
  const link = fit(around) ? around : [...el.querySelectorAll('a[href]')]
    .find(a => fit(a) && norm(a.textContent).startsWith(norm(name)));
  if (link) link.setAttribute('data-hect-own', '');
  return !!link;
}"""
_CHOSEN = (
    "([tab, origin, last]) => !tab.isConnected || tab.getAttribute('aria-selected') === 'true'"
    " || performance.timeOrigin !== origin || !window.__hectWatch || window.__hectWatch.last > last"
)
_serial = itertools.count(1)
# Scroll the record's scrolling box (or the page) on by most of a screenful, if the page
# draws anything on scrolling at all (watch.js notes scroll listeners): [moved, at its end].
_SCROLL_ON = """el => {
  let box = el.parentElement;
  while (box && box !== document.body && !(box.scrollHeight > box.clientHeight + 8 &&
         /auto|scroll/.test(getComputedStyle(box).overflowY))) box = box.parentElement;
  const target = box && box !== document.body ? box : document.scrollingElement;
  if (!(window.__hectWatch && window.__hectWatch.scrollAware)) return [false, true];
  const before = target.scrollTop;
  const view = target === document.scrollingElement ? innerHeight : target.clientHeight;
  target.scrollTop = before + Math.max(0.8 * view, 40);
  return [target.scrollTop !== before, target.scrollTop + view >= target.scrollHeight - 2];
}"""


@dataclass(frozen=True)
class RecordRef:
    """Where a record was read: its frame and the mark records.js left on it."""

    frame: Frame
    id: str

    def locator(self) -> Locator:
        return self.frame.locator(f"[data-hect-record='{self.id}']")


class ChannelReader:
    """Reads one platform's channel list on ``page``; ``click`` performs navigations."""

    def __init__(
        self,
        page: Page,
        platform: Platform,
        timeout: float,
        *,
        click: Callable[..., object],
        note: Callable[[str], None] = lambda _: None,
        way: Sequence[re.Pattern[str]] = (),
    ) -> None:
        self.page = page
        self.platform = platform
        self.timeout = timeout
        self.click = click
        self.note = note
        self.way = way  # the names of what was clicked to come here (Settings, Sales Channels)
        self.host = host_of(page.url)
        self.vocab = {
            **vocabulary(platform),
            "more": _MORE.pattern,
            "next": _NEXT.pattern,
            "expander": EXPANDER,
            "search": _SEARCH.pattern,  # a box for finding channels: what is typed there is none
        }
        self.more: dict[Frame, str] = {}  # where the last read saw Load more or Next
        self.scrolls: set[Frame] = set()  # frames whose page draws more as it is scrolled
        self.closed: set[Frame] = set()  # frames whose list has groups folded away
        self.seen: list[ChannelRecord] = []  # the last read, until this reader acts on the page
        self.picked = False  # it picked channels in a list: the page shows one at a time

    # -- what is on screen -----------------------------------------------------------------
    def on_screen(self, *, wait: bool = True, quick: bool = False) -> list[ChannelRecord]:
        """The records the page shows once it has settled (waiting, bounded, for the first).
        With ``quick`` (a look at an address that should show the list), a page that has
        stopped drawing itself (``STILL_MS``, nothing fetched meanwhile) with no list is not
        waited on further."""
        deadline = time.monotonic() + (self.timeout if wait else 0)
        loaded = False
        while True:
            last = mark(self.page)
            records = self._read()
            remaining = deadline - time.monotonic()
            if records or remaining <= 0:
                self.seen = records
                return records
            if not loaded:  # the list may be in a frame still loading: the page's load waits for it
                loaded = True
                with suppress(PlaywrightError):
                    self.page.wait_for_load_state("load", timeout=remaining * 1000)
                continue
            if quick and settle(self.page, remaining, quiet_ms=STILL_MS):
                self.seen = self._read()  # still, and drew nothing since: what it shows is all
                return self.seen
            changed_since(self.page, last, remaining)  # nothing yet: wait for the page to change

    def _frames(self) -> list[Frame]:
        main = self.page.main_frame
        others = []
        for frame in self.page.frames:
            if frame is main or frame.is_detached():
                continue
            with suppress(PlaywrightError):  # a frame just added may not have its page yet
                frame.wait_for_load_state("domcontentloaded", timeout=MORE_BOUND * 1000)
            if same_site(self.host, host_of(frame.url)):
                others.append(frame)
        return [main, *others]

    def _read(self) -> list[ChannelRecord]:
        records: list[ChannelRecord] = []
        self.more.clear()
        self.scrolls.clear()
        self.closed.clear()
        for frame in self._frames():
            settle(frame)
            found = self._extract(frame)
            folded = [r for r, toggles in found if toggles and not (r.seller and r.expiry_text)]
            if folded and self._unfold(folded):
                settle(frame, MORE_BOUND)
                found = self._extract(frame)
            for _ in range(3):  # groups inside groups: a few levels at most
                if frame not in self.closed or not self._open_groups(frame):
                    break
                settle(frame, MORE_BOUND)
                found = self._extract(frame)
            records += [r for r, _ in found]
        return records

    def _open_groups(self, frame: Frame) -> bool:
        """Open the list's groups that are folded away (a tree grid's "Europe (2)", a closed
        section), as a person opens each to see every channel; whether any opened."""
        toggles = frame.locator(_GROUP).filter(visible=True)
        opened = 0
        with suppress(PlaywrightError):
            for index in reversed(range(min(toggles.count(), MAX_UNFOLD))):
                toggles.nth(index).click(timeout=MORE_BOUND * 1000)
                opened += 1
        if opened:
            self.note(f"opened {opened} folded group(s) of the list")
        return opened > 0

    def _extract(self, frame: Frame) -> list[tuple[ChannelRecord, int]]:
        """The channel records records.js finds in ``frame``, each with its folded parts."""
        marker = f"h{next(_serial)}"
        try:
            found: dict[str, Any] = json.loads(
                frame.evaluate(script("records"), {"vocab": self.vocab, "marker": marker})
            )
        except PlaywrightError:
            return []  # the frame went away meanwhile; the next read sees the new one
        raw: list[dict[str, Any]] = found["records"]
        if found["more"]:
            self.more[frame] = found["more"]
        if found["scrolls"]:
            self.scrolls.add(frame)
        if found["closed"]:
            self.closed.add(frame)
        else:
            self.closed.discard(frame)
        out = []
        for item in raw:
            record = classify(item, self.platform, RecordRef(frame, item["id"]))
            if record.name and (record.status or record.expiry_text):
                out.append((record, int(item["toggles"])))
        return out

    def _unfold(self, records: list[ChannelRecord]) -> bool:
        """Open records whose details are folded away (an accordion, a row's "+"), as a
        person would to read them; whether any opened."""
        opened = 0
        for record in records[:MAX_UNFOLD]:
            ref: RecordRef = record.ref
            toggles = ref.locator().locator(_COLLAPSED).filter(visible=True)
            try:
                for index in reversed(range(min(toggles.count(), 3))):
                    toggles.nth(index).click(timeout=MORE_BOUND * 1000)
                    opened += 1
            except PlaywrightError:
                continue
        if opened:
            self.note(f"opened {len(records)} folded channel record(s) to read their details")
        return opened > 0

    # -- one channel, or all of them ------------------------------------------------------
    def find(self, name: str) -> ChannelRecord:
        """The channel called ``name``, on screen (its ``ref`` usable now); ChannelChoiceError
        lists what HECT shows when there is none or several."""
        seen = self._require(self.seen or self.on_screen())
        listed = ChannelList(self.platform, tuple(seen))
        if listed.named(name):
            return listed.find(name)
        if picked := self._pick(seen, only=name):
            return ChannelList(self.platform, tuple(picked)).find(name)
        if tabbed := self._tabs(seen, only=name):
            if ChannelList(self.platform, tuple(tabbed)).named(name):
                return ChannelList(self.platform, tuple(tabbed)).find(name)
            seen += tabbed  # not in any tab: the error lists every tab's channels
        if self._search(name):
            here = self.on_screen()
            if ChannelList(self.platform, tuple(here)).named(name):
                return ChannelList(self.platform, tuple(here)).find(name)
            seen += here
        for more, fresh in self._more(seen):
            seen = more if not fresh else [*seen, *more]
            page_list = ChannelList(self.platform, tuple(more))
            if page_list.named(name):
                return page_list.find(name)
        return ChannelList(self.platform, tuple(_unique(seen))).find(name)  # raises, listing all

    def read_all(self) -> ChannelList:
        """Every channel of the list, through its pages, Load more or scrolling (or, shown
        one at a time, by picking each)."""
        seen = self._require(self.seen or self.on_screen())
        seen = [*seen, *self._pick(seen), *self._tabs(seen)]
        for more, fresh in self._more(seen):
            seen = more if not fresh else [*seen, *more]
        return ChannelList(self.platform, tuple(self._own_pages(_unique(seen))))

    def _require(self, records: list[ChannelRecord]) -> list[ChannelRecord]:
        if not records:
            raise PageMismatch(
                f"no {self.platform.label} channels on the page within {self.timeout:g} s "
                "(looked for repeated rows, items or cards showing a status or a token date)"
            )
        return records

    def shows(self, record: ChannelRecord) -> bool:
        """Whether the page still shows ``record`` where it was read (after reading a list
        page by page, or one channel at a time, it may show another)."""
        ref: RecordRef = record.ref
        if not ref.locator().count():
            return False
        if not self.picked:
            return True
        return any(r.ref == ref and _same_name(r.name, record.name) for r in self.on_screen())

    # -- one at a time --------------------------------------------------------------------
    def _pick(self, shown: list[ChannelRecord], only: str | None = None) -> list[ChannelRecord]:
        """On a page that shows one channel beside a list of channel names, pick each other
        name (or only ``only``) as a person would, and read the channel it shows."""
        if len(shown) != 1:
            return []
        ref: RecordRef = shown[0].ref
        names = self._choices(ref.frame, shown[0])
        wanted = [n for n in names if not _same_name(n, shown[0].name)]
        if only is not None:
            wanted = [n for n in wanted if _same_name(n, only)]
        picked: list[ChannelRecord] = []
        for choice in wanted[:MAX_UNFOLD]:
            now = self._show(ref.frame, choice)
            picked += [r for r in now if _same_name(r.name, choice)]
        if picked:
            self.note(f"picked {len(picked)} channel(s) in the list to read their details")
        return picked

    def _choices(self, frame: Frame, shown: ChannelRecord) -> list[str]:
        """The names a person can pick to show in ``shown``'s place (choices.js marks them)."""
        details = shown.status or shown.expiry_text
        try:
            names: list[str] = frame.evaluate(
                script("choices"), {"name": shown.name, "details": details}
            )
        except PlaywrightError:
            return []
        action = re.compile(self.vocab["action"], re.IGNORECASE)
        if any(action.search(n) or _ACTS.search(n) for n in names):
            return []  # a list of things to do, not of channels: picking one would act
        return names if len(names) >= 2 else []

    def _show(self, frame: Frame, choice: str) -> list[ChannelRecord]:
        """Pick ``choice`` in the list and read what the page shows then."""
        current = self.seen[0] if len(self.seen) == 1 else None
        names = self._choices(frame, current) if current else []
        if choice not in names:
            return []
        control = frame.locator(f"[data-hect-choice='{names.index(choice)}']").first
        last = mark(self.page)
        try:  # gone meanwhile: the click below says so
            index = int(control.evaluate(_OPTION_INDEX, timeout=SELECT_BOUND * 1000))
        except PlaywrightError:
            index = -1
        if index >= 0:  # chosen in its drop-down list, as a person does
            try:
                control.locator(_ITS_LIST).select_option(index=index)
            except PlaywrightError:
                return []
        elif self.click(control, f"'{choice}' in the list", unless_gone=True) is False:
            return []
        self.picked = True
        now = self.on_screen()
        if not any(_same_name(r.name, choice) for r in now):  # drawn after the click returned
            changed_since(self.page, last, MORE_BOUND)
            now = self.on_screen()
        return now

    # -- details on each channel's own page -----------------------------------------------
    def _own_pages(self, records: list[ChannelRecord]) -> list[ChannelRecord]:
        """On a list that names each channel but keeps its details on the channel's own
        page (no expiry or seller on the list, each name a link to its page), open each
        page as a person would, read the channel there, and come back to the list."""
        if not records or any(r.expiry_text or r.seller for r in records):
            return records
        back = self.page.url
        out: list[ChannelRecord] = []
        opened = 0
        shown = records
        for record in records:
            here = next((r for r in shown if _key(r) == _key(record)), record)  # drawn again
            details = self.own_page(here) if opened < MAX_UNFOLD else None
            out.append(details or record)
            opened += details is not None
            if self.page.url == back:
                continue
            with suppress(PlaywrightError):  # back, as a person goes back to the list
                self.page.go_back(wait_until="domcontentloaded", timeout=self.timeout * 1000)
                if self.page.url != back:
                    self.page.goto(back, wait_until="domcontentloaded")
            shown = self.on_screen()
        if opened:
            self.picked = True  # what was read is no longer where it was read
            self.note(f"opened {opened} channel page(s) to read their details")
        return out

    def own_page(self, record: ChannelRecord) -> ChannelRecord | None:
        """Open ``record``'s own page (its row a link to it, or a link named with its name)
        and read the channel there, where all that is shown is this channel's; None when
        it has no page of its own."""
        if not open_own_page(record, self.click):
            return None
        here = self.on_screen()
        if not here:
            return None
        named = [r for r in here if _same_name(r.name, record.name)]
        first = (named or here)[0]
        dated = next((r for r in here if r.expiry_text), first)
        return replace(
            first,
            name=record.name,
            status=first.status or record.status,
            expired=first.expired if first.status else record.expired,
            expiry=dated.expiry,
            expiry_text=dated.expiry_text,
            seller=next((r.seller for r in here if r.seller), ""),
            marketplace=next((r.marketplace for r in here if r.marketplace), record.marketplace),
        )

    # -- a list split in tabs -------------------------------------------------------------
    def _tabs(self, shown: list[ChannelRecord], only: str | None = None) -> list[ChannelRecord]:
        """On a list split in tabs (a tab a marketplace), choose each other tab as a person
        would and read the channels it shows; then the first tab again. With ``only``, stop
        at the tab that shows that channel, and stay there (its record is usable)."""
        if not shown:
            return []
        ref: RecordRef = shown[0].ref
        try:
            names: list[str] = ref.frame.evaluate(script("tabs"), ref.id)
        except PlaywrightError:
            return []
        if names and any(w.search(names[0]) for w in self.way):
            return []  # the walk here chose this tab: its others are other pages (Company, Users)
        if any(_platform_named(n) for n in names):
            return []  # tabs of platforms (the walk chose this one): not a list split in tabs
        count = max(len(names) - 1, 0)
        found: list[ChannelRecord] = []
        for index in range(min(count, MAX_UNFOLD)):
            if not self._choose_tab(ref.frame, str(index)):
                continue
            read = {r.ref for r in found}
            # its panel is drawn and settled (_choose_tab, _read): a tab showing no channel
            # (Company, Users, beside Sales Channels) has none, and is not waited on
            now = [r for r in self.on_screen(wait=False) if r.ref not in read]
            found += now
            if only is not None and any(_same_name(r.name, only) for r in now):
                self.note(f"chose the tab that shows '{only}'")
                return found
        if found:
            self.note(f"chose {count} other tab(s) of the list to read their channels")
        if count:
            self._choose_tab(ref.frame, "shown")  # back to where the list began
            self.on_screen()
        return found

    def _choose_tab(self, frame: Frame, which: str) -> bool:
        tab = frame.locator(f"[data-hect-tab='{which}']").first
        last = mark(frame)
        try:
            handle = tab.element_handle(timeout=MORE_BOUND * 1000)
        except PlaywrightError:
            return False
        try:
            if self.click(tab, "a tab of the list", unless_gone=True) is False:
                return False
            # Its panel is shown: the tab says it is chosen (aria-selected, an attribute the
            # page's watch does not note), or the page drew something, or another page loaded.
            with suppress(PlaywrightError):
                frame.wait_for_function(
                    _CHOSEN, arg=[handle, *last], timeout=MORE_BOUND * 1000, polling="raf"
                )
            return True
        finally:
            with suppress(PlaywrightError):
                handle.dispose()

    # -- showing more ---------------------------------------------------------------------
    def _search(self, name: str) -> bool:
        """Type ``name`` into the list's search box, if it has one; whether it did."""
        boxes = (
            self.page.get_by_role("searchbox")
            .or_(self.page.get_by_role("textbox", name=_SEARCH))
            .or_(self.page.get_by_placeholder(_SEARCH))
            .filter(visible=True)
        )
        if not boxes.count():
            return False
        box = boxes.first
        last = mark(self.page)
        box.fill(name)
        self.note(f"searched the list for '{name}'")
        try:
            with self.page.expect_navigation(timeout=MORE_BOUND * 1000):
                box.press("Enter")
        except PlaywrightError:
            changed_since(self.page, last, MORE_BOUND)  # a list that filters as you type
        return True

    def _more(self, current: list[ChannelRecord]) -> Iterator[tuple[list[ChannelRecord], bool]]:
        """Each time the list shows more: (what it shows now, whether that is a new page)."""
        for _ in range(MAX_PAGES):
            control, fresh = self._more_control()
            if control is not None:
                try:
                    label = " ".join(control.inner_text(timeout=MORE_BOUND * 1000).split())
                except PlaywrightError:  # it went as the list drew itself: read what is there
                    now = self.on_screen()
                    if _same(now, current):
                        return
                    current = now
                    yield now, False
                    continue
                label = label or "Next"
                last = mark(self.page)
                if not self._press(control, label, fresh=fresh):
                    continue  # it went (all shown, or busy loading): look again
                if not fresh:  # Load more: the same page grows
                    changed_since(self.page, last, MORE_BOUND)
                now = self.on_screen()
                if _same(now, current):
                    return
                self.note(f"pressed '{label}' for more channels")
                current = now
                yield now, fresh
            elif (grown := self._scroll(current)) is not None:
                current = grown
                yield grown, False
            else:
                return

    def _press(self, control: Locator, label: str, *, fresh: bool) -> bool:
        """Press Next (a new page: a navigation, perhaps) or Load more (the list grows where
        it is; the button may vanish as it loads); whether it was pressed."""
        if fresh:
            return self.click(control, f"the list's '{label}'", unless_gone=True) is not False
        try:
            control.click(timeout=MORE_BOUND * 1000)
        except PlaywrightError:
            return False
        return True

    def _more_control(self) -> tuple[Locator | None, bool]:
        """The list's Load more (preferred: the page grows) or Next (a new page), as the
        last read found it (records.js marks them; finding them costs no extra look)."""
        for frame, kind in self.more.items():
            control = frame.locator(f"[data-hect-more='{kind}']").filter(visible=True).first
            return control, kind == "next"
        return None, False

    def _scroll(self, records: list[ChannelRecord]) -> list[ChannelRecord] | None:
        """Page down through a list that is drawn as it is scrolled, a screenful at a time
        as a person does: an endless feed (more comes at its end) or a virtualised grid
        (only the rows in view exist). Every channel read so far with those new on screen,
        or None when the end came with nothing new."""
        shown = self.seen or records
        anchor = self._scroller(shown)
        known = {_key(r) for r in records}
        for _ in range(MAX_SCROLLS if anchor else 0):
            before = mark(self.page)
            moved, at_end = _page_down(anchor)
            if not moved:
                return None
            # Mid-list, a grid that draws the rows in view does so at once; at the end, a
            # feed may fetch more first.
            changed_since(self.page, before, SCROLL_BOUND if at_end else QUIET_MS / 1000)
            now = self.on_screen(wait=False)
            anchor = now[-1].ref.locator().last if now else anchor
            if any(_key(r) not in known for r in now):
                if any(_key(r) not in {_key(n) for n in now} for r in shown):
                    self.picked = True  # rows read before are gone: the page shows a part
                drawn = {_key(r): r for r in now}  # where it is now, if still drawn
                every = [drawn.get(_key(r), r) for r in _unique([*records, *now])]
                self.note(f"scrolled the list: {len(every)} channels read")
                return every
            if at_end:
                return None
        return None

    def _scroller(self, shown: list[ChannelRecord]) -> Locator | None:
        """The last record shown, where the page draws its list as it is scrolled."""
        if not shown or shown[-1].ref.frame not in self.scrolls:
            return None  # the page does not listen for scrolling: nothing draws on it
        anchor = shown[-1].ref.locator().last
        try:
            return anchor if anchor.evaluate(script("scrolls")) else None
        except PlaywrightError:
            return None


def _page_down(anchor: Locator | None) -> tuple[bool, bool]:
    """Scroll ``anchor``'s list on by most of a screenful: (whether it moved, at its end)."""
    try:
        moved, at_end = anchor.evaluate(_SCROLL_ON) if anchor else (False, True)
    except PlaywrightError:
        return False, True
    return bool(moved), bool(at_end)


def open_own_page(record: ChannelRecord, click: Callable[..., object]) -> bool:
    """Open ``record``'s own page, as a person would from the list: its row is a link to
    it, or a link in the row begins with its name; whether there was one to click."""
    ref: RecordRef = record.ref
    try:
        if not ref.locator().first.evaluate(_OWN_LINK, [record.name, _ACTS.pattern]):
            return False
    except PlaywrightError:
        return False
    link = ref.frame.locator("[data-hect-own]").first
    return click(link, f"the page of '{record.name}'", unless_gone=True) is not False


def select_in_list(record: ChannelRecord, click: Callable[..., object]) -> bool:
    """Select ``record`` in its list, as a person does where the list's actions sit in a
    toolbar and act on the channel selected: its row's one checkbox ticked, or the row
    itself clicked where rows are selectable (``aria-selected``); whether it is selected,
    and alone (a box ticked beside others is unticked again, and it is not)."""
    row = record.ref.locator().first
    try:
        box = row.get_by_role("checkbox")
        if box.count() == 1:
            box.check(timeout=SELECT_BOUND * 1000)
            if record.ref.frame.get_by_role("checkbox", checked=True).count() == 1:  # alone
                return True
            box.uncheck(timeout=SELECT_BOUND * 1000)
            return False
        if row.get_attribute("aria-selected", timeout=SELECT_BOUND * 1000) is None:
            return False
        if row.get_attribute("aria-selected") != "true":
            click(row, f"'{record.name}' in the list", unless_gone=True)
        return bool(row.get_attribute("aria-selected", timeout=SELECT_BOUND * 1000) == "true")
    except PlaywrightError:
        return False


def _platform_named(text: str) -> bool:
    """Whether ``text`` names a platform (its label, perhaps with a count): a tab of platforms."""
    return any(
        re.search(rf"(?<!\w){re.escape(p.label)}(?!\w)", text, re.IGNORECASE) for p in every()
    )


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _same(a: list[ChannelRecord], b: list[ChannelRecord]) -> bool:
    return [_key(r) for r in a] == [_key(r) for r in b]


def _key(record: ChannelRecord) -> tuple[str, str]:
    return (record.name, record.raw)


def _unique(records: list[ChannelRecord]) -> list[ChannelRecord]:
    seen: set[tuple[str, str]] = set()
    out = []
    for record in records:
        if (key := _key(record)) not in seen:
            seen.add(key)
            out.append(record)
    return out
