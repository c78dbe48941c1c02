"""Practice logins: who signs in when a command runs against the embedded sandbox.

The command line injects a ``Practice`` when ``--sandbox`` (or ``demo``) starts the
sandbox: HECT's own sign-in is then the sandbox's user (never a real login from ``.env``,
unless it names one of the sandbox's users), and the simulated operator signs into the
sandbox's Amazon or eBay as the channel's seller.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import SecretStr

from hect_automation.hect.session import Credentials
from hect_automation.operator import MarketplaceLogin
from hect_automation.sandbox.scenario import Scenario


@dataclass(frozen=True)
class Practice:
    """The logins of a sandbox scenario."""

    scenario: Scenario

    def hect(self, email: str | None, password: SecretStr | None) -> Credentials:
        """The sandbox's HECT user: the one named by ``email`` if it is one, else the first."""
        users = {u.email.lower(): u for u in self.scenario.users}
        chosen = users.get((email or "").lower())
        if chosen is None:
            first = self.scenario.users[0]
            return Credentials(first.email, SecretStr(first.password))
        return Credentials(chosen.email, password or SecretStr(chosen.password))

    def seller(self, platform: str, seller_id: str) -> MarketplaceLogin | None:
        found = self.scenario.seller_login(platform, seller_id)
        return MarketplaceLogin(*found) if found else None

    def knows(self, login: str) -> bool:
        known = [s.email for s in self.scenario.amazon_sellers]
        known += [u.email for u in self.scenario.ebay_users]
        return login.lower() in {k.lower() for k in known}

    def lines(self) -> list[str]:
        """Every practice login, as a trainer reads them out."""
        out = [f"HECT: {u.email} / {u.password}" for u in self.scenario.users]
        for s in self.scenario.amazon_sellers:
            code = f", one-time code {s.otp}" if s.otp else ""
            admin = "" if s.admin else " (not an admin: Invalid Access)"
            out.append(f"Amazon {s.name} (Seller ID {s.id}): {s.email} / {s.password}{code}{admin}")
        out += [f"eBay {u.id}: {u.email} / {u.password}" for u in self.scenario.ebay_users]
        return out
