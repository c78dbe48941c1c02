"""``await_operator``: the person signs in; we wait for the success image, a failure, or the end.

The waiting is event-driven and bounded: one wait for "any of" (success, failure, a page
state the operator acts on), re-armed every few seconds so that a closed window, an
``error=`` redirect, the deadline and reminders are noticed too.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from hect_automation.actions.base import Run, StopRun
from hect_automation.errors import AuthorisationFailed, OperatorDidNotFinish, PageMismatch
from hect_automation.hect.session import same_site
from hect_automation.locate import ALERT, any_of, describe, first_visible, shown_text, shows
from hect_automation.operator import CUES, HandOff
from hect_automation.runbook import AwaitOperator, Target

# When the success page finished loading, on the same clock as time.time() (epoch ms).
_LOADED_AT = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const end = nav && (nav.loadEventEnd || nav.domContentLoadedEventEnd);
  return end ? performance.timeOrigin + end : null;
}"""
RECHECK_EVERY = 2.0  # seconds between looks at the window list and the URL
HEADING = [Target(role="heading", name="/./")]


class AwaitOperatorAction:
    def describe(self, step: AwaitOperator) -> str:
        return f"hand over to the operator; wait for {describe(step.success)}"

    def perform(self, step: AwaitOperator, run: Run) -> str:
        assert run.target is not None and run.isolated is not None  # open_isolated ran first
        if run.options.smoke:
            self._smoke(step, run)
        timeout = run.settings.operator_timeout
        task = HandOff(run.runbook.platform, run.target, step.tell, timeout)
        if run.settings.headed and run.window is not None:
            run.window.bring_to_front()
        run.operator.begin(task)
        deadline = time.monotonic() + timeout
        next_reminder = time.monotonic() + run.operator.remind_every
        try:
            while True:
                window = self._window(run)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise OperatorDidNotFinish(
                        f"no success within {timeout:g} s (HECT_OPERATOR_TIMEOUT); nothing was"
                        " changed in HECT by this run"
                    )
                if time.monotonic() >= next_reminder:
                    run.operator.remind(remaining, task)
                    next_reminder += run.operator.remind_every
                done = self._look(step, run, window, task, min(remaining, RECHECK_EVERY))
                if done:
                    return done
        except KeyboardInterrupt:
            raise OperatorDidNotFinish(
                "aborted with Ctrl-C; nothing was changed in HECT by this run"
            ) from None

    def _smoke(self, step: AwaitOperator, run: Run) -> None:
        """Check the private window shows the marketplace's sign-in or consent page; stop."""
        assert run.window is not None
        cues = CUES[run.runbook.platform]
        expected = [t for cue in cues for t in cue.targets]
        timeout = step.timeout or run.settings.timeout
        if first_visible(run.window, [*expected, *step.failure], timeout) is None:
            raise PageMismatch(
                f"the private window shows neither sign-in nor consent within {timeout:g} s"
                f" (looked for {describe(expected, every=True)})"
            )
        shown = next((cue.name for cue in cues if shows(run.window, cue.targets)), None)
        if shown is None:
            raise AuthorisationFailed(self._reason(run.window, None))
        host = urlsplit(run.window.url).hostname
        raise StopRun(
            "smoke-ok",
            f"{host} shows its {shown} page in the private window; stopped there (--smoke)",
        )

    @staticmethod
    def _window(run: Run) -> Page:
        """The window being watched: the one we opened, else the newest the person left open."""
        assert run.isolated is not None
        if run.window is not None and not run.window.is_closed():
            return run.window
        open_pages = [p for p in run.isolated.pages if not p.is_closed()]
        if not open_pages:
            raise OperatorDidNotFinish(
                "the private window was closed before HECT showed its success image"
            )
        run.window = open_pages[-1]
        return run.window

    def _look(self, step: AwaitOperator, run: Run, window: Page, task: HandOff, wait: float) -> str:
        """Wait up to ``wait`` s for something to happen, and act on it; a detail when done.

        A page still loading is waited for by its DOMContentLoaded event and read at once;
        only a page showing nothing recognisable yet is watched for what appears on it.
        """
        try:
            window.wait_for_load_state("domcontentloaded", timeout=wait * 1000)
            if (done := self._react(step, run, window, task)) is not None:
                return done
            watched = [
                *step.success,
                *step.failure,
                *(t for cue in run.operator.cues for t in cue.targets),
            ]
            any_of(window, watched).filter(visible=True).first.wait_for(timeout=wait * 1000)
            return self._react(step, run, window, task) or ""
        except PlaywrightError:
            return ""  # nothing yet, or the window navigated or closed meanwhile: look again

    def _react(self, step: AwaitOperator, run: Run, window: Page, task: HandOff) -> str | None:
        """Act on what the window shows now: a detail on success, "" after the operator
        acted, None when nothing is recognisable."""
        error = parse_qs(urlsplit(window.url).query).get("error")
        if shows(window, step.success):
            return self._succeeded(run, window)
        if error or shows(window, step.failure):
            raise AuthorisationFailed(self._reason(window, error))
        for cue in run.operator.cues:
            if shows(window, cue.targets):
                run.operator.act(cue, window, task)
                return ""
        return None

    @staticmethod
    def _reason(window: Page, error: list[str] | None) -> str:
        """The failure in the page's own words: its heading, then its alert."""
        shown = ": ".join(filter(None, (shown_text(window, HEADING), shown_text(window, ALERT))))
        if error:
            return f"the authorisation came back with error={error[0]}" + (
                f" ({shown})" if shown else ""
            )
        host = urlsplit(window.url).hostname
        return f"{host} says: {shown}" if shown else f"{host} reported a failure"

    @staticmethod
    def _succeeded(run: Run, window: Page) -> str:
        seen = time.time() * 1000
        loaded = window.evaluate(_LOADED_AT)
        if loaded:
            run.record.notes["success_detected_ms_after_load"] = round(seen - loaded, 1)
        host = urlsplit(window.url).hostname or ""
        if same_site(run.site.host, host):
            # Only HECT's own success page is photographed: never an Amazon or eBay page.
            window.screenshot(path=run.evidence("success.png"))
        assert run.isolated is not None
        run.isolated.close()
        run.isolated, run.window = None, None
        return "HECT showed the success image; private window closed"
