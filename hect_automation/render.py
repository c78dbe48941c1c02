"""What the commands print as their result: run summaries, the status table, JSON documents.

Results go to stdout; progress and guidance (``jobs.ConsoleListener``, the hand-off panel)
go to stderr.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from hect_automation.errors import HectError
from hect_automation.hect.channels import ChannelList
from hect_automation.report import RunRecord


def stdout() -> Console:
    return Console(highlight=False, soft_wrap=True)


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
            f"  Verified: '{v.channel}' {after.get('status')}, token expiry {after.get('expiry')},"
            f" seller {after.get('seller') or 'not shown'}; unchanged: {others}",
            markup=False,
        )
    if record.order_poll:
        out.print(f"  Order poll: {record.order_poll.message}", markup=False)
    out.print(f"  Run folder: {record.run_dir}", markup=False)


def status_rows(found: dict[str, ChannelList], warn_days: int) -> list[dict[str, Any]]:
    """One row per channel: what HECT shows, days left, and whether it needs reconnecting."""
    rows = []
    now = datetime.now()
    for platform, listed in found.items():
        for record in listed.records:
            days = (record.expiry - now).days if record.expiry else None
            soon = days is not None and days < warn_days
            rows.append(
                {
                    "platform": platform,
                    **record.to_json(),
                    "days_left": days,
                    "needs_reconnect": bool(record.expired) or soon,
                }
            )
    return rows


def status_table(rows: list[dict[str, Any]]) -> Table:
    table = Table("platform", "channel", "status", "token expiry", "days left", "seller", "action")
    for r in rows:
        table.add_row(
            r["platform"],
            escape(r["name"]),
            escape(r["status"]),
            r["expiry"] or "",
            "" if r["days_left"] is None else str(r["days_left"]),
            r["seller"] or "",
            "[red]reconnect[/]" if r["needs_reconnect"] else "[green]ok[/]",
        )
    return table


def failure_document(exc: HectError) -> dict[str, Any]:
    """What ``--json`` prints when a command fails: the run record if a run was under way."""
    if isinstance(exc.record, RunRecord):
        document: dict[str, Any] = exc.record.model_dump(mode="json")
        return document
    return {"outcome": "failed", "exit_code": exc.exit_code, "message": str(exc)}
