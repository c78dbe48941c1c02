"""Which HECT addresses a fleet may open for another account's login (``learnable``)."""

from __future__ import annotations

import pytest

from hect_automation.actions.navigate import learnable

BASE = "https://hect.hubeurope.com"


@pytest.mark.parametrize(
    ("url", "base", "path"),
    [
        (f"{BASE}/settings/sales-channels/amazon", BASE, "/settings/sales-channels/amazon"),
        (f"{BASE}/settings/sales-channels/amazon", BASE + "/", "/settings/sales-channels/amazon"),
        (f"{BASE}/app/channels/ebay", BASE + "/app", "/channels/ebay"),
        # an id (an account's, a channel's) is never opened under another login
        (f"{BASE}/accounts/4711/channels/amazon", BASE, None),
        (f"{BASE}/settings/sales-channels/amazon?account=acme", BASE, None),
        (f"{BASE}/#/channels/amazon", BASE, None),
        # nor anything that is not this HECT
        ("https://sellercentral.amazon.co.uk/settings", BASE, None),
        (f"{BASE}/elsewhere/channels", BASE + "/app", None),
    ],
)
def test_only_an_address_that_names_no_record_is_kept(
    url: str, base: str, path: str | None
) -> None:
    assert learnable(url, base) == path
