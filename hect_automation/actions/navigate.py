"""``open_hect`` and ``click``: getting around HECT as the article says.

A click step's target is reached as a person reaches it (``hect.reach``): a dialog in the
way is closed, a collapsed menu opened, a tab chosen; each move is noted in the run.
``navigate`` is also what ``status`` and ``explain`` use to walk a runbook to its list.
"""

from __future__ import annotations

from hect_automation.actions.base import RunContext
from hect_automation.errors import PageMismatch
from hect_automation.hect.session import HectSite
from hect_automation.locate import describe
from hect_automation.runbook import Click, OpenHect


def navigate(site: HectSite, step: OpenHect | Click, timeout: float) -> str:
    """Carry out one navigation step on ``site``; a short note of where it led."""
    if isinstance(step, OpenHect):
        site.open()
        return f"opened {site.base_url}" + (", signed in" if site.sign_ins else "")
    wait = step.timeout or timeout
    what = describe(step.target)
    found = site.reach.find(site.ensure_page(), step.target, wait, what=what)
    if found is None:
        raise PageMismatch(f"{describe(step.target, every=True)} not found within {wait:g} s")
    site.click(found, what)
    return f"now on '{site.page.title()}'"


class OpenHectAction:
    def describe(self, step: OpenHect) -> str:
        return "open HECT and sign in"

    def perform(self, step: OpenHect, ctx: RunContext, given: None) -> tuple[None, str]:
        return None, navigate(ctx.site, step, ctx.settings.timeout)


class ClickAction:
    def describe(self, step: Click) -> str:
        return f"click {describe(step.target)}"

    def perform(self, step: Click, ctx: RunContext, given: None) -> tuple[None, str]:
        return None, navigate(ctx.site, step, ctx.settings.timeout)
