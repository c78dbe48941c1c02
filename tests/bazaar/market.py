"""Bazaar, a made-up third marketplace: its registry entry and its sandbox module.

The proof of the house rule that a new marketplace is one registry entry, one runbook and
one sandbox module. Nothing in ``hect_automation`` knows Bazaar: the test registers
``ENTRY``, and the sandbox finds this module's ``MARKET`` through it. Its consent page and
callback differ from Amazon's and eBay's on purpose (other paths, other parameter names).
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from hect_automation import Cue, Login, Platform, Target
from hect_automation.sandbox import (
    Account,
    Channel,
    Market,
    Returned,
    Scenario,
    SignIn,
    Simulated,
    make_state,
    origin,
    redirect,
    render_marketplace,
    where,
)

KEY = "bazaar"
ENTRY = Platform(
    key=KEY,
    label="Bazaar",
    runbook="refresh-bazaar-token",
    seller_id=re.compile(r"^BZ\d{6}$"),
    cues=(
        Cue("identifier", (Target(label="/shop email/i"),), fill="login", press=("Next",)),
        Cue("password", (Target(label="Password"),), fill="password", press=("Log in",)),
        Cue("consent", (Target(role="button", name="/^allow hect$/i"),), click=True),
    ),
    login=Login("HECT_OPERATOR_BAZAAR_EMAIL", "HECT_OPERATOR_BAZAAR_PASSWORD"),
    account_word="shop",
    sandbox=__name__,
)
SPEC = Simulated(
    host="bazaar",
    session_cookie="bz-session",
    sign_in_path="/login",
    code_prefix="bzg_",
    code_lifetime=timedelta(minutes=2),
    token_lifetime=timedelta(days=90),
    client_id="hect-by-hub-europe",
)
TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
SIGN_IN = SignIn(
    platform=KEY,
    template="signin.html",
    unknown_account="No shop uses that email",
    wrong_password="That password is not right",
    templates=TEMPLATES,
)


async def authorize(request: Request) -> Response:
    if request.query_params.get("app") != SPEC.client_id:
        return Response("unknown app", status_code=400)
    shop = SIGN_IN.current(request)
    if shop is None:
        return SIGN_IN.start(request, str(request.url))
    state = request.query_params.get("state", "")
    return render_marketplace(request, "allow.html", templates=TEMPLATES, shop=shop, state=state)


async def allow(request: Request) -> Response:
    form = await request.form()
    shop = SIGN_IN.current(request)
    if shop is None:
        return SIGN_IN.start(request, "/")
    back = origin(request, "hect") + f"/{KEY}/callback?"
    state = str(form.get("state", ""))
    if form.get("choice") != "allow":
        return redirect(back + urlencode({"state": state, "error": "denied"}))
    grant = where(request).tenant.issue_code(KEY, shop)
    return redirect(back + urlencode({"state": state, "grant": grant, "shop": shop}))


def consent_url(request: Request, channel: Channel, user: str) -> str:
    query = {"app": SPEC.client_id, "state": make_state(request, channel.id, user)}
    return f"{origin(request, KEY)}/connect/authorize?{urlencode(query)}"


def returned(params: QueryParams) -> Returned:
    return Returned(
        state=params.get("state", ""),
        code=params.get("grant"),
        claimed_seller=params.get("shop"),
        error=params.get("error"),
    )


def accounts(scenario: Scenario) -> list[Account]:
    return [
        Account(s.id, s.email, s.password, s.otp, title=f"{s.name} ({s.id})")
        for s in scenario.sellers.get(KEY, [])
    ]


def build_app() -> Starlette:
    return Starlette(
        routes=[
            Route("/connect/authorize", authorize),
            Route("/connect/allow", allow, methods=["POST"]),
            Route("/login", SIGN_IN.handle, methods=["GET", "POST"]),
            Route("/logout", SIGN_IN.sign_out),
            Route("/remember", SIGN_IN.remember),
        ]
    )


MARKET = Market(build_app, consent_url, returned, accounts)
