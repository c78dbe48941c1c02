"""Run the sandbox: a real uvicorn server on loopback, in a background thread.

``Sandbox`` binds its socket when created (so its URLs are known at once, and connections
queue until the server thread accepts them), serves until ``stop()``, and creates isolated
accounts for tests: ``sandbox.create_account()`` returns a ``Tenant`` on hosts of its own.
"""

from __future__ import annotations

import secrets
import socket
import threading
from pathlib import Path
from types import TracebackType

import uvicorn

from hect_automation.sandbox.app import SandboxApp
from hect_automation.sandbox.scenario import Scenario, load_scenario
from hect_automation.sandbox.state import DEFAULT_TENANT, Site, Tenant, site_origin

LOOPBACK = "127.0.0.1"


class Sandbox:
    """The simulator of HECT, Amazon and eBay, served on ``*.localhost`` at one port."""

    def __init__(self, scenario: Scenario | None = None, *, port: int = 0) -> None:
        self.scenario = scenario or load_scenario()
        # IPPROTO_TCP spelled out: asyncio only sets TCP_NODELAY on connections of sockets
        # that say so, and without it every keep-alive response stalls 40 ms (Nagle).
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self._socket.bind((LOOPBACK, port))
        except OSError as exc:
            self._socket.close()
            raise OSError(f"port {port} on {LOOPBACK} is not free ({exc.strerror})") from exc
        self._socket.listen(128)
        self.port: int = self._socket.getsockname()[1]
        self.tenants: dict[str, Tenant] = {}
        self.default = self._add_tenant(DEFAULT_TENANT, self.scenario)
        self.app = SandboxApp(self.tenants, secret=secrets.token_hex(16))
        config = uvicorn.Config(
            self.app,
            lifespan="off",
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=2,  # Ctrl-C stops it promptly, a browser still connected
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._socket]},
            daemon=True,
            name=f"sandbox:{self.port}",
        )

    def url(self, site: Site, tenant: str = DEFAULT_TENANT) -> str:
        return site_origin(tenant, site, self.port)

    def _add_tenant(self, tenant_id: str, scenario: Scenario) -> Tenant:
        tenant = Tenant(tenant_id, scenario, self.port)
        self.tenants[tenant_id] = tenant
        return tenant

    def create_account(self, scenario: Scenario | Path | None = None) -> Tenant:
        """A fresh, isolated HECT account (the default scenario unless one is given)."""
        if isinstance(scenario, Path):
            scenario = load_scenario(scenario)
        return self._add_tenant("t" + secrets.token_hex(5), scenario or self.scenario)

    def start(self) -> Sandbox:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        self._socket.close()

    def wait(self) -> None:
        """Block until the server stops (Ctrl-C raises KeyboardInterrupt here)."""
        self._thread.join()

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.stop()
