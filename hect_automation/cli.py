"""``hect-runbook``: parse, call, and one error boundary that turns errors into exit codes.

Results go to stdout (a table, a summary, or with ``--json`` one JSON document and nothing
else); guidance and progress go to stderr.
"""

from __future__ import annotations

import functools
import json
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click
from playwright.sync_api import Browser
from rich.markup import escape

from hect_automation import __version__, render
from hect_automation.actions import ACTIONS
from hect_automation.actions.base import RunOptions
from hect_automation.config import Settings, load_settings
from hect_automation.errors import EXIT_MEANINGS, BadInput, HectError, PageMismatch
from hect_automation.jobs import Job, explain_folder
from hect_automation.operator import poll_start, stderr_console
from hect_automation.report import RunRecord
from hect_automation.runbook import load_runbook, runbook_files

PLATFORMS = click.Choice(["amazon", "ebay"])
EXIT_TABLE = "\n".join(f"  {code:>2}  {meaning}" for code, meaning in EXIT_MEANINGS.items())


def common_options(command: Callable[..., int]) -> Callable[..., int]:
    """The options every command that talks to HECT shares (design section 3); with
    ``--json``, a failure prints its JSON document too."""
    options = [
        click.option("--base-url", metavar="URL", help="HECT's address [HECT_BASE_URL]."),
        click.option("--sandbox", is_flag=True, help="Start the embedded sandbox and use it."),
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

    @functools.wraps(command)
    def with_json_failures(*args: Any, **kwargs: Any) -> int:
        try:
            return command(*args, **kwargs)
        except HectError as exc:
            if kwargs.get("as_json"):  # one JSON document on stdout, however it ends
                click.echo(json.dumps(render.failure_document(exc), indent=2))
            raise

    wrapped: Callable[..., int] = with_json_failures
    for option in reversed(options):
        wrapped = option(wrapped)
    return wrapped


def _job(params: dict[str, Any]) -> tuple[Settings, bool]:
    if params.get("sandbox") and params.get("base_url"):
        raise BadInput("--sandbox and --base-url cannot be used together; choose one")
    flags = {k: params.get(k) for k in ("base_url", "artifacts_dir", "timeout", "headed", "trace")}
    return load_settings(flags), bool(params.get("sandbox"))


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


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
@click.argument("platform", type=PLATFORMS)
@click.option("--channel", metavar="NAME", help="The channel to reconnect, as HECT names it.")
@click.option(
    "--all-expired",
    is_flag=True,
    help="Reconnect every expired channel of PLATFORM, one after another.",
)
@click.option(
    "--smoke", is_flag=True, help="Stop once the private consent page is reached and checked."
)
@click.option(
    "--operator",
    "operator_kind",
    type=click.Choice(["terminal", "simulated"]),
    default="terminal",
    show_default=True,
    help="Who signs in on Amazon/eBay (simulated: sandbox only).",
)
@click.option(
    "--order-poll-from",
    metavar="DATETIME",
    help="Poll orders from this date-time (default: when the token expired).",
)
@click.option("--no-order-poll", is_flag=True, help="Skip the order poll.")
@click.option("--force", is_flag=True, help="Reconnect even if HECT shows the channel connected.")
@common_options
def reconnect(  # noqa: PLR0917 - click passes every option by name
    platform: str,
    channel: str | None,
    all_expired: bool,
    smoke: bool,
    operator_kind: str,
    order_poll_from: str | None,
    no_order_poll: bool,
    force: bool,
    **params: Any,
) -> int:
    """Refresh PLATFORM's token for a channel, hand the sign-in to you, verify, poll orders."""
    if bool(channel) == all_expired:
        raise BadInput("give exactly one of --channel NAME or --all-expired")
    if order_poll_from and no_order_poll:
        raise BadInput("--order-poll-from and --no-order-poll cannot be used together")
    options = RunOptions(
        force=force,
        smoke=smoke,
        order_poll=not no_order_poll,
        order_poll_from=poll_start(order_poll_from) if order_poll_from else None,
    )
    settings, sandbox = _job(params)
    headed = settings.headed if settings.headed is not None else operator_kind == "terminal"
    settings = settings.model_copy(update={"headed": headed})
    console = stderr_console()
    remote = settings.browser_cdp_endpoint or settings.browser_ws_endpoint
    if operator_kind == "terminal" and not headed and not remote and not smoke:
        console.print(
            "Note: --headless with a person at the terminal: the Amazon/eBay window will not be"
            " seen. Use --headed, or a remote browser (HECT_BROWSER_CDP_ENDPOINT).",
            style="yellow",
            markup=False,
        )
    with Job.start(settings, console, use_sandbox=sandbox, interactive=_interactive()) as job:
        outcomes = job.reconnect(
            platform,
            [channel] if channel else None,
            operator_kind=operator_kind,
            headed=headed,
            options=options,
        )
    records = [o for o in outcomes if isinstance(o, RunRecord)]
    failures = [o for o in outcomes if isinstance(o, HectError)]
    if params["as_json"]:
        document: Any = (
            records[0].model_dump(mode="json")
            if channel and records
            else {
                "runs": [r.model_dump(mode="json") for r in records],
                "failed": [str(f) for f in failures],
            }
        )
        click.echo(json.dumps(document, indent=2))
    else:
        for record in records:
            render.summary(render.stdout(), record)
    return failures[0].exit_code if failures else 0


@cli.command()
@click.option("--platform", type=PLATFORMS, help="Only this platform's channels.")
@click.option(
    "--warn-days",
    type=click.IntRange(min=0),
    default=30,
    show_default=True,
    help="Count a token expiring within this many days as needing a reconnect.",
)
@common_options
def status(platform: str | None, warn_days: int, **params: Any) -> int:
    """Every channel and its token state; exit 10 when any needs reconnecting."""
    settings, sandbox = _job(params)
    platforms: list[str] = [platform] if platform else ["amazon", "ebay"]
    with Job.start(
        settings, stderr_console(), use_sandbox=sandbox, interactive=_interactive()
    ) as job:
        found = job.status(platforms, headed=bool(settings.headed))
    rows = render.status_rows(found, warn_days)
    if params["as_json"]:
        needing = sum(r["needs_reconnect"] for r in rows)
        click.echo(json.dumps({"channels": rows, "needs_reconnect": needing}, indent=2))
    else:
        render.stdout().print(render.status_table(rows))
    return 10 if any(r["needs_reconnect"] for r in rows) else 0


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
    settings, sandbox = _job(params)
    console = stderr_console()
    inputs = {"channel": channel} if channel else {}
    with Job.start(settings, console, use_sandbox=sandbox, interactive=_interactive()) as job:
        ok, brief, full = job.explain(runbook, inputs, headed=bool(settings.headed))
    folder = explain_folder(settings.artifacts_dir, runbook, channel)
    (folder / "explain.txt").write_text("\n".join(full) + "\n", encoding="utf-8")
    (folder / "explain.txt").chmod(0o600)
    code = 0 if ok else PageMismatch.exit_code
    if params["as_json"]:
        document = {
            "outcome": "explained" if ok else "failed",
            "exit_code": code,
            "steps": brief,
            "explain": str(folder / "explain.txt"),
        }
        click.echo(json.dumps(document, indent=2))
    else:
        out = render.stdout()
        for line in brief:
            out.print(line, markup=False)
        out.print(f"Full report: {folder / 'explain.txt'}", markup=False)
    return code


@cli.command("order-poll")
@click.argument("platform", type=PLATFORMS)
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
    settings, sandbox = _job(params)
    with Job.start(
        settings, stderr_console(), use_sandbox=sandbox, interactive=_interactive()
    ) as job:
        message = job.order_poll(platform, channel, when, headed=bool(settings.headed))
    if params["as_json"]:
        click.echo(
            json.dumps(
                {
                    "channel": channel,
                    "from": when.isoformat(timespec="minutes"),
                    "message": message,
                }
            )
        )
    else:
        render.stdout().print(f"[green]✓[/] {escape(message)}")
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
    from hect_automation.sandbox.scenario import load_scenario  # noqa: PLC0415 - only here
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
    info = server.describe()
    out = render.stdout()
    out.print(f"[bold]HECT sandbox[/] ({escape(loaded.account)}) serving until Ctrl-C:")
    out.print(
        f"  HECT    {info['hect']}\n  Amazon  {info['amazon']}\n  eBay    {info['ebay']}",
        markup=False,
    )
    out.print(
        "HECT logins:  " + "; ".join(f"{e} / {p}" for e, p in info["hect_users"]), markup=False
    )
    out.print("Amazon sellers:")
    for name, seller_id, email, password in info["amazon_sellers"]:
        out.print(f"  {name} ({seller_id}): {email} / {password}", markup=False)
    out.print("eBay users:")
    for user_id, email, password in info["ebay_users"]:
        out.print(f"  {user_id}: {email} / {password}", markup=False)
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
    settings = load_settings({"artifacts_dir": artifacts_dir, "headed": headed})
    console = stderr_console()
    console.print(
        "[bold]Demo:[/] reconnecting the expired Amazon channel 'Amazon UK' on the sandbox, "
        "with a simulated operator signing into Amazon."
    )
    with Job.start(settings, console, use_sandbox=True, interactive=False) as job:
        [record] = job.reconnect(
            "amazon", ["Amazon UK"], operator_kind="simulated", headed=headed, options=RunOptions()
        )
    assert isinstance(record, RunRecord)
    if as_json:
        click.echo(record.model_dump_json(indent=2))
    else:
        render.summary(render.stdout(), record, steps=True)
    return 0


def run(argv: list[str] | None = None, *, browser: Browser | None = None) -> int:
    """Run the command line; the exit code (see ``errors.EXIT_MEANINGS``). A ``browser``
    given here is used instead of launching one (the pytest plugin's in-process runs)."""
    err = stderr_console()
    try:
        result = cli.main(
            args=argv, prog_name="hect-runbook", standalone_mode=False, obj={"browser": browser}
        )
    except click.exceptions.Abort:
        err.print("Error: aborted; nothing more was done")
        return 5
    except click.ClickException as exc:
        err.print(f"Error: {exc.format_message()}", markup=False)
        err.print("Try 'hect-runbook --help'.", markup=False)
        return 2
    except HectError as exc:
        err.print(f"Error: {exc}", markup=False)
        err.print(
            f"(exit {exc.exit_code}: {EXIT_MEANINGS[exc.exit_code]})", markup=False, style="dim"
        )
        return exc.exit_code
    except KeyboardInterrupt:
        err.print("Error: aborted with Ctrl-C")
        return 5
    except Exception as exc:  # the boundary: anything else is a bug
        err.print(f"Error: internal error: {type(exc).__name__}: {exc}", markup=False)
        err.print(
            "(exit 1: a bug; please report it with the run folder and this trace)", style="dim"
        )
        traceback.print_exc(file=sys.stderr)
        return 1
    return result if isinstance(result, int) else 0


def main(argv: list[str] | None = None) -> NoReturn:
    sys.exit(run(argv))
