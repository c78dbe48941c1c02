"""Measure the runbook engine against a minimal hand-written Playwright script, side by side.

    .venv/bin/python benchmarks/bench_reconnect.py [--repeat 7] [--out FILE]

1. Launch to consent: from browser launch to the consent flow ready in the isolated
   context (Amazon's sign-in page showing), for the engine (``--smoke`` run, timed to the
   moment its step reports) and for a minimal script doing the same clicks. The two
   alternate within each repetition, on fresh sandbox accounts; the ratio of medians is
   the figure (target: at most 1.10).
2. Success detection: full reconnects with the simulated operator; the engine records how
   long after HECT's success page finished loading it noticed the success image
   (target: under 100 ms).

Ratios, not absolute times, are the point: this machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import expect, sync_playwright
from pydantic import SecretStr

from hect_automation.actions.base import RunOptions
from hect_automation.browser import LAUNCH_ARGS, discover, open_browser
from hect_automation.config import load_settings
from hect_automation.engine import run_runbook
from hect_automation.hect.session import Credentials
from hect_automation.operator import SimulatedOperator
from hect_automation.runbook import load_runbook
from hect_automation.sandbox.server import Sandbox
from hect_automation.sandbox.state import Tenant

RUNBOOK = load_runbook("refresh-amazon-token")


class Clock:
    """A listener that notes when the consent-reaching step finished."""

    def __init__(self) -> None:
        self.marks: dict[int, float] = {}

    def step_started(self, index: int, total: int, say: str, action: str) -> None:
        return None

    def step_finished(self, index: int, status: str, detail: str, seconds: float) -> None:
        self.marks[index] = time.perf_counter()

    def say(self, text: str) -> None:
        return None


def _credentials(account: Tenant) -> Credentials:
    user = account.scenario.users[0]
    return Credentials(user.email, SecretStr(user.password))


def _operator(account: Tenant) -> SimulatedOperator:
    seller = account.scenario.amazon_sellers[0]
    return SimulatedOperator(login=lambda platform, channel: (seller.email, seller.password, None))


def engine_to_consent(account: Tenant, executable: Path | None, artifacts: Path) -> float:
    settings = load_settings(
        {"base_url": account.urls["hect"], "artifacts_dir": artifacts}, env_file=None
    )
    clock = Clock()
    started = time.perf_counter()
    with open_browser(headed=False, executable=executable) as browser:
        run_runbook(
            RUNBOOK,
            {"channel": "Amazon UK"},
            settings,
            browser=browser,
            operator=_operator(account),
            listener=clock,
            credentials=lambda: _credentials(account),
            options=RunOptions(smoke=True),
        )
    awaited = next(i for i, s in enumerate(RUNBOOK.steps, start=1) if s.do == "await_operator")
    return clock.marks[awaited] - started


def minimal_to_consent(account: Tenant, executable: Path | None) -> float:
    user = account.scenario.users[0]
    started = time.perf_counter()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=LAUNCH_ARGS)
        page = browser.new_page()
        page.goto(account.urls["hect"] + "/")
        page.get_by_label("Email").fill(user.email)
        page.get_by_label("Password").fill(user.password)
        page.get_by_role("button", name="Log In").click()
        page.get_by_role("link", name="Settings", exact=True).click()
        page.get_by_role("link", name="Sales Channels", exact=True).click()
        page.get_by_role("link", name="Amazon", exact=True).click()
        row = page.get_by_role("row").filter(has_text="Amazon UK")
        href = row.get_by_role("link", name="Connect Channel").get_attribute("href")
        private = browser.new_context().new_page()
        private.goto(href or "")
        expect(private.get_by_label("Email or mobile phone number")).to_be_visible()
        elapsed = time.perf_counter() - started
        browser.close()
    return elapsed


def success_latency(account: Tenant, executable: Path | None, artifacts: Path) -> float:
    settings = load_settings(
        {"base_url": account.urls["hect"], "artifacts_dir": artifacts}, env_file=None
    )
    with open_browser(headed=False, executable=executable) as browser:
        record = run_runbook(
            RUNBOOK,
            {"channel": "Amazon UK"},
            settings,
            browser=browser,
            operator=_operator(account),
            listener=Clock(),
            credentials=lambda: _credentials(account),
            options=RunOptions(order_poll=False),
        )
    return float(record.notes["success_detected_ms_after_load"])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/latest.json"))
    args = parser.parse_args()
    with sync_playwright() as p:
        executable = discover(p).executable
    engine: list[float] = []
    minimal: list[float] = []
    latency: list[float] = []
    with Sandbox() as sandbox, tempfile.TemporaryDirectory() as tmp:
        artifacts = Path(tmp)
        minimal_to_consent(sandbox.create_account(), executable)  # warm up caches and templates
        for rep in range(args.repeat):
            order = ("engine", "minimal") if rep % 2 == 0 else ("minimal", "engine")
            for side in order:
                account = sandbox.create_account()
                if side == "engine":
                    engine.append(engine_to_consent(account, executable, artifacts))
                else:
                    minimal.append(minimal_to_consent(account, executable))
            latency.append(success_latency(sandbox.create_account(), executable, artifacts))
            print(
                f"rep {rep + 1}: engine {engine[-1]:.3f} s, minimal {minimal[-1]:.3f} s, "
                f"success detected {latency[-1]:.0f} ms after load",
                file=sys.stderr,
            )
    result: dict[str, Any] = {
        "repeat": args.repeat,
        "engine_median_s": round(statistics.median(engine), 3),
        "minimal_median_s": round(statistics.median(minimal), 3),
        "ratio_of_medians": round(statistics.median(engine) / statistics.median(minimal), 3),
        "success_detection_median_ms": round(statistics.median(latency), 1),
        "success_detection_max_ms": round(max(latency), 1),
        "targets": {"ratio_of_medians": 1.10, "success_detection_ms": 100},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    ok = result["ratio_of_medians"] <= 1.10 and result["success_detection_median_ms"] < 100
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
