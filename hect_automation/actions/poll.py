"""``order_poll``: fetch the orders missed while the token was expired."""

from __future__ import annotations

from datetime import datetime, timedelta

from hect_automation.actions.base import Run
from hect_automation.hect.orders import start_order_poll
from hect_automation.report import OrderPollRecord
from hect_automation.runbook import OrderPoll


class OrderPollAction:
    def describe(self, step: OrderPoll) -> str:
        return "run HECT's order poll for the channel"

    def perform(self, step: OrderPoll, run: Run) -> str:
        assert run.target is not None and run.channel_list_url
        if not run.options.order_poll:
            return "skipped (--no-order-poll)"
        since = run.options.order_poll_from or run.target.expiry
        if since is None:
            return "skipped: HECT shows no token expiry date; give --order-poll-from to run one"
        if run.options.order_poll_from is None:
            since = min(since, datetime.now() - timedelta(minutes=1))
            chosen = run.operator.poll_from(since, run.target.name)
            if chosen is None:
                return "skipped at the operator's request"
            since = chosen
        timeout = step.timeout or run.settings.timeout
        message = start_order_poll(
            run.site,
            run.channel_list_url,
            platform=run.runbook.platform,
            channel=run.target.name,
            since=since,
            timeout=timeout,
        )
        run.record.order_poll = OrderPollRecord(
            requested_from=since.isoformat(timespec="minutes"), message=message
        )
        return message
