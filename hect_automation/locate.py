"""Turn runbook targets into Playwright locators, and wait for the first that shows.

Alternatives are a person's "it is this, or else that": the wait is for any of them to be
visible, and the first alternative (in runbook order) that is visible wins, except that
plain words come after every alternative's links and buttons; where it matches several
elements, the first visible one is taken, as a person would.

Two finders stand for several ways a page can draw one thing:

- ``control: Settings`` is whatever a person would click with that name: a link, a button,
  a tab, a menu item, or plain text that reacts to a click (preferred in that order); else
  the harmless control of a card or section headed with that name ("View channels" in the
  card headed with a platform's name);
- ``image: /success/i`` is an image known by its alt text or ARIA label, by its figure's
  caption, or by the text right beside it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from hect_automation.errors import PageMismatch
from hect_automation.runbook import Target, text_or_pattern

Scope = Page | Locator
ALERT = [Target(role="alert")]
# A form in steps (a sign-in's email first, a wizard's date first) moves on by these.
NEXT_STEP = [Target(role="button", name="/^\\W*(next|continue)\\W*$/i")]
CLICKABLE_ROLES = (
    "link",
    "button",
    "tab",
    "radio",  # a segmented control: sections chosen as radio buttons drawn as pills
    "menuitem",
    "menuitemradio",
    "menuitemcheckbox",
    "option",
    "treeitem",
    "switch",
)
# What a control named so would change, or take somewhere a look should not go.
DANGER = re.compile(
    r"delete|remove|disconnect|revoke|save|submit|confirm|pay|buy|purchase|sign ?out|log ?out|"
    r"unsubscribe|reset|install|connect|poll",
    re.IGNORECASE,
)
_PICTURE = ":is(img, svg, picture, canvas, [role=img])"
# A part's own way somewhere: a link or button outside any form, that neither changes
# anything nor turns back.
_ITS_WAY = (
    "xpath=descendant::*[(self::a[@href] or self::button[not(@disabled)] or @role='button'"
    " or @role='link') and not(ancestor::form)]"
)
_TURNS_BACK = re.compile(rf"{DANGER.pattern}|cancel|close|back|dismiss|no thanks", re.IGNORECASE)
_NEAREST_HOLDING_A_CONTROL = (
    "xpath=ancestor::*[descendant::*[self::a[@href] or self::button or @role='button'"
    " or @role='link']][1]"
)
# Plain text a person may click: not a heading, label or table header that merely says it.
_NOT_A_TITLE = ":not(h1, h2, h3, h4, h5, h6, label, th, legend, title, option, dt)"


def exactly(value: str) -> re.Pattern[str]:
    """``Settings`` as a whole name, any case and spacing; ``/…/`` as written."""
    pattern = text_or_pattern(value)
    if isinstance(pattern, re.Pattern):
        return pattern
    words = r"\s+".join(re.escape(w) for w in pattern.split())
    return re.compile(rf"^\s*{words}\s*$", re.IGNORECASE)


def ways(scope: Scope, target: Target, *, hidden: bool = False) -> list[tuple[str, Locator]]:
    """Every way a target can be found within ``scope``, most likely first, each said in
    words (``explain`` shows them); with ``hidden``, role finders also match what is hidden
    (other finders always do)."""
    if target.role:
        return _by_role(scope, target, hidden)
    if target.control:
        return _by_control(scope, target.control, hidden)
    if target.image:
        return _by_image(scope, target.image)
    finders = {
        "label": ("field labelled", scope.get_by_label),
        "placeholder": ("field with placeholder", scope.get_by_placeholder),
        "text": ("text", scope.get_by_text),
        "alt": ("image with alt text", scope.get_by_alt_text),
        "title": ("element titled", scope.get_by_title),
    }
    for kind, (words, finder) in finders.items():
        value = getattr(target, kind)
        if value:
            return [(f"{words} {_said(value)}", finder(text_or_pattern(value), exact=target.exact))]
    assert target.css is not None  # the model guarantees exactly one finder
    return [(f"CSS {target.css}", scope.locator(target.css))]


def _by_role(scope: Scope, target: Target, hidden: bool) -> list[tuple[str, Locator]]:
    assert target.role is not None
    name = text_or_pattern(target.name) if target.name else None
    said = f"{target.role} named {_said(target.name)}" if target.name else target.role
    locator = scope.get_by_role(
        target.role,  # type: ignore[arg-type]
        name=name,
        exact=target.exact or None,
        include_hidden=hidden,
    )
    return [(said, locator)]


def _by_control(scope: Scope, control: str, hidden: bool) -> list[tuple[str, Locator]]:
    """Anything clickable with that name: each clickable role, a title, or plain text."""
    name = exactly(control)
    said = _said(control)
    by_role = [
        (f"{role} named {said}", scope.get_by_role(role, name=name, include_hidden=hidden))  # type: ignore[arg-type]
        for role in CLICKABLE_ROLES
    ]
    text = scope.get_by_text(_leading(name)).and_(scope.locator(_NOT_A_TITLE))
    # A card or section titled with the name, whose control is called something else ("View
    # channels" in a platform's card): its harmless control, nearest the title.
    titled = (
        scope.get_by_role("heading", name=name)
        .locator(_NEAREST_HOLDING_A_CONTROL)
        .locator(_ITS_WAY)
        .filter(has_not_text=_TURNS_BACK)
    )
    return [
        *by_role,
        (f"element titled {said}", scope.get_by_title(name)),
        (f"text {said}", text),
        (f"the control of the part headed {said}", titled),
    ]


def ways_on(part: Locator) -> Locator:
    """The controls in ``part`` that go somewhere without changing or turning back: its
    links and buttons outside any form, not Install, Connect, Delete, Cancel, Back…"""
    return part.locator(_ITS_WAY).filter(visible=True).filter(has_not_text=_TURNS_BACK)


def _leading(name: re.Pattern[str]) -> re.Pattern[str]:
    """A name as plain text a person clicks: at the start of the text, after any icon or
    mark, never inside a sentence ('2 sales channels need reconnecting' is not the way to
    Sales Channels)."""
    if name.pattern.startswith("^"):
        return name
    return re.compile(rf"^\W*(?:{name.pattern})", name.flags)


def _by_image(scope: Scope, image: str) -> list[tuple[str, Locator]]:
    """A picture by its name or alt text, its figure's caption, or the text beside it."""
    shown = text_or_pattern(image)
    said = _said(image)
    return [
        (f"image named {said}", scope.get_by_role("img", name=shown)),
        (f"image with alt text {said}", scope.get_by_alt_text(shown)),
        (
            f"figure captioned {said}",
            scope.locator("figure")
            .filter(has=scope.locator(_PICTURE))
            .filter(has=scope.locator("figcaption").filter(has_text=shown)),
        ),
        (
            f"text {said} right after an image",
            scope.locator(f"{_PICTURE} + *, *:has(> {_PICTURE}) + *").filter(has_text=shown),
        ),
        (
            f"text {said} right before an image",
            scope.locator(f"*:has(+ {_PICTURE})").filter(has_text=shown),
        ),
    ]


def _said(value: str | None) -> str:
    return value if value and value.startswith("/") else f"'{value}'"


def locators_for(scope: Scope, target: Target, *, hidden: bool = False) -> list[Locator]:
    """The locators a target stands for within ``scope``, most likely first."""
    return [locator for _, locator in ways(scope, target, hidden=hidden)]


def any_of(scope: Scope, targets: Sequence[Target], *, hidden: bool = False) -> Locator:
    """One locator matching what any of the targets match (with ``hidden``, as ``ways``)."""
    every = [loc for target in targets for loc in locators_for(scope, target, hidden=hidden)]
    union = every[0]
    for locator in every[1:]:
        union = union.or_(locator)
    return union


def describe(targets: Sequence[Target], *, every: bool = False) -> str:
    """``control 'Settings'`` (the first alternative, in words), or with ``every`` the
    different wordings of all of them."""
    if not every:
        return targets[0].describe()
    return " or ".join(dict.fromkeys(t.describe() for t in targets))


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


def _by_preference(scope: Scope, targets: Sequence[Target]) -> Iterator[Locator]:
    """Every alternative's finders in runbook order, except that a control known only by
    its words (plain text, no role) or by the heading over it comes after every
    alternative's links, buttons, tabs and titles: a platform's link named with its channel
    count ("… 2") is the way to its list before the platform's bare name written beside an
    Install button."""
    plain: list[Locator] = []
    for target in targets:
        found = locators_for(scope, target)
        if target.control:  # its last two finders: the plain text, the titled part's control
            found, words = found[:-2], found[-2:]
            plain += words
        yield from found
    yield from plain


def shows(scope: Scope, targets: Sequence[Target]) -> bool:
    """Whether any of the targets is visible now: one query, however many alternatives."""
    return any_of(scope, targets).filter(visible=True).count() > 0


def pick(scope: Scope, targets: Sequence[Target], *, mark: bool = False) -> Locator | None:
    """The first visible element of the first target that has one, without waiting.

    What is returned finds it again when used (a check, a click): by default, the first
    visible match of the alternative that won, found by Playwright's own queries alone.
    With ``mark``, the element itself is marked and found by its mark, even once hidden (a
    menu that closed under it) or, if the page drew it anew, not at all: the caller looks
    again. A mark costs a script on the element, and so a second copy of Playwright's
    selector engine in the page's own world (about 23 ms of CPU a document, more than a
    third of a visit; see README, Benchmarks): only pages that draw things over their
    content need it (``Reach``).
    """
    shown = any_of(scope, targets).filter(visible=True)
    count = shown.count()
    if count > 1:  # several: the first alternative that matches wins (see _by_preference)
        shown = next(
            (
                visible
                for locator in _by_preference(scope, targets)
                if (visible := locator.filter(visible=True)).count()
            ),
            shown,
        )
    if not count:
        return None
    if not mark:
        return shown.first
    label = f"p{next(_picks)}"
    if not on_first(shown, _MARK, label, absent=False):
        return None
    return scope.locator(f"[data-hect-pick='{label}']").first


_picks = itertools.count(1)
_MARK = "(element, label) => { element.setAttribute('data-hect-pick', label); return true; }"


def on_first(locator: Locator, function: str, arg: object = None, *, absent: object = None) -> Any:
    """``function(element, arg)`` on the first element ``locator`` finds, or ``absent`` if it
    finds none, without waiting: one round trip, where a locator's own ``evaluate`` waits for
    the element and takes three (in a traced context, each with a snapshot of the page)."""
    return locator.evaluate_all(
        f"(found, [arg, absent]) => found.length ? ({function})(found[0], arg) : absent",
        [arg, absent],
    )


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
