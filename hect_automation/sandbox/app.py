"""One ASGI app, one origin per site: HECT and each marketplace it plays (Amazon Seller
Central, eBay, and any other registered with a sandbox module), told apart by host name.

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

from hect_automation.sandbox import hect
from hect_automation.sandbox.state import DEFAULT_TENANT, Hold, Site, Tenant, sites
from hect_automation.sandbox.web import Market, Where, market, origin, redirect

__all__ = ["SandboxApp"]
PLANTED_COOKIE = "sandbox_planted"


class SandboxApp:
    """Routes each request to its site's app, for its tenant, applying that tenant's hazards."""

    def __init__(self, tenants: dict[str, Tenant], secret: str) -> None:
        self.tenants = tenants
        self.signer = URLSafeTimedSerializer(secret, salt="hect-oauth-state")
        self.hect = hect.build_app()
        self.marketplaces: dict[tuple[Site, Market], Starlette] = {}

    def site_app(self, site: Site) -> Starlette:
        """The app of a site. A marketplace's is built on first use, for the module its entry
        names now (one may be registered, or registered again, after the sandbox started)."""
        if site == "hect":
            return self.hect
        plays = market(site)
        if (site, plays) not in self.marketplaces:
            self.marketplaces[(site, plays)] = plays.build_app()
        return self.marketplaces[(site, plays)]

    def resolve(self, host: str) -> tuple[Tenant, Site] | None:
        labels = host.split(":", maxsplit=1)[0].lower().split(".")
        by_label = {label: site for site, label in sites().items()}
        if len(labels) < 2 or labels[-1] != "localhost" or labels[-2] not in by_label:
            return None
        tenant_id = labels[-3] if len(labels) == 3 else DEFAULT_TENANT
        if len(labels) > 3 or tenant_id not in self.tenants:
            return None
        return self.tenants[tenant_id], by_label[labels[-2]]

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
            await self.site_app(site)(scope, receive, send)

    @staticmethod
    def _plant_login(scope: Scope, tenant: Tenant) -> Response | None:
        """The ``cached_login`` hazard: the first HECT page a browser context opens detours
        through the marketplace, which signs that context in as the given seller, as a
        Seller Central tab left open in the same browser would have."""
        request = Request(scope)
        if not tenant.switches.cached_login or request.cookies.get(PLANTED_COOKIE):
            return None
        platform, seller = tenant.switches.cached_login
        query = urlencode({"seller": seller, "return_to": str(request.url)})
        response = redirect(f"{origin(request, platform)}/remember?{query}")
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
