"""The pytest plugin, used as a team would: a test file of their own, run by pytest in a
folder of its own, with nothing but the installed package."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

pytest_plugins = ["pytester"]

# The README's example, word for word (between the markers there).
EXAMPLE = """
def test_amazon_uk_reconnects(hect_sandbox, hect_runbook):
    hect_sandbox.fail_next("/settings/sales-channels", times=1)  # a bad moment at HECT
    result = hect_runbook("amazon", "Amazon UK")
    assert result.exit_code == 0, result.messages
    assert result.outcome == "verified"
    assert not hect_sandbox.channel_named("Amazon UK").expired
    assert len(hect_sandbox.polls) == 1  # the order poll ran, once


def test_live_status(hect_live):  # skipped without --hect-live and a HECT login
    assert hect_live.base_url.startswith("https://")
"""

# Only where Playwright's own Chromium is not installed (as here): use the one found.
CONFTEST = """
import pytest
from playwright.sync_api import sync_playwright
from hect_automation import discover_browser as discover


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    with sync_playwright() as playwright:
        choice = discover(playwright)
    return {**browser_type_launch_args, "executable_path": choice.launchable(headed=False)}
"""


# A run that fails keeps its HECT trace when pytest-playwright's --tracing asks for it (by
# default, as pytest-playwright's own, nothing is traced).
TRACED = """
def test_a_refused_consent_keeps_its_trace(hect_sandbox, hect_runbook, tmp_path):
    hect_sandbox.set(refuse_consent=True)
    assert hect_runbook("amazon", "Amazon UK").exit_code == 6
    assert len(list(tmp_path.rglob("trace.zip"))) == 1
"""


def test_a_teams_own_check_runs_on_the_plugin(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_team=EXAMPLE + TRACED)
    flags = ("-p", "no:xdist", "-rs", "--tracing=retain-on-failure")
    result = pytester.runpytest_subprocess(*flags, timeout=120)
    result.assert_outcomes(passed=2, skipped=1)
    result.stdout.fnmatch_lines(["*SKIPPED*live HECT checks need --hect-live*"])


def test_the_example_is_the_readmes() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert EXAMPLE.strip() in readme
