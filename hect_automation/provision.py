"""Find or install Chromium, and say whether a window opened here can be seen.

Discovery (used by ``hect-runbook``, the tests and the set-up scripts alike), in order:
``HECT_BROWSER_EXECUTABLE``; a Chromium that Playwright installed; a system Chromium or
Chrome. Provisioning (``python -m hect_automation.provision ensure``, run by the set-up
scripts) then tries ``playwright install chromium`` and, as root on Debian or Ubuntu,
``apt-get install -y chromium``. When nothing works it says what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Playwright, sync_playwright

from hect_automation.config import Settings, load_settings
from hect_automation.errors import BrowserNotFound, first_line

LAUNCH_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SYSTEM_BROWSERS = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
HEADLESS_SHELL = "chromium-headless-shell"
INSTALL_ADVICE = (
    "no Chromium found: run `python -m playwright install chromium` (needs internet), "
    "or install your system's chromium package (Debian/Ubuntu: sudo apt-get install chromium), "
    "or set HECT_BROWSER_EXECUTABLE to a Chrome/Chromium executable"
)


@dataclass(frozen=True)
class BrowserChoice:
    """Which Chromium to launch: ``executable`` None means Playwright's own install.

    Headless runs use a headless shell where there is one (as Playwright does with its own
    browsers): the same engine without a window, at about a third of the CPU.
    """

    executable: Path | None
    source: str
    headless: Path | None = None

    def launchable(self, *, headed: bool) -> Path | None:
        return self.executable if headed else (self.headless or self.executable)


def discover(playwright: Playwright, configured: Path | None = None) -> BrowserChoice:
    """The Chromium to use, by the documented order; raises BrowserNotFound."""
    if configured is not None:
        return BrowserChoice(configured, "HECT_BROWSER_EXECUTABLE")
    if Path(playwright.chromium.executable_path).is_file():
        return BrowserChoice(None, "Playwright's Chromium")
    for candidate in [
        Path("/usr/bin/chromium"),
        *map(Path, filter(None, map(shutil.which, SYSTEM_BROWSERS))),
    ]:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            shell = shutil.which(HEADLESS_SHELL)
            return BrowserChoice(
                candidate, f"system browser {candidate}", Path(shell) if shell else None
            )
    raise BrowserNotFound(INSTALL_ADVICE)


def provision(configured: Path | None = None) -> BrowserChoice:
    """A Chromium that starts, installing what is missing (the set-up scripts call this).

    Tried in turn until one launches: what is already there; ``playwright install
    chromium``; as root on Debian/Ubuntu, the libraries Playwright's Chromium needs
    (``playwright install-deps``), then the system's ``chromium`` package.
    """
    problem = INSTALL_ADVICE
    remedies = (
        (None,) if configured else (None, _playwright_install, _playwright_deps, _apt_install)
    )
    for remedy in remedies:
        if remedy is not None and not remedy():
            continue
        with sync_playwright() as playwright:
            try:
                choice = discover(playwright, configured)
                _launches(playwright, choice)
            except BrowserNotFound as exc:
                problem = exc.message
                continue
            if choice.executable and not choice.headless and not configured and _root_on_debian():
                _apt_headless_shell()  # best-effort: the same engine at a third of the CPU
                choice = discover(playwright, configured)
            return choice
    raise BrowserNotFound(problem)


def _launches(playwright: Playwright, choice: BrowserChoice) -> None:
    """Start and stop the chosen Chromium once: a file that exists may still not run."""
    try:
        browser = playwright.chromium.launch(
            executable_path=choice.launchable(headed=False),
            headless=True,
            args=LAUNCH_ARGS,
            timeout=60_000,
        )
    except PlaywrightError as exc:
        raise BrowserNotFound(
            f"{choice.source} would not start ({first_line(exc)}); {INSTALL_ADVICE}"
        ) from exc
    browser.close()


def _playwright_install() -> bool:
    print("hect-runbook: installing Playwright's Chromium…", file=sys.stderr)
    command = [sys.executable, "-m", "playwright", "install", "chromium"]
    return subprocess.run(command, check=False, timeout=900).returncode == 0


def _root_on_debian() -> bool:
    return (
        os.geteuid() == 0 and bool(shutil.which("apt-get")) and Path("/etc/debian_version").exists()
    )


def _playwright_deps() -> bool:
    if not _root_on_debian():
        return False
    print("hect-runbook: installing the libraries Chromium needs…", file=sys.stderr)
    command = [sys.executable, "-m", "playwright", "install-deps", "chromium"]
    return subprocess.run(command, check=False, timeout=900).returncode == 0


def _apt_install() -> bool:
    if not _root_on_debian():
        return False
    print("hect-runbook: installing Chromium with apt-get…", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        if subprocess.run(command, check=False, env=env, timeout=900).returncode != 0:
            return False
    _apt_headless_shell()
    return True


def _apt_headless_shell() -> None:
    """Install the distribution's headless shell, where it has one (best-effort)."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    command = ["apt-get", "install", "-y", "-qq", HEADLESS_SHELL]
    subprocess.run(command, check=False, env=env, timeout=900, capture_output=True)


def display_available(settings: Settings) -> bool:
    """Whether a window opened here can be seen (always, except Linux without a display)."""
    return not sys.platform.startswith("linux") or bool(settings.display)


def check_display(settings: Settings, *, headed: bool, remote: bool) -> None:
    """A headed browser launched here needs a display; say so at once if there is none."""
    if headed and not remote and not display_available(settings):
        raise BrowserNotFound(
            "a headed browser needs a display and none is set (DISPLAY): run on a desktop, "
            "use --headless, or set HECT_BROWSER_CDP_ENDPOINT to a browser you can see"
        )


def main(argv: list[str]) -> int:
    """``python -m hect_automation.provision ensure [--record FILE]``: find or install Chromium.

    Prints the choice; with ``--record``, writes the executable's path (or Playwright's) to
    FILE, so that the set-up scripts can skip this while that browser is still there.
    """
    if (
        argv[:1] != ["ensure"]
        or len(argv) not in (1, 3)
        or (len(argv) == 3 and argv[1] != "--record")
    ):
        print("usage: python -m hect_automation.provision ensure [--record FILE]", file=sys.stderr)
        return 2
    try:
        choice = provision(load_settings().browser_executable)
    except BrowserNotFound as exc:  # ConfigError (a bad HECT_BROWSER_EXECUTABLE) included
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    if choice.executable is None:
        with sync_playwright() as playwright:
            executable = playwright.chromium.executable_path
    else:
        executable = str(choice.executable)
    print(f"Chromium: {executable} ({choice.source})", file=sys.stderr)
    if len(argv) == 3:
        Path(argv[2]).write_text(executable + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
