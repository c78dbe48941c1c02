"""Amazon Seller Central's website authorization, as the seller sees it.

``/apps/authorize/consent`` checks the request (MD1000, MD5101, MD5110), sends a stranger
through the two-page sign-in, refuses a non-admin user ("Invalid Access"), asks a seller
with several marketplaces to pick one, then shows the consent page. ``Confirm`` redirects
to HECT with ``state``, ``selling_partner_id`` and ``spapi_oauth_code`` (valid 5 minutes).
"""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hect_automation.sandbox.hect import AMAZON_APP_ID
from hect_automation.sandbox.scenario import AmazonSeller
from hect_automation.sandbox.signin import SignIn
from hect_automation.sandbox.web import origin, redirect, render_marketplace, where

SIGN_IN = SignIn(
    platform="amazon",
    session_cookie="session-token",
    template="amazon/signin.html",
    unknown_account="We cannot find an account with that email address",
    wrong_password="Your password is incorrect",  # noqa: S106 - an error message, not a password
)


def _seller(request: Request, seller_id: str | None) -> AmazonSeller | None:
    sellers = where(request).tenant.scenario.amazon_sellers
    return next((s for s in sellers if s.id == seller_id), None)


def _request_error(request: Request) -> tuple[str, str] | None:
    """Amazon's error code and text for a malformed authorization request, if any."""
    params = request.query_params
    registered = origin(request, "hect") + "/amazon/callback"
    if params.get("application_id") != AMAZON_APP_ID:
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
    callback = origin(request, "hect") + "/amazon/callback?"
    if seller is None:
        return SIGN_IN.start(request, origin(request, "amazon") + "/home")
    if form.get("action") == "cancel" or tenant.switches.refuse_consent:
        tenant.events.append(f"amazon: {seller.id} declined")
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
        "spapi_oauth_code": tenant.issue_code("amazon", seller.id),
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
