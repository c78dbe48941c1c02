"""``--operator link``: the hand-off through a one-time link, for a person anywhere.

The tool serves one small page (``handoff.html``). Its address carries a public link id in
the path and a secret token (192 bits) after ``#``, so the token never reaches a server log,
a proxy or a Referer: the page sends it over its WebSocket. Then the page shows the private
window live (``liveview``) and forwards the person's mouse, wheel, keys and paste to it, with
a banner (which channel, which account, what to do, the time left) and two buttons.

The rules, enforced here:

- one hand-off, one link: a new link id and token per hand-off, revoked the moment the step
  ends (its page then answers 410 Gone); an unknown id is 404; a token past the operator
  timeout is refused;
- the first viewer to present the token controls; anyone else who opens the link meanwhile
  watches only; when the controller leaves, the next to open the link controls;
- a WebSocket whose Origin is not the page's own is refused (403); an address that sends
  five wrong tokens within a minute is refused for that minute (429);
- frames and keystrokes stay in memory; the token appears only on the ``Hand-off link:``
  line (or in the ``--link-file``); the run records when viewers came and went, from where,
  and which button they pressed.
"""

from __future__ import annotations

import hmac
import json
import secrets
import select
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import segno
from rich.console import Console
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

from hect_automation.errors import BadInput
from hect_automation.liveview import LiveView
from hect_automation.operator import HandOff, PersonOperator, clock, is_loopback
from hect_automation.platforms import Cue
from hect_automation.report import write_private

BAD_TOKENS_PER_MINUTE = 5
TOKEN_WITHIN = 10.0  # seconds a new WebSocket has to present its token
MAX_MESSAGE = 16 * 1024  # an input message is small; anything larger closes the socket
DONE, CANT = "done", "cant"
WATCH_EVERY = 10.0  # --operator watch reads HECT's list no more often than this (seconds)
WATCH_EVERY_MAX = 60.0
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def listen_address(text: str) -> tuple[str, int]:
    """``HOST:PORT`` as given to ``--listen`` (port 0: any free one)."""
    host, sep, port = text.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or int(port) > 65535:
        raise BadInput(f"--listen {text!r}: give HOST:PORT, e.g. 127.0.0.1:8765 or 0.0.0.0:8765")
    return host, int(port)


def public_base(text: str) -> str:
    """``--public-url``: where the person reaches this server (a reverse proxy, a tunnel)."""
    parts = urlsplit(text)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise BadInput(
            f"--public-url {text!r}: give an http(s) address, e.g. https://relay.example"
        )
    if parts.username or parts.password or parts.query or parts.fragment:
        raise BadInput(f"--public-url {text!r}: give the address only (no login, query or #)")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Viewer:
    """One open hand-off page: a WebSocket, and a sender that always sends the newest frame."""

    connection: ServerConnection
    address: str
    control: bool
    _frame: bytes | None = field(default=None, repr=False)
    _texts: list[str] = field(default_factory=list)
    _closed: bool = False
    _wake: threading.Condition = field(default_factory=threading.Condition)

    def offer(self, frame: bytes | None = None, text: str | None = None) -> None:
        with self._wake:
            if frame is not None:
                self._frame = frame  # an older frame not yet sent is simply replaced
            if text is not None:
                self._texts.append(text)
            self._wake.notify()

    def close(self) -> None:
        with self._wake:
            self._closed = True
            self._wake.notify()

    def send_loop(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: self._closed or self._frame or self._texts, 5.0)
                if self._closed:
                    return
                texts, self._texts = self._texts, []
                frame, self._frame = self._frame, None
            try:
                for text in texts:
                    self.connection.send(text)
                if frame is not None:
                    self.connection.send(frame)
            except (ConnectionClosed, OSError):
                return


@dataclass
class Link:
    """One hand-off's link: its public id, its secret token, and who is looking."""

    id: str
    token: str = field(repr=False)
    expires: float  # time.monotonic()
    banner: dict[str, Any]
    task: HandOff
    viewers: list[Viewer] = field(default_factory=list)


class HandOffServer:
    """The hand-off page's HTTP and WebSocket server, in threads of its own."""

    def __init__(self, listen: tuple[str, int], public_url: str | None = None) -> None:
        self.host, port = listen
        self._page = resources.files("hect_automation").joinpath("handoff.html").read_text()
        self._server: Server = serve(
            self._session,
            self.host,
            port,
            process_request=self._http,
            compression=None,
            max_size=MAX_MESSAGE,
            server_header=None,
        )
        self.port = self._server.socket.getsockname()[1]
        local_host = "127.0.0.1" if self.host in {"0.0.0.0", "::", ""} else self.host  # noqa: S104
        host = f"[{local_host}]" if ":" in local_host else local_host
        self.local = f"http://{host}:{self.port}"
        self.base = public_url or self.local
        self._origin = "{0.scheme}://{0.netloc}".format(urlsplit(self.base))
        self._lock = threading.Lock()
        self.link: Link | None = None
        self._ended: set[str] = set()
        self._bad: dict[str, deque[float]] = {}
        self._bridge_id = secrets.token_urlsafe(24)
        self._bridge: ServerConnection | None = None
        self._last_frame: bytes | None = None
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    # -- the hand-off's life ---------------------------------------------------------------
    def open(self, task: HandOff, banner: dict[str, Any]) -> str:
        """A new link for ``task``; any earlier one is revoked."""
        self.revoke("a new hand-off began")
        link = Link(
            id=secrets.token_urlsafe(12),
            token=secrets.token_urlsafe(24),
            expires=time.monotonic() + task.timeout,
            banner=banner,
            task=task,
        )
        with self._lock:
            self.link, self._last_frame = link, None
        return f"{self.base}/h/{link.id}#{link.token}"

    def revoke(self, why: str) -> None:
        with self._lock:
            link, self.link, self._last_frame = self.link, None, None
            if link is None:
                return
            self._ended.add(link.id)
            viewers, link.viewers = link.viewers, []
        for viewer in viewers:
            viewer.offer(text=json.dumps({"type": "ended", "message": why}))
            viewer.close()

    def bridge_url(self) -> str:
        return f"{self.local}/bridge/{self._bridge_id}"

    def frame(self, data: bytes) -> None:
        """A frame of the private window, for everyone looking (the newest one only)."""
        with self._lock:
            self._last_frame = data
            viewers = list(self.link.viewers) if self.link else []
        for viewer in viewers:
            viewer.offer(frame=data)

    def close(self) -> None:
        self.revoke("the run ended")
        self._server.shutdown()
        self._thread.join(timeout=5)

    # -- HTTP ------------------------------------------------------------------------------
    def _http(self, connection: ServerConnection, request: Request) -> Response | None:
        """The page (GET), or None to let a WebSocket through: 404, 410, 403, 429 otherwise."""
        parts = [p for p in urlsplit(request.path).path.split("/") if p]
        upgrade = request.headers.get("Upgrade", "").lower() == "websocket"
        bridge = len(parts) == 2 and parts[0] == "bridge"
        if bridge and hmac.compare_digest(parts[1], self._bridge_id):
            return None if upgrade else _html(BRIDGE_PAGE, "")
        if bridge or len(parts) != 2 or parts[0] != "h":
            return _plain(404, "Not Found", "No such page.")
        refused = self._refusal(str(connection.remote_address[0]), parts[1])
        if refused is not None or upgrade:
            return refused or self._origin_check(request)
        nonce = secrets.token_urlsafe(12)
        return _html(self._page.replace("{{nonce}}", nonce), nonce)

    def _origin_check(self, request: Request) -> Response | None:
        if request.headers.get("Origin") != self._origin:
            return _plain(403, "Forbidden", "This page may only be used from its link.")
        return None

    def _refusal(self, address: str, link_id: str) -> Response | None:
        if self._limited(address):
            return _plain(429, "Too Many Requests", "Too many wrong links; wait a minute.")
        with self._lock:
            if self.link is not None and hmac.compare_digest(link_id, self.link.id):
                return None
            ended = link_id in self._ended
        if ended:
            return _plain(410, "Gone", "This hand-off link has ended. Ask for a new one.")
        return _plain(404, "Not Found", "This hand-off link is not valid.")

    def _limited(self, address: str) -> bool:
        with self._lock:  # the bad-token log is written under the lock by _admit
            times = self._bad.get(address)
            now = time.monotonic()
            while times and now - times[0] > 60:
                times.popleft()
            return times is not None and len(times) >= BAD_TOKENS_PER_MINUTE

    # -- WebSockets ------------------------------------------------------------------------
    def _session(self, connection: ServerConnection) -> None:
        assert connection.request is not None
        if connection.request.path.startswith("/bridge/"):
            self._bridge = connection
            for _ in connection:  # the bridge only listens; hold its socket open
                pass
            return
        address = str(connection.remote_address[0])
        viewer = self._admit(connection, address)
        if viewer is None:
            return
        sender = threading.Thread(target=viewer.send_loop, daemon=True)
        sender.start()
        try:
            for message in connection:
                if viewer.control and isinstance(message, str):
                    self._from_controller(viewer, message)
        except ConnectionClosed:
            pass
        finally:
            viewer.close()
            self._leave(viewer)

    def _admit(self, connection: ServerConnection, address: str) -> Viewer | None:
        """The token first, within TOKEN_WITHIN s; then a Viewer, controlling or watching."""
        try:
            first = connection.recv(timeout=TOKEN_WITHIN)
            token = str(json.loads(first).get("token", ""))
        except (TimeoutError, ConnectionClosed, ValueError, AttributeError):
            connection.close(4400, "no token")
            return None
        with self._lock:
            link = self.link
            good = link is not None and hmac.compare_digest(token.encode(), link.token.encode())
            if not good or link is None:
                self._bad.setdefault(address, deque()).append(time.monotonic())
            elif time.monotonic() > link.expires:
                good = False
            if good and link is not None:
                control = not any(v.control for v in link.viewers)
                viewer = Viewer(connection, address, control)
                link.viewers.append(viewer)
                frame = self._last_frame
        if not good or link is None:
            connection.send(json.dumps({"type": "refused", "message": "This link is not valid."}))
            connection.close(4404, "not valid")
            return None
        role = "controls" if viewer.control else "watches only"
        link.task.journal.append({"at": _now(), "event": f"viewer {role}", "address": address})
        viewer.offer(text=json.dumps({"type": "hello", "control": viewer.control, **link.banner}))
        if frame is not None:
            viewer.offer(frame=frame)
        return viewer

    def _from_controller(self, viewer: Viewer, message: str) -> None:
        try:
            kind = json.loads(message).get("t")
        except (ValueError, AttributeError):
            return
        link = self.link
        if link is None:
            return
        if kind in {DONE, CANT}:
            label = "I'm done" if kind == DONE else "I can't do this"
            event = {"at": _now(), "event": f"pressed '{label}'", "address": viewer.address}
            link.task.journal.append(event)
            link.task.pressed = kind
            return
        bridge = self._bridge
        if bridge is not None:
            try:
                bridge.send(message)
            except ConnectionClosed:
                self._bridge = None

    def _leave(self, viewer: Viewer) -> None:
        with self._lock:
            link = self.link
            if link is None or viewer not in link.viewers:
                return
            link.viewers.remove(viewer)
        link.task.journal.append({"at": _now(), "event": "viewer left", "address": viewer.address})


def _plain(status: int, reason: str, text: str) -> Response:
    body = f"{status} {reason}\n\n{text}\n".encode()
    return Response(status, reason, Headers(_headers("text/plain; charset=utf-8", body)), body)


def _html(page: str, nonce: str) -> Response:
    body = page.encode()
    headers = _headers("text/html; charset=utf-8", body)
    script = f"'nonce-{nonce}'" if nonce else "'unsafe-inline'"
    headers.append(
        (
            "Content-Security-Policy",
            f"default-src 'none'; script-src {script}; style-src 'unsafe-inline';"
            " img-src blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'",
        )
    )
    return Response(200, "OK", Headers(headers), body)


def _headers(content_type: str, body: bytes) -> list[tuple[str, str]]:
    return [
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
        ("Cache-Control", "no-store"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Content-Type-Options", "nosniff"),
    ]


BRIDGE_PAGE = """<!doctype html><title>hand-off bridge</title><script>
const ws = new WebSocket(location.href.replace(/^http/, "ws"));
ws.onmessage = (e) => window.handOffInput(e.data);
</script>"""


@dataclass
class LinkOperator(PersonOperator):
    """A person anywhere, through the hand-off page: ``--operator link``."""

    listen: tuple[str, int] = ("127.0.0.1", 0)
    public_url: str | None = None
    link_file: Path | None = None
    kind: str = "link"
    remind_every: float = 60.0
    cues: list[Cue] = field(default_factory=list)
    _server: HandOffServer | None = None
    _view: LiveView | None = None

    def __post_init__(self) -> None:
        if not is_loopback(f"http://{self.listen[0]}") and self.listen[0] not in LOOPBACK_NAMES:
            self.console.print(
                f"Warning: the hand-off page listens on {self.listen[0]}, not only on this "
                "machine; anyone who can reach it still needs the link's token.",
                style="yellow",
                markup=False,
            )

    def begin(self, task: HandOff) -> None:
        if self._server is None:
            self._server = HandOffServer(self.listen, self.public_url)
        server = self._server
        banner = {
            "channel": task.channel.name,
            "platform": task.platform.label,
            "account": task.account_hint,
            "steps": task.tell,
            "seconds": task.timeout,
        }
        url = server.open(task, banner)
        if task.window is not None and task.browser is not None:
            self._view = LiveView(task.window.context, task.hect_host, server.frame)
            self._view.start(task.browser, server.bridge_url())
        if self.link_file is not None:
            write_private(self.link_file, url + "\n")
            self.console.print(f"Hand-off link written to {self.link_file}", markup=False)
        else:
            self.console.print(f"Hand-off link: {url}", markup=False, soft_wrap=True)
            _qr(self.console, url)
        self.console.print(
            f"Send it to whoever signs in as {task.account_hint}. It works once, for "
            f"{clock(task.timeout)}; the run waits here (Ctrl-C aborts).",
            markup=False,
        )

    def remind(self, remaining: float, task: HandOff) -> None:
        looking = len(self._server.link.viewers) if self._server and self._server.link else 0
        who = f"{looking} viewer(s) on the page" if looking else "nobody has opened the link yet"
        self.say(
            f"Waiting for the sign-in for '{task.channel.name}' through the hand-off link "
            f"({who}): {clock(remaining)} left."
        )

    def end(self, task: HandOff) -> None:
        if self._view is not None:
            self._view.stop()
            self._view = None
        if self._server is not None:
            self._server.revoke("the hand-off step has ended; you can close this page")

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None


def _qr(console: Console, url: str) -> None:
    """The link as a QR code in the terminal, for a phone; skipped where it cannot be drawn."""
    if console.file.isatty() and console.encoding.lower().startswith("utf"):
        segno.make(url, error="l").terminal(out=console.file, compact=True)  # type: ignore[arg-type]


def link_operator_options(listen: str | None, public_url: str | None) -> dict[str, Any]:
    """``--listen`` and ``--public-url``, checked (exit 2 when wrong)."""
    return {
        "listen": listen_address(listen) if listen else ("127.0.0.1", 0),
        "public_url": public_base(public_url) if public_url else None,
    }


class Halt:
    """Ctrl-C (or a signal) caught by the main thread, passed on to the runs of the others:
    each ends as if it had been interrupted itself, at its next wait."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._why: KeyboardInterrupt | None = None

    def set(self, why: KeyboardInterrupt) -> None:
        self._why = why
        self._event.set()

    def check(self) -> None:
        if self._event.is_set():
            raise self._error()

    def wait(self, seconds: float) -> None:
        """Pause up to ``seconds``; raise the interruption the moment there is one."""
        if self._event.wait(seconds):
            raise self._error()

    def _error(self) -> KeyboardInterrupt:
        why = self._why
        return type(why)(*why.args) if why is not None else KeyboardInterrupt()


class LinkBook:
    """``--link-file`` for several channels watched at once: one line per channel, its name,
    a tab and its link; rewritten whole (mode 0600) whenever a link is given or renewed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._links: dict[str, str] = {}
        self._lock = threading.Lock()

    def put(self, channel: str, link: str) -> None:
        with self._lock:
            self._links[channel] = link
            write_private(self.path, "".join(f"{n}\t{u}\n" for n, u in self._links.items()))


@dataclass
class WatchOperator(PersonOperator):
    """``--operator watch``: the person opens the marketplace's link in their own private
    window; the tool reads HECT's list until the channel shows connected again. Several
    channels watched at once (``--all-expired``) each have their own, sharing ``halt``
    and ``book``."""

    interactive: bool
    link_file: Path | None = None
    refresh_every: float | None = None  # seconds between fresh links, if asked
    kind: str = "watch"
    remind_every: float = 60.0
    cues: list[Cue] = field(default_factory=list)
    halt: Halt = field(default_factory=Halt)
    book: LinkBook | None = None

    def begin(self, task: HandOff) -> None:
        self.halt.check()
        self._hand_over(task)
        for line in (
            f"Send it to the person who signs in as {task.account_hint}:",
            "  1. open it in a private (incognito) window, so no other account is used;",
            *(f"  {n}. {line}" for n, line in enumerate(task.tell, start=2)),
            f"This tool reads HECT every {WATCH_EVERY:g} s or so until '{task.channel.name}' "
            f"shows connected, for up to {clock(task.timeout)} (Ctrl-C aborts"
            + ("; Enter fetches a fresh link)." if self.interactive else ")."),
        ):
            self.console.print(line, markup=False)

    def _hand_over(self, task: HandOff) -> None:
        label = task.platform.label
        if self.book is not None:
            self.book.put(task.channel.name, task.link)
            where = f"The {label} link for '{task.channel.name}' is in {self.book.path}."
            self.console.print(where, markup=False)
        elif self.link_file is not None:
            write_private(self.link_file, task.link + "\n")
            where = f"The {label} link for '{task.channel.name}' is in {self.link_file}."
            self.console.print(where, markup=False)
        else:
            line = f"{label} link for '{task.channel.name}': {task.link}"
            self.console.print(line, markup=False, soft_wrap=True)

    def fresh(self, task: HandOff) -> None:
        """A fresh link, fetched from HECT: the earlier one may have expired."""
        self.console.print("A fresh link (use this one from now on):", markup=False)
        self._hand_over(task)

    def wait(self, seconds: float, task: HandOff) -> bool:
        """Pace the reads of HECT: ``seconds``, or until Enter at a terminal (then True:
        the person asks for a fresh link)."""
        if self.interactive:
            ready, _, _ = select.select([sys.stdin], [], [], seconds)
            if ready:
                sys.stdin.readline()
            return bool(ready)
        self.halt.wait(seconds)  # pacing (HECT is read at most this often), or Ctrl-C
        return False

    def remind(self, remaining: float, task: HandOff) -> None:
        self.say(
            f"HECT does not show '{task.channel.name}' connected yet: {clock(remaining)} left."
        )
