"""eBay's OAuth user consent, as the seller sees it.

``/oauth2/authorize`` checks ``client_id``, ``redirect_uri`` (the RuName) and
``response_type``; signs the person in when there is no session or ``prompt=login`` asks for
a fresh login; then shows "Grant Application Access" with ``I Agree`` and ``No Thanks``.
Agreeing redirects to HECT with ``code`` (``v^1.1#…``), ``state`` and ``expires_in=299``;
declining with ``error=access_denied``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hect_automation.sandbox.hect import EBAY_CLIENT_ID, EBAY_RUNAME, EBAY_SCOPES
from hect_automation.sandbox.signin import SignIn
from hect_automation.sandbox.web import origin, redirect, render_marketplace, where

SIGN_IN = SignIn(
    platform="ebay",
    session_cookie="ebay-session",
    template="ebay/signin.html",
    unknown_account="Oops, that's not a match.",
    wrong_password="Oops, that's not a match.",  # noqa: S106 - an error message, not a password
)


async def authorize(request: Request) -> Response:
    params = request.query_params
    if params.get("client_id") != EBAY_CLIENT_ID:
        return _error(request, "invalid_client", "The client_id is not recognised.")
    if params.get("redirect_uri") != EBAY_RUNAME:
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
    scopes = [s.rsplit("/", 1)[-1] for s in params.get("scope", EBAY_SCOPES).split()]
    return render_marketplace(
        request, "ebay/grant.html", user=user, scopes=scopes, state=params.get("state", "")
    )


async def grant(request: Request) -> Response:
    tenant = where(request).tenant
    form = await request.form()
    user = SIGN_IN.current(request)
    state = str(form.get("state", ""))
    callback = origin(request, "hect") + "/ebay/callback?"
    if user is None:
        return SIGN_IN.start(request, "/")
    if form.get("action") != "agree" or tenant.switches.refuse_consent:
        tenant.events.append(f"ebay: {user} declined")
        return redirect(callback + urlencode({"state": state, "error": "access_denied"}))
    code = tenant.issue_code("ebay", user)
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
