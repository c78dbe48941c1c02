"""Skins: the same HECT, with the same visible wording, in different markup.

A skin is a folder under ``skins/``: ``skin.yaml`` (a description, the date format, the page
size of channel lists) and Jinja templates, one per page (see ``skins/README.md`` for the
pages, what each template is given, and the wording every skin keeps). A page a skin does not
draw falls back to the ``classic`` skin's template, inside the skin's own ``layout.html``.
Adding a skin is adding a folder: nothing else names them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2
from pydantic import BaseModel, ConfigDict, Field

from hect_automation.yamlfile import parse_yaml_model

SKINS_DIR = Path(__file__).parent / "skins"
BASE_SKIN = "classic"


class SkinSpec(BaseModel):
    """What ``skin.yaml`` says about a skin."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str
    date_format: str = "%d/%m/%Y %H:%M"
    page_size: int | None = Field(default=None, gt=0, description="channels per list page")
    covers: list[str] = Field(default_factory=list, description="what markup it exercises")


@dataclass(frozen=True)
class Skin:
    name: str
    spec: SkinSpec
    folder: Path
    env: jinja2.Environment

    def fmt(self, when: datetime | None) -> str:
        return "Not set" if when is None else when.strftime(self.spec.date_format)

    def draws(self, name: str) -> bool:
        """Whether this skin (or classic, its fallback) has a template for page ``name``."""
        return name in self.env.list_templates()

    def render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(context)


@functools.cache
def skins() -> dict[str, Skin]:
    """Every skin in ``skins/``, by name (folders holding a ``skin.yaml``)."""
    found = {}
    for folder in sorted(SKINS_DIR.iterdir()):
        spec_file = folder / "skin.yaml"
        if not spec_file.is_file():
            continue
        spec = parse_yaml_model(SkinSpec, spec_file.read_text(encoding="utf-8"), str(spec_file))
        folders = [folder] if folder.name == BASE_SKIN else [folder, SKINS_DIR / BASE_SKIN]
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(f) for f in folders]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )
        found[folder.name] = Skin(folder.name, spec, folder, env)
        env.globals.update(skin=folder.name, fmt=found[folder.name].fmt)
        env.globals["static"] = functools.partial(_static_url, folder.name)
    return found


def _static_url(skin: str, path: str) -> str:
    return f"/skin-static/{skin}/{path}"


def skin_named(name: str) -> Skin:
    known = skins()
    if name not in known:
        raise ValueError(f"no sandbox skin {name!r}; skins: {', '.join(known)}")
    return known[name]
