"""``reconnect --all-expired`` over ten channels against one: peak memory, and how long the
person waits between two hand-offs.

    .venv/bin/python benchmarks/bench_batch.py [--channels 10]

Each size runs on a fresh sandbox account whose Amazon channels are all expired and linked
to one seller, with the simulated operator, as a whole process (its Playwright driver and
Chromium included). Measured:

- peak memory: the largest sum of the resident memory (RSS) of the tool's process tree,
  sampled every 50 ms; the figure is ten channels against one (target: at most 1.2);
- person-idle time: from the end of one channel's hand-off (success noticed) to the start of
  the next one's, from the run records (target: at most 1 s median).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from datetime import datetime, timedelta
from pathlib import Path

from hect_automation import Sandbox
from hect_automation.pytest_plugin import sandbox_env
from hect_automation.sandbox import ChannelSeed, Scenario

HAND_OFF = "hand over to the person, then notice HECT's success page"


def tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and every process below it."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            pages = int((entry / "statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(int(stat[1]), []).append(int(entry.name))
        rss[int(entry.name)] = pages * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def batch(sandbox: Sandbox, count: int, folder: Path) -> tuple[int, list[float]]:
    base = sandbox.scenario.model_dump()
    channels = [
        ChannelSeed(platform="amazon", name=f"Amazon Shop {n:02}", expires="-3d",
                    seller="A1ACMETRADEUK1").model_dump()
        for n in range(count)
    ]  # fmt: skip
    scenario = Scenario.model_validate({**base, "channels": channels, "orders": []})
    tenant = sandbox.create_account(scenario)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HECT_")}
    env.update(sandbox_env(tenant, folder), HECT_TRACE="off")
    process = subprocess.Popen(
        [sys.executable, "-m", "hect_automation", "reconnect", "amazon", "--all-expired",
         "--operator", "simulated", "--no-order-poll", "--headless", "--json"],
        env=env, cwd=folder, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    peak, done = 0, threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.05):
            peak = max(peak, tree_rss(process.pid))

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, _ = process.communicate(timeout=900)
    done.set()
    sampler.join()
    document = json.loads(out)
    runs = document.get("runs", [document])
    if len(runs) != count or any(r["outcome"] != "verified" for r in runs):
        raise SystemExit(f"the batch of {count} did not verify every channel: {out[-400:]}")
    spans = []
    for run in runs:
        step = next(s for s in run["steps"] if s["action"] == HAND_OFF)
        start = datetime.fromisoformat(step["started_at"])
        spans.append((start, start + timedelta(milliseconds=step["duration_ms"])))
    idle = [(b[0] - a[1]).total_seconds() for a, b in itertools.pairwise(spans)]
    return peak, idle


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--channels", type=int, default=10)
    args = parser.parse_args()
    with Sandbox() as sandbox:
        one, _ = batch(sandbox, 1, Path(tempfile.mkdtemp(prefix="bench-batch-1-")))
        many, idle = batch(sandbox, args.channels, Path(tempfile.mkdtemp(prefix="bench-batch-")))
    result = {
        "peak_rss_mb_one_channel": round(one / 2**20),
        f"peak_rss_mb_{args.channels}_channels": round(many / 2**20),
        "peak_memory_ratio": round(many / one, 2),
        "person_idle_s_median": round(statistics.median(idle), 2),
        "person_idle_s_max": round(max(idle), 2),
    }
    print(json.dumps(result, indent=2))
    out = Path(__file__).parent / "results" / "batch.json"
    out.parent.mkdir(exist_ok=True)  # kept out of git: absent in a fresh clone
    out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
