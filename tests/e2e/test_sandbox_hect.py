"""The sandbox's HECT, driven as a person would: sign-in, Settings, Sales Channels, the channel
lists and their Connect Channel links, installs, order polls, orders, users, and every switch
a test can turn on. Things are found by role, name, label and visible text only."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from hect_automation.sandbox.amazon import APP_ID as AMAZON_APP_ID
from hect_automation.sandbox.ebay import CLIENT_ID as EBAY_CLIENT_ID
from hect_automation.sandbox.ebay import RUNAME as EBAY_RUNAME
from hect_automation.sandbox.state import Tenant

pytestmark = pytest.mark.e2e

USER = "support@acme-trading.example"
PASSWORD = "sandbox-hect-pass"
OTHER_SELLER = "A3OTHERSELLER3"


# -- helpers ----------------------------------------------------------------------------------
@pytest.fixture
def dashboard(hect: Page) -> Page:
    """The ``hect`` page once the Dashboard has arrived (so no navigation is still pending)."""
    expect(hect.get_by_role("heading", name="Dashboard")).to_be_visible()
    return hect


def log_in(page: Page, email: str = USER, password: str = PASSWORD) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log In").click()


def open_page(page: Page, account: Tenant, path: str) -> None:
    page.goto(account.urls["hect"] + path)


def channel_row(page: Page, name: str) -> Locator:
    return page.get_by_role("row").filter(has_text=name)


def connect_href(page: Page, name: str) -> str:
    link = channel_row(page, name).get_by_role("link", name="Connect Channel")
    href = link.get_attribute("href")
    assert href, f"no Connect Channel link for {name!r}"
    return href


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def host_of(url: str) -> str:
    return urlsplit(url).netloc


def as_input(when: datetime) -> str:
    """A datetime-local value; the sandbox reads it as UTC."""
    return f"{when:%Y-%m-%dT%H:%M}"


def start_order_poll(page: Page, account: Tenant, channel: str, since: datetime) -> None:
    open_page(page, account, "/settings/sales-channels/amazon")
    channel_row(page, channel).get_by_role("link", name="Order Poll").click()
    page.get_by_label("Date and time of the oldest order").fill(as_input(since))
    page.get_by_role("button", name="Start Order Poll").click()


def days_ago(days: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


# -- login.php --------------------------------------------------------------------------------
def test_wrong_credentials_show_an_error_and_stay_on_login(page: Page, account: Tenant) -> None:
    open_page(page, account, "/login.php")
    log_in(page, password="not-the-password")
    expect(page.get_by_role("alert")).to_have_text("Invalid email address or password.")
    expect(page.get_by_role("heading", name="HECT Login")).to_be_visible()


def test_five_failures_lock_the_user_out_even_with_the_right_password(
    page: Page, account: Tenant
) -> None:
    open_page(page, account, "/login.php")
    for _ in range(5):
        log_in(page, password="guess")
        expect(page.get_by_role("alert")).to_have_text("Invalid email address or password.")
    log_in(page)
    expect(page.get_by_role("alert")).to_contain_text("Too many failed sign-in attempts")
    expect(page.get_by_role("heading", name="Dashboard")).to_have_count(0)


def test_a_login_form_whose_csrf_cookie_was_lost_is_refused(page: Page, account: Tenant) -> None:
    open_page(page, account, "/login.php")
    page.context.clear_cookies()
    log_in(page)
    expect(page.get_by_role("alert")).to_have_text("Your sign-in form expired. Please try again.")
    log_in(page)  # the refused page set a fresh cookie and field: now it works
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def test_a_login_form_posted_from_elsewhere_without_csrf_is_refused(
    page: Page, account: Tenant
) -> None:
    """Login CSRF: another site's form, with no CSRF field, and no HECT cookie in the browser."""
    page.set_content(
        f'<form method="post" action="{account.urls["hect"]}/login.php">'
        f'<input name="email" value="{USER}"><input name="password" value="{PASSWORD}">'
        "<button>Log In</button></form>"
    )
    page.get_by_role("button", name="Log In").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Your sign-in form expired. Please try again.", timeout=2000
    )


def test_logging_in_reaches_the_dashboard_with_the_top_navigation(
    page: Page, account: Tenant
) -> None:
    open_page(page, account, "/")
    log_in(page)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.get_by_text("Welcome back to Acme Trading Ltd.")).to_be_visible()
    nav = page.get_by_role("navigation", name="Main")
    for name in ("Orders", "Contacts", "Shipping Rules", "Settings"):
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()


def test_contacts_and_shipping_rules_open_from_the_navigation(dashboard: Page) -> None:
    for name in ("Contacts", "Shipping Rules"):
        dashboard.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()
        expect(dashboard.get_by_role("heading", name=name)).to_be_visible()


def test_an_unauthenticated_page_sends_to_login_and_back_after_it(
    page: Page, account: Tenant
) -> None:
    open_page(page, account, "/settings/sales-channels/amazon")
    expect(page.get_by_role("heading", name="HECT Login")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)  # not "expired": there was no session
    log_in(page)
    expect(page.get_by_role("heading", name="Amazon Channels")).to_be_visible()
    assert urlsplit(page.url).path == "/settings/sales-channels/amazon"


def test_signing_out_forgets_the_session(dashboard: Page, account: Tenant) -> None:
    dashboard.get_by_role("link", name="Sign out").click()
    expect(dashboard.get_by_role("heading", name="HECT Login")).to_be_visible()
    open_page(dashboard, account, "/settings")
    expect(dashboard.get_by_role("heading", name="HECT Login")).to_be_visible()


def test_an_unknown_integration_is_page_not_found(dashboard: Page, account: Tenant) -> None:
    response = dashboard.goto(account.urls["hect"] + "/settings/sales-channels/shopify")
    assert response is not None and response.status == 404
    expect(dashboard.get_by_role("heading", name="Page not found")).to_be_visible()


# -- Settings, Sales Channels, channel lists ---------------------------------------------------
def test_settings_links_to_sales_channels_and_users(dashboard: Page) -> None:
    dashboard.get_by_role("link", name="Settings").click()
    expect(dashboard.get_by_role("heading", name="Settings")).to_be_visible()
    expect(dashboard.get_by_role("link", name="Users")).to_be_visible()
    dashboard.get_by_role("link", name="Sales Channels").click()
    expect(dashboard.get_by_role("heading", name="Sales Channels")).to_be_visible()


def test_sales_channels_offers_highlighted_platform_buttons_and_other_integrations(
    dashboard: Page, account: Tenant
) -> None:
    open_page(dashboard, account, "/settings/sales-channels")
    for platform in ("Amazon", "eBay"):
        button = dashboard.get_by_role("link", name=platform, exact=True)
        expect(button).to_be_visible()
        expect(button).not_to_have_css("box-shadow", "none")  # the highlight
    for other in ("Shopify", "WooCommerce", "Etsy", "OnBuy"):
        expect(dashboard.get_by_role("heading", name=other)).to_be_visible()
    expect(dashboard.get_by_role("link", name="Install Channel")).to_have_count(6)
    dashboard.get_by_role("link", name="eBay", exact=True).click()
    expect(dashboard.get_by_role("heading", name="eBay Channels")).to_be_visible()


def test_the_amazon_list_shows_each_channel_and_a_yellow_link_only_when_expired(
    dashboard: Page, account: Tenant
) -> None:
    open_page(dashboard, account, "/settings/sales-channels/amazon")
    for header in ("Channel Name", "Marketplace", "Seller ID", "Status", "Token Expiry"):
        expect(dashboard.get_by_role("columnheader", name=header)).to_be_visible()
    uk, de = channel_row(dashboard, "Amazon UK"), channel_row(dashboard, "Amazon DE")
    uk_expiry = account.channel_named("Amazon UK").expires_at
    assert uk_expiry is not None
    for text in ("United Kingdom", "A1ACMETRADEUK1", "Token Expired", f"{uk_expiry:%d/%m/%Y}"):
        expect(uk.get_by_role("cell", name=text)).to_be_visible()
    for text in ("Germany", "A2ACMETRADEDE2", "Connected"):
        expect(de.get_by_role("cell", name=text, exact=True)).to_be_visible()
    connect = uk.get_by_role("link", name="Connect Channel")
    expect(connect).to_have_css("background-color", "rgb(245, 197, 24)")
    expect(de.get_by_role("link", name="Connect Channel")).to_have_count(0)


def test_the_amazon_connect_link_is_sellercentral_consent_with_app_state_and_beta(
    dashboard: Page, account: Tenant
) -> None:
    open_page(dashboard, account, "/settings/sales-channels/amazon")
    href = connect_href(dashboard, "Amazon UK")
    parts = urlsplit(href)
    assert parts.netloc == host_of(account.urls["amazon"])
    assert parts.path == "/apps/authorize/consent"
    query = query_of(href)
    assert query.pop("state")
    assert query == {"application_id": AMAZON_APP_ID, "version": "beta"}


def test_the_ebay_connect_link_is_oauth2_authorize_with_runame_code_scope_and_state(
    dashboard: Page, account: Tenant
) -> None:
    open_page(dashboard, account, "/settings/sales-channels/ebay")
    href = connect_href(dashboard, "eBay UK")
    parts = urlsplit(href)
    assert parts.netloc == host_of(account.urls["ebay"])
    assert parts.path == "/oauth2/authorize"
    query = query_of(href)
    assert query["client_id"] == EBAY_CLIENT_ID
    assert query["redirect_uri"] == EBAY_RUNAME
    assert query["response_type"] == "code"
    assert "https://api.ebay.com/oauth/api_scope/sell.fulfillment" in query["scope"].split()
    assert query["state"]


def test_each_render_of_the_list_issues_a_fresh_state(dashboard: Page, account: Tenant) -> None:
    open_page(dashboard, account, "/settings/sales-channels/amazon")
    first = query_of(connect_href(dashboard, "Amazon UK"))["state"]
    dashboard.reload()
    second = query_of(connect_href(dashboard, "Amazon UK"))["state"]
    assert first != second


def test_installing_a_channel_creates_it_and_sends_to_amazon(
    dashboard: Page, account: Tenant
) -> None:
    open_page(dashboard, account, "/settings/sales-channels/amazon")
    dashboard.get_by_role("link", name="Install Channel").click()
    expect(dashboard.get_by_role("heading", name="Install Amazon Channel")).to_be_visible()
    dashboard.get_by_label("Channel Name").fill("Amazon IT")
    dashboard.get_by_label("Marketplace ID").select_option("Italy")
    expect(dashboard.get_by_role("checkbox", name="Use Asin As SKU:")).not_to_be_checked()
    dashboard.get_by_role("button", name="Submit").click()
    expect(dashboard.get_by_label("Email or mobile phone number")).to_be_visible()
    assert host_of(dashboard.url) == host_of(account.urls["amazon"])
    open_page(dashboard, account, "/settings/sales-channels/amazon")
    row = channel_row(dashboard, "Amazon IT")
    expect(row).to_contain_text("Italy")
    expect(row).to_contain_text("Awaiting Authorisation")


# -- Order polls and orders -------------------------------------------------------------------
def test_an_order_poll_is_queued_in_progress_then_complete(
    dashboard: Page, account: Tenant
) -> None:
    account.set(poll_seconds=3600)
    start_order_poll(dashboard, account, "Amazon UK", days_ago(3))
    expect(dashboard.get_by_role("status")).to_contain_text("Order poll queued for Amazon UK")
    expect(dashboard.get_by_role("cell", name="In progress")).to_be_visible()
    account.polls[-1].done_at = datetime.now(UTC)  # the hour has passed
    dashboard.get_by_role("link", name="Refresh").click()
    expect(dashboard.get_by_role("cell", name="Complete: 3 orders imported")).to_be_visible()


def test_polled_orders_from_the_window_appear_and_older_ones_do_not(
    dashboard: Page, account: Tenant
) -> None:
    account.set(poll_seconds=0)
    start_order_poll(dashboard, account, "Amazon UK", days_ago(3))
    expect(dashboard.get_by_role("cell", name="Complete: 3 orders imported")).to_be_visible()
    dashboard.get_by_role("link", name="Orders").click()
    for order in ("202-4417730-1180301", "202-4417730-1180302", "202-4417730-1180303"):
        expect(dashboard.get_by_role("cell", name=order)).to_be_visible()
    expect(dashboard.get_by_text("202-4417730-1180299")).to_have_count(0)  # placed 9 days ago
    expect(dashboard.get_by_text("Jonas Weber")).to_have_count(0)  # Amazon DE's, not polled


def test_polling_the_same_window_twice_does_not_duplicate_orders(
    dashboard: Page, account: Tenant
) -> None:
    account.set(poll_seconds=0)
    since = days_ago(3)
    for _ in range(2):
        start_order_poll(dashboard, account, "Amazon UK", since)
        expect(dashboard.get_by_role("status")).to_contain_text("Order poll queued")
    expect(dashboard.get_by_role("cell", name="Complete: 0 orders imported")).to_be_visible()
    open_page(dashboard, account, "/orders")
    expect(dashboard.get_by_role("row").filter(has_text="202-4417730-1180301")).to_have_count(1)
    expect(dashboard.get_by_role("row").filter(has_text="Amazon UK")).to_have_count(3)


def test_a_future_oldest_order_date_is_refused(dashboard: Page, account: Tenant) -> None:
    start_order_poll(dashboard, account, "Amazon UK", days_ago(-2))
    expect(dashboard.get_by_role("alert")).to_have_text(
        "The oldest order's date and time cannot be in the future."
    )
    expect(dashboard.get_by_text("No order polls yet.")).to_be_visible()
    assert account.polls == []


def test_orders_can_be_searched_by_postcode(dashboard: Page, account: Tenant) -> None:
    open_page(dashboard, account, "/orders")
    expect(dashboard.get_by_text("No orders found.")).to_be_visible()
    account.set(poll_seconds=0)
    start_order_poll(dashboard, account, "Amazon UK", days_ago(3))
    open_page(dashboard, account, "/orders")
    dashboard.get_by_label("Postcode").fill("ls1")
    dashboard.get_by_role("button", name="Search").click()
    expect(dashboard.get_by_role("cell", name="Priya Shah")).to_be_visible()
    expect(dashboard.get_by_role("cell", name="Tom Baker")).to_have_count(0)


def test_the_users_page_lists_the_accounts_users(dashboard: Page, account: Tenant) -> None:
    open_page(dashboard, account, "/settings")
    dashboard.get_by_role("link", name="Users").click()
    expect(dashboard.get_by_role("heading", name="Users")).to_be_visible()
    expect(dashboard.get_by_role("link", name="Invite User")).to_be_visible()
    expect(dashboard.get_by_role("row").filter(has_text="Sam Support")).to_contain_text(USER)


# -- Switches ---------------------------------------------------------------------------------
def test_an_expired_session_sends_to_login_saying_so(dashboard: Page, account: Tenant) -> None:
    account.expire_session_after(1)
    dashboard.get_by_role("link", name="Settings").click()
    expect(dashboard.get_by_role("heading", name="Settings")).to_be_visible()
    dashboard.get_by_role("link", name="Sales Channels").click()
    expect(dashboard.get_by_role("alert")).to_contain_text("Your session has expired")
    log_in(dashboard)
    expect(dashboard.get_by_role("heading", name="Sales Channels")).to_be_visible()


def test_fail_next_answers_exactly_n_requests_with_the_status(
    dashboard: Page, account: Tenant
) -> None:
    account.fail_next("/settings/users", times=2)
    account.fail_next("/contacts", times=1, status=503)
    users = account.urls["hect"] + "/settings/users"
    responses = [dashboard.goto(users) for _ in range(3)]
    assert [r.status for r in responses if r] == [500, 500, 200]
    expect(dashboard.get_by_role("heading", name="Users")).to_be_visible()
    response = dashboard.goto(account.urls["hect"] + "/contacts")
    assert response is not None and response.status == 503
    expect(dashboard.get_by_role("heading", name="Internal Server Error")).to_be_visible()


def test_slowed_down_pages_still_arrive(dashboard: Page, account: Tenant) -> None:
    account.slow_down("/settings", 0.5)
    dashboard.get_by_role("link", name="Settings").click()
    expect(dashboard.get_by_role("heading", name="Settings")).to_be_visible()


def test_relabel_renames_visible_text(dashboard: Page, account: Tenant) -> None:
    account.set(relabel={"Sales Channels": "Channels & Integrations"})
    dashboard.get_by_role("link", name="Settings").click()
    expect(dashboard.get_by_role("link", name="Channels & Integrations")).to_be_visible()
    expect(dashboard.get_by_role("link", name="Sales Channels")).to_have_count(0)


def test_the_alt_skin_offers_the_same_things_by_role_and_name(
    dashboard: Page, account: Tenant
) -> None:
    account.set(skin="cards")
    dashboard.reload()
    for name in ("Orders", "Contacts", "Shipping Rules"):
        expect(dashboard.get_by_role("link", name=name)).to_be_visible()
    dashboard.get_by_role("link", name="Settings", exact=True).click()  # an icon
    expect(dashboard.get_by_role("button", name="Users")).to_be_visible()
    dashboard.get_by_role("button", name="Sales Channels").click()
    expect(dashboard.get_by_role("button", name="Install Channel")).to_have_count(6)
    dashboard.get_by_role("button", name="Amazon", exact=True).click()
    card = dashboard.get_by_role("article").filter(
        has=dashboard.get_by_role("heading", name="Amazon UK")
    )
    expect(card).to_contain_text("A1ACMETRADEUK1")
    connect = card.get_by_role("button", name="Connect Channel")
    expect(connect).to_have_attribute("href", re.compile(r"/apps/authorize/consent\?"))
    expect(card.get_by_role("button", name="Order Poll")).to_be_visible()
    expect(dashboard.get_by_role("table")).to_have_count(0)  # cards, not a table


def test_the_alt_skin_words_statuses_as_peers_do(dashboard: Page, account: Tenant) -> None:
    """On purpose: HECT's own status words are not public, so the alt skin uses peers'
    ("Reconnect Required", "Active") to check the runbooks read either."""
    account.set(skin="cards")
    open_page(dashboard, account, "/settings/sales-channels/amazon")
    uk = dashboard.get_by_role("article").filter(
        has=dashboard.get_by_role("heading", name="Amazon UK")
    )
    de = dashboard.get_by_role("article").filter(
        has=dashboard.get_by_role("heading", name="Amazon DE")
    )
    expect(uk).to_contain_text("Reconnect Required")
    expect(de).to_contain_text("Active")


def test_connect_via_hect_redirects_to_amazon_only_with_a_hect_session(
    dashboard: Page, account: Tenant, browser: Browser
) -> None:
    account.set(connect_via_hect=True)
    open_page(dashboard, account, "/settings/sales-channels/amazon")
    href = connect_href(dashboard, "Amazon UK")
    assert href.startswith("/settings/sales-channels/amazon/")
    with browser.new_context() as private:
        stranger = private.new_page()
        stranger.goto(account.urls["hect"] + href)
        expect(stranger.get_by_role("heading", name="HECT Login")).to_be_visible()
    open_page(dashboard, account, href)
    expect(dashboard.get_by_label("Email or mobile phone number")).to_be_visible()
    assert host_of(dashboard.url) == host_of(account.urls["amazon"])


def test_a_cached_amazon_login_signs_the_hect_browser_in_as_that_seller(
    dashboard: Page, account: Tenant, browser: Browser
) -> None:
    account.set(cached_login=("amazon", OTHER_SELLER))
    open_page(dashboard, account, "/settings/sales-channels/amazon")
    href = connect_href(dashboard, "Amazon UK")
    dashboard.goto(href)
    expect(dashboard.get_by_text("Signed in as Brightside Goods Ltd")).to_be_visible()
    with browser.new_context() as private:  # a private window holds no such login
        fresh = private.new_page()
        fresh.goto(href)
        expect(fresh.get_by_label("Email or mobile phone number")).to_be_visible()


def test_login_never_sends_the_person_to_another_site(page: Page, account: Tenant) -> None:
    page.goto(account.urls["hect"] + "/login.php?next=//" + host_of(account.urls["ebay"]) + "/")
    log_in(page)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible(timeout=2000)


# -- Isolation --------------------------------------------------------------------------------
def test_two_accounts_do_not_see_each_others_channels(
    page: Page, account: Tenant, make_account: Callable[..., Tenant]
) -> None:
    other = make_account(
        channels=[{"platform": "amazon", "name": "Brightside UK", "expires": "+30d"}], orders=[]
    )
    open_page(page, other, "/settings/sales-channels/amazon")
    log_in(page)
    expect(channel_row(page, "Brightside UK")).to_be_visible()
    expect(channel_row(page, "Amazon UK")).to_have_count(0)
    open_page(page, account, "/settings/sales-channels/amazon")
    expect(page.get_by_role("heading", name="HECT Login")).to_be_visible()  # its own session
    log_in(page)
    expect(channel_row(page, "Amazon UK")).to_be_visible()
    expect(channel_row(page, "Brightside UK")).to_have_count(0)
