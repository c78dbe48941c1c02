"""HECT as a person sees it: login.php, Settings, Sales Channels, channel lists, order polls.

Paths echo the real site where they are known (``/login.php``); the rest are the sandbox's
own, and runbooks must not rely on them.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from urllib.parse import quote, urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from hect_automation.sandbox.app import (
    check_state,
    make_state,
    origin,
    redirect,
    render,
    where,
)
from hect_automation.sandbox.scenario import Platform
from hect_automation.sandbox.state import LOCKOUT_AFTER, Channel, HectSession, Tenant

SESSION_COOKIE = "HECTSESSID"
CSRF_COOKIE = "hect_csrf"
AMAZON_APP_ID = "amzn1.sp.solution.7b1c2d3e-hect-sandbox"
EBAY_CLIENT_ID = "HubEurop-HECT-PRD-5a1b2c3d4-sandbox"
EBAY_RUNAME = "Hub_Europe_Ltd-HubEurop-HECT-P-sandbox"
EBAY_SCOPES = (
    "https://api.ebay.com/oauth/api_scope/sell.fulfillment "
    "https://api.ebay.com/oauth/api_scope/sell.inventory"
)
PLATFORMS: dict[Platform, str] = {"amazon": "Amazon", "ebay": "eBay"}
OTHER_INTEGRATIONS = ["Shopify", "WooCommerce", "Etsy", "OnBuy"]

Handler = Callable[[Request, Tenant, HectSession], Awaitable[Response]]


def signed_in(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Serve ``handler`` to a signed-in user; send anyone else to login.php and back."""

    async def endpoint(request: Request) -> Response:
        tenant = where(request).tenant
        session = tenant.hect_sessions.get(request.cookies.get(SESSION_COOKIE, ""))
        if session is None or not tenant.count_session_request():
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return redirect(f"/login.php?next={quote(target)}&expired={int(session is not None)}")
        return await handler(request, tenant, session)

    return endpoint


def fmt(when: datetime | None, skin: str) -> str:
    if when is None:
        return "Not set"
    return f"{when:%d %b %Y, %H:%M}" if skin == "alt" else f"{when:%d/%m/%Y %H:%M}"


# -- Sign in ---------------------------------------------------------------------------------
async def login(request: Request) -> Response:
    tenant = where(request).tenant
    csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(16)
    next_url = request.query_params.get("next", "/")
    error = ""
    if request.query_params.get("expired") == "1":
        error = "Your session has expired. Please sign in again."
    if request.method == "POST":
        form = await request.form()
        next_url = str(form.get("next", "/"))
        email = str(form.get("email", "")).strip()
        cookie = request.cookies.get(CSRF_COOKIE)
        if not cookie or form.get("csrf") != cookie:
            error = "Your sign-in form expired. Please try again."
        elif tenant.failed_logins.get(email.lower(), 0) >= LOCKOUT_AFTER:
            error = "Too many failed sign-in attempts. This user is locked for 15 minutes."
        elif (user := tenant.hect_user(email)) and user[1] == form.get("password"):
            tenant.failed_logins.pop(email.lower(), None)
            token = tenant.open_session(user[0])
            # Only back into HECT: "//elsewhere" would be another site (an open redirect).
            local = next_url.startswith("/") and not next_url.startswith(("//", "/\\"))
            signed = redirect(next_url if local else "/")
            signed.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax")
            return signed
        else:
            tenant.failed_logins[email.lower()] = tenant.failed_logins.get(email.lower(), 0) + 1
            error = "Invalid email address or password."
    response = render(request, "hect/login.html", error=error, csrf=csrf, next=next_url)
    response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="lax")
    return response


async def logout(request: Request) -> Response:
    where(request).tenant.hect_sessions.pop(request.cookies.get(SESSION_COOKIE, ""), None)
    response = redirect("/login.php")
    response.delete_cookie(SESSION_COOKIE)
    return response


# -- Pages behind sign-in --------------------------------------------------------------------
@signed_in
async def dashboard(request: Request, tenant: Tenant, session: HectSession) -> Response:
    tenant.run_due_polls()
    expired = [c for c in tenant.channels if c.expired]
    return render(request, "hect/dashboard.html", session=session, tenant=tenant, expired=expired)


@signed_in
async def settings(request: Request, tenant: Tenant, session: HectSession) -> Response:
    return render(request, "hect/settings.html", session=session)


@signed_in
async def sales_channels(request: Request, tenant: Tenant, session: HectSession) -> Response:
    installed = [(key, label, len(tenant.channels_of(key))) for key, label in PLATFORMS.items()]
    return render(
        request,
        "hect/sales_channels.html",
        session=session,
        installed=installed,
        others=OTHER_INTEGRATIONS,
    )


@signed_in
async def channel_list(request: Request, tenant: Tenant, session: HectSession) -> Response:
    platform = request.path_params["platform"]
    if platform not in PLATFORMS:
        return render(request, "hect/not_found.html", status_code=404, session=session)
    skin = tenant.switches.skin
    rows = [
        {
            "channel": channel,
            "expiry": fmt(channel.expires_at, skin),
            "connect_url": connect_url(request, channel, session.email)
            if channel.expired
            else None,
        }
        for channel in tenant.channels_of(platform)
    ]
    return render(
        request,
        "hect/channel_list.html",
        session=session,
        platform=platform,
        label=PLATFORMS[platform],
        rows=rows,
    )


def connect_url(request: Request, channel: Channel, user: str) -> str:
    """The yellow Connect Channel link: the platform's consent URL with a fresh state."""
    tenant = where(request).tenant
    if tenant.switches.connect_via_hect:
        return f"/settings/sales-channels/{channel.platform}/{channel.id}/connect"
    return consent_url(request, channel, user)


def consent_url(request: Request, channel: Channel, user: str) -> str:
    switches = where(request).tenant.switches
    state = make_state(request, channel.id, user)
    if channel.platform == "amazon":
        query = {"application_id": AMAZON_APP_ID, "state": state}
        if not switches.amazon_app_draft:
            query["version"] = "beta"
        if switches.redirect_uri_unregistered:
            query["redirect_uri"] = origin(request, "hect") + "/amazon/oauth-return"
        return f"{origin(request, 'amazon')}/apps/authorize/consent?{urlencode(query)}"
    query = {
        "client_id": EBAY_CLIENT_ID,
        "redirect_uri": EBAY_RUNAME,
        "response_type": "code",
        "scope": EBAY_SCOPES,
        "state": state,
    }
    return f"{origin(request, 'ebay')}/oauth2/authorize?{urlencode(query)}"


@signed_in
async def connect_via_hect(request: Request, tenant: Tenant, session: HectSession) -> Response:
    channel = tenant.channel(int(request.path_params["channel_id"]))
    if channel is None:
        return render(request, "hect/not_found.html", status_code=404, session=session)
    return redirect(consent_url(request, channel, session.email))


@signed_in
async def install(request: Request, tenant: Tenant, session: HectSession) -> Response:
    platform = request.path_params["platform"]
    if platform not in PLATFORMS:
        return render(request, "hect/not_found.html", status_code=404, session=session)
    error = ""
    if request.method == "POST":
        form = await request.form()
        name = str(form.get("name", "")).strip()
        if form.get("csrf") != session.csrf:
            error = "This form has expired. Please try again."
        elif not name:
            error = "Please give the channel a name."
        else:
            channel = tenant.install(platform, name, str(form.get("marketplace", "United Kingdom")))
            return redirect(consent_url(request, channel, session.email))
    return render(
        request,
        "hect/install.html",
        session=session,
        platform=platform,
        label=PLATFORMS[platform],
        error=error,
    )


@signed_in
async def order_poll(request: Request, tenant: Tenant, session: HectSession) -> Response:
    channel = tenant.channel(int(request.path_params["channel_id"]))
    if channel is None:
        return render(request, "hect/not_found.html", status_code=404, session=session)
    error = ""
    if request.method == "POST":
        form = await request.form()
        since = parse_when(str(form.get("since", "")))
        if form.get("csrf") != session.csrf:
            error = "This form has expired. Please try again."
        elif since is None:
            error = "Please enter the date and time of the oldest order to fetch."
        elif since > datetime.now(UTC):
            error = "The oldest order's date and time cannot be in the future."
        else:
            poll = tenant.start_poll(channel, since)
            return redirect(f"{request.url.path}?queued={poll.id}")
    tenant.run_due_polls()
    skin = tenant.switches.skin
    mine = [p for p in reversed(tenant.polls) if p.channel_id == channel.id]
    polls = [
        {"poll": p, "since": fmt(p.since, skin), "requested": fmt(p.created_at, skin)} for p in mine
    ]
    queued = request.query_params.get("queued")
    return render(
        request,
        "hect/order_poll.html",
        session=session,
        channel=channel,
        polls=polls,
        queued=next((row for row, p in zip(polls, mine, strict=True) if str(p.id) == queued), None),
        error=error,
    )


def parse_when(text: str) -> datetime | None:
    for pattern in ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"):
        try:
            return datetime.strptime(text.strip(), pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


@signed_in
async def orders(request: Request, tenant: Tenant, session: HectSession) -> Response:
    tenant.run_due_polls()
    found = sorted(tenant.imported.values(), key=lambda o: o.placed, reverse=True)
    query = request.query_params.get("postcode", "").strip().lower()
    if query:
        found = [o for o in found if query in o.postcode.lower()]
    rows = [{"order": o, "placed": fmt(o.placed, tenant.switches.skin)} for o in found]
    return render(request, "hect/orders.html", session=session, rows=rows, query=query)


@signed_in
async def users(request: Request, tenant: Tenant, session: HectSession) -> Response:
    return render(request, "hect/users.html", session=session, users=tenant.scenario.users)


@signed_in
async def placeholder(request: Request, tenant: Tenant, session: HectSession) -> Response:
    title = {"/contacts": "Contacts", "/shipping-rules": "Shipping Rules"}[request.url.path]
    return render(request, "hect/placeholder.html", session=session, title=title)


# -- The OAuth callbacks: no HECT session needed, the signed state says who and which --------
async def amazon_callback(request: Request) -> Response:
    params = request.query_params
    return await _complete(
        request,
        platform="amazon",
        state=params.get("state", ""),
        code=params.get("spapi_oauth_code"),
        claimed_seller=params.get("selling_partner_id"),
        error=params.get("error"),
    )


async def ebay_callback(request: Request) -> Response:
    params = request.query_params
    return await _complete(
        request,
        platform="ebay",
        state=params.get("state", ""),
        code=params.get("code"),
        claimed_seller=None,
        error=params.get("error"),
    )


async def _complete(
    request: Request,
    *,
    platform: Platform,
    state: str,
    code: str | None,
    claimed_seller: str | None,
    error: str | None,
) -> Response:
    tenant = where(request).tenant
    channel_id, reason = check_state(request, state)
    channel = tenant.channel(channel_id) if channel_id else None
    label = PLATFORMS[platform]
    if error:
        reason = f"{label} did not authorise the connection ({error})"
    elif channel is None:
        reason = reason or "the channel no longer exists"
    elif channel.platform != platform:
        reason = "the authorisation does not belong to this kind of channel"
    else:
        seller = tenant.redeem_code(channel.platform, code or "")
        if seller is None:
            reason = f"the {label} authorisation code is invalid or has expired"
        elif claimed_seller and claimed_seller != seller:
            reason = "the selling partner does not match the authorisation code"
        else:
            linked = tenant.link(channel, seller)
            return render(request, "hect/connected.html", channel=linked, label=label)
    tenant.events.append(f"{platform}: authorisation failed: {reason}")
    return render(request, "hect/auth_failed.html", status_code=400, reason=reason, label=label)


def build_app(static: StaticFiles) -> Starlette:
    channels = "/settings/sales-channels"
    return Starlette(
        routes=[
            Route("/", dashboard),
            Route("/login.php", login, methods=["GET", "POST"]),
            Route("/logout.php", logout),
            Route("/settings", settings),
            Route("/settings/users", users),
            Route(channels, sales_channels),
            Route(channels + "/{platform}", channel_list),
            Route(channels + "/{platform}/install", install, methods=["GET", "POST"]),
            Route(channels + "/{platform}/{channel_id:int}/connect", connect_via_hect),
            Route(
                channels + "/{platform}/{channel_id:int}/order-poll",
                order_poll,
                methods=["GET", "POST"],
            ),
            Route("/orders", orders),
            Route("/contacts", placeholder),
            Route("/shipping-rules", placeholder),
            Route("/amazon/callback", amazon_callback),
            Route("/ebay/callback", ebay_callback),
            Mount("/static", static),
        ]
    )
