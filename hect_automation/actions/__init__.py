"""The step kinds a runbook can use, each behind the ``Action`` Protocol (see ``base``)."""

from __future__ import annotations

from hect_automation.actions.base import Action
from hect_automation.actions.hand_off import AwaitOperatorAction
from hect_automation.actions.isolate import OpenIsolatedAction
from hect_automation.actions.navigate import ClickAction, OpenHectAction
from hect_automation.actions.poll import OrderPollAction
from hect_automation.actions.verify import VerifyAction

ACTIONS: dict[str, Action] = {
    "open_hect": OpenHectAction(),
    "click": ClickAction(),
    "open_isolated": OpenIsolatedAction(),
    "await_operator": AwaitOperatorAction(),
    "verify": VerifyAction(),
    "order_poll": OrderPollAction(),
}

__all__ = ["ACTIONS", "Action"]
