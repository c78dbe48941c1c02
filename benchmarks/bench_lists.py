"""How reading a channel list scales: 1,000 channels against 10, side by side in one run.

    .venv/bin/python benchmarks/bench_lists.py [--repeat 5]

For each size, on fresh sandbox accounts (channels with sellers, as a real account has):

- ``open+read``: open the list page and read every channel (what ``status`` and a
  reconnect's "before" cost), on an unpaged table (``classic``);
- ``read``: the read alone, the page already there;
- ``find``: find one channel near the end (what a reconnect needs to click its link), on
  an unpaged table and on a list paged 20 at a time with a search box (``paged``);
- ``read (paged)``: every page of the paged list, through Next, for the record.

Ratios of medians, 1,000 against 10, are the figures (target: at most 2).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from playwright.sync_api import Browser, sync_playwright

from hect_automation import LAUNCH_ARGS, ChannelReader, HectSite, Sandbox, platform
from hect_automation import discover_browser as discover
from hect_automation.sandbox import ChannelSeed

SIZES = (10, 1000)


def account(sandbox: Sandbox, size: int, skin: str):  # type: ignore[no-untyped-def]
    base = sandbox.scenario
    shops = [
        ChannelSeed.model_validate(
            {
                "platform": "amazon",
                "name": f"Amazon Shop {i:04}",
                "expires": "+100d",
                "seller": "A2ACMETRADEDE2",
            }
        )
        for i in range(size - 2)
    ]
    made = sandbox.create_account(base.model_copy(update={"channels": [*base.channels, *shops]}))
    made.set(skin=skin)
    return made


def measure(
    browser: Browser, sandbox: Sandbox, size: int, skin: str, repeat: int
) -> dict[str, float]:
    made = account(sandbox, size, skin)
    context = browser.new_context()
    context.add_cookies(made.hect_login(made.scenario.users[0].email))  # type: ignore[arg-type]
    site = HectSite(browser, context, made.urls["hect"], lambda: None, timeout=60)  # type: ignore[arg-type, return-value]
    url = made.urls["hect"] + "/settings/sales-channels/amazon"
    entry = platform("amazon")
    wanted = f"Amazon Shop {size - 5:04}"

    def reader() -> ChannelReader:
        return ChannelReader(site.page, entry, 60, click=site.click)

    def timed(action: Callable[[], object]) -> float:
        started = time.perf_counter()
        action()
        return time.perf_counter() - started

    found: dict[str, list[float]] = {"open+read": [], "read": [], "find": []}
    for _ in range(repeat):
        found["open+read"].append(timed(lambda: (site.open(url), reader().read_all())))
        site.open(url)
        found["read"].append(timed(lambda: reader().read_all()))
        site.open(url)
        found["find"].append(timed(lambda: reader().find(wanted)))
    context.close()
    return {name: statistics.median(values) for name, values in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with Sandbox() as sandbox, sync_playwright() as playwright:
        choice = discover(playwright)
        browser = playwright.chromium.launch(
            executable_path=choice.launchable(headed=False), args=LAUNCH_ARGS
        )
        for skin in ("classic", "paged"):
            results = {size: measure(browser, sandbox, size, skin, args.repeat) for size in SIZES}
            for name in results[SIZES[0]]:
                small, large = results[SIZES[0]][name], results[SIZES[1]][name]
                print(
                    f"{skin:8} {name:10} 10: {small * 1000:7.1f} ms   1000: {large * 1000:8.1f} ms"
                    f"   ratio {large / small:5.1f}"
                )
        browser.close()


if __name__ == "__main__":
    main()
