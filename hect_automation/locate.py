"""Turn runbook targets into Playwright locators, and wait for the first that shows.

Alternatives are a person's "it is this, or else that": the wait is for any of them to be
visible, and the first alternative (in runbook order) that is visible wins; where it
matches several elements, the first visible one is taken, as a person would.
"""

from __future__ import annotations

from collections.abc import Sequence

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from hect_automation.errors import PageMismatch
from hect_automation.runbook import Target, text_or_pattern

Scope = Page | Locator
ALERT = [Target(role="alert")]


def locator_for(scope: Scope, target: Target) -> Locator:  # noqa: PLR0911 - one per finder
    """The locator a target stands for, within ``scope`` (a page or a row)."""
    exact = target.exact
    if target.role:
        name = text_or_pattern(target.name) if target.name else None
        return scope.get_by_role(target.role, name=name, exact=exact or None)  # type: ignore[arg-type]
    if target.label:
        return scope.get_by_label(text_or_pattern(target.label), exact=exact)
    if target.placeholder:
        return scope.get_by_placeholder(text_or_pattern(target.placeholder), exact=exact)
    if target.text:
        return scope.get_by_text(text_or_pattern(target.text), exact=exact)
    if target.alt:
        return scope.get_by_alt_text(text_or_pattern(target.alt), exact=exact)
    if target.title:
        return scope.get_by_title(text_or_pattern(target.title), exact=exact)
    assert target.css is not None  # the model guarantees exactly one finder
    return scope.locator(target.css)


def any_of(scope: Scope, targets: Sequence[Target]) -> Locator:
    """One locator matching what any of the targets match."""
    union = locator_for(scope, targets[0])
    for target in targets[1:]:
        union = union.or_(locator_for(scope, target))
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
    try:
        any_of(scope, targets).filter(visible=True).first.wait_for(timeout=timeout * 1000)
    except PlaywrightTimeout:
        return None
    return pick(scope, targets)


def shows(scope: Scope, targets: Sequence[Target]) -> bool:
    """Whether any of the targets is visible now: one query, however many alternatives."""
    return any_of(scope, targets).filter(visible=True).count() > 0


def pick(scope: Scope, targets: Sequence[Target]) -> Locator | None:
    """The first visible element of the first target that has one, without waiting."""
    for target in targets:
        visible = locator_for(scope, target).filter(visible=True)
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
