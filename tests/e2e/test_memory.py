"""The local history: what was verified is remembered, so a wrong account is never "nothing to
do", status flags it, and an order poll still owed is offered. Plus the history itself: many
writers at once, and a lost history that only warns."""

from __future__ import annotations

import json
import shlex
import sqlite3
import threading
from pathlib import Path

import pytest

from hect_automation import History, RunRecord, Verification
from hect_automation.sandbox import Tenant
from tests.conftest import SIMULATED_UK, Cli

pytestmark = pytest.mark.e2e
RIGHT, OTHER = "A1ACMETRADEUK1", "A3OTHERSELLER3"
NO_POLL = (*SIMULATED_UK, "--no-order-poll", "--json")


def as_other_seller(account: Tenant) -> dict[str, str]:
    other = next(s for s in account.scenario.amazon_sellers if s.id == OTHER)
    return {
        "HECT_OPERATOR_AMAZON_EMAIL": other.email,
        "HECT_OPERATOR_AMAZON_PASSWORD": other.password,
    }


def states(cli: Cli) -> dict[str, dict[str, object]]:
    result = cli("status", "--platform", "amazon", "--json")
    return {c["name"]: c for c in json.loads(result.stdout)["channels"]}


def test_a_wrong_account_stays_flagged_until_repaired_with_force(cli: Cli, account: Tenant) -> None:
    account.set(connect_on_connected=True)  # HECT offers a reconnect before expiry
    wrong = cli(*NO_POLL, **as_other_seller(account))
    assert wrong.code == 7
    record = json.loads(wrong.stdout)
    assert (
        f"'Amazon UK' now takes orders from seller {OTHER}'s account, not {RIGHT}'s"
        in (record["message"])
    )
    assert '--channel "Amazon UK" --force' in record["message"]
    assert record["verification"]["before"]["seller"] == RIGHT  # kept on exit 7
    assert record["verification"]["after"]["seller"] == OTHER
    # A rerun is not "nothing to do": the channel looks connected, to the wrong seller.
    rerun = cli(*NO_POLL)
    assert rerun.code == 7, rerun.stderr
    assert f"connected, but to seller {OTHER}, not {RIGHT}" in json.loads(rerun.stdout)["message"]
    assert account.channel_named("Amazon UK").seller_id == OTHER  # the rerun changed nothing
    flagged = states(cli)["Amazon UK"]
    assert flagged["state"] == "SELLER_CHANGED" and str(flagged["fix"]).endswith("--force")
    repaired = cli(*NO_POLL, "--force")
    assert repaired.code == 0, repaired.stderr
    assert account.channel_named("Amazon UK").seller_id == RIGHT
    assert states(cli)["Amazon UK"]["state"] == "OK"


def test_force_where_hect_offers_no_link_says_so(cli: Cli, account: Tenant) -> None:
    cli(*NO_POLL, **as_other_seller(account))  # exit 7: the wrong seller linked
    forced = cli(*NO_POLL, "--force")
    assert forced.code == 7, forced.stderr
    message = json.loads(forced.stdout)["message"]
    assert "HECT shows no connect control for 'Amazon UK' while it is connected" in message
    assert "ask HECT support to disconnect it" in message
    step = next(s for s in json.loads(forced.stdout)["steps"] if s["status"] == "failed")
    assert step["duration_ms"] < 8000  # said at once, not after the step's timeout (8 s here)


def test_accepting_the_other_seller_ends_the_flag(cli: Cli, account: Tenant) -> None:
    wrong = cli(*SIMULATED_UK, **as_other_seller(account))  # the order poll asked for
    assert wrong.code == 7
    said = f"wrong account linked: 'Amazon UK' now shows seller {OTHER}, expected {RIGHT}"
    assert said in wrong.stderr
    assert account.polls == []  # no order poll on an unverified channel
    refused = cli(*NO_POLL, "--accept-seller", "A9NOTTHESELLER")
    assert refused.code == 2 and "HECT shows 'Amazon UK' with seller " + OTHER in refused.stderr
    accepted = cli(*NO_POLL, "--accept-seller", OTHER)
    assert accepted.code == 0, accepted.stderr
    assert json.loads(accepted.stdout)["outcome"] == "seller-accepted"
    assert states(cli)["Amazon UK"]["state"] == "OK"
    again = cli(*NO_POLL)
    assert again.code == 0 and json.loads(again.stdout)["outcome"] == "not-needed"


def test_an_order_poll_not_run_is_owed_until_run(cli: Cli, account: Tenant) -> None:
    uk = account.channel_named("Amazon UK")
    account.fail_next(f"/settings/sales-channels/amazon/{uk.id}/order-poll", times=10)
    owed = cli(*SIMULATED_UK, "--json")
    assert owed.code == 12, owed.stderr
    assert json.loads(owed.stdout)["outcome"] == "reconnected-no-order-poll"
    status = cli("status", "--platform", "amazon", "--json")
    assert status.code == 10
    channel = {c["name"]: c for c in json.loads(status.stdout)["channels"]}["Amazon UK"]
    assert channel["state"] == "OK" and channel["needs_action"]
    assert channel["order_poll_owed_from"]
    assert str(channel["fix"]).startswith('hect-runbook order-poll amazon --channel "Amazon UK"')
    account.switches.fail.clear()
    polled = cli(*shlex.split(str(channel["fix"]))[1:])  # the command, as a person pastes it
    assert polled.code == 0, polled.stderr
    assert account.polls  # HECT queued it
    after = states(cli)["Amazon UK"]
    assert not after["needs_action"] and after["order_poll_owed_from"] is None


def test_history_shows_runs_and_what_status_saw(cli: Cli) -> None:
    cli(*NO_POLL)
    cli("status", "--platform", "amazon")
    shown = cli("history", "--channel", "Amazon UK")
    assert shown.code == 0, shown.stderr
    assert "verified" in shown.stdout and "RELINK_NEEDED" not in shown.stdout
    document = json.loads(cli("history", "--json").stdout)
    assert (document["outcome"], document["exit_code"]) == ("listed", 0)
    [run] = document["runs"]
    assert (run["channel"], run["outcome"], run["seller_after"]) == ("Amazon UK", "verified", RIGHT)
    assert {o["channel"] for o in document["observations"]} >= {"Amazon UK", "Amazon DE"}


def test_eight_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"

    def write(n: int) -> None:
        record = RunRecord(
            runbook="refresh-amazon-token",
            title="t",
            platform="amazon",
            channel=f"Amazon {n}",
            base_url="http://hect.localhost",
            operator="test",
            outcome="verified",
            exit_code=0,
            verification=Verification(
                channel=f"Amazon {n}", before={}, after={"seller": f"A{n}"}, seller_checked=True
            ),
        )
        for _ in range(5):
            assert History(path, "acct").record_run(record) == []

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(History(path, "acct").runs(limit=100)) == 40
    assert History(path, "acct").expected_seller("amazon", "Amazon 3") == "A3"


def test_a_lost_history_warns_and_the_run_goes_on(
    cli: Cli, account: Tenant, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the history's folder should be")
    result = cli(*NO_POLL, HECT_HISTORY=str(blocked / "history.sqlite3"))
    assert result.code == 0, result.stderr
    assert "Warning: the history at" in result.stderr and "going on without it" in result.stderr
    assert not account.channel_named("Amazon UK").expired


def test_a_history_written_by_an_older_version_is_carried_on(tmp_path: Path) -> None:
    """An older history (without the column of the seller each channel should have) is
    opened, extended and used; it is never 'could not be written'."""
    path = tmp_path / "history.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE runs (id INTEGER PRIMARY KEY, account TEXT NOT NULL,"
            " platform TEXT NOT NULL, channel TEXT NOT NULL, channel_key TEXT NOT NULL,"
            " runbook TEXT, started_at TEXT, finished_at TEXT, outcome TEXT, exit_code INTEGER,"
            " operator TEXT, hect_login TEXT, seller_before TEXT, seller_after TEXT,"
            " expiry_before TEXT, expiry_after TEXT, poll_from TEXT, message TEXT, run_dir TEXT)"
        )
    history = History(path, "acct")
    record = RunRecord(
        runbook="refresh-amazon-token",
        title="t",
        platform="amazon",
        channel="Amazon UK",
        base_url="http://hect.localhost",
        operator="test",
        outcome="verified",
        exit_code=0,
        verification=Verification(
            channel="Amazon UK", before={}, after={"seller": RIGHT}, seller_checked=True
        ),
    )
    assert history.record_run(record) == []
    assert history.expected_seller("amazon", "Amazon UK") == RIGHT
    assert history.problems == []
