"""What each command does, given a ``Workbench``: the glue between the command line and the
engine, one function per command, each returning what the command line renders."""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from playwright.sync_api import Browser

from hect_automation import notify, render, reports
from hect_automation.actions.base import RunOptions
from hect_automation.actions.navigate import channel_list, walk_to_list
from hect_automation.boundary import translated
from hect_automation.engine import run_runbook
from hect_automation.errors import (
    BadInput,
    BrowserLost,
    HectError,
    HectUnavailable,
    NeedsReconnect,
    PageMismatch,
)
from hect_automation.health import Health, Thresholds, assess
from hect_automation.hect.channels import ChannelList
from hect_automation.hect.explain import walk
from hect_automation.hect.orders import OrderPoller
from hect_automation.hect.reader import ChannelReader
from hect_automation.history import Observation, RunRow
from hect_automation.platforms import platform
from hect_automation.provision import display_available
from hect_automation.render import ConsoleListener
from hect_automation.report import RunRecord
from hect_automation.runbook import Runbook, load_runbook, runbook_for
from hect_automation.trace_viewer import serve, trace_file
from hect_automation.workbench import Workbench


@dataclass
class Batch:
    """The runs of one ``reconnect``: a record or the error that ended it, per channel."""

    records: list[RunRecord] = field(default_factory=list)
    failures: list[tuple[str, HectError]] = field(default_factory=list)  # channel, error

    @property
    def exit_code(self) -> int:
        """The first failure's code; else a run's own (11, 12), else 0."""
        if self.failures:
            return self.failures[0][1].exit_code
        return max((r.exit_code for r in self.records), default=0)


def reconnect(
    bench: Workbench,
    platform_key: str,
    channels: list[str] | None,
    *,
    operator_kind: str,
    headed: bool,
    options: RunOptions,
) -> Batch:
    """Reconnect the named channels (None: every one that is due), one after another; a
    failure on one never stops the others."""
    runbook = runbook_for(platform_key, bench.settings.runbooks_dir)
    listener = ConsoleListener(bench.console)
    operator = bench.operator(operator_kind, listener)
    batch = Batch()
    with closing(operator), bench.browser(headed=headed) as browser:
        names = channels if channels is not None else _due(bench, browser, runbook, options)
        for number, name in enumerate(names, start=1):
            if channels is None:
                bench.console.print(
                    f"Channel {number} of {len(names)}: '{name}'", style="bold", markup=False
                )
            try:
                batch.records.append(
                    run_runbook(
                        runbook,
                        {"channel": name},
                        bench.settings,
                        browser=bench.current_browser(browser),
                        relaunch=bench.relaunch,
                        operator=operator,
                        listener=listener,
                        credentials=bench.credentials,
                        options=options,
                        memory=bench.history(),
                        account=bench.account(),
                    )
                )
            except HectError as exc:
                if channels is not None:
                    raise
                batch.failures.append((name, exc))
                bench.console.print(f"'{name}': {exc}", style="red", markup=False)
    return batch


def _due(bench: Workbench, browser: Browser, runbook: Runbook, options: RunOptions) -> list[str]:
    """The channels of ``runbook``'s platform that status would call due."""
    thresholds = Thresholds(warn_days=options.warn_days)
    report = survey(bench, browser, [runbook.platform], thresholds, strict=True)
    names = [h.record.name for h in report.health if h.fix.startswith("hect-runbook reconnect")]
    label = platform(runbook.platform).label
    bench.console.print(
        f"{label} channels to reconnect: {', '.join(names) or 'none'}", markup=False
    )
    return names


@dataclass
class Survey:
    """What ``status`` found: each channel's health, and the platforms it could not read."""

    health: list[Health] = field(default_factory=list)
    unreadable: dict[str, str] = field(default_factory=dict)  # platform -> why

    @property
    def needing(self) -> list[Health]:
        return [h for h in self.health if h.needs_action]

    @property
    def exit_code(self) -> int:
        return NeedsReconnect.exit_code if self.unreadable or self.needing else 0

    @property
    def outcome(self) -> str:
        if self.needing:
            return "needs-action"
        return "partly-read" if self.unreadable else "healthy"

    def summary(self) -> str:
        parts = [f"{len(self.health)} channels read, {len(self.needing)} need action"]
        parts += [f"{key} not read: {why}" for key, why in self.unreadable.items()]
        return "; ".join(parts)


def status(
    bench: Workbench, platforms: list[str], *, headed: bool, thresholds: Thresholds
) -> Survey:
    """Every channel of ``platforms`` and its health; an unreadable platform is reported, and
    the others are still read. HECT unreadable altogether is an error."""
    with bench.browser(headed=headed) as browser:
        report = survey(bench, browser, platforms, thresholds)
    if report.unreadable and not report.health:
        reason = "; ".join(f"{p}: {why}" for p, why in report.unreadable.items())
        raise HectUnavailable(f"no channel list of HECT could be read ({reason})")
    for key in platforms:
        mine = [h for h in report.health if h.platform == key]
        bench.history().observe(
            key, [h.record for h in mine], {h.record.name: h.state.value for h in mine}
        )
    return report


def survey(
    bench: Workbench,
    browser: Browser,
    platforms: list[str],
    thresholds: Thresholds,
    *,
    strict: bool = False,
) -> Survey:
    listener = ConsoleListener(bench.console)
    report = Survey()
    with bench.hect(browser, listener) as site:
        for key in platforms:
            try:
                listed = channel_list(
                    site, runbook_for(key, bench.settings.runbooks_dir), bench.settings.timeout
                )
            except (PageMismatch, HectUnavailable) as exc:  # this platform's list, not HECT
                if strict or isinstance(exc, BrowserLost):
                    raise
                report.unreadable[key] = exc.message
                listener.say(f"The {platform(key).label} channels could not be read: {exc.message}")
                continue
            report.health += _assess(bench, listed, thresholds)
    return report


def _assess(bench: Workbench, listed: ChannelList, thresholds: Thresholds) -> list[Health]:
    history, key, now = bench.history(), listed.platform.key, datetime.now()
    found = []
    for record in listed.records:
        last = history.last_outcome(key, record.name)
        found.append(
            assess(
                key,
                record,
                thresholds=thresholds,
                expected_seller=history.expected_seller(key, record.name),
                last_exit=last[0] if last else None,
                owed_poll_from=history.owed_poll(key, record.name),
                now=now,
                account=bench.settings.account,
            )
        )
    return found


def order_poll(
    bench: Workbench, platform_key: str, channel: str, since: datetime, *, headed: bool
) -> str:
    """Start one order poll; HECT's confirmation. The history then owes none."""
    runbook = runbook_for(platform_key, bench.settings.runbooks_dir)
    timeout = bench.settings.timeout
    listener = ConsoleListener(bench.console)
    with bench.browser(headed=headed) as browser, bench.hect(browser, listener) as site:
        walk_to_list(site, runbook, timeout)
        with translated("start the order poll"):
            entry = platform(platform_key)
            reader = ChannelReader(site.page, entry, timeout, click=site.click, note=site.say)
            record = reader.find(channel)
            message = OrderPoller(site, timeout, listener.say).start(record, since)
    bench.history().polled(platform_key, record.name, since.isoformat(), message)
    return message


def explain(
    bench: Workbench, name: str, inputs: dict[str, str], *, headed: bool
) -> tuple[bool, list[str], list[str]]:
    """Walk runbook ``name`` as a run would, without changing HECT; what was seen."""
    runbook = load_runbook(name, bench.settings.runbooks_dir)
    listener = ConsoleListener(bench.console)
    with (
        bench.browser(headed=headed) as browser,
        bench.hect(browser, listener) as site,
        translated(f"explain {runbook.id}"),
    ):
        return walk(site, runbook, inputs, bench.settings.timeout)


def history(
    bench: Workbench, channel: str | None, *, limit: int
) -> tuple[list[RunRow], list[Observation]]:
    """The runs and observations the local history remembers for this account, newest first."""
    memory = bench.history()
    return memory.runs(channel, limit), memory.observations(channel, limit)


def publish(
    bench: Workbench,
    report: Survey,
    *,
    notify_urls: Sequence[str],
    junit_file: Path | None,
    html_file: Path | None = None,
    thresholds: Thresholds | None = None,
) -> None:
    """Tell others what a status reading found: notices on change, a JUnit file, and under
    GitHub Actions the job summary. A notice not delivered is a warning, never a failure."""
    account = bench.account()
    if notify_urls:
        history = bench.history()
        sent, problems = notify.send(notify_urls, report.health, history, account)
        for problem in problems + history.problems:
            bench.console.print(f"Warning: {problem}", style="yellow", markup=False)
        if sent:
            bench.console.print(f"Sent {sent} notice(s) of changed channels.")
    if junit_file is not None:
        text = reports.junit(report.health, report.unreadable, account)
        reports.write(junit_file, text, what="the JUnit file")
    if html_file is not None:
        bands = thresholds or Thresholds()
        page = reports.html(
            report.health,
            report.unreadable,
            account,
            warn_days=bands.warn_days,
            critical_days=bands.critical_days,
            now=datetime.now(),
        )
        reports.write(html_file, page, what="the HTML report")
    if bench.settings.github_step_summary is not None:  # GitHub's file: a problem there warns
        text = reports.markdown(report.health, report.unreadable, account)
        try:
            reports.write(bench.settings.github_step_summary, text, append=True, what="it")
        except BadInput as exc:
            bench.console.print(f"Warning: the job summary: {exc}", style="yellow", markup=False)


def show_trace(bench: Workbench, given: Path, *, open_window: bool) -> None:
    """Serve a run's trace in Playwright's viewer, and open it in our Chromium (if there is a
    display); until the window is closed or Ctrl-C."""
    trace = trace_file(given)
    with serve(trace) as url:
        if open_window and display_available(bench.settings):
            with bench.browser(headed=True) as browser:
                page = browser.new_page(no_viewport=True)
                page.goto(url)
                bench.console.print(f"Trace of {given} open; close its window to stop.")
                page.wait_for_event("close", timeout=0)  # a person reads it, as long as needed
                return
        render.stdout().print(f"Trace viewer: {url}", markup=False)
        bench.console.print("Open that address in a browser; Ctrl-C stops the viewer.")
        sys.stdout.flush()
        threading.Event().wait()
