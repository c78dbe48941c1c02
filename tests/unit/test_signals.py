"""A signal raised where Playwright's dispatcher is running (in an event handler's greenlet,
say) goes to the main greenlet, and Playwright's connection survives it (``deliver``)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from hect_automation.meanwhile import deliver


def test_ctrl_c_in_an_event_handler_reaches_the_run_and_spares_the_connection(page: Page) -> None:
    # Raised as Python raises it (in whatever greenlet runs), it ended the task that reads the
    # driver's messages: every later call failed with "Target page ... has been closed", and
    # the run could no longer read HECT to say how it ended.
    page.once("console", lambda _: deliver(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        log_and_ask(page)
    assert page.evaluate("1 + 1") == 2


def log_and_ask(page: Page) -> None:
    page.evaluate("console.log('now')")
    page.evaluate("1")  # the event may come in after the call that caused it


def test_in_the_main_greenlet_it_is_raised_at_once() -> None:
    with pytest.raises(KeyboardInterrupt):
        deliver(KeyboardInterrupt())
