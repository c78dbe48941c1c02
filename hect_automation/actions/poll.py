"""``order_poll``: fetch the orders missed while the token was expired.

It runs only after verification, from when the token expired (or ``--order-poll-from``, or
the time the person types), never from the future. Whatever stops it, the channel stays
reconnected and verified, and the run ends 12 with the command that runs the poll.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from hect_automation.actions.base import RunContext, Verified
from hect_automation.hect.orders import OrderPoller
from hect_automation.report import OrderPollRecord
from hect_automation.runbook import OrderPoll


class OrderPollAction:
    def describe(self, step: OrderPoll) -> str:
        return "run HECT's order poll for the channel"

    def perform(
        self, step: OrderPoll, ctx: RunContext, verified: Verified
    ) -> tuple[OrderPollRecord | None, str]:
        target = verified.opened.target
        if not ctx.options.order_poll:
            return None, "skipped (--no-order-poll)"
        since = ctx.options.order_poll_from or target.expiry
        if since is None:
            return (
                None,
                "skipped: HECT shows no token expiry date; give --order-poll-from to run one",
            )
        if ctx.options.order_poll_from is None:
            since = min(since, datetime.now() - timedelta(minutes=1))
            chosen = ctx.operator.poll_from(since, target.name)
            if chosen is None:
                return None, "skipped at the operator's request"
            since = chosen
        ctx.record.notes["order_poll_from"] = since.isoformat(timespec="minutes")
        timeout = ctx.timeout(step)
        record = ctx.list_as_verified(verified, timeout)
        started = OrderPoller(ctx.site, timeout, ctx.say).start(record, since)
        since = started.since
        ctx.record.order_poll = OrderPollRecord(
            requested_from=since.replace(tzinfo=ctx.settings.zone),
            requested_from_text=f"{since:%d/%m/%Y %H:%M}",
            message=started.message,
        )
        return ctx.record.order_poll, started.message
