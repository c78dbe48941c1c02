"""``open_hect`` and ``click``: getting around HECT as the article says.

``navigate`` is also what ``status`` uses to walk a runbook to its channel list.
"""

from __future__ import annotations

from hect_automation.actions.base import Run
from hect_automation.errors import PageMismatch
from hect_automation.hect.session import HectSite
from hect_automation.locate import describe, first_visible
from hect_automation.runbook import Click, OpenHect


def navigate(site: HectSite, step: OpenHect | Click, timeout: float) -> str:
    """Carry out one navigation step on ``site``; a short note of where it led."""
    if isinstance(step, OpenHect):
        site.open()
        return f"opened {site.base_url}" + (", signed in" if site.sign_ins else "")
    wait = step.timeout or timeout
    found = first_visible(site.page, step.target, wait)
    if found is None:
        raise PageMismatch(f"{describe(step.target, every=True)} not found within {wait:g} s")
    site.click(found, describe(step.target))
    return f"now on '{site.page.title()}'"


class OpenHectAction:
    def describe(self, step: OpenHect) -> str:
        return "open HECT and sign in"

    def perform(self, step: OpenHect, run: Run) -> str:
        return navigate(run.site, step, run.settings.timeout)


class ClickAction:
    def describe(self, step: Click) -> str:
        return f"click {describe(step.target)}"

    def perform(self, step: Click, run: Run) -> str:
        return navigate(run.site, step, run.settings.timeout)
