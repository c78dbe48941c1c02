"""Playwright's debug logs print what is typed: hect-runbook switches off only those."""

from __future__ import annotations

import os

import pytest

from hect_automation.config import playwright_logs_off


@pytest.mark.parametrize(
    ("debug", "kept", "said"),
    [
        ("pw:api", None, "pw:api"),
        ("pw:*,express:router", "express:router", "pw:*"),
        ("*", None, "*"),
        ("pw:browser -pw:api", "pw:browser,-pw:api", ""),  # neither prints a call's arguments
        ("pw:protocol pw:channel", None, "pw:protocol, pw:channel"),
        ("", None, ""),
    ],
)
def test_only_the_logs_that_print_arguments_go(
    monkeypatch: pytest.MonkeyPatch, debug: str, kept: str | None, said: str
) -> None:
    monkeypatch.setenv("DEBUG", debug)
    monkeypatch.delenv("DEBUGP", raising=False)
    assert playwright_logs_off() == said

    expected = kept if said else debug  # nothing to switch off: left as it was
    assert os.environ.get("DEBUG") == expected


def test_debugp_goes_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEBUG", raising=False)
    monkeypatch.setenv("DEBUGP", "1")
    assert playwright_logs_off() == "DEBUGP"

    assert "DEBUGP" not in os.environ
