"""One ASGI app, three origins: HECT, Amazon Seller Central and eBay, told apart by host name.

``hect.localhost``, ``sellercentral.localhost`` and ``ebay.localhost`` serve the default
account; ``<tenant>.hect.localhost`` and friends serve an account a test created for itself.
Chromium resolves every ``*.localhost`` name to loopback, and each host keeps its own
cookies, as the real sites do.
"""

from __future__ import annotations

import asyncio
import html
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import Receive, Scope, Send

from hect_automation.sandbox.state import Site, Tenant

HERE = Path(__file__).parent
SITE_LABELS: dict[str, Site] = {"hect": "hect", "sellercentral": "amazon", "ebay": "ebay"}
LABEL_OF: dict[Site, str] = {site: label for label, site in SITE_LABELS.items()}
DEFAULT_TENANT = "default"
STATE_MAX_AGE = 600
PLANTED_COOKIE = "sandbox_planted"  # seconds a Connect Channel link stays valid
templates = Jinja2Templates(directory=HERE / "templates")


@dataclass(frozen=True)
class Where:
    tenant: Tenant
    site: Site
    port: int
    signer: URLSafeTimedSerializer


def where(request: Request) -> Where:
    found: Where = request.scope["state"]["where"]
    return found


def origin(request: Request, site: Site) -> str:
    """The origin of ``site`` for the same tenant as ``request`` (e.g. its Amazon)."""
    w = where(request)
    prefix = "" if w.tenant.id == DEFAULT_TENANT else f"{w.tenant.id}."
    return f"http://{prefix}{LABEL_OF[site]}.localhost:{w.port}"


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page of the request's site, in the tenant's skin, with any relabelling applied."""
    w = where(request)
    context.setdefault("skin", w.tenant.switches.skin)
    template = templates.get_template(name)
    page = template.render({"request": request, **context})
    for old, new in w.tenant.switches.relabel.items():
        page = page.replace(f">{old}<", f">{new}<")
    return HTMLResponse(page, status_code=status_code)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# -- OAuth `state`: signed, short-lived, single use, tied to tenant and channel ------------
def make_state(request: Request, channel_id: int, user: str) -> str:
    """A state for one channel, issued to one HECT user: signed, single use, short-lived."""
    w = where(request)
    data = {"t": w.tenant.id, "c": channel_id, "u": user, "n": secrets.token_urlsafe(8)}
    return w.signer.dumps(data)


def check_state(request: Request, state: str) -> tuple[int | None, str]:  # noqa: PLR0911 - one per refusal
    """The channel id a state stands for, or None and the reason it is refused."""
    w = where(request)
    try:
        data = w.signer.loads(state, max_age=STATE_MAX_AGE)
    except SignatureExpired:
        return None, "the authorisation link has expired"
    except BadSignature:
        return None, "the authorisation request was not issued by HECT"
    if data.get("t") != w.tenant.id:
        return None, "the authorisation request belongs to another HECT account"
    if w.tenant.hect_user(str(data.get("u", ""))) is None:
        return None, "the authorisation request was issued to a user HECT no longer knows"
    if w.tenant.switches.state_expired:
        return None, "the authorisation link has expired"
    with w.tenant.lock:
        if state in w.tenant.used_states:
            return None, "the authorisation link has already been used"
        w.tenant.used_states.add(state)
    return int(data["c"]), ""


class SandboxApp:
    """Routes each request to its site's app, for its tenant, applying that tenant's hazards."""

    def __init__(self, tenants: dict[str, Tenant], secret: str) -> None:
        from hect_automation.sandbox import amazon, ebay, hect  # noqa: PLC0415 - they import this module

        self.tenants = tenants
        self.signer = URLSafeTimedSerializer(secret, salt="hect-oauth-state")
        static = StaticFiles(directory=HERE / "static")
        self.sites: dict[Site, Starlette] = {
            "hect": hect.build_app(static),
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
        if status := tenant.take_failure(site, path):
            failure = Response(_SERVER_ERROR, status_code=status, media_type="text/html")
            await failure(scope, receive, send)
            return
        if site == "hect" and (plant := self._plant_login(scope, tenant)):
            await plant(scope, receive, send)
            return
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


_UNKNOWN_HOST = (
    "<!doctype html><title>Unknown sandbox host</title><h1>Unknown sandbox host</h1>"
    "<p>{host} is not served here. Try hect.localhost on this port.</p>"
)
_SERVER_ERROR = (
    "<!doctype html><title>500 Internal Server Error</title><h1>Internal Server Error</h1>"
    "<p>Something went wrong. Please try again later.</p>"
)
