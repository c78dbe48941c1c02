"""Find, provision, launch or connect to Chromium; make HECT and isolated contexts; trace.

Discovery (used by ``hect-runbook``, the tests and the set-up scripts alike), in order:
``HECT_BROWSER_EXECUTABLE``; a Chromium that Playwright installed; a system Chromium or
Chrome. Provisioning (``python -m hect_automation.browser ensure``, run by the set-up
scripts) then tries ``playwright install chromium`` and, as root on Debian or Ubuntu,
``apt-get install -y chromium``. When nothing works it says what to install.

An *isolated* context is the article's private window: a fresh context with no cookie,
storage or cache from any other, never traced, recorded or written to disk.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Playwright, ViewportSize, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from hect_automation.errors import BrowserNotFound, HectUnavailable, first_line

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
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}


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


def display_available() -> bool:
    """Whether a window opened here can be seen (always, except Linux without a display)."""
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def check_display(*, headed: bool, remote: bool) -> None:
    """A headed browser launched here needs a display; say so at once if there is none."""
    if headed and not remote and not display_available():
        raise BrowserNotFound(
            "a headed browser needs a display and none is set (DISPLAY): run on a desktop, "
            "use --headless, or set HECT_BROWSER_CDP_ENDPOINT to a browser you can see"
        )


class BrowserSession:
    """The Chromium of one command: connected to an endpoint when one is given, else launched
    here. ``relaunch`` starts over (Playwright's driver too) after the browser or the driver
    died under a run, so HECT can still be read to say how the run ended."""

    def __init__(
        self,
        *,
        headed: bool,
        executable: Path | None = None,
        ws_endpoint: str | None = None,
        cdp_endpoint: str | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.headed = headed
        self.executable = executable
        self.ws_endpoint = ws_endpoint
        self.cdp_endpoint = cdp_endpoint
        self.timeout = timeout
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None

    @property
    def browser(self) -> Browser:
        assert self._browser is not None, "start() first"
        return self._browser

    def start(self) -> Browser:
        with _driver_apart():
            self._playwright = sync_playwright().start()
        try:
            self._browser = self._connect_or_launch(self._playwright)
        except PlaywrightError as exc:
            self.close()
            endpoint = self.ws_endpoint or self.cdp_endpoint
            if endpoint:
                raise HectUnavailable(
                    f"cannot reach the browser at {endpoint}: {first_line(exc)}"
                ) from exc
            raise BrowserNotFound(f"Chromium would not start: {first_line(exc)}") from exc
        return self._browser

    def _connect_or_launch(self, playwright: Playwright) -> Browser:
        wait = self.timeout * 1000
        if self.ws_endpoint:
            return playwright.chromium.connect(self.ws_endpoint, timeout=wait)
        if self.cdp_endpoint:
            return playwright.chromium.connect_over_cdp(self.cdp_endpoint, timeout=wait)
        choice = discover(playwright, self.executable)
        return playwright.chromium.launch(
            executable_path=choice.launchable(headed=self.headed),
            headless=not self.headed,
            args=LAUNCH_ARGS,
        )

    def relaunch(self) -> Browser:
        self.close()
        return self.start()

    def close(self) -> None:
        """Close the browser and stop the driver; either may be dead already."""
        browser, playwright = self._browser, self._playwright
        self._browser = self._playwright = None
        with suppress(Exception):  # a dead driver fails in more ways than Playwright's Error
            if browser is not None:
                browser.close()
        with suppress(Exception):
            if playwright is not None:
                playwright.stop()


@contextmanager
def open_browser(
    *,
    headed: bool,
    executable: Path | None = None,
    ws_endpoint: str | None = None,
    cdp_endpoint: str | None = None,
    timeout: float = 30.0,
) -> Iterator[BrowserSession]:
    """A started ``BrowserSession``, closed when the block ends."""
    session = BrowserSession(
        headed=headed,
        executable=executable,
        ws_endpoint=ws_endpoint,
        cdp_endpoint=cdp_endpoint,
        timeout=timeout,
    )
    session.start()
    try:
        yield session
    finally:
        session.close()


@contextmanager
def _driver_apart() -> Iterator[None]:
    """Start Playwright's driver in a session of its own.

    Ctrl-C at a terminal signals the whole foreground process group. Only hect-runbook
    should hear it: then it can still photograph HECT, keep the trace and close the windows
    before saying how the run ended. Playwright offers no option for this, so its call to
    ``asyncio.create_subprocess_exec`` is given ``start_new_session`` while it starts.
    """
    original = asyncio.create_subprocess_exec

    async def spawn(*args: Any, **kwargs: Any) -> asyncio.subprocess.Process:
        return await original(*args, start_new_session=True, **kwargs)

    asyncio.create_subprocess_exec = spawn
    try:
        yield
    finally:
        asyncio.create_subprocess_exec = original


def new_hect_context(browser: Browser, *, timeout: float) -> BrowserContext:
    """The context HECT runs in: traced when the policy says so, English (UK), bounded waits."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    context.set_default_timeout(timeout * 1000)
    return context


def new_isolated_context(browser: Browser, *, timeout: float) -> BrowserContext:
    """The private window: nothing shared with any other context, nothing kept, never traced."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB", service_workers="block")
    context.set_default_timeout(timeout * 1000)
    return context


class TraceRecorder:
    """Traces one context under ``on | off | retain-on-failure`` into ``trace.zip``.

    Recording starts when ``start`` is called (the engine calls it once HECT is signed in),
    with DOM snapshots and network for each action; no screencast, which costs much and adds
    little to the snapshots. ``pause`` and ``resume`` leave a gap (the hand-off, while a
    person may type a marketplace password somewhere): the trace is kept in chunks, merged
    into one file at the end, and redacted (``redact_trace``) as a second guard.
    """

    def __init__(
        self,
        context: BrowserContext,
        policy: Literal["on", "off", "retain-on-failure"],
        *,
        hect_host: str = "",
    ) -> None:
        self.context = context
        self.policy = policy
        self.hect_host = hect_host
        self.started = False
        self.recording = False
        self.chunks: list[Path] = []
        self._scratch: Path | None = None

    def start(self) -> None:
        if self.policy != "off" and not self.started:
            self.context.tracing.start(screenshots=False, snapshots=True, sources=False)
            self.started = self.recording = True

    def pause(self) -> None:
        """Stop recording until ``resume``; what was recorded so far is kept aside."""
        if not self.recording:
            return
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix="hect-trace-"))
        chunk = self._scratch / f"chunk-{len(self.chunks)}.zip"
        try:
            self.context.tracing.stop_chunk(path=chunk)
            self.chunks.append(chunk)
        except PlaywrightError:
            pass  # the browser went away: nothing more to keep
        self.recording = False

    def resume(self) -> None:
        if self.started and not self.recording:
            try:
                self.context.tracing.start_chunk()
            except PlaywrightError:
                return
            self.recording = True

    def finish(self, path: Path, *, failed: bool) -> Path | None:
        """Save the trace to ``path`` if the policy keeps it; else discard it."""
        if not self.started:
            return None
        keep = self.policy == "on" or failed
        try:
            if keep:
                self.pause()
            self.context.tracing.stop()
        except PlaywrightError:
            pass  # the browser went away: keep what was saved before
        return self.salvage(path, failed=failed)

    def salvage(self, path: Path, *, failed: bool) -> Path | None:
        """Keep the chunks saved so far (without asking the browser, which may be dead)."""
        try:
            if not (self.policy == "on" or failed) or not self.chunks:
                return None
            merge_traces(self.chunks, path)
            redact_trace(path, self.hect_host)
            return path
        finally:
            if self._scratch is not None:
                shutil.rmtree(self._scratch, ignore_errors=True)


REDACTED = "(redacted by hect-runbook)"
_CREDENTIAL_HEADERS = {"cookie", "set-cookie", "authorization", "proxy-authorization"}
_SECRET_FIELD = re.compile(r"pass|pwd|secret|otp|token|code|credential|auth", re.IGNORECASE)


def merge_traces(chunks: list[Path], path: Path) -> None:
    """One trace file from several chunks of one context (the viewer opens one file)."""
    events: list[str] = []
    network: list[str] = []
    resources: dict[str, bytes] = {}
    for index, chunk in enumerate(chunks):
        with zipfile.ZipFile(chunk) as source:
            for name in source.namelist():
                data = source.read(name)
                if name.endswith(".trace"):
                    lines = data.decode("utf-8").splitlines()
                    if index:  # one context: its options come once, from the first chunk
                        lines = [x for x in lines if '"context-options"' not in x[:40]]
                    events += lines
                elif name.endswith(".network"):
                    network += data.decode("utf-8").splitlines()
                elif not name.endswith(".stacks"):
                    resources.setdefault(name, data)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("trace.trace", "\n".join(x for x in events if x.strip()) + "\n")
        target.writestr("trace.network", "\n".join(x for x in network if x.strip()) + "\n")
        for name, data in resources.items():
            target.writestr(name, data)


def redact_trace(path: Path, hect_host: str = "") -> None:
    """Blank what must not travel with a trace (to a colleague, a CI artifact).

    Every cookie value and credential header; the body of any request whose form carries a
    password-like field; and every network entry for another origin than HECT's (the
    HECT context is never meant to reach one, so any trace of it is dropped, not shown).
    """
    fresh = path.with_name(path.name + ".part")
    with (
        zipfile.ZipFile(path) as source,
        zipfile.ZipFile(fresh, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        dropped: set[str] = set()
        for member in source.infolist():
            data = source.read(member)
            if member.filename.endswith((".trace", ".network")):
                kept = []
                for line in data.decode("utf-8").splitlines():
                    if not line.strip():
                        continue
                    event = json.loads(line)
                    if hect_host and _elsewhere(event, hect_host):
                        dropped.update(_bodies(event))
                        continue
                    dropped.update(_bodies(event, posted_only=True))
                    kept.append(json.dumps(_redacted(event)))
                data = ("\n".join(kept) + "\n").encode()
            target.writestr(member, data)
    if dropped:  # bodies of dropped entries: rewrite once more without them
        _drop_members(fresh, dropped)
    fresh.replace(path)
    path.chmod(0o600)


def _writing(path: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)


def _elsewhere(event: dict[str, Any], hect_host: str) -> bool:
    snapshot = event.get("snapshot")
    if event.get("type") != "resource-snapshot" or not isinstance(snapshot, dict):
        return False
    url = snapshot.get("request", {}).get("url", "")
    host = (urlsplit(url).hostname or "").lower()
    return bool(host) and not (host == hect_host or host.endswith("." + hect_host))


def _bodies(event: dict[str, Any], *, posted_only: bool = False) -> set[str]:
    """The resource files holding a network entry's bodies (only what was posted, if asked)."""
    snapshot = event.get("snapshot")
    if event.get("type") != "resource-snapshot" or not isinstance(snapshot, dict):
        return set()
    parts = [snapshot.get("request", {}).get("postData", {})]
    if not posted_only:
        parts.append(snapshot.get("response", {}).get("content", {}))
    return {"resources/" + p["_sha1"] for p in parts if isinstance(p, dict) and p.get("_sha1")}


def _drop_members(path: Path, names: set[str]) -> None:
    part = path.with_name(path.name + ".2")
    with (
        zipfile.ZipFile(path) as source,
        zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            if member.filename not in names:
                target.writestr(member, source.read(member))
    part.replace(path)


def _redacted(node: Any, key: str = "") -> Any:
    if isinstance(node, dict):
        if key == "cookies" and "value" in node:
            return {**node, "value": REDACTED}
        if key == "headers" and str(node.get("name", "")).lower() in _CREDENTIAL_HEADERS:
            return {**node, "value": REDACTED}
        if key == "postData" and _secret_form(node):
            return {"mimeType": node.get("mimeType", ""), "text": REDACTED}
        return {k: _redacted(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_redacted(item, key) for item in node]
    return node


def _secret_form(post: dict[str, Any]) -> bool:
    """Whether a recorded request body carries a password-like field (by its field names)."""
    text = str(post.get("text", ""))
    names = [p.get("name", "") for p in post.get("params", []) if isinstance(p, dict)]
    names += re.findall(r"(?:^|&)([^=&]+)=", text)
    return any(_SECRET_FIELD.search(n) for n in names) or bool(post.get("_sha1"))


def main(argv: list[str]) -> int:
    """``python -m hect_automation.browser ensure [--record FILE]``: find or install Chromium.

    Prints the choice; with ``--record``, writes the executable's path (or Playwright's) to
    FILE, so that the set-up scripts can skip this while that browser is still there.
    """
    if (
        argv[:1] != ["ensure"]
        or len(argv) not in (1, 3)
        or (len(argv) == 3 and argv[1] != "--record")
    ):
        print("usage: python -m hect_automation.browser ensure [--record FILE]", file=sys.stderr)
        return 2
    configured = os.environ.get("HECT_BROWSER_EXECUTABLE")
    try:
        choice = provision(Path(configured) if configured else None)
    except BrowserNotFound as exc:
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
