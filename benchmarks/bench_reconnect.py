"""The whole reconnect, measured side by side in one run (ratios, not timers).

    .venv/bin/python benchmarks/bench_reconnect.py [--repeat 7] [--before REV]

1. Engine against a minimal script: the full job (sign in, Settings, Sales Channels,
   Amazon, the channel's link in a private context, Amazon's sign-in and consent, HECT's
   success image, HECT read again, the order poll confirmed) by ``run_runbook`` and by a
   short hand-written Playwright script that knows this page's markup and checks nothing
   else. Same browser, fresh sandbox accounts, alternating which goes first. Target: the
   ratio of medians at most 1.10. The person's part is played two ways on the engine's
   side: by the simulated operator (which recognises each Amazon page by its labels, as
   ``demo`` and the tests use it), and by the minimal script's own lines (``Scripted``),
   which leaves only what the engine itself adds.
2. ``hect-runbook demo`` as a whole process, this checkout against ``--before`` (default:
   the commit before issue 6 began), extracted with ``git archive`` and run with the same
   Python. Target: at most 1.05.
3. How soon after HECT's success page finished loading the engine noticed it (run.json's
   ``notes.success_detected_ms_after_load``). Target: under 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, expect, sync_playwright
from pydantic import SecretStr

from hect_automation import (
    LAUNCH_ARGS,
    Credentials,
    Cue,
    HandOff,
    MarketplaceLogin,
    RunOptions,
    Sandbox,
    SimulatedOperator,
    load_runbook,
    load_settings,
    run_runbook,
)
from hect_automation import discover_browser as discover
from hect_automation.sandbox import Tenant

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "c0aed24"  # the last commit before issue 6 (reading any HECT) began


class Quiet:
    def step_started(self, *args: object) -> None: ...
    def step_finished(self, *args: object) -> None: ...
    def say(self, text: str) -> None: ...


def sign_in_on_amazon(window: Page, email: str, password: str) -> None:
    """The person's part, as the minimal script does it (this markup only)."""
    window.get_by_label("Email or mobile phone number").fill(email)
    window.get_by_role("button", name="Continue").click()
    window.get_by_label("Password").fill(password)
    window.get_by_role("button", name="Sign in").click()
    window.get_by_role("checkbox", name="I direct Amazon").check()
    window.get_by_role("button", name="Confirm").click()


@dataclass
class Scripted:
    """A person who signs in with the minimal script's lines the moment the window opens."""

    email: str
    password: str
    kind: str = "scripted"
    remind_every: float = 30.0
    cues: list[Cue] = field(default_factory=list)

    def begin(self, task: HandOff) -> None:
        assert task.window is not None
        sign_in_on_amazon(task.window.page, self.email, self.password)

    def act(self, cue: Cue, page: Page, task: HandOff) -> None: ...
    def remind(self, remaining: float, task: HandOff) -> None: ...
    def say(self, text: str) -> None: ...
    def end(self, task: HandOff) -> None: ...
    def close(self) -> None: ...
    def poll_from(self, default: datetime, channel: str) -> datetime | None:
        return default


def engine(
    browser: Browser, account: Tenant, artifacts: Path, *, scripted: bool = False
) -> tuple[float, float]:
    """The engine's full job; (seconds, success noticed ms after load)."""
    user, seller = account.scenario.users[0], account.scenario.amazon_sellers[0]
    person: Scripted | SimulatedOperator = (
        Scripted(seller.email, seller.password)
        if scripted
        else SimulatedOperator(login=lambda *_: MarketplaceLogin(seller.email, seller.password))
    )
    settings = load_settings(
        {"base_url": account.urls["hect"], "artifacts_dir": artifacts, "trace": "off"},
        env_file=None,
    )
    started = time.perf_counter()
    record = run_runbook(
        load_runbook("refresh-amazon-token"),
        {"channel": "Amazon UK"},
        settings,
        browser=browser,
        operator=person,
        listener=Quiet(),
        credentials=lambda: Credentials(user.email, SecretStr(user.password)),
        options=RunOptions(),
    )
    elapsed = time.perf_counter() - started
    return elapsed, float(record.notes.get("success_detected_ms_after_load", 0))


def minimal(browser: Browser, account: Tenant) -> float:
    """The same job by hand, for this markup only, checking nothing else."""
    user, seller = account.scenario.users[0], account.scenario.amazon_sellers[0]
    started = time.perf_counter()
    context = browser.new_context()
    page = context.new_page()
    page.goto(account.urls["hect"] + "/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(user.password)
    page.get_by_role("button", name="Log In").click()
    page.get_by_role("link", name="Settings", exact=True).click()
    page.get_by_role("link", name="Sales Channels", exact=True).click()
    page.get_by_role("link", name="Amazon", exact=True).click()
    row = page.get_by_role("row").filter(has_text="Amazon UK")
    href = row.get_by_role("link", name="Connect Channel").get_attribute("href")
    private = browser.new_context()
    window = private.new_page()
    window.goto(href or "")
    sign_in_on_amazon(window, seller.email, seller.password)
    expect(window.get_by_role("img", name="Success")).to_be_visible()
    private.close()
    page.reload()
    expect(page.get_by_role("row").filter(has_text="Amazon UK")).to_contain_text("Connected")
    page.get_by_role("row").filter(has_text="Amazon UK").get_by_role(
        "link", name="Order Poll"
    ).click()
    since = datetime.now() - timedelta(days=3)
    page.get_by_label("Date and time of the oldest order").fill(f"{since:%Y-%m-%dT%H:%M}")
    page.get_by_role("button", name="Start Order Poll").click()
    expect(page.get_by_text("Order poll queued")).to_be_visible()
    context.close()
    return time.perf_counter() - started


def before_checkout(rev: str) -> Path:
    """The project as it was at ``rev``, extracted next to the system's temporary files."""
    folder = Path(tempfile.gettempdir()) / f"hect-automation-{rev}"
    if not (folder / "hect_automation").is_dir():
        archive = subprocess.run(
            ["git", "archive", rev], cwd=ROOT, capture_output=True, check=True
        ).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
    return folder


def demo(checkout: Path, artifacts: Path) -> float:
    """``hect-runbook demo`` from ``checkout``, as a whole process; seconds."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HECT_")}
    env.update(PYTHONPATH=str(checkout), NO_COLOR="1")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "hect_automation", "demo", "--artifacts", str(artifacts)],
        cwd=checkout,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--before", default=BEFORE, help="the version to compare demo with")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/reconnect.json")
    args = parser.parse_args()
    runs: dict[str, list[float]] = {"engine": [], "scripted": [], "minimal": [], "detected": []}
    demos: dict[str, list[float]] = {"now": [], "before": []}
    old = before_checkout(args.before)
    with Sandbox() as sandbox, sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        choice = discover(p)
        browser = p.chromium.launch(
            executable_path=choice.launchable(headed=False), args=LAUNCH_ARGS
        )
        minimal(browser, sandbox.create_account())  # warm caches and templates
        for rep in range(args.repeat):
            sides = ("engine", "scripted", "minimal")
            for side in sides if rep % 2 == 0 else reversed(sides):
                account = sandbox.create_account()
                if side == "minimal":
                    runs["minimal"].append(minimal(browser, account))
                    continue
                elapsed, detected = engine(browser, account, Path(tmp), scripted=side == "scripted")
                runs[side].append(elapsed)
                if side == "engine":
                    runs["detected"].append(detected)
            for side in ("now", "before") if rep % 2 == 0 else ("before", "now"):
                demos[side].append(demo(ROOT if side == "now" else old, Path(tmp) / side))
            print(
                f"rep {rep + 1}: engine {runs['engine'][-1]:.2f} s (scripted person "
                f"{runs['scripted'][-1]:.2f} s), minimal "
                f"{runs['minimal'][-1]:.2f} s; demo {demos['now'][-1]:.2f} s, before "
                f"{demos['before'][-1]:.2f} s; success noticed {runs['detected'][-1]:.0f} ms",
                file=sys.stderr,
            )
        browser.close()
    median = {name: statistics.median(values) for name, values in {**runs, **demos}.items()}
    result: dict[str, Any] = {
        "repeat": args.repeat,
        "medians_s": {k: round(v, 3) for k, v in median.items() if k != "detected"},
        "engine_vs_minimal": round(median["engine"] / median["minimal"], 3),
        "engine_scripted_person_vs_minimal": round(median["scripted"] / median["minimal"], 3),
        "demo_vs_before": round(median["now"] / median["before"], 3),
        "success_noticed_ms": {
            "median": round(median["detected"], 1),
            "max": round(max(runs["detected"]), 1),
        },
        "targets": {"engine_vs_minimal": 1.10, "demo_vs_before": 1.05, "success_noticed_ms": 100},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    ok = (
        result["engine_vs_minimal"] <= 1.10
        and result["demo_vs_before"] <= 1.05
        and median["detected"] < 100
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
