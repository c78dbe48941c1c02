"""``status --all-accounts``: every account of the accounts file, read at once.

Each account is read by its own ``hect-runbook status --account NAME --json`` process (its
own browser context, or its own connection to ``HECT_BROWSER_WS_ENDPOINT`` /
``HECT_BROWSER_CDP_ENDPOINT``: a fleet runs on a browser grid as well), at most ``workers``
at a time. Each process keeps its own history, sends its own account's notices and appends
its own table to GitHub's job summary; this one gathers their JSON into one table or document
and one JUnit file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from hect_automation.accounts import load_accounts
from hect_automation.config import Settings
from hect_automation.errors import NeedsReconnect

ACCOUNT_BOUND = 900.0  # seconds one account's status may take, sign-in and retries included


@dataclass
class FleetReport:
    """Each account's status document (or why it could not be read)."""

    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    junit: str = ""  # every account's suite, in one JUnit document

    @property
    def exit_code(self) -> int:
        codes = {doc.get("exit_code", 1) for doc in self.documents.values()}
        return 0 if codes <= {0} else NeedsReconnect.exit_code

    @property
    def outcome(self) -> str:
        return "healthy" if self.exit_code == 0 else "needs-action"

    def document(self) -> dict[str, Any]:
        return {"outcome": self.outcome, "exit_code": self.exit_code, "accounts": self.documents}


def status_all(
    settings: Settings, passed: list[str], *, workers: int, notify_urls: Sequence[str] = ()
) -> FleetReport:
    """Read every account's status, ``workers`` at a time; ``passed`` are the status
    options to hand on (--platform, --warn-days…). Notification URLs go to each account's
    process in its environment (``HECT_NOTIFY``), never on a command line others can see."""
    env = os.environ.copy()  # the child's own environment, with the URLs added
    env.pop("HECT_NOTIFY", None)
    if notify_urls:
        env["HECT_NOTIFY"] = " ".join(notify_urls)
    names = sorted(load_accounts(settings.accounts))
    report = FleetReport()
    with tempfile.TemporaryDirectory(prefix="hect-fleet-") as scratch:
        junits = {name: Path(scratch) / f"{name}.xml" for name in names}

        def one(name: str) -> tuple[str, dict[str, Any]]:
            return name, _status_of(name, [*passed, "--junit", str(junits[name])], env)

        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(names)))) as pool:
            report.documents = dict(pool.map(one, names))
        report.junit = _merged(junits)
    return report


def _status_of(name: str, passed: list[str], env: dict[str, str]) -> dict[str, Any]:
    command = [sys.executable, "-m", "hect_automation", "status", "--account", name, "--json"]
    try:
        done = subprocess.run(
            [*command, *passed],
            capture_output=True,
            text=True,
            timeout=ACCOUNT_BOUND,
            env=env,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"outcome": "failed", "exit_code": 8, "message": f"no answer in {ACCOUNT_BOUND} s"}
    try:
        document = json.loads(done.stdout)
    except json.JSONDecodeError:
        document = None
    if not isinstance(document, dict):  # it crashed, or printed something else
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"outcome": "failed", "exit_code": done.returncode or 1, "message": last}
    return document


def _merged(junits: dict[str, Path]) -> str:
    """One JUnit document of every account's suite (accounts not read have none)."""
    suites = ET.Element("testsuites")
    for path in junits.values():
        if path.is_file():
            suites.append(ET.fromstring(path.read_text(encoding="utf-8")))  # noqa: S314 - ours
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
