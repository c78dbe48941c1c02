"""The hect-runbook command as people and scripts use it: help, runbooks, the sandbox, demo,
status, order-poll, bad input, and the proof that no secret reaches any output or artifact."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from hect_automation.sandbox import Tenant
from tests.conftest import SIMULATED_UK, Cli, read_until

pytestmark = pytest.mark.e2e


def test_help_lists_commands_and_exit_codes(cli: Cli) -> None:
    result = cli("--help")
    assert result.code == 0
    for command in ("demo", "list", "order-poll", "reconnect", "sandbox", "show", "status"):
        assert re.search(rf"^\s+{command}\s", result.stdout, re.MULTILINE)
    assert "10  at least one channel needs reconnecting" in result.stdout


def test_version(cli: Cli) -> None:
    assert re.fullmatch(r"hect-runbook, version \d+\.\d+\.\d+\n", cli("--version").stdout)


def test_list_and_show(cli: Cli) -> None:
    listed = cli("list")
    assert listed.code == 0
    assert (
        "refresh-amazon-token     Refresh an expired Amazon token in HECT (8 steps)"
        in listed.stdout
    )
    shown = cli("show", "refresh-amazon-token")
    assert shown.code == 0
    assert " 2. [ ] Click into 'Settings'" in shown.stdout
    assert "-> click 'Settings'" in shown.stdout
    assert "open the window in a Private/Incognito tab." in shown.stdout


def test_an_invalid_runbook_is_refused_with_file_and_key(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "books"
    folder.mkdir()
    text = (
        Path("runbooks/refresh-amazon-token.yaml")
        .read_text()
        .replace("do: order_poll", "do: order-poll")
    )
    (folder / "refresh-amazon-token.yaml").write_text(text)
    result = cli("show", "refresh-amazon-token", HECT_RUNBOOKS_DIR=str(folder))
    assert result.code == 2
    assert (
        f"Error: {folder}/refresh-amazon-token.yaml: steps.7: Input tag 'order-poll'"
        in result.stderr
    )
    assert cli("list", HECT_RUNBOOKS_DIR=str(folder)).code == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("reconnect", "amazon"), "give exactly one of --channel NAME or --all-expired"),
        (("reconnect", "etsy", "--channel", "x"), "'etsy' is not one of 'amazon', 'ebay'"),
        (
            ("reconnect", "--channel", "Amazon UK"),
            "name the channel's platform: hect-runbook reconnect amazon|ebay --channel 'Amazon UK'",
        ),
        (
            ("reconnect", "amazon", "--channel", "x", "--order-poll-from", "yesterday"),
            "'yesterday' is not a date and time",
        ),
        (
            (
                "reconnect",
                "amazon",
                "--channel",
                "x",
                "--sandbox",
                "--base-url",
                "http://x.localhost",
            ),
            "cannot be used together",
        ),
        (("order-poll", "amazon", "--channel", "Amazon UK"), "Missing option '--from'"),
        (
            ("reconnect", "amazon", "--channel", "x", "--listen", "127.0.0.1:0"),
            "--listen only goes with --operator link",
        ),
        (
            ("reconnect", "amazon", "--channel", "x", "--operator", "link", "--listen", "8765"),
            "--listen '8765': give HOST:PORT",
        ),
        (
            ("reconnect", "amazon", "--channel", "x", "--operator", "watch", "--public-url", "x"),
            "--public-url only goes with --operator link",
        ),
    ],
)
def test_bad_usage_exits_2_with_one_clear_line(
    cli: Cli, args: tuple[str, ...], message: str
) -> None:
    result = cli(*args)
    assert result.code == 2
    assert result.stderr.startswith("Error: ") and message in result.stderr.splitlines()[0]
    assert not (cli.cwd / "runs").exists()  # refused before anything was started


def test_a_bad_setting_names_its_source(cli: Cli) -> None:
    result = cli("status", HECT_TIMEOUT="soon")
    assert result.code == 2
    assert result.stderr.startswith(
        "Error: HECT_TIMEOUT (environment): Input should be a valid number"
    )


def test_missing_password_without_a_terminal_says_which_variable(cli: Cli) -> None:
    result = cli("status", HECT_PASSWORD="")
    assert result.code == 2
    assert "HECT_PASSWORD is not set: set it in the environment or in .env" in result.stderr


def test_the_simulated_operator_refuses_a_real_site(cli: Cli) -> None:
    result = cli(*SIMULATED_UK, HECT_BASE_URL="https://hect.hubeurope.com")
    assert result.code == 2
    assert "--operator simulated only runs against loopback hosts" in result.stderr


def test_demo_reconnects_on_the_embedded_sandbox(cli: Cli) -> None:
    result = cli(
        "demo",
        "--artifacts",
        str(cli.cwd / "demo"),
        HECT_EMAIL="",
        HECT_PASSWORD="",
        HECT_OPERATOR_AMAZON_EMAIL="",
        HECT_OPERATOR_AMAZON_PASSWORD="",
    )
    assert result.code == 0, result.stderr
    assert "✓ 'Amazon UK' reconnected and verified" in result.stdout
    assert (
        "Verified: 'Amazon UK' Connected" in result.stdout
        and "Order poll: Order poll queued" in result.stdout
    )
    run_dir = Path(re.search(r"Run folder: (\S+)", result.stdout).group(1))  # type: ignore[union-attr]
    assert json.loads((run_dir / "run.json").read_text())["outcome"] == "verified"


def test_status_reports_channels_and_exits_10_when_any_needs_reconnecting(cli: Cli) -> None:
    result = cli("status", "--json")
    assert result.code == 10
    document = json.loads(result.stdout)
    assert (document["outcome"], document["exit_code"]) == ("needs-action", 10)
    rows = {r["name"]: r for r in document["channels"]}
    assert rows["Amazon UK"]["state"] == rows["eBay UK"]["state"] == "RELINK_NEEDED"
    assert rows["Amazon UK"]["fix"] == 'hect-runbook reconnect amazon --channel "Amazon UK"'
    assert rows["Amazon DE"]["state"] == "OK" and rows["Amazon DE"]["days_left"] >= 198
    # dates in ISO 8601 with HECT's offset; an expired token's days count toward zero
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:00\+0[01]:00", rows["Amazon UK"]["expiry_at"])
    assert rows["Amazon UK"]["days_left"] == -3
    audit = json.loads((cli.cwd / "runs" / "audit.jsonl").read_text().splitlines()[-1])
    assert (audit["command"], audit["exit_code"]) == ("status", 10)
    assert audit["outcome"] == "needs-action" and audit["hect_login"]


def test_status_is_0_when_every_channel_is_healthy(
    make_account, tmp_path: Path, cdp_endpoint: str
) -> None:
    account = make_account()
    for channel in account.channels:
        channel.expires_at = channel.expires_at.replace(year=channel.expires_at.year + 2)
    result = Cli(account, tmp_path, cdp_endpoint)("status", "--platform", "amazon")
    assert result.code == 0, result.stderr
    assert "Amazon UK" in result.stdout and "reconnect" not in result.stdout
    assert "0 need action" in result.stdout


def test_order_poll_command(cli: Cli, account: Tenant) -> None:
    result = cli("order-poll", "amazon", "--channel", "Amazon UK", "--from", "20/11/2026 09:00")
    assert result.code == 0, result.stderr
    assert "Order poll queued for Amazon UK" in result.stdout
    assert [p.since.strftime("%d/%m/%Y %H:%M") for p in account.polls] == ["20/11/2026 09:00"]
    refused = cli("order-poll", "amazon", "--channel", "Amazon UK", "--from", "01/01/2099 00:00")
    assert refused.code == 2
    assert "01/01/2099 00:00 is in the future" in refused.stderr.splitlines()[0]
    assert len(account.polls) == 1  # refused before HECT was asked


def test_sandbox_command_serves_until_interrupted(page: Page, tmp_path: Path) -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "hect_automation", "sandbox", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        banner = read_until(server, "Ctrl-C stops the sandbox.")
        url = re.search(r"HECT\s+(http://hect\.localhost:\d+/)", banner).group(1)  # type: ignore[union-attr]
        email, password = re.search(r"HECT: (\S+) / (\S+)", banner).groups()  # type: ignore[union-attr]
        # every practice login a trainer needs: eBay's too, and Amazon's one-time code
        assert "eBay acme_trading_uk: ebay@acme-trading.example / sandbox-ebay-uk" in banner
        assert "one-time code 246810" in banner
        page.goto(url)
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log In").click()
        expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=15)
    assert server.returncode == 0, err
    assert b"Sandbox stopped." in out


def test_sandbox_command_refuses_a_bad_scenario(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("users: []\n")
    result = cli("sandbox", "--scenario", str(bad))
    assert result.code == 2
    assert f"Error: {bad}: users: List should have at least 1 item" in result.stderr


CANARY_HECT = "canary-HECT-pw-7f3a91"
CANARY_AMAZON = "canary-AMZ-pw-c41d20"
CANARY_AMAZON_LOGIN = "canary-amz-login-5e8b@acme-trading.example"


def test_no_secret_reaches_any_output_or_artifact(make_account, tmp_path: Path) -> None:
    """Launches its own browser (no shared one), so nothing outside this run can hide a leak."""
    scenario_users = [
        {"email": "support@acme-trading.example", "password": CANARY_HECT, "name": "Sam"}
    ]
    account = make_account(users=scenario_users)
    sellers = account.scenario.amazon_sellers
    cli = Cli(account, tmp_path)
    canaries = {
        "HECT_PASSWORD": CANARY_HECT,
        "HECT_OPERATOR_AMAZON_PASSWORD": CANARY_AMAZON,
        "HECT_OPERATOR_AMAZON_EMAIL": CANARY_AMAZON_LOGIN,
        # Playwright's own debug logs (of its Node driver and of its Python client) print
        # every call with what it types; a support engineer may have set them to look.
        "DEBUG": "pw:api,pw:channel pw:protocol",
        "DEBUGP": "1",
    }
    # Give the UK seller the canary login; run once successfully, traced...
    account.scenario = account.scenario.model_copy(
        update={
            "amazon_sellers": [
                sellers[0].model_copy(
                    update={"email": CANARY_AMAZON_LOGIN, "password": CANARY_AMAZON}
                ),
                *sellers[1:],
            ]
        }
    )
    ok = cli(*SIMULATED_UK, "--json", HECT_TRACE="on", **canaries)
    assert ok.code == 0, ok.stderr
    # ...and once failing, with a sign-in again mid-run while traced, and failure screenshots.
    account.set(refuse_consent=True)
    account.expire_session_after(3)
    account.channel_named("Amazon UK").revoked = True
    failed = cli(*SIMULATED_UK, HECT_TRACE="retain-on-failure", **canaries)
    assert failed.code == 6
    assert "HECT session expired; signing in again" in failed.stderr
    blobs = {"stdout+stderr": (ok.output + failed.output).encode()}
    for path in (tmp_path / "runs").rglob("*"):
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                blobs.update({f"{path}!{n}": archive.read(n) for n in archive.namelist()})
        elif path.is_file():
            blobs[str(path)] = path.read_bytes()
    traces = [name for name in blobs if "trace.zip!" in name]
    assert len({n.split("!")[0] for n in traces}) == 2  # both runs were traced...
    everything = b"".join(blobs.values())
    assert b"Amazon Channels" in everything  # ...and the search does see page content
    assert b"support@acme-trading.example" in everything  # (and the HECT login, which is no secret)
    assert any(name.endswith(".png") for name in blobs)
    # HECT's session tokens are credentials too: the traces carry none of them.
    assert len(account.issued_sessions) >= 3
    for secret in (CANARY_HECT, CANARY_AMAZON, CANARY_AMAZON_LOGIN, *account.issued_sessions):
        leaks = [name for name, data in blobs.items() if secret.encode() in data]
        assert leaks == [], f"{secret} leaked into {leaks}"


def test_smoke_stops_at_the_marketplace_sign_in_and_changes_nothing(
    cli: Cli, account: Tenant
) -> None:
    """What the scheduled live check runs: no operator needed, nothing authorised."""
    result = cli("reconnect", "amazon", "--all-expired", "--smoke", "--headless", "--json")
    assert result.code == 0, result.stderr
    [run] = json.loads(result.stdout)["runs"]
    assert run["outcome"] == "smoke-ok"
    assert "shows its identifier page in the private window" in run["message"]
    assert account.channel_named("Amazon UK").expired and not account.events
    assert "Note: --headless" not in result.stderr


def test_json_failure_prints_the_failed_runs_record(cli: Cli) -> None:
    result = cli(
        "reconnect", "amazon", "--channel", "Amazon U.K.", "--operator", "simulated", "--json"
    )
    assert result.code == 2
    document = json.loads(result.stdout)
    assert document["exit_code"] == 2 and document["outcome"] == "failed"
    assert "no Amazon channel named 'Amazon U.K.'" in document["message"]


def test_explain_says_what_the_tool_sees_and_changes_nothing(cli: Cli, account: Tenant) -> None:
    account.set(skin="spa")  # a menu to open and an announcement to close on the way
    seen = cli("explain", "refresh-amazon-token", "--channel", "Amazon UK")
    assert seen.code == 0, seen.stderr
    assert "5. channel 'Amazon UK' (Token Expired" in seen.stdout
    assert "connect control found" in seen.stdout
    report = Path(re.search(r"Full report: (\S+)", seen.stdout).group(1)).read_text()  # type: ignore[union-attr]
    assert "opened 'Menu' to reach 'Settings'" in report.split("Moves:", 1)[1].split("\n")[0]
    assert "3 Amazon channel(s) read" not in report and "2 Amazon channel(s) read" in report
    assert account.channel_named("Amazon UK").expired and not account.events  # nothing changed


def test_status_on_pages_that_do_not_match_is_exit_4_not_hect_unavailable(
    cli: Cli, account: Tenant
) -> None:
    """Neither list reached because the way there is not on the page: the site's UI changed
    (exit 4), not HECT or the network unreachable (exit 8), as it said before (a skin written
    blind: compact, its Settings an option of a select). HECT failing still says 8."""
    account.set(relabel={"Sales Channels": "Integrations"})
    changed = cli("status", HECT_TIMEOUT="1")
    assert changed.code == 4, changed.stderr
    assert "no channel list of HECT could be read" in changed.stderr
    account.set(relabel={})
    for platform in ("amazon", "ebay"):
        account.fail_next(f"/settings/sales-channels/{platform}", times=50)
    failing = cli("status")
    assert failing.code == 8, failing.stderr


def test_explain_on_a_changed_page_points_at_what_changed(cli: Cli, account: Tenant) -> None:
    account.set(relabel={"Sales Channels": "Integrations"})
    seen = cli("explain", "refresh-amazon-token", "--json", HECT_TIMEOUT="2")
    assert seen.code == 4
    document = json.loads(seen.stdout)
    assert document["outcome"] == "failed" and document["exit_code"] == 4
    assert "3. 'Sales Channels': NOT FOUND" in document["steps"][-1]
    report = Path(document["explain"]).read_text()
    assert "link named 'Sales Channels': not on the page" in report
    assert 'link "Integrations"' in report  # the page's outline shows what it became
