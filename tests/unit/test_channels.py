"""Reading channel records and deciding what changed: the rules verification relies on."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from hect_automation.actions.verify import judge
from hect_automation.errors import ChannelChoiceError
from hect_automation.hect.channels import ChannelList, ChannelRecord, classify, parse_date
from hect_automation.platforms import platform

AMAZON = platform("amazon")
EBAY = platform("ebay")


def seg(
    text: str, kind: str = "other", emphasis: int = 0, label: str | None = None
) -> dict[str, Any]:
    return {"text": text, "kind": kind, "emphasis": emphasis, "control": False, "label": label}


def rec(
    name: str,
    status: str = "Connected",
    expiry: str = "27/11/2027 10:00",
    seller: str = "A1ACME00001",
) -> ChannelRecord:
    fields = {"Channel Name": name, "Status": status, "Token Expiry": expiry, "Seller ID": seller}
    segments = [seg(name), seg(status, "status"), seg(expiry, "date"), seg(seller)]
    return classify({"fields": fields, "segments": segments, "text": name}, AMAZON)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25/11/2026 11:15", datetime(2026, 11, 25, 11, 15)),
        ("2026-11-25T11:15", datetime(2026, 11, 25, 11, 15)),
        ("25 Nov 2026", datetime(2026, 11, 25)),
        ("25 Nov 2026, 11:15", datetime(2026, 11, 25, 11, 15)),
        ("Tue 25 November 2026", datetime(2026, 11, 25)),
        ("2026-11-25 11:15", datetime(2026, 11, 25, 11, 15)),
        ("expires 3 March 2027", datetime(2027, 3, 3)),
        ("1 Sept 2026", datetime(2026, 9, 1)),
        ("04.12.2026 18:22", datetime(2026, 12, 4, 18, 22)),  # as across Europe (ledger)
        ("04-12-2026", datetime(2026, 12, 4)),
        ("05-Dec-2026 02:41", datetime(2026, 12, 5, 2, 41)),  # as Oracle-era admins (presets)
        ("05/Dec/2026", datetime(2026, 12, 5)),
        ("version 1.2.3", None),
        ("4 December 2026 at 6:04pm", datetime(2026, 12, 4, 18, 4)),  # GOV.UK's style (govuk)
        ("4 December 2026 at 12:30 a.m.", datetime(2026, 12, 4, 0, 30)),
        ("04/12/2026 12:05 PM", datetime(2026, 12, 4, 12, 5)),
        ("Not set", None),
        ("31/02/2026", None),
    ],
)
def test_dates_are_read_the_way_a_uk_saas_writes_them(text: str, expected: datetime | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("status", "expired"),
    [
        ("Token Expired", True),
        ("Reconnect Required", True),
        ("Disconnected", True),
        ("Not connected", True),
        ("Awaiting Authorisation", True),
        ("Connected", False),
        ("Active", False),
        ("Connected (no errors)", False),
        ("Active - 0 errors", False),
    ],
)
def test_status_words_of_hect_and_peers(status: str, expired: bool) -> None:
    assert rec("Amazon UK", status=status).expired is expired


def test_a_record_without_labels_is_read_by_what_its_words_are() -> None:
    """A plain list item: "Amazon UK · United Kingdom · A1… · Token Expired · expires …"."""
    raw = {
        "fields": {},
        "segments": [
            seg("Amazon UK", emphasis=2),
            seg("United Kingdom"),
            seg("A1ACMETRADEUK1"),
            seg("Token Expired", "status"),
            seg("expires 25 Nov 2026", "date"),
            seg("connect channel", "action"),
        ],
        "text": "",
    }
    record = classify(raw, AMAZON)
    assert (record.name, record.status, record.expired) == ("Amazon UK", "Token Expired", True)
    assert (record.seller, record.marketplace) == ("A1ACMETRADEUK1", "United Kingdom")
    assert (record.expiry, record.expiry_text) == (datetime(2026, 11, 25), "25 Nov 2026")


def test_an_ebay_seller_is_recognised_by_its_shape_but_a_name_is_not() -> None:
    raw = {
        "fields": {},
        "segments": [seg("eBay UK"), seg("acme_trading_uk"), seg("Connected", "status")],
        "text": "",
    }
    record = classify(raw, EBAY)
    assert (record.name, record.seller) == ("eBay UK", "acme_trading_uk")


def test_the_name_is_the_heading_before_the_first_plain_words() -> None:
    raw = {
        "fields": {"Marketplace": "Germany"},
        "segments": [seg("Main shop"), seg("Amazon DE", emphasis=3), seg("Active", "status")],
        "text": "",
    }
    assert classify(raw, AMAZON).name == "Amazon DE"


def test_a_labelled_status_is_cleaned_of_its_label_and_icons() -> None:
    raw = {
        "fields": {},
        "segments": [seg("X"), seg("● Status: Token Expired", "status")],
        "text": "",
    }
    assert classify(raw, AMAZON).status == "Token Expired"


def test_names_match_exactly_after_folding_case_and_spacing() -> None:
    listed = ChannelList(AMAZON, (rec("Amazon UK"), rec("Amazon UK Returns")))
    assert listed.find("amazon  uk").name == "Amazon UK"
    with pytest.raises(ChannelChoiceError, match="no Amazon channel named 'Amazon'"):
        listed.find("Amazon")


def test_two_channels_of_one_name_are_refused() -> None:
    listed = ChannelList(AMAZON, (rec("Amazon UK"), rec("Amazon UK")))
    with pytest.raises(ChannelChoiceError, match="2 Amazon channels are named 'Amazon UK'"):
        listed.find("Amazon UK")


BEFORE = ChannelList(
    AMAZON,
    (
        rec("Amazon UK", "Token Expired", "20/11/2026 10:00", "A1ACME00001"),
        rec("Amazon DE", "Token Expired", "20/11/2026 10:00", "A2ACME00002"),
        rec("Amazon FR", "Connected", "20/11/2027 10:00", "A3ACME00003"),
    ),
)


def after(*changed: ChannelRecord) -> ChannelList:
    by_name = {r.name: r for r in BEFORE.records}
    for record in changed:
        by_name[record.name] = record
    return ChannelList(AMAZON, tuple(by_name.values()))


def test_the_channel_reconnected_to_its_seller_passes() -> None:
    j = judge(
        BEFORE,
        after(rec("Amazon UK", "Connected", "20/11/2027 11:00", "A1ACME00001")),
        BEFORE.records[0],
        "A1ACME00001",
    )
    assert j.reconnected and j.problems == [] and j.unchanged == ["Amazon DE", "Amazon FR"]


def test_another_channel_reconnected_to_its_own_seller_is_reported_not_failed() -> None:
    """Eight reconnects on one account at once: the others' work is not this run's failure."""
    j = judge(
        BEFORE,
        after(
            rec("Amazon UK", "Connected", "20/11/2027 11:00", "A1ACME00001"),
            rec("Amazon DE", "Connected", "20/11/2027 11:00", "A2ACME00002"),
        ),
        BEFORE.records[0],
        "A1ACME00001",
    )
    assert j.problems == [] and len(j.reported) == 1 and "'Amazon DE' changed too" in j.reported[0]


def test_a_channel_now_showing_this_runs_seller_is_a_cross_link() -> None:
    j = judge(
        BEFORE,
        after(rec("Amazon DE", "Connected", "20/11/2027 11:00", "A1ACME00001")),
        BEFORE.records[0],
        "A1ACME00001",
    )
    assert any("this consent may have linked it" in p for p in j.problems)
    assert not j.nothing_changed(BEFORE.records[0])


def test_the_wrong_seller_fails_and_is_named() -> None:
    j = judge(
        BEFORE,
        after(rec("Amazon UK", "Connected", "20/11/2027 11:00", "A9OTHER0009")),
        BEFORE.records[0],
        "A1ACME00001",
    )
    assert j.wrong_seller == "A9OTHER0009"
    assert "wrong account linked: 'Amazon UK' now shows seller A9OTHER0009" in j.problems[0]


def test_a_duplicate_of_the_channel_fails() -> None:
    listed = ChannelList(
        AMAZON,
        (
            *after(rec("Amazon UK", "Connected", "20/11/2027 11:00")).records,
            rec("Amazon UK", "Awaiting Authorisation", "Not set", ""),
        ),
    )
    j = judge(BEFORE, listed, BEFORE.records[0], "A1ACME00001")
    assert j.result is None and "HECT now lists 2 named 'Amazon UK'" in j.problems[0]


def test_an_unchanged_list_says_nothing_changed() -> None:
    j = judge(BEFORE, BEFORE, BEFORE.records[0], "A1ACME00001")
    assert j.nothing_changed(BEFORE.records[0]) and not j.reconnected
