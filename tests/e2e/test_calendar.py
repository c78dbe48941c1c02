"""A day chosen in a calendar, whatever its markup: the month turned by named arrows, by bare
arrows drawn as pictures, or by its selects; days named with their dates or only numbered,
with the ends of the months around it shown or not."""

from __future__ import annotations

import json
from datetime import date

import pytest
from playwright.sync_api import Page

from hect_automation.errors import PageMismatch
from hect_automation.hect.calendar import pick_date
from hect_automation.hect.settle import install_watch

pytestmark = pytest.mark.e2e

# One small calendar script, drawn in the ways calendars are drawn. Today is 7 Jan 2027 for
# it; days after that cannot be chosen.
CALENDAR = """
<label>Oldest order <input id="box" readonly placeholder="dd/mm/yyyy"></label>
<p>Page 1 of 3</p>
<script>
const how = HOW, today = new Date(2027, 0, 7);
const MONTHS = ['January','February','March','April','May','June','July','August',
  'September','October','November','December'];
const box = document.getElementById('box');
let shown = new Date(2027, 0, 1), pop = null;
const pad = n => String(n).padStart(2, '0');
function pick(d) {
  box.value = pad(d.getDate()) + '/' + pad(d.getMonth() + 1) + '/' + d.getFullYear();
  pop.remove(); pop = null;
}
function turn(by) { shown = new Date(shown.getFullYear(), shown.getMonth() + by, 1); draw(); }
function draw() {
  if (pop) pop.remove();
  pop = document.createElement('div'); pop.style.cssText = 'position:absolute;background:#fff';
  const head = document.createElement('div');
  const arrow = (by, text) => {
    const a = document.createElement(how.arrows === 'bare' ? 'span' : 'button');
    if (how.arrows === 'bare') {
      a.innerHTML = '<svg width="12" height="12"><path d="M0 0L9 6"/></svg>';
      a.style.cursor = 'pointer';
    } else {
      a.textContent = text;
      a.setAttribute('aria-label', text + ' month');
    }
    a.onclick = () => turn(by); return a;
  };
  head.append(arrow(-1, 'Previous'));
  if (how.header === 'selects') {
    const m = document.createElement('select');
    MONTHS.forEach((n, i) => m.add(new Option(n, i)));
    m.value = shown.getMonth(); m.onchange = () => { shown.setMonth(+m.value); draw(); };
    const y = document.createElement('input'); y.type = 'number'; y.value = shown.getFullYear();
    y.onchange = () => { shown.setFullYear(+y.value); draw(); };
    head.append(m, y);
  } else {
    const t = document.createElement('strong');
    t.textContent = MONTHS[shown.getMonth()] + ' ' + shown.getFullYear(); head.append(t);
  }
  head.append(arrow(1, 'Next'));
  const grid = document.createElement(how.cells === 'table' ? 'table' : 'div');
  const columns = 'display:grid;grid-template-columns:repeat(7,2em)';
  if (how.cells !== 'table') grid.style.cssText = columns;
  const first = new Date(shown.getFullYear(), shown.getMonth(), 1);
  const lead = (first.getDay() + 6) % 7;
  let row = null;
  for (let i = 0; i < 42; i++) {
    const d = new Date(shown.getFullYear(), shown.getMonth(), 1 - lead + i);
    const mine = d.getMonth() === shown.getMonth();
    let cell;
    if (how.cells === 'table') {
      if (i % 7 === 0) row = grid.insertRow();
      const td = row.insertCell();
      if (!mine && !how.adjacent) continue;
      cell = document.createElement('button'); td.append(cell);
    } else {
      cell = document.createElement('div'); grid.append(cell);
      if (!mine && !how.adjacent) continue;
    }
    cell.textContent = d.getDate();
    const named = MONTHS[d.getMonth()] + ' ' + d.getDate() + ', ' + d.getFullYear();
    if (how.labels) cell.setAttribute('aria-label', named);
    if (!mine) cell.style.color = '#aaa';
    if (d > today) cell.setAttribute('aria-disabled', 'true');
    else cell.onclick = () => pick(d);
  }
  pop.append(head, grid); document.body.append(pop);
}
box.onclick = () => { if (!pop) draw(); };
</script>
"""


@pytest.mark.parametrize(
    "how",
    [
        {"arrows": "named", "header": "text", "cells": "table", "labels": True, "adjacent": False},
        {"arrows": "bare", "header": "text", "cells": "div", "labels": False, "adjacent": True},
        {"arrows": "bare", "header": "selects", "cells": "div", "labels": True, "adjacent": True},
        {"arrows": "named", "header": "text", "cells": "div", "labels": False, "adjacent": False},
    ],
    ids=["named-table", "bare-numbers-adjacent", "selects", "numbers-only"],
)
def test_a_day_in_another_month_and_year_is_chosen_in_any_calendar(
    page: Page, how: dict[str, object]
) -> None:
    install_watch(page.context)
    page.set_content(CALENDAR.replace("HOW", json.dumps(how)))
    said: list[str] = []
    pick_date(page.locator("#box"), date(2026, 11, 30), 5, said.append)  # into the year before
    assert page.locator("#box").input_value() == "30/11/2026"
    assert said == ["chose 30 November 2026 in the order poll's calendar"]
    pick_date(page.locator("#box"), date(2027, 1, 2), 5, said.append)  # and forward again
    assert page.locator("#box").input_value() == "02/01/2027"


def test_a_day_the_calendar_does_not_offer_is_said_not_guessed(page: Page) -> None:
    install_watch(page.context)
    how = {"arrows": "named", "header": "text", "cells": "div", "labels": False, "adjacent": True}
    page.set_content(CALENDAR.replace("HOW", json.dumps(how)))
    with pytest.raises(PageMismatch, match="does not offer 9 January 2027"):
        pick_date(page.locator("#box"), date(2027, 1, 9), 5, lambda _: None)
    assert page.locator("#box").input_value() == ""


def test_a_box_that_opens_no_calendar_is_said(page: Page) -> None:
    install_watch(page.context)
    page.set_content('<label>Oldest order <input id="box" readonly></label>')
    with pytest.raises(PageMismatch, match="takes no typing, and clicking it showed no calendar"):
        pick_date(page.locator("#box"), date(2026, 9, 30), 2, lambda _: None)
