"""hect-automation: HECT's support articles as runbooks a person and CI can run.

The public face: run a runbook (``run_runbook``, ``load_runbook``, ``load_settings``,
``RunOptions``), read HECT's pages (``HectSite``, ``ChannelReader``, ``platform``), the
sandbox (``Sandbox``), and the error tree. Everything else is behind these. Names are loaded
when first used, so the command line starts without the sandbox's web stack.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.3.0"

_WHERE = {
    "AuthorisationFailed": "hect_automation.errors",
    "BadInput": "hect_automation.errors",
    "BrowserLost": "hect_automation.errors",
    "BrowserNotFound": "hect_automation.errors",
    "ChannelChoiceError": "hect_automation.errors",
    "ChannelList": "hect_automation.hect.channels",
    "ChannelReader": "hect_automation.hect.reader",
    "ChannelRecord": "hect_automation.hect.channels",
    "ConfigError": "hect_automation.errors",
    "Credentials": "hect_automation.hect.session",
    "HectError": "hect_automation.errors",
    "HectSite": "hect_automation.hect.session",
    "HectUnavailable": "hect_automation.errors",
    "History": "hect_automation.history",
    "Interrupted": "hect_automation.errors",
    "NeedsReconnect": "hect_automation.errors",
    "OperatorDidNotFinish": "hect_automation.errors",
    "OrderPollNotRun": "hect_automation.errors",
    "PageMismatch": "hect_automation.errors",
    "ReconnectedNotVerified": "hect_automation.errors",
    "RunOptions": "hect_automation.actions.base",
    "RunRecord": "hect_automation.report",
    "Runbook": "hect_automation.runbook",
    "RunbookInvalid": "hect_automation.errors",
    "Sandbox": "hect_automation.sandbox.server",
    "SellerChanged": "hect_automation.errors",
    "Settings": "hect_automation.config",
    "SignInFailed": "hect_automation.errors",
    "SimulatedOperator": "hect_automation.operator",
    "VerificationFailed": "hect_automation.errors",
    "load_runbook": "hect_automation.runbook",
    "load_settings": "hect_automation.config",
    "platform": "hect_automation.platforms",
    "run_runbook": "hect_automation.engine",
}

__all__ = [
    "AuthorisationFailed",
    "BadInput",
    "BrowserLost",
    "BrowserNotFound",
    "ChannelChoiceError",
    "ChannelList",
    "ChannelReader",
    "ChannelRecord",
    "ConfigError",
    "Credentials",
    "HectError",
    "HectSite",
    "HectUnavailable",
    "History",
    "Interrupted",
    "NeedsReconnect",
    "OperatorDidNotFinish",
    "OrderPollNotRun",
    "PageMismatch",
    "ReconnectedNotVerified",
    "RunOptions",
    "RunRecord",
    "Runbook",
    "RunbookInvalid",
    "Sandbox",
    "SellerChanged",
    "Settings",
    "SignInFailed",
    "SimulatedOperator",
    "VerificationFailed",
    "__version__",
    "load_runbook",
    "load_settings",
    "platform",
    "run_runbook",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'hect_automation' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # for type checkers and editors: the same names, eagerly
    from hect_automation.actions.base import RunOptions
    from hect_automation.config import Settings, load_settings
    from hect_automation.engine import run_runbook
    from hect_automation.errors import (
        AuthorisationFailed,
        BadInput,
        BrowserLost,
        BrowserNotFound,
        ChannelChoiceError,
        ConfigError,
        HectError,
        HectUnavailable,
        Interrupted,
        NeedsReconnect,
        OperatorDidNotFinish,
        OrderPollNotRun,
        PageMismatch,
        ReconnectedNotVerified,
        RunbookInvalid,
        SellerChanged,
        SignInFailed,
        VerificationFailed,
    )
    from hect_automation.hect.channels import ChannelList, ChannelRecord
    from hect_automation.hect.reader import ChannelReader
    from hect_automation.hect.session import Credentials, HectSite
    from hect_automation.history import History
    from hect_automation.operator import SimulatedOperator
    from hect_automation.platforms import platform
    from hect_automation.report import RunRecord
    from hect_automation.runbook import Runbook, load_runbook
    from hect_automation.sandbox.server import Sandbox
