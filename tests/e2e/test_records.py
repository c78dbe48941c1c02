"""What runs leave behind for people and scripts: private run folders, audit lines that say
who and as which HECT login, one JSON document on every ending, tables a pipe does not cut,
the trace viewer, and status and reconnect agreeing on what needs a reconnect."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from hect_automation.sandbox import Tenant, now
from tests.conftest import SIMULATED_UK, Cli, read_until

pytestmark = pytest.mark.e2e


def test_every_command_audits_who_ran_it_and_as_which_hect_login(cli: Cli, account: Tenant) -> None:
    login = account.scenario.users[0].email
    cli("status", "--platform", "amazon", USER="", LOGNAME="")
    cli("order-poll", "amazon", "--channel", "Amazon DE", "--from", "01/11/2026 09:00")
    lines = [json.loads(x) for x in (cli.cwd / "runs" / "audit.jsonl").read_text().splitlines()]
    assert [line["command"] for line in lines] == ["status", "order-poll"]  # reconnect's: its own
    for line in lines:
        assert line["user"], line  # the account running the tool, even without $USER
        assert line["hect_login"] == login
        assert line["exit_code"] is not None and line["outcome"]


@pytest.mark.parametrize(
    "args",
    [
        ("reconnect", "amazon"),
        ("reconnect", "etsy", "--channel", "x"),
        ("status", "--critical-days", "-1"),
    ],
)
def test_json_prints_one_document_even_for_a_usage_error(cli: Cli, args: tuple[str, ...]) -> None:
    result = cli(*args, "--json")
    assert result.code == 2
    document = json.loads(result.stdout)
    assert document["exit_code"] == 2 and document["outcome"] == "bad-input"
    assert document["message"] and result.stderr.startswith("Error: ")


def test_status_piped_keeps_whole_lines(cli: Cli, make_account, cli_for) -> None:
    long_name = "Amazon " + "Very Long Channel Name " * 6
    account = make_account(
        channels=[{"platform": "amazon", "name": long_name.strip(), "expires": "-2d"}],
        orders=[],
    )
    result = cli_for(account).subprocess("status", "--platform", "amazon", COLUMNS="")
    assert result.code == 10, result.stderr
    assert long_name.strip() in result.stdout  # not cut at 80 columns by a pipe
    assert f'--channel "{long_name.strip()}"' in result.stdout


def test_status_and_reconnect_agree_on_a_channel_about_to_expire(cli: Cli, account: Tenant) -> None:
    soon = account.channel_named("Amazon DE")
    soon.expires_at = now() + timedelta(days=10)
    account.set(connect_on_connected=True)  # HECT offers a reconnect before expiry
    status = cli("status", "--platform", "amazon", "--json")
    channel = {c["name"]: c for c in json.loads(status.stdout)["channels"]}["Amazon DE"]
    assert channel["state"] == "EXPIRING" and channel["needs_action"]
    assert "--force" not in channel["fix"]
    de = account.scenario.amazon_sellers[1]
    fixed = cli(
        *SIMULATED_UK[:3],
        "Amazon DE",
        *SIMULATED_UK[4:],
        "--no-order-poll",
        HECT_OPERATOR_AMAZON_EMAIL=de.email,
        HECT_OPERATOR_AMAZON_PASSWORD=de.password,
        HECT_OPERATOR_AMAZON_OTP=de.otp or "",
    )
    assert fixed.code == 0, fixed.stderr  # reconnected without --force, as status said
    assert soon.expires_at > now() + timedelta(days=300)


def test_a_traced_run_is_private_and_the_trace_command_serves_it(cli: Cli, page: Page) -> None:
    result = cli(*SIMULATED_UK, "--no-order-poll", HECT_TRACE="on")
    assert result.code == 0, result.stderr
    [run_json] = cli.runs()
    # the run folder, every file in it (the trace too) and the audit: the user's alone
    assert stat.S_IMODE(run_json.parent.stat().st_mode) == 0o700
    assert (run_json.parent / "trace.zip").exists()
    for path in run_json.parent.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert stat.S_IMODE((cli.cwd / "runs" / "audit.jsonl").stat().st_mode) == 0o600
    viewer = subprocess.Popen(
        [sys.executable, "-m", "hect_automation", "trace", str(run_json.parent), "--no-open"],
        cwd=cli.cwd,
        env=cli.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    try:
        said = read_until(viewer, "Trace viewer: ")
        url = said.split("Trace viewer: ", 1)[1].split()[0]
        page.goto(url)
        expect(page.get_by_text("Sales Channels").first).to_be_attached(timeout=20_000)
    finally:
        viewer.terminate()
        viewer.communicate(timeout=10)
