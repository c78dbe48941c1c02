"""What the commands print as their result: run summaries, the status table, JSON documents.

Results go to stdout; progress and guidance (``jobs.ConsoleListener``, the hand-off panel)
go to stderr.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.live import Live
from rich.markup import escape
from rich.table import Table

from hect_automation.errors import BadInput, HectError
from hect_automation.history import Observation, RunRow
from hect_automation.platforms import platform
from hect_automation.report import RunRecord

if TYPE_CHECKING:
    from hect_automation.commands import Batch, Survey
    from hect_automation.fleet import FleetReport


def stdout() -> Console:
    """Results. Piped into a file or another program, lines are never cut to 80 columns."""
    return Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 250)


@dataclass
class ConsoleListener:
    """Prints the run as it goes: the article's words, then what was done and how long.

    The article's words are quoted as what the step is about: the tool has done it (the
    'right click on the yellow connect channel button' is not an instruction to the person).
    """

    console: Console

    def step_started(self, index: int, total: int, say: str, action: str) -> None:
        self.console.print(
            f'[bold]\\[{index}/{total}][/] Article: "{escape(" ".join(say.split()))}"',
            highlight=False,
        )

    def step_finished(self, index: int, status: str, detail: str, seconds: float) -> None:
        mark = {"ok": "[green]✓[/]", "failed": "[red]✗[/]"}.get(status, "·")
        self.console.print(
            f"      {mark} {escape(detail)} [dim]({seconds:.1f} s)[/]", highlight=False
        )

    def say(self, text: str) -> None:
        self.console.print(f"      · {text}", highlight=False, markup=False)


Channel = tuple[str, str]  # a platform's key and a channel's name


class Progress:
    """Where each channel of a batch is. One after another, ``show`` prints the table before
    each channel; all at once (``live``), the table is redrawn in place at a terminal, and
    elsewhere (a log, CI) each change is one line."""

    def __init__(self, console: Console, channels: list[Channel], *, live: bool = False) -> None:
        self.console = console
        self.states: dict[Channel, str] = dict.fromkeys(channels, "waiting")
        self._lock = threading.Lock()
        self._live = (
            Live(console=console, auto_refresh=False) if live and console.is_terminal else None
        )
        self._lines = live and self._live is None

    def __enter__(self) -> Progress:
        if self._live is not None:
            self._live.update(self.table())
            self._live.start(refresh=True)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._live is not None:
            self._live.stop()

    def table(self) -> Table:
        table = Table("", "platform", "channel", "where it is", title="Progress")
        for number, ((key, name), state) in enumerate(self.states.items(), start=1):
            table.add_row(str(number), platform(key).label, escape(name), escape(state))
        return table

    def show(self, title: str, now: Channel) -> None:
        """Before ``now`` starts: the title ("Channel 2 of 5: …") and the table."""
        self.set(now, "now")
        self.console.print(title, style="bold", markup=False)
        self.console.print(self.table())

    def set(self, channel: Channel, state: str) -> None:
        with self._lock:
            if self.states.get(channel) == state:
                return
            self.states[channel] = state
            if self._live is not None:
                self._live.update(self.table(), refresh=True)
            elif self._lines:
                label = platform(channel[0]).label
                self.console.print(f"{label} '{channel[1]}': {state}", markup=False)

    def ended(self, channel: Channel, exit_code: int, how: str) -> None:
        self.set(channel, f"{how} (exit {exit_code})")

    def listener(self, channel: Channel) -> ProgressListener:
        return ProgressListener(self, channel)


@dataclass
class ProgressListener:
    """One run's listener in a batch run all at once: its steps move its row of the table;
    what it says is printed with the channel's name."""

    progress: Progress
    channel: Channel

    def step_started(self, index: int, total: int, say: str, action: str) -> None:
        self.progress.set(self.channel, f"step {index} of {total}: {action}")

    def step_finished(self, index: int, status: str, detail: str, seconds: float) -> None:
        if status == "failed":
            self.progress.set(self.channel, f"step {index} failed")

    def say(self, text: str) -> None:
        name = self.channel[1]
        self.progress.console.print(text if name in text else f"'{name}': {text}", markup=False)


def summary(out: Console, record: RunRecord, *, steps: bool = False) -> None:
    """How a run ended, what was verified and polled, and where its folder is."""
    if steps:
        table = Table(title=f"{record.title}: '{record.channel}'", title_justify="left")
        for column in ("#", "step", "result", "time"):
            table.add_column(column, justify="right" if column in {"#", "time"} else "left")
        for step in record.steps:
            seconds = f"{step.duration_ms / 1000:.2f} s" if step.duration_ms is not None else "-"
            table.add_row(
                str(step.index), step.action, f"{step.status}: {step.detail or ''}", seconds
            )
        out.print(table)
    mark = "[green]✓[/]" if record.exit_code == 0 else "[red]✗[/]"
    out.print(f"{mark} {escape(record.message)} ({(record.duration_ms or 0) / 1000:.1f} s)")
    if record.verification and record.verification.after and record.exit_code in (0, 12):
        v, after = record.verification, record.verification.after
        others = ", ".join(v.others_unchanged) or "no other channels"
        out.print(
            f"  Verified: '{v.channel}' {after.get('status') or '(no status shown)'}, token expiry"
            f" {after.get('expiry') or 'not shown'}, seller {after.get('seller') or 'not shown'};"
            f" unchanged: {others}",
            markup=False,
        )
    if record.order_poll:
        out.print(f"  Order poll: {record.order_poll.message}", markup=False)
    out.print(f"  Run folder: {record.run_dir}", markup=False)


def batch(out: Console, done: Batch, *, single: bool) -> None:
    """Each run's summary; after several, a closing table of how each ended."""
    for record in done.records:
        summary(out, record)
    if single:
        return
    table = Table("channel", "outcome", "exit", "what happened", title="Reconnects")
    for record in done.records:
        table.add_row(
            escape(record.channel or ""),
            record.outcome,
            str(record.exit_code),
            escape(record.message),
        )
    for name, exc in done.failures:
        table.add_row(escape(name), "failed", str(exc.exit_code), escape(str(exc)))
    for name in done.not_started:
        table.add_row(escape(name), "not started", "", "the batch was stopped before it")
    if table.rows:
        out.print(table)


def batch_document(done: Batch, *, single: bool) -> dict[str, Any]:
    """The run record (one channel), or every run and failure (``--all-expired``)."""
    if single and done.records:
        return done.records[0].model_dump(mode="json")
    runs = [r.model_dump(mode="json") for r in done.records]
    runs += [failure_document(exc) for _, exc in done.failures]
    outcome = (
        "failed"
        if done.failures
        else "stopped"
        if done.stopped
        else ("done" if runs else "nothing-due")
    )
    document: dict[str, Any] = {"outcome": outcome, "exit_code": done.exit_code, "runs": runs}
    if done.not_started:
        document["not_started"] = list(done.not_started)
    return document


def status(out: Console, report: Survey) -> None:
    """The channels as a table, then what to do about each that needs action."""
    table = Table(
        "platform", "channel", "HECT shows", "token expiry", "days left", "seller", "state"
    )
    for h in report.health:
        r = h.record
        table.add_row(
            h.platform,
            escape(r.name),
            escape(r.status or ""),
            escape(r.expiry_text),
            "" if h.days_left is None else str(h.days_left),
            escape(r.seller),
            f"[{STATE_STYLE.get(h.state, 'yellow')}]{h.state.value}[/]",
        )
    out.print(table)
    for h in report.needing:
        out.print(f"{h.record.name}: {h.state.value}, {h.reason}", markup=False)
        if h.fix:
            out.print(f"    {h.fix}", markup=False, style="bold")
    for key, why in report.unreadable.items():
        out.print(f"{key}: channels not read: {why}", markup=False, style="red")
    out.print(report.summary(), markup=False)


def fleet_warnings(err: Console, report: FleetReport) -> None:
    """Each account's warnings (a notice not delivered, say), as its own reading says them."""
    for name, doc in report.documents.items():
        for warning in doc.get("warnings", []):
            err.print(f"{name}: Warning: {warning}", markup=False, style="yellow")


def fleet(out: Console, report: FleetReport) -> None:
    """Every account's channels in one table, then each account's fixes and failures."""
    table = Table("account", "platform", "channel", "token expiry", "days left", "state")
    for name, doc in report.documents.items():
        for channel in doc.get("channels", []):
            days = channel.get("days_left")
            state = str(channel.get("state", ""))
            table.add_row(
                escape(name),
                escape(str(channel.get("platform", ""))),
                escape(str(channel.get("name", ""))),
                escape(str(channel.get("expiry") or "")),
                "" if days is None else str(days),
                f"[{STATE_STYLE.get(state, 'yellow')}]{escape(state)}[/]",
            )
    out.print(table)
    for name, doc in report.documents.items():
        for channel in doc.get("channels", []):
            if channel.get("needs_action") and channel.get("fix"):
                out.print(f"{name}: {channel['name']}: {channel['fix']}", markup=False)
        if "channels" not in doc:
            out.print(f"{name}: not read: {doc.get('message', '')}", markup=False, style="red")
    read = [doc for doc in report.documents.values() if "channels" in doc]
    needing = sum(1 for doc in read if doc.get("exit_code"))
    unread = len(report.documents) - len(read)
    said = f"{len(read)} accounts read, {needing} need action"
    out.print(said + (f", {unread} not read" if unread else ""), markup=False)


STATE_STYLE = {"OK": "green", "RELINK_NEEDED": "red", "SELLER_CHANGED": "red", "CRITICAL": "red"}


def status_document(report: Survey, zone: ZoneInfo) -> dict[str, Any]:
    return {
        "outcome": report.outcome,
        "exit_code": report.exit_code,
        "checked_at": datetime.now(UTC).isoformat(),
        "channels": [h.to_json(zone) for h in report.health],
        "needs_action": len(report.needing),
        "unreadable": report.unreadable,
    }


def history(
    out: Console, account: str, where: str, runs: list[RunRow], seen: list[Observation]
) -> None:
    out.print(f"History of {account} ({where})", markup=False, style="bold")
    table = Table(
        "finished (UTC)",
        "platform",
        "channel",
        "outcome",
        "exit",
        "seller",
        "operator",
        title="Runs",
        title_justify="left",
    )
    for run in runs:
        sellers = f"{run.seller_before or '-'} -> {run.seller_after or '-'}"
        table.add_row(
            run.finished_at[:16].replace("T", " "),
            run.platform,
            escape(run.channel),
            run.outcome,
            str(run.exit_code),
            sellers,
            run.operator,
        )
    out.print(table if runs else "No runs remembered.")
    table = Table(
        "seen (UTC)",
        "platform",
        "channel",
        "HECT shows",
        "token expiry",
        "seller",
        "state",
        title="What status saw",
        title_justify="left",
    )
    for o in seen:
        table.add_row(
            o.seen_at[:16].replace("T", " "),
            o.platform,
            escape(o.channel),
            escape(o.status or ""),
            o.expiry or "",
            o.seller or "",
            o.state or "",
        )
    out.print(table if seen else "No status observations remembered.")


def history_document(
    account: str, where: str, runs: list[RunRow], seen: list[Observation]
) -> dict[str, Any]:
    return {
        "outcome": "listed",
        "exit_code": 0,
        "account": account,
        "history": where,
        "runs": [asdict(r) for r in runs],
        "observations": [asdict(o) for o in seen],
    }


def ending(outcome: str, exit_code: int, message: str) -> dict[str, Any]:
    """The JSON document of a command that ended before it had anything else to say."""
    return {"outcome": outcome, "exit_code": exit_code, "message": message}


def failure_document(exc: HectError) -> dict[str, Any]:
    """What ``--json`` prints when a command fails: the run record if a run was under way."""
    if isinstance(exc.record, RunRecord):
        document: dict[str, Any] = exc.record.model_dump(mode="json")
        return document
    return ending("bad-input" if isinstance(exc, BadInput) else "failed", exc.exit_code, str(exc))
