"""HECT as a person sees it: login.php, Settings, Sales Channels, channel lists, order polls.

Every page is drawn by the tenant's skin (``skins.py``); this module decides what each page
is given (see ``skins/README.md``). Paths echo the real site where they are known
(``/login.php``); the rest are the sandbox's own, and runbooks must not rely on them.
"""

from __future__ import annotations

import math
import os
import secrets
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from hect_automation import platforms
from hect_automation.sandbox.scenario import Platform, played
from hect_automation.sandbox.skins import SKINS_DIR, skin_named
from hect_automation.sandbox.state import LOCKOUT_AFTER, Channel, HectSession, Tenant
from hect_automation.sandbox.web import HERE, check_state, market, redirect, where

SESSION_COOKIE = "HECTSESSID"
CSRF_COOKIE = "hect_csrf"
OTHER_INTEGRATIONS = ["Shopify", "WooCommerce", "Etsy", "OnBuy"]
CHANNELS = "/settings/sales-channels"

Handler = Callable[[Request, Tenant, HectSession], Awaitable[Response]]


class Paths:
    """The sandbox HECT's addresses, as templates link to them."""

    home = "/"
    login = "/login.php"
    logout = "/logout.php"
    settings = "/settings"
    users = "/settings/users"
    sales_channels = CHANNELS
    orders = "/orders"
    contacts = "/contacts"
    shipping_rules = "/shipping-rules"

    @staticmethod
    def channels(platform: str) -> str:
        return f"{CHANNELS}/{platform}"

    @staticmethod
    def channels_embed(platform: str) -> str:
        return f"{CHANNELS}/{platform}/embed"

    @staticmethod
    def install(platform: str) -> str:
        return f"{CHANNELS}/{platform}/install"

    @staticmethod
    def api_channels(platform: str) -> str:
        return f"/api/channels/{platform}"


def page(
    request: Request,
    template: str,
    status_code: int = 200,
    session: HectSession | None = None,
    **context: Any,
) -> HTMLResponse:
    """A HECT page in the tenant's skin, with any relabelling applied."""
    tenant = where(request).tenant
    skin = skin_named(tenant.switches.skin)
    html = skin.render(
        template,
        request=request,
        session=session,
        account=tenant.scenario.account,
        paths=Paths,
        **context,
    )
    for old, new in tenant.switches.relabel.items():
        html = html.replace(f">{old}<", f">{new}<")
    return HTMLResponse(html, status_code=status_code)


def signed_in(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Serve ``handler`` to a signed-in user; send anyone else to login.php and back."""

    async def endpoint(request: Request) -> Response:
        tenant = where(request).tenant
        session = tenant.hect_sessions.get(request.cookies.get(SESSION_COOKIE, ""))
        if session is None or not tenant.count_session_request():
            if request.url.path.startswith("/api/"):
                return JSONResponse({"error": "not signed in"}, status_code=401)
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return redirect(f"/login.php?next={quote(target)}&expired={int(session is not None)}")
        tenant.viewed.append(request.url.path)
        return await handler(request, tenant, session)

    return endpoint


def _platform(request: Request) -> Platform | None:
    platform = request.path_params.get("platform")
    return platform if platform in played() else None


def label(platform: Platform) -> str:
    """How HECT writes the marketplace (its registry label)."""
    return platforms.platform(platform).label


# -- Sign in ---------------------------------------------------------------------------------
async def login(request: Request) -> Response:
    tenant = where(request).tenant
    csrf = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(16)
    next_url = request.query_params.get("next", "/")
    email = ""
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
    response = page(request, "login.html", error=error, csrf=csrf, next=next_url, email=email)
    response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="lax")
    return response


async def logout(request: Request) -> Response:
    where(request).tenant.hect_sessions.pop(request.cookies.get(SESSION_COOKIE, ""), None)
    response = redirect("/login.php")
    response.delete_cookie(SESSION_COOKIE)
    return response


# -- Pages behind sign-in --------------------------------------------------------------------
def integrations(tenant: Tenant) -> list[dict[str, Any]]:
    return [
        {
            "key": key,
            "label": label(key),
            "count": len(tenant.channels_of(key)),
            "list_url": Paths.channels(key),
            "install_url": Paths.install(key),
        }
        for key in played()
    ]


@signed_in
async def dashboard(request: Request, tenant: Tenant, session: HectSession) -> Response:
    tenant.run_due_polls()
    expired = [c.name for c in tenant.channels if c.expired]
    return page(
        request,
        "dashboard.html",
        session=session,
        expired=expired,
        imported=len(tenant.imported),
    )


@signed_in
async def settings(request: Request, tenant: Tenant, session: HectSession) -> Response:
    return page(
        request,
        "settings.html",
        session=session,
        integrations=integrations(tenant),
        others=OTHER_INTEGRATIONS,
        users=tenant.scenario.users,
    )


@signed_in
async def sales_channels(request: Request, tenant: Tenant, session: HectSession) -> Response:
    return page(
        request,
        "sales_channels.html",
        session=session,
        integrations=integrations(tenant),
        others=OTHER_INTEGRATIONS,
    )


def channel_row(request: Request, channel: Channel, session: HectSession) -> dict[str, Any]:
    """One channel as every skin is given it (and the JSON API returns it)."""
    tenant = where(request).tenant
    skin = skin_named(tenant.switches.skin)
    base = f"{CHANNELS}/{channel.platform}/{channel.id}"
    show_connect = (
        channel.expired or channel.seller_id is None or tenant.switches.connect_on_connected
    )
    return {
        "id": channel.id,
        "platform": channel.platform,
        "name": channel.name,
        "marketplace": channel.marketplace,
        "seller_id": channel.seller_id or "",
        "status": channel.status,
        "expired": channel.expired,
        "expiry": skin.fmt(channel.expires_at),
        "expiry_iso": channel.expires_at.isoformat() if channel.expires_at else None,
        "show_connect": show_connect,
        "connect_url": connect_url(request, channel, session.email) if show_connect else None,
        "connect_hect_url": base + "/connect",
        "connect_post_url": base + "/connect",
        "poll_url": base + "/order-poll",
        "page_url": base,
    }


def listing(request: Request, tenant: Tenant, platform: Platform) -> dict[str, Any]:
    """The channels of one platform as a list page shows them: filtered by ``q``, paged by
    the skin's page size (``page`` counts from 1)."""
    skin = skin_named(tenant.switches.skin)
    query = request.query_params.get("q", "").strip()
    channels = [c for c in tenant.channels_of(platform) if query.casefold() in c.name.casefold()]
    size = skin.spec.page_size or max(len(channels), 1)
    pages = max(1, math.ceil(len(channels) / size))
    try:
        number = min(max(1, int(request.query_params.get("page", "1"))), pages)
    except ValueError:
        number = 1

    def url(n: int) -> str:
        return (
            Paths.channels(platform)
            + "?"
            + urlencode({"page": n, **({"q": query} if query else {})})
        )

    return {
        "platform": platform,
        "label": label(platform),
        "channels": channels[(number - 1) * size : number * size],
        "total": len(channels),
        "q": query,
        "page": number,
        "pages": pages,
        "per_page": size,
        "first_shown": (number - 1) * size + 1 if channels else 0,
        "last_shown": min(number * size, len(channels)),
        "prev_url": url(number - 1) if number > 1 else None,
        "next_url": url(number + 1) if number < pages else None,
        "page_urls": [url(n) for n in range(1, pages + 1)],
        "install_url": Paths.install(platform),
        "embed_url": Paths.channels_embed(platform),
        "api_url": Paths.api_channels(platform),
    }


async def _channel_list(
    request: Request, tenant: Tenant, session: HectSession, template: str
) -> Response:
    platform = _platform(request)
    if platform is None or not skin_named(tenant.switches.skin).draws(template):
        return page(request, "not_found.html", 404, session)
    listed = listing(request, tenant, platform)
    rows = [channel_row(request, c, session) for c in listed.pop("channels")]
    return page(request, template, session=session, rows=rows, **listed)


@signed_in
async def channel_list(request: Request, tenant: Tenant, session: HectSession) -> Response:
    return await _channel_list(request, tenant, session, "channel_list.html")


@signed_in
async def channel_list_embed(request: Request, tenant: Tenant, session: HectSession) -> Response:
    return await _channel_list(request, tenant, session, "channel_list_frame.html")


@signed_in
async def api_channels(request: Request, tenant: Tenant, session: HectSession) -> Response:
    platform = _platform(request)
    if platform is None:
        return JSONResponse({"error": "no such platform"}, status_code=404)
    listed = listing(request, tenant, platform)
    rows = [channel_row(request, c, session) for c in listed.pop("channels")]
    return JSONResponse({"rows": rows, **listed, "csrf": session.csrf})


@signed_in
async def channel_page(request: Request, tenant: Tenant, session: HectSession) -> Response:
    channel = tenant.channel(int(request.path_params["channel_id"]))
    if channel is None or channel.platform != _platform(request):
        return page(request, "not_found.html", 404, session)
    return page(
        request,
        "channel.html",
        session=session,
        row=channel_row(request, channel, session),
        label=label(channel.platform),
        polls=poll_rows(tenant, channel),
        csrf=session.csrf,
    )


def connect_url(request: Request, channel: Channel, user: str) -> str:
    """The yellow Connect Channel link: the platform's consent URL with a fresh state."""
    tenant = where(request).tenant
    if tenant.switches.connect_via_hect:
        return f"{CHANNELS}/{channel.platform}/{channel.id}/connect"
    return consent_url(request, channel, user)


def consent_url(request: Request, channel: Channel, user: str) -> str:
    return market(channel.platform).consent_url(request, channel, user)


@signed_in
async def connect(request: Request, tenant: Tenant, session: HectSession) -> Response:
    """HECT's own connect address: GET (a link) or POST (a form), then on to the consent."""
    channel = tenant.channel(int(request.path_params["channel_id"]))
    if channel is None:
        return page(request, "not_found.html", 404, session)
    if request.method == "POST":
        form = await request.form()
        if form.get("csrf") != session.csrf:
            return page(request, "not_found.html", 403, session)
    return redirect(consent_url(request, channel, session.email))


@signed_in
async def install(request: Request, tenant: Tenant, session: HectSession) -> Response:
    platform = _platform(request)
    if platform is None:
        return page(request, "not_found.html", 404, session)
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
    return page(
        request,
        "install.html",
        session=session,
        platform=platform,
        label=label(platform),
        error=error,
    )


# -- Order polling ---------------------------------------------------------------------------
def poll_rows(tenant: Tenant, channel: Channel) -> list[dict[str, Any]]:
    tenant.run_due_polls()
    skin = skin_named(tenant.switches.skin)
    return [
        {
            "id": p.id,
            "since": skin.fmt(p.since),
            "requested": skin.fmt(p.created_at),
            "imported": p.imported,
            "done": p.imported is not None,
        }
        for p in reversed(tenant.polls)
        if p.channel_id == channel.id
    ]


def _since_of(form: Any) -> datetime | None:
    text = str(form.get("since", "")).strip()
    if not text and form.get("since_date"):
        text = f"{form.get('since_date')} {form.get('since_time') or '00:00'}".strip()
    return parse_when(text)


def _wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept or request.headers.get("x-requested-with") is not None


@signed_in
async def order_poll(request: Request, tenant: Tenant, session: HectSession) -> Response:
    channel = tenant.channel(int(request.path_params["channel_id"]))
    if channel is None:
        return page(request, "not_found.html", 404, session)
    error = ""
    if request.method == "POST":
        form = await request.form()
        since = _since_of(form)
        if form.get("csrf") != session.csrf:
            error = "This form has expired. Please try again."
        elif since is None:
            error = "Please enter the date and time of the oldest order to fetch."
        elif since > datetime.now(UTC):
            error = "The oldest order's date and time cannot be in the future."
        else:
            poll = tenant.start_poll(channel, since)
            message = queued_message(tenant, channel, since)
            if _wants_json(request):
                return JSONResponse({"ok": True, "message": message, "poll": poll.id})
            return redirect(f"{request.url.path}?queued={poll.id}")
        if _wants_json(request):
            return JSONResponse({"ok": False, "error": error}, status_code=400)
    polls = poll_rows(tenant, channel)
    queued = request.query_params.get("queued")
    return page(
        request,
        "order_poll.html",
        session=session,
        channel=channel_row(request, channel, session),
        polls=polls,
        queued=next((p for p in polls if str(p["id"]) == queued), None),
        error=error,
        csrf=session.csrf,
        label=label(channel.platform),
    )


def queued_message(tenant: Tenant, channel: Channel, since: datetime) -> str:
    when = skin_named(tenant.switches.skin).fmt(since)
    return (
        f"Order poll queued for {channel.name}: HECT will search for orders placed since "
        f"{when}, then poll for new orders every 5 minutes."
    )


def parse_when(text: str) -> datetime | None:
    patterns = (
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%d/%m/%Y %H:%M",
        "%Y-%m-%d %H:%M",
        "%d/%m/%Y",
        "%Y-%m-%d",
    )
    for pattern in patterns:
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
    skin = skin_named(tenant.switches.skin)
    rows = [{"order": o, "placed": skin.fmt(o.placed)} for o in found]
    return page(request, "orders.html", session=session, rows=rows, query=query)


@signed_in
async def users(request: Request, tenant: Tenant, session: HectSession) -> Response:
    return page(request, "users.html", session=session, users=tenant.scenario.users)


@signed_in
async def placeholder(request: Request, tenant: Tenant, session: HectSession) -> Response:
    title = {"/contacts": "Contacts", "/shipping-rules": "Shipping Rules"}[request.url.path]
    return page(request, "placeholder.html", session=session, title=title)


# -- The OAuth callbacks: no HECT session needed, the signed state says who and which --------
async def callback(request: Request) -> Response:
    platform = _platform(request)
    if platform is None:
        return await not_found(request)
    back = market(platform).returned(request.query_params)
    return await _complete(
        request,
        platform=platform,
        state=back.state,
        code=back.code,
        claimed_seller=back.claimed_seller,
        error=back.error,
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
    if request.cookies.get(SESSION_COOKIE, "") in tenant.hect_sessions:  # tests look for this
        tenant.events.append(f"{platform}: the callback came with a HECT session")
    channel_id, reason = check_state(request, state)
    channel = tenant.channel(channel_id) if channel_id else None
    name = label(platform)
    if error:
        reason = f"{name} did not authorise the connection ({error})"
    elif channel is None:
        reason = reason or "the channel no longer exists"
    elif channel.platform != platform:
        reason = "the authorisation does not belong to this kind of channel"
    else:
        seller = tenant.redeem_code(channel.platform, code or "")
        if seller is None:
            reason = f"the {name} authorisation code is invalid or has expired"
        elif claimed_seller and claimed_seller != seller:
            reason = "the selling partner does not match the authorisation code"
        else:
            linked = tenant.link(channel, seller)
            if status := tenant.take_failure("hect", "/callback-after-link"):
                # The callback crashed after HECT had recorded the link (a hazard a test
                # turns on with fail_next("/callback-after-link")).
                return HTMLResponse(SERVER_ERROR_PAGE, status_code=status)
            return page(request, "connected.html", channel=linked, label=name)
    tenant.events.append(f"{platform}: authorisation failed: {reason}")
    return page(request, "auth_failed.html", 400, reason=reason, label=name)


SERVER_ERROR_PAGE = (
    "<!doctype html><title>500 Internal Server Error</title><h1>Internal Server Error</h1>"
    "<p>Something went wrong. Please try again later.</p>"
)


def build_app() -> Starlette:
    return Starlette(
        routes=[
            Route("/", dashboard),
            Route("/login.php", login, methods=["GET", "POST"]),
            Route("/logout.php", logout),
            Route("/settings", settings),
            Route("/settings/users", users),
            Route(CHANNELS, sales_channels),
            Route(CHANNELS + "/{platform}", channel_list),
            Route(CHANNELS + "/{platform}/embed", channel_list_embed),
            Route(CHANNELS + "/{platform}/install", install, methods=["GET", "POST"]),
            Route(CHANNELS + "/{platform}/{channel_id:int}", channel_page),
            Route(
                CHANNELS + "/{platform}/{channel_id:int}/connect",
                connect,
                methods=["GET", "POST"],
            ),
            Route(
                CHANNELS + "/{platform}/{channel_id:int}/order-poll",
                order_poll,
                methods=["GET", "POST"],
            ),
            Route("/api/channels/{platform}", api_channels),
            Route("/orders", orders),
            Route("/contacts", placeholder),
            Route("/shipping-rules", placeholder),
            Route("/{platform}/callback", callback),
            Mount("/static", KeptFiles(directory=HERE / "static")),
            Mount("/skin-static", SkinFiles(directory=SKINS_DIR)),
            Route("/{anything:path}", not_found),
        ]
    )


class KeptFiles(StaticFiles):
    """Styles, scripts and pictures, kept by the browser for an hour as a web app's are
    (without it, every page asked for its stylesheet again)."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "public, max-age=3600"
        return response


class SkinFiles(KeptFiles):
    """A skin's scripts, styles and pictures; never its templates."""

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        if not path.endswith((".js", ".css", ".svg", ".png", ".jpg", ".woff2")):
            return "", None
        return super().lookup_path(path)


async def not_found(request: Request) -> Response:
    tenant = where(request).tenant
    session = tenant.hect_sessions.get(request.cookies.get(SESSION_COOKIE, ""))
    return page(request, "not_found.html", 404, session)
