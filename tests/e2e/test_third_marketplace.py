"""A third marketplace, made up here (``tests/bazaar``), runs the whole job: a registry
entry, a runbook and a sandbox module are all it takes, and no product file names it."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from hect_automation import Platform, platforms
from hect_automation import builtin_runbooks as builtin_dir
from hect_automation.sandbox import ChannelSeed, OrderSeed, Seller, Tenant, now
from tests.bazaar.market import ENTRY
from tests.conftest import Cli

pytestmark = pytest.mark.e2e
SHOP = "BZ000123"
OTHER_SHOP = "BZ000456"


@pytest.fixture
def bazaar() -> Iterator[Platform]:
    platforms.register(ENTRY)
    try:
        yield ENTRY
    finally:
        platforms.unregister(ENTRY.key)


@pytest.fixture
def bazaar_account(bazaar: Platform, make_account: Any) -> Tenant:
    """The default scenario plus two Bazaar shops and one expired Bazaar channel."""
    sellers = {
        bazaar.key: [
            Seller(id=SHOP, name="Acme Bazaar", email="shop@acme.example", password="bz-pass-1"),
            Seller(id=OTHER_SHOP, name="Other", email="other@shop.example", password="bz-pass-2"),
        ]
    }
    channel = ChannelSeed(platform=bazaar.key, name="Bazaar Shop", expires="-2d", seller=SHOP)
    order = OrderSeed(
        id="BZ-1", channel="Bazaar Shop", placed="-1d", customer="A Buyer", postcode="M1 1AA",
        total="£12.00",
    )  # fmt: skip
    return make_account(sellers=sellers, channels=[channel], orders=[order])


@pytest.fixture
def runbooks(tmp_path: Path) -> Path:
    """The shipped runbooks and Bazaar's, in one folder (HECT_RUNBOOKS_DIR)."""
    folder = tmp_path / "runbooks"
    shutil.copytree(str(builtin_dir()), folder)
    shutil.copy(Path(__file__).parents[1] / "bazaar/runbooks/refresh-bazaar-token.yaml", folder)
    return folder


def test_a_made_up_marketplace_reconnects_with_status_and_order_poll(
    bazaar_account: Tenant, cli_for: Any, runbooks: Path
) -> None:
    cli: Cli = cli_for(bazaar_account)
    env = {"HECT_RUNBOOKS_DIR": str(runbooks)}
    before = cli("status", "--platform", "bazaar", "--json", **env)
    assert before.code == 10, before.stderr
    [row] = json.loads(before.stdout)["channels"]
    assert (row["platform"], row["name"]) == ("bazaar", "Bazaar Shop")
    assert row["state"] == "RELINK_NEEDED"
    assert row["fix"] == 'hect-runbook reconnect bazaar --channel "Bazaar Shop"'

    done = cli("reconnect", "bazaar", "--channel", "Bazaar Shop", "--operator", "simulated",
               "--json", **env)  # fmt: skip
    assert done.code == 0, done.stderr
    printed = json.loads(done.stdout)
    assert printed["outcome"] == "verified"
    assert printed["verification"]["after"]["seller"] == SHOP
    assert printed["order_poll"]["message"].startswith("Order poll queued for Bazaar Shop")
    assert "the Bazaar shop with Seller ID BZ000123" in done.stderr
    channel = bazaar_account.channel_named("Bazaar Shop")
    assert not channel.expired and channel.seller_id == SHOP
    assert [p.channel_id for p in bazaar_account.polls] == [channel.id]
    assert [e for e in bazaar_account.events if "linked" in e] == [
        f"bazaar: linked {SHOP} to 'Bazaar Shop'"
    ]

    after = cli("status", "--platform", "bazaar", "--json", **env)
    assert after.code == 0, after.stderr
    assert [r["state"] for r in json.loads(after.stdout)["channels"]] == ["OK"]

    # The order-poll command on its own, for orders from a chosen moment.
    since = (now() - timedelta(days=3)).strftime("%d/%m/%Y %H:%M")
    polled = cli("order-poll", "bazaar", "--channel", "Bazaar Shop", "--from", since, **env)
    assert polled.code == 0, polled.stderr
    assert "Order poll queued for Bazaar Shop" in polled.stdout
    assert len(bazaar_account.polls) == 2


def test_an_installed_marketplace_reaches_the_command_line(
    bazaar_account: Tenant, cli_for: Any, runbooks: Path, tmp_path: Path
) -> None:
    """A package that declares Bazaar in the ``hect_automation.platforms`` entry-point group
    (here a bare dist-info on the path) is a marketplace for ``hect-runbook`` itself, in its
    own process; without it the command refuses the word, and a broken one is named."""
    plugins = tmp_path / "plugins"
    dist = plugins / "bazaar_for_hect-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: bazaar-for-hect\nVersion: 1.0\n")
    points = dist / "entry_points.txt"
    points.write_text("[hect_automation.platforms]\nbazaar = tests.bazaar.market:ENTRY\n")
    root = str(Path(__file__).resolve().parents[2])
    cli: Cli = cli_for(bazaar_account)
    args = ("status", "--platform", "bazaar", "--json")
    env = {"HECT_RUNBOOKS_DIR": str(runbooks)}

    installed = cli.subprocess(*args, **env, PYTHONPATH=os.pathsep.join([str(plugins), root]))
    assert installed.code == 10, installed.stderr
    assert [r["name"] for r in json.loads(installed.stdout)["channels"]] == ["Bazaar Shop"]

    absent = cli.subprocess(*args, **env, PYTHONPATH=root)
    assert absent.code == 2
    assert "'bazaar' is not one of 'amazon', 'ebay'" in absent.stderr

    points.write_text("[hect_automation.platforms]\nbazaar = tests.bazaar.nowhere:ENTRY\n")
    broken = cli.subprocess(*args, **env, PYTHONPATH=os.pathsep.join([str(plugins), root]))
    assert broken.code == 2, broken.stderr
    [line] = [x for x in broken.stderr.splitlines() if x.startswith("Error:")]
    assert "the marketplace plugin 'bazaar' (tests.bazaar.nowhere:ENTRY) could not be" in line
    assert "Traceback" not in broken.stderr
