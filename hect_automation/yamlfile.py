"""Read our text files (runbooks, scenarios, .env), and YAML into a pydantic model,
refusing them with the file and the key path."""

from __future__ import annotations

from importlib.abc import Traversable
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from hect_automation.errors import BadInput

M = TypeVar("M", bound=BaseModel)


def read_text(path: Path | Traversable, what: str, error: type[BadInput] = BadInput) -> str:
    """The file's text; a folder, an unreadable file or one not in UTF-8 is refused with a
    line saying what to do."""
    if isinstance(path, Path) and path.is_dir():
        raise error(f"{path} is a folder, not a {what} file; give the file's path")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise error(
            f"{path}: not UTF-8 text (byte {exc.start}); save the {what} as UTF-8"
        ) from None
    except OSError as exc:
        raise error(f"cannot read {what} {path}: {exc.strerror or exc}") from None


def parse_yaml_model(model: type[M], text: str, source: str, error: type[BadInput] = BadInput) -> M:
    """Validate ``text`` as ``model``; on failure raise ``error`` quoting source and key path."""
    try:
        data = yaml.safe_load(text)
    except (ValueError, RecursionError, OverflowError) as exc:  # PyYAML's odd corners
        raise error(
            f"{source}: not readable YAML ({type(exc).__name__}); fix it and try again"
        ) from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (line {where.line + 1})" if where else ""
        raise error(f"{source}{line}: not valid YAML; fix the syntax and try again") from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"]) or "(top level)"
        more = len(exc.errors()) - 1
        extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        message = first["msg"].removeprefix("Value error, ")
        raise error(f"{source}: {key}: {message}{extra}") from exc
