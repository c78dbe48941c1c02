"""How ``status --all-accounts`` scales: ten accounts against one, side by side in one run.

    .venv/bin/python benchmarks/bench_fleet.py [--repeat 3] [--workers 4]

Each account is a fresh sandbox HECT account of the default scenario (three channels); the
accounts file names them, their passwords in environment variables, as a desk would. The
whole command is timed as a process (each account's own process and browser included),
alternating which size goes first. The figure is the ratio of medians, ten against one
(target: at most 4).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hect_automation import Sandbox


def accounts_file(folder: Path, sandbox: Sandbox, count: int) -> tuple[Path, dict[str, str]]:
    lines, env = [], {}
    for n in range(count):
        tenant = sandbox.create_account()
        user = tenant.scenario.users[0]
        variable = f"HECT_PASSWORD_SELLER{n}"
        env[variable] = user.password
        lines += [
            f"[accounts.seller{n}]",
            f'base_url = "{tenant.urls["hect"]}"',
            f'email = "{user.email}"',
            f'password_env = "{variable}"',
            "",
        ]
    path = folder / f"accounts-{count}.toml"
    path.write_text("\n".join(lines))
    return path, env


def timed(path: Path, env: dict[str, str], workers: int, folder: Path) -> float:
    run_env = {k: v for k, v in os.environ.items() if not k.startswith("HECT_")}
    run_env.update(env, HECT_ACCOUNTS=str(path), HECT_HISTORY=str(folder / "history.sqlite3"))
    run_env.update(HECT_ARTIFACTS_DIR=str(folder / "runs"), HECT_TRACE="off")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "hect_automation", "status", "--all-accounts", "--json",
         "--workers", str(workers)],
        env=run_env, cwd=folder, capture_output=True, text=True, check=False, timeout=900,
    )  # fmt: skip
    took = time.perf_counter() - started
    if done.returncode not in (0, 10):
        raise SystemExit(f"status --all-accounts failed: {done.stderr.strip()[-400:]}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    with Sandbox() as sandbox, tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        sizes = {count: accounts_file(folder, sandbox, count) for count in (1, 10)}
        times: dict[int, list[float]] = {1: [], 10: []}
        for round_ in range(args.repeat):
            order = (1, 10) if round_ % 2 == 0 else (10, 1)
            for count in order:
                path, env = sizes[count]
                times[count].append(timed(path, env, args.workers, folder))
        one, ten = statistics.median(times[1]), statistics.median(times[10])
        print(f"1 account: {one:.1f} s; 10 accounts: {ten:.1f} s (workers {args.workers})")
        print(f"ratio 10/1: {ten / one:.2f} (target at most 4)")


if __name__ == "__main__":
    main()
