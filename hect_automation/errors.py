"""Every failure hect-runbook reports, and the exit code each maps to.

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
    ├── AuthorisationFailed         6  Amazon/eBay or HECT reported the authorisation failed
    ├── VerificationFailed          7  afterwards HECT does not show the intended result
    └── HectUnavailable             8  HECT, the network or a browser endpoint still failing

Anything else escaping to the command line is a bug and exits 1.

Context (runbook, step, channel) is keyword-only, and the engine adds where the evidence is
(screenshot, trace) before the error reaches the command line, so one line says it all:
``refresh-amazon-token, step 3 (click 'Sales Channels'): not found within 10 s; screenshot: …``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

EXIT_MEANINGS: dict[int, str] = {
    0: "done and verified",
    1: "internal error (a bug: please report it with the run folder)",
    2: "bad input",
    3: "could not sign into HECT",
    4: "the page did not match the runbook (the site's UI may have changed)",
    5: "the operator did not finish",
    6: "the authorisation was reported as failed or refused",
    7: "verification failed",
    8: "HECT or the network unreachable after retries",
    10: "at least one channel needs reconnecting",
}


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (Playwright's go on with a call log)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class HectError(Exception):
    """Base of every error hect-runbook reports; ``exit_code`` is the process's exit code."""

    exit_code: ClassVar[int] = 1

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
        self.record: Any = None  # the run record (report.RunRecord) when a run was under way

    def __str__(self) -> str:
        where = ", ".join(part for part in (self.runbook, self.step) if part)
        text = f"{where}: {self.message}" if where else self.message
        if self.screenshot:
            text += f"; screenshot: {self.screenshot}"
        if self.trace:
            text += f"; trace: {self.trace}"
        return text


class BadInput(HectError):
    """The command, a setting, a runbook file or a channel name is wrong. Exit 2."""

    exit_code = 2


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


class PageMismatch(HectError):
    """A step's target was not found on the page within its timeout. Exit 4."""

    exit_code = 4


class OperatorDidNotFinish(HectError):
    """The person did not finish signing in: timeout, window closed or aborted. Exit 5."""

    exit_code = 5


class AuthorisationFailed(HectError):
    """Amazon, eBay or HECT's callback reported the authorisation failed or refused. Exit 6."""

    exit_code = 6


class VerificationFailed(HectError):
    """HECT does not show the intended channel, and only it, reconnected. Exit 7."""

    exit_code = 7


class HectUnavailable(HectError):
    """HECT, the network or a browser endpoint kept failing after bounded retries. Exit 8."""

    exit_code = 8
