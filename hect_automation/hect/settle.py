"""Wait for a HECT page to settle, on events rather than time.

``watch.js`` runs in every HECT document before the page's own scripts (the HECT context
installs it): it notes every change to the DOM, light or shadow, and every fetch in flight.
A page has settled when nothing is in flight and it has not changed since its load event
(drawn by the server) or for ``QUIET_MS`` (still drawing itself). Every wait is bounded:
a page that never stops moving (a ticking clock) is read as it is once the bound passes.
"""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Frame, Page
from playwright.sync_api import Error as PlaywrightError

from hect_automation.hect.js import script

QUIET_MS = 150
STILL_MS = 600  # before changing anything on a page (opening a menu): it has stopped drawing
SETTLE_BOUND = 3.0  # seconds: past this, read the page as it is
# Both waits hand Playwright a promise the page's own events resolve (``watch.js``), so the
# page is asked once, not on every animation frame.
_SETTLED = "q => !window.__hectWatch || window.__hectWatch.whenSettled(q)"
# A mark is the document's time origin and its clock at its last change: a new document
# (its clock starts again) counts as a change.
_CHANGED = (
    "([origin, t]) => !window.__hectWatch || performance.timeOrigin !== origin"
    " || window.__hectWatch.whenChanged(t)"
)
_LAST = "() => [performance.timeOrigin, window.__hectWatch ? window.__hectWatch.last : 0]"
Mark = tuple[float, float]


def install_watch(context: BrowserContext) -> None:
    """Watch every document the context opens from now on (call before its first page)."""
    context.add_init_script(script("watch"))


def settle(where: Page | Frame, bound: float = SETTLE_BOUND, *, quiet_ms: int = QUIET_MS) -> bool:
    """Wait (at most ``bound`` s) until the page has settled; whether it did. ``quiet_ms``
    is how long a page still drawing itself must have been still."""
    try:
        where.wait_for_function(_SETTLED, arg=quiet_ms, timeout=bound * 1000)
    except PlaywrightError:
        return False  # timed out, or the page navigated meanwhile: the caller reads again
    return True


def mark(where: Page | Frame) -> Mark:
    """The page's last change (and which document it is): pass it to ``changed_since``."""
    try:
        origin, last = where.evaluate(_LAST)
    except PlaywrightError:
        return (0.0, 0.0)
    return (float(origin), float(last))


def changed_since(where: Page | Frame, last: Mark, bound: float) -> bool:
    """Wait (at most ``bound`` s) for the page to change after ``mark``; whether it did."""
    try:
        where.wait_for_function(_CHANGED, arg=list(last), timeout=bound * 1000)
    except PlaywrightError:
        return False
    return True
