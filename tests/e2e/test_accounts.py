"""Named accounts: a desk with many sellers, each its own HECT login, read one at a time with
--account or all at once with status --all-accounts."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from hect_automation.sandbox import Tenant
from tests.conftest import SIMULATED_UK, Cli, Webhook, read_until
from tests.receivers import closed_webhook

pytestmark = pytest.mark.e2e


def accounts_file(folder: Path, tenants: dict[str, Tenant]) -> dict[str, str]:
    """An accounts file naming each tenant; the environment holding their passwords."""
    env, lines = {}, []
    for name, tenant in tenants.items():
        user = tenant.scenario.users[0]
        variable = f"HECT_PASSWORD_{name.upper()}"
        env[variable] = user.password
        lines += [
            f"[accounts.{name}]",
            f'base_url = "{tenant.urls["hect"]}"',
            f'email = "{user.email}"',
            f'password_env = "{variable}"',
            "",
        ]
    path = folder / "accounts.toml"
    path.write_text("\n".join(lines))
    # Only the file knows the accounts: no HECT_BASE_URL, HECT_EMAIL or HECT_PASSWORD.
    return {**env, "HECT_ACCOUNTS": str(path), "HECT_BASE_URL": "", "HECT_EMAIL": "",
            "HECT_PASSWORD": ""}  # fmt: skip


def test_every_account_read_at_once_in_one_table(
    cli: Cli, account: Tenant, make_account, webhook: Webhook
) -> None:
    other = make_account(
        channels=[
            {
                "platform": "amazon",
                "name": "Brightside UK",
                "expires": "+200d",
                "seller": "A1ACMETRADEUK1",
            },
            {
                "platform": "ebay",
                "name": "Brightside eBay",
                "expires": "+300d",
                "seller": "brightside_goods",
            },
        ],
        orders=[],
    )
    locked = make_account()  # its password in the environment is the wrong one
    env = accounts_file(cli.cwd, {"acme": account, "brightside": other, "locked": locked})
    env["HECT_PASSWORD_LOCKED"] = "not-the-password"
    junit = cli.cwd / "fleet.xml"
    closed = closed_webhook()
    notify = ("--notify", webhook.url, "--notify", closed)
    table = cli.subprocess("status", "--all-accounts", "--junit", str(junit), *notify, **env)
    assert table.code == 10, table.stderr  # acme needs action; brightside is healthy
    assert "acme" in table.stdout and "Brightside UK" in table.stdout
    assert '--channel "Amazon UK" --account acme' in table.stdout  # the fix names the account
    # One account that cannot be read is said, and the others are read all the same.
    assert "locked: not read: HECT did not accept the sign-in" in table.stdout, table.stdout
    assert "and its password (the variable HECT_PASSWORD_LOCKED)" in table.stdout
    assert "not-the-password" not in table.stdout + table.stderr
    assert "2 accounts read, 1 need action, 1 not read" in table.stdout
    suites = ET.fromstring(junit.read_text())  # noqa: S314 - our own file
    failed = {s.get("name"): s.get("failures") for s in suites.findall("testsuite")}
    assert sorted(failed.values()) == ["0", "2"]
    assert webhook.titles() == [  # each account's reading told the receiver of its changes
        "HECT: Amazon channel 'Amazon UK' is RELINK_NEEDED",
        "HECT: eBay channel 'eBay UK' is RELINK_NEEDED",
    ]
    # A receiver that is down is said for the account whose notices it missed, as one
    # account's reading says it (it was said to nobody before).
    assert "acme: Warning: a notice to --notify URL number 2" in table.stderr, table.stderr
    assert "brightside: Warning" not in table.stderr  # healthy: nothing was due
    assert closed not in table.stdout + table.stderr  # a URL may hold a token


def test_a_fleet_opens_each_list_where_the_first_walk_led_or_walks_there(
    cli: Cli, account: Tenant, make_account: Any
) -> None:
    """The accounts after the first open their lists at the address the first account's
    walk led to (as a person opens a bookmark): HECT shows the third its two lists and no
    other page. The second, whose HECT draws its pages elsewhere (the spa skin),
    shows no list there, and is walked to: every account is read in full."""
    drawn_elsewhere, third = make_account(), make_account()
    drawn_elsewhere.set(skin="spa")
    env = accounts_file(cli.cwd, {"a": account, "b": drawn_elsewhere, "c": third})
    result = cli.subprocess("status", "--all-accounts", "--workers", "1", "--json", **env)
    assert result.code == 10, result.stderr
    for name, document in json.loads(result.stdout)["accounts"].items():
        read = sorted(channel["name"] for channel in document["channels"])
        assert read == ["Amazon DE", "Amazon UK", "eBay UK"], (name, document)
    assert {"/", "/settings", "/settings/sales-channels"} <= set(account.viewed)
    assert third.viewed == [f"/settings/sales-channels/{key}" for key in ("amazon", "ebay")]


def test_one_account_by_name_reconnects_with_its_own_login(cli: Cli, account: Tenant) -> None:
    env = accounts_file(cli.cwd, {"acme": account})
    result = cli(*SIMULATED_UK, "--no-order-poll", "--account", "acme", **env)
    assert result.code == 0, result.stderr
    assert not account.channel_named("Amazon UK").expired
    # HECT_ACCOUNT is the same choice made in the environment (a CI matrix, say).
    status = cli("status", "--platform", "amazon", "--json", **env, HECT_ACCOUNT="acme")
    assert status.code in {0, 10}, status.stderr  # read: its channels, with their health
    rows = {c["name"]: c["state"] for c in json.loads(status.stdout)["channels"]}
    assert set(rows) == {"Amazon UK", "Amazon DE"} and rows["Amazon DE"] == "OK", rows
    unknown = cli("status", **env, HECT_ACCOUNT="nosuch")
    assert unknown.code == 2 and "nosuch" in unknown.stderr, unknown.stderr


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            '[accounts.acme]\nemail = "a@b.example"\npassword = "hunter2"\n',
            "accounts.acme holds a password; name the environment variable",
        ),
        ('[accounts.acme]\nemail = "a@b.example"\n', "give exactly one of password_env"),
        ("[accounts\n", "not valid TOML"),
    ],
    ids=["password-in-file", "no-password-source", "broken"],
)
def test_a_bad_accounts_file_is_refused_without_echoing_secrets(
    cli: Cli, text: str, said: str
) -> None:
    path = cli.cwd / "accounts.toml"
    path.write_text(text)
    result = cli("status", "--account", "acme", HECT_ACCOUNTS=str(path))
    assert result.code == 2 and said in result.stderr
    assert "hunter2" not in result.stderr + result.stdout


def test_an_unknown_account_lists_the_known_ones(cli: Cli, account: Tenant) -> None:
    env = accounts_file(cli.cwd, {"acme": account})
    result = cli("status", "--account", "acme-uk", **env)
    assert result.code == 2 and "no account 'acme-uk'" in result.stderr
    assert "known accounts: acme" in result.stderr
    missing = cli("status", "--account", "acme", **{**env, "HECT_PASSWORD_ACME": ""})
    assert missing.code == 2
    assert "the variable named by accounts.acme.password_env in" in missing.stderr


@pytest.fixture
def playwright_server(browser_type_launch_args: dict[str, Any]) -> Iterator[str]:
    """A real Playwright browser server on loopback (``playwright run-server``), launching the
    Chromium this machine has: what a browser grid offers."""
    server = subprocess.Popen(
        [sys.executable, "-m", "playwright", "run-server", "--host", "127.0.0.1", "--port", "0",
         "--unsafe"],  # --unsafe: the client may name the executable (no Playwright download)
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        said = read_until(server, "Listening on ")
        url = said.split("Listening on ", 1)[1].split()[0]
        launch = {"executablePath": str(browser_type_launch_args["executable_path"])}
        yield f"{url}?launch-options={quote(json.dumps(launch))}"
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.communicate(timeout=10)


# The fleet above, on a browser another process serves: with --census.
@pytest.mark.census
def test_a_fleet_runs_on_a_playwright_browser_server(
    cli: Cli, account: Tenant, playwright_server: str
) -> None:
    env = accounts_file(cli.cwd, {"acme": account})
    grid = {**env, "HECT_BROWSER_WS_ENDPOINT": playwright_server, "HECT_BROWSER_CDP_ENDPOINT": ""}
    fleet = cli.subprocess("status", "--all-accounts", "--json", **grid)
    assert fleet.code == 10, fleet.stderr
    document = json.loads(fleet.stdout)
    assert document["outcome"] == "needs-action" and list(document["accounts"]) == ["acme"]
    acme = {c["name"]: c for c in document["accounts"]["acme"]["channels"]}
    assert acme["Amazon UK"]["state"] == "RELINK_NEEDED"
    assert acme["Amazon UK"]["fix"].endswith('--channel "Amazon UK" --account acme')
    # The endpoint is what the runs used: with nobody listening there, they say so.
    gone = cli.subprocess("status", "--account", "acme", **{
        **grid, "HECT_BROWSER_WS_ENDPOINT": "ws://127.0.0.1:9/"})  # fmt: skip
    assert gone.code == 8 and "ws://127.0.0.1:9/" in gone.stderr


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("accounts = 5\n", "accounts: Input should be a valid dictionary"),
        (
            '[accounts.acme]\nemail = "a@b.example"\npassword_env = "HUNTER2SECRET"\n',
            "the variable named by accounts.acme.password_env in",
        ),
        (
            '[accounts.acme]\nbase_url = "https://u:hunter2@hect.example"\nemail = "a@b.example"'
            '\npassword_env = "X"\n',
            "without a user name or password in it",
        ),
        ('[accounts."../x"]\nemail = "a@b.example"\npassword_env = "X"\n', "accounts.../x"),
    ],
    ids=["not-a-table", "password-as-variable-name", "login-in-address", "name-a-path"],
)
def test_odd_accounts_files_are_one_line_and_echo_no_secret(cli: Cli, text: str, said: str) -> None:
    path = cli.cwd / "accounts.toml"
    path.write_text(text)
    result = cli("status", "--account", "acme", HECT_ACCOUNTS=str(path))
    assert result.code == 2, result.stderr
    assert said in result.stderr.splitlines()[0]
    assert "hunter2" not in (result.stderr + result.stdout).lower()


def test_ctrl_c_during_a_fleet_reading_ends_it_at_once_and_says_so(
    cli: Cli, account: Tenant, make_account
) -> None:
    """Held on one account's channel list, Ctrl-C ends the whole reading: exit 5, in less
    than the step's timeout, no traceback; readings change nothing in HECT, and the held
    account has no audit line saying it was read."""
    slow = make_account()
    held = slow.hold("/settings/sales-channels/amazon", method="GET")
    env = accounts_file(cli.cwd, {"acme": account, "slow": slow})
    fleet = subprocess.Popen(
        [sys.executable, "-m", "hect_automation", "status", "--all-accounts"],
        cwd=cli.cwd,
        env=cli.env(**env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        held.wait_reached(30)
        fleet.send_signal(signal.SIGINT)
        _, err = fleet.communicate(timeout=6)  # the step timeout is 8 s here
    finally:
        held.release()
        if fleet.poll() is None:
            fleet.kill()
            fleet.communicate(timeout=10)
    assert fleet.returncode == 5, err
    assert "Traceback" not in err and "aborted" in err
    audit = cli.cwd / "runs" / "audit.jsonl"
    assert not audit.exists() or slow.urls["hect"] not in audit.read_text()
