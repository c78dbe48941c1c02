"""What the tool saw on a page: for a support engineer to send, and a developer to fix a
runbook's targets from, without reproducing the failure.

For each target a step looked for: every way of finding it (each alternative, and each kind
of control a ``control`` target stands for), what matched and why it was not taken: not on
the page, on the page but hidden, covered by something else, or outside the channel's row.
Then the channel records the page shows, and the page's accessible outline (what a screen
reader would read: the roles and names the runbook's targets are written in).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import TYPE_CHECKING

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from hect_automation.errors import HectError
from hect_automation.hect.channels import ChannelRecord
from hect_automation.hect.js import script
from hect_automation.locate import Scope, locators_for, ways
from hect_automation.runbook import Click, OpenHect, OpenIsolated, Runbook, Step, Target

if TYPE_CHECKING:
    from hect_automation.actions.base import RunContext
    from hect_automation.hect.session import HectSite

OUTLINE_LINES = 160


def _names(locator: Locator, limit: int = 3) -> list[str]:
    names = []
    for index in range(min(locator.count(), limit)):
        try:
            text = locator.nth(index).evaluate(
                "e => (e.getAttribute('aria-label') || e.innerText || e.getAttribute('title') ||"
                " e.getAttribute('alt') || e.tagName).replace(/\\s+/g, ' ').trim().slice(0, 50)"
            )
        except PlaywrightError:
            continue
        names.append(repr(text))
    return names


def candidates(scope: Scope, targets: Sequence[Target]) -> list[str]:
    """For each way of finding the target: what matched, and why it was not taken."""
    lines = []
    for target in targets:
        lines.append(f"  {target.written()}:")
        visible_ways = ways(scope, target)
        hidden_ways = locators_for(scope, target, hidden=True)
        for (way, shown), every in zip(visible_ways, hidden_ways, strict=True):
            try:
                total, visible = every.count(), shown.filter(visible=True).count()
            except PlaywrightError as exc:
                lines.append(f"    {way}: could not be checked ({str(exc).splitlines()[0]})")
                continue
            if not total:
                lines.append(f"    {way}: not on the page")
            elif not visible:
                names = ", ".join(_names(every))
                lines.append(
                    f"    {way}: {total} on the page but hidden ({names}): in a closed menu, "
                    "tab or section?"
                )
            else:
                first = shown.filter(visible=True).first
                try:
                    cover = first.evaluate(script("hit"))
                except PlaywrightError:
                    cover = None
                names = ", ".join(_names(shown.filter(visible=True)))
                if cover and cover != "gone":
                    lines.append(f"    {way}: {visible} visible ({names}) but covered by '{cover}'")
                else:
                    lines.append(f"    {way}: {visible} visible ({names}): usable")
    return lines


def records_table(records: Sequence[ChannelRecord]) -> list[str]:
    if not records:
        return ["  (none: no repeated rows, items or cards showing a status or a token date)"]
    return [
        f"  - {r.name!r}: status {r.status or '?'}; expiry {r.expiry_text or '?'}; "
        f"seller {r.seller or '?'}; marketplace {r.marketplace or '?'}"
        for r in records
    ]


def outline(page: Page) -> list[str]:
    """The page's accessible outline (main region if it has one), cut to a readable length."""
    try:
        main = page.get_by_role("main")
        root = main.first if main.count() == 1 else page.locator("body")
        lines = root.aria_snapshot(timeout=5000).splitlines()
    except PlaywrightError as exc:
        return [f"  (could not be read: {str(exc).splitlines()[0]})"]
    more = len(lines) - OUTLINE_LINES
    cut = [f"  {line}" for line in lines[:OUTLINE_LINES]]
    return cut + ([f"  … and {more} more lines"] if more > 0 else [])


def page_report(
    page: Page,
    targets: Sequence[Target],
    *,
    scope: Scope | None = None,
    records: Sequence[ChannelRecord] = (),
) -> list[str]:
    """Everything about one page: where it is, the candidates, the records, the outline."""
    try:
        title, url = page.title(), page.url
    except PlaywrightError:
        return ["The page is gone (its window was closed)."]
    lines = [f"Page: '{title}' at {url}", "", "What was looked for, and what matched:"]
    lines += candidates(scope or page, targets) if targets else ["  (nothing)"]
    lines += ["", "Channel records on this page:", *records_table(records)]
    lines += ["", "The page's accessible outline (roles and names, as targets are written):"]
    lines += outline(page)
    return lines


def explain_failure(ctx: RunContext, step: Step | None, exc: HectError) -> str:
    """explain.txt for a run that ended on a page that did not match."""
    page = ctx.site.page
    lines = [
        f"hect-runbook: what the tool saw when {ctx.runbook.id} stopped",
        f"Error: {exc.message}",
        f"Step: {exc.step or '?'}",
        "",
    ]
    record = next((s for s in ctx.record.steps if s.status == "failed"), None)
    if record and record.moves:
        lines += ["Moves made to reach things (closing dialogs, opening menus…):"]
        lines += [f"  - {move}" for move in record.moves] + [""]
    targets: list[Target] = []
    scope: Scope | None = None
    if isinstance(step, Click | OpenIsolated):
        targets = list(step.target)
    records: list[ChannelRecord] = []
    with suppress(HectError, PlaywrightError):
        records = ctx.reader(1.0).on_screen(wait=False)
    if isinstance(step, OpenIsolated):
        name = step.within.row.format(**ctx.inputs)
        mine = [r for r in records if r.name.casefold() == name.casefold()]
        if mine:
            scope = mine[0].ref.locator()
            lines += [f"Looked inside the record of '{mine[0].name}': {mine[0].raw}", ""]
    lines += page_report(page, targets, scope=scope, records=records)
    return "\n".join(lines) + "\n"


def walk(
    site: HectSite,
    runbook: Runbook,
    inputs: dict[str, str],
    timeout: float,
) -> tuple[bool, list[str], list[str]]:
    """``hect-runbook explain``: follow the runbook's navigation as a run would, and say at
    each step what was found and how; at the channel's step, the records read and the
    connect control's candidates, clicking nothing that changes HECT. Returns whether every
    step's target was found, a brief report, and the full one."""
    from hect_automation.actions.navigate import navigate  # noqa: PLC0415 - actions use this

    brief: list[str] = []
    full: list[str] = [f"hect-runbook explain {runbook.id} ({runbook.title})", ""]
    for index, step in enumerate(runbook.steps, start=1):
        said = " ".join(step.say.split())
        full += [f"Step {index}: {said}", ""]
        moves_before = len(site.reach.moves)
        if isinstance(step, OpenHect | Click):
            targets = list(step.target) if isinstance(step, Click) else []
            try:
                detail = navigate(site, step, timeout)
            except HectError as exc:
                brief.append(f"{index}. {_what(step)}: NOT FOUND ({exc.message})")
                full += [f"Not found: {exc.message}", *_moves(site, moves_before), ""]
                full += page_report(site.page, targets)
                return False, brief, full
            brief.append(f"{index}. {_what(step)}: found; {detail}")
            full += [f"Found: {detail}", *_moves(site, moves_before), ""]
            continue
        if isinstance(step, OpenIsolated):
            ok, short, lines = _channel_step(site, runbook, step, inputs, timeout)
            brief += [f"{index}. {short}"]
            full += lines
            return ok, brief, full
    return True, brief, full


def _what(step: Step) -> str:
    return step.target[0].describe() if isinstance(step, Click) else "open HECT and sign in"


def _moves(site: HectSite, since: int) -> list[str]:
    made = site.reach.moves[since:]
    return [f"Moves: {'; '.join(made)}"] if made else []


def _channel_step(
    site: HectSite, runbook: Runbook, step: OpenIsolated, inputs: dict[str, str], timeout: float
) -> tuple[bool, str, list[str]]:
    from hect_automation.hect.reader import ChannelReader  # noqa: PLC0415
    from hect_automation.platforms import platform  # noqa: PLC0415

    entry = platform(runbook.platform)
    reader = ChannelReader(site.page, entry, timeout, click=site.click, note=site.say, way=site.way)
    try:
        listed = reader.read_all()
    except HectError as exc:
        lines = [f"No channel list: {exc.message}", ""]
        return (
            False,
            f"the {entry.label} channel list: NOT READ ({exc.message})",
            [
                *lines,
                *page_report(site.page, list(step.target)),
            ],
        )
    lines = [
        f"{len(listed.records)} {entry.label} channel(s) read:",
        *records_table(listed.records),
    ]
    name = step.within.row.format(**inputs) if inputs.get("channel") else ""
    if not name:
        return True, f"{len(listed.records)} {entry.label} channel(s) read", [*lines, ""]
    try:
        record = listed.find(name)
        if not reader.shows(record):  # read on another page, or another channel shown since
            record = reader.find(name)
    except HectError as exc:
        return False, f"channel '{name}': NOT FOUND ({exc.message})", [*lines, "", exc.message]
    lines += ["", f"The record of '{record.name}': {record.raw}", ""]
    control = site.reach.find(record.ref.locator(), step.target, timeout)
    found = "found" if control is not None else "NOT FOUND"
    lines += [f"Its connect control ({step.target[0].describe()}): {found} (not clicked)", ""]
    lines += page_report(site.page, list(step.target), scope=record.ref.locator(), records=())
    summary = f"channel '{record.name}' ({record.summary()}); connect control {found}"
    return control is not None, summary, lines
