"""The Amazon (and eBay) reconnect runbooks, run by the real command against the sandbox:
the success path and every failure class of the exit-code contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hect_automation import History
from hect_automation.sandbox import Tenant
from tests.conftest import SIMULATED_UK, Cli

pytestmark = pytest.mark.e2e
RECONNECT = SIMULATED_UK
QUICK = (*RECONNECT, "--no-order-poll")  # for tests about other things than the order poll


def record(cli: Cli) -> dict:
    [path] = cli.runs()
    return json.loads(path.read_text())


# The whole job's success (verified, the order poll once, the record, the audit line, the
# success photograph), through the project's own pytest plugin as a team's check would run
# it, is test_skins.test_every_job_on_every_skin: on the classic skin and every other.


def test_an_unchanged_channel_is_left_alone(cli: Cli, account: Tenant) -> None:
    result = cli("reconnect", "amazon", "--channel", "Amazon DE", "--operator", "simulated")
    assert result.code == 0
    assert "'Amazon DE' is not due" in result.stdout + result.stderr
    assert record(cli)["outcome"] == "not-needed"
    assert not account.events  # nothing was linked or polled


def test_wrong_hect_password_exits_3(cli: Cli) -> None:
    result = cli(*RECONNECT, HECT_PASSWORD="not-the-password")
    assert result.code == 3
    assert "Invalid email address or password" in result.stderr
    assert "not-the-password" not in result.output
    assert record(cli)["exit_code"] == 3


def test_a_renamed_label_exits_4_naming_the_step(cli: Cli, account: Tenant) -> None:
    account.set(relabel={"Sales Channels": "Channels & Integrations"})
    result = cli(*RECONNECT, HECT_TIMEOUT="2", HECT_TRACE="retain-on-failure")
    assert result.code == 4
    line = next(line for line in result.stderr.splitlines() if line.startswith("Error:"))
    assert "refresh-amazon-token, step 3 (click 'Sales Channels'" in line
    assert "not found within 2 s" in line
    assert "this run changed nothing in HECT" in line
    explain = Path(line.split("what the tool saw: ")[1].split(";")[0])
    screenshot = Path(line.split("screenshot: ")[1].split(";")[0])
    trace = Path(line.split("trace: ")[1])
    assert screenshot.is_file() and trace.is_file()  # the evidence is where it says
    said = explain.read_text()
    # What a developer needs to fix the runbook: every way it looked, and the page's outline.
    assert "'Sales Channels':" in said and "not on the page" in said
    assert 'link "Channels & Integrations"' in said


def test_unknown_channel_exits_2_listing_channels_and_closest(cli: Cli) -> None:
    result = cli("reconnect", "amazon", "--channel", "Amazon U.K.", "--operator", "simulated")
    assert result.code == 2
    assert "no Amazon channel named 'Amazon U.K.'" in result.stderr
    assert (
        "'Amazon UK', 'Amazon DE'" in result.stderr and "did you mean 'Amazon UK'?" in result.stderr
    )


def test_ambiguous_channel_exits_2(cli: Cli, account: Tenant) -> None:
    account.install("amazon", "Amazon UK", "United Kingdom")
    result = cli(*RECONNECT)
    assert result.code == 2
    assert "2 Amazon channels are named 'Amazon UK'" in result.stderr


def test_operator_timeout_exits_5(cli: Cli) -> None:
    # A person who never signs in: the terminal operator, with no one at the keyboard.
    result = cli(
        "reconnect", "amazon", "--channel", "Amazon UK", "--headless", HECT_OPERATOR_TIMEOUT="2"
    )
    assert result.code == 5
    assert "no success within 2 s" in result.stderr
    assert "Your turn: reconnect Amazon channel 'Amazon UK'" in result.stderr
    assert "Seller ID A1ACMETRADEUK1" in result.stderr


def test_refused_consent_exits_6(cli: Cli, account: Tenant) -> None:
    account.set(refuse_consent=True)
    result = cli(*RECONNECT)
    assert result.code == 6
    assert "error=access_denied" in result.stderr
    assert account.channel_named("Amazon UK").expired


def test_expired_state_exits_6(cli: Cli, account: Tenant) -> None:
    account.set(state_expired=True)
    result = cli(*RECONNECT)
    assert result.code == 6
    assert "the authorisation link has expired" in result.stderr
    shots = record(cli)["screenshots"]
    assert any(s.endswith("failure-window.png") for s in shots)  # HECT's failure page


def test_non_admin_amazon_user_exits_6(cli: Cli) -> None:
    result = cli(
        *RECONNECT,
        HECT_OPERATOR_AMAZON_EMAIL="viewer@acme-trading.example",
        HECT_OPERATOR_AMAZON_PASSWORD="sandbox-amazon-viewer",
    )
    assert result.code == 6
    assert "Invalid Access" in result.stderr


# Another seller linked (exit 7, and no order poll): test_memory.py, where what follows is too.


def test_duplicate_channel_exits_7(cli: Cli, account: Tenant) -> None:
    account.set(duplicate_on_connect=True)
    result = cli(*RECONNECT)
    assert result.code == 7
    assert "a channel was added: HECT now lists 2 named 'Amazon UK'" in result.stderr


def test_persistent_server_errors_exit_8(cli: Cli, account: Tenant) -> None:
    account.fail_next("/settings/sales-channels/amazon", times=50)
    result = cli(*RECONNECT)
    assert result.code == 8
    assert "HECT still failing after 4 retries" in result.stderr and "HTTP 500" in result.stderr


def test_an_unavailable_sign_in_page_is_hect_unavailable_not_a_password(
    cli: Cli, account: Tenant
) -> None:
    account.fail_next("/login.php", times=50, status=503)
    result = cli(*RECONNECT)
    assert result.code == 8, result.stderr
    assert "HTTP 503" in result.stderr and "password" not in result.stderr.lower()


def test_a_sign_in_page_that_fails_twice_is_retried_and_the_run_goes_on(
    cli: Cli, account: Tenant
) -> None:
    """After the retries, the run goes where it meant to (HECT's home), not back to the
    sign-in page the retry reloaded."""
    account.fail_next("/login.php", times=2, status=503)
    result = cli(*QUICK)
    assert result.code == 0, result.stderr


def test_hects_500_on_the_callback_is_hect_unavailable_said_at_once(
    cli: Cli, account: Tenant
) -> None:
    """The private window comes back to HECT's error page: the run notices at once (not
    after the operator's time), reads HECT (unchanged) and says so: exit 8, not 5 or 7."""
    account.fail_next("/amazon/callback", times=5)
    result = cli(*QUICK, "--json", HECT_OPERATOR_TIMEOUT="60")
    assert result.code == 8, result.stderr
    message = json.loads(result.stdout)["message"]
    assert "HECT answered HTTP 500 when the private window came back from Amazon" in message
    assert "still shows 'Token Expired'" in message
    hand_off = next(s for s in json.loads(result.stdout)["steps"] if s["index"] == 6)
    assert hand_off["duration_ms"] < 30_000  # well within the operator's 60 s
    assert account.channel_named("Amazon UK").expired


@pytest.mark.waits
def test_a_page_slower_than_the_timeout_is_hect_unavailable_not_a_changed_ui(
    cli: Cli, account: Tenant
) -> None:
    account.slow_down("/settings/sales-channels", 3)
    result = cli(*QUICK, HECT_TIMEOUT="1")
    assert result.code == 8, result.stderr
    assert "no answer from" in result.stderr and "in time (HECT_TIMEOUT)" in result.stderr


def test_a_bad_day_at_hect_is_survived(cli: Cli, account: Tenant) -> None:
    """Server errors that pass, slow pages within the timeout, and the session expiring
    mid-run (signed in again, once): the run still ends verified."""
    account.fail_next("/settings", times=2)
    account.fail_next("/", times=1)
    account.slow_down("/settings/sales-channels", 0.5)
    account.expire_session_after(2)
    result = cli(*QUICK)
    assert result.code == 0, result.stderr
    assert "retrying" in result.stderr
    assert "HECT session expired; signing in again" in result.stderr
    assert "hect: sessions expired" in account.events


def test_seller_with_two_step_verification_and_marketplace_choice(
    make_account, tmp_path: Path, cdp_endpoint: str
) -> None:
    account = make_account()
    seller = account.scenario.amazon_sellers[1]  # Acme Trading DE: Germany and France
    account.channel_named("Amazon DE").revoked = True
    cli = Cli(account, tmp_path, cdp_endpoint)
    result = cli(
        "reconnect",
        "amazon",
        "--channel",
        "Amazon DE",
        "--operator",
        "simulated",
        HECT_OPERATOR_AMAZON_EMAIL=seller.email,
        HECT_OPERATOR_AMAZON_PASSWORD=seller.password,
        HECT_OPERATOR_AMAZON_OTP=seller.otp or "",
    )
    assert result.code == 0, result.stderr
    assert account.channel_named("Amazon DE").seller_id == seller.id


def test_ebay_declined_exits_6(cli: Cli, account: Tenant) -> None:
    account.set(refuse_consent=True)
    result = cli("reconnect", "ebay", "--channel", "eBay UK", "--operator", "simulated")
    assert result.code == 6
    assert "access_denied" in result.stderr


def test_all_expired_reconnects_each(cli: Cli, account: Tenant) -> None:
    account.channel_named("Amazon DE").revoked = True
    seller = account.scenario.amazon_sellers[0]
    result = cli(
        "reconnect",
        "amazon",
        "--all-expired",
        "--operator",
        "simulated",
        "--json",
        "--no-order-poll",
        HECT_OPERATOR_AMAZON_EMAIL=seller.email,
    )
    # Amazon DE's seller differs from the operator's login: that one must fail verification.
    document = json.loads(result.stdout)
    assert result.code == 7
    assert (document["outcome"], document["exit_code"]) == ("failed", 7)
    runs = {r["channel"]: r for r in document["runs"]}
    assert runs["Amazon UK"]["outcome"] == "verified"
    assert runs["Amazon DE"]["exit_code"] == 7
    assert "wrong account linked" in runs["Amazon DE"]["message"]
    assert "Channel 1 of 2: 'Amazon UK'" in result.stderr
    assert "Channel 2 of 2: 'Amazon DE'" in result.stderr
    # one sign-in for the batch: the runs go on in the session the survey opened, and
    # each still says which HECT login it ran as
    assert result.stderr.count("Signing into HECT") == 1
    assert {r["hect_login"] for r in document["runs"]} == {account.scenario.users[0].email}


@pytest.mark.parametrize("count", [2, pytest.param(8, marks=pytest.mark.census)])
def test_reconnects_at_once_on_one_account_each_verify(
    make_account, tmp_path: Path, cdp_endpoint: str, count: int
) -> None:
    """Several people (or CI jobs) reconnect channels of one account at once: each run judges
    what it could have changed, so the others' reconnects are reported, not failed. Eight at
    once runs with --census (it takes half a minute on two cores)."""
    names = [f"Amazon {n}" for n in range(1, count + 1)]
    channels = [
        {
            "platform": "amazon",
            "name": n,
            "marketplace": "United Kingdom",
            "expires": "-3d",
            "seller": "A1ACMETRADEUK1",
        }
        for n in names
    ]
    account = make_account(channels=channels, orders=[])
    cli = Cli(account, tmp_path, cdp_endpoint)
    env = cli.env()
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "hect_automation",
                "reconnect",
                "amazon",
                "--channel",
                name,
                "--operator",
                "simulated",
                "--json",
            ],
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    results = [(run, *run.communicate(timeout=150)) for run in runs]
    for run, out, err in results:
        assert run.returncode == 0, err
        assert json.loads(out)["outcome"] == "verified"
    assert all(not account.channel_named(n).expired for n in names)
    assert len(account.polls) == count  # every order poll ran
    history = History(tmp_path / "history.sqlite3", json.loads(results[0][1])["account"])
    assert sorted(r.channel for r in history.runs(limit=20)) == sorted(names)
