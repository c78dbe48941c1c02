"""``open_hect`` and ``click``: getting around HECT as the article says.

A click step's target is reached as a person reaches it (``hect.reach``): a dialog in the
way is closed, a collapsed menu opened, a tab chosen; each move is noted in the run.
``navigate`` is also what ``status`` and ``explain`` use to walk a runbook to its list.
"""

from __future__ import annotations

import time

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
    page = site.ensure_page()
    deadline = time.monotonic() + wait
    with site.reach.overlays_dismissed():
        for attempt in range(1, 4):
            remaining = max(deadline - time.monotonic(), 1.0)
            found = site.reach.find(page, step.target, remaining, what=what)
            if found is None:
                raise PageMismatch(
                    f"{describe(step.target, every=True)} not found within {wait:g} s"
                )
            # The page may have hidden it again meanwhile (a menu closed by an announcement):
            # look again, as a person would, rather than wait on something no longer there.
            if site.click(found, what, unless_gone=attempt < 3):
                break
            site.say(f"{what} went out of reach before the click; looking again")
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
