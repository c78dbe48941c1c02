"""``hect-runbook``: parse, call a command (``commands.py``), render, and one error boundary
that turns errors into exit codes.

Results go to stdout (a table, a summary, or with ``--json`` one JSON document and nothing
else, however the command ends); guidance and progress go to stderr. SIGTERM and SIGHUP end
a run as Ctrl-C does: HECT is read again and the record written.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

import click
from playwright.sync_api import Browser
from rich.markup import escape

from hect_automation import __version__, commands, fleet, notify, render, reports
from hect_automation.accounts import account_named, load_accounts, with_account
from hect_automation.actions import ACTIONS
from hect_automation.actions.base import RunOptions
from hect_automation.config import Settings, load_settings, playwright_logs_off
from hect_automation.errors import EXIT_MEANINGS, BadInput, HectError, PageMismatch
from hect_automation.health import Thresholds
from hect_automation.meanwhile import deliver
from hect_automation.operator import poll_start, stderr_console
from hect_automation.platforms import demo as demo_platform
from hect_automation.platforms import every as every_platform
from hect_automation.platforms import known, load_plugins
from hect_automation.remote import link_operator_options
from hect_automation.report import private_folder
from hect_automation.runbook import load_runbook, runbook_files
from hect_automation.workbench import Workbench

EXIT_TABLE = "\n".join(f"  {code:>2}  {meaning}" for code, meaning in EXIT_MEANINGS.items())


class Signalled(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where Ctrl-C would be, so a run ends the same careful way."""

    def __init__(self, signal_name: str) -> None:
        super().__init__(signal_name)
        self.signal_name = signal_name


class Platforms(click.Choice[str]):
    """The registered marketplaces, as they are when the command runs (not when this module
    was imported: a marketplace may be registered later, as a test's made-up one is)."""

    def __init__(self) -> None:
        super().__init__(known())

    @property  # type: ignore[override]
    def choices(self) -> list[str]:
        return known()

    @choices.setter
    def choices(self, _: object) -> None:
        pass  # always the registry's


def platforms() -> click.Choice[str]:
    return Platforms()


def common_options(command: Callable[..., int]) -> Callable[..., int]:
    """The options every command that talks to HECT shares (design section 3)."""
    options = [
        click.option("--base-url", metavar="URL", help="HECT's address [HECT_BASE_URL]."),
        click.option("--sandbox", is_flag=True, help="Start the embedded sandbox and use it."),
        click.option(
            "--account",
            metavar="NAME",
            help="Use this account of the accounts file [HECT_ACCOUNTS]: its address and login.",
        ),
        click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout."),
        click.option(
            "--headed/--headless",
            default=None,
            help="Show the browser window (default: headed for a person, headless otherwise).",
        ),
        click.option(
            "--artifacts",
            "artifacts_dir",
            type=click.Path(path_type=Path),
            help="Where run folders go [HECT_ARTIFACTS_DIR, hect-runs/].",
        ),
        click.option(
            "--timeout",
            type=float,
            metavar="SECONDS",
            help="How long each step may wait for the page [HECT_TIMEOUT, 15].",
        ),
        click.option(
            "--trace",
            type=click.Choice(["on", "off", "retain-on-failure"]),
            help="Keep the HECT trace [HECT_TRACE, retain-on-failure].",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


@contextmanager
def workbench(params: dict[str, Any], **overrides: Any) -> Iterator[Workbench]:
    """Settings resolved once, and with ``--sandbox`` the embedded sandbox started and its
    practice logins printed; what every command works with."""
    chosen = [
        f"--{k.replace('_', '-')}" for k in ("sandbox", "base_url", "account") if params.get(k)
    ]
    if len(chosen) > 1:
        raise BadInput(f"{' and '.join(chosen)} cannot be used together; choose one")
    flags = {k: params.get(k) for k in ("base_url", "artifacts_dir", "timeout", "headed", "trace")}
    settings = load_settings({**flags, **overrides})
    # HECT_ACCOUNT is --account's environment form; --sandbox or --base-url given choose.
    name = params.get("account") or (None if chosen else settings.account)
    if name:
        settings = with_account(settings, name)
    elif settings.account:
        settings = settings.model_copy(update={"account": None})
    console = stderr_console()
    root = click.get_current_context().find_root().obj or {}
    with ExitStack() as stack:
        practice = None
        if params.get("sandbox"):
            settings, practice = _start_sandbox(stack, settings, console)
        yield Workbench(
            settings, console, _interactive(), practice, given_browser=root.get("browser")
        )


def _start_sandbox(stack: ExitStack, settings: Settings, console: Any) -> tuple[Settings, Any]:
    from hect_automation.sandbox.practice import Practice  # noqa: PLC0415 - only with --sandbox
    from hect_automation.sandbox.server import Sandbox  # noqa: PLC0415

    sandbox = stack.enter_context(Sandbox())
    practice = Practice(sandbox.scenario)
    console.print(f"Sandbox running at {sandbox.url('hect')}/ with practice logins:", markup=False)
    for line in practice.lines():
        console.print(f"  {line}", markup=False, style="dim")
    return settings.model_copy(update={"base_url": sandbox.url("hect")}), practice


def emit(document: dict[str, Any]) -> None:
    click.echo(json.dumps(document, indent=2, default=str))


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=f"Exit codes:\n\n\b\n{EXIT_TABLE}",
)
@click.version_option(__version__, "--version", prog_name="hect-runbook")
def cli() -> None:
    """Guided, verified reconnection of Amazon and eBay channels in HECT.

    Start with `hect-runbook demo` (a reconnect on the built-in sandbox), then
    `hect-runbook reconnect amazon --channel "Amazon UK"` for a real one.
    """


@cli.command("list")
def list_runbooks() -> int:
    """The runbooks available, one line each."""
    out, code = render.stdout(), 0
    folder = load_settings().runbooks_dir
    for name in runbook_files(folder):
        try:
            runbook = load_runbook(name, folder)
        except BadInput as exc:
            out.print(f"{name:<24} INVALID: {exc}", markup=False)
            code = 2
            continue
        out.print(f"{runbook.id:<24} {runbook.title} ({len(runbook.steps)} steps)", markup=False)
    return code


@cli.command()
@click.argument("runbook")
def show(runbook: str) -> int:
    """RUNBOOK's steps as a checklist: the article's words, and what is done for each."""
    loaded = load_runbook(runbook, load_settings().runbooks_dir)
    out = render.stdout()
    out.print(f"[bold]{escape(loaded.title)}[/]  ({loaded.id}, {loaded.platform})")
    out.print(f"Source: {loaded.source}", markup=False)
    for name, spec in loaded.inputs.items():
        out.print(f"Input {{{name}}}: {spec.help}", markup=False)
    out.print()
    for index, step in enumerate(loaded.steps, start=1):
        out.print(f"{index:>2}. [ ] {' '.join(step.say.split())}", markup=False)
        out.print(f"        [dim]-> {escape(ACTIONS[step.do].describe(step))}[/]")
    return 0


@cli.command()
@click.argument("platform", type=platforms(), required=False)
@click.option("--channel", metavar="NAME", help="The channel to reconnect, as HECT names it.")
@click.option(
    "--all-expired",
    is_flag=True,
    help="Reconnect every channel that status calls due (of PLATFORM, or of every platform),"
    " one after another; with --operator watch, every link at once.",
)
@click.option(
    "--smoke", is_flag=True, help="Stop once the private consent page is reached and checked."
)
@click.option(
    "--operator",
    "operator_kind",
    type=click.Choice(["terminal", "link", "watch", "simulated"]),
    default="terminal",
    show_default=True,
    help="Who signs in on Amazon/eBay: a person at this screen (terminal), a person anywhere"
    " through a one-time hand-off link (link), a person opening the marketplace's link in"
    " their own browser while the tool watches HECT (watch), or a simulated one (sandbox only).",
)
@click.option(
    "--listen",
    metavar="HOST:PORT",
    help="--operator link: where the hand-off page listens [default: 127.0.0.1, any port].",
)
@click.option(
    "--public-url",
    metavar="URL",
    help="--operator link: the page's address as the person reaches it (a reverse proxy).",
)
@click.option(
    "--refresh-link-every",
    type=click.FloatRange(min=10),
    metavar="SECONDS",
    help="--operator watch: fetch a fresh link from HECT this often (at least 10).",
)
@click.option(
    "--link-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="--operator link or watch: write the link to this file (mode 0600), not to the terminal.",
)
@click.option(
    "--order-poll-from",
    metavar="DATETIME",
    help="Poll orders from this date-time (default: when the token expired).",
)
@click.option("--no-order-poll", is_flag=True, help="Skip the order poll.")
@click.option("--force", is_flag=True, help="Reconnect even if HECT shows the channel connected.")
@click.option(
    "--accept-seller",
    metavar="ID",
    help="Accept this seller for the channel although another was last verified.",
)
@click.option(
    "--warn-days",
    type=click.IntRange(min=0),
    default=30,
    show_default=True,
    help="A token expiring within this many days is due.",
)
@common_options
def reconnect(platform: str | None, **params: Any) -> int:
    """Refresh PLATFORM's token for a channel, hand the sign-in to you, verify, poll orders."""
    channel, smoke, kind = params["channel"], params["smoke"], params["operator_kind"]
    if bool(channel) == params["all_expired"]:
        raise BadInput("give exactly one of --channel NAME or --all-expired")
    if channel and platform is None:
        raise BadInput(
            f"name the channel's platform: hect-runbook reconnect {'|'.join(known())}"
            f" --channel {channel!r}"
        )
    if params["order_poll_from"] and params["no_order_poll"]:
        raise BadInput("--order-poll-from and --no-order-poll cannot be used together")
    options = RunOptions(
        force=params["force"],
        smoke=smoke,
        order_poll=not params["no_order_poll"],
        order_poll_from=poll_start(params["order_poll_from"])
        if params["order_poll_from"]
        else None,
        accept_seller=params["accept_seller"],
        warn_days=params["warn_days"],
    )
    remote = _remote_options(params, kind)
    with workbench(params) as bench:
        bench.remote = remote
        headed = bench.settings.headed if bench.settings.headed is not None else kind == "terminal"
        _warn_unseen(bench, headed=headed, kind=kind, smoke=smoke)
        batch = commands.reconnect(
            bench,
            platform,
            [channel] if channel else None,
            operator_kind=kind,
            headed=headed,
            options=options,
        )
    if params["as_json"]:
        emit(render.batch_document(batch, single=bool(channel)))
    else:
        render.batch(render.stdout(), batch, single=bool(channel))
    return batch.exit_code


def _remote_options(params: dict[str, Any], kind: str) -> dict[str, Any]:
    """--listen, --public-url, --refresh-link-every and --link-file: checked, and only with
    the operator they are for."""
    for name, only in (("listen", "link"), ("public_url", "link"), ("refresh_link_every", "watch")):
        if params[name] is not None and kind != only:
            raise BadInput(f"--{name.replace('_', '-')} only goes with --operator {only}")
    if kind not in {"link", "watch"}:
        if params["link_file"] is not None:
            raise BadInput("--link-file only goes with --operator link or --operator watch")
        return {}
    if params["link_file"] is not None:
        reports.ensure_writable(params["link_file"], "--link-file")
    if kind == "watch":
        return {"link_file": params["link_file"], "refresh_every": params["refresh_link_every"]}
    return {
        **link_operator_options(params["listen"], params["public_url"]),
        "link_file": params["link_file"],
    }


def _warn_unseen(bench: Workbench, *, headed: bool, kind: str, smoke: bool) -> None:
    settings = bench.settings
    remote = settings.browser_cdp_endpoint or settings.browser_ws_endpoint
    if kind == "terminal" and not headed and not remote and not smoke:
        bench.console.print(
            "Note: --headless with a person at the terminal: the Amazon/eBay window will not be"
            " seen. Use --headed, or a remote browser (HECT_BROWSER_CDP_ENDPOINT).",
            style="yellow",
            markup=False,
        )


@cli.command()
@click.option("--platform", type=platforms(), help="Only this platform's channels.")
@click.option(
    "--warn-days",
    type=click.IntRange(min=0),
    default=30,
    show_default=True,
    help="A token expiring within this many days is EXPIRING.",
)
@click.option(
    "--critical-days",
    type=click.IntRange(min=0),
    default=7,
    show_default=True,
    help="A token expiring within this many days is CRITICAL.",
)
@click.option(
    "--notify",
    "notify_urls",
    multiple=True,
    metavar="URL",
    envvar="HECT_NOTIFY",
    help="Send a notice here when a channel's state changes or recovers (an Apprise URL:"
    " mailto://, json://, slack://…; repeatable) [HECT_NOTIFY, space-separated].",
)
@click.option(
    "--junit",
    "junit_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write a JUnit XML file: one testcase per channel.",
)
@click.option(
    "--html",
    "html_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write a self-contained HTML page: the table and a timeline of token expiries.",
)
@click.option(
    "--all-accounts",
    is_flag=True,
    help="Every account of the accounts file [HECT_ACCOUNTS], read at once; one table.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 16),
    default=4,
    show_default=True,
    help="With --all-accounts: how many accounts are read at the same time.",
)
@common_options
def status(
    *,
    platform: str | None,
    warn_days: int,
    critical_days: int,
    notify_urls: tuple[str, ...],
    junit_file: Path | None,
    html_file: Path | None,
    all_accounts: bool,
    workers: int,
    **params: Any,
) -> int:
    """Every channel, its health and the command that fixes it; exit 10 when any needs action."""
    _check_status_options(warn_days, critical_days, notify_urls, junit_file, html_file)
    thresholds = Thresholds(warn_days=warn_days, critical_days=critical_days)
    keys = [platform] if platform else known()
    if all_accounts:
        if html_file is not None:
            raise BadInput("--html is for one account; with --all-accounts use --junit or --json")
        reading = fleet.FleetReading(keys, thresholds, notify_urls)
        return _status_of_every_account(params, reading, workers, junit_file)
    with workbench(params) as bench, audited(bench, "status") as audit:
        if bench.settings.account:
            notify_urls += tuple(account_named(bench.settings, bench.settings.account).notify)
            notify.check_urls(notify_urls)
        headed = bool(bench.settings.headed)
        report = commands.status(bench, keys, headed=headed, thresholds=thresholds)
        audit.update(outcome=report.outcome, exit_code=report.exit_code, message=report.summary())
        commands.publish(
            bench,
            report,
            notify_urls=notify_urls,
            junit_file=junit_file,
            html_file=html_file,
            thresholds=thresholds,
        )
    if params["as_json"]:
        emit(render.status_document(report, bench.settings.zone))
    else:
        render.status(render.stdout(), report)
    return report.exit_code


def _check_status_options(
    warn_days: int,
    critical_days: int,
    notify_urls: tuple[str, ...],
    junit_file: Path | None,
    html_file: Path | None,
) -> None:
    """Refuse what cannot work before anything starts."""
    if critical_days > warn_days:
        raise BadInput(f"--critical-days {critical_days} is more than --warn-days {warn_days}")
    notify.check_urls(notify_urls)
    for path, what in ((junit_file, "the JUnit file"), (html_file, "the HTML report")):
        if path is not None:
            reports.ensure_writable(path, what)


def _status_of_every_account(
    params: dict[str, Any], reading: fleet.FleetReading, workers: int, junit_file: Path | None
) -> int:
    given = [f"--{k.replace('_', '-')}" for k in ("sandbox", "base_url", "account") if params[k]]
    if given:
        raise BadInput(f"--all-accounts and {given[0]} cannot be used together; choose one")
    flags = {k: params.get(k) for k in ("artifacts_dir", "timeout", "trace")}
    settings = load_settings(flags)
    for account in load_accounts(settings.accounts).values():  # said before anything starts
        notify.check_urls(account.notify)
    report = fleet.status_all(settings, reading, workers=workers)
    render.fleet_warnings(stderr_console(), report)
    if junit_file is not None:
        reports.write(junit_file, report.junit, what="the JUnit file")
    if params["as_json"]:
        emit(report.document())
    else:
        render.fleet(render.stdout(), report)
    return report.exit_code


@contextmanager
def audited(bench: Workbench, command: str) -> Iterator[dict[str, Any]]:
    """One audit line for a command that is not a run, however it ends; the block fills in
    the outcome, exit code and message of a command that ends well."""
    result: dict[str, Any] = {"outcome": "done", "exit_code": 0, "message": ""}
    try:
        yield result
    except HectError as exc:
        bench.audit(command, outcome="failed", exit_code=exc.exit_code, message=str(exc))
        raise
    except KeyboardInterrupt as exc:
        how = getattr(exc, "signal_name", None) or "Ctrl-C"
        bench.audit(command, outcome="aborted", exit_code=5, message=f"stopped by {how}")
        raise
    bench.audit(command, **result)


@cli.command()
@click.argument("runbook")
@click.option("--channel", metavar="NAME", help="Also find this channel and its connect control.")
@common_options
def explain(runbook: str, channel: str | None, **params: Any) -> int:
    """What the tool sees on each step's page: found or not, and how (changes nothing).

    Follows RUNBOOK's navigation as a reconnect would, then reads the channel list and,
    with --channel, finds that channel's connect control without clicking it. Prints a
    summary; the full report (every way each target was looked for, what matched and why
    it was not taken, the records read, the page's accessible outline) is explain.txt in a
    run folder. Exit 0 when every step found its target, 4 when one did not.
    """
    with workbench(params) as bench:
        ok, brief, full = commands.explain(
            bench,
            runbook,
            {"channel": channel} if channel else {},
            headed=bool(bench.settings.headed),
        )
        folder = private_folder(bench.settings.artifacts_dir, "explain", runbook, channel or "all")
    (folder / "explain.txt").write_text("\n".join(full) + "\n", encoding="utf-8")
    (folder / "explain.txt").chmod(0o600)
    code = 0 if ok else PageMismatch.exit_code
    if params["as_json"]:
        emit(
            {
                "outcome": "explained" if ok else "failed",
                "exit_code": code,
                "steps": brief,
                "explain": str(folder / "explain.txt"),
            }
        )
    else:
        out = render.stdout()
        for line in brief:
            out.print(line, markup=False)
        out.print(f"Full report: {folder / 'explain.txt'}", markup=False)
    return code


@cli.command("order-poll")
@click.argument("platform", type=platforms())
@click.option(
    "--channel", required=True, metavar="NAME", help="The channel to poll, as HECT names it."
)
@click.option(
    "--from",
    "since",
    required=True,
    metavar="DATETIME",
    help="Date and time of the oldest order to fetch (DD/MM/YYYY HH:MM).",
)
@common_options
def order_poll(platform: str, channel: str, since: str, **params: Any) -> int:
    """Ask HECT to fetch PLATFORM orders for a channel from a date and time."""
    when = poll_start(since)
    with workbench(params) as bench, audited(bench, "order-poll") as audit:
        message = commands.order_poll(
            bench, platform, channel, when, headed=bool(bench.settings.headed)
        )
        audit.update(outcome="order-poll-started", message=f"'{channel}': {message}")
        zone = bench.settings.zone
    if params["as_json"]:
        emit(
            {
                "outcome": "order-poll-started",
                "exit_code": 0,
                "platform": platform,
                "channel": channel,
                "from": when.replace(tzinfo=zone).isoformat(),
                "message": message,
            }
        )
    else:
        render.stdout().print(f"[green]✓[/] {escape(message)}")
    return 0


@cli.command()
@click.option("--channel", metavar="NAME", help="Only this channel's runs and observations.")
@click.option(
    "--limit", type=click.IntRange(min=1), default=20, show_default=True, help="How many of each."
)
@click.option("--base-url", metavar="URL", help="HECT's address [HECT_BASE_URL].")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")
def history(channel: str | None, limit: int, base_url: str | None, as_json: bool) -> int:
    """What this machine remembers of the HECT login's runs and of what status saw."""
    with workbench({"base_url": base_url}) as bench:
        runs, seen = commands.history(bench, channel, limit=limit)
        where = str(bench.history().path)
        account = bench.account()
    if as_json:
        emit(render.history_document(account, where, runs, seen))
    else:
        render.history(render.stdout(), account, where, runs, seen)
    return 0


@cli.command()
@click.argument("run_folder", type=click.Path(path_type=Path))
@click.option(
    "--no-open",
    is_flag=True,
    help="Only serve the viewer and print its address (for a browser elsewhere).",
)
def trace(run_folder: Path, no_open: bool) -> int:
    """Open a run's trace (RUN_FOLDER/trace.zip) in Playwright's trace viewer.

    The viewer opens in the Chromium the tool uses; close its window (or press Ctrl-C) to
    stop. With --no-open, or without a display, its address is printed instead.
    """
    with workbench({}) as bench:
        commands.show_trace(bench, run_folder, open_window=not no_open)
    return 0


@cli.command("sandbox")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8400,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)
@click.option(
    "--scenario",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A scenario YAML file (default: the packaged one).",
)
@click.option(
    "--skin",
    default="classic",
    show_default=True,
    metavar="NAME",
    help="HECT's markup (the same wording, drawn differently); see the sandbox README.",
)
def sandbox_command(port: int, scenario: Path | None, skin: str) -> int:
    """Run the HECT/Amazon/eBay simulator in the foreground, for practice; Ctrl-C stops it."""
    from hect_automation.sandbox.practice import Practice  # noqa: PLC0415 - only here
    from hect_automation.sandbox.scenario import load_scenario  # noqa: PLC0415
    from hect_automation.sandbox.server import Sandbox  # noqa: PLC0415
    from hect_automation.sandbox.skins import skins  # noqa: PLC0415

    if skin not in skins():
        raise BadInput(f"no sandbox skin {skin!r}; choose one of: {', '.join(skins())}")
    loaded = load_scenario(scenario)
    try:
        server = Sandbox(loaded, port=port)
    except OSError as exc:
        raise BadInput(f"{exc}; choose another with --port") from exc
    server.default.set(skin=skin)
    out = render.stdout()
    out.print(f"[bold]HECT sandbox[/] ({escape(loaded.account)}, skin {skin}) until Ctrl-C:")
    played = [(entry.key, entry.label) for entry in every_platform() if entry.sandbox]
    for site, label in [("hect", "HECT"), *played]:
        out.print(f"  {label:<7} {server.url(site)}/", markup=False)
    out.print("Practice logins:")
    for line in Practice(loaded).lines():
        out.print(f"  {line}", markup=False)
    out.print("Ready. Ctrl-C stops the sandbox.")
    sys.stdout.flush()  # the URLs must reach a pipe (a script, tee) before the wait
    with server:
        try:
            server.wait()
        except KeyboardInterrupt:
            out.print("Sandbox stopped.")
    return 0


@cli.command()
@click.option("--headed/--headless", default=False, help="Watch it happen in a browser window.")
@click.option(
    "--artifacts",
    "artifacts_dir",
    type=click.Path(path_type=Path),
    help="Where the run folder goes.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the run record as JSON.")
def demo(headed: bool, artifacts_dir: Path | None, as_json: bool) -> int:
    """The main job on the embedded sandbox, unattended: reconnect 'Amazon UK' and verify."""
    params = {"sandbox": True, "artifacts_dir": artifacts_dir, "headed": headed}
    entry = demo_platform()
    with workbench(params) as bench:
        bench.console.print(
            f"[bold]Demo:[/] reconnecting the expired {entry.label} channel "
            f"'{entry.demo_channel}' on the sandbox, with a simulated operator signing into "
            f"{entry.label}."
        )
        batch = commands.reconnect(
            bench,
            entry.key,
            [str(entry.demo_channel)],
            operator_kind="simulated",
            headed=headed,
            options=RunOptions(),
        )
    [record] = batch.records
    if as_json:
        click.echo(record.model_dump_json(indent=2))
    else:
        render.summary(render.stdout(), record, steps=True)
    return 0


def with_json(argv: list[str]) -> bool:
    """Whether the command line asked for one JSON document (looked up before parsing, so a
    usage error still prints one)."""
    return "--json" in argv[: argv.index("--")] if "--" in argv else "--json" in argv


def run(argv: list[str] | None = None, *, browser: Browser | None = None) -> int:
    """Run the command line; the exit code (see ``errors.EXIT_MEANINGS``). A ``browser``
    given here is used instead of launching one (the pytest plugin's in-process runs)."""
    args = list(sys.argv[1:] if argv is None else argv)
    err = stderr_console()
    document: dict[str, Any] | None = None
    if switched_off := playwright_logs_off():
        err.print(
            f"Note: Playwright's debug logging ({switched_off}) is off for hect-runbook: it"
            " prints what is typed, passwords included. To see what a run did, use"
            " --trace on and `hect-runbook trace`.",
            markup=False,
            style="dim",
        )
    try:
        load_plugins()  # installed marketplaces join the registry before the choices are read
        result = cli.main(
            args=args, prog_name="hect-runbook", standalone_mode=False, obj={"browser": browser}
        )
        return result if isinstance(result, int) else 0
    except click.exceptions.Abort:
        err.print("Error: aborted; nothing more was done")
        code, document = 5, render.ending("aborted", 5, "aborted; nothing more was done")
    except click.ClickException as exc:
        err.print(f"Error: {exc.format_message()}", markup=False)
        err.print("Try 'hect-runbook --help'.", markup=False)
        code, document = 2, render.ending("bad-input", 2, exc.format_message())
    except HectError as exc:
        err.print(f"Error: {exc}", markup=False)
        err.print(
            f"(exit {exc.exit_code}: {EXIT_MEANINGS[exc.exit_code]})", markup=False, style="dim"
        )
        code, document = exc.exit_code, render.failure_document(exc)
    except KeyboardInterrupt as exc:
        how = getattr(exc, "signal_name", None)
        message = f"stopped by {how}" if how else "aborted with Ctrl-C"
        err.print(f"Error: {message}; nothing more was done", markup=False)
        code, document = 5, render.ending("aborted", 5, message)
    except Exception as exc:  # the boundary: anything else is a bug
        err.print(f"Error: internal error: {type(exc).__name__}: {exc}", markup=False)
        err.print(
            "(exit 1: a bug; please report it with the run folder and this trace)", style="dim"
        )
        traceback.print_exc(file=sys.stderr)
        code, document = 1, render.ending("internal-error", 1, f"{type(exc).__name__}: {exc}")
    if with_json(args) and document is not None:
        emit(document)
    return code


def _on_signal(number: int, frame: FrameType | None) -> None:
    name = signal.Signals(number).name
    if number == signal.SIGHUP:  # the terminal is gone: what is still to say goes nowhere
        devnull = os.open(os.devnull, os.O_WRONLY)
        for fd in (1, 2):
            if os.isatty(fd):
                os.dup2(devnull, fd)
        os.close(devnull)
    signal.signal(number, signal.SIG_IGN)  # a second one does not cut the closing read short
    deliver(Signalled(name))


def _on_interrupt(number: int, frame: FrameType | None) -> None:
    """Ctrl-C, as Python raises it, but only where Playwright's connection survives it."""
    deliver(KeyboardInterrupt())


def main(argv: list[str] | None = None) -> NoReturn:
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, _on_signal)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when ignored
        signal.signal(signal.SIGINT, _on_interrupt)
    # A browser or driver that died leaves asyncio's leftovers to be collected noisily; the
    # run has said what happened in its own words.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", message="coroutine .* was never awaited")
    code = run(argv)
    if fleet.left_reading():  # nothing of theirs is kept: the readings change nothing
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
