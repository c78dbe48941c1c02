"""Real receivers on loopback for notices: an SMTP server (aiosmtpd) and a JSON webhook."""

from __future__ import annotations

import json
import socket
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, HTTPServer

from aiosmtpd.controller import Controller


def free_port() -> int:
    """A loopback port nobody listens on (now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def closed_webhook() -> str:
    """A JSON notification URL where nobody listens: a receiver that is down."""
    return f"json://127.0.0.1:{free_port()}/hect"


class Mailbox:
    """A real SMTP server on loopback; what it received."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"

    @property
    def url(self) -> str:
        return f"mailto://127.0.0.1:{self.port}?from=hect@example.com&to=desk@example.com&mode=insecure"

    def subjects(self) -> list[str]:
        return sorted(str(m["Subject"]) for m in self.messages)


class Webhook:
    """A real HTTP endpoint on loopback that keeps every JSON body posted to it."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, str]] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                hook.bodies.append(json.loads(self.rfile.read(length)))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                return None

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"json://127.0.0.1:{self.server.server_port}/hect"

    def titles(self) -> list[str]:
        return sorted(b["title"] for b in self.bodies)
