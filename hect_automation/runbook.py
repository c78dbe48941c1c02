"""Runbook files: a support article's steps, its own words, and the action carrying each out.

A runbook is YAML (see ``runbooks/``). Each step has ``say`` (the article's wording, shown to
the person as the run goes) and ``do`` (the step kind); targets are found as a person finds
them: role and accessible name, label, placeholder, visible text, alt text or title, with
alternatives tried in order. Text written ``/like this/i`` is a regular expression.
An invalid file is refused with the file, the key path and what was expected.
"""

from __future__ import annotations

import re
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from hect_automation.errors import BadInput, RunbookInvalid
from hect_automation.yamlfile import parse_yaml_model, read_text

# The order every runbook's steps come in; each step takes what the one before returned.
SHAPE = ["open_hect", "click*", "open_isolated", "await_operator", "verify", "order_poll?"]
_SHAPE = re.compile(r"^open_hect (click )*open_isolated await_operator verify (order_poll )?$")
_REGEX = re.compile(r"^/(.*)/([imsx]*)$", re.DOTALL)
_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}
ROLES = frozenset(
    [
        "alert",
        "alertdialog",
        "application",
        "article",
        "banner",
        "blockquote",
        "button",
        "caption",
        "cell",
        "checkbox",
        "code",
        "columnheader",
        "combobox",
        "complementary",
        "contentinfo",
        "definition",
        "deletion",
        "dialog",
        "directory",
        "document",
        "emphasis",
        "feed",
        "figure",
        "form",
        "generic",
        "grid",
        "gridcell",
        "group",
        "heading",
        "img",
        "insertion",
        "link",
        "list",
        "listbox",
        "listitem",
        "log",
        "main",
        "marquee",
        "math",
        "meter",
        "menu",
        "menubar",
        "menuitem",
        "menuitemcheckbox",
        "menuitemradio",
        "navigation",
        "none",
        "note",
        "option",
        "paragraph",
        "presentation",
        "progressbar",
        "radio",
        "radiogroup",
        "region",
        "row",
        "rowgroup",
        "rowheader",
        "scrollbar",
        "search",
        "searchbox",
        "separator",
        "slider",
        "spinbutton",
        "status",
        "strong",
        "subscript",
        "superscript",
        "switch",
        "tab",
        "table",
        "tablist",
        "tabpanel",
        "term",
        "textbox",
        "time",
        "timer",
        "toolbar",
        "tooltip",
        "tree",
        "treegrid",
        "treeitem",
    ]
)  # every ARIA role Playwright's get_by_role knows


def text_or_pattern(value: str) -> str | re.Pattern[str]:
    """``/connect channel/i`` becomes a compiled pattern; anything else stays text."""
    match = _REGEX.match(value)
    if not match:
        return value
    flags = 0
    for letter in match.group(2):
        flags |= _FLAGS[letter]
    return re.compile(match.group(1), flags)


FINDERS = ("role", "control", "label", "placeholder", "text", "image", "alt", "title", "css")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Target(_Strict):
    """One way to find an element; exactly one of the finders is given."""

    role: str | None = None
    name: str | None = Field(default=None, description="accessible name, with role")
    exact: bool = False
    label: str | None = None
    placeholder: str | None = None
    text: str | None = None
    alt: str | None = None
    title: str | None = None
    control: str | None = Field(
        default=None,
        description="anything a person clicks with this name: link, button, tab, menu item, "
        "or plain clickable text",
    )
    image: str | None = Field(
        default=None,
        description="an image known by its alt text, label, caption or the text beside it",
    )
    css: str | None = Field(default=None, description="escape hatch; never in shipped runbooks")

    @model_validator(mode="after")
    def _one_finder(self) -> Target:
        finders = [f for f in FINDERS if getattr(self, f)]
        if len(finders) != 1:
            raise ValueError(
                f"give exactly one of {', '.join(FINDERS)} (got {', '.join(finders) or 'none'})"
            )
        if self.role and self.role not in ROLES:
            raise ValueError(
                f"unknown role {self.role!r}; expected one of {', '.join(sorted(ROLES))}"
            )
        if self.name and not self.role:
            raise ValueError("name goes with role")
        for value in (self.name, *(getattr(self, f) for f in FINDERS if f not in {"role", "css"})):
            if value and _REGEX.match(value):
                try:
                    text_or_pattern(value)
                except re.error as exc:
                    raise ValueError(f"{value!r} is not a valid regular expression: {exc}") from exc
        return self

    def written(self) -> str:
        """As the runbook writes it: ``control /connect channel/i`` (for editing runbooks)."""
        kind = next(f for f in FINDERS if getattr(self, f))
        value = getattr(self, kind)
        shown = value if _REGEX.match(value) else f"'{value}'"
        named = f" named {self.name}" if self.role and self.name else ""
        return f"{kind}{named}" if kind == "role" and not named else f"{kind} {shown}{named}"

    def wording(self) -> str | None:
        """The words it is found by (``Settings``, ``/sales channels/i``); None for CSS or
        a role alone."""
        if self.role:
            return self.name
        return None if self.css else getattr(self, next(f for f in FINDERS if getattr(self, f)))

    def describe(self) -> str:
        """How a person would say it: ``link 'Settings'``, ``label /password/i``."""
        if self.role:
            return f"{self.role} {_quote(self.name)}" if self.name else self.role
        kind = next(f for f in FINDERS if getattr(self, f))
        if kind == "css":
            return f"CSS {self.css}"
        return f"{_SAID[kind]}{_quote(getattr(self, kind))}"


_SAID = {
    "control": "",
    "label": "field ",
    "placeholder": "field ",
    "text": "text ",
    "image": "image ",
    "alt": "image ",
    "title": "element titled ",
}


def _quote(value: str | None) -> str:
    return f"'{plain_words(value or '')}'"


def plain_words(value: str) -> str:
    """What a pattern says in words, for messages: ``/^\\W*(re-?)?connect\\b|renew/i``
    reads 'connect' (its first alternative, without anchors, optional parts or escapes)."""
    found = _REGEX.match(value)
    if not found:
        return value
    body = re.sub(r"\(\?[=!<][^)]*\)", "", found.group(1))  # lookarounds
    body = re.sub(r"\([^()|]*\)\?|\[[^\]]*\][?*]", "", body)  # optional parts
    first = re.split(r"(?<!\\)\|", body)[0]
    first = re.sub(r"\\[sW]\*?|\\[bB]|[\^$()]|\.\*", " ", first)
    first = re.sub(r"\[([a-z])[a-z]*\]", r"\1", first)  # authori[sz]e -> authorise
    first = re.sub(r"\\(.)", r"\1", first).replace("?", "").replace("+", "")
    return " ".join(first.split()) or value


def _as_list(value: object) -> object:
    return [value] if isinstance(value, dict) else value


Targets = Annotated[list[Target], BeforeValidator(_as_list), Field(min_length=1)]


class Within(_Strict):
    """Narrow a target to one channel's row (or card) on the channel list."""

    row: str = Field(description="the channel's name; '{channel}' takes the input")


class _Step(_Strict):
    say: str = Field(min_length=1, description="the article's words for this step")
    timeout: float | None = Field(default=None, gt=0, description="seconds; default --timeout")


class OpenHect(_Step):
    """Open HECT at the base URL and sign in when it asks."""

    do: Literal["open_hect"]


class Click(_Step):
    """Click a target, as a person would, and wait for the page it leads to."""

    do: Literal["click"]
    target: Targets


class OpenIsolated(_Step):
    """Find the channel's row, check its token, open its connect link in a private window."""

    do: Literal["open_isolated"]
    within: Within
    target: Targets


class AwaitOperator(_Step):
    """Hand the private window to the person; wait for the success image or a failure."""

    do: Literal["await_operator"]
    success: Targets
    failure: list[Target] = Field(default_factory=list)
    tell: list[str] = Field(default_factory=list, description="what the person is told to do")


class Verify(_Step):
    """Read the channel list again: the channel, and only it, reconnected to the right seller."""

    do: Literal["verify"]


class OrderPoll(_Step):
    """Run HECT's order poll for the channel from the chosen date and time."""

    do: Literal["order_poll"]


Step = Annotated[
    OpenHect | Click | OpenIsolated | AwaitOperator | Verify | OrderPoll, Field(discriminator="do")
]


class Input(_Strict):
    help: str


class Runbook(_Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str
    source: str = Field(pattern=r"^https://")
    platform: str
    inputs: dict[str, Input] = Field(default_factory=dict)
    steps: list[Step] = Field(min_length=1)

    @field_validator("platform")
    @classmethod
    def _known_platform(cls, value: str) -> str:
        from hect_automation import platforms  # noqa: PLC0415 - platforms imports this module

        if value not in platforms.known():
            raise ValueError(
                f"unknown platform {value!r}; expected one of {', '.join(platforms.known())}"
            )
        return value

    @model_validator(mode="after")
    def _steps_in_order(self) -> Runbook:
        kinds = " ".join(step.do for step in self.steps) + " "
        if not _SHAPE.match(kinds):
            raise ValueError(
                f"steps must be {', '.join(SHAPE)} in that order (* any number, ? optional);"
                f" got {', '.join(step.do for step in self.steps)}"
            )
        return self

    @model_validator(mode="after")
    def _inputs_declared(self) -> Runbook:
        for index, step in enumerate(self.steps):
            if isinstance(step, OpenIsolated):
                for name in re.findall(r"\{(\w+)\}", step.within.row):
                    if name not in self.inputs:
                        raise ValueError(
                            f"steps.{index}.within.row uses undeclared input {{{name}}}"
                        )
        return self


def builtin_dir() -> Path | Traversable:
    """The runbooks shipped with this checkout (``runbooks/``) or with the installed package."""
    checkout = Path(__file__).resolve().parent.parent / "runbooks"
    if checkout.is_dir():
        return checkout
    return resources.files("hect_automation").joinpath("runbooks")


def runbook_files(directory: Path | None = None) -> dict[str, Path | Traversable]:
    folder = directory or builtin_dir()
    if directory is not None and not directory.is_dir():
        raise BadInput(f"runbooks folder {directory} does not exist (HECT_RUNBOOKS_DIR)")
    return {
        entry.name.removesuffix(".yaml"): entry
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".yaml")
    }


def load_runbook(name_or_path: str, directory: Path | None = None) -> Runbook:
    """Load a runbook by id (from the runbooks folder) or by file path, validated."""
    path = Path(name_or_path)
    files = runbook_files(directory)
    entry: Path | Traversable
    if name_or_path in files:
        entry = files[name_or_path]
    elif path.suffix in {".yaml", ".yml"} and path.exists():
        entry = path
    else:
        known = ", ".join(files) or "none"
        raise BadInput(f"no runbook {name_or_path!r}; known runbooks: {known}")
    text = read_text(entry, "runbook", RunbookInvalid)
    return parse_yaml_model(Runbook, text, str(entry), RunbookInvalid)


def runbook_for(platform: str, directory: Path | None = None) -> Runbook:
    """The reconnect runbook of a registered platform, checked to be that platform's."""
    from hect_automation import platforms  # noqa: PLC0415 - platforms imports this module

    entry = platforms.platform(platform)
    runbook = load_runbook(entry.runbook, directory)
    if runbook.platform != entry.key:
        raise RunbookInvalid(
            f"runbook {runbook.id} is for {runbook.platform}, not {entry.key}: fix its"
            " `platform:` or the runbook file name"
        )
    return runbook
