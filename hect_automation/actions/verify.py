"""``verify``: read HECT again and confirm the intended channel, and only it, reconnected.

The judgement is about what this run could have changed. The channel must now be connected,
with a later token expiry and the expected seller. Another channel that now shows *this*
run's seller (where it showed another before) was cross-linked by this consent, and a second
channel of the same name is a duplicate: both fail. Other channels that changed otherwise
(reconnected to their own seller by another run or person, added, removed) are reported, not
failed: several reconnects may run on one account at once.

``judge`` is also what the engine uses to report HECT's real state when a run ends early.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import tzinfo

from hect_automation.actions.base import Linked, RunContext, Verified
from hect_automation.errors import HectUnavailable, VerificationFailed
from hect_automation.hect.channels import ChannelList, ChannelRecord, name_key
from hect_automation.report import Verification
from hect_automation.runbook import Verify


@dataclass(frozen=True)
class Judgement:
    """HECT's list after a consent, compared with before, for one channel and seller."""

    result: ChannelRecord | None  # the channel now (None: missing, or listed twice)
    reconnected: bool  # connected now, with a later expiry (where HECT shows one)
    problems: list[str] = field(default_factory=list)  # what fails the run
    reported: list[str] = field(default_factory=list)  # other changes: said, not failed
    unchanged: list[str] = field(default_factory=list)  # the other channels, as before
    wrong_seller: str = ""  # the seller now linked, when it is not the expected one
    elsewhere: list[str] = field(default_factory=list)  # problems on other channels (cross-links)

    def nothing_changed(self, target: ChannelRecord) -> bool:
        """Whether HECT shows the channel exactly as before, and nothing else of this run's."""
        return self.result == target and not self.elsewhere


def _by_name(channels: ChannelList) -> dict[str, list[ChannelRecord]]:
    grouped: dict[str, list[ChannelRecord]] = defaultdict(list)
    for record in channels.records:
        grouped[name_key(record.name)].append(record)
    return grouped


def judge(
    before: ChannelList, after: ChannelList, target: ChannelRecord, expected_seller: str
) -> Judgement:
    """Everything about ``after`` that is not "target reconnected to ``expected_seller``"."""
    was, now = _by_name(before), _by_name(after)
    key = name_key(target.name)
    problems, reported, unchanged, elsewhere = _others(was, now, key, expected_seller)
    problems += elsewhere
    result = now[key][0] if len(now.get(key, [])) == 1 else None
    if result is None:
        return Judgement(None, False, problems, reported, unchanged, elsewhere=elsewhere)
    later = not (target.expiry and result.expiry and result.expiry <= target.expiry)
    # A connected channel relinked to the expected seller (--force) may keep its expiry's
    # minute: the seller moving to the expected one is the proof then.
    repaired = bool(expected_seller) and result.seller == expected_seller != target.seller
    later = later or repaired
    reconnected = result.expired is False and later
    wrong = ""
    if result.expired is not False:
        problems.append(f"'{result.name}' still shows '{result.status or 'no status'}'")
    elif not later:
        problems.append(
            f"the token expiry of '{result.name}' did not move on ({result.expiry_text})"
        )
    if expected_seller and result.seller and result.seller != expected_seller:
        wrong = result.seller
        problems.append(
            f"wrong account linked: '{result.name}' now shows seller {result.seller}, "
            f"expected {expected_seller}"
        )
    return Judgement(result, reconnected, problems, reported, unchanged, wrong, elsewhere)


def _others(
    was: dict[str, list[ChannelRecord]],
    now: dict[str, list[ChannelRecord]],
    key: str,
    expected_seller: str,
) -> tuple[list[str], list[str], list[str], list[str]]:
    """What became of every channel but the target's name (and of that name's count):
    problems, reported changes, unchanged names, and changes this consent may have made."""
    problems: list[str] = []
    reported: list[str] = []
    unchanged: list[str] = []
    elsewhere: list[str] = []
    for name in sorted(set(was) | set(now)):
        old, new = was.get(name, []), now.get(name, [])
        label = (old or new)[0].name
        if name == key:
            if len(new) > len(old):
                elsewhere.append(f"a channel was added: HECT now lists {len(new)} named '{label}'")
            elif not new:
                problems.append(f"'{label}' is no longer listed")
            continue
        if len(new) != len(old):
            reported.append(
                f"'{label}' was added" if len(new) > len(old) else f"'{label}' is no longer listed"
            )
            continue
        for o, n in zip(old, new, strict=True):
            if o == n:
                unchanged.append(n.name)
            elif expected_seller and n.seller == expected_seller != o.seller:
                elsewhere.append(
                    f"'{n.name}' now shows seller {n.seller} (this run's seller; it showed "
                    f"{o.seller or 'none'}): this consent may have linked it"
                )
            else:
                reported.append(f"'{n.name}' changed too ({o.summary()} -> {n.summary()})")
    return problems, reported, unchanged, elsewhere


def verification_of(
    judgement: Judgement, target: ChannelRecord, expected: str, zone: tzinfo
) -> Verification:
    result = judgement.result
    return Verification(
        channel=target.name,
        before=target.to_json(zone),
        after=result.to_json(zone) if result else None,
        expected_seller=expected or None,
        others_unchanged=judgement.unchanged,
        others_changed=judgement.reported,
        problems=judgement.problems,
        seller_checked=bool(expected and result and result.seller),
    )


def wrong_account_advice(platform: str, channel: str, linked: str, expected: str) -> str:
    return (
        f"'{channel}' now takes orders from seller {linked}'s account, not {expected}'s. "
        f'To repair it, run `hect-runbook reconnect {platform} --channel "{channel}" --force` '
        f"and sign in as Seller ID {expected}; if {linked} is right, accept it with "
        f"`--accept-seller {linked}`. No order poll was run"
    )


class VerifyAction:
    def describe(self, step: Verify) -> str:
        return "read the channel list again and compare"

    def perform(self, step: Verify, ctx: RunContext, linked: Linked) -> tuple[Verified, str]:
        opened = linked.opened
        reader = ctx.reopen_list(opened.list_url, ctx.timeout(step))
        judgement = judge(opened.before, reader.read_all(), opened.target, opened.expected_seller)
        ctx.record.verification = verification_of(
            judgement, opened.target, opened.expected_seller, ctx.settings.zone
        )
        for change in judgement.reported:
            ctx.say(f"Not this run's doing, so not a failure: {change}")
        if judgement.problems:
            message = "; ".join(judgement.problems)
            if judgement.wrong_seller:
                message += ". " + wrong_account_advice(
                    ctx.platform.key,
                    opened.target.name,
                    judgement.wrong_seller,
                    opened.expected_seller,
                )
            unchanged = judgement.result is not None and judgement.result.expired is not False
            if unchanged and (linked.hect_status or 0) >= 500:  # HECT failed, not the seller
                raise HectUnavailable(
                    f"HECT answered HTTP {linked.hect_status} when the private window came back"
                    f" from {ctx.platform.label}; {message}: run it again later",
                    channel=opened.target.name,
                )
            raise VerificationFailed(message, channel=opened.target.name)
        assert judgement.result is not None  # no problems: the channel is listed once
        result = judgement.result
        if not opened.expected_seller or not result.seller:
            ctx.say(
                f"HECT shows no Seller ID for '{result.name}': which account was linked could"
                " not be checked; check it in the marketplace"
            )
        others = len(judgement.unchanged)
        detail = (
            f"'{result.name}': {result.summary()}; {others} other channel"
            f"{'s' if others != 1 else ''} unchanged"
        )
        verification = ctx.record.verification
        return Verified(opened, result, verification, reader), detail
