"""The scripts hect-runbook runs in HECT's pages, one file each (see each file's header)."""

from __future__ import annotations

import functools
from importlib import resources


@functools.cache
def script(name: str) -> str:
    """The source of ``js/<name>.js``, without its leading comment lines."""
    text = resources.files(__package__).joinpath(f"{name}.js").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.startswith("//"))
