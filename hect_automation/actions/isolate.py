"""``open_isolated``: find the channel, check its token, open its link in a private window."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from hect_automation.actions.base import Run, StopRun
from hect_automation.browser import new_isolated_context
from hect_automation.errors import PageMismatch
from hect_automation.hect.channels import read_channel_list, record_locator
from hect_automation.hect.session import Navigator, same_site
from hect_automation.locate import describe, first_visible
from hect_automation.runbook import OpenIsolated


class OpenIsolatedAction:
    def describe(self, step: OpenIsolated) -> str:
        return f"open {describe(step.target)} of '{step.within.row}' in a private window"

    def perform(self, step: OpenIsolated, run: Run) -> str:
        timeout = step.timeout or run.settings.timeout
        page = run.site.page
        channels = read_channel_list(page, run.runbook.platform, timeout)
        name = step.within.row.format(**run.inputs)
        record = channels.find(name)
        run.before, run.target, run.channel_list_url = channels, record, page.url
        run.listener.say(f"'{record.name}': {record.summary()}")
        if record.expired is False and not run.options.force:
            raise StopRun(
                "not-needed",
                f"'{record.name}' is not expired ({record.summary()}); nothing to do "
                "(use --force to reconnect it anyway)",
            )
        link = first_visible(record_locator(page, record), step.target, timeout)
        if link is None:
            looked = describe(step.target, every=True)
            raise PageMismatch(f"no {looked} in the row of '{record.name}' within {timeout:g} s")
        href = link.get_attribute("href")
        if not href or href.startswith(("#", "javascript:")):
            raise PageMismatch(
                f"the connect control of '{record.name}' is not a link, so it cannot be opened "
                "in a private window"
            )
        url = urljoin(page.url, href)
        run.isolated = new_isolated_context(run.browser, timeout=timeout)
        host = urlsplit(url).hostname or ""
        carried = ""
        if same_site(run.site.host, host) or same_site(host, run.site.host):
            # The link starts on HECT itself: it needs HECT's session, and only that.
            hect_cookies = [
                c
                for c in run.site.context.cookies()
                if same_site(c.get("domain", ""), run.site.host)
            ]
            run.isolated.add_cookies(hect_cookies)  # type: ignore[arg-type]
            carried = ", carrying HECT's session only"
        run.window = run.isolated.new_page()
        Navigator(run.window, run.site.retry, run.listener.say, who=host).goto(url)
        return f"opened {urlsplit(run.window.url).hostname} in a private window{carried}"
