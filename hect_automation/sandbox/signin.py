"""The two-page sign-in every marketplace shares: identifier, then password, then maybe a code.

Each marketplace keeps its own wording and look in its templates; the flow is the same:
an identifier page (``Continue``), a password page (``Sign in``), a one-time-code page when
the account has Two-Step Verification, then a session cookie and back to where it started.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from hect_automation.sandbox.scenario import Platform, simulated
from hect_automation.sandbox.state import Tenant
from hect_automation.sandbox.web import (
    Account,
    market,
    marketplace_templates,
    redirect,
    render_marketplace,
    where,
)

FLOW_COOKIE = "signin-flow"


@dataclass(frozen=True)
class SignIn:
    platform: Platform
    template: str  # one template renders every stage, switched on `stage`
    unknown_account: str
    wrong_password: str
    templates: Jinja2Templates = marketplace_templates

    def accounts(self, tenant: Tenant) -> list[Account]:
        return market(self.platform).accounts(tenant.scenario)

    @property
    def session_cookie(self) -> str:
        return simulated(self.platform).session_cookie

    def current(self, request: Request) -> str | None:
        """The seller id signed in on this browser context, if any."""
        tenant = where(request).tenant
        found = tenant.marketplace_sessions.get(request.cookies.get(self.session_cookie, ""))
        return found[1] if found and found[0] == self.platform else None

    def start(self, request: Request, return_to: str) -> Response:
        return redirect(f"{self.path}?{urlencode({'return_to': return_to})}")

    @property
    def path(self) -> str:
        return simulated(self.platform).sign_in_path

    def page(
        self, request: Request, stage: str, status_code: int = 200, **context: object
    ) -> Response:
        return render_marketplace(
            request,
            self.template,
            status_code=status_code,
            templates=self.templates,
            stage=stage,
            return_to=context.pop("return_to", None) or request.query_params.get("return_to", "/"),
            **context,
        )

    async def handle(self, request: Request) -> Response:  # noqa: PLR0911 - one per stage
        """GET shows the identifier page; POST advances the flow one stage."""
        if request.method == "GET":
            return self.page(request, "identifier")
        tenant = where(request).tenant
        form = await request.form()
        return_to = str(form.get("return_to", "/"))
        flows = tenant.signin_flows
        flow = flows.get(request.cookies.get(FLOW_COOKIE, ""), {})
        stage = str(form.get("stage", "identifier"))
        if stage == "identifier":
            ident = str(form.get("identifier", "")).strip().lower()
            account = next(
                (a for a in self.accounts(tenant) if ident in {a.email.lower(), a.id.lower()}), None
            )
            if account is None:
                return self.page(
                    request, "identifier", 401, error=self.unknown_account, return_to=return_to
                )
            token = secrets.token_urlsafe(16)
            flows[token] = {"account": account.id, "return_to": return_to}
            response = self.page(request, "password", identifier=account.email, return_to=return_to)
            response.set_cookie(FLOW_COOKIE, token, httponly=True, samesite="lax")
            return response
        account = next((a for a in self.accounts(tenant) if a.id == flow.get("account")), None)
        if account is None:
            return self.page(
                request, "identifier", 400, error="Please start again.", return_to=return_to
            )
        if stage == "password":
            if form.get("password") != account.password:
                return self.page(
                    request,
                    "password",
                    401,
                    error=self.wrong_password,
                    identifier=account.email,
                    return_to=return_to,
                )
            if account.otp:
                return self.page(request, "otp", return_to=return_to)
        elif stage == "otp" and str(form.get("otp", "")).strip() != account.otp:
            return self.page(
                request, "otp", 401, error="The code you entered is not valid.", return_to=return_to
            )
        response = redirect(flow.get("return_to", return_to))
        session = tenant.marketplace_login(self.platform, account.id)
        response.set_cookie(self.session_cookie, session, httponly=True, samesite="lax")
        response.delete_cookie(FLOW_COOKIE)
        return response

    async def remember(self, request: Request) -> Response:
        """The ``cached_login`` hazard: sign this browser context in as ``seller``, go back."""
        seller = request.query_params.get("seller", "")
        if seller not in {a.id for a in self.accounts(where(request).tenant)}:
            return Response("unknown seller", status_code=404)
        response = redirect(request.query_params.get("return_to", "/"))
        token = where(request).tenant.marketplace_login(self.platform, seller)
        response.set_cookie(self.session_cookie, token, httponly=True, samesite="lax")
        return response

    async def sign_out(self, request: Request) -> Response:
        tenant = where(request).tenant
        tenant.marketplace_sessions.pop(request.cookies.get(self.session_cookie, ""), None)
        response = redirect(request.query_params.get("return_to", self.path))
        response.delete_cookie(self.session_cookie)
        return response
