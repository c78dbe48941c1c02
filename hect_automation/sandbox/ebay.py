"""eBay's OAuth user consent, as the seller sees it.

``/oauth2/authorize`` checks ``client_id``, ``redirect_uri`` (the RuName) and
``response_type``; signs the person in when there is no session or ``prompt=login`` asks for
a fresh login; then shows "Grant Application Access" with ``I Agree`` and ``No Thanks``.
Agreeing redirects to HECT with ``code`` (``v^1.1#…``), ``state`` and ``expires_in=299``;
declining with ``error=access_denied``.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hect_automation.sandbox.scenario import Scenario, Simulated
from hect_automation.sandbox.signin import SignIn
from hect_automation.sandbox.state import Channel
from hect_automation.sandbox.web import (
    Account,
    Market,
    Returned,
    make_state,
    origin,
    redirect,
    render_marketplace,
    where,
)

KEY = "ebay"
SPEC = Simulated(
    host="ebay",
    session_cookie="ebay-session",
    sign_in_path="/signin",
    code_prefix="v^1.1#i^1#",
    code_lifetime=timedelta(seconds=299),
    token_lifetime=timedelta(seconds=47_304_000),  # about 18 months
    client_id="HubEurop-HECT-PRD-5a1b2c3d4-sandbox",
)
CLIENT_ID = SPEC.client_id
RUNAME = "Hub_Europe_Ltd-HubEurop-HECT-P-sandbox"  # eBay's name for HECT's redirect URL
SCOPES = (
    "https://api.ebay.com/oauth/api_scope/sell.fulfillment "
    "https://api.ebay.com/oauth/api_scope/sell.inventory"
)
SIGN_IN = SignIn(
    platform=KEY,
    template="ebay/signin.html",
    unknown_account="Oops, that's not a match.",
    wrong_password="Oops, that's not a match.",  # noqa: S106 - an error message, not a password
)


async def authorize(request: Request) -> Response:
    params = request.query_params
    if params.get("client_id") != CLIENT_ID:
        return _error(request, "invalid_client", "The client_id is not recognised.")
    if params.get("redirect_uri") != RUNAME:
        return _error(request, "invalid_request", "The redirect_uri (RuName) is not registered.")
    if params.get("response_type") != "code":
        return _error(request, "unsupported_response_type", "response_type must be code.")
    if params.get("prompt") == "login":
        # A fresh login is required: forget any session, then come back without the prompt.
        rest = {k: v for k, v in params.items() if k != "prompt"}
        response = SIGN_IN.start(request, f"{request.url.path}?{urlencode(rest)}")
        response.delete_cookie(SIGN_IN.session_cookie)
        return response
    user = SIGN_IN.current(request)
    if user is None:
        return SIGN_IN.start(request, str(request.url))
    scopes = [s.rsplit("/", 1)[-1] for s in params.get("scope", SCOPES).split()]
    return render_marketplace(
        request, "ebay/grant.html", user=user, scopes=scopes, state=params.get("state", "")
    )


async def grant(request: Request) -> Response:
    tenant = where(request).tenant
    form = await request.form()
    user = SIGN_IN.current(request)
    state = str(form.get("state", ""))
    callback = origin(request, "hect") + f"/{KEY}/callback?"
    if user is None:
        return SIGN_IN.start(request, "/")
    if form.get("action") != "agree" or tenant.switches.refuse_consent:
        tenant.events.append(f"{KEY}: {user} declined")
        return redirect(callback + urlencode({"state": state, "error": "access_denied"}))
    code = tenant.issue_code(KEY, user)
    return redirect(callback + urlencode({"state": state, "code": code, "expires_in": 299}))


def _error(request: Request, code: str, text: str) -> Response:
    return render_marketplace(request, "ebay/error.html", status_code=400, code=code, text=text)


async def home(request: Request) -> Response:
    return render_marketplace(request, "ebay/home.html", user=SIGN_IN.current(request))


def build_app() -> Starlette:
    return Starlette(
        routes=[
            Route("/", home),
            Route("/oauth2/authorize", authorize),
            Route("/oauth2/consent", grant, methods=["POST"]),
            Route("/signin", SIGN_IN.handle, methods=["GET", "POST"]),
            Route("/signout", SIGN_IN.sign_out),
            Route("/remember", SIGN_IN.remember),
        ]
    )


def consent_url(request: Request, channel: Channel, user: str) -> str:
    """HECT's yellow link: eBay's user consent for HECT's app, with a fresh state."""
    query = {
        "client_id": CLIENT_ID,
        "redirect_uri": RUNAME,
        "response_type": "code",
        "scope": SCOPES,
        "state": make_state(request, channel.id, user),
    }
    return f"{origin(request, KEY)}/oauth2/authorize?{urlencode(query)}"


def returned(params: QueryParams) -> Returned:
    return Returned(
        state=params.get("state", ""),
        code=params.get("code"),
        claimed_seller=None,
        error=params.get("error"),
    )


def accounts(scenario: Scenario) -> list[Account]:
    plain = scenario.sellers.get(KEY, [])
    return [
        *(Account(u.id, u.email, u.password, title=u.id) for u in scenario.ebay_users),
        *(Account(s.id, s.email, s.password, s.otp, title=s.name or s.id) for s in plain),
    ]


MARKET = Market(build_app, consent_url, returned, accounts)
