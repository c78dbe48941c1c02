"""Reach a target as a person does when it is not in view.

A person who cannot see 'Settings' does not give up: they close the announcement covering
the page, open the menu, pick the tab, expand the section. ``Reach.find`` does the same, in
that order of likelihood, each move bounded and noted (the run prints and records it):

1. close a blocking dialog or banner by its Close / Dismiss / Got it / Accept control (never
   one that changes data), or Escape;
2. if the target is on the page but hidden, use what hides it: the closed ``details``, the
   tab of its tab panel, the control whose ``aria-controls`` names its container;
3. try what opens things: a collapsed navigation ("Menu", a hamburger, ``aria-expanded``,
   ``aria-haspopup``), an account menu, a tab, an accordion; each left as it was if the
   target is not behind it.

``Reach.ready`` is the last look before a click: if something else would take the click
(a cookie notice over the link), it is dismissed first.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from urllib.parse import urlsplit

from playwright.sync_api import ElementHandle, Frame, Locator, Page
from playwright.sync_api import Error as PlaywrightError

from hect_automation.hect.capture import host_of
from hect_automation.hect.js import script
from hect_automation.hect.settle import STILL_MS, settle
from hect_automation.locate import (
    DANGER,
    Scope,
    any_of,
    locators_for,
    on_first,
    pick,
    wait_visible,
    ways_on,
)
from hect_automation.runbook import Target

MAX_MOVES = 8
# What a click may open over the page: a menu, a list to choose from, a dialog, a popover.
POPUPS = ":popover-open, [role=menu], [role=listbox], [role=dialog], dialog[open]"
# A control that says it opens something: a menu, a group, a popover, a section.
OPENS = "[aria-expanded], [aria-haspopup]:not([aria-haspopup=false]), [popovertarget], summary"
# A control drawn as an icon alone (no text, no children): a row's "+" that shows its details.
EXPANDER = ":is([tabindex]:not([tabindex='-1']), [role=button]):empty"
# What may come up over the page by itself during an action: a dialog, modal or not (a
# product tour's step is a plain dialog over a dimmed page).
OVERLAYS = "[aria-modal=true], dialog[open], [role=dialog], [role=alertdialog]"
MOVE_BOUND = 2.0  # seconds a single move may take to show its effect
HOVER_BOUND = 0.8  # seconds what a hover shows may take to fade in (0.3 was missed under load)
LABEL_OF = """el => [...(el.labels || [])].map(l => l.textContent).join(' ') ||
  el.getAttribute('aria-label') || el.closest('label')?.textContent || ''"""
_AROUND = "xpath=ancestor::*[not(self::body or self::html)]"  # the page as a whole is not a part
# The part of the page a go-ahead shown by a click belongs to (a side panel, a section).
_PANEL = (
    "xpath=ancestor::*[self::aside or self::section or self::form or self::dialog"
    " or @role='region' or @role='complementary' or @role='dialog']"
)
_MARK_SHOWN = "els => els.forEach(e => e.setAttribute('data-hect-shown', ''))"
_UNMARK_SHOWN = (
    "() => document.querySelectorAll('[data-hect-shown]')"
    ".forEach(e => e.removeAttribute('data-hect-shown'))"
)
NAME_BOUND = 0.5  # seconds to read a control's name or mark: it is there, or it has gone
_QUICK = NAME_BOUND * 1000
DISMISS = re.compile(
    r"^\W*(close|dismiss|got it|ok(ay)?|no,? thanks|not now|maybe later|skip( tour)?|"
    r"remind me later|accept( all)?( cookies)?|i agree|agree|continue|"
    r"(stay|keep me) (signed|logged) in|extend( my)? session|i'?m still here|[×✕✖x])\W*$",
    re.IGNORECASE,
)
# What a person would not agree to on the way to somewhere: a question or a box to tick
# that would delete, cancel, sign out or pay is answered no.
HARMFUL_WORDS = (  # stems: "deletion", "removal", "payment" too
    r"\b(delet|remov|disconnect|revok|reset|unsubscrib|discard|sign ?out|log ?out|pay|"
    r"purchas|cancel)"
)
HARMFUL = re.compile(HARMFUL_WORDS, re.IGNORECASE)
# The go-ahead of a question a click asked ("Reconnect …? You will be taken to sign in."):
# never a button that takes something away.
GO_AHEAD = re.compile(
    rf"^(?!.*{HARMFUL_WORDS})\W*(continue|connect|reconnect|yes|ok(ay)?|proceed|go on|confirm|"
    r"authori[sz]e)\b",
    re.IGNORECASE,
)
_CONNECTS = re.compile(r"^\W*(re-?)?connect\b", re.IGNORECASE)
TOGGLE = re.compile(
    r"^\W*(menu|open menu|main menu|navigation|open navigation|toggle navigation|more|"
    r"more actions|actions|options|account|my account|profile|user menu|[☰≡⋮…])\W*$",
    re.IGNORECASE,
)


_NAMES = (
    "e => [e.getAttribute('aria-label'), e.innerText, e.getAttribute('title'), e.value]"
    ".map(s => (s || '').replace(/\\s+/g, ' ').trim()).filter(Boolean)"
)


def names_of(control: Locator | ElementHandle) -> list[str] | None:
    """Every name a control goes by: its ARIA label first (what it is called, as a screen
    reader says it: the account menu, not the initials on it), then its text, title and
    value; None if it is gone. A locator is not waited for (gone meanwhile, its dialog
    closed); an element in hand is asked."""
    try:
        if isinstance(control, ElementHandle):
            names: list[str] | None = control.evaluate(_NAMES)
        else:
            names = on_first(control, _NAMES)  # None: gone meanwhile
    except PlaywrightError:
        return None
    return names


def name_of(control: Locator | ElementHandle) -> str:
    """What a person would call a control, for the run's notes."""
    return _called(names_of(control))


def _called(names: list[str] | None) -> str:
    if names is None:
        return "a control"
    return names[0][:60] if names else "an unnamed control"


def _harmful(names: list[str] | None) -> bool:
    """Whether any of a control's names says it changes something (its text as well as its
    label: a person reads what is written on it)."""
    return any(DANGER.search(name) for name in names or [])


@dataclass(frozen=True)
class Shown:
    """Before a click: the elements the target found shown."""

    elements: list[ElementHandle]


def own_frames(page: Page) -> list[Frame]:
    """The frames in ``page`` that show pages of its own site (not a payment form, a video
    or a chat of another site)."""
    host = urlsplit(page.url).hostname
    return [
        f
        for f in page.frames
        if f is not page.main_frame and not f.is_detached() and urlsplit(f.url).hostname == host
    ]


def _main_part(page: Page) -> Locator:
    """A page's main part, else the whole page."""
    main = page.locator("main, [role=main]").filter(visible=True)
    return main if main.count() else page.locator("body")


def _go_ahead_in(shown: Locator, *, fresh: bool = False) -> Locator:
    """The first go-ahead in ``shown``; ``fresh``: one not marked as shown before the click
    it would answer (``Reach.before_going``)."""
    asked = shown.get_by_role("button").or_(shown.get_by_role("link"))
    if fresh:
        asked = asked.and_(shown.page.locator(":not([data-hect-shown])"))
    return asked.filter(has_text=GO_AHEAD).first


def offers_go_ahead(page: Page) -> bool:
    """Whether a page asks a question of its own with a go-ahead to answer it (Continue)."""
    try:
        return _go_ahead_in(_main_part(page)).count() > 0
    except PlaywrightError:
        return False


class Reach:
    """Finds targets on one HECT page the way a person would, noting each move it makes."""

    def __init__(self, page: Page, note: Callable[[str], None]) -> None:
        self.page = page
        self.note = note
        self.moves: list[str] = []
        self.holding: Locator | None = None  # what is being clicked: its own layer stays
        self._handler = False  # the overlay handler is registered on this page
        self._armed = False  # and is to act
        self.path: list[Locator] = []  # the openers the last search used to reach its target
        self._unticked: set[str] = set()  # boxes asked for that it would not tick (said once)
        self._going: set[str] = set()  # the names of the control last clicked to go somewhere
        self._addresses: set[str] = set()  # the addresses shown as words before that click

    def _noted(self, text: str) -> None:
        self.moves.append(text)
        self.note(text)

    # -- the one entry -------------------------------------------------------------------
    def find(
        self, scope: Scope, targets: Sequence[Target], timeout: float, *, what: str = ""
    ) -> Locator | None:
        """The target, reached within ``timeout`` seconds (moves included), or None."""
        deadline = time.monotonic() + timeout
        if found := self._pick(scope, targets):
            return found
        # Waiting for the page is bounded by a share of the time: most of it is kept for
        # the moves (on a slow machine, a page still drawing could otherwise use it all).
        settled = settle(self.page, min(timeout / 5, 3.0))
        if found := self._pick(scope, targets):
            return found
        # Before changing anything (opening a menu…), let a page that is still drawing
        # itself finish: the target may be on its way.
        settled = settle(self.page, min(timeout / 5, 3.0), quiet_ms=STILL_MS) and settled
        if found := self._pick(scope, targets):
            return found
        looked_for = what or targets[0].describe()
        self._forget_tries()
        self.path = []
        made = 0
        for move in self._moves(scope, targets, looked_for):
            if made >= MAX_MOVES or time.monotonic() >= deadline:
                break
            if not move():
                continue
            made += 1
            settle(self.page, min(MOVE_BOUND, max(0.1, deadline - time.monotonic())))
            if found := self._look(scope, targets):
                return found
        # A page that has stopped drawing, where nothing a person could do showed the target,
        # does not have it: waiting on is for a page still moving, or a move slow to show.
        remaining = deadline - time.monotonic()
        if (made or not settled) and remaining > 0 and wait_visible(scope, targets, remaining):
            return self._pick(scope, targets)
        return None

    def _pick(self, scope: Scope, targets: Sequence[Target]) -> Locator | None:
        """``pick``, marking what it finds where the page draws things over its content: a
        menu or dialog may then close under the target, and only a mark still finds it. On
        a page built of frames of its own (a menu frame beside a content frame), what the
        page itself does not show is looked for in them, as a person works in them."""
        marked = not self._nothing_over()
        if (found := pick(scope, targets, mark=marked)) or scope is not self.page:
            return found
        for frame in own_frames(self.page):
            if found := pick(frame.locator(":root"), targets, mark=marked):
                return found
        return None

    def _forget_tries(self) -> None:
        """Each search may try every opener again (a menu may have closed since)."""
        with suppress(PlaywrightError):
            self.page.evaluate(
                "() => document.querySelectorAll('[data-hect-tried]')"
                ".forEach(e => e.removeAttribute('data-hect-tried'))"
            )

    def _look(self, scope: Scope, targets: Sequence[Target]) -> Locator | None:
        """The target in scope, or in a menu or dialog a move just opened (drawn elsewhere)."""
        if found := self._pick(scope, targets):
            return found
        if scope is self.page:
            return None
        if found := self._pick(scope.locator("xpath=following-sibling::*[1]"), targets):
            return found  # in the details the record's expansion drew right after it
        return self._pick(self.page.locator(POPUPS).filter(visible=True), targets)

    def before_click(self, targets: Sequence[Target], found: Locator) -> Shown:
        """What a click on ``found`` may show more of: if it says it opens something (a
        menu, a group, a popover), the elements the target finds shown now; else nothing
        (one query: a link that goes somewhere is not held)."""
        try:
            if not found.and_(self.page.locator(OPENS)).count():
                return Shown([])
            return Shown(any_of(self.page, targets).filter(visible=True).element_handles())
        except PlaywrightError:
            return Shown([])

    def opened_by_click(self, targets: Sequence[Target], before: Shown) -> Locator | None:
        """After a click that left the page where it was: a control with the target's name
        that the click showed, or None. A gear named 'Settings' may open a menu holding the
        'Settings' link, a tree's 'Settings' group may show its 'Settings' item: a person
        then clicks that. What was shown before the click (the control clicked, its label,
        a menu bar always there) is not it."""
        shown = any_of(self.page, targets).filter(visible=True)
        try:
            if not before.elements or shown.count() <= len(before.elements):
                return None
            index = shown.evaluate_all(
                "(found, before) => found.findIndex(e => !before.includes(e))", before.elements
            )
        except PlaywrightError:
            return None
        return shown.nth(index) if index >= 0 else None

    def way_on_from_tab(self, clicked: Locator, targets: Sequence[Target]) -> Locator | None:
        """A tab chosen for a step whose panel only points the way on ("2 channels", View
        Amazon channels, Install Channel): the panel's one harmless control that says the
        step's words, which a person clicks next; else None (a panel that is the place: the
        Sales Channels tab of Settings, its platforms in it)."""
        words = [
            re.compile(rf"(?<!\w){re.escape(w)}(?!\w)", re.IGNORECASE)
            for t in targets
            if (w := t.wording()) and not w.startswith("/")
        ]
        try:
            if not words or not clicked.and_(self.page.get_by_role("tab")).count():
                return None
            panel = self.page.get_by_role("tabpanel").filter(visible=True)
            if panel.count() != 1:
                return None
            ways = ways_on(panel)
            if ways.count() != 1:
                return None
            said = " ".join(names_of(ways.first) or [])
        except PlaywrightError:
            return None
        return ways.first if any(w.search(said) for w in words) else None

    def _moves(
        self, scope: Scope, targets: Sequence[Target], what: str
    ) -> Iterator[Callable[[], bool]]:
        yield self.dismiss_layers
        yield lambda: self._open_what_hides(scope, targets, what)
        yield lambda: self._point_at_what_holds(scope, targets, what)
        for candidate in self._openers(scope):
            yield functools.partial(self._try_opener, candidate, scope, targets, what)

    def _point_at_what_holds(self, scope: Scope, targets: Sequence[Target], what: str) -> bool:
        """Rest the pointer on what holds the hidden target, as a person does to show a
        row's actions or a menu drawn on hover (the nearest part of it that is shown: every
        part around it is then under the pointer too); whether that showed the target."""
        try:
            hidden = any_of(scope, targets, hidden=True).filter(visible=False).first
            holder = hidden.locator(_AROUND).filter(visible=True).last
            if not holder.count():
                return False
            holder.hover(timeout=MOVE_BOUND * 1000)
        except PlaywrightError:
            return False
        if not wait_visible(scope, targets, HOVER_BOUND):
            return False  # nothing drawn on hover: the next moves go on from here
        self.note(f"pointed at what holds {what}")
        return True

    def before_going(self, control: Locator) -> None:
        """Before a click meant to go somewhere: note the go-aheads the page shows already,
        and the control's own names, so that a question the click shows (in a panel that
        slides in, say, no dialog) can be told from what was there before."""
        self._going = {n.casefold() for n in names_of(control) or []}
        self._addresses = self._shown_addresses()
        with suppress(PlaywrightError):  # marks of an earlier click first go
            self.page.evaluate(_UNMARK_SHOWN)
            self._go_aheads(self.page.locator("body")).evaluate_all(_MARK_SHOWN)

    def _shown_addresses(self) -> set[str]:
        """The web addresses the page shows as words (``addresses.js``), its frames too."""
        found: set[str] = set()
        for frame in [self.page.main_frame, *own_frames(self.page)]:
            with suppress(PlaywrightError):
                found.update(frame.evaluate(script("addresses")))
        return found

    def shown_address(self) -> str | None:
        """The one web address the last click meant to go somewhere showed as words to copy
        and not as a link ("Open this link in a private window", a read-only box, Copy
        link): the address a person would paste into a private window. One look, no wait;
        None if it shows none, or several (which one is not for a tool to guess)."""
        fresh = self._shown_addresses() - self._addresses
        if len(fresh) != 1:
            return None
        address = fresh.pop()
        self._noted(f"the control showed an address to open rather than going: {host_of(address)}")
        return address

    @staticmethod
    def _go_aheads(area: Locator) -> Locator:
        shown = area.get_by_role("button").or_(area.get_by_role("link"))
        return shown.filter(has_text=GO_AHEAD).filter(visible=True)

    def _newly_shown(self) -> Locator | None:
        """A go-ahead the last click showed: not shown before it, and neither named as the
        control clicked nor any Connect (a list drawn again shows every row's anew)."""
        fresh = self._go_aheads(self.page.locator("body")).and_(
            self.page.locator(":not([data-hect-shown])")
        )
        try:
            for index in range(min(fresh.count(), 5)):
                control = fresh.nth(index)
                names = {n.casefold() for n in names_of(control) or []}
                if names and not names & self._going and not any(map(_CONNECTS.match, names)):
                    return control
        except PlaywrightError:
            return None
        return None

    def go_ahead(self, *, on_page: bool = False, or_shown: bool = False) -> bool:
        """After a click meant to go somewhere: a dialog it opened to ask first ("Reconnect
        …? You will be taken to sign in." Cancel / Continue) is answered with its go-ahead,
        as the person who clicked meant to go on, by its button or its link ("Continue to
        Amazon"); whether one was. No wait: one query. ``on_page``: the question is a page
        of its own (its main part, else the whole page), its choices left as HECT made them;
        ``or_shown``: else the go-ahead the click showed anywhere (``before_going``)."""
        shown = _main_part(self.page) if on_page else self.page.locator(OVERLAYS)
        # never one shown before the click (a dialog holding the list holds every Connect)
        button = _go_ahead_in(shown.filter(visible=True), fresh=not on_page)
        try:
            if not button.count():
                if not or_shown or (fresh := self._newly_shown()) is None:
                    return False
                button, shown = fresh, fresh.locator(_PANEL).last
            name = " ".join(button.inner_text(timeout=_QUICK).split())
            if not button.is_enabled(timeout=_QUICK):
                self._tick_to_go_on(shown, button)
            button.click(timeout=MOVE_BOUND * 1000)
        except PlaywrightError:
            return False
        self.note(f"HECT asked first; pressed '{name}'")
        return True

    def _tick_to_go_on(self, asking: Locator, button: Locator) -> None:
        """A go-ahead held back until a box is ticked ("I have signed out of other accounts,
        or I am using a private window"): tick the boxes it waits for, as the person who
        meant to go on would, unless a box's words would give something away (delete,
        cancel, sign out, pay…) or it has none; then the go-ahead is pressed, or it stays
        held back."""
        boxes = asking.get_by_role("checkbox", checked=False).filter(visible=True)
        for _ in range(3):  # a few boxes at most; each ticked is no longer unticked
            if button.is_enabled(timeout=_QUICK) or not boxes.count():
                return
            box = boxes.first
            said = " ".join(str(box.evaluate(LABEL_OF)).split())
            if not said or HARMFUL.search(said):  # a box that says nothing is not agreed to
                if said not in self._unticked:  # said once, however often it is asked
                    self._unticked.add(said)
                    self.note(f"HECT asked to tick '{said}' before going on; left unticked")
                return
            box.check(timeout=MOVE_BOUND * 1000)
            self.note(f"ticked '{said}' to go on")

    # -- 1. what covers the page ------------------------------------------------------------
    def dismiss_layers(self) -> bool:
        """Close every blocking dialog or backdrop on the page, except one holding what is
        about to be clicked (a menu the target is in); whether one was closed."""
        try:
            names: list[str] = self.page.evaluate(script("layers"), self._kept())
        except PlaywrightError:  # the kept element lives in a frame: keep nothing then
            try:
                names = self.page.evaluate(script("layers"), None)
            except PlaywrightError:
                return False
        closed = False
        for index, name in enumerate(names):
            layer = self.page.locator(f"[data-hect-layer='{index}']")
            closed |= self._dismiss(layer, name)
        return closed

    @contextmanager
    def overlays_dismissed(self) -> Iterator[None]:
        """While inside: a modal dialog that comes up during an action (an announcement
        drawn a moment after the page, over the link being clicked) is closed the moment it
        shows, before the action goes on. Not for pages whose own form is a dialog."""
        if not self._handler:
            # The first shown: Playwright asks whether a handler's locator is visible in
            # strict mode, and a page may hold several (the order poll's, a tour's step).
            modal = self.page.locator(OVERLAYS).filter(visible=True).first
            with suppress(PlaywrightError):  # the page is gone: the action will say so
                self.page.add_locator_handler(modal, self._overlay_came, no_wait_after=True)
                self._handler = True
        self._armed = True
        try:
            yield
        finally:
            self._armed = False

    @contextmanager
    def _disarmed(self) -> Iterator[None]:
        """While inside, a dialog shown during an action is left to the action: a click on
        the dialog's own Close. (Closed by the handler first, the click then waited its
        whole bound for a button gone with its dialog.)"""
        armed, self._armed = self._armed, False
        try:
            yield
        finally:
            self._armed = armed

    def _overlay_came(self) -> None:
        """A dialog is shown during an action: if it is in the way of what is being clicked,
        close it, and if that took away the target (its menu closed), open the way to it
        again. A dialog beside the target (a chat panel) is left alone."""
        if not self._armed:
            return  # a dialog that is the page's own form (the order poll's): leave it
        if self.holding is not None and self._cover(self.holding) is None:
            return  # the click would land: nothing here is in its way
        self.dismiss_layers()
        if self.holding is None or not self.path:
            return
        try:  # gone counts as hidden: found inside a menu, it goes when the menu closes
            if self.holding.is_visible():
                return
            opener = self.path[-1]
            label = name_of(opener)
            opener.click(timeout=MOVE_BOUND * 1000)
        except PlaywrightError:
            return
        self._noted(f"opened '{label}' again (it had closed)")

    def ready(self, target: Locator) -> bool:
        """Before a click: whether it would land now, after clearing what is in the way.

        On a page that draws nothing over its content (``covers.js``: no dialog, no fixed,
        sticky or absolutely placed box), a shown target takes the click. Otherwise one look
        at the target's centre (``hit.js``) says whether it would; if not, whatever came in
        the way (a dialog drawn a moment after the page) is dismissed and the look made once
        more."""
        self.hold(target)
        if self._nothing_over():
            try:
                return target.is_visible()
            except PlaywrightError:
                return False
        for _ in range(2):
            cover = self._cover(target)  # one look: shown, in view, and nothing over it
            if cover is None:
                return True
            if cover == "gone":
                return False
            if not self._dismiss(self.page.locator("[data-hect-layer='cover']").last, cover):
                self.dismiss_layers()
        return False

    @staticmethod
    def _cover(target: Locator) -> str | None:
        """What would take a click on the target now (``hit.js`` marks it
        data-hect-layer='cover'): None if the click would land, "gone" if the target is not
        there to click."""
        try:
            cover: str | None = on_first(target, script("hit"), absent="gone")
        except PlaywrightError:
            return "gone"
        return cover

    def _nothing_over(self) -> bool:
        """Whether no document of the page draws anything that could lie over a target: one
        plain look per frame, which costs the browser far less than a script on the target
        itself (that needs Playwright's selector engine set up a second time, in the page's
        own world)."""
        try:
            return not any(frame.evaluate(script("covers")) for frame in self.page.frames)
        except PlaywrightError:
            return False

    def hold(self, target: Locator) -> None:
        """Remember the element about to be clicked, so that its own menu or dialog is
        never closed as being in the way (until ``let_go``)."""
        self.holding = target

    def let_go(self) -> None:
        self.holding = None

    def _kept(self) -> ElementHandle | None:
        """The element being clicked, if it is still there to keep (it may have gone)."""
        if self.holding is None:
            return None
        try:
            return self.holding.element_handle(timeout=100)
        except PlaywrightError:
            return None

    def _dismiss(self, layer: Locator, name: str) -> bool:
        try:
            if not layer.is_visible():
                return False  # gone already (a backdrop closed with its dialog)
        except PlaywrightError:
            return False
        for role in ("button", "link"):
            controls = layer.get_by_role(role, name=DISMISS)
            for index in range(min(controls.count(), 4)):
                control = controls.nth(index)
                if not control.is_visible():
                    continue  # gone with a layer closed just before (a dialog's backdrop)
                names = names_of(control)
                if _harmful(names):
                    continue
                label = _called(names)
                try:
                    with self._disarmed():  # this click is the layer's own answer
                        control.click(timeout=MOVE_BOUND * 1000)
                except PlaywrightError:
                    continue
                with suppress(PlaywrightError):  # gone, with what else it brought (a backdrop)
                    layer.wait_for(state="hidden", timeout=NAME_BOUND * 1000)
                self._noted(f"closed '{name}' with its '{label}' button")
                return True
        try:
            self.page.keyboard.press("Escape")
            layer.wait_for(state="hidden", timeout=NAME_BOUND * 1000)
        except PlaywrightError:
            return False  # no way to close it here: said when the target stays out of reach
        self._noted(f"pressed Escape to close '{name}'")
        return True

    # -- 2. the target is here, but hidden --------------------------------------------------
    def _open_what_hides(self, scope: Scope, targets: Sequence[Target], what: str) -> bool:
        for target in targets:
            for hidden in locators_for(scope, target, hidden=True):
                try:
                    if not hidden.count():
                        continue
                    if not on_first(hidden, script("opener"), absent=False):
                        continue
                except PlaywrightError:
                    continue
                marked = self.page.locator("[data-hect-opener]").last
                try:
                    opener = marked.element_handle(timeout=MOVE_BOUND * 1000)
                    label = name_of(opener)  # in hand: a loaded machine cannot make it "a control"
                    opener.click(timeout=MOVE_BOUND * 1000)
                    opener.evaluate("e => e.removeAttribute('data-hect-opener')")
                except PlaywrightError:
                    return False
                self.path.append(_handle_locator(self.page, opener))
                self._noted(f"opened '{label}' to reach {what}")
                return True
        return False

    # -- 3. what might open onto it -------------------------------------------------------
    def _openers(self, scope: Scope) -> Iterator[Locator]:
        """Controls that open menus, tabs and sections: in scope first, then on the page."""
        scopes = [scope] if scope is self.page else [scope, self.page]
        for where in scopes:
            yield from _each(where.get_by_role("button", name=TOGGLE))
            yield from _each(where.get_by_role("button", expanded=False))
            yield from _each(where.get_by_role("link", expanded=False))
            yield from _each(where.get_by_role("menuitem", expanded=False))
            yield from _each(where.locator("[aria-haspopup]:not([aria-haspopup=false])"))
            yield from _each(where.get_by_role("tab", selected=False))
            yield from _each(where.locator("details:not([open]) > summary"))
            # an icon with no words a person can focus and click: a row's expand control
            yield from _each(where.locator(EXPANDER))

    def _try_opener(
        self, opener: Locator, scope: Scope, targets: Sequence[Target], what: str
    ) -> bool:
        try:
            if not opener.is_visible() or opener.get_attribute("data-hect-tried", timeout=_QUICK):
                return False
            names = names_of(opener)
            if _harmful(names):
                return False
            label = _called(names)
            on_first(opener, "e => e.setAttribute('data-hect-tried', '1')")
            opener.click(timeout=MOVE_BOUND * 1000)
        except PlaywrightError:
            return False
        settle(self.page, MOVE_BOUND)
        if self._look(scope, targets) is not None:
            self._noted(f"opened '{label}' to reach {what}")
            self.path.append(opener)
            return True
        self._undo(opener)
        return False

    def _undo(self, opener: Locator) -> None:
        """Leave the page as it was: close the menu the try opened."""
        try:
            if opener.get_attribute("aria-expanded", timeout=_QUICK) == "true":
                opener.click(timeout=MOVE_BOUND * 1000)
            elif opener.get_attribute("role", timeout=_QUICK) != "tab":
                self.page.keyboard.press("Escape")
        except PlaywrightError:
            return


def _handle_locator(page: Page, handle: ElementHandle) -> Locator:
    """A locator for an element found by script (marked, so it can be found again)."""
    handle.evaluate("e => e.setAttribute('data-hect-path', '1')")
    return page.locator("[data-hect-path]").last


def _each(locator: Locator) -> Iterator[Locator]:
    try:
        count = min(locator.count(), 6)
    except PlaywrightError:
        return
    for index in range(count):
        yield locator.nth(index)
