"""The sandbox's Amazon Seller Central and eBay consent stand-ins, and HECT's OAuth callback,
driven as a person would: sign-in, Two-Step Verification, account choice, consent, refusal,
Amazon's error codes, eBay's Grant Application Access, and the callback's state and code
checks. Things are found by role, name, label and visible text only."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from hect_automation.sandbox.scenario import AmazonSeller, EbayUser
from hect_automation.sandbox.state import Tenant

pytestmark = pytest.mark.e2e

UK, DE, VIEWER = "A1ACMETRADEUK1", "A2ACMETRADEDE2", "A4ACMEVIEWER44"
DIRECT = "I direct Amazon to provide HECT (Hub Europe) with access"


# -- helpers ----------------------------------------------------------------------------------
@pytest.fixture
def dashboard(hect: Page) -> Page:
    """The ``hect`` page once the Dashboard has arrived (so no navigation is still pending)."""
    expect(hect.get_by_role("heading", name="Dashboard")).to_be_visible()
    return hect


def amazon_seller(account: Tenant, seller_id: str) -> AmazonSeller:
    return next(s for s in account.scenario.amazon_sellers if s.id == seller_id)


def ebay_user(account: Tenant) -> EbayUser:
    return account.scenario.ebay_users[0]


def channel_row(page: Page, name: str) -> Locator:
    return page.get_by_role("row").filter(has_text=name)


def open_channels(page: Page, account: Tenant, platform: str) -> None:
    page.goto(f"{account.urls['hect']}/settings/sales-channels/{platform}")


def connect_link(page: Page, account: Tenant, platform: str, channel: str) -> str:
    """The href of the channel's Connect Channel link on HECT's channel list."""
    open_channels(page, account, platform)
    href = (
        channel_row(page, channel).get_by_role("link", name="Connect Channel").get_attribute("href")
    )
    assert href, f"no Connect Channel link for {channel!r}"
    return href


def sign_in_amazon(page: Page, seller: AmazonSeller) -> None:
    page.get_by_label("Email or mobile phone number").fill(seller.email)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Password").fill(seller.password)
    page.get_by_role("button", name="Sign in").click()
    if seller.otp:
        page.get_by_label("Enter OTP").fill(seller.otp)
        page.get_by_role("button", name="Sign in").click()


def open_amazon_consent(page: Page, account: Tenant, seller_id: str = UK) -> None:
    """Follow Amazon UK's Connect Channel link and sign in; the consent page is next."""
    page.goto(connect_link(page, account, "amazon", "Amazon UK"))
    sign_in_amazon(page, amazon_seller(account, seller_id))


def confirm_consent(page: Page) -> None:
    page.get_by_role("checkbox", name=DIRECT).check()
    page.get_by_role("button", name="Confirm").click()


def sign_in_ebay(page: Page, user: EbayUser, password: str | None = None) -> None:
    page.get_by_label("Email or username").fill(user.email)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Password").fill(password or user.password)
    page.get_by_role("button", name="Sign in").click()


def expect_success(page: Page) -> None:
    expect(page.get_by_role("img", name="Success")).to_be_visible()
    expect(page.get_by_text("an order poll is in progress")).to_be_visible()


def expect_failure(page: Page, reason: str) -> None:
    expect(page.get_by_role("heading", name="Authorisation failed")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text(reason)


def expect_amazon_sign_in(page: Page) -> None:
    expect(page.get_by_label("Email or mobile phone number")).to_be_visible()


def with_params(url: str, **changes: str) -> str:
    """``url`` with some query parameters added or replaced."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query)) | changes
    return urlunsplit(parts._replace(query=urlencode(query)))


def state_of(url: str) -> str:
    return dict(parse_qsl(urlsplit(url).query))["state"]


def test_consent_without_a_session_asks_for_a_two_page_sign_in(
    dashboard: Page, account: Tenant
) -> None:
    seller = amazon_seller(account, UK)
    dashboard.goto(connect_link(dashboard, account, "amazon", "Amazon UK"))
    assert urlsplit(dashboard.url).netloc == urlsplit(account.urls["amazon"]).netloc
    dashboard.get_by_label("Email or mobile phone number").fill(seller.email)
    dashboard.get_by_role("button", name="Continue").click()
    expect(dashboard.get_by_label("Password")).to_be_visible()
    expect(dashboard.get_by_text(seller.email)).to_be_visible()
    expect(dashboard.get_by_role("checkbox", name="Keep me signed in")).to_be_visible()
    dashboard.get_by_label("Password").fill(seller.password)
    dashboard.get_by_role("button", name="Sign in").click()
    expect(dashboard.get_by_text("Signed in as Acme Trading UK (United Kingdom)")).to_be_visible()


def test_an_unknown_amazon_email_is_refused(dashboard: Page, account: Tenant) -> None:
    dashboard.goto(connect_link(dashboard, account, "amazon", "Amazon UK"))
    dashboard.get_by_label("Email or mobile phone number").fill("nobody@example.com")
    dashboard.get_by_role("button", name="Continue").click()
    expect(dashboard.get_by_role("alert")).to_contain_text(
        "We cannot find an account with that email address"
    )
    expect(dashboard.get_by_label("Password")).to_have_count(0)


def test_a_wrong_amazon_password_is_refused(dashboard: Page, account: Tenant) -> None:
    seller = amazon_seller(account, UK)
    dashboard.goto(connect_link(dashboard, account, "amazon", "Amazon UK"))
    sign_in_amazon(dashboard, seller.model_copy(update={"password": "wrong"}))
    expect(dashboard.get_by_role("alert")).to_contain_text("Your password is incorrect")
    dashboard.get_by_label("Password").fill(seller.password)  # a second try on the same page
    dashboard.get_by_role("button", name="Sign in").click()
    expect(dashboard.get_by_role("heading", name="Authorise HECT (Hub Europe)")).to_be_visible()


def test_two_step_verification_asks_for_the_otp_and_refuses_a_wrong_one(
    dashboard: Page, account: Tenant
) -> None:
    seller = amazon_seller(account, DE)
    dashboard.goto(connect_link(dashboard, account, "amazon", "Amazon UK"))
    sign_in_amazon(dashboard, seller.model_copy(update={"otp": None}))  # stops at the OTP
    expect(dashboard.get_by_role("heading", name="Two-Step Verification")).to_be_visible()
    dashboard.get_by_label("Enter OTP").fill("000000")
    dashboard.get_by_role("button", name="Sign in").click()
    expect(dashboard.get_by_role("alert")).to_contain_text("The code you entered is not valid.")
    dashboard.get_by_label("Enter OTP").fill(seller.otp or "")
    dashboard.get_by_role("button", name="Sign in").click()
    expect(dashboard.get_by_role("heading", name="Select an account")).to_be_visible()


def test_a_non_admin_seller_sees_invalid_access(dashboard: Page, account: Tenant) -> None:
    open_amazon_consent(dashboard, account, VIEWER)
    expect(dashboard.get_by_role("heading", name="Invalid Access")).to_be_visible()
    expect(dashboard.get_by_role("button", name="Confirm")).to_have_count(0)


def test_a_seller_with_several_marketplaces_picks_one(dashboard: Page, account: Tenant) -> None:
    open_amazon_consent(dashboard, account, DE)
    expect(dashboard.get_by_role("heading", name="Select an account")).to_be_visible()
    expect(dashboard.get_by_role("link", name="Germany")).to_be_visible()
    dashboard.get_by_role("link", name="France").click()
    expect(dashboard.get_by_text("Signed in as Acme Trading DE (France)")).to_be_visible()


def test_signing_out_on_the_consent_page_forgets_the_login(
    dashboard: Page, account: Tenant
) -> None:
    open_amazon_consent(dashboard, account)
    dashboard.get_by_role("link", name="Sign out").click()
    expect_amazon_sign_in(dashboard)
    dashboard.goto(account.urls["amazon"] + "/home")
    expect(dashboard.get_by_role("link", name="Sign in")).to_be_visible()


def test_a_hect_login_is_not_sent_to_amazon(dashboard: Page, account: Tenant) -> None:
    href = connect_link(dashboard, account, "amazon", "Amazon UK")
    with dashboard.expect_request(lambda r: "/apps/authorize/consent" in r.url) as sent:
        dashboard.goto(href)
    assert "HECTSESSID" not in (sent.value.header_value("cookie") or "")
    expect_amazon_sign_in(dashboard)


# -- Amazon consent ---------------------------------------------------------------------------
def test_the_consent_page_lists_the_access_and_needs_the_box_ticked(
    dashboard: Page, account: Tenant
) -> None:
    open_amazon_consent(dashboard, account)
    for access in ("Orders, including buyer shipping addresses", "Shipments and tracking"):
        expect(dashboard.get_by_role("listitem").filter(has_text=access)).to_be_visible()
    dashboard.get_by_role("button", name="Confirm").click()
    expect(dashboard.get_by_role("alert")).to_contain_text("Tick the box")
    assert account.channel_named("Amazon UK").expired


def test_confirming_shows_hect_success_and_connects_the_channel(
    dashboard: Page, account: Tenant
) -> None:
    before = account.channel_named("Amazon UK").expires_at
    assert before is not None
    open_amazon_consent(dashboard, account)
    confirm_consent(dashboard)
    expect_success(dashboard)
    assert urlsplit(dashboard.url).netloc == urlsplit(account.urls["hect"]).netloc
    after = account.channel_named("Amazon UK").expires_at
    assert after is not None and after > before
    open_channels(dashboard, account, "amazon")
    row = channel_row(dashboard, "Amazon UK")
    expect(row).to_contain_text("Connected")
    expect(row).to_contain_text(UK)
    expect(row).to_contain_text(f"{after:%d/%m/%Y}")
    expect(row).not_to_contain_text(f"{before:%d/%m/%Y}")
    expect(row.get_by_role("link", name="Connect Channel")).to_have_count(0)


def test_cancel_lands_on_hects_authorisation_failed_page(dashboard: Page, account: Tenant) -> None:
    open_amazon_consent(dashboard, account)
    dashboard.get_by_role("button", name="Cancel").click()
    expect_failure(dashboard, "Amazon did not authorise the connection (access_denied)")
    assert account.channel_named("Amazon UK").expired


def test_the_refuse_consent_switch_fails_a_confirmed_consent(
    dashboard: Page, account: Tenant
) -> None:
    account.set(refuse_consent=True)
    open_amazon_consent(dashboard, account)
    confirm_consent(dashboard)
    expect_failure(dashboard, "access_denied")
    assert account.channel_named("Amazon UK").expired


def test_duplicate_on_connect_adds_a_second_channel_of_the_same_name(
    dashboard: Page, account: Tenant
) -> None:
    account.set(duplicate_on_connect=True)
    open_amazon_consent(dashboard, account)
    confirm_consent(dashboard)
    expect_success(dashboard)
    open_channels(dashboard, account, "amazon")
    rows = channel_row(dashboard, "Amazon UK")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Connected")).to_have_count(1)
    expect(rows.filter(has_text="Token Expired")).to_have_count(1)


# -- Amazon's error codes -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("switch", "code"), [("amazon_app_draft", "MD1000"), ("redirect_uri_unregistered", "MD5101")]
)
def test_a_bad_authorisation_request_shows_amazons_error_code(
    dashboard: Page, account: Tenant, switch: str, code: str
) -> None:
    account.set(**{switch: True})
    dashboard.goto(connect_link(dashboard, account, "amazon", "Amazon UK"))
    expect(dashboard.get_by_text(f"Error code: {code}")).to_be_visible()
    expect(dashboard.get_by_label("Email or mobile phone number")).to_have_count(0)


def test_a_redirect_uri_with_a_fragment_is_md5110(dashboard: Page, account: Tenant) -> None:
    href = connect_link(dashboard, account, "amazon", "Amazon UK")
    callback = account.urls["hect"] + "/amazon/callback#done"
    dashboard.goto(with_params(href, redirect_uri=callback))
    expect(dashboard.get_by_text("Error code: MD5110")).to_be_visible()
    expect(dashboard.get_by_role("alert")).to_contain_text("fragment")


# -- HECT's callback ----------------------------------------------------------------------------
def test_the_callback_refuses_a_reused_state(dashboard: Page, account: Tenant) -> None:
    open_amazon_consent(dashboard, account)
    confirm_consent(dashboard)
    expect_success(dashboard)
    dashboard.goto(dashboard.url)  # the same callback, replayed
    expect_failure(dashboard, "the authorisation link has already been used")


def test_the_callback_refuses_an_expired_state(dashboard: Page, account: Tenant) -> None:
    account.set(state_expired=True)
    open_amazon_consent(dashboard, account)
    confirm_consent(dashboard)
    expect_failure(dashboard, "the authorisation link has expired")
    assert account.channel_named("Amazon UK").expired


def test_the_state_expired_switch_refuses_even_a_state_used_at_once(
    dashboard: Page, account: Tenant
) -> None:
    account.set(state_expired=True)
    state = state_of(connect_link(dashboard, account, "amazon", "Amazon UK"))
    callback = account.urls["hect"] + "/amazon/callback"
    dashboard.goto(with_params(callback, state=state, spapi_oauth_code="x"))
    expect(dashboard.get_by_role("alert")).to_contain_text("the authorisation link has expired")


def test_the_callback_refuses_an_expired_code(dashboard: Page, account: Tenant) -> None:
    # page.route never sees a navigation's redirect target, so hold the callback back with a
    # server error instead (it then uses neither state nor code), let the code age, and replay.
    account.fail_next("/amazon/callback", times=1)
    open_amazon_consent(dashboard, account)
    confirm_consent(dashboard)
    expect(dashboard.get_by_role("heading", name="Internal Server Error")).to_be_visible()
    for code in account.codes.values():
        code.issued_at -= timedelta(minutes=6)
    dashboard.goto(dashboard.url)
    expect_failure(dashboard, "the Amazon authorisation code is invalid or has expired")
    assert account.channel_named("Amazon UK").expired


# -- eBay -------------------------------------------------------------------------------------
def test_ebay_sign_in_refuses_a_wrong_password(dashboard: Page, account: Tenant) -> None:
    dashboard.goto(connect_link(dashboard, account, "ebay", "eBay UK"))
    sign_in_ebay(dashboard, ebay_user(account), password="wrong")
    expect(dashboard.get_by_role("alert")).to_have_text("Oops, that's not a match.")
    expect(dashboard.get_by_role("heading", name="Grant Application Access")).to_have_count(0)


def test_ebay_i_agree_connects_the_channel(dashboard: Page, account: Tenant) -> None:
    dashboard.goto(connect_link(dashboard, account, "ebay", "eBay UK"))
    sign_in_ebay(dashboard, ebay_user(account))
    expect(dashboard.get_by_role("heading", name="Grant Application Access")).to_be_visible()
    expect(dashboard.get_by_role("listitem").filter(has_text="sell.fulfillment")).to_be_visible()
    dashboard.get_by_role("button", name="I Agree").click()
    expect_success(dashboard)
    open_channels(dashboard, account, "ebay")
    row = channel_row(dashboard, "eBay UK")
    expect(row).to_contain_text("Connected")
    expect(row).to_contain_text("acme_trading_uk")


def test_ebay_no_thanks_lands_on_the_failure_page(dashboard: Page, account: Tenant) -> None:
    dashboard.goto(connect_link(dashboard, account, "ebay", "eBay UK"))
    sign_in_ebay(dashboard, ebay_user(account))
    dashboard.get_by_role("button", name="No Thanks").click()
    expect_failure(dashboard, "eBay did not authorise the connection (access_denied)")
    assert account.channel_named("eBay UK").expired


def test_ebay_prompt_login_forces_a_sign_in_despite_a_session(
    dashboard: Page, account: Tenant
) -> None:
    href = connect_link(dashboard, account, "ebay", "eBay UK")
    dashboard.goto(href)
    sign_in_ebay(dashboard, ebay_user(account))
    expect(dashboard.get_by_role("heading", name="Grant Application Access")).to_be_visible()
    dashboard.goto(href)  # the session is remembered ...
    expect(dashboard.get_by_role("heading", name="Grant Application Access")).to_be_visible()
    dashboard.goto(with_params(href, prompt="login"))  # ... unless a fresh login is asked for
    expect(dashboard.get_by_label("Email or username")).to_be_visible()


@pytest.mark.parametrize(
    ("param", "error"), [("client_id", "invalid_client"), ("redirect_uri", "invalid_request")]
)
def test_ebay_refuses_an_unknown_client_id_or_redirect_uri(
    dashboard: Page, account: Tenant, param: str, error: str
) -> None:
    href = connect_link(dashboard, account, "ebay", "eBay UK")
    dashboard.goto(with_params(href, **{param: "someone-else"}))
    expect(dashboard.get_by_role("heading", name="Something went wrong")).to_be_visible()
    expect(dashboard.get_by_role("alert")).to_contain_text(error)
