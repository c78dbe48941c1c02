"""The point of the article: the sign-in happens in a private window, so a login cached in the
browser cannot link the wrong account. Plus what a person can do to end the hand-off."""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pydantic import SecretStr

from hect_automation import (
    Credentials,
    Cue,
    HandOff,
    MarketplaceLogin,
    OperatorDidNotFinish,
    RunOptions,
    SimulatedOperator,
    load_runbook,
    load_settings,
    platform,
    run_runbook,
)
from hect_automation.sandbox import Tenant
from tests.conftest import SIMULATED_UK, Cli

pytestmark = pytest.mark.e2e
OTHER_SELLER = "A3OTHERSELLER3"
RECONNECT = (*SIMULATED_UK, "--no-order-poll")


def test_a_cached_login_of_another_seller_does_not_link_it(cli: Cli, account: Tenant) -> None:
    account.set(cached_login=("amazon", OTHER_SELLER))
    result = cli(*RECONNECT)
    assert result.code == 0, result.stderr
    assert account.channel_named("Amazon UK").seller_id == "A1ACMETRADEUK1"


def test_hects_own_connect_link_carries_hect_cookies_but_no_amazon_login(
    cli: Cli, account: Tenant
) -> None:
    account.set(cached_login=("amazon", OTHER_SELLER), connect_via_hect=True)
    result = cli(*RECONNECT)
    assert result.code == 0, result.stderr
    assert "carrying HECT's session for its first step only" in result.stderr
    assert account.channel_named("Amazon UK").seller_id == "A1ACMETRADEUK1"
    assert not [e for e in account.events if "with a HECT session" in e]


def test_a_hect_page_that_redirects_by_itself_is_waited_on_and_leaves_hects_session_behind(
    cli: Cli, account: Tenant
) -> None:
    """Connect Channel opens a page of HECT's own, "Redirecting you to Amazon Seller
    Central…", that moves on by script a second later and asks nothing. The run waits for it
    to move on, and the private window drops HECT's session once it has left HECT: the
    marketplace's return to HECT comes signed into nothing. Before, the run looked for a
    Continue on it and ended 4 (a skin written blind: redirecting)."""
    account.set(skin="redirecting")
    result = cli(*RECONNECT)
    assert result.code == 0, result.stderr
    assert "moved on to" in result.stderr and "by itself" in result.stderr
    assert account.channel_named("Amazon UK").seller_id == "A1ACMETRADEUK1"
    assert not [e for e in account.events if "with a HECT session" in e]


def test_control_following_the_link_in_the_hect_window_links_the_cached_seller(
    hect: Page, account: Tenant
) -> None:
    """What the article warns of, shown: the same link opened in the HECT browser context."""
    account.set(cached_login=("amazon", OTHER_SELLER))
    hect.goto(account.urls["hect"] + "/settings/sales-channels/amazon")
    row = hect.get_by_role("row").filter(has_text="Amazon UK")
    with hect.context.expect_page() as opened:
        row.get_by_role("link", name="Connect Channel").click()  # a plain click: same browser
    amazon = opened.value
    expect(
        amazon.get_by_text("Signed in as Brightside Goods Ltd")
    ).to_be_visible()  # no sign-in asked
    amazon.get_by_role("checkbox", name="I direct Amazon").check()
    amazon.get_by_role("button", name="Confirm").click()
    expect(amazon.get_by_role("img", name="Success")).to_be_visible()
    hect.reload()
    expect(hect.get_by_role("row").filter(has_text="Amazon UK")).to_contain_text(OTHER_SELLER)


@dataclass
class Person:
    """A person at the hand-off who does one thing: ``close`` the window or press Ctrl-C."""

    does: str
    kind: str = "test"
    remind_every: float = 60.0
    cues: list[Cue] = field(default_factory=lambda: list(platform("amazon").cues))

    def begin(self, task: HandOff) -> None:
        return None

    def act(self, cue: Cue, page: Page, task: HandOff) -> None:
        if self.does == "close":
            page.close()
        else:
            raise KeyboardInterrupt

    def remind(self, remaining: float, task: HandOff) -> None:
        return None

    def say(self, text: str) -> None:
        return None

    def end(self, task: HandOff) -> None:
        return None

    def poll_from(self, default, channel):  # type: ignore[no-untyped-def]
        return default


class Quiet:
    def step_started(self, *args: object) -> None: ...
    def step_finished(self, *args: object) -> None: ...
    def say(self, text: str) -> None: ...


@pytest.mark.parametrize(
    ("does", "message"),
    [
        ("close", "the private window was closed before HECT showed its success image"),
        ("ctrl-c", "aborted with Ctrl-C"),
    ],
)
def test_the_person_ending_the_hand_off_exits_5_and_changes_nothing(
    browser: Browser, account: Tenant, tmp_path: Path, does: str, message: str
) -> None:
    settings = load_settings(
        {"base_url": account.urls["hect"], "artifacts_dir": tmp_path}, env_file=None
    )
    user = account.scenario.users[0]
    with pytest.raises(OperatorDidNotFinish, match=message) as ended:
        run_runbook(
            load_runbook("refresh-amazon-token"),
            {"channel": "Amazon UK"},
            settings,
            browser=browser,
            operator=Person(does),
            listener=Quiet(),
            credentials=lambda: Credentials(user.email, SecretStr(user.password)),
            options=RunOptions(),
        )
    assert ended.value.exit_code == 5
    [run_json] = tmp_path.glob("*/run.json")
    assert json.loads(run_json.read_text())["exit_code"] == 5
    assert account.channel_named("Amazon UK").expired
    assert browser.contexts == []  # the private window and HECT's context are both gone


CANARY_PASSWORD = "canary-stray-pw-90b1e2"


@dataclass
class StrayPerson:
    """Signs in as asked, but first does what the article's wording invites: clicks the
    yellow link in HECT's own window (and, with ``elsewhere``, another link there too)."""

    account: Tenant
    then: SimulatedOperator
    elsewhere: bool = False
    strayed: int = 0
    heard: list[str] = field(default_factory=list)
    kind: str = "test"
    remind_every: float = 60.0

    @property
    def cues(self) -> list[Cue]:
        return self.then.cues

    def begin(self, task: HandOff) -> None:
        self.then.begin(task)

    def act(self, cue: Cue, page: Page, task: HandOff) -> None:
        if self.strayed:
            self.then.act(cue, page, task)
            return
        self.strayed += 1
        [hect] = [
            p
            for context in page.context.browser.contexts  # type: ignore[union-attr]
            if context is not page.context
            for p in context.pages
            if p.url.startswith(self.account.urls["hect"])
        ]
        if self.elsewhere:
            hect.get_by_role("link", name="Orders").click()
        row = hect.get_by_role("row").filter(has_text="Amazon UK")
        row.get_by_role("link", name=re.compile("connect channel", re.IGNORECASE)).click()

    def remind(self, remaining: float, task: HandOff) -> None:
        return None

    def say(self, text: str) -> None:
        self.heard.append(text)

    def end(self, task: HandOff) -> None:
        return None

    def poll_from(self, default, channel):  # type: ignore[no-untyped-def]
        return default


@pytest.mark.parametrize("elsewhere", [False, True], ids=["connect-link", "and-orders"])
def test_a_person_using_the_hect_window_is_sent_to_a_fresh_private_window_and_nothing_leaks(
    browser: Browser, make_account, tmp_path: Path, elsewhere: bool
) -> None:
    """The leak the issue found: the person clicks the link in HECT's (traced) window. It is
    stopped there and opened privately; the cached seller is not linked; the kept trace holds
    no password, no marketplace page and no OAuth code."""
    account = make_account()
    seller = account.scenario.amazon_sellers[0]
    account.scenario.amazon_sellers[0] = seller.model_copy(update={"password": CANARY_PASSWORD})
    account.set(cached_login=("amazon", OTHER_SELLER))
    settings = load_settings(
        {"base_url": account.urls["hect"], "artifacts_dir": tmp_path, "trace": "on"},
        env_file=None,
    )
    user = account.scenario.users[0]
    login = MarketplaceLogin(seller.email, CANARY_PASSWORD)
    person = StrayPerson(account, SimulatedOperator(login=lambda *_: login), elsewhere)
    record = run_runbook(
        load_runbook("refresh-amazon-token"),
        {"channel": "Amazon UK"},
        settings,
        browser=browser,
        operator=person,
        listener=Quiet(),
        credentials=lambda: Credentials(user.email, SecretStr(user.password)),
        options=RunOptions(order_poll=False),
    )
    assert record.outcome == "verified"
    assert account.channel_named("Amazon UK").seller_id == seller.id  # not the cached one
    assert any("opened in a fresh private window instead" in line for line in person.heard)
    if elsewhere:
        assert any("The HECT window is paused while you sign in" in h for h in person.heard)
    [trace] = tmp_path.glob("*/trace.zip")
    with zipfile.ZipFile(trace) as archive:
        everything = b"".join(archive.read(n) for n in archive.namelist())
        network = [
            json.loads(line)["snapshot"]["request"]["url"]
            for name in archive.namelist()
            if name.endswith(".network")
            for line in archive.read(name).splitlines()
            if b'"resource-snapshot"' in line
        ]
    assert b"Amazon Channels" in everything  # the trace is HECT's, and it was searched
    assert network and all(url.startswith(account.urls["hect"]) for url in network), network
    for leak in (CANARY_PASSWORD, "spapi_oauth_code", seller.email):
        assert leak.encode() not in everything, leak
