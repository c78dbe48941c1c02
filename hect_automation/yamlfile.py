"""Read a YAML file into a pydantic model, refusing it with the file and the key path."""

from __future__ import annotations

from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from hect_automation.errors import BadInput

M = TypeVar("M", bound=BaseModel)


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
