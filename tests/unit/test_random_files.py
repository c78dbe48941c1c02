"""Whatever bytes a runbook, a scenario or a .env holds, the file is read or refused with
one line (BadInput: exit 2); it never crashes the tool. Files are real, on disk."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hect_automation.config import load_settings
from hect_automation.errors import BadInput
from hect_automation.runbook import builtin_dir, load_runbook
from hect_automation.sandbox.scenario import default_scenario_text, load_scenario

RUNBOOK = builtin_dir().joinpath("refresh-amazon-token.yaml").read_text(encoding="utf-8")
SCENARIO = default_scenario_text()
DOTENV = "HECT_EMAIL=support@example.com\nHECT_TIMEOUT=8\nHECT_TRACE=on-failure\n"


@st.composite
def damaged(draw: st.DrawFn, text: str) -> bytes:
    """The text with a few random edits (cut, insert, overwrite), or plain random bytes."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=300))
    data = bytearray(text.encode())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        junk = draw(st.binary(max_size=12) | st.text(max_size=12).map(str.encode))
        kind = draw(st.sampled_from(["cut", "insert", "overwrite"]))
        if kind == "cut":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "insert":
            data[at:at] = junk
        else:
            data[at : at + len(junk)] = junk
    return bytes(data)


def read_or_refused(name: str, content: bytes, load: Callable[[Path], object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        try:
            load(path)
        except BadInput as refused:
            line = str(refused)
            assert line and "\n" not in line.strip() and "Traceback" not in line


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(damaged(RUNBOOK))
def test_any_runbook_file_is_read_or_refused(content: bytes) -> None:
    read_or_refused("runbook.yaml", content, lambda p: load_runbook(str(p)))


@FAST
@given(damaged(SCENARIO))
def test_any_scenario_file_is_read_or_refused(content: bytes) -> None:
    read_or_refused("scenario.yaml", content, load_scenario)


@FAST
@given(damaged(DOTENV))
def test_any_dotenv_file_is_read_or_refused(content: bytes) -> None:
    read_or_refused(".env", content, lambda p: load_settings(env_file=p))
