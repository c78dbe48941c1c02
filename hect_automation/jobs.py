"""What each command does, given resolved settings: the glue between the CLI and the engine.

A ``Job`` holds what every command needs (settings, the embedded sandbox when ``--sandbox``,
the browser, the console) and knows where credentials come from.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click
from playwright.sync_api import Browser, BrowserContext
from pydantic import SecretStr
from rich.console import Console
from rich.markup import escape

from hect_automation.actions.base import RunOptions
from hect_automation.actions.navigate import navigate
from hect_automation.boundary import labelled, translated
from hect_automation.browser import new_hect_context, open_browser
from hect_automation.config import Settings, ask_credentials
from hect_automation.engine import run_runbook
from hect_automation.errors import BadInput, HectError, PageMismatch
from hect_automation.hect.channels import ChannelList, ChannelRecord
from hect_automation.hect.explain import walk
from hect_automation.hect.orders import OrderPoller
from hect_automation.hect.reader import ChannelReader
from hect_automation.hect.session import Credentials, HectSite
from hect_automation.history import History, default_path
from hect_automation.operator import (
    MarketplaceLogin,
    Operator,
    SimulatedOperator,
    TerminalOperator,
    is_loopback,
)
from hect_automation.platforms import Platform, platform
from hect_automation.report import RunRecord, slug
from hect_automation.runbook import Click, OpenHect, Runbook, load_runbook, runbook_for

if TYPE_CHECKING:
    from hect_automation.sandbox.server import Sandbox


@dataclass
class ConsoleListener:
    """Prints the run as it goes: the article's words, then what was done and how long."""

    console: Console

    def step_started(self, index: int, total: int, say: str, action: str) -> None:
        self.console.print(
            f"[bold]\\[{index}/{total}][/] {escape(' '.join(say.split()))}", highlight=False
        )

    def step_finished(self, index: int, status: str, detail: str, seconds: float) -> None:
        mark = {"ok": "[green]✓[/]", "failed": "[red]✗[/]"}.get(status, "·")
        self.console.print(
            f"      {mark} {escape(detail)} [dim]({seconds:.1f} s)[/]", highlight=False
        )

    def say(self, text: str) -> None:
        self.console.print(f"      · {text}", highlight=False, markup=False)


def given_browser() -> Browser | None:
    """The browser the caller of ``cli.run`` handed in, if any."""
    context = click.get_current_context(silent=True)
    obj = context.find_root().obj if context is not None else None
    return obj.get("browser") if isinstance(obj, dict) else None


@dataclass
class Job:
    settings: Settings
    console: Console
    interactive: bool
    sandbox: Sandbox | None = None
    _credentials: Credentials | None = field(default=None, repr=False)

    @classmethod
    @contextmanager
    def start(
        cls, settings: Settings, console: Console, *, use_sandbox: bool, interactive: bool
    ) -> Iterator[Job]:
        with ExitStack() as stack:
            sandbox = None
            if use_sandbox:
                from hect_automation.sandbox.server import Sandbox  # noqa: PLC0415 - only then

                sandbox = stack.enter_context(Sandbox())
                settings = settings.model_copy(update={"base_url": sandbox.url("hect")})
                console.print(f"Sandbox running at {sandbox.url('hect')}/", markup=False)
                logins = ", ".join(
                    f"{s.email} / {s.password} (Seller ID {s.id})"
                    for s in sandbox.scenario.amazon_sellers[:2]
                )
                console.print(f"Practice Amazon logins: {logins}", markup=False, style="dim")
            yield cls(settings, console, interactive, sandbox)

    # -- who signs in ----------------------------------------------------------------------
    def hect_credentials(self) -> Credentials:
        """Who signs into HECT: settled (asked, if need be) once per command."""
        if self._credentials is None:
            self._credentials = self._settle_credentials()
        return self._credentials

    def _settle_credentials(self) -> Credentials:
        settings = self.settings
        if self.sandbox is not None:
            users = {u.email.lower(): u for u in self.sandbox.scenario.users}
            chosen = users.get((settings.email or "").lower())
            if chosen is None:  # not a sandbox user (say, a real login in .env): the sandbox's
                chosen = self.sandbox.scenario.users[0]
                return Credentials(chosen.email, SecretStr(chosen.password))
            return Credentials(chosen.email, settings.password or SecretStr(chosen.password))
        settings = ask_credentials(settings, interactive=self.interactive)
        assert settings.email and settings.password  # ask_credentials guarantees both
        return Credentials(settings.email, settings.password)

    def marketplace_login(
        self, entry: Platform, channel: ChannelRecord, seller: str
    ) -> MarketplaceLogin:
        """The simulated operator's login: settings first (on the embedded sandbox, only if
        they name one of its sellers), else the sandbox scenario's login of the seller."""
        names = entry.login
        if names is not None:
            login = self.settings.variable(names.login)
            secret = self.settings.variable(names.password)
            otp = self.settings.variable(names.otp) if names.otp else None
            if login and secret and (self.sandbox is None or self._sandbox_knows(login)):
                return MarketplaceLogin(login, secret, otp)
        if self.sandbox is not None and seller:
            found = self.sandbox.scenario.seller_login(entry.key, seller)
            if found:
                return MarketplaceLogin(*found)
        wanted = f"{names.login} and {names.password}" if names else "a login"
        raise BadInput(f"the simulated operator needs a login: set {wanted}")

    def _sandbox_knows(self, login: str) -> bool:
        assert self.sandbox is not None
        scenario = self.sandbox.scenario
        known = [s.email for s in scenario.amazon_sellers] + [u.email for u in scenario.ebay_users]
        return login.lower() in {k.lower() for k in known}

    def operator(self, kind: str, listener: ConsoleListener) -> Operator:
        if kind == "simulated":
            if not is_loopback(self.settings.base_url):
                raise BadInput(
                    "--operator simulated only runs against loopback hosts (the sandbox), "
                    f"not {self.settings.base_url}"
                )
            return SimulatedOperator(login=self.marketplace_login, note=listener.say)
        return TerminalOperator(self.console, interactive=self.interactive)

    @contextmanager
    def browser(self, *, headed: bool) -> Iterator[Browser]:
        given = given_browser()
        if given is not None:  # a caller's own browser (the pytest plugin, tests): use it
            yield given
            return
        settings = self.settings
        remote = settings.browser_ws_endpoint or settings.browser_cdp_endpoint
        if (
            headed
            and not remote
            and sys.platform.startswith("linux")
            and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        ):
            raise BadInput(
                "a headed browser needs a display and none is set (DISPLAY): run on a desktop, "
                "use --headless, or set HECT_BROWSER_CDP_ENDPOINT to a browser you can see"
            )
        with open_browser(
            headed=headed,
            executable=settings.browser_executable,
            ws_endpoint=settings.browser_ws_endpoint,
            cdp_endpoint=settings.browser_cdp_endpoint,
            timeout=settings.timeout * 2,
        ) as browser:
            yield browser

    # -- the commands ----------------------------------------------------------------------
    def reconnect(
        self,
        platform: str,
        channels: list[str] | None,
        *,
        operator_kind: str,
        headed: bool,
        options: RunOptions,
    ) -> list[RunRecord | HectError]:
        """Reconnect the named channels (None: every expired one); a record or error each."""
        runbook = runbook_for(platform, self.settings.runbooks_dir)
        listener = ConsoleListener(self.console)
        operator = self.operator(operator_kind, listener)
        outcomes: list[RunRecord | HectError] = []
        every_expired = channels is None
        with self.browser(headed=headed) as browser:
            if channels is None:
                listed = self._survey(browser, [platform], listener)[platform]
                channels = [r.name for r in listed.records if r.expired]
                self.console.print(
                    f"Expired {platform} channels: {', '.join(channels) or 'none'}", markup=False
                )
            for name in channels:
                try:
                    outcomes.append(
                        run_runbook(
                            runbook,
                            {"channel": name},
                            self.settings,
                            browser=browser,
                            operator=operator,
                            listener=listener,
                            credentials=self.hect_credentials,
                            options=options,
                            memory=self.history(),
                            account=self.account_key(),
                        )
                    )
                except HectError as exc:
                    if not every_expired:
                        raise
                    outcomes.append(exc)
                    self.console.print(
                        f"[red]{escape(name)}: {escape(str(exc))}[/]", highlight=False
                    )
        return outcomes

    def account_key(self) -> str:
        """The account the history files runs under: the HECT login at HECT's address."""
        email = self._credentials.email if self._credentials else (self.settings.email or "")
        return f"{email}@{self.settings.base_url}"

    def history(self) -> History:
        return History(self.settings.history or default_path(), self.account_key())

    def _survey(
        self, browser: Browser, platforms: list[str], listener: ConsoleListener
    ) -> dict[str, ChannelList]:
        context = new_hect_context(browser, timeout=self.settings.timeout)
        found: dict[str, ChannelList] = {}
        missing: list[PageMismatch] = []
        try:
            site = self._site(browser, context, listener)
            for platform in platforms:
                runbook = runbook_for(platform, self.settings.runbooks_dir)
                try:
                    found[platform] = open_channel_list(
                        site, runbook, self.settings.timeout, listener
                    )
                except PageMismatch as exc:
                    missing.append(exc)
                    found[platform] = ChannelList(platform_entry(platform), ())
        finally:
            context.close()
        if len(missing) == len(platforms):
            raise missing[0]  # nothing readable at all: the site, not the account, changed
        for problem in missing:  # an account may simply have no channels on a platform
            listener.say(f"No channels read: {problem}. Reading the others.")
        return found

    def _site(
        self, browser: Browser, context: BrowserContext, listener: ConsoleListener
    ) -> HectSite:
        return HectSite(
            browser,
            context,
            self.settings.base_url,
            self.hect_credentials,
            timeout=self.settings.timeout,
            say=listener.say,
        )

    def status(self, platforms: list[str], *, headed: bool) -> dict[str, ChannelList]:
        with self.browser(headed=headed) as browser:
            return self._survey(browser, platforms, ConsoleListener(self.console))

    def explain(
        self, name: str, inputs: dict[str, str], *, headed: bool
    ) -> tuple[bool, list[str], list[str]]:
        """Walk runbook ``name`` as a run would, without changing HECT; what was seen."""
        runbook = load_runbook(name, self.settings.runbooks_dir)
        listener = ConsoleListener(self.console)
        with self.browser(headed=headed) as browser:
            context = new_hect_context(browser, timeout=self.settings.timeout)
            try:
                site = self._site(browser, context, listener)
                with translated(f"explain {runbook.id}"):
                    return walk(site, runbook, inputs, self.settings.timeout)
            finally:
                context.close()

    def order_poll(self, platform: str, channel: str, since: datetime, *, headed: bool) -> str:
        listener = ConsoleListener(self.console)
        runbook = runbook_for(platform, self.settings.runbooks_dir)
        timeout = self.settings.timeout
        with self.browser(headed=headed) as browser:
            context = new_hect_context(browser, timeout=timeout)
            try:
                site = self._site(browser, context, listener)
                walk_to_list(site, runbook, timeout)
                with translated("start the order poll"):
                    reader = ChannelReader(
                        site.page,
                        platform_entry(platform),
                        timeout,
                        click=site.click,
                        note=listener.say,
                    )
                    record = reader.find(channel)
                    return OrderPoller(site, timeout, listener.say).start(record, since)
            finally:
                context.close()


def platform_entry(key: str) -> Platform:
    return platform(key)


def walk_to_list(site: HectSite, runbook: Runbook, timeout: float) -> None:
    """Walk ``runbook``'s navigation steps (up to its first other step)."""
    for index, step in enumerate(runbook.steps, start=1):
        if not isinstance(step, OpenHect | Click):
            break
        with labelled(runbook.id, index, f"step {index}"):
            navigate(site, step, timeout)


def open_channel_list(
    site: HectSite, runbook: Runbook, timeout: float, listener: ConsoleListener
) -> ChannelList:
    """Walk to ``runbook``'s channel list and read all of it."""
    walk_to_list(site, runbook, timeout)
    with translated(f"read the {runbook.platform} channel list"):
        return ChannelReader(
            site.page,
            platform_entry(runbook.platform),
            timeout,
            click=site.click,
            note=listener.say,
        ).read_all()


def explain_folder(artifacts: Path, runbook: str, channel: str | None) -> Path:
    """A run folder for ``explain`` (0700), as ``reconnect`` makes them."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = artifacts / f"{stamp}-explain-{runbook}-{slug(channel or 'all')}"
    try:
        artifacts.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise BadInput(
            f"cannot create {folder} ({exc.strerror}); choose another with --artifacts"
        ) from exc
    return folder
