"""The private window, seen and used from elsewhere: its frames out, a person's input in.

Frames come from the Chrome DevTools Protocol's screencast of the private context's newest
page (``Page.startScreencast``): Chromium sends one only when the page changes, each is
acknowledged at once, and a new page (a popup) takes over the stream. A frame is handed on
only while that page is off HECT's site: HECT's own pages are never shown to the viewer.

Input (mouse, wheel, keys, pasted text) is replayed with ``Input.dispatch*`` on that page.
Playwright's sync API may only be called from the thread that runs it, and the hand-off
server's threads receive the viewer's input. So input comes back through the browser: a
blank page in a context of its own (the *bridge*) holds a WebSocket to the hand-off server
and passes each message to an exposed binding, which Playwright calls on its own thread as
soon as it is waiting, as it does for the whole hand-off. No polling, no extra thread.

Nothing seen or typed here is written anywhere: frames and keys live in memory only.
"""

from __future__ import annotations

import base64
import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Browser, BrowserContext, CDPSession, Page
from playwright.sync_api import Error as PlaywrightError

from hect_automation.hect.capture import host_of, same_site

FrameSink = Callable[[bytes], None]

SCREENCAST = {"format": "jpeg", "quality": 70, "maxWidth": 1280, "maxHeight": 900}
MOUSE_TYPES = {"down": "mousePressed", "up": "mouseReleased", "move": "mouseMoved"}
BUTTONS = {0: "left", 1: "middle", 2: "right"}


@dataclass
class LiveView:
    """Streams the newest page of ``context`` to ``sink`` and replays input on it."""

    context: BrowserContext
    hect_host: str
    sink: FrameSink
    page: Page | None = None
    cdp: CDPSession | None = None
    size: tuple[float, float] = (1280.0, 800.0)  # the page's CSS size, from the last frame
    hidden: bool = False  # the page is on HECT: nothing is streamed
    frames: int = 0
    _bridge: BrowserContext | None = field(default=None, repr=False)

    def start(self, browser: Browser, bridge_url: str) -> None:
        self.context.on("page", self._follow)
        self.context.on("close", lambda _: self._drop())
        pages = [p for p in self.context.pages if not p.is_closed()]
        if pages:
            self._follow(pages[-1])
        self._bridge = browser.new_context()
        self._bridge.expose_binding("handOffInput", lambda _source, text: self._input(text))
        self._bridge.new_page().goto(bridge_url)

    def stop(self) -> None:
        self._drop()
        if self._bridge is not None:
            with contextlib.suppress(PlaywrightError):
                self._bridge.close()
            self._bridge = None

    # -- frames out ----------------------------------------------------------------------
    def _follow(self, page: Page) -> None:
        """Stream ``page`` (the newest): a popup takes over, and its closing gives back."""
        self._drop()
        try:
            cdp = self.context.new_cdp_session(page)
            cdp.on("Page.screencastFrame", self._frame)
            cdp.send("Page.startScreencast", SCREENCAST)
        except PlaywrightError:
            return  # closed while we looked: the next page, if any, is followed instead
        self.page, self.cdp = page, cdp
        page.on("close", self._back)

    def _back(self, closed: Page) -> None:
        if closed is not self.page:
            return
        open_pages = [p for p in self.context.pages if not p.is_closed() and p is not closed]
        self._drop()
        if open_pages:
            self._follow(open_pages[-1])

    def _drop(self) -> None:
        if self.cdp is not None:
            with contextlib.suppress(PlaywrightError):
                self.cdp.detach()
        self.page, self.cdp = None, None

    def _frame(self, params: dict[str, Any]) -> None:
        cdp, page = self.cdp, self.page
        if cdp is None or page is None:
            return
        try:
            cdp.send("Page.screencastFrameAck", {"sessionId": params["sessionId"]})
        except PlaywrightError:
            return
        meta = params.get("metadata", {})
        self.size = (float(meta.get("deviceWidth", 0)), float(meta.get("deviceHeight", 0)))
        self.hidden = same_site(self.hect_host, host_of(page.url))
        if not self.hidden:
            self.frames += 1
            self.sink(base64.b64decode(params["data"]))

    # -- input in ------------------------------------------------------------------------
    def _input(self, text: str) -> None:
        """One input message from the viewer; anything malformed is ignored."""
        cdp = self.cdp
        if cdp is None or self.hidden:
            return
        try:
            event = json.loads(text)
            method, params = translate(event, self.size)
        except (ValueError, KeyError, TypeError):
            return
        try:
            cdp.send(method, params)
        except PlaywrightError:
            return  # the page went away meanwhile: the input is dropped, as a browser would


def translate(event: dict[str, Any], size: tuple[float, float]) -> tuple[str, dict[str, Any]]:
    """A viewer's input event as a DevTools ``Input`` command on a page of CSS ``size``.

    Positions come as fractions of the picture (0..1), so the viewer's scale never matters.
    """
    kind = event["t"]
    if kind == "text":
        return "Input.insertText", {"text": str(event["text"])[:2000]}
    modifiers = int(event.get("mods", 0)) & 15
    if kind in MOUSE_TYPES or kind == "wheel":
        x = min(max(float(event["x"]), 0.0), 1.0) * size[0]
        y = min(max(float(event["y"]), 0.0), 1.0) * size[1]
        if kind == "wheel":
            return "Input.dispatchMouseEvent", {
                "type": "mouseWheel",
                "x": x,
                "y": y,
                "deltaX": float(event.get("dx", 0)),
                "deltaY": float(event.get("dy", 0)),
                "modifiers": modifiers,
            }
        button = BUTTONS.get(int(event.get("b", 0)), "left") if kind != "move" else "none"
        return "Input.dispatchMouseEvent", {
            "type": MOUSE_TYPES[kind],
            "x": x,
            "y": y,
            "button": button,
            "clickCount": int(event.get("n", 1)) if kind != "move" else 0,
            "modifiers": modifiers,
        }
    if kind in {"keydown", "keyup"}:
        key = str(event["key"])[:32]
        params: dict[str, Any] = {
            "key": key,
            "code": str(event.get("code", ""))[:32],
            "windowsVirtualKeyCode": int(event.get("kc", 0)),
            "modifiers": modifiers,
        }
        if kind == "keyup":
            return "Input.dispatchKeyEvent", {"type": "keyUp", **params}
        typed = key if len(key) == 1 and not modifiers & 6 else ("\r" if key == "Enter" else "")
        if typed:
            return "Input.dispatchKeyEvent", {"type": "keyDown", "text": typed, **params}
        return "Input.dispatchKeyEvent", {"type": "rawKeyDown", **params}
    raise ValueError(kind)
