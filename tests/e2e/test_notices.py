"""Status for a desk and for CI: notices on change to real receivers (an SMTP server and a
JSON webhook on loopback, through Apprise), a JUnit file and GitHub's job summary."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from hect_automation.sandbox import Tenant, now
from tests.conftest import Cli, Mailbox, Webhook
from tests.receivers import closed_webhook

pytestmark = pytest.mark.e2e


@pytest.mark.waits
def test_notices_go_on_change_and_on_recovery_only(
    cli: Cli, account: Tenant, mailbox: Mailbox, webhook: Webhook
) -> None:
    notify = ("status", "--notify", mailbox.url, "--notify", webhook.url)
    first = cli(*notify)
    assert first.code == 10, first.stderr
    expected = [
        "HECT: Amazon channel 'Amazon UK' is RELINK_NEEDED",
        "HECT: eBay channel 'eBay UK' is RELINK_NEEDED",
    ]
    assert mailbox.subjects() == expected and webhook.titles() == expected
    body = next(b["message"] for b in webhook.bodies if "Amazon UK" in b["title"])
    assert 'Fix: hect-runbook reconnect amazon --channel "Amazon UK"' in body
    assert "Account: " in body and "Days left: " in body

    again = cli(*notify)  # nothing changed: nothing said
    assert again.code == 10 and len(mailbox.messages) == 2 and len(webhook.bodies) == 2

    # Someone reconnects Amazon UK in HECT (how is the reconnect tests' business).
    account.link(account.channel_named("Amazon UK"), "A1ACMETRADEUK1")
    recovered = cli(*notify)
    assert recovered.code == 10  # eBay UK still expired
    assert "HECT: Amazon channel 'Amazon UK' is OK again" in webhook.titles()
    assert len(webhook.bodies) == 3 and len(mailbox.messages) == 3

    secrets = [u.password for u in account.scenario.users]
    secrets += [s.password for s in account.scenario.amazon_sellers]
    received = json.dumps(webhook.bodies) + "".join(m.as_string() for m in mailbox.messages)
    assert not any(secret in received for secret in secrets)


def test_a_notice_not_delivered_is_a_warning_and_tried_again(cli: Cli, webhook: Webhook) -> None:
    """One receiver down, one up: the one up is told once; the one down is tried again on
    the next run, without the other being told twice."""
    closed = closed_webhook()
    both = ("status", "--notify", closed, "--notify", webhook.url)
    first = cli(*both)
    assert first.code == 10  # the status is still the status
    assert "a notice to --notify URL number 1" in first.stderr
    assert "could not be delivered; the next run tries again" in first.stderr
    assert closed not in first.stderr + first.stdout  # a URL may hold a token
    assert len(webhook.bodies) == 2
    second = cli(*both)
    assert "a notice to --notify URL number 1" in second.stderr  # tried again
    assert len(webhook.bodies) == 2  # and the receiver that got them is not told twice


def test_an_unknown_notification_url_is_refused_before_anything_runs(cli: Cli) -> None:
    result = cli("status", "--notify", "nosuchservice://token-abc123@x")
    assert result.code == 2
    assert "--notify URL number 1 is not a notification URL Apprise knows" in result.stderr
    assert "token-abc123" not in result.stderr
    assert not (cli.cwd / "runs" / "audit.jsonl").exists()  # refused before HECT was read


def test_junit_and_the_github_job_summary(cli: Cli, tmp_path: Path) -> None:
    junit = tmp_path / "reports" / "hect.xml"
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    result = cli("status", "--junit", str(junit), GITHUB_STEP_SUMMARY=str(summary))
    assert result.code == 10, result.stderr
    suite = ET.fromstring(junit.read_text())  # noqa: S314 - our own file
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert set(cases) == {"Amazon UK", "Amazon DE", "eBay UK"}
    assert suite.get("failures") == "2" and suite.get("errors") == "0"
    failure = cases["Amazon UK"].find("failure")
    assert failure is not None and failure.get("message", "").startswith("RELINK_NEEDED")
    assert 'hect-runbook reconnect amazon --channel "Amazon UK"' in (failure.text or "")
    assert cases["Amazon DE"].find("failure") is None
    text = summary.read_text()
    assert text.startswith("earlier step\n")  # appended, as GitHub expects
    assert "### HECT channels: 2 of 3 need action" in text
    assert "| Amazon UK | Amazon | RELINK_NEEDED |" in text


def test_the_html_report_shows_the_table_and_a_timeline(
    cli: Cli, account: Tenant, page: Page, tmp_path: Path
) -> None:
    account.channel_named("Amazon DE").expires_at = now() + timedelta(days=12)
    report = tmp_path / "hect-status.html"
    result = cli("status", "--html", str(report))
    assert result.code == 10, result.stderr
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(report.as_uri())
    expect(page.get_by_role("heading", name="HECT channels: 3 of 3 need action")).to_be_visible()
    rows = page.get_by_role("row")
    expect(rows.filter(has_text="Amazon DE")).to_contain_text("EXPIRING")
    expect(rows.filter(has_text="Amazon UK")).to_contain_text(
        'hect-runbook reconnect amazon --channel "Amazon UK"'
    )
    timeline = page.get_by_role("img", name="Token expiry timeline")
    expect(timeline).to_be_visible()
    assert timeline.locator("circle").count() == 3
    assert "EXPIRING" in (timeline.locator("circle.expiring title").text_content() or "")
    assert fetched == [report.as_uri()]  # self-contained: it fetches nothing else
    shot = tmp_path / "hect-status.png"
    page.screenshot(path=shot, full_page=True)
    assert shot.stat().st_size > 10_000


def test_a_report_that_cannot_be_written_is_refused_before_hect_is_read(cli: Cli) -> None:
    blocked = cli.cwd / "a-file"
    blocked.write_text("not a folder")
    result = cli("status", "--junit", str(blocked / "hect.xml"), GITHUB_STEP_SUMMARY="")
    assert result.code == 2 and "cannot write the JUnit file" in result.stderr
    assert not (cli.cwd / "runs" / "audit.jsonl").exists()  # nothing was read or done
