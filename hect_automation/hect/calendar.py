"""A day chosen in a calendar, as a person chooses it, for a date box that takes no typing.

The person clicks the box, reads the month the calendar shows, turns it with the arrows
either side of the month (or picks the month and year in its selects) until it shows the
month wanted, and presses the day. ``calendar.js`` reads the calendar whatever its markup:
the grid is the run of day numbers 1, 2, ... 28 or more, the month is what is written
around it. A day named with its whole date ("3 November 2026") is taken by that name; else
by its number, counted from the month's own "1" (a grid may start with the end of the month
before). Afterwards the box must show that date: what was chosen is checked, not assumed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import Any

from playwright.sync_api import ElementHandle, Frame, Locator
from playwright.sync_api import Error as PlaywrightError

from hect_automation.errors import PageMismatch, first_line
from hect_automation.hect.channels import month_shown, parse_date
from hect_automation.hect.js import script
from hect_automation.hect.settle import changed_since, mark, settle

MAX_TURNS = 36  # months back (an order poll goes back days or weeks; a year or two at most)
TURN_BOUND = 2.0  # seconds a turn of the month may take to show
DRAWN_MS = 50  # a calendar redrawn by its own script is still this long: drawn


def pick_date(box: Locator, when: date, bound: float, note: Callable[[str], None]) -> None:
    """Open the calendar of ``box`` and choose ``when`` in it (within about ``bound`` s)."""
    frame, handle, shown = _open(box, bound)
    deadline = time.monotonic() + bound
    for _ in range(MAX_TURNS + 1):
        at = month_shown(shown["heading"])
        if at is None:
            raise PageMismatch(
                f"the order poll's calendar does not say which month it shows "
                f"(it reads '{shown['heading'][:80]}')"
            )
        if at == (when.year, when.month):
            break
        if time.monotonic() > deadline:
            raise PageMismatch(f"the order poll's calendar did not reach {when:%B %Y} in time")
        last = mark(frame)
        _turn(frame, when, at)
        changed_since(frame, last, TURN_BOUND)
        settle(frame, TURN_BOUND, quiet_ms=DRAWN_MS)
        turned = _read(frame, handle)
        if turned is None:
            raise PageMismatch("the order poll's calendar closed as its month was turned")
        shown = turned
    else:
        raise PageMismatch(f"the order poll's calendar did not reach {when:%B %Y}")
    said = f"{when.day} {when:%B %Y}"  # "3 December 2026" (strftime's %-d is not everywhere)
    day = _day(shown["days"], when)
    if day is None or shown["days"][day]["off"]:
        raise PageMismatch(f"the order poll's calendar does not offer {said}")
    try:
        frame.locator(f"[data-hect-day='{day}']").click(timeout=bound * 1000)
        settle(frame, TURN_BOUND, quiet_ms=DRAWN_MS)
        written = box.input_value(timeout=bound * 1000)
    except PlaywrightError as exc:
        raise PageMismatch(
            f"the order poll's calendar would not take {said}: {first_line(exc)}"
        ) from exc
    taken = parse_date(written)
    if taken is None or taken.date() != when:
        raise PageMismatch(
            f"after {said} was chosen in its calendar, the order poll's date box shows '{written}'"
        )
    note(f"chose {said} in the order poll's calendar")


def _open(box: Locator, bound: float) -> tuple[Frame, ElementHandle, dict[str, Any]]:
    """Click the box as a person does; its frame, the box in hand, and the calendar shown."""
    try:
        handle = box.element_handle(timeout=bound * 1000)
        frame = handle.owner_frame()
    except PlaywrightError:
        frame = None
    if frame is None:
        raise PageMismatch("the order poll's date box went away before its calendar opened")
    before = mark(frame)
    try:
        box.click(timeout=bound * 1000)
    except PlaywrightError as exc:
        raise PageMismatch(
            f"the order poll's date box takes no typing, nor a click: {first_line(exc)}"
        ) from exc
    shown = _read(frame, handle)
    if shown is None and changed_since(frame, before, bound / 2):
        settle(frame, bound / 2)
        shown = _read(frame, handle)
    if shown is None:
        raise PageMismatch(
            "the order poll's date box takes no typing, and clicking it showed no calendar"
        )
    return frame, handle, shown


def _read(frame: Frame, box: ElementHandle) -> dict[str, Any] | None:
    try:
        shown: dict[str, Any] | None = frame.evaluate(script("calendar"), box)
    except PlaywrightError:
        return None
    return shown


def _turn(frame: Frame, when: date, at: tuple[int, int]) -> None:
    """One move from the month shown (``at``: year, month) towards ``when``'s: its year,
    then its month, chosen in the calendar's fields where it has them (each may draw the
    calendar anew); else one press of the arrow that way."""
    month = frame.locator("[data-hect-cal='month']")
    year = frame.locator("[data-hect-cal='year']")
    try:
        if month.count():
            if at[0] != when.year and year.count():
                _choose(year, str(when.year))
            else:
                _choose(month, f"{when:%B}", f"{when:%b}")
            return
        later = (when.year, when.month) > at
        arrow = frame.locator(f"[data-hect-cal='{'next' if later else 'prev'}']")
        if not arrow.count():
            raise PageMismatch("the order poll's calendar has no control to turn its month")
        arrow.click(timeout=TURN_BOUND * 1000)
    except PlaywrightError as exc:
        raise PageMismatch(
            f"the order poll's calendar would not turn its month: {first_line(exc)}"
        ) from exc


def _choose(field: Locator, *labels: str) -> None:
    """Choose the option labelled one of ``labels`` (a select), or type the first (a box)."""
    quick = TURN_BOUND * 1000
    if field.evaluate("e => e.tagName", timeout=quick) != "SELECT":
        field.fill(labels[0], timeout=quick)
        field.press("Enter", timeout=quick)
        return
    options: list[str] = field.evaluate(
        "s => [...s.options].map(o => o.text.trim())", timeout=quick
    )
    for label in labels:
        if label in options:
            field.select_option(label=label, timeout=quick)
            return
    raise PageMismatch(f"the order poll's calendar offers no {labels[0]} to choose")


def _day(days: list[dict[str, Any]], when: date) -> int | None:
    """Which day of the grid is ``when``: one named with that date, else the one with its
    number, counted from the first "1" (the month's own first day)."""
    for index, day in enumerate(days):
        named = parse_date(day["label"])
        if named is not None and named.date() == when:
            return index
    if any(parse_date(day["label"]) for day in days):
        return None  # the days are named with their dates, and none is this one
    first = next((i for i, day in enumerate(days) if day["n"] == 1), None)
    if first is None:
        return None
    index = first + when.day - 1
    if index < len(days) and days[index]["n"] == when.day:
        return index
    return None
