"""Smoke checks against the live HECT site: run only with HECT_LIVE=1 and credentials
(the scheduled smoke workflow does this). They never complete an authorisation: ``--smoke``
stops at Amazon's/eBay's sign-in page in the private window."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        os.environ.get("HECT_LIVE") != "1" or not os.environ.get("HECT_PASSWORD"),
        reason="live checks need HECT_LIVE=1, HECT_EMAIL and HECT_PASSWORD",
    ),
]


def hect_runbook(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hect_automation", *args, "--headless", "--json"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=cwd,
        check=False,
        env={**os.environ, "HECT_ARTIFACTS_DIR": str(Path.cwd() / "hect-runs")},
    )


def test_status_reads_every_channel(tmp_path: Path) -> None:
    result = hect_runbook("status", cwd=tmp_path)
    assert result.returncode in (0, 10), result.stderr
    assert json.loads(result.stdout)["channels"], "HECT listed no channels"


@pytest.mark.parametrize("platform", ["amazon", "ebay"])
def test_expired_channels_reach_the_marketplace_sign_in(platform: str, tmp_path: Path) -> None:
    result = hect_runbook("reconnect", platform, "--all-expired", "--smoke", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    runs = json.loads(result.stdout)["runs"]
    assert all(run["outcome"] == "smoke-ok" for run in runs)
