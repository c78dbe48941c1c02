"""Every job on every skin: the same HECT drawn in other markup (tables, plain lists, div
grids, cards, accordions, shadow DOM, an iframe, a page drawn by script behind a menu and an
announcement, a paged table, an infinite feed…). The runbooks know none of them; a skin is
added by adding a folder, and these tests pick it up.

By default the jobs run on the skins that draw the cases issue #6 names (``DEFAULT_SKINS``);
the census (``./run-tests --census``, GitHub CI on every push and nightly) runs every job,
eBay's reconnect and the order-poll command too, on every skin. What each blind skin once
broke has its own test in ``test_locate.py``, which runs by default."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from hect_automation.sandbox import SKINS_DIR, ChannelSeed, Sandbox, Tenant
from hect_automation.sandbox import every_skin as skins
from tests.conftest import Cli

pytestmark = pytest.mark.e2e
SKINS = sorted(skins())
# One skin for each case issue #6 names: a plain list; a grid of divs with the order poll
# behind a row menu in a modal and a success image known only by its caption (divgrid); a
# list drawn by script after a delay behind a collapsed menu and an announcement (spa); shadow
# DOM; an iframe with Settings as tabs (frames). 120 channels paged are read and one
# reconnected by test_a_long_list_is_read_through_its_pages; the classic skin is the one
# every other end-to-end test runs on.
DEFAULT_SKINS = ("plainlist", "divgrid", "spa", "shadow", "frames")
BY_DEFAULT_OR_IN_THE_CENSUS = [
    pytest.param(skin, marks=() if skin in DEFAULT_SKINS else pytest.mark.census) for skin in SKINS
]


@pytest.mark.parametrize("skin", BY_DEFAULT_OR_IN_THE_CENSUS)
def test_every_job_on_every_skin(cli: Cli, hect_runbook: Any, account: Tenant, skin: str) -> None:
    account.set(skin=skin)

    status = cli("status", "--json")
    assert status.code == 10, status.stderr
    rows = {r["name"]: r for r in json.loads(status.stdout)["channels"]}
    assert set(rows) == {"Amazon UK", "Amazon DE", "eBay UK"}, status.stderr
    assert rows["Amazon UK"]["expired"] and rows["eBay UK"]["expired"]
    assert rows["Amazon DE"]["expired"] is False and rows["Amazon DE"]["seller"] == "A2ACMETRADEDE2"

    before = account.channel_named("Amazon UK").expires_at
    amazon = hect_runbook("amazon", "Amazon UK")  # the project's pytest plugin, as teams use it
    assert amazon.exit_code == 0, amazon.messages
    printed = amazon.record  # what --json printed on stdout, and nothing else
    assert printed["outcome"] == "verified"
    assert printed["verification"]["after"]["seller"] == "A1ACMETRADEUK1"
    assert [s["status"] for s in printed["steps"]] == ["ok"] * 8
    assert '[6/8] Article: "Sign into your Amazon account' in amazon.messages
    uk = account.channel_named("Amazon UK")
    assert not uk.expired and uk.expires_at > before and uk.seller_id == "A1ACMETRADEUK1"
    assert not account.channel_named("Amazon DE").expired
    assert [p.channel_id for p in account.polls] == [uk.id]  # the order poll, once
    run_dir = Path(printed["run_dir"])
    assert (run_dir / "success.png").stat().st_size > 1000
    assert json.loads((run_dir / "run.json").read_text())["exit_code"] == 0
    assert not (run_dir / "trace.zip").exists()  # retain-on-failure: a success keeps none
    audit = json.loads((run_dir.parent / "audit.jsonl").read_text().splitlines()[-1])
    assert audit["outcome"] == "verified" and audit["user"]
    assert audit["hect_login"] == account.scenario.users[0].email
    # from when the token expired, as the record says it asked: the date went in right
    asked = amazon.record["order_poll"]["requested_from"]
    polled = account.polls[0].since.astimezone(UTC)
    assert polled.strftime("%Y-%m-%dT%H:%M") == asked[:16]
    # ... from the expiry as HECT shows it (a day, where it shows no time), or the latest
    # time before it that the form offers (a list of half hours)
    shows_time = "%H" in skins()[skin].spec.date_format
    step = timedelta(hours=1) if shows_time else timedelta(days=1)
    assert timedelta(0) <= before.astimezone(UTC) - polled < step
    said = amazon.record["order_poll"]["message"]  # HECT's words, not its toast's icons
    assert said[0].isalnum() and said[-1] not in "×✕✓", said


def test_a_list_shown_one_channel_at_a_time_reconnects_the_named_one(
    make_account: Any, cli_for: Any, sandbox: Sandbox
) -> None:
    """On the split skin the page shows one channel's details at a time; reading the whole
    list leaves the last one picked on screen. Before the reader checked what the page
    shows, the run clicked that one's connect link: another expired channel's."""
    fr = {"platform": "amazon", "name": "Amazon FR", "expires": "-1d", "seller": "A1ACMETRADEUK1"}
    account = make_account(channels=[*sandbox.scenario.model_dump()["channels"], fr])
    account.set(skin="split")
    done = cli_for(account)("reconnect", "amazon", "--channel", "Amazon UK",
                            "--operator", "simulated", "--no-order-poll")  # fmt: skip
    assert done.code == 0, done.stderr
    assert "picked 2 channel(s) in the list to read their details" in done.stderr
    assert not account.channel_named("Amazon UK").expired
    assert account.channel_named("Amazon FR").expired  # the one shown last, left alone


# eBay's channels are listed, linked and verified, and the order-poll command fills the same
# form, by the mechanisms the jobs above run; these run on each skin in the census
# (``--census``), and by default on the classic skin (test_reconnect, test_cli).
@pytest.mark.census
@pytest.mark.parametrize("skin", SKINS)
def test_ebay_and_the_order_poll_command_on_every_skin(
    cli: Cli, account: Tenant, skin: str
) -> None:
    account.set(skin=skin)
    since = datetime.now() - timedelta(days=2)
    poll = cli(
        "order-poll", "amazon", "--channel", "Amazon DE", "--from", f"{since:%d/%m/%Y %H:%M}"
    )
    assert poll.code == 0, poll.stderr
    de = account.channel_named("Amazon DE")
    assert [p.channel_id for p in account.polls] == [de.id]
    # from that time, or the latest before it that the form offers (a list of half hours)
    asked = since.replace(second=0, microsecond=0, tzinfo=UTC)
    assert timedelta(0) <= asked - account.polls[-1].since.astimezone(UTC) < timedelta(hours=1)
    ebay = cli(
        "reconnect", "ebay", "--channel", "eBay UK", "--operator", "simulated", "--no-order-poll"
    )
    assert ebay.code == 0, ebay.stderr
    assert not account.channel_named("eBay UK").expired
    assert account.channel_named("eBay UK").seller_id == "acme_trading_uk"


def many_channels(count: int) -> list[dict[str, object]]:
    """The default account's channels plus ``count`` Amazon shops awaiting authorisation."""
    shops = [
        {"platform": "amazon", "name": f"Amazon Shop {i:03}", "expires": "+100d"}
        for i in range(count)
    ]
    return [ChannelSeed.model_validate(c).model_dump() for c in shops]


@pytest.mark.parametrize(
    ("skin", "count"),
    [
        ("paged", 120),
        pytest.param("lazy", 40, marks=pytest.mark.census),
        pytest.param("virtual", 60, marks=pytest.mark.census),
    ],
)
def test_a_long_list_is_read_through_its_pages(
    make_account, cli_for, skin: str, count: int
) -> None:  # type: ignore[no-untyped-def]
    """120 channels, 20 a page behind Next and a search box (paged); or drawn 10 at a time
    as the list is scrolled (lazy); or only those in view of a virtualised grid (virtual):
    status reads them all; a reconnect finds its channel."""
    base = make_account()
    shops = many_channels(count - 2)
    account = make_account(channels=[*base.scenario.model_dump()["channels"], *shops])
    account.set(skin=skin)
    cli = cli_for(account)
    status = cli("status", "--platform", "amazon", "--json")
    assert status.code == 10, status.stderr
    names = [r["name"] for r in json.loads(status.stdout)["channels"]]
    assert len(names) == count and f"Amazon Shop {count - 3:03}" in names
    result = cli(
        "reconnect", "amazon", "--channel", "Amazon Shop 030", "--operator", "simulated",
        "--no-order-poll",
    )  # fmt: skip
    assert result.code == 0, result.stderr  # awaiting authorisation: any seller is a first link
    assert account.channel_named("Amazon Shop 030").seller_id == "A1ACMETRADEUK1"


PRODUCT = Path(__file__).resolve().parents[2] / "hect_automation"


def test_no_product_module_knows_a_skin() -> None:
    """The page readers, actions, engine and runbooks name no skin, and none of the sandbox's
    ids, classes or addresses: adding a skin needs no product change."""
    readers = [
        *(PRODUCT / "hect").rglob("*.*"),
        *(PRODUCT / "actions").rglob("*.py"),
        PRODUCT / "engine.py",
        PRODUCT / "locate.py",
        PRODUCT / "platforms.py",
        *(PRODUCT.parent / "runbooks").glob("*.yaml"),
    ]
    readers = [p for p in readers if p.suffix in {".py", ".js", ".yaml"}]
    sandbox_words = {f'"{name}"' for name in skins()} | {f"'{name}'" for name in skins()}
    for skin in skins().values():
        for template in skin.folder.glob("*.*"):
            for names in re.findall(r'(?:id|class)="([^"{}]+)"', template.read_text()):
                # Markup names, not English words: those with a - or _ in them.
                sandbox_words |= {n for n in names.split() if re.search(r"\w[-_]\w", n)}
    sandbox_words |= {"/settings/sales-channels", "data-channel-id", ".localhost"}
    # English words a skin also uses as a class: the tool's own command, and "sign-in"
    sandbox_words -= {"order-poll", "sign-in"}
    # One pattern for every word (longest first), not one search per word: a few ms, not 4 s.
    words = "|".join(map(re.escape, sorted(sandbox_words, key=len, reverse=True)))
    pattern = re.compile(rf"(?<![\w-])(?:{words})(?![\w-])")
    for path in readers:
        found = sorted(set(pattern.findall(path.read_text())))
        assert not found, f"{path.relative_to(PRODUCT.parent)} names the sandbox: {found}"


def test_a_new_skin_is_picked_up_from_its_folder_alone() -> None:
    assert {p.parent.name for p in SKINS_DIR.glob("*/skin.yaml")} == set(SKINS)
    assert len(SKINS) >= 8
    assert set(DEFAULT_SKINS) <= set(SKINS)
