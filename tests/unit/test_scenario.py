"""Scenario files for the sandbox: relative dates, and refusals that quote file and key."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hect_automation.errors import BadInput
from hect_automation.sandbox.scenario import default_scenario_text, load_scenario, parse_scenario


def test_default_scenario_has_the_hazards_the_issue_asks_for() -> None:
    scenario = load_scenario()
    assert scenario.account == "Acme Trading Ltd"
    names = {c.name: c for c in scenario.channels}
    assert names["Amazon UK"].expires < datetime.now(UTC) < names["Amazon DE"].expires
    assert names["eBay UK"].expires < datetime.now(UTC)
    assert len(scenario.amazon_sellers) > 1  # a wrong account to link by mistake


def test_relative_dates_are_relative_to_now() -> None:
    scenario = parse_scenario(default_scenario_text())
    order = next(o for o in scenario.orders if o.id == "202-4417730-1180303")
    assert abs(datetime.now(UTC) - timedelta(hours=5) - order.placed) < timedelta(minutes=1)


def test_a_bad_scenario_is_refused_with_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text(default_scenario_text().replace("id: A1ACMETRADEUK1", "id: not-an-id"))
    with pytest.raises(
        BadInput, match=rf"^{path}: amazon_sellers\.0\.id: String should match pattern"
    ):
        load_scenario(path)


def test_a_channel_must_name_a_known_seller(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text(
        default_scenario_text().replace("seller: A2ACMETRADEDE2}", "seller: A9NOBODY99999}")
    )
    with pytest.raises(
        BadInput, match=r"channels\.1\.seller: 'A9NOBODY99999' is not an amazon_sellers"
    ):
        load_scenario(path)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="cannot read scenario .*missing.yaml"):
        load_scenario(tmp_path / "missing.yaml")


@pytest.mark.parametrize(
    ("extra", "where"),
    [
        (
            "channels:\n  - {platform: etsy, name: Etsy UK, expires: -1d}\n",
            r"channels\.0\.platform",
        ),
        ("sellers:\n  etsy: [{id: E1, email: e@x.example, password: p}]\n", r"sellers\.etsy"),
    ],
)
def test_a_marketplace_the_sandbox_does_not_play_is_refused(
    tmp_path: Path, extra: str, where: str
) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text("users: [{email: a@b.example, password: x}]\n" + extra)
    with pytest.raises(BadInput, match=rf"^{path}: {where}.*: expected one of amazon, ebay$"):
        load_scenario(path)


def test_a_seller_at_another_marketplace_may_hold_a_channel() -> None:
    text = (
        "users: [{email: a@b.example, password: x}]\n"
        "sellers: {ebay: [{id: shop.one, email: s@x.example, password: p}]}\n"
        "channels: [{platform: ebay, name: eBay One, expires: -1d, seller: shop.one}]\n"
    )
    assert parse_scenario(text).sellers["ebay"][0].id == "shop.one"


@pytest.mark.parametrize(
    ("sellers", "refusal"),
    [
        ("{amazon: [{id: bad, email: a@x.example, password: p}]}", "is not a Amazon seller id"),
        (
            "{amazon: [{id: A1ACMETRADEUK1, email: a@x.example, password: p}]}",
            "'A1ACMETRADEUK1' is given twice",
        ),
        (
            "{ebay: [{id: shop.one, email: s@x.example, password: p, otp: '1'}]}",
            "eBay's sign-in asks for no code",
        ),
    ],
)
def test_a_plain_seller_must_fit_its_marketplace(sellers: str, refusal: str) -> None:
    text = default_scenario_text() + f"\nsellers: {sellers}\n"
    with pytest.raises(BadInput, match=rf"sellers\.\w+\.0\.\w+: .*{re.escape(refusal)}"):
        parse_scenario(text)
