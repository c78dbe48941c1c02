"""The point of the article: the sign-in happens in a private window, so a login cached in the
browser cannot link the wrong account. Plus what a person can do to end the hand-off."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pydantic import SecretStr

from hect_automation.actions.base import RunOptions
from hect_automation.config import load_settings
from hect_automation.engine import run_runbook
from hect_automation.errors import OperatorDidNotFinish
from hect_automation.hect.session import Credentials
from hect_automation.operator import HandOff
from hect_automation.platforms import Cue, platform
from hect_automation.runbook import load_runbook
from hect_automation.sandbox.state import Tenant
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
