"""``--operator link``: a person elsewhere signs in through the hand-off page only.

The run is the real command, as a process, in the worker's Chromium; the person is a second
Chromium (pytest-playwright's) that opens the printed link, sees the private window as
pictures and clicks and types on them (``tests.remote_person``).
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from hect_automation.sandbox import AmazonSeller, Tenant
from hect_automation.sandbox import every_skin as skins
from tests.conftest import Cli, read_until
from tests.e2e.test_sandbox_marketplaces import sign_in_ebay
from tests.remote_person import RemotePerson, amazon_mirror_url, ebay_mirror_url

pytestmark = pytest.mark.e2e
LINK = "Hand-off link: "
SUCCESS = re.compile("success", re.IGNORECASE)
TAKEN_PLACE = re.compile("connection has taken place", re.IGNORECASE)


class Run:
    """``hect-runbook reconnect … --operator link`` as a process, and its link."""

    def __init__(
        self,
        cli: Cli,
        *args: str,
        operator: str = "link",
        until: str = LINK,
        env: dict[str, str] | None = None,
    ) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hect_automation", "reconnect", "--operator", operator, *args],
            cwd=cli.cwd,
            env=cli.env(**(env or {})),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.before = read_until(self.process, until, stream="stderr", timeout=40)
        self.link = self.before.split(until, 1)[1].split("\n", 1)[0].strip()
        self.out = self.err = ""

    @property
    def token(self) -> str:
        return self.link.split("#", 1)[1]

    def finish(self, timeout: float = 60) -> int:
        out, err = self.process.communicate(timeout=timeout)
        self.out, self.err = out.decode(), self.before + err.decode()
        return self.process.returncode

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        if self.process.stdout is not None and not self.process.stdout.closed:
            self.process.communicate(timeout=10)  # and its pipes closed


@pytest.fixture
def run_link(cli: Cli) -> Iterator[type[Run]]:
    started: list[Run] = []

    class Tracked(Run):
        def __init__(self, *args: str, **options: Any) -> None:
            super().__init__(cli, *args, **options)
            started.append(self)

    yield Tracked  # type: ignore[misc]
    for run in started:
        run.kill()


def every_file(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_a_person_elsewhere_signs_in_through_the_link_and_the_run_verifies(
    run_link: type[Run], account: Tenant, new_context: Callable[..., BrowserContext], cli: Cli
) -> None:
    seller = account.scenario.amazon_sellers[0]
    run = run_link("amazon", "--channel", "Amazon UK")
    assert run.link.startswith("http://127.0.0.1:") and "/h/" in run.link
    assert len(run.token) >= 32  # 192 bits, after the '#'

    person = RemotePerson.open(new_context, run.link, amazon_mirror_url(account))
    banner = person.viewer.locator("header")
    expect(banner).to_contain_text("Reconnect Amazon channel 'Amazon UK'")
    expect(banner).to_contain_text(f"Seller ID {seller.id}")
    expect(banner).to_contain_text("Time left")
    assert run.token not in person.viewer.url  # taken out of the address bar at once
    person.sign_into_amazon(seller.email, seller.password, seller.otp)

    assert run.finish() == 0, run.err
    uk = account.channel_named("Amazon UK")
    assert not uk.expired and uk.seller_id == seller.id
    assert [p.channel_id for p in account.polls] == [uk.id]
    expect(person.viewer.locator("#status")).to_contain_text("ended")
    # HECT's session never reached the viewer: not in its page, not in its cookies.
    shown = person.viewer.content()
    assert account.issued_sessions and not any(t in shown for t in account.issued_sessions)
    assert not person.viewer.context.cookies(account.urls["hect"])

    record = json.loads(cli.runs()[-1].read_text())
    assert record["outcome"] == "verified" and record["operator"] == "link"
    events = [e["event"] for e in record["hand_off"]]
    assert events[0] == "viewer controls" and record["hand_off"][0]["address"] == "127.0.0.1"
    audit = (cli.cwd / "runs" / "audit.jsonl").read_text()
    assert "viewer controls" in audit

    # The seller's password went through the view: it is nowhere. The token is only on the
    # link line, which is the link's purpose.
    written = every_file(cli.cwd).decode(errors="replace")
    for secret in (seller.password, run.token):
        assert secret not in written
        assert secret not in run.out
    assert run.err.count(run.token) == 1
    assert seller.password not in run.err


# The same link and view as Amazon's above, on eBay's sign-in: with --census.
@pytest.mark.census
def test_ebay_too_is_signed_into_through_the_link(
    run_link: type[Run], account: Tenant, new_context: Callable[..., BrowserContext], cli: Cli
) -> None:
    user = account.scenario.ebay_users[0]
    run = run_link("ebay", "--channel", "eBay UK", "--no-order-poll")
    person = RemotePerson.open(new_context, run.link, ebay_mirror_url(account))
    expect(person.viewer.locator("header")).to_contain_text(f"Seller ID {user.id}")
    person.sign_into_ebay(user.email, user.password)
    assert run.finish() == 0, run.err
    channel = account.channel_named("eBay UK")
    assert not channel.expired and channel.seller_id == user.id
    written = every_file(cli.cwd).decode(errors="replace")
    assert user.password not in written + run.out + run.err


@pytest.mark.waits
def test_the_link_refuses_wrong_tokens_a_second_controller_a_forged_origin_and_ends(
    run_link: type[Run], context: BrowserContext, account: Tenant
) -> None:
    run = run_link("amazon", "--channel", "Amazon UK")
    base, token = run.link.split("#", 1)
    link_id = base.rsplit("/", 1)[1]

    wrong = context.new_page()
    wrong.goto(f"{base}#{'x' * len(token)}")
    expect(wrong.locator("#status")).to_contain_text("not valid")
    expect(wrong.locator("#done")).to_be_hidden()

    unknown = urlopen_status(base.replace(link_id, "A" * len(link_id)))
    assert unknown == 404

    forged = urlopen_status(
        base, headers={"Upgrade": "websocket", "Connection": "Upgrade", "Origin": "http://evil"}
    )
    assert forged == 403

    first = context.new_page()
    first.goto(run.link)
    expect(first.locator("#status")).to_contain_text("Click in the picture")
    second = context.new_page()
    second.goto(run.link)
    expect(second.locator("#status")).to_contain_text("you can watch only")
    expect(second.locator("#done")).to_be_hidden()
    expect(second.locator("#screen")).to_have_attribute("data-frames", re.compile(r"\d+"))

    # Five wrong tokens in a minute (one above), and this address must wait; the open page
    # keeps working.
    for _ in range(4):
        page = context.new_page()
        page.goto(f"{base}#wrong")
        expect(page.locator("#status")).to_contain_text("not valid")
        page.close()
    assert urlopen_status(base) == 429

    first.get_by_role("button", name="I can't do this").click()
    assert run.finish() == 5
    assert 'the person pressed "I can\'t do this" on the hand-off page' in run.err
    assert "nothing changed" in run.err  # HECT read again: the truth after the ending
    assert account.channel_named("Amazon UK").expired


@pytest.mark.waits
def test_all_expired_hands_over_one_link_per_channel_each_ending_with_its_step(
    run_link: type[Run], context: BrowserContext, account: Tenant
) -> None:
    """Nobody opens the first link: it expires with the operator timeout (exit 5 for that
    channel), answers 410 from then on, and the next channel gets a link of its own."""
    account.channel_named("Amazon DE").revoked = True
    run = run_link("amazon", "--all-expired", "--no-order-poll", env={"HECT_OPERATOR_TIMEOUT": "4"})
    first = run.link
    later = read_until(run.process, LINK, stream="stderr", timeout=40)
    run.before += later
    second = later.split(LINK, 1)[1].split("\n", 1)[0].strip()
    assert second.split("#")[0] != first.split("#")[0]
    assert urlopen_status(first.split("#")[0]) == 410
    page = context.new_page()
    page.goto(second)
    expect(page.locator("header")).to_contain_text("'Amazon DE'")
    page.get_by_role("button", name="I can't do this").click()
    assert run.finish() == 5
    assert "Channel 1 of 2: 'Amazon UK'" in run.err and "no success within 4 s" in run.err
    assert 'pressed "I can\'t do this"' in run.err
    assert account.channel_named("Amazon UK").expired


def urlopen_status(url: str, headers: dict[str, str] | None = None) -> int:
    try:
        with urlopen(Request(url, headers=headers or {}), timeout=10) as answer:  # noqa: S310
            return int(answer.status)
    except Exception as exc:
        return int(getattr(exc, "code", 0))


def test_im_done_without_success_reads_hect_and_the_old_link_is_gone(
    run_link: type[Run], context: BrowserContext, account: Tenant
) -> None:
    run = run_link("amazon", "--channel", "Amazon UK")
    base = run.link.split("#", 1)[0]
    verification = account.hold("/settings/sales-channels/amazon", method="GET", nth=2)
    page = context.new_page()
    page.goto(run.link)
    page.get_by_role("button", name="I'm done").click()
    verification.wait_reached(20)  # the hand-off has ended; the run reads HECT's list
    try:
        assert urlopen_status(base) == 410
        again = context.new_page()
        again.goto(run.link)
        expect(again.locator("body")).to_contain_text("410 Gone")
    finally:
        verification.release()
    code = run.finish()
    assert code != 0
    assert 'pressed "I\'m done" before HECT showed its success image' in run.err
    assert "Token Expired" in run.err  # what HECT shows, read after the button
    assert account.channel_named("Amazon UK").expired


@pytest.mark.waits
def test_watch_hands_over_the_marketplace_link_and_notices_hect_change(
    run_link: type[Run], cli: Cli, account: Tenant, context: BrowserContext
) -> None:
    """--operator watch: the person opens the printed link in their own private window and
    signs in; the tool notices within one reading of HECT, verifies and polls orders."""
    seller = account.scenario.amazon_sellers[0]
    link_file = cli.cwd / "amazon-link.txt"
    args = ("amazon", "--channel", "Amazon UK", "--link-file", str(link_file))
    run = run_link(*args, operator="watch", until="private (incognito) window")
    assert link_file.stat().st_mode & 0o777 == 0o600
    link = link_file.read_text().strip()
    assert link.startswith(account.urls["amazon"])

    sign_in_on_amazon(context.new_page(), link, seller)  # in their own private window
    code = run.finish(timeout=40)  # one reading of HECT is at most 10 s away
    text = run.err
    assert code == 0, text
    assert "HECT shows 'Amazon UK' connected again" in text
    uk = account.channel_named("Amazon UK")
    assert not uk.expired and uk.seller_id == seller.id
    assert [p.channel_id for p in account.polls] == [uk.id]
    assert link not in text + run.out
    assert link not in every_file(cli.cwd / "runs").decode(errors="replace")


def both_links(run: Run, link_file: Path) -> dict[str, str]:
    """Wait until the run has handed over both due channels' links; the file's lines."""
    text = run.before
    while "link for 'eBay UK' is in" not in text or "link for 'Amazon UK' is in" not in text:
        text += read_until(run.process, " is in ", stream="stderr", timeout=40)
    run.before = text
    assert link_file.stat().st_mode & 0o777 == 0o600
    return dict(line.split("\t") for line in link_file.read_text().splitlines())


@pytest.mark.waits
def test_every_due_channel_of_every_platform_is_watched_at_once(
    run_link: type[Run], cli: Cli, account: Tenant, context: BrowserContext
) -> None:
    """--all-expired --operator watch with no platform: Amazon UK's and eBay UK's links are
    handed over together (both in the link file), and each run goes its own way: the eBay
    seller signs in and that run verifies and polls, while Amazon UK's seller never comes
    and Ctrl-C ends that run truthfully (HECT read again: nothing changed, exit 5)."""
    link_file = cli.cwd / "links.tsv"
    long_enough = {"HECT_OPERATOR_TIMEOUT": "120"}  # Ctrl-C, not the timeout, ends it
    run = run_link("--all-expired", "--link-file", str(link_file), operator="watch",
                   until="Every link at once: 2 channels", env=long_enough)  # fmt: skip
    links = both_links(run, link_file)
    assert set(links) == {"Amazon UK", "eBay UK"}
    ebay = context.new_page()  # the eBay seller, though Amazon UK was listed first
    ebay.goto(links["eBay UK"])
    sign_in_ebay(ebay, account.scenario.ebay_users[0])
    ebay.get_by_role("button", name="I Agree").click()
    # HECT is read every 10 s, then 15 s: the run notices within two readings
    verified = "eBay 'eBay UK': verified (exit 0)"
    run.before += read_until(run.process, verified, stream="stderr", timeout=60)
    run.process.send_signal(signal.SIGINT)
    assert run.finish(timeout=60) == 5, run.err

    channel = account.channel_named("eBay UK")
    assert not channel.expired and channel.seller_id == "acme_trading_uk"
    assert [p.channel_id for p in account.polls] == [channel.id]
    assert account.channel_named("Amazon UK").expired  # nobody signed in: unchanged
    assert not account.channel_named("Amazon DE").expired  # not due, not touched
    records = {
        r["channel"]: r
        for r in (json.loads(p.read_text()) for p in (cli.cwd / "runs").glob("*/run.json"))
    }
    assert records["eBay UK"]["outcome"] == "verified"
    amazon = records["Amazon UK"]
    assert amazon["exit_code"] == 5 and "Ctrl-C" in amazon["message"]
    assert "nothing changed" in amazon["message"]
    assert "Amazon 'Amazon UK': failed (exit 5)" in run.err  # its row of the progress table
    assert "Reconnects" in run.out  # the closing table
    written = run.err + run.out + every_file(cli.cwd / "runs").decode(errors="replace")
    assert not any(link in written for link in links.values())


def sign_in_on_amazon(
    own: Page, link: str, seller: AmazonSeller, marketplace: str = "United Kingdom"
) -> None:
    own.goto(link)
    own.get_by_label("Email or mobile phone number").fill(seller.email)
    own.get_by_role("button", name="Continue").click()
    own.get_by_label("Password").fill(seller.password)
    own.get_by_role("button", name="Sign in").click()
    if seller.otp:
        own.get_by_label("Enter OTP", exact=False).fill(seller.otp)
        own.get_by_role("button", name="Sign in").click()
    consent = own.get_by_role("checkbox", name="I direct Amazon", exact=False)
    pick = own.get_by_role("heading", name="Select an account")
    expect(consent.or_(pick)).to_be_visible()
    if pick.is_visible():
        own.get_by_role("link", name=marketplace).or_(
            own.get_by_role("button", name=marketplace)
        ).first.click()
    consent.check()
    own.get_by_role("button", name="Confirm").click()
    # however it is drawn: a success image or heading, or HECT's sentence (a skin may draw
    # its tick with no name at all, beside words that never say "success")
    shown = own.get_by_text(TAKEN_PLACE)
    for role in ("img", "figure", "heading"):
        shown = shown.or_(own.get_by_role(role, name=SUCCESS))
    expect(shown.first).to_be_visible()


@pytest.mark.census
def test_watch_fetches_a_fresh_link_when_the_time_comes(
    run_link: type[Run], cli: Cli, account: Tenant, context: BrowserContext
) -> None:
    """--refresh-link-every: HECT's connect control is clicked again and the new link
    replaces the old one in the file; the person uses it and the run verifies (30 s)."""
    seller = account.scenario.amazon_sellers[0]
    link_file = cli.cwd / "amazon-link.txt"
    args = ("amazon", "--channel", "Amazon UK", "--link-file", str(link_file))
    run = run_link(
        *args, "--refresh-link-every", "10", operator="watch", until="private (incognito) window"
    )
    first = link_file.read_text().strip()
    run.before += read_until(run.process, f"is in {link_file}", stream="stderr", timeout=40)
    assert "A fresh link" in run.before
    fresh = link_file.read_text().strip()
    assert fresh != first and fresh.startswith(account.urls["amazon"])
    sign_in_on_amazon(context.new_page(), fresh, seller)
    assert run.finish(timeout=60) == 0, run.err
    assert not account.channel_named("Amazon UK").expired


@pytest.mark.census
@pytest.mark.parametrize("skin", sorted(skins()))
def test_link_and_watch_on_every_skin(
    run_link: type[Run],
    account: Tenant,
    new_context: Callable[..., BrowserContext],
    skin: str,
) -> None:
    """The HECT side of both remote modes (reaching the list, the connect control, reading
    HECT afterwards) on every skin: Amazon UK through the live view, then Amazon DE (its
    authorisation revoked) through the marketplace's own link while the tool watches."""
    account.set(skin=skin)
    seller = account.scenario.amazon_sellers[0]
    run = run_link("amazon", "--channel", "Amazon UK", "--no-order-poll")
    person = RemotePerson.open(new_context, run.link, amazon_mirror_url(account))
    person.sign_into_amazon(seller.email, seller.password, seller.otp)
    assert run.finish() == 0, run.err
    assert not account.channel_named("Amazon UK").expired

    de = account.channel_named("Amazon DE")
    de.revoked = True
    de_seller = next(s for s in account.scenario.amazon_sellers if s.id == de.seller_id)
    watch = run_link(
        "amazon", "--channel", "Amazon DE", "--no-order-poll", operator="watch",
        until="Amazon link for 'Amazon DE': ",
    )  # fmt: skip
    sign_in_on_amazon(new_context().new_page(), watch.link, de_seller, de.marketplace)
    assert watch.finish() == 0, watch.err
    assert "connected again" in watch.err
