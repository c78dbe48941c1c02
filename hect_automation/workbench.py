"""What every command works with, resolved once by the command line: the settings, where
progress goes, who signs in (asked once), the browser, the history, the audit trail.

The command line builds one ``Workbench`` per command; the commands (``commands.py``) use it
and never read the environment or the sandbox themselves.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from playwright.sync_api import Browser
from rich.console import Console

from hect_automation.accounts import account_named
from hect_automation.browser import (
    BrowserSession,
    new_hect_context,
    open_browser,
)
from hect_automation.config import Settings, ask_credentials
from hect_automation.errors import BadInput
from hect_automation.hect.channels import ChannelRecord
from hect_automation.hect.session import Credentials, HectSite, RetryPolicy
from hect_automation.history import History, default_path
from hect_automation.operator import (
    MarketplaceLogin,
    Operator,
    SimulatedOperator,
    TerminalOperator,
    is_loopback,
)
from hect_automation.platforms import Platform
from hect_automation.provision import check_display
from hect_automation.remote import LinkOperator, WatchOperator
from hect_automation.render import ConsoleListener
from hect_automation.report import append_line, utcnow, who_runs

if TYPE_CHECKING:
    from hect_automation.sandbox.practice import Practice


@dataclass
class Workbench:
    settings: Settings
    console: Console  # stderr: progress and guidance (results go to stdout)
    interactive: bool
    practice: Practice | None = None  # the embedded sandbox's logins (--sandbox, demo)
    given_browser: Browser | None = None  # a caller's own (the pytest plugin, tests)
    remote: dict[str, Any] = field(default_factory=dict)  # --listen, --public-url, --link-file
    warnings: list[str] = field(default_factory=list)  # said as "Warning: …" (see warn)
    _credentials: Credentials | None = field(default=None, repr=False)
    _session: BrowserSession | None = field(default=None, repr=False)

    def warn(self, text: str) -> None:
        """Say that something beside the command went wrong (a notice not delivered, an
        audit line not written), and keep it: a fleet reading's console is not the
        terminal, so ``status --all-accounts`` shows each account's warnings itself."""
        self.warnings.append(text)
        self.console.print(f"Warning: {text}", style="yellow", markup=False)

    # -- who signs in ------------------------------------------------------------------------
    def credentials(self) -> Credentials:
        """Who signs into HECT: settled (asked at a terminal, if need be) once per command."""
        if self._credentials is None:
            settings = self.settings
            if self.practice is not None:
                self._credentials = self.practice.hect(settings.email, settings.password)
            else:
                settled = ask_credentials(settings, interactive=self.interactive)
                assert settled.email and settled.password  # ask_credentials sees to both
                where = "HECT_EMAIL and HECT_PASSWORD"
                if settings.account:
                    found = account_named(settings, settings.account)
                    where = found.login_source(settings.account, settings.accounts)
                self._credentials = Credentials(settled.email, settled.password, where)
        return self._credentials

    def marketplace_login(
        self, entry: Platform, channel: ChannelRecord, seller: str
    ) -> MarketplaceLogin:
        """The simulated operator's login: the settings' first (on the embedded sandbox, only
        if they name one of its sellers), else the sandbox's login of the seller."""
        names = entry.login
        if names is not None:
            login = self.settings.variable(names.login)
            secret = self.settings.variable(names.password)
            otp = self.settings.variable(names.otp) if names.otp else None
            if login and secret and (self.practice is None or self.practice.knows(login)):
                return MarketplaceLogin(login, secret, otp)
        if (
            self.practice is not None
            and seller
            and (found := self.practice.seller(entry.key, seller))
        ):
            return found
        wanted = f"{names.login} and {names.password}" if names else "a login"
        raise BadInput(f"the simulated operator needs a login: set {wanted}")

    def operator(self, kind: str, listener: ConsoleListener) -> Operator:
        if kind == "simulated":
            if not is_loopback(self.settings.base_url):
                raise BadInput(
                    "--operator simulated only runs against loopback hosts (the sandbox), "
                    f"not {self.settings.base_url}"
                )
            return SimulatedOperator(login=self.marketplace_login, note=listener.say)
        if kind == "link":
            return LinkOperator(self.console, **self.remote)
        if kind == "watch":
            return WatchOperator(self.console, self.interactive, **self.remote)
        return TerminalOperator(self.console, interactive=self.interactive)

    # -- the browser and HECT --------------------------------------------------------------------
    @contextmanager
    def browser(self, *, headed: bool) -> Iterator[Browser]:
        if self.given_browser is not None:
            yield self.given_browser
            return
        settings = self.settings
        remote = settings.browser_ws_endpoint or settings.browser_cdp_endpoint
        check_display(settings, headed=headed, remote=bool(remote))
        with self.own_browser(headed=headed) as session:
            self._session = session
            try:
                yield session.browser
            finally:
                self._session = None

    def own_browser(self, *, headed: bool) -> AbstractContextManager[BrowserSession]:
        """A browser session of the caller's own, never the one given (a run in a thread of
        its own needs its own Playwright): launched, or connected to the configured endpoint."""
        settings = self.settings
        return open_browser(
            headed=headed,
            executable=settings.browser_executable,
            ws_endpoint=settings.browser_ws_endpoint,
            cdp_endpoint=settings.browser_cdp_endpoint,
            timeout=settings.timeout * 2,
        )

    def current_browser(self, fallback: Browser) -> Browser:
        """The browser to go on with: a relaunched one, if the first died."""
        return self._session.browser if self._session is not None else fallback

    @property
    def relaunch(self) -> Callable[[], Browser] | None:
        """Start the browser afresh (after it or Playwright's driver died); None for a browser
        the caller gave, which is the caller's to mend."""
        return self._session.relaunch if self._session is not None else None

    @contextmanager
    def hect(self, browser: Browser, listener: ConsoleListener) -> Iterator[HectSite]:
        """A HECT tab in a context of its own (untraced), closed afterwards."""
        context = new_hect_context(browser, timeout=self.settings.timeout)
        try:
            yield HectSite(
                browser,
                context,
                self.settings.base_url,
                self.credentials,
                timeout=self.settings.timeout,
                retry=RetryPolicy(first_delay=self.settings.retry_delay),
                say=listener.say,
            )
        finally:
            context.close()

    # -- memory and audit ----------------------------------------------------------------------
    def account(self) -> str:
        """The account runs are filed under: the HECT login at HECT's address."""
        email = self._credentials.email if self._credentials else (self.settings.email or "")
        return f"{email}@{self.settings.base_url}"

    def history(self) -> History:
        return History(self.settings.history or default_path(), self.account())

    def audit(self, command: str, *, outcome: str, exit_code: int, message: str) -> None:
        """One line in ``audit.jsonl`` for a command that is not a run (status, order-poll)."""
        line = {
            "at": utcnow().isoformat(),
            "command": command,
            "account": self.account(),
            "outcome": outcome,
            "exit_code": exit_code,
            "message": message,
            "base_url": self.settings.base_url,
            "hect_login": self._credentials.email if self._credentials else None,
            "user": who_runs(),
        }
        try:
            self.settings.artifacts_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            append_line(self.settings.artifacts_dir / "audit.jsonl", json.dumps(line))
        except OSError as exc:
            self.warn(f"could not write the audit line ({exc.strerror})")
