"""Turn runbook targets into Playwright locators, and wait for the first that shows.

Alternatives are a person's "it is this, or else that": the wait is for any of them to be
visible, and the first alternative (in runbook order) that is visible wins; where it
matches several elements, the first visible one is taken, as a person would.

Two finders stand for several ways a page can draw one thing:

- ``control: Settings`` is whatever a person would click with that name: a link, a button,
  a tab, a menu item, or plain text that reacts to a click (preferred in that order);
- ``image: /success/i`` is an image known by its alt text or ARIA label, by its figure's
  caption, or by the text right beside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from hect_automation.errors import PageMismatch
from hect_automation.runbook import Target, text_or_pattern

Scope = Page | Locator
ALERT = [Target(role="alert")]
CLICKABLE_ROLES = (
    "link",
    "button",
    "tab",
    "menuitem",
    "menuitemradio",
    "menuitemcheckbox",
    "option",
    "treeitem",
    "switch",
)
_PICTURE = ":is(img, svg, picture, canvas, [role=img])"
# Plain text a person may click: not a heading, label or table header that merely says it.
_NOT_A_TITLE = ":not(h1, h2, h3, h4, h5, h6, label, th, legend, title, option, dt)"


def exactly(value: str) -> re.Pattern[str]:
    """``Settings`` as a whole name, any case and spacing; ``/…/`` as written."""
    pattern = text_or_pattern(value)
    if isinstance(pattern, re.Pattern):
        return pattern
    words = r"\s+".join(re.escape(w) for w in pattern.split())
    return re.compile(rf"^\s*{words}\s*$", re.IGNORECASE)


def locators_for(  # noqa: PLR0911 - one per finder
    scope: Scope, target: Target, *, hidden: bool = False
) -> list[Locator]:
    """The locators a target stands for within ``scope``, most likely first; with ``hidden``,
    role finders also match what is hidden (other finders always do)."""
    exact = target.exact
    if target.role:
        name = text_or_pattern(target.name) if target.name else None
        return [
            scope.get_by_role(target.role, name=name, exact=exact or None, include_hidden=hidden)  # type: ignore[arg-type]
        ]
    if target.control:
        name = exactly(target.control)
        by_role = [
            scope.get_by_role(role, name=name, include_hidden=hidden)  # type: ignore[arg-type]
            for role in CLICKABLE_ROLES
        ]
        text = scope.get_by_text(name).and_(scope.locator(_NOT_A_TITLE))
        return [*by_role, scope.get_by_title(name), text]
    if target.image:
        said = text_or_pattern(target.image)
        return [
            scope.get_by_role("img", name=said),
            scope.get_by_alt_text(said),
            scope.locator("figure")
            .filter(has=scope.locator(_PICTURE))
            .filter(has=scope.locator("figcaption").filter(has_text=said)),
            scope.locator(f"{_PICTURE} + *, *:has(> {_PICTURE}) + *").filter(has_text=said),
            scope.locator(f"*:has(+ {_PICTURE})").filter(has_text=said),
        ]
    if target.label:
        return [scope.get_by_label(text_or_pattern(target.label), exact=exact)]
    if target.placeholder:
        return [scope.get_by_placeholder(text_or_pattern(target.placeholder), exact=exact)]
    if target.text:
        return [scope.get_by_text(text_or_pattern(target.text), exact=exact)]
    if target.alt:
        return [scope.get_by_alt_text(text_or_pattern(target.alt), exact=exact)]
    if target.title:
        return [scope.get_by_title(text_or_pattern(target.title), exact=exact)]
    assert target.css is not None  # the model guarantees exactly one finder
    return [scope.locator(target.css)]


def any_of(scope: Scope, targets: Sequence[Target]) -> Locator:
    """One locator matching what any of the targets match."""
    every = [loc for target in targets for loc in locators_for(scope, target)]
    union = every[0]
    for locator in every[1:]:
        union = union.or_(locator)
    return union


def describe(targets: Sequence[Target], *, every: bool = False) -> str:
    """``link 'Settings'`` (the first alternative), or with ``every`` all of them."""
    if every or len(targets) == 1:
        return " or ".join(t.describe() for t in targets)
    return f"{targets[0].describe()} (or {len(targets) - 1} more)"


def first_visible(scope: Scope, targets: Sequence[Target], timeout: float) -> Locator | None:
    """Wait up to ``timeout`` seconds for any target; the best visible match, or None."""
    if found := pick(scope, targets):
        return found  # already there: no need to wait
    if not wait_visible(scope, targets, timeout):
        return None
    return pick(scope, targets)


def wait_visible(scope: Scope, targets: Sequence[Target], timeout: float) -> bool:
    """Whether any target became visible within ``timeout`` seconds."""
    try:
        any_of(scope, targets).filter(visible=True).first.wait_for(timeout=timeout * 1000)
    except PlaywrightTimeout:
        return False
    return True


def shows(scope: Scope, targets: Sequence[Target]) -> bool:
    """Whether any of the targets is visible now: one query, however many alternatives."""
    return any_of(scope, targets).filter(visible=True).count() > 0


def pick(scope: Scope, targets: Sequence[Target]) -> Locator | None:
    """The first visible element of the first target that has one, without waiting."""
    if not shows(scope, targets):
        return None  # one query answers the common case: nothing there yet
    for target in targets:
        for locator in locators_for(scope, target):
            visible = locator.filter(visible=True)
            if visible.count():
                return visible.first
    return None


def shown_text(scope: Scope, targets: Sequence[Target]) -> str:
    """The visible text of the first target shown (say, an alert), spaces folded; or ""."""
    found = pick(scope, targets)
    return " ".join(found.inner_text().split()) if found is not None else ""


def fill_secret(field: Locator, value: str, what: str) -> None:
    """Type a secret. Playwright's own errors echo what was being typed, so they are
    replaced by one that names only the field."""
    try:
        field.fill(value)
    except PlaywrightError:
        raise PageMismatch(f"could not type into {what}") from None
