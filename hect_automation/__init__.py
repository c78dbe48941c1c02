"""hect-automation: HECT's support articles as runbooks a person and CI can run.

The public face: run a runbook (``run_runbook``, ``load_runbook``, ``load_settings``,
``RunOptions``) or the command itself (``run_command``), read HECT's pages (``HectSite``,
``ChannelReader``), the marketplaces' registry (``platform``, ``Platform``,
``register_platform``), the sandbox (``Sandbox``; the rest of it in
``hect_automation.sandbox``), and the error tree. Everything else is behind these. Names are
loaded when first used, so the command line starts without the sandbox's web stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hect_automation.faces import lazy_names

__version__ = "0.3.0"

# name -> "module" (the same name there) or "module:name"
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
    "Cue": "hect_automation.platforms",
    "HandOff": "hect_automation.operator",
    "HectError": "hect_automation.errors",
    "HectSite": "hect_automation.hect.session",
    "HectUnavailable": "hect_automation.errors",
    "History": "hect_automation.history",
    "Interrupted": "hect_automation.errors",
    "LAUNCH_ARGS": "hect_automation.provision",
    "Login": "hect_automation.platforms",
    "MarketplaceLogin": "hect_automation.operator",
    "NeedsReconnect": "hect_automation.errors",
    "OperatorDidNotFinish": "hect_automation.errors",
    "OrderPollNotRun": "hect_automation.errors",
    "PageMismatch": "hect_automation.errors",
    "Platform": "hect_automation.platforms",
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
    "Target": "hect_automation.runbook",
    "Verification": "hect_automation.report",
    "VerificationFailed": "hect_automation.errors",
    "builtin_runbooks": "hect_automation.runbook:builtin_dir",
    "discover_browser": "hect_automation.provision:discover",
    "load_runbook": "hect_automation.runbook",
    "load_settings": "hect_automation.config",
    "platform": "hect_automation.platforms",
    "register_platform": "hect_automation.platforms:register",
    "run_command": "hect_automation.cli:run",
    "run_runbook": "hect_automation.engine",
    "unregister_platform": "hect_automation.platforms:unregister",
}

__all__ = [
    "LAUNCH_ARGS",
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
    "Cue",
    "HandOff",
    "HectError",
    "HectSite",
    "HectUnavailable",
    "History",
    "Interrupted",
    "Login",
    "MarketplaceLogin",
    "NeedsReconnect",
    "OperatorDidNotFinish",
    "OrderPollNotRun",
    "PageMismatch",
    "Platform",
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
    "Target",
    "Verification",
    "VerificationFailed",
    "__version__",
    "builtin_runbooks",
    "discover_browser",
    "load_runbook",
    "load_settings",
    "platform",
    "register_platform",
    "run_command",
    "run_runbook",
    "unregister_platform",
]


__getattr__, __dir__ = lazy_names(__name__, _WHERE, __all__)


if TYPE_CHECKING:  # for type checkers and editors: the same names, eagerly
    from hect_automation.actions.base import RunOptions
    from hect_automation.cli import run as run_command
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
    from hect_automation.operator import HandOff, MarketplaceLogin, SimulatedOperator
    from hect_automation.platforms import Cue, Login, Platform, platform
    from hect_automation.platforms import register as register_platform
    from hect_automation.platforms import unregister as unregister_platform
    from hect_automation.provision import LAUNCH_ARGS
    from hect_automation.provision import discover as discover_browser
    from hect_automation.report import RunRecord, Verification
    from hect_automation.runbook import Runbook, Target, load_runbook
    from hect_automation.runbook import builtin_dir as builtin_runbooks
    from hect_automation.sandbox.server import Sandbox
