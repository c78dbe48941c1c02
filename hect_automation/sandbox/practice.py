"""Practice logins: who signs in when a command runs against the embedded sandbox.

The command line injects a ``Practice`` when ``--sandbox`` (or ``demo``) starts the
sandbox: HECT's own sign-in is then the sandbox's user (never a real login from ``.env``,
unless it names one of the sandbox's users), and the simulated operator signs into the
sandbox's marketplace as the channel's seller.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import SecretStr

from hect_automation import platforms
from hect_automation.hect.session import Credentials
from hect_automation.operator import MarketplaceLogin
from hect_automation.sandbox.scenario import Scenario, played
from hect_automation.sandbox.web import Account, market


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

    def accounts(self, platform: str) -> list[Account]:
        return market(platform).accounts(self.scenario)

    def seller(self, platform: str, seller_id: str) -> MarketplaceLogin | None:
        found = next((a for a in self.accounts(platform) if a.id == seller_id), None)
        return MarketplaceLogin(found.email, found.password, found.otp) if found else None

    def knows(self, login: str) -> bool:
        known = {a.email.lower() for key in played() for a in self.accounts(key)}
        return login.lower() in known

    def lines(self) -> list[str]:
        """Every practice login, as a trainer reads them out."""
        out = [f"HECT: {u.email} / {u.password}" for u in self.scenario.users]
        for key in played():
            name = platforms.platform(key).label
            out += [
                f"{name} {a.title}: {a.email} / {a.password}{a.note}" for a in self.accounts(key)
            ]
        return out
