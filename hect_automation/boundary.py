"""The one place Playwright's errors become hect-runbook's.

Everything the engine and the page readers do inside the browser runs under ``translated``
(or ``labelled``, which also names the runbook and step). Playwright's exceptions are
mapped here by type; only here are their messages read, for the one thing their types do
not say: whether a navigation failed on the network (``net::ERR_…``).

- a closed page, context or browser: the person's window closed (during the hand-off), or
  the browser went away (otherwise);
- the driver's connection gone: the browser went away;
- a timeout: HECT too slow if the page had not finished loading, else the page did not match;
- a failed navigation: HECT or the network unavailable.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from hect_automation.errors import (
    BrowserLost,
    HectError,
    HectUnavailable,
    Interrupted,
    OperatorDidNotFinish,
    PageMismatch,
    first_line,
)

try:  # Playwright 1.44+
    from playwright._impl._errors import TargetClosedError
except ImportError:  # pragma: no cover - older Playwright: closed targets are plain Errors
    TargetClosedError = PlaywrightError  # type: ignore[misc, assignment]


def navigation_failed(exc: PlaywrightError) -> bool:
    """Whether Playwright's error is a page that did not load (worth retrying), as opposed
    to something on the page (a covered link) or a closed window."""
    if isinstance(exc, TargetClosedError):
        return False
    text = str(exc)
    return (
        "net::ERR_" in text
        or text.startswith(("Page.goto", "Page.reload", "Frame.goto"))
        or "waiting for scheduled navigations" in text
    )


def driver_gone(exc: BaseException) -> bool:
    """Whether the error says Playwright's driver (or its browser) is no longer there. A dead
    driver fails calls with plain Exceptions too ("Connection closed while reading from the
    driver")."""
    if isinstance(exc, TargetClosedError):
        return True
    return "Connection closed" in str(exc)


def browser_lives(context: BrowserContext) -> bool:
    """Whether the browser and Playwright's driver still answer: one round trip. (Their own
    flags say nothing when the driver was killed: it can no longer tell.)"""
    try:
        context.cookies("https://liveness.invalid/")
    except Exception:
        return False
    return True


def page_loading(page: Page | None) -> bool:
    """Whether ``page`` is still loading its document (so a timeout is HECT being slow)."""
    if page is None:
        return False
    try:
        state: str = page.evaluate("() => document.readyState")
    except PlaywrightError:
        return False
    return state == "loading"


def translate(
    exc: PlaywrightError, what: str, *, page: Page | None = None, hand_off: bool = False
) -> HectError:
    """A Playwright error, said in terms of what was being done."""
    first = first_line(exc)
    if driver_gone(exc):
        return _gone(what, first, page, hand_off=hand_off)
    if isinstance(exc, PlaywrightTimeout):
        if page_loading(page):
            return HectUnavailable(f"{what}: HECT did not finish loading the page ({first})")
        return PageMismatch(f"{what}: timed out ({first})")
    if navigation_failed(exc):
        return HectUnavailable(f"{what}: {first}")
    return PageMismatch(f"{what}: {first}")


def _gone(what: str, first: str, page: Page | None, *, hand_off: bool) -> HectError:
    """A closed target: a window a person closed, or the browser (or the driver) gone."""
    if page is None or not browser_lives(page.context):
        return BrowserLost(f"the browser went away ({what}): {first}")
    if page.is_closed():
        return OperatorDidNotFinish(f"the HECT window was closed ({what})")
    where = "the private window" if hand_off else "a browser window"
    return OperatorDidNotFinish(f"{where} was closed ({what})")


@contextmanager
def translated(what: str, *, page: Page | None = None, hand_off: bool = False) -> Iterator[None]:
    """Say any Playwright error (or Ctrl-C) raised within in terms of ``what`` was being done."""
    try:
        yield
    except PlaywrightError as exc:
        raise translate(exc, what, page=page, hand_off=hand_off) from exc
    except KeyboardInterrupt as exc:
        raise Interrupted(f"{interruption(exc)} ({what})") from None
    except HectError:
        raise
    except Exception as exc:  # a dead driver's plain Exceptions; anything else is a bug
        if not driver_gone(exc):
            raise
        raise BrowserLost(f"Playwright's driver went away ({what}): {first_line(exc)}") from exc


@contextmanager
def labelled(
    runbook: str, index: int, what: str, *, page: Page | None = None, hand_off: bool = False
) -> Iterator[None]:
    """Name the runbook and step on any error raised within, translated."""
    try:
        with translated(what, page=page, hand_off=hand_off):
            yield
    except HectError as exc:
        exc.runbook = exc.runbook or runbook
        exc.step = exc.step or f"step {index} ({what})"
        raise


def interruption(exc: BaseException) -> str:
    """How a KeyboardInterrupt came: Ctrl-C, or a signal the CLI turned into one."""
    signal_name = getattr(exc, "signal_name", None)
    return f"stopped by {signal_name}" if signal_name else "aborted with Ctrl-C"
