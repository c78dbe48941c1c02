"""The sandbox's memory: one ``Tenant`` per HECT account, with its Amazon and eBay around it.

Every request is served for exactly one tenant (chosen by host name), so tests that each
create their own account never see each other's channels, sessions or switches.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from hect_automation.sandbox.scenario import OrderSeed, Platform, Scenario, played, simulated

Site = str  # "hect", or the registry key of a marketplace the sandbox plays
DEFAULT_TENANT = "default"
LOCKOUT_AFTER = 5


def sites() -> dict[Site, str]:
    """Every site the sandbox serves, with its host label: HECT, then each marketplace
    (a marketplace whose host label another site has is refused, naming both)."""
    found = {"hect": "hect"}
    for key in played():
        host = simulated(key).host
        if clash := next((site for site, label in found.items() if label == host), None):
            raise ValueError(f"the sandbox's {key} and {clash} both want {host}.localhost")
        found[key] = host
    return found


def site_origin(tenant_id: str, site: Site, port: int) -> str:
    prefix = "" if tenant_id == DEFAULT_TENANT else f"{tenant_id}."
    return f"http://{prefix}{sites()[site]}.localhost:{port}"


def now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Channel:
    id: int
    platform: Platform
    name: str
    marketplace: str
    expires_at: datetime | None
    seller_id: str | None
    revoked: bool = False

    @property
    def expired(self) -> bool:
        return self.revoked or self.expires_at is None or self.expires_at <= now()

    @property
    def status(self) -> str:
        if self.seller_id is None:
            return "Awaiting Authorisation"
        return "Token Expired" if self.expired else "Connected"


@dataclass
class OrderPoll:
    id: int
    channel_id: int
    since: datetime
    created_at: datetime
    done_at: datetime
    imported: int | None = None  # None until the poll has run


@dataclass
class AuthCode:
    platform: Platform
    seller_id: str
    issued_at: datetime
    used: bool = False


@dataclass
class FailRule:
    site: Site
    path: str
    remaining: int
    status: int


@dataclass
class SlowRule:
    site: Site
    path: str
    seconds: float


@dataclass
class Hold:
    """A request held mid-way (a test's way to stop a run at a known moment): ``reached`` is
    set when the request arrives, and it goes on when ``release`` is called (or after
    ``limit`` seconds). With ``after``, the request is handled first and only its answer is
    held: HECT has changed, the browser does not know yet."""

    site: Site
    path: str  # a part of the path
    method: str | None
    skip: int  # matching requests let through before the one held
    after: bool
    limit: float = 60.0
    reached: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)

    def release(self) -> None:
        self.released.set()

    def wait_reached(self, timeout: float) -> None:
        if not self.reached.wait(timeout):
            raise TimeoutError(f"no request to {self.path} on {self.site} within {timeout} s")


@dataclass
class Switches:
    """Hazards a test (or a trainer) turns on. See the sandbox README for each."""

    fail: list[FailRule] = field(default_factory=list)
    slow: list[SlowRule] = field(default_factory=list)
    holds: list[Hold] = field(default_factory=list)
    session_requests_left: int | None = None
    refuse_consent: bool = False
    state_expired: bool = False
    duplicate_on_connect: bool = False
    connect_via_hect: bool = False
    amazon_app_draft: bool = False
    redirect_uri_unregistered: bool = False
    cached_login: tuple[Platform, str] | None = None
    skin: str = "classic"
    connect_on_connected: bool = False
    relabel: dict[str, str] = field(default_factory=dict)
    poll_seconds: float = 1.0


@dataclass
class HectSession:
    email: str
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(16))


class Tenant:
    """One isolated HECT account plus its marketplace logins, sessions and switches."""

    def __init__(self, tenant_id: str, scenario: Scenario, port: int) -> None:
        self.id = tenant_id
        self.port = port
        self.scenario = scenario
        self.lock = threading.RLock()
        self.switches = Switches()
        self.hect_sessions: dict[str, HectSession] = {}
        self.issued_sessions: list[str] = []  # every session token ever given (tests look)
        self.failed_logins: dict[str, int] = {}
        self.channels = [
            Channel(i, c.platform, c.name, c.marketplace, c.expires, c.seller, c.revoked)
            for i, c in enumerate(scenario.channels, start=1)
        ]
        self.polls: list[OrderPoll] = []
        self.imported: dict[str, OrderSeed] = {}
        self.used_states: set[str] = set()
        self.codes: dict[str, AuthCode] = {}
        self.marketplace_sessions: dict[str, tuple[Platform, str]] = {}
        self.signin_flows: dict[str, dict[str, str]] = {}
        self.events: list[str] = []
        self.viewed: list[str] = []  # the path of every signed-in HECT page served, in order

    @property
    def urls(self) -> dict[Site, str]:
        """The origin of each of its sites: ``urls["hect"]``, then one per marketplace key."""
        return {site: site_origin(self.id, site, self.port) for site in sites()}

    # -- HECT ---------------------------------------------------------------------------
    def hect_user(self, email: str) -> tuple[str, str] | None:
        for user in self.scenario.users:
            if user.email.lower() == email.strip().lower():
                return user.email, user.password
        return None

    def channel(self, channel_id: int) -> Channel | None:
        return next((c for c in self.channels if c.id == channel_id), None)

    def channels_of(self, platform: Platform) -> list[Channel]:
        return [c for c in self.channels if c.platform == platform]

    def link(self, channel: Channel, seller_id: str) -> Channel:
        """Record a completed authorisation; with ``duplicate_on_connect`` HECT adds a copy."""
        with self.lock:
            if self.switches.duplicate_on_connect:
                channel = Channel(
                    max(c.id for c in self.channels) + 1,
                    channel.platform,
                    channel.name,
                    channel.marketplace,
                    None,
                    None,
                )
                self.channels.append(channel)
            channel.seller_id = seller_id
            channel.revoked = False
            channel.expires_at = now() + simulated(channel.platform).token_lifetime
            self.events.append(f"{channel.platform}: linked {seller_id} to {channel.name!r}")
            return channel

    def install(self, platform: Platform, name: str, marketplace: str) -> Channel:
        with self.lock:
            channel = Channel(
                max((c.id for c in self.channels), default=0) + 1,
                platform,
                name,
                marketplace,
                None,
                None,
            )
            self.channels.append(channel)
            return channel

    def start_poll(self, channel: Channel, since: datetime) -> OrderPoll:
        """Queue a one-off order search from ``since``; orders arrive when it completes."""
        with self.lock:
            for poll in self.polls:
                if poll.channel_id == channel.id and poll.since == since and poll.imported is None:
                    return poll  # the same window already queued: don't queue it twice
            created = now()
            poll = OrderPoll(
                len(self.polls) + 1,
                channel.id,
                since,
                created,
                created + timedelta(seconds=self.switches.poll_seconds),
            )
            self.polls.append(poll)
            self.events.append(
                f"order poll queued for {channel.name!r} from {since:%Y-%m-%d %H:%M}"
            )
            return poll

    def run_due_polls(self) -> None:
        with self.lock:
            for poll in self.polls:
                if poll.imported is None and poll.done_at <= now():
                    channel = self.channel(poll.channel_id)
                    due = [
                        o
                        for o in self.scenario.orders
                        if channel and o.channel == channel.name and o.placed >= poll.since
                    ]
                    fresh = [o for o in due if o.id not in self.imported]
                    self.imported.update((o.id, o) for o in fresh)
                    poll.imported = len(fresh)

    # -- OAuth ----------------------------------------------------------------------------
    def issue_code(self, platform: Platform, seller_id: str) -> str:
        code = simulated(platform).code_prefix + secrets.token_urlsafe(18)
        with self.lock:
            self.codes[code] = AuthCode(platform, seller_id, now())
        return code

    def redeem_code(self, platform: Platform, code: str) -> str | None:
        """The seller id behind a fresh, unused code of this platform, else None."""
        with self.lock:
            found = self.codes.get(code)
            if not found or found.used or found.platform != platform:
                return None
            found.used = True
            if now() - found.issued_at > simulated(platform).code_lifetime:
                return None
            return found.seller_id

    # -- Switches a test turns on -------------------------------------------------------
    def fail_next(
        self, path: str, times: int = 1, *, status: int = 500, site: Site = "hect"
    ) -> None:
        """Answer the next ``times`` requests under ``path`` on ``site`` with ``status``."""
        with self.lock:
            self.switches.fail.append(FailRule(site, path, times, status))

    def slow_down(self, path: str, seconds: float, *, site: Site = "hect") -> None:
        """Delay every response under ``path`` on ``site`` by ``seconds``."""
        with self.lock:
            self.switches.slow.append(SlowRule(site, path, seconds))

    def hold(
        self,
        path: str,
        *,
        site: Site = "hect",
        method: str | None = None,
        nth: int = 1,
        after: bool = False,
    ) -> Hold:
        """Hold the ``nth`` request whose path contains ``path`` (see ``Hold``)."""
        rule = Hold(site, path, method, nth - 1, after)
        with self.lock:
            self.switches.holds.append(rule)
        return rule

    def hold_for(self, site: Site, path: str, method: str) -> Hold | None:
        """The hold that takes this request, if any (each holds one request)."""
        with self.lock:
            for rule in self.switches.holds:
                if rule.site != site or rule.path not in path or rule.reached.is_set():
                    continue
                if rule.method and rule.method != method:
                    continue
                if rule.skip:
                    rule.skip -= 1
                    continue
                return rule
        return None

    def expire_session_after(self, requests: int) -> None:
        """HECT forgets every session after ``requests`` more signed-in page views."""
        with self.lock:
            self.switches.session_requests_left = requests

    def set(self, **switches: object) -> None:
        """Turn boolean/simple switches on or off, e.g. ``set(refuse_consent=True)``."""
        with self.lock:
            for name, value in switches.items():
                if not hasattr(self.switches, name) or name in {"fail", "slow", "holds"}:
                    raise AttributeError(f"no sandbox switch named {name!r}")
                if name == "skin":
                    from hect_automation.sandbox.skins import skin_named  # noqa: PLC0415

                    skin_named(str(value))  # refuses an unknown skin with the list of skins
                setattr(self.switches, name, value)

    def take_failure(self, site: Site, path: str) -> int | None:
        with self.lock:
            for rule in self.switches.fail:
                if rule.site == site and path.startswith(rule.path) and rule.remaining > 0:
                    rule.remaining -= 1
                    return rule.status
        return None

    def delay_for(self, site: Site, path: str) -> float:
        with self.lock:
            return sum(
                r.seconds for r in self.switches.slow if r.site == site and path.startswith(r.path)
            )

    def count_session_request(self) -> bool:
        """Count one signed-in HECT request; False once the session-expiry switch trips."""
        with self.lock:
            left = self.switches.session_requests_left
            if left is None:
                return True
            if left <= 0:
                self.hect_sessions.clear()
                self.switches.session_requests_left = None
                self.events.append("hect: sessions expired")
                return False
            self.switches.session_requests_left = left - 1
            return True

    def marketplace_login(self, platform: Platform, seller_id: str) -> str:
        """Start a signed-in Amazon/eBay session for ``seller_id``; returns its cookie value."""
        token = secrets.token_urlsafe(18)
        with self.lock:
            self.marketplace_sessions[token] = (platform, seller_id)
        return token

    def cached_login(self, platform: Platform, seller_id: str) -> list[dict[str, str]]:
        """Cookies of a signed-in Amazon/eBay session, for ``BrowserContext.add_cookies``.

        This is the article's hazard: a browser that still holds some seller's login.
        """
        return [
            {
                "name": simulated(platform).session_cookie,
                "value": self.marketplace_login(platform, seller_id),
                "url": self.urls[platform],
            }
        ]

    def open_session(self, email: str) -> str:
        """A new signed-in HECT session for ``email``; its cookie value."""
        token = secrets.token_urlsafe(24)
        with self.lock:
            self.hect_sessions[token] = HectSession(email)
            self.issued_sessions.append(token)
        return token

    def hect_login(self, email: str) -> list[dict[str, str]]:
        """Cookies of a signed-in HECT session for ``email`` (tests skip login.php with it)."""
        return [{"name": "HECTSESSID", "value": self.open_session(email), "url": self.urls["hect"]}]

    def channel_named(self, name: str) -> Channel:
        found = [c for c in self.channels if c.name == name]
        if len(found) != 1:
            raise LookupError(f"{len(found)} channels named {name!r}")
        return found[0]
