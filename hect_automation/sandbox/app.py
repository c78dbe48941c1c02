"""One ASGI app, three origins: HECT, Amazon Seller Central and eBay, told apart by host name.

``hect.localhost``, ``sellercentral.localhost`` and ``ebay.localhost`` serve the default
account; ``<tenant>.hect.localhost`` and friends serve an account a test created for itself.
Chromium resolves every ``*.localhost`` name to loopback, and each host keeps its own
cookies, as the real sites do.
"""

from __future__ import annotations

import asyncio
import html
from contextlib import suppress
from urllib.parse import urlencode

from itsdangerous import URLSafeTimedSerializer
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Message, Receive, Scope, Send

from hect_automation.sandbox import amazon, ebay, hect
from hect_automation.sandbox.state import Hold, Site, Tenant
from hect_automation.sandbox.web import (
    DEFAULT_TENANT,
    LABEL_OF,
    SITE_LABELS,
    Where,
    origin,
    redirect,
)

__all__ = ["DEFAULT_TENANT", "LABEL_OF", "SandboxApp"]
PLANTED_COOKIE = "sandbox_planted"


class SandboxApp:
    """Routes each request to its site's app, for its tenant, applying that tenant's hazards."""

    def __init__(self, tenants: dict[str, Tenant], secret: str) -> None:
        self.tenants = tenants
        self.signer = URLSafeTimedSerializer(secret, salt="hect-oauth-state")
        self.sites: dict[Site, Starlette] = {
            "hect": hect.build_app(),
            "amazon": amazon.build_app(),
            "ebay": ebay.build_app(),
        }

    def resolve(self, host: str) -> tuple[Tenant, Site] | None:
        labels = host.split(":", maxsplit=1)[0].lower().split(".")
        if len(labels) < 2 or labels[-1] != "localhost" or labels[-2] not in SITE_LABELS:
            return None
        tenant_id = labels[-3] if len(labels) == 3 else DEFAULT_TENANT
        if len(labels) > 3 or tenant_id not in self.tenants:
            return None
        return self.tenants[tenant_id], SITE_LABELS[labels[-2]]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return  # no lifespan work: the server thread owns start and stop
        headers = dict(scope["headers"])
        host = headers.get(b"host", b"").decode("latin-1")
        found = self.resolve(host)
        if found is None:
            response = HTMLResponse(_UNKNOWN_HOST.format(host=html.escape(host)), status_code=404)
            await response(scope, receive, send)
            return
        tenant, site = found
        port = int(host.rsplit(":", 1)[1]) if ":" in host else 80
        scope.setdefault("state", {})["where"] = Where(tenant, site, port, self.signer)
        path = scope["path"]
        if delay := tenant.delay_for(site, path):
            await asyncio.sleep(delay)
        if hold := tenant.hold_for(site, path, scope["method"]):
            send = await _held(hold, send)
        if status := tenant.take_failure(site, path):
            failure = Response(hect.SERVER_ERROR_PAGE, status_code=status, media_type="text/html")
            await failure(scope, receive, send)
            return
        if site == "hect" and (plant := self._plant_login(scope, tenant)):
            await plant(scope, receive, send)
            return
        with suppress(ClientDisconnect):  # a browser killed mid-post: nobody to answer
            await self.sites[site](scope, receive, send)

    @staticmethod
    def _plant_login(scope: Scope, tenant: Tenant) -> Response | None:
        """The ``cached_login`` hazard: the first HECT page a browser context opens detours
        through Amazon/eBay, which signs that context in as the given seller, as a Seller
        Central tab left open in the same browser would have."""
        request = Request(scope)
        if not tenant.switches.cached_login or request.cookies.get(PLANTED_COOKIE):
            return None
        platform, seller = tenant.switches.cached_login
        site: Site = "amazon" if platform == "amazon" else "ebay"
        back = str(request.url)
        response = redirect(
            f"{origin(request, site)}/remember?{urlencode({'seller': seller, 'return_to': back})}"
        )
        response.set_cookie(PLANTED_COOKIE, "1", samesite="lax")
        return response


async def _held(hold: Hold, send: Send) -> Send:
    """Hold the request now, or (``after``) its answer once it has been handled."""

    async def wait() -> None:
        hold.reached.set()
        await asyncio.to_thread(hold.released.wait, hold.limit)

    if not hold.after:
        await wait()
        return send
    waited = False

    async def send_after(message: Message) -> None:
        nonlocal waited
        if not waited:
            waited = True
            await wait()
        await send(message)

    return send_after


_UNKNOWN_HOST = (
    "<!doctype html><title>Unknown sandbox host</title><h1>Unknown sandbox host</h1>"
    "<p>{host} is not served here. Try hect.localhost on this port.</p>"
)
