"""``reconnect --all-expired`` as a batch: the next channel prepared while the person is on
this one, and a batch stopped by a signal. Each case holds a request in the sandbox (the
person's sign-in on Amazon, the next channel's list) to catch the run at a known moment."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from contextlib import suppress
from pathlib import Path
from typing import Any

import pytest

from hect_automation.sandbox import Hold, Tenant
from tests.conftest import Cli, read_until
from tests.e2e.test_endings import assert_no_secret

pytestmark = pytest.mark.e2e

BATCH = ("reconnect", "--all-expired", "--operator", "simulated", "--json", "--no-order-poll")
EBAY_LIST = "/settings/sales-channels/ebay"
DONE_BEFOREHAND = "done beforehand, while the person was on the channel before"


def start(cli: Cli) -> subprocess.Popen[str]:
    """The batch, with HECT's timeout long: what a test holds must not time out first (the
    next channel's preparation waits on a held request while the first goes on, and on a
    busy host that can take longer than the suite's usual 8 s)."""
    return subprocess.Popen(
        [sys.executable, "-m", "hect_automation", *BATCH],
        cwd=cli.cwd,
        env=cli.env(HECT_TIMEOUT="90"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str], *holds: Hold) -> tuple[int, str, str]:
    for hold in holds:
        hold.release()
    try:
        out, err = process.communicate(timeout=90)
    finally:
        if process.poll() is None:
            process.kill()
    return process.returncode, out, err


def holds(account: Tenant) -> tuple[Hold, Hold]:
    """Amazon UK's sign-in, as the person sends it; and eBay UK's list, read the second
    time (the first is the batch's look at what is due)."""
    signing_in = account.hold("/ap/signin", site="amazon", method="POST")
    next_list = account.hold(EBAY_LIST, method="GET", nth=2)
    return signing_in, next_list


def test_the_next_channel_is_prepared_while_the_person_signs_in(cli: Cli, account: Tenant) -> None:
    """While the person signs in on Amazon UK, eBay UK's list is read (and its link fetched):
    its own turn then starts at its private window."""
    signing_in, next_list = holds(account)
    process = start(cli)
    try:
        signing_in.wait_reached(60)
        next_list.wait_reached(60)  # asked for while Amazon UK's sign-in is still held
    finally:
        code, out, err = finish(process, next_list, signing_in)
    assert code == 0, err
    first, second = json.loads(out)["runs"]
    assert (first["channel"], second["channel"]) == ("Amazon UK", "eBay UK")
    assert [step["detail"] for step in second["steps"][:4]] == [DONE_BEFOREHAND] * 4
    assert second["notes"]["link_captured_beforehand"]
    assert not account.channel_named("eBay UK").expired
    assert err.count("Signing into HECT") == 1  # the preparation went on in the batch's session
    assert "could not be prepared" not in err
    # what the person reads comes in order: eBay UK's steps only after Amazon UK's summary
    assert err.index("Channel 2 of 2: 'eBay UK'") < err.index(DONE_BEFOREHAND)


def broken(*_: object) -> None:
    raise RuntimeError("a preparation that breaks")


# A fresh link used as fetched is also the first test's case; with --census it runs here too.
@pytest.mark.parametrize(
    "link", [pytest.param("fresh", marks=pytest.mark.census), "stale", "broken"]
)
def test_a_prepared_channel_is_judged_on_its_list_as_it_is_at_its_turn(
    cli_for: Any, make_account: Any, monkeypatch: pytest.MonkeyPatch, link: str
) -> None:
    """'Amazon 2' was prepared while 'Amazon 1' was being reconnected: its verification does
    not report 'Amazon 1' as another channel changed (it did, on the list read beforehand).
    Its link is used if fetched under FRESH_FOR seconds before its turn, else fetched again;
    a preparation that breaks is said and dropped, and the run does it all itself."""
    if link == "stale":
        monkeypatch.setattr("hect_automation.actions.prepare.FRESH_FOR", 0.0)
    if link == "broken":
        monkeypatch.setattr("hect_automation.actions.prepare.Preparation._read", broken)
    seed = {"platform": "amazon", "marketplace": "United Kingdom", "seller": "A1ACMETRADEUK1"}
    account = make_account(
        channels=[{**seed, "name": f"Amazon {n}", "expires": "-3d"} for n in (1, 2)], orders=[]
    )
    result = cli_for(account)("reconnect", "amazon", *BATCH[1:])
    assert result.code == 0, result.output
    _, second = json.loads(result.stdout)["runs"]
    prepared = [step["detail"] == DONE_BEFOREHAND for step in second["steps"][:4]]
    assert prepared == [link != "broken"] * 4
    assert second["verification"]["others_changed"] == []
    assert second["verification"]["others_unchanged"] == ["Amazon 1"]
    captured = "link_captured_beforehand" in second["notes"]
    assert captured == (link == "fresh")
    assert ("The link fetched beforehand is" in result.stderr) == (link == "stale")
    broke = "'Amazon 2' could not be prepared beforehand (a preparation that breaks)"
    assert (broke in result.stderr) == (link == "broken")


@pytest.mark.parametrize("when", ["preparing", pytest.param("prepared", marks=pytest.mark.census)])
def test_a_signal_stops_a_batch_and_starts_no_other_channel(
    cli: Cli, account: Tenant, when: str
) -> None:
    """SIGTERM (``timeout``, a cancelled CI job) during a batch's first channel ends that
    channel as a run alone would, drops the next one's preparation (midway, or done) and
    starts no other. (The batch went on to the next channel, and with the simulated
    operator even reconnected it.)"""
    signing_in, next_list = holds(account)
    process = start(cli)
    try:
        signing_in.wait_reached(60)
        next_list.wait_reached(60)
        if when == "prepared":
            next_list.release()  # the preparation goes on to the end (or it is stopped first)
        process.send_signal(signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=20)
    finally:
        code, out, err = finish(process, next_list, signing_in)
    assert code == 5, err
    assert "Traceback" not in err
    document = json.loads(out)
    assert document["not_started"] == ["eBay UK"]
    [ended] = document["runs"]
    assert ended["channel"] == "Amazon UK" and "nothing changed" in ended["message"]
    assert "Channel 2 of 2" not in err
    assert "The batch was stopped; not started: 'eBay UK'" in err
    assert account.channel_named("Amazon UK").expired and account.channel_named("eBay UK").expired
    [folder] = [Path(p).parent for p in cli.runs()]  # one run: eBay UK's never began
    assert "amazon-uk" in folder.name
    assert_no_secret(cli.cwd / "runs", out, err)


# A second moment for the signal above (between the two channels): with --census.
@pytest.mark.census
def test_a_signal_while_the_next_channel_is_still_being_prepared_stops_the_batch(
    cli: Cli, account: Tenant
) -> None:
    """Amazon UK is done and eBay UK's preparation is still under way (its list held): a
    SIGTERM then stops the batch before eBay UK's run begins, and says so (exit 5)."""
    next_list = account.hold(EBAY_LIST, method="GET", nth=2)
    process = start(cli)
    try:
        next_list.wait_reached(60)
        said = read_until(process, "Channel 2 of 2: 'eBay UK'", stream="stderr", timeout=60)
        process.send_signal(signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=20)
    finally:
        code, out, err = finish(process, next_list)
    err = said + err
    assert code == 5, err
    assert "Traceback" not in err
    document = json.loads(out)
    assert (document["outcome"], document["not_started"]) == ("stopped", ["eBay UK"])
    [done] = document["runs"]
    assert (done["channel"], done["outcome"]) == ("Amazon UK", "verified")
    assert "Stopped between two channels (stopped by SIGTERM)" in err
    assert not account.channel_named("Amazon UK").expired
    assert account.channel_named("eBay UK").expired
