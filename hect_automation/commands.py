"""What each command does, given a ``Workbench``: the glue between the command line and the
engine, one function per command, each returning what the command line renders."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

from playwright.sync_api import Browser

from hect_automation import notify, render, reports
from hect_automation.actions.base import Listener, RunOptions
from hect_automation.actions.navigate import Bookmarks, channel_list, walk_to_list
from hect_automation.actions.prepare import Preparation, Prepared
from hect_automation.boundary import interruption, translated
from hect_automation.engine import HectSession, run_runbook
from hect_automation.errors import (
    BadInput,
    BrowserLost,
    HectError,
    HectUnavailable,
    Interrupted,
    NeedsReconnect,
    PageMismatch,
    first_line,
)
from hect_automation.health import Health, Thresholds, assess
from hect_automation.hect.channels import ChannelList
from hect_automation.hect.explain import walk
from hect_automation.hect.orders import OrderPoller
from hect_automation.hect.reader import ChannelReader
from hect_automation.history import Observation, RunRow
from hect_automation.meanwhile import Meanwhile
from hect_automation.operator import Operator
from hect_automation.platforms import known, platform
from hect_automation.provision import display_available
from hect_automation.remote import Halt, LinkBook, WatchOperator
from hect_automation.render import ConsoleListener, Progress
from hect_automation.report import RunRecord
from hect_automation.runbook import load_runbook, runbook_for
from hect_automation.trace_viewer import serve, trace_file
from hect_automation.workbench import Workbench


@dataclass
class Batch:
    """The runs of one ``reconnect``: a record or the error that ended it, per channel."""

    records: list[RunRecord] = field(default_factory=list)
    failures: list[tuple[str, HectError]] = field(default_factory=list)  # channel, error
    not_started: list[str] = field(default_factory=list)  # channels a stopped batch left alone
    stopped: bool = False  # Ctrl-C or a signal came between two channels

    @property
    def exit_code(self) -> int:
        """The first failure's code; else a run's own (11, 12), else 0; stopped between two
        channels, as a run stopped so would end (5)."""
        if self.failures:
            return self.failures[0][1].exit_code
        if self.stopped:
            return Interrupted.exit_code
        return max((r.exit_code for r in self.records), default=0)


Due = tuple[str, str]  # a channel to reconnect: its platform's key and its name


def reconnect(
    bench: Workbench,
    platform_key: str | None,
    channels: list[str] | None,
    *,
    operator_kind: str,
    headed: bool,
    options: RunOptions,
) -> Batch:
    """Reconnect the named channels of ``platform_key`` (None: every one that is due, of
    that platform or of every one), one after another, or with ``--operator watch`` all
    at once; a failure on one never stops the others."""
    listener = ConsoleListener(bench.console)
    session = HectSession()  # one sign-in for the whole batch, kept in memory only
    with bench.browser(headed=headed) as browser:
        if channels is not None:
            assert platform_key is not None, "a channel is named with its platform"
            due = [(platform_key, name) for name in channels]
        else:
            keys = [platform_key] if platform_key else known()
            due = _due(bench, browser, keys, options, session)
        if operator_kind == "watch" and channels is None and len(due) > 1:
            return _all_at_once(bench, due, headed=headed, options=options)
        with (
            closing(bench.operator(operator_kind, listener)) as operator,
            _Lineup(
                bench,
                due,
                browser,
                operator=operator,
                listener=listener,
                options=options,
                session=session,
                named=channels is not None,
                ahead=not headed,
            ) as lineup,
        ):
            return lineup.run()


class _Lineup:
    """The channels of ``reconnect`` one after another, the progress table before each (a
    batch); a channel named on the command line that fails ends the command with its error.
    Once the person has been handed channel N's sign-in, channel N+1's first steps are done
    meanwhile (``actions.prepare``), so that its hand-off follows N's at once. Not in a
    browser on the person's screen (``ahead`` False): a window opening there would take the
    keyboard from their sign-in. Leaving it drops a preparation not taken up."""

    def __init__(
        self,
        bench: Workbench,
        due: list[Due],
        browser: Browser,
        *,
        operator: Operator,
        listener: Listener,
        options: RunOptions,
        session: HectSession,
        named: bool,
        ahead: bool,
    ) -> None:
        self.bench, self.due, self.browser = bench, due, browser
        self.prepares = ahead and not named
        self.operator, self.listener, self.options, self.session = (
            operator,
            listener,
            options,
            session,
        )
        self.progress = None if named else Progress(bench.console, due)
        self.batch = Batch()
        self.ahead: _Ahead | None = None

    def __enter__(self) -> _Lineup:
        return self

    def __exit__(self, *exc: object) -> None:
        self.drop_ahead()

    def run(self) -> Batch:
        for number, channel in enumerate(self.due, start=1):
            try:
                record = self._one(number, channel)
                self.batch.records.append(record)
                if self.progress is not None:
                    self.progress.ended(channel, record.exit_code, record.outcome)
            except HectError as exc:
                if not self._failed(number, channel, exc):
                    break
            except KeyboardInterrupt as why:  # between two runs: the batch stops here
                if self.progress is None:
                    raise
                self._between(why)
                break
        return self.batch

    def _one(self, number: int, channel: Due) -> RunRecord:
        """Channel ``number``: its title, what was prepared for it, and its run."""
        if self.progress is not None:
            self.progress.show(f"Channel {number} of {len(self.due)}: '{channel[1]}'", channel)
        prepared = self._take_ahead()  # always the channel after the last run's
        following = self.due[number] if number < len(self.due) else None
        return _run_one(
            self.bench,
            channel,
            self.bench.current_browser(self.browser),
            operator=self.operator,
            listener=self.listener,
            options=self.options,
            session=self.session,
            prepared=prepared,
            handing_over=partial(self._prepare, following),
        )

    def _between(self, why: KeyboardInterrupt) -> None:
        """Ctrl-C or a signal outside any run (the next one's preparation awaited, say): the
        channels with no ending yet are not started."""
        assert self.progress is not None
        rest = self.due[len(self.batch.records) + len(self.batch.failures) :]
        self.bench.console.print(f"Stopped between two channels ({interruption(why)})")
        self.batch.stopped = True
        self.drop_ahead()
        _stop(self.bench, self.progress, self.batch, rest)

    def _failed(self, number: int, channel: Due, exc: HectError) -> bool:
        """Note a channel's failure; whether the batch goes on."""
        if self.progress is None:
            raise exc
        self.batch.failures.append((channel[1], exc))
        self.bench.console.print(f"'{channel[1]}': {exc}", style="red", markup=False)
        self.progress.ended(channel, exc.exit_code, "failed")
        if isinstance(exc, Interrupted):  # Ctrl-C or a signal stops the batch, not a channel
            self.drop_ahead()
            _stop(self.bench, self.progress, self.batch, self.due[number:])
            return False
        return True

    def _prepare(self, channel: Due | None) -> None:
        """The person has channel N's sign-in: start on the next (a batch only)."""
        browser = self.bench.current_browser(self.browser)
        if channel is None or not self.prepares or self.ahead is not None:
            return
        if Meanwhile.possible(browser):
            self.ahead = _Ahead(self.bench, browser, channel, self.options, self.session)

    def _take_ahead(self) -> Prepared | None:
        ahead, self.ahead = self.ahead, None
        if ahead is None:
            return None
        if ahead.browser is not self.bench.current_browser(self.browser):
            # the browser was started again meanwhile: what was prepared went with the old
            ahead.drop()
            return None
        return ahead.take(self.listener)

    def drop_ahead(self) -> None:
        ahead, self.ahead = self.ahead, None
        if ahead is not None:
            ahead.drop()


class _Ahead:
    """The next channel's first steps, under way alongside the hand-off in hand."""

    def __init__(
        self,
        bench: Workbench,
        browser: Browser,
        channel: Due,
        options: RunOptions,
        session: HectSession,
    ) -> None:
        key, name = channel
        self.channel, self.browser = channel, browser
        self.preparation = Preparation(
            browser,
            bench.settings,
            runbook_for(key, bench.settings.runbooks_dir),
            name,
            options,
            list(session.cookies),
            session.login,
            bench.credentials,
        )
        self.meanwhile = Meanwhile(browser, self.preparation)

    def take(self, listener: Listener) -> Prepared | None:
        """What was prepared (waiting for the rest of it); None when it went wrong, and
        the run does it all itself."""
        try:
            return self.meanwhile.wait()
        except Exception as exc:  # whatever it was, the run does it all itself
            why = exc.message if isinstance(exc, HectError) else first_line(exc)
            listener.say(f"'{self.channel[1]}' could not be prepared beforehand ({why})")
            self.preparation.stop()
            return None

    def drop(self) -> None:
        """Never to be used: the preparation ends where it is (its tab closed under it)."""
        self.meanwhile.give_up()
        self.preparation.stop()


def _stop(bench: Workbench, progress: Progress, batch: Batch, rest: list[Due]) -> None:
    """Ctrl-C (or SIGTERM, SIGHUP) during a batch: the channel in hand has ended as one run
    alone would; the ones after it are not started, and are said to be."""
    for channel in rest:
        batch.not_started.append(channel[1])
        progress.set(channel, "not started")
    if rest:
        names = ", ".join(f"'{name}'" for _, name in rest)
        bench.console.print(
            f"The batch was stopped; not started: {names} (nothing was done to them)",
            markup=False,
        )


def _run_one(
    bench: Workbench,
    channel: Due,
    browser: Browser,
    *,
    operator: Operator,
    listener: Listener,
    options: RunOptions,
    relaunch: Callable[[], Browser] | None = None,
    session: HectSession | None = None,
    prepared: Prepared | None = None,
    handing_over: Callable[[], None] | None = None,
) -> RunRecord:
    key, name = channel
    return run_runbook(
        runbook_for(key, bench.settings.runbooks_dir),
        {"channel": name},
        bench.settings,
        browser=browser,
        relaunch=relaunch or bench.relaunch,
        operator=operator,
        listener=listener,
        credentials=bench.credentials,
        options=options,
        memory=bench.history(),
        account=bench.account(),
        session=session,
        prepared=prepared,
        handing_over=handing_over,
    )


def _all_at_once(bench: Workbench, due: list[Due], *, headed: bool, options: RunOptions) -> Batch:
    """``--all-expired --operator watch``: every channel's run at once, each in a thread of
    its own with its own browser connection, so every link is handed over together and
    HECT is watched for all of them; a live table shows where each run is. Ctrl-C (or a
    signal) ends each run as it would end one alone: HECT read again, the truth told."""
    link_file = bench.remote.get("link_file")
    watched = _Watched(
        bench,
        headed=headed,
        options=options,
        halt=Halt(),
        book=LinkBook(link_file) if link_file is not None else None,
        progress=Progress(bench.console, due, live=True),
    )
    bench.console.print(
        f"Every link at once: {len(due)} channels. HECT is watched for each until it shows"
        " connected; the table below says where each one is.",
        markup=False,
    )
    batch = Batch()
    with watched.progress, ThreadPoolExecutor(max_workers=len(due)) as pool:
        runs = {pool.submit(watched.run, key, name): (key, name) for key, name in due}
        try:
            wait(runs)
        except KeyboardInterrupt as why:
            watched.halt.set(why)  # each run ends at its next wait, and tells HECT's truth
            wait(runs)
        for future, (_, name) in runs.items():
            try:
                batch.records.append(future.result())
            except HectError as exc:
                batch.failures.append((name, exc))
    return batch


@dataclass(frozen=True)
class _Watched:
    """One channel's run of an all-at-once batch: its own browser connection and watching
    operator, its row of the live table kept up to date."""

    bench: Workbench
    headed: bool
    options: RunOptions
    halt: Halt
    book: LinkBook | None
    progress: Progress

    def run(self, key: str, name: str) -> RunRecord:
        operator = WatchOperator(
            self.bench.console,
            interactive=False,  # one terminal, many channels: fresh links come on schedule
            refresh_every=self.bench.remote.get("refresh_every"),
            halt=self.halt,
            book=self.book,
        )
        with self.bench.own_browser(headed=self.headed) as session:
            try:
                record = _run_one(
                    self.bench,
                    (key, name),
                    session.browser,
                    operator=operator,
                    listener=self.progress.listener((key, name)),
                    options=self.options,
                    relaunch=session.relaunch,
                )
            except HectError as exc:
                self.progress.ended((key, name), exc.exit_code, "failed")
                raise
            self.progress.ended((key, name), record.exit_code, record.outcome)
            return record


def _due(
    bench: Workbench, browser: Browser, keys: list[str], options: RunOptions, session: HectSession
) -> list[Due]:
    """The channels of these platforms that status would call due (HECT's session is left
    in ``session`` for the runs)."""
    thresholds = Thresholds(warn_days=options.warn_days)
    report = survey(bench, browser, keys, thresholds, strict=True, session=session)
    due = [
        (h.platform, h.record.name)
        for h in report.health
        if h.fix.startswith("hect-runbook reconnect")
    ]
    labels = " and ".join(platform(key).label for key in keys)
    names = ", ".join(f"'{name}'" for _, name in due) or "none"
    bench.console.print(f"{labels} channels to reconnect: {names}", markup=False)
    return due


@dataclass
class Survey:
    """What ``status`` found: each channel's health, and the platforms it could not read."""

    health: list[Health] = field(default_factory=list)
    unreadable: dict[str, str] = field(default_factory=dict)  # platform -> why
    unanswered: bool = False  # a platform was not read because HECT did not answer

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
    bench: Workbench,
    platforms: list[str],
    *,
    headed: bool,
    thresholds: Thresholds,
    bookmarks: Bookmarks | None = None,
) -> Survey:
    """Every channel of ``platforms`` and its health; an unreadable platform is reported, and
    the others are still read. HECT unreadable altogether is an error."""
    with bench.browser(headed=headed) as browser:
        report = survey(bench, browser, platforms, thresholds, bookmarks=bookmarks)
    if report.unreadable and not report.health:
        reason = "; ".join(f"{p}: {why}" for p, why in report.unreadable.items())
        said = f"no channel list of HECT could be read ({reason})"
        # the pages did not match (the site's UI may have changed), or HECT did not answer
        raise HectUnavailable(said) if report.unanswered else PageMismatch(said)
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
    session: HectSession | None = None,
    bookmarks: Bookmarks | None = None,
) -> Survey:
    listener = ConsoleListener(bench.console)
    report = Survey()
    with bench.hect(browser, listener) as site:
        for key in platforms:
            try:
                runbook = runbook_for(key, bench.settings.runbooks_dir)
                listed = channel_list(site, runbook, bench.settings.timeout, bookmarks)
            except (PageMismatch, HectUnavailable) as exc:  # this platform's list, not HECT
                if strict or isinstance(exc, BrowserLost):
                    raise
                report.unanswered |= not isinstance(exc, PageMismatch)
                report.unreadable[key] = exc.message
                listener.say(f"The {platform(key).label} channels could not be read: {exc.message}")
                continue
            report.health += _assess(bench, listed, thresholds)
        if session is not None:
            session.cookies = site.cookies()
            session.login = bench.credentials().email
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
            reader = ChannelReader(
                site.page, entry, timeout, click=site.click, note=site.say, way=site.way
            )
            record = reader.find(channel)
            started = OrderPoller(site, timeout, listener.say).start(record, since)
    bench.history().polled(platform_key, record.name, started.since.isoformat(), started.message)
    return started.message


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
            bench.warn(problem)
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
            bench.warn(f"the job summary: {exc}")


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
