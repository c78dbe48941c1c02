"""HECT's Order Polling, as a person uses it: from the channel, give the date and time of the
oldest order, start the poll, and read HECT's answer.

Where the control is, is found as a person finds it: a link or button in the channel's row,
the row's "More actions" menu, or the channel's own page (its name, as a link). The form may
be a page or a dialog; the date and time a ``datetime-local`` field, a date field and a time
field, or text in the format its placeholder shows. HECT's answer may be a message (a toast,
a status region, an alert) or simply the new poll listed with that date.

Starting a poll changes state, so it is never submitted twice: when the submission meets an
error, HECT's list of polls is read first, and the poll is reported as unknown rather than
sent again.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from typing import NamedTuple

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Frame, Locator, Page

from hect_automation.errors import HectUnavailable, OrderPollNotRun, PageMismatch
from hect_automation.hect.calendar import pick_date
from hect_automation.hect.channels import MONTH_NAMES, ChannelRecord, parse_date
from hect_automation.hect.js import script
from hect_automation.hect.reach import HARMFUL, LABEL_OF, NAME_BOUND
from hect_automation.hect.session import HectSite, for_the_selected
from hect_automation.hect.settle import changed_since, mark, settle
from hect_automation.locate import NEXT_STEP, describe, first_visible, pick
from hect_automation.runbook import Target

OPEN_POLL = [
    Target(control="/^\\W*(order poll|poll orders|order polling|run order poll)\\W*$/i"),
]
# A date's format written where a person reads it ("dd/mm/yyyy hh:mm", "YYYY-MM-DD").
DATE_FORMAT = "/\\b(dd|yyyy|yy)\\b\\W{0,3}\\b(mm|dd)\\b/i"
SINCE = [
    Target(label="/oldest order/i"),
    Target(label="/date (and|&) time/i"),
    Target(label="/poll(ing)? from|orders? from|from date|since|^\\W*from\\b/i"),
    Target(label=DATE_FORMAT),  # "From (dd/mm/yyyy hh:mm)" is read by its format too
    Target(placeholder=DATE_FORMAT),
    Target(css="input[type=datetime-local], input[type=date]"),  # the form's date, by its kind
]
SINCE_GROUP = Target(
    role="group", name="/oldest order|date (and|&) time|poll(ing)? from|orders? from/i"
)
START = [
    Target(role="button", name="/start order poll|start poll|poll orders|run order poll/i"),
    Target(role="button", name="/^\\W*(submit|start|save|poll|go)\\W*$/i"),
]
CONFIRMED = re.compile(
    r"order poll (is )?(queued|in progress|started|scheduled|requested)|"
    r"(queued|started|scheduled|requested) (an |the |your )?order poll",
    re.IGNORECASE,
)
REFUSED = re.compile(r"cannot|can't|invalid|error|failed|please|required|not allowed", re.I)
HOUR = re.compile(r"^\W*(hours?|hh)\W*$", re.IGNORECASE)
MINUTE = re.compile(r"^\W*(minutes?|mins?|mm)\W*$", re.IGNORECASE)
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?$", re.IGNORECASE)
# The first select listing times of day, or -1.
_TIME_LIST = (
    "ss => ss.findIndex(s => [...s.options]"
    ".filter(o => /^\\d{1,2}:\\d{2}/.test(o.text.trim())).length >= 2)"
)
_OPTIONS = "s => [...s.options].map(o => [o.value, o.text.trim()])"  # a select's (value, label)
_IS_LIST = "e => e.tagName === 'SELECT'"
_FORMS = "xpath=ancestor::*[self::form or self::dialog or @role='dialog'][1]"
_TYPED_INPUTS = (
    "input:not([type=hidden], [type=radio], [type=checkbox], [type=button], [type=submit])"
)
MAX_CHOICES = 6  # choices tried for the one that shows the date field
SHOWN_BOUND = 1.0  # seconds a field a choice shows may take to show
_ITSELF_A_FIELD = "xpath=self::*[self::input or self::textarea or @contenteditable]"
MAX_MESSAGES = 20
POPUP_BOUND = 2.0  # seconds a window the order poll's control opens may take to be told
_ICONS = ("So", "Sm", "Mn")  # symbols (a tick, a warning sign, a cross) and emoji selectors
MESSAGE_BOUND_MS = 200  # a message gone between counting and reading said nothing more


_TYPED = {"datetime-local": "%Y-%m-%dT%H:%M", "date": "%Y-%m-%d", "time": "%H:%M"}


def _value_for(field: Locator, since: datetime, part: str = "") -> str:
    """The date and time written the way this field takes it, or the one part it takes."""
    if part:
        return (
            f"{getattr(since, part):02d}"
            if part in ("hour", "minute")
            else str(getattr(since, part))
        )
    kind = (field.get_attribute("type") or "text").lower()
    shown = _TYPED.get(kind) or _format_of(field.get_attribute("placeholder") or "")
    return since.strftime(shown)


# A date written in parts (the GOV.UK pattern: Day, Month, Year, then Hour, Minute), each
# box named by its label or its placeholder; "MM" after an hour is the minutes.
_PARTS = {
    "day": re.compile(r"^\W*(day|dd)\W*$", re.IGNORECASE),
    "month": re.compile(r"^\W*(month|mm)\W*$", re.IGNORECASE),
    "year": re.compile(r"^\W*(year|yyyy|yy)\W*$", re.IGNORECASE),
    "hour": HOUR,
    "minute": MINUTE,
}
# What names each box for a person: its labels, its aria-label, its placeholder.
_NAMES = (
    "es => es.map(e => [...[...(e.labels || [])].map(l => l.textContent),"
    " e.getAttribute('aria-label') || '', e.placeholder || ''].map(t => t.trim()).filter(Boolean))"
)


def _parts(names: list[list[str]]) -> list[str] | None:
    """Which part of a date each box takes, if the boxes are a date in parts (a day, a
    month and a year at least); else None."""
    parts: list[str] = []
    for said in names:
        found = [part for part, named in _PARTS.items() if any(map(named.match, said))]
        if "hour" in parts and "minute" in found:  # "MM" after an hour: the minutes
            found = ["minute"]
        parts.append(found[0] if found else "")
    return parts if {"day", "month", "year"} <= set(parts) else None


def _format_of(placeholder: str) -> str:
    """The format a text field's placeholder shows ("dd/mm/yyyy hh:mm", "YYYY-MM-DD",
    "HH:MM"): a date alone where it shows a date and no time (the time is then set beside
    it), a date and time where it shows no format."""
    shown = placeholder.upper()
    if shown.startswith("HH"):
        return "%H:%M"
    clock = " %H:%M" if not shown or re.search(r"HH|:", shown) else ""
    if shown.startswith("YYYY"):
        return "%Y-%m-%dT%H:%M" if "T" in shown else "%Y-%m-%d" + clock
    if shown.startswith("MM/"):
        return "%m/%d/%Y" + clock
    return "%d/%m/%Y" + clock


def listed_polls(where: Page | Frame, since: datetime) -> int:
    """How many times ``where`` shows the date (and time, where it shows one) of ``since``:
    a new poll listed is one more."""
    try:
        texts: list[str] = where.evaluate(script("dates"))
    except PlaywrightError:
        return 0
    count = 0
    for text in texts:
        when = parse_date(text)
        if when is None:
            continue
        shows_time = bool(re.search(r"\d:\d\d", text))
        if when.date() == since.date() and (not shows_time or when.time() == since.time()):
            count += 1
    return count


class PollStarted(NamedTuple):
    message: str  # HECT's confirmation, in its words
    since: datetime  # the date and time the form was given (a calendar may offer no other)


class OrderPoller:
    """Starts one order poll for a channel on ``site`` (from its record on the list)."""

    def __init__(self, site: HectSite, timeout: float, note: Callable[[str], None]) -> None:
        self.site = site
        self.timeout = timeout
        self.note = note

    def start(self, record: ChannelRecord, since: datetime) -> PollStarted:
        """HECT's confirmation of a poll from ``since``, in its words, and the date and time
        given: where the form takes the time only in steps (minutes 00, 15, 30, 45) or not
        at all, the nearest before ``since`` (a poll from earlier misses no order)."""
        window = self._open(record)
        if window is None:
            return self._fill(since)
        self.note("the order poll opened in a window of its own; filling it in there")
        with self.site.in_window(window):
            return self._fill(since)

    def _fill(self, since: datetime) -> PollStarted:
        """Fill in the order poll form the HECT tab shows, start it and read HECT's answer."""
        page = self.site.page
        found = self.site.reach.find(
            page, [*SINCE, SINCE_GROUP], self.timeout, what="the order poll's date"
        )
        fields, parts = self._fields(found) if found is not None else ([], None)
        if not fields and found is not None:
            fields, parts = self._choose_to_show_date(found)
        if not fields:
            raise PageMismatch(
                f"the order poll form has no date field (looked for {describe(SINCE, every=True)},"
                " or a date and a time field in a group saying so)"
            )
        form = fields[0].locator(_FORMS)
        scope = form if form.count() else page
        if len(fields) == 1 and (fields[0].get_attribute("type") or "") == "date":
            fields += [f for f in [pick(scope, [Target(css="input[type=time]")])] if f is not None]
        start = pick(scope, START) or pick(page, START)
        onward = pick(form, NEXT_STEP) if start is None and form.count() else None
        if start is None and onward is None:
            raise PageMismatch(f"the order poll form has no {describe(START, every=True)}")
        since = self._enter(fields, parts, scope, since)
        answers = _frame_of(fields[0], page)  # where HECT answers: the form's page or frame
        before = listed_polls(answers, since)
        said_before = set(_messages(answers))
        alerted = len(self.site.alerts)  # HECT may answer in the browser's own alert
        if onward is not None:  # a form in steps: the date, Next, then Start
            self.site.click(onward, "the order poll's next step")
            start = first_visible(page, START, self.timeout)  # the date's step is gone by now
        if start is None:
            raise PageMismatch(
                f"the order poll form shows no {describe(START, every=True)} after Next"
            )
        # what asks before it goes is told from what the page showed already (a dialog of
        # Settings holding the list, every Connect Channel in it): never pressed
        self.site.reach.before_going(start)
        try:
            self.site.click(start, "start the order poll", repeatable=False)
        except HectUnavailable as exc:
            raise OrderPollNotRun(
                f"HECT failed as the order poll was submitted ({exc.message}); it may or may not"
                " have been queued, so it was not sent again: check HECT's order polls"
            ) from exc
        return PollStarted(self._answer(answers, since, before, said_before, alerted), since)

    def _enter(
        self,
        fields: list[Locator],
        parts: list[str] | None,
        scope: Page | Locator,
        since: datetime,
    ) -> datetime:
        """Put ``since`` in the form: typed where a field takes typing, else chosen in the
        date box's calendar, with the time beside it; the date and time entered."""
        timed = False  # a field typed with a time ("14:05"), or an hour, took it
        entered = since  # as the form took it: a list of minutes may offer 15 and 30 only
        for index, each in enumerate(fields):
            part = parts[index] if parts else ""
            if part and each.evaluate(_IS_LIST):  # a drop-down list of days, months, hours…
                got = _choose_number(each, getattr(since, part), exact=part != "minute", what=part)
                entered = entered.replace(minute=got) if part == "minute" else entered
                timed |= part == "hour"
            elif part or each.is_editable():
                value = _value_for(each, since, part)
                each.fill(value)
                # what the box kept (one that takes 10 characters keeps a date, not its time)
                timed |= ":" in each.input_value() or part == "hour"
            else:
                pick_date(each, since.date(), self.timeout, self.note)
        if not timed:
            entered = self._set_time(scope, since)  # beside a date typed or picked
        if entered != since:  # said: the poll reaches further back than asked
            self.note(
                f"the order poll's form offers no {since:%H:%M} on {since:%d/%m/%Y}; "
                f"it was given {entered:%H:%M}, the latest before"
            )
        return entered

    @staticmethod
    def _set_time(scope: Page | Locator, since: datetime) -> datetime:
        """The time of ``since`` beside a date chosen in a calendar: in a time box, a list of
        times, or hour and minute selects (the nearest offered at or before it); the date
        and time entered. A form that takes no time polls from the start of that day."""
        box = pick(scope, [Target(css="input[type=time]")])
        if box is not None:
            box.fill(since.strftime("%H:%M"))
            return since
        selects = scope.locator("select").filter(visible=True)
        listed = selects.evaluate_all(_TIME_LIST)
        if listed >= 0:  # one list of times ("09:00", "09:30"…)
            return _choose_time(selects.nth(listed), since)
        hour = scope.get_by_role("combobox", name=HOUR).filter(visible=True)
        minute = scope.get_by_role("combobox", name=MINUTE).filter(visible=True)
        if not hour.count():
            return since.replace(hour=0, minute=0)
        _choose_number(hour.first, since.hour, exact=True, what="hour")
        at = _choose_number(minute.first, since.minute, what="minute") if minute.count() else 0
        return since.replace(minute=at)

    def _open(self, record: ChannelRecord) -> Page | None:
        """Open the order poll from the channel's row: its control, its menu, or its page;
        the window it opened in, if HECT opened one for it (a popup)."""
        page = self.site.page
        popups: list[Page] = []

        def opened(window: Page) -> None:  # (Playwright marks its handlers: no bound builtin)
            popups.append(window)

        page.on("popup", opened)
        try:
            with self.site.reach.overlays_dismissed():
                self._open_from(record)
            # A click that opened a window is told some time after it returns: until the
            # form shows here, or a window opens, bounded (each wait is on the event).
            deadline = time.monotonic() + min(self.timeout, POPUP_BOUND)
            while not popups and self.site.nav.last is None and time.monotonic() < deadline:
                if pick(page, [*SINCE, SINCE_GROUP]) is not None:
                    break
                with suppress(PlaywrightError):
                    page.wait_for_event("popup", timeout=250)
        finally:
            page.remove_listener("popup", opened)
        if not popups:
            return None
        popups[0].wait_for_load_state("domcontentloaded", timeout=self.timeout * 1000)
        return popups[0]

    def _open_from(self, record: ChannelRecord) -> None:
        row = record.ref.locator()
        opener = self.site.reach.find(row, OPEN_POLL, self.timeout / 2, what="Order Poll")
        if opener is None:
            opener = for_the_selected(self.site, record, OPEN_POLL, self.note)
        if opener is None:
            name = self.site.reach.find(row, [Target(control=record.name)], 1.0)
            if name is not None:
                self.site.click(name, f"the page of '{record.name}'")
                self.note(f"opened the page of '{record.name}' to find its order poll")
                opener = self.site.reach.find(
                    self.site.page, OPEN_POLL, self.timeout, what="Order Poll"
                )
        if opener is None:
            if self.site.reach.find(self.site.page, [*SINCE, SINCE_GROUP], 1.0) is not None:
                return  # the form is right here
            raise PageMismatch(
                f"no {describe(OPEN_POLL)} for '{record.name}' in its row, its menu or its page"
            )
        self.site.click(opener, "open the order poll")

    @staticmethod
    def _fields(found: Locator) -> tuple[list[Locator], list[str] | None]:
        """The field found, or the group's (fieldset's) fields: its date and time, or every
        part of a date written in parts (with the part each takes)."""
        if found.locator(_ITSELF_A_FIELD).count():
            return [found], None
        # a date in parts may be boxes or drop-down lists (Day, Month, Year, Hour, Minute)
        boxes = found.locator("input:not([type=hidden]), select").filter(visible=True)
        parts = _parts(boxes.evaluate_all(_NAMES))
        if parts:
            return [boxes.nth(i) for i in range(boxes.count())], parts
        inputs = found.locator(_TYPED_INPUTS).filter(visible=True)
        return [inputs.nth(i) for i in range(min(inputs.count(), 2))], None

    def _choose_to_show_date(self, group: Locator) -> tuple[list[Locator], list[str] | None]:
        """A group of choices with no date to give ("Last 24 hours", "Last 7 days", "Custom
        date"): the choice that shows a date field is chosen, as a person looks for where to
        give the date; from the last (where such a choice goes), never one whose words would
        give something away. Its fields, or none (and the choice made before put back)."""
        choices = group.get_by_role("radio")
        count = min(choices.count(), MAX_CHOICES)
        chosen = next((i for i in range(count) if choices.nth(i).is_checked()), None)
        for index in reversed(range(count)):
            choice = choices.nth(index)
            try:
                said = " ".join(str(choice.evaluate(LABEL_OF)).split())
                if not said or HARMFUL.search(said) or choice.is_checked():
                    continue
                choice.check(timeout=NAME_BOUND * 1000)
            except PlaywrightError:
                continue
            form = group.locator(_FORMS)
            shown = first_visible(form if form.count() else group.page, SINCE, SHOWN_BOUND)
            if shown is not None:
                self.note(f"chose '{said}' to give the order poll's date")
                return self._fields(shown)
        if chosen is not None:
            with suppress(PlaywrightError):
                choices.nth(chosen).check(timeout=NAME_BOUND * 1000)
        return [], None

    def _answer(
        self, page: Page | Frame, since: datetime, before: int, said_before: set[str], alerted: int
    ) -> str:
        """Wait (bounded) for HECT's answer: a confirmation, a refusal (on the page or in an
        alert of the browser's own), or the poll listed."""
        deadline = time.monotonic() + self.timeout
        asked = False  # HECT asked first ("Start an order poll …? Yes, start it"), answered
        while True:
            for said in self.site.alerts[alerted:]:  # an alert's words come first, if any
                if CONFIRMED.search(said):
                    return said
                if REFUSED.search(said):
                    raise OrderPollNotRun(f"HECT refused the order poll: {said}")
            settle(page)
            last = mark(page)  # before looking: a change while we look ends the wait at once
            for shown in [m for m in _messages(page) if m not in said_before]:
                if CONFIRMED.search(shown):
                    return shown
                if REFUSED.search(shown):
                    raise OrderPollNotRun(f"HECT refused the order poll: {shown}")
            if listed_polls(page, since) > before:
                return f"HECT lists a new order poll from {since:%d/%m/%Y %H:%M}"
            if not asked and self.site.reach.go_ahead():  # once: the same poll, never another
                asked = True
                continue
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise OrderPollNotRun(
                    f"HECT did not confirm the order poll within {self.timeout:g} s; it may or may"
                    " not have been queued, so it was not sent again: check HECT's order polls"
                )
            changed_since(page, last, remaining)  # wait for the page to say something


def _frame_of(field: Locator, page: Page) -> Page | Frame:
    """The frame ``field`` is in (a page built of frames), or the page itself."""
    try:
        handle = field.element_handle(timeout=MESSAGE_BOUND_MS)
    except PlaywrightError:
        return page
    try:
        frame = handle.owner_frame()
    finally:
        handle.dispose()
    return page if frame is None or frame is page.main_frame else frame


def _choose_time(select: Locator, since: datetime) -> datetime:
    """Choose the latest time offered at or before ``since``'s ("15:30" for 15:58); ``since``
    at that time."""
    options: list[list[str]] = select.evaluate(_OPTIONS)
    offered = {}
    for value, text in options:
        clock = _CLOCK.match(text)
        if clock is None:
            continue
        hour, minute = int(clock.group(1)), int(clock.group(2))
        half = (clock.group(3) or "").lower()[:1]  # "9:30 pm" is 21:30
        if half:
            hour = hour % 12 + (12 if half == "p" else 0)
        offered[(hour, minute)] = value
    earlier = [at for at in offered if at <= (since.hour, since.minute)]
    if not earlier:
        raise PageMismatch(f"the order poll's time offers nothing at or before {since:%H:%M}")
    at = max(earlier)
    select.select_option(value=offered[at])
    return since.replace(hour=at[0], minute=at[1])


def _choose_number(select: Locator, wanted: int, *, exact: bool = False, what: str) -> int:
    """Choose ``wanted`` in a select of numbers ("09" or "9") or of months ("Dec",
    "December"), or the nearest offered below it unless ``exact``; the number chosen."""
    options: list[list[str]] = select.evaluate(_OPTIONS)
    numbers = [(_number_in(text, what), value) for value, text in options]
    offered = {n: value for n, value in numbers if n is not None and n <= wanted}
    best = wanted if wanted in offered else (None if exact or not offered else max(offered))
    if best is None:
        raise PageMismatch(f"the order poll's {what} offers no {wanted:02d}")
    select.select_option(value=offered[best])
    return best


def _number_in(text: str, what: str) -> int | None:
    """The number an option says: its digits, or for a month its name ("Dec" is 12)."""
    if text.isdigit():
        return int(text)
    if what == "month" and len(text) >= 3:
        names = MONTH_NAMES.split("|")
        return next((i + 1 for i, n in enumerate(names) if n.startswith(text.lower())), None)
    return None


def _messages(page: Page | Frame) -> list[str]:
    """What HECT says: its status and alert regions, and any line naming an order poll
    (each read by Playwright's own queries: no script of ours runs on the page's elements)."""
    said = (
        page.get_by_role("status")
        .or_(page.get_by_role("alert"))
        .or_(page.get_by_text(CONFIRMED))
        .filter(visible=True)
    )
    texts = []
    for index in range(min(said.count(), MAX_MESSAGES)):
        with suppress(PlaywrightError):
            texts.append(said.nth(index).inner_text(timeout=MESSAGE_BOUND_MS))
    return [words for words in map(_words, texts) if words]


def _words(text: str) -> str:
    """A message as words: spaces folded, without the icons drawn at either end (a toast's
    tick and its close button's cross)."""
    words = " ".join(text.split())
    while words and unicodedata.category(words[0]) in _ICONS:
        words = words[1:].lstrip()
    while words and unicodedata.category(words[-1]) in _ICONS:
        words = words[:-1].rstrip()
    return words
