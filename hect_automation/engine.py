"""Run a runbook's steps against HECT, one at a time, recording each and reporting as it goes.

``run_runbook`` is the one entry. It makes the HECT context (traced by policy), performs each
step through its ``Action``, each taking what the step before returned, and writes
``run.json``, the audit line and the history however the run ends. Playwright's errors are
translated at one boundary (``boundary.labelled``).

The truth on every ending: once the private window has opened, HECT may have changed. Any
failure, Ctrl-C or signal from then on is followed by a short, bounded read of HECT's channel
list, judged exactly as verification judges it; the ending then says what HECT shows: the
channel reconnected and verified (only the order poll did not run: exit 12, with the command
that runs it), reconnected but not fully checked (11), linked to the wrong seller (7), or
unchanged ("HECT was read again: nothing changed"). Nothing is said that was not checked.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext
from playwright.sync_api import Error as PlaywrightError

from hect_automation.actions import ACTIONS
from hect_automation.actions.base import (
    Linked,
    Listener,
    Memory,
    Opened,
    RunContext,
    RunOptions,
    StopRun,
    Verified,
)
from hect_automation.actions.navigate import channel_list_afresh, walk_to_list
from hect_automation.actions.prepare import Prepared
from hect_automation.actions.verify import (
    Judgement,
    judge,
    verification_of,
    wrong_account_advice,
)
from hect_automation.boundary import interruption, labelled, translated
from hect_automation.browser import new_hect_context
from hect_automation.config import Settings
from hect_automation.errors import (
    BrowserLost,
    HectError,
    Interrupted,
    OrderPollNotRun,
    PageMismatch,
    ReconnectedNotVerified,
    VerificationFailed,
    first_line,
)
from hect_automation.hect.capture import same_site
from hect_automation.hect.channels import ChannelList
from hect_automation.hect.explain import explain_failure
from hect_automation.hect.session import Credentials, HectSite, RetryPolicy
from hect_automation.operator import Operator
from hect_automation.report import HectState, Outcome, Reporter, RunRecord, StepRecord, utcnow
from hect_automation.runbook import AwaitOperator, OrderPoll, Runbook, Step
from hect_automation.tracing import TraceRecorder


class NoMemory:
    """The history when there is none: nothing remembered, nothing refused."""

    def expected_seller(self, platform: str, channel: str) -> str | None:
        return None

    def last_outcome(self, platform: str, channel: str) -> tuple[int, str] | None:
        return None

    def record_run(self, record: RunRecord) -> list[str]:
        return []


def _with_inputs(text: str, inputs: dict[str, str]) -> str:
    for name, value in inputs.items():
        text = text.replace("{" + name + "}", value)
    return text


@dataclass
class HectSession:
    """HECT's session cookies, carried in memory from one run of a batch to the next (and
    from the survey that chose the channels), so each run after the first goes straight in
    instead of signing in again. Never written anywhere; HECT asks again when it ends."""

    login: str | None = None
    cookies: list[dict[str, Any]] = field(default_factory=list)


def run_runbook(
    runbook: Runbook,
    inputs: dict[str, str],
    settings: Settings,
    *,
    browser: Browser,
    operator: Operator,
    listener: Listener,
    credentials: Callable[[], Credentials],
    options: RunOptions | None = None,
    memory: Memory | None = None,
    account: str | None = None,
    relaunch: Callable[[], Browser] | None = None,
    session: HectSession | None = None,
    prepared: Prepared | None = None,
    handing_over: Callable[[], None] | None = None,
) -> RunRecord:
    """Carry out ``runbook`` for ``inputs``; the record, or the HectError that ended it
    (with ``.record`` set). Either way the run folder holds its record and evidence. With
    ``session``, HECT's session is taken from it and left in it for the next run; with
    ``prepared``, the first steps were done beforehand (``actions.prepare``), and
    ``handing_over`` is called once the person has been handed the sign-in."""
    runner = Runner(
        runbook,
        inputs,
        settings,
        browser=browser,
        operator=operator,
        listener=listener,
        credentials=credentials,
        options=options or RunOptions(),
        memory=memory or NoMemory(),
        account=account,
        relaunch=relaunch,
        session=session,
        prepared=prepared,
    )
    if handing_over is not None:
        runner.ctx.handing_over = handing_over
    return runner.run()


class Runner:
    """One run of a runbook: its record, its HECT context, its steps, and how it ended."""

    def __init__(
        self,
        runbook: Runbook,
        inputs: dict[str, str],
        settings: Settings,
        *,
        browser: Browser,
        operator: Operator,
        listener: Listener,
        credentials: Callable[[], Credentials],
        options: RunOptions,
        memory: Memory,
        account: str | None,
        relaunch: Callable[[], Browser] | None = None,
        session: HectSession | None = None,
        prepared: Prepared | None = None,
    ) -> None:
        self.record = _new_record(runbook, inputs, settings, operator, account)
        self.session = session
        self.relaunch = relaunch
        self.replaced = False  # the browser died and was started again: leave the old alone
        self.reporter = Reporter(settings.artifacts_dir, record=self.record)
        self.credentials = credentials
        if prepared is not None:
            context = prepared.site.context
            self.record.hect_login = prepared.login
        else:
            context = new_hect_context(browser, timeout=settings.timeout)
            if session is not None and session.cookies:
                context.add_cookies(session.cookies)  # type: ignore[arg-type]
                self.record.hect_login = session.login
        self.tracer = TraceRecorder(context, settings.trace, hect_host=_host(settings.base_url))
        notes: list[str] = []
        site = self._site(browser, context, settings, listener, notes, prepared=prepared)
        self.ctx = RunContext(
            runbook=runbook,
            inputs=inputs,
            settings=settings,
            options=options,
            browser=browser,
            site=site,
            operator=operator,
            listener=listener,
            record=self.record,
            run_dir=self.reporter.run_dir,
            memory=memory,
            tracer=self.tracer,
            navigate_to_list=self._navigate_to_list,
            notes=notes,
            prepared=prepared,
        )
        self.opened: Opened | None = None
        self.linked: Linked | None = None
        self.verified: Verified | None = None
        self.failed_step: Step | None = None

    def _site(
        self,
        browser: Browser,
        context: BrowserContext,
        settings: Settings,
        listener: Listener,
        notes: list[str],
        *,
        prepared: Prepared | None,
    ) -> HectSite:
        """HECT as this run sees it: its notes (sign-ins, moves) kept and shown, and tracing
        started only once HECT's sign-in is behind it."""

        def say(text: str) -> None:
            notes.append(text)
            listener.say(text)

        if prepared is not None:
            prepared.site.adopt(say=say, on_ready=self.tracer.start)
            return prepared.site

        return HectSite(
            browser,
            context,
            settings.base_url,
            self._credentials,
            timeout=settings.timeout,
            retry=RetryPolicy(first_delay=settings.retry_delay),
            say=say,
            on_ready=self.tracer.start,
        )

    def _credentials(self) -> Credentials:
        creds = self.credentials()
        self.record.hect_login = creds.email
        return creds

    # -- the run ---------------------------------------------------------------------------
    def run(self) -> RunRecord:
        failure: HectError | None = None
        try:
            self.record.outcome, self.record.message = self._steps()
            self.record.exit_code = 0
        except (HectError, KeyboardInterrupt) as exc:
            failure = self._ending(exc)
        except BaseException as exc:  # a bug: leave the evidence, then let it surface
            self.record.exit_code = 1
            self.record.message = f"internal error: {type(exc).__name__}: {first_line(exc)}"
            self._screenshots()
            raise
        finally:
            self._wrap_up()
        if failure is not None:
            failure.trace = Path(self.record.trace) if self.record.trace else None
            failure.screenshot = (
                Path(self.record.screenshots[0]) if self.record.screenshots else None
            )
            failure.explain = Path(self.record.explain) if self.record.explain else None
            failure.record = self.record
            raise failure
        return self.record

    def _steps(self) -> tuple[Outcome, str]:
        """Every step in order, each given what the one before returned; how it ended."""
        given: object = None
        steps = zip(self.ctx.runbook.steps, self.record.steps, strict=True)
        try:
            for index, (step, step_record) in enumerate(steps, 1):
                given = self._perform(index, step, step_record, given)
                if isinstance(given, Opened):
                    self.opened = given
                elif isinstance(given, Linked):
                    self.linked = given
                elif isinstance(given, Verified):
                    self.verified = given
        except StopRun as stop:
            return stop.outcome, stop.message
        assert self.verified is not None  # the runbook's shape ends with verify (and a poll)
        name = self.verified.result.name
        if self.record.order_poll is None and self.ctx.options.order_poll:
            polled = next(
                (s.detail for s in self.record.steps if s.action.startswith("run HECT")), ""
            )
            return "verified", f"'{name}' reconnected and verified; no order poll: {polled}"
        return "verified", f"'{name}' reconnected and verified"

    def _perform(self, index: int, step: Step, record: StepRecord, given: object) -> object:
        ctx = self.ctx
        action = ACTIONS[step.do]
        what = _with_inputs(action.describe(step), ctx.inputs)
        ctx.listener.step_started(index, len(ctx.runbook.steps), step.say, what)
        record.started_at = utcnow()
        started = time.perf_counter()
        first_note = len(ctx.notes)
        try:
            with labelled(
                ctx.runbook.id,
                index,
                what,
                page=ctx.site.page,
                hand_off=isinstance(step, AwaitOperator),
            ):
                result, record.detail = action.perform(step, ctx, given)
            record.status = "ok"
            return result
        except StopRun as stop:
            record.status, record.detail = "ok", stop.message
            raise
        except (HectError, KeyboardInterrupt) as exc:
            self.failed_step = step
            record.status = "failed"
            record.detail = exc.message if isinstance(exc, HectError) else interruption(exc)
            raise
        finally:
            record.duration_ms = round((time.perf_counter() - started) * 1000, 1)
            record.moves = ctx.notes[first_note:]
            ctx.listener.step_finished(
                index, record.status, record.detail or "", record.duration_ms / 1000
            )

    def _navigate_to_list(self) -> None:
        """Walk the runbook's navigation steps again (its list's address did not do)."""
        walk_to_list(self.ctx.site, self.ctx.runbook, self.ctx.settings.timeout)

    # -- how it ended ----------------------------------------------------------------------
    def _ending(self, exc: HectError | KeyboardInterrupt) -> HectError | None:
        """The error that ends the run, saying truly what HECT shows; None when the closing
        read found the job done and verified after all."""
        if isinstance(exc, KeyboardInterrupt):
            exc = Interrupted(interruption(exc))
        exc.runbook = self.ctx.runbook.id
        exc.channel = exc.channel or self.ctx.channel_name
        self._screenshots()
        if isinstance(exc, PageMismatch) or isinstance(exc.__cause__, PageMismatch):
            self._explain(exc)
        if self.verified is not None:  # only the order poll was left to do
            final: HectError | None = self._poll_not_run(exc.message)
        elif self.opened is not None or self.ctx.hect_may_change:
            final = self._truth(exc)
        else:
            exc.message += (
                "; this run changed nothing in HECT (it stopped before using the connect control)"
            )
            final = exc
        if final is None:
            self.record.outcome, self.record.exit_code = "verified", 0
            return None
        self.record.exit_code = final.exit_code
        self.record.message = str(final)
        if isinstance(final, OrderPollNotRun):
            self.record.outcome = "reconnected-no-order-poll"
        elif isinstance(final, ReconnectedNotVerified):
            self.record.outcome = "reconnected-not-verified"
        return final

    def _poll_not_run(self, reason: str) -> OrderPollNotRun:
        assert self.verified is not None
        name = self.verified.result.name
        since = self.record.notes.get("order_poll_from") or self.verified.opened.target.expiry
        command = (
            f'hect-runbook order-poll {self.ctx.platform.key} --channel "{name}" '
            f'--from "{_display(since)}"'
        )
        return OrderPollNotRun(
            f"'{name}' was reconnected and verified, but the order poll did not run ({reason})."
            f" Run it: `{command}`",
            channel=name,
        )

    def _poll_wanted(self) -> bool:
        has_step = any(isinstance(s, OrderPoll) for s in self.ctx.runbook.steps)
        return has_step and self.ctx.options.order_poll

    def _truth(self, exc: HectError) -> HectError | None:  # noqa: PLR0911 - one per ending
        """Read HECT again and make the ending say what it shows."""
        opened = self.opened
        status_cmd = f"hect-runbook status --platform {self.ctx.platform.key}"
        if opened is None:  # stopped while the private window was being opened
            exc.message += f"; HECT may have changed: check it with `{status_cmd}`"
            return exc
        name = opened.target.name
        after, why = self._closing_read(opened)
        if after is None:
            return self._unread(exc, name, why, status_cmd)
        j = judge(opened.before, after, opened.target, opened.expected_seller)
        now = j.result
        shows = f"HECT was read again: {self._record_state(j, opened)}"
        if j.nothing_changed(opened.target):
            exc.message += f"; {shows}: nothing changed"
            return exc
        if j.reconnected and not j.problems:
            self.verified = Verified(opened, now, self.record.verification)  # type: ignore[arg-type]
            if self._poll_wanted():
                return self._poll_not_run(f"{exc.message}; {shows}: reconnected and verified")
            self.record.message = f"'{name}' reconnected and verified ({exc.message}; {shows})"
            return None
        if j.wrong_seller or now is None or (now.expired is False and j.problems):
            message = f"{exc.message}. {shows}: {'; '.join(j.problems)}"
            if j.wrong_seller:
                message += ". " + wrong_account_advice(
                    self.ctx.platform.key, name, j.wrong_seller, opened.expected_seller
                )
            return VerificationFailed(message, channel=name)
        return ReconnectedNotVerified(
            f"{exc.message}. {shows}, which the run could not fully check: "
            f"{'; '.join(j.problems) or 'its state is unclear'}",
            channel=name,
        )

    def _unread(self, exc: HectError, name: str, why: str, status_cmd: str) -> HectError:
        """The ending when HECT could not be read again: what is known, and how to check."""
        self.record.hect_state = HectState(read=False, summary=why)
        if self.linked is not None and self.linked.success_seen:
            return ReconnectedNotVerified(
                f"{exc.message}. HECT showed its success image for '{name}', but its channel"
                f" list could not be read to verify it ({why}): check it with `{status_cmd}`",
                channel=name,
            )
        exc.message += (
            f"; HECT could not be read again to see whether '{name}' changed ({why}): "
            f"check it with `{status_cmd}`"
        )
        return exc

    def _record_state(self, j: Judgement, opened: Opened) -> str:
        """Keep what the closing read found in the record; its summary in words."""
        now, zone = j.result, self.ctx.settings.zone
        self.record.verification = verification_of(j, opened.target, opened.expected_seller, zone)
        summary = f"'{opened.target.name}' shows {now.summary()}" if now else "; ".join(j.problems)
        self.record.hect_state = HectState(
            read=True,
            channel=now.to_json(zone) if now else None,
            reconnected=j.reconnected,
            summary=summary,
        )
        return summary

    def _closing_read(self, opened: Opened) -> tuple[ChannelList | None, str]:
        """HECT's list now, read quickly; or None and why it could not be read."""
        timeout = min(self.ctx.settings.timeout, 10.0)
        try:
            with translated("read HECT again"):
                for window in self.ctx.windows:
                    window.close()
                return self.ctx.reopen_list(opened.list_url, timeout).read_all(), ""
        except Interrupted:
            return None, "interrupted again while reading it"
        except BrowserLost as exc:
            if self.relaunch is None:
                return None, exc.message
            lost = exc.message
        except HectError as exc:
            return None, exc.message
        return self._read_afresh(lost, timeout)

    def _read_afresh(self, lost: str, timeout: float) -> tuple[ChannelList | None, str]:
        """The closing read in a browser started again (the old one, or its driver, died)."""
        assert self.relaunch is not None
        self.ctx.say(f"The browser went away ({lost}); starting it again to read HECT")
        self.replaced = True
        try:
            with translated("read HECT again in a new browser"):
                browser = self.relaunch()
                listed = channel_list_afresh(
                    browser,
                    self.ctx.runbook,
                    self.ctx.settings,
                    self._credentials,
                    timeout=timeout,
                    say=self.ctx.say,
                )
                return listed, ""
        except Interrupted:
            return None, "interrupted again while reading it"
        except HectError as exc:
            return None, f"{lost}; in a new browser: {exc.message}"

    # -- evidence and records ----------------------------------------------------------------
    def _screenshots(self) -> None:
        """Photograph HECT as the failure left it (and a private window showing HECT)."""
        pages = [("failure.png", self.ctx.site.page)]
        host = self.ctx.site.host
        for window in self.ctx.windows:
            with suppress(PlaywrightError):
                for page in window.context.pages:
                    if same_site(host, urlsplit(page.url).hostname or ""):
                        pages.append(("failure-window.png", page))
        for name, page in pages:
            if not page.is_closed():
                self.ctx.photograph(page, name)

    def _explain(self, exc: HectError) -> None:
        path = self.reporter.path("explain.txt")
        try:
            text = explain_failure(self.ctx, self.failed_step, exc)
            path.write_text(text, encoding="utf-8")
        except (PlaywrightError, OSError) as problem:
            self.ctx.listener.say(f"Could not write explain.txt: {first_line(problem)}")
            return
        self.record.explain = str(path)

    def _wrap_up(self) -> None:
        """Close the windows, keep or drop the trace, write run.json, the audit line and the
        history: even when the browser has gone away underneath."""
        if not self.replaced:  # a dead driver's objects are not touched again
            for window in self.ctx.windows:
                window.close()
            trace = self.tracer.finish(
                self.reporter.path("trace.zip"), failed=self.record.exit_code != 0
            )
            with suppress(PlaywrightError):
                if self.session is not None:
                    self.session.cookies = self.ctx.site.cookies()
                    self.session.login = self.record.hect_login
                self.ctx.site.context.close()
        else:
            trace = self.tracer.salvage(
                self.reporter.path("trace.zip"), failed=self.record.exit_code != 0
            )
        self.record.trace = str(trace) if trace else None
        for problem in self.reporter.finish():
            self.ctx.listener.say(f"Warning: {problem}")
        for problem in self.ctx.memory.record_run(self.record):
            self.ctx.listener.say(f"Warning: {problem}")


def _display(when: object) -> str:
    if isinstance(when, str):
        when = datetime.fromisoformat(when)
    return f"{when:%d/%m/%Y %H:%M}" if isinstance(when, datetime) else "DD/MM/YYYY HH:MM"


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _new_record(
    runbook: Runbook,
    inputs: dict[str, str],
    settings: Settings,
    operator: Operator,
    account: str | None,
) -> RunRecord:
    record = RunRecord(
        runbook=runbook.id,
        title=runbook.title,
        platform=runbook.platform,
        channel=inputs.get("channel"),
        account=account,
        base_url=settings.base_url,
        operator=operator.kind,
    )
    record.steps = [
        StepRecord(
            index=i,
            say=" ".join(step.say.split()),
            action=_with_inputs(ACTIONS[step.do].describe(step), inputs),
        )
        for i, step in enumerate(runbook.steps, start=1)
    ]
    return record
