"""Run a runbook's steps against HECT, one at a time, recording each and reporting as it goes.

``run_runbook`` is the one entry: it makes the traced HECT context, performs each step
through its ``Action``, translates anything Playwright raises into the error tree (this is
the one place that happens), takes the failure screenshot, keeps or drops the trace by
policy, and writes ``run.json`` and the audit line however the run ends.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from hect_automation.actions import ACTIONS
from hect_automation.actions.base import Listener, Run, RunOptions, StopRun
from hect_automation.actions.navigate import navigate
from hect_automation.browser import TraceRecorder, new_hect_context
from hect_automation.config import Settings
from hect_automation.errors import HectError, OperatorDidNotFinish, PageMismatch, first_line
from hect_automation.hect.channels import ChannelList, read_channel_list
from hect_automation.hect.session import Credentials, HectSite, same_site
from hect_automation.operator import Operator
from hect_automation.report import Outcome, Reporter, RunRecord, StepRecord, utcnow
from hect_automation.runbook import Click, OpenHect, Runbook, Step


def translate(exc: PlaywrightError, what: str) -> HectError:
    """A Playwright error, said in terms of the step that met it."""
    first = first_line(exc)
    if "has been closed" in first:
        return OperatorDidNotFinish(f"the browser window was closed ({what})")
    if isinstance(exc, PlaywrightTimeout):
        return PageMismatch(f"{what}: timed out ({first})")
    return PageMismatch(f"{what}: {first}")


@contextmanager
def translated(what: str) -> Iterator[None]:
    """Say any Playwright error raised within in terms of ``what`` was being done."""
    try:
        yield
    except PlaywrightError as exc:
        raise translate(exc, what) from exc
    except KeyboardInterrupt:
        raise OperatorDidNotFinish(f"aborted with Ctrl-C ({what}); the run stopped here") from None


@contextmanager
def labelled(runbook: str, index: int, what: str) -> Iterator[None]:
    """Name the runbook and step on any error raised within, translated."""
    try:
        with translated(what):
            yield
    except HectError as exc:
        exc.runbook = exc.runbook or runbook
        exc.step = exc.step or f"step {index} ({what})"
        raise


def _perform(run: Run, index: int, step: Step, record: StepRecord) -> None:
    action = ACTIONS[step.do]
    what = _with_inputs(action.describe(step), run.inputs)
    run.listener.step_started(index, len(run.runbook.steps), step.say, what)
    record.started_at = utcnow()
    started = time.perf_counter()
    try:
        with labelled(run.runbook.id, index, what):
            record.detail = action.perform(step, run)
        record.status = "ok"
    except StopRun as stop:
        record.status, record.detail = "ok", stop.message
        raise
    except HectError as exc:
        record.status, record.detail = "failed", exc.message
        raise
    finally:
        record.duration_ms = round((time.perf_counter() - started) * 1000, 1)
        run.listener.step_finished(
            index, record.status, record.detail or "", record.duration_ms / 1000
        )


def _failure_screenshots(run: Run) -> None:
    """Photograph HECT as the failure left it (and the private window, if it is HECT's)."""
    pages = [("failure.png", run.site.page)]
    if run.window is not None and same_site(run.site.host, urlsplit(run.window.url).hostname or ""):
        pages.append(("failure-window.png", run.window))
    for name, page in pages:
        try:
            if not page.is_closed():
                page.screenshot(path=run.evidence(name))
        except PlaywrightError:
            run.record.screenshots.remove(str(run.run_dir / name))


def _with_inputs(text: str, inputs: dict[str, str]) -> str:
    for name, value in inputs.items():
        text = text.replace("{" + name + "}", value)
    return text


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
) -> RunRecord:
    """Carry out ``runbook`` for ``inputs``; the record, or the HectError that ended it
    (with ``.record`` set). Either way the run folder holds its record and evidence."""
    record = _new_record(runbook, inputs, settings, operator)
    reporter = Reporter(settings.artifacts_dir, record)
    context = new_hect_context(browser, timeout=settings.timeout)
    tracer = TraceRecorder(context, settings.trace)
    site = HectSite(
        browser,
        context,
        settings.base_url,
        credentials,
        timeout=settings.timeout,
        say=listener.say,
        on_ready=tracer.start,
    )
    run = Run(
        runbook,
        inputs,
        settings,
        options or RunOptions(),
        browser,
        site,
        operator,
        listener,
        record,
        reporter.run_dir,
    )
    failure: HectError | None = None
    try:
        record.outcome, record.message = _perform_all(run)
        record.exit_code = 0
    except HectError as exc:
        failure = exc
        exc.runbook, exc.channel = runbook.id, exc.channel or run.channel_name
        record.exit_code, record.message = exc.exit_code, str(exc)
        _failure_screenshots(run)
    except BaseException as exc:  # a bug: leave the evidence, then let it surface
        record.exit_code, record.message = (
            1,
            f"internal error: {type(exc).__name__}: {first_line(exc)}",
        )
        _failure_screenshots(run)
        raise
    finally:
        _wrap_up(run, context, tracer, reporter)
    if failure is not None:
        failure.trace = Path(record.trace) if record.trace else None
        failure.screenshot = Path(record.screenshots[0]) if record.screenshots else None
        failure.record = record
        raise failure
    return record


def _new_record(
    runbook: Runbook, inputs: dict[str, str], settings: Settings, operator: Operator
) -> RunRecord:
    record = RunRecord(
        runbook=runbook.id,
        title=runbook.title,
        platform=runbook.platform,
        channel=inputs.get("channel"),
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


def _perform_all(run: Run) -> tuple[Outcome, str]:
    """Every step in order; how the run ended, unless a step raised."""
    try:
        for index, (step, record) in enumerate(
            zip(run.runbook.steps, run.record.steps, strict=True), 1
        ):
            _perform(run, index, step, record)
    except StopRun as stop:
        return stop.outcome, stop.message
    name = run.target.name if run.target else run.channel_name
    return "verified", f"'{name}' reconnected and verified"


def _wrap_up(run: Run, context: BrowserContext, tracer: TraceRecorder, reporter: Reporter) -> None:
    """Close the windows, keep or drop the trace, write run.json and the audit line: even
    when the browser has gone away underneath."""
    with suppress(PlaywrightError):
        if run.isolated is not None:
            run.isolated.close()
    trace = tracer.finish(reporter.path("trace.zip"), failed=run.record.exit_code != 0)
    with suppress(PlaywrightError):
        context.close()
    run.record.trace = str(trace) if trace else None
    reporter.finish()


def open_channel_list(site: HectSite, runbook: Runbook, timeout: float) -> ChannelList:
    """Walk ``runbook``'s navigation steps (up to its first other step) and read the list."""
    for index, step in enumerate(runbook.steps, start=1):
        if not isinstance(step, OpenHect | Click):
            break
        with labelled(runbook.id, index, ACTIONS[step.do].describe(step)):
            navigate(site, step, timeout)
    with translated(f"read the {runbook.platform} channel list"):
        return read_channel_list(site.page, runbook.platform, timeout)
