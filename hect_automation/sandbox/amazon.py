"""Amazon Seller Central's website authorization, as the seller sees it.

``/apps/authorize/consent`` checks the request (MD1000, MD5101, MD5110), sends a stranger
through the two-page sign-in, refuses a non-admin user ("Invalid Access"), asks a seller
with several marketplaces to pick one, then shows the consent page. ``Confirm`` redirects
to HECT with ``state``, ``selling_partner_id`` and ``spapi_oauth_code`` (valid 5 minutes).
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hect_automation.sandbox.scenario import AmazonSeller, Scenario, Simulated
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

KEY = "amazon"
SPEC = Simulated(
    host="sellercentral",
    session_cookie="session-token",
    sign_in_path="/ap/signin",
    code_prefix="ANspapi",
    code_lifetime=timedelta(minutes=5),
    token_lifetime=timedelta(days=365),
    client_id="amzn1.sp.solution.7b1c2d3e-hect-sandbox",
)
APP_ID = SPEC.client_id
SIGN_IN = SignIn(
    platform=KEY,
    template="amazon/signin.html",
    unknown_account="We cannot find an account with that email address",
    wrong_password="Your password is incorrect",  # noqa: S106 - an error message, not a password
)


def sellers(scenario: Scenario) -> list[AmazonSeller]:
    """``amazon_sellers``, then any plain ``sellers: {amazon: [...]}`` (an admin of the UK
    marketplace, as a seller's own first login is)."""
    plain = [
        AmazonSeller.model_construct(
            id=s.id, name=s.name or s.id, email=s.email, password=s.password, otp=s.otp
        )
        for s in scenario.sellers.get(KEY, [])
    ]
    return [*scenario.amazon_sellers, *plain]


def _seller(request: Request, seller_id: str | None) -> AmazonSeller | None:
    return next((s for s in sellers(where(request).tenant.scenario) if s.id == seller_id), None)


def _request_error(request: Request) -> tuple[str, str] | None:
    """Amazon's error code and text for a malformed authorization request, if any."""
    params = request.query_params
    registered = origin(request, "hect") + f"/{KEY}/callback"
    if params.get("application_id") != APP_ID:
        return "MD9100", "The application you are trying to authorize could not be found."
    if "#" in params.get("redirect_uri", ""):
        return "MD5110", "The redirect URI contains a fragment, which is not allowed."
    if params.get("redirect_uri", registered) != registered:
        return "MD5101", "The redirect URI is not registered for this application."
    if params.get("version") != "beta":  # the sandbox's HECT app is still a draft
        return "MD1000", "This application is in draft state. Add version=beta to authorize it."
    return None


async def consent(request: Request) -> Response:
    if problem := _request_error(request):
        code, text = problem
        return render_marketplace(
            request, "amazon/error.html", status_code=400, code=code, text=text
        )
    seller = _seller(request, SIGN_IN.current(request))
    if seller is None:
        return SIGN_IN.start(request, str(request.url))
    if not seller.admin:
        return render_marketplace(
            request, "amazon/invalid_access.html", status_code=403, seller=seller
        )
    marketplace = request.query_params.get("marketplace")
    if marketplace is None and len(seller.marketplaces) > 1:
        choices = [
            (m, f"{request.url}&{urlencode({'marketplace': m})}") for m in seller.marketplaces
        ]
        return render_marketplace(
            request, "amazon/pick_account.html", seller=seller, choices=choices
        )
    return render_marketplace(
        request,
        "amazon/consent.html",
        seller=seller,
        marketplace=marketplace or seller.marketplaces[0],
        state=request.query_params.get("state", ""),
        signout=f"/ap/signout?{urlencode({'return_to': str(request.url)})}",
        error="",
    )


async def confirm(request: Request) -> Response:
    tenant = where(request).tenant
    form = await request.form()
    seller = _seller(request, SIGN_IN.current(request))
    state = str(form.get("state", ""))
    callback = origin(request, "hect") + f"/{KEY}/callback?"
    if seller is None:
        return SIGN_IN.start(request, origin(request, KEY) + "/home")
    if form.get("action") == "cancel" or tenant.switches.refuse_consent:
        tenant.events.append(f"{KEY}: {seller.id} declined")
        query = {"state": state, "error": "access_denied"}
        return _no_referrer(redirect(callback + urlencode(query)))
    if form.get("direct") != "yes":
        return render_marketplace(
            request,
            "amazon/consent.html",
            status_code=400,
            seller=seller,
            marketplace=str(form.get("marketplace", "")),
            state=state,
            signout="/ap/signout",
            error="Tick the box to confirm that you direct Amazon to give HECT access.",
        )
    query = {
        "state": state,
        "selling_partner_id": seller.id,
        "spapi_oauth_code": tenant.issue_code(KEY, seller.id),
    }
    return _no_referrer(redirect(callback + urlencode(query)))


def _no_referrer(response: Response) -> Response:
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


async def home(request: Request) -> Response:
    seller = _seller(request, SIGN_IN.current(request))
    return render_marketplace(request, "amazon/home.html", seller=seller)


def build_app() -> Starlette:
    return Starlette(
        routes=[
            Route("/", home),
            Route("/home", home),
            Route("/apps/authorize/consent", consent),
            Route("/apps/authorize/confirm", confirm, methods=["POST"]),
            Route("/ap/signin", SIGN_IN.handle, methods=["GET", "POST"]),
            Route("/ap/signout", SIGN_IN.sign_out),
            Route("/remember", SIGN_IN.remember),
        ]
    )


def consent_url(request: Request, channel: Channel, user: str) -> str:
    """HECT's yellow link: Seller Central's consent page for HECT's app, with a fresh state
    (the draft-app and unregistered-redirect hazards spoil it as a test asks)."""
    switches = where(request).tenant.switches
    query = {"application_id": APP_ID, "state": make_state(request, channel.id, user)}
    if not switches.amazon_app_draft:
        query["version"] = "beta"
    if switches.redirect_uri_unregistered:
        query["redirect_uri"] = origin(request, "hect") + f"/{KEY}/oauth-return"
    return f"{origin(request, KEY)}/apps/authorize/consent?{urlencode(query)}"


def returned(params: QueryParams) -> Returned:
    return Returned(
        state=params.get("state", ""),
        code=params.get("spapi_oauth_code"),
        claimed_seller=params.get("selling_partner_id"),
        error=params.get("error"),
    )


def accounts(scenario: Scenario) -> list[Account]:
    return [
        Account(
            s.id,
            s.email,
            s.password,
            s.otp,
            title=f"{s.name} (Seller ID {s.id})",
            note=(f", one-time code {s.otp}" if s.otp else "")
            + ("" if s.admin else " (not an admin: Invalid Access)"),
        )
        for s in sellers(scenario)
    ]


MARKET = Market(build_app, consent_url, returned, accounts)
