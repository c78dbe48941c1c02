"""What every sandbox site shares: which tenant and site a request is for, origins, redirects,
rendering the marketplaces' pages, and HECT's signed OAuth ``state``.

The site modules import this module; a marketplace's (``amazon``, ``ebay``) also imports the
sign-in they share (``signin``), and ``hect`` neither. ``app`` imports ``hect`` and finds a
marketplace's module through its registry entry (``market``), never by name: no circle.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from starlette.applications import Starlette
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.templating import Jinja2Templates

from hect_automation.sandbox.scenario import Scenario, module_of
from hect_automation.sandbox.state import Channel, Site, Tenant, site_origin

HERE = Path(__file__).parent
STATE_MAX_AGE = 600  # seconds a Connect Channel link stays valid
marketplace_templates = Jinja2Templates(directory=HERE / "templates")


@dataclass(frozen=True)
class Where:
    """Who a request is for: the tenant (by host name), the site, the port, the signer."""

    tenant: Tenant
    site: Site
    port: int
    signer: URLSafeTimedSerializer


def where(request: Request) -> Where:
    found: Where = request.scope["state"]["where"]
    return found


@dataclass(frozen=True)
class Account:
    """A marketplace login as its sign-in pages know it."""

    id: str
    email: str
    password: str
    otp: str | None = None
    title: str = ""  # how the practice list names it: "Acme UK (Seller ID A1…)"
    note: str = ""  # and what it adds: ", one-time code 123456"


@dataclass(frozen=True)
class Returned:
    """What the marketplace sent back to HECT's callback."""

    state: str
    code: str | None
    claimed_seller: str | None  # the seller id it names beside the code, if it names one
    error: str | None


@dataclass(frozen=True)
class Market:
    """A marketplace as the sandbox plays it: the ``MARKET`` of the module its registry
    entry names (``Platform.sandbox``), beside its ``SPEC``."""

    build_app: Callable[[], Starlette]
    consent_url: Callable[[Request, Channel, str], str]  # HECT's link, given the OAuth state
    returned: Callable[[QueryParams], Returned]  # read HECT's callback
    accounts: Callable[[Scenario], list[Account]]


def market(key: str) -> Market:
    """The sandbox's stand-in for the marketplace registered as ``key``."""
    found: Market = module_of(key).MARKET
    return found


def origin(request: Request, site: Site) -> str:
    """The origin of ``site`` for the same tenant as ``request`` (e.g. its Amazon)."""
    w = where(request)
    return site_origin(w.tenant.id, site, w.port)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def render_marketplace(
    request: Request,
    name: str,
    status_code: int = 200,
    templates: Jinja2Templates = marketplace_templates,
    **context: Any,
) -> HTMLResponse:
    """A page of a marketplace's stand-in (each has one look; ``templates`` for a
    marketplace whose module lives outside this package)."""
    template = templates.get_template(name)
    return HTMLResponse(template.render({"request": request, **context}), status_code=status_code)


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
