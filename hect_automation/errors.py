"""Every way hect-runbook ends other than "done", and the exit code each maps to.

::

    HectError                       base; never raised itself
    ├── BadInput                    2  usage, configuration, runbook file, channel choice
    │   ├── ConfigError             2  a setting's value is wrong (names where it came from)
    │   ├── RunbookInvalid          2  a runbook file fails validation (file and key path)
    │   ├── ChannelChoiceError      2  unknown or ambiguous channel name
    │   └── BrowserNotFound         2  no Chromium to launch: the message says what to install
    ├── SignInFailed                3  HECT refused the email and password, or locked the user
    ├── PageMismatch                4  a step's target is not on the page: the UI changed
    ├── OperatorDidNotFinish        5  the person timed out, closed the window or aborted
    │   └── Interrupted             5  Ctrl-C, SIGTERM or SIGHUP stopped the run
    ├── AuthorisationFailed         6  Amazon/eBay or HECT reported the authorisation failed
    ├── VerificationFailed          7  afterwards HECT does not show the intended result
    │   └── SellerChanged           7  the channel's seller is not the one last verified
    ├── HectUnavailable             8  HECT, the network or a browser endpoint still failing
    │   └── BrowserLost             8  the browser or Playwright's driver stopped under the run
    ├── NeedsReconnect             10  status: at least one channel needs action
    ├── ReconnectedNotVerified     11  HECT shows it reconnected; the run could not check it all
    └── OrderPollNotRun            12  reconnected and verified, but the order poll did not run

Anything else escaping to the command line is a bug and exits 1. ``EXIT_MEANINGS`` (the
``--help`` epilogue and the README's table) is built from these classes and nowhere else.

Context (runbook, step, channel) is keyword-only, and the engine adds where the evidence is
(screenshot, trace, explain.txt) before the error reaches the command line, so one line says
it all: ``refresh-amazon-token, step 3 (click 'Sales Channels'): not found within 10 s; …``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (Playwright's go on with a call log)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class HectError(Exception):
    """Base of every error hect-runbook reports; ``exit_code`` is the process's exit code."""

    exit_code: ClassVar[int] = 1
    meaning: ClassVar[str] = "internal error (a bug: please report it with the run folder)"

    def __init__(
        self,
        message: str,
        *,
        runbook: str | None = None,
        step: str | None = None,
        channel: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.runbook = runbook
        self.step = step
        self.channel = channel
        self.screenshot: Path | None = None
        self.trace: Path | None = None
        self.explain: Path | None = None
        self.record: Any = None  # the run record (report.RunRecord) when a run was under way

    def __str__(self) -> str:
        where = ", ".join(part for part in (self.runbook, self.step) if part)
        text = f"{where}: {self.message}" if where else self.message
        for label, path in (
            ("what the tool saw", self.explain),
            ("screenshot", self.screenshot),
            ("trace", self.trace),
        ):
            if path:
                text += f"; {label}: {path}"
        return text


class BadInput(HectError):
    """The command, a setting, a runbook file or a channel name is wrong. Exit 2."""

    exit_code = 2
    meaning = "bad input"


class ConfigError(BadInput):
    """A configuration value is invalid or missing; the message names its source. Exit 2."""


class RunbookInvalid(BadInput):
    """A runbook file fails validation; the message quotes file and key path. Exit 2."""


class ChannelChoiceError(BadInput):
    """The channel named does not exist, or more than one has that name. Exit 2."""


class BrowserNotFound(BadInput):
    """No Chromium could be found or started; the message says what to install. Exit 2."""


class SignInFailed(HectError):
    """HECT did not accept the email and password (or has locked the user). Exit 3."""

    exit_code = 3
    meaning = "could not sign into HECT"


class PageMismatch(HectError):
    """A step's target was not on the loaded page within its timeout. Exit 4."""

    exit_code = 4
    meaning = "the page did not match the runbook (the site's UI may have changed)"


class OperatorDidNotFinish(HectError):
    """The person did not finish signing in: timeout, window closed or aborted. Exit 5."""

    exit_code = 5
    meaning = "the operator did not finish"


class Interrupted(OperatorDidNotFinish):
    """Ctrl-C, SIGTERM or SIGHUP stopped the run; its record and HECT's state still reported.
    Exit 5."""


class AuthorisationFailed(HectError):
    """Amazon, eBay or HECT's callback reported the authorisation failed or refused. Exit 6."""

    exit_code = 6
    meaning = "the authorisation was reported as failed or refused"


class VerificationFailed(HectError):
    """HECT does not show the intended channel, and only it, reconnected. Exit 7."""

    exit_code = 7
    meaning = "verification failed: not connected, or the wrong account linked"


class SellerChanged(VerificationFailed):
    """The channel's seller differs from the one last verified (the history says). Exit 7."""


class HectUnavailable(HectError):
    """HECT, the network or a browser endpoint kept failing after bounded retries. Exit 8."""

    exit_code = 8
    meaning = "HECT or the network unreachable after retries"


class BrowserLost(HectUnavailable):
    """The browser or Playwright's driver stopped while the run needed it. Exit 8."""


class NeedsReconnect(HectError):
    """``status``: at least one channel is expired, expiring, or otherwise needs action.
    Exit 10."""

    exit_code = 10
    meaning = "at least one channel needs reconnecting (or other action)"


class ReconnectedNotVerified(HectError):
    """HECT shows the channel reconnected, but the run ended before it could check everything
    (the seller, the other channels). Exit 11."""

    exit_code = 11
    meaning = "reconnected, but not verified: check it with `hect-runbook status`"


class OrderPollNotRun(HectError):
    """The channel was reconnected and verified, but the order poll did not run; the
    message gives the command that runs it. Exit 12."""

    exit_code = 12
    meaning = "reconnected and verified, but the order poll did not run"


def _exit_classes() -> list[type[HectError]]:
    found: dict[int, type[HectError]] = {}
    pending: list[type[HectError]] = [HectError]
    while pending:
        cls = pending.pop(0)
        found.setdefault(cls.exit_code, cls)
        pending += cls.__subclasses__()
    return [found[code] for code in sorted(found)]


EXIT_MEANINGS: dict[int, str] = {
    0: "done and verified (status: every channel healthy)",
    **{cls.exit_code: cls.meaning for cls in _exit_classes()},
}
