"""What every step kind shares: the run it acts on, and the one Protocol it implements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from playwright.sync_api import Browser, BrowserContext, Page

from hect_automation.config import Settings
from hect_automation.hect.channels import ChannelList, ChannelRecord
from hect_automation.hect.session import HectSite
from hect_automation.operator import Operator
from hect_automation.report import Outcome, RunRecord
from hect_automation.runbook import Runbook


@dataclass(frozen=True)
class RunOptions:
    """Choices made on the command line for one run."""

    force: bool = False
    smoke: bool = False
    order_poll_from: datetime | None = None
    order_poll: bool = True


class Listener(Protocol):
    """Who hears about the run as it goes (the terminal, a test)."""

    def step_started(self, index: int, total: int, say: str, action: str) -> None: ...

    def step_finished(self, index: int, status: str, detail: str, seconds: float) -> None: ...

    def say(self, text: str) -> None: ...


class StopRun(Exception):
    """Ends a run early and successfully (nothing to do, or a smoke check done)."""

    def __init__(self, outcome: Outcome, message: str) -> None:
        super().__init__(message)
        self.outcome = outcome
        self.message = message


@dataclass
class Run:
    """One execution of a runbook: its inputs, the browser pieces, and what steps found."""

    runbook: Runbook
    inputs: dict[str, str]
    settings: Settings
    options: RunOptions
    browser: Browser
    site: HectSite
    operator: Operator
    listener: Listener
    record: RunRecord
    run_dir: Path
    channel_list_url: str | None = None
    before: ChannelList | None = None
    target: ChannelRecord | None = None
    isolated: BrowserContext | None = None
    window: Page | None = None

    @property
    def channel_name(self) -> str:
        return self.inputs.get("channel", "")

    def evidence(self, name: str) -> Path:
        """A path in the run folder, recorded as a screenshot of this run."""
        path = self.run_dir / name
        self.record.screenshots.append(str(path))
        return path


class Action(Protocol):
    """One step kind: how to describe a step of it, and how to carry it out."""

    def describe(self, step: Any) -> str: ...

    def perform(self, step: Any, run: Run) -> str: ...
