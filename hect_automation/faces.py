"""Lazy public faces: a package's names, each imported from its module when first used, so
importing the package (the command line, a plugin) loads nothing it does not need."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any


def lazy_names(
    package: str, where: dict[str, str], names: list[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A package's ``__getattr__`` and ``__dir__``: ``where`` maps each name to "module"
    (the same name there) or "module:name"; ``names`` is the package's ``__all__``."""

    def getattr_(name: str) -> Any:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, _, attr = where[name].partition(":")
        value = getattr(importlib.import_module(module), attr or name)
        setattr(sys.modules[package], name, value)  # the next use is a plain attribute
        return value

    def dir_() -> list[str]:
        return names

    return getattr_, dir_
