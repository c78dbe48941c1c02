"""Reading channel records and deciding what changed: the rules verification relies on."""

from __future__ import annotations

from datetime import datetime

import pytest

from hect_automation.actions.verify import differences
from hect_automation.errors import ChannelChoiceError
from hect_automation.hect.channels import ChannelList, ChannelRecord, _record, parse_date


def rec(
    name: str, status: str = "Connected", expiry: str = "27/11/2027 10:00", seller: str = "A1"
) -> ChannelRecord:
    fields = {"Channel Name": name, "Status": status, "Token Expiry": expiry, "Seller ID": seller}
    return _record(
        {
            "name": "",
            "fields": fields,
            "text": " ".join(fields.values()),
            "xpath": "/x",
            "bare": " ".join(fields.values()),
        }
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24/11/2026 19:09", datetime(2026, 11, 24, 19, 9)),
        ("24 Nov 2026, 19:09", datetime(2026, 11, 24, 19, 9)),
        ("2026-11-24T19:09", datetime(2026, 11, 24, 19, 9)),
        ("expires 3 March 2027", datetime(2027, 3, 3)),
        ("Not set", None),
    ],
)
def test_dates_are_read_the_british_way(text: str, expected: datetime | None) -> None:
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


def test_a_card_without_a_status_word_is_judged_by_its_date() -> None:
    raw = {
        "name": "Amazon UK",
        "fields": {"Token expires": "01 Jan 2020, 10:00"},
        "text": "",
        "xpath": "/x",
        "bare": "",
    }
    assert _record(raw).expired is True


def test_a_reconnect_button_is_not_a_status() -> None:
    raw = {
        "name": "Amazon UK",
        "fields": {"Token expires": "01 Jan 2099, 10:00"},
        "text": "Amazon UK Token expires: 01 Jan 2099, 10:00 Reconnect",
        "xpath": "/x",
        "bare": "Amazon UK Token expires: 01 Jan 2099, 10:00",
    }
    assert _record(raw).expired is False


def test_finding_a_channel_ignores_case_and_spacing_but_not_spelling() -> None:
    listed = ChannelList("amazon", (rec("Amazon UK"), rec("Amazon DE")))
    assert listed.find("amazon  uk").name == "Amazon UK"
    with pytest.raises(ChannelChoiceError, match="did you mean 'Amazon UK'"):
        listed.find("Amazon UK2")


def test_verification_accepts_only_the_target_reconnected() -> None:
    target = rec("Amazon UK", "Token Expired", "24/11/2026 10:00")
    before = ChannelList("amazon", (target, rec("Amazon DE")))
    good = ChannelList("amazon", (rec("Amazon UK"), rec("Amazon DE")))
    assert differences(before, good, target) == []


def test_verification_names_every_difference() -> None:
    target = rec("Amazon UK", "Token Expired", "24/11/2026 10:00")
    before = ChannelList("amazon", (target, rec("Amazon DE")))
    after = ChannelList(
        "amazon",
        (
            rec("Amazon UK", "Token Expired", "24/11/2026 10:00", seller="A9"),
            rec("Amazon DE", expiry="01/01/2030 00:00"),
            rec("Amazon UK"),
        ),
    )
    problems = differences(before, after, target)
    assert problems == [
        "'Amazon DE' changed too: Connected, token expiry 27/11/2027 10:00, seller A1 -> "
        "Connected, token expiry 01/01/2030 00:00, seller A1",
        "a channel was added: HECT now lists 2 named 'Amazon UK'",
    ]
    single = ChannelList(
        "amazon",
        (rec("Amazon UK", "Token Expired", "24/11/2026 10:00", seller="A9"), rec("Amazon DE")),
    )
    assert differences(before, single, target) == [
        "'Amazon UK' still shows 'Token Expired'",
        "the token expiry of 'Amazon UK' did not move on (24/11/2026 10:00)",
        "wrong account linked: 'Amazon UK' now shows seller A9, expected A1",
    ]
