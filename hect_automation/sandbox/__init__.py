"""The sandbox's public face: the server (``Sandbox``), an account in it (``Tenant``, its
switches and ``Hold``), scenarios, skins, and what a marketplace's sandbox module is built
from (``Market``, ``SignIn``, ``Account``, ``Returned`` and the web helpers), for a team
that plays a marketplace of its own. Names load when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hect_automation.faces import lazy_names

# name -> "module" (the same name there) or "module:name"
_WHERE = {
    "Account": "hect_automation.sandbox.web",
    "AmazonSeller": "hect_automation.sandbox.scenario",
    "Channel": "hect_automation.sandbox.state",
    "ChannelSeed": "hect_automation.sandbox.scenario",
    "EbayUser": "hect_automation.sandbox.scenario",
    "Hold": "hect_automation.sandbox.state",
    "Market": "hect_automation.sandbox.web",
    "OrderSeed": "hect_automation.sandbox.scenario",
    "Practice": "hect_automation.sandbox.practice",
    "Returned": "hect_automation.sandbox.web",
    "SKINS_DIR": "hect_automation.sandbox.skins",
    "Sandbox": "hect_automation.sandbox.server",
    "Scenario": "hect_automation.sandbox.scenario",
    "Seller": "hect_automation.sandbox.scenario",
    "SignIn": "hect_automation.sandbox.signin",
    "Simulated": "hect_automation.sandbox.scenario",
    "Tenant": "hect_automation.sandbox.state",
    "load_scenario": "hect_automation.sandbox.scenario",
    "make_state": "hect_automation.sandbox.web",
    "now": "hect_automation.sandbox.state",
    "origin": "hect_automation.sandbox.web",
    "redirect": "hect_automation.sandbox.web",
    "render_marketplace": "hect_automation.sandbox.web",
    "where": "hect_automation.sandbox.web",
    "every_skin": "hect_automation.sandbox.skins:skins",  # not `skins`: that is the module
}
__all__ = [
    "SKINS_DIR",
    "Account",
    "AmazonSeller",
    "Channel",
    "ChannelSeed",
    "EbayUser",
    "Hold",
    "Market",
    "OrderSeed",
    "Practice",
    "Returned",
    "Sandbox",
    "Scenario",
    "Seller",
    "SignIn",
    "Simulated",
    "Tenant",
    "every_skin",
    "load_scenario",
    "make_state",
    "now",
    "origin",
    "redirect",
    "render_marketplace",
    "where",
]


__getattr__, __dir__ = lazy_names(__name__, _WHERE, __all__)


if TYPE_CHECKING:  # for type checkers and editors: the same names, eagerly
    from hect_automation.sandbox.practice import Practice
    from hect_automation.sandbox.scenario import (
        AmazonSeller,
        ChannelSeed,
        EbayUser,
        OrderSeed,
        Scenario,
        Seller,
        Simulated,
        load_scenario,
    )
    from hect_automation.sandbox.server import Sandbox
    from hect_automation.sandbox.signin import SignIn
    from hect_automation.sandbox.skins import SKINS_DIR
    from hect_automation.sandbox.skins import skins as every_skin
    from hect_automation.sandbox.state import Channel, Hold, Tenant, now
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
