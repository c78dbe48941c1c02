"""``verify``: read HECT again and confirm the intended channel, and only it, reconnected."""

from __future__ import annotations

from collections import defaultdict

from hect_automation.actions.base import Run
from hect_automation.errors import VerificationFailed
from hect_automation.hect.channels import ChannelList, ChannelRecord, read_channel_list
from hect_automation.report import Verification
from hect_automation.runbook import Verify


def _by_name(channels: ChannelList) -> dict[str, list[ChannelRecord]]:
    grouped: dict[str, list[ChannelRecord]] = defaultdict(list)
    for record in channels.records:
        grouped[" ".join(record.name.split()).casefold()].append(record)
    return grouped


def differences(before: ChannelList, after: ChannelList, target: ChannelRecord) -> list[str]:
    """Everything about ``after`` that is not "target reconnected, all else as before"."""
    problems: list[str] = []
    was, now = _by_name(before), _by_name(after)
    key = " ".join(target.name.split()).casefold()
    for name in sorted(set(was) | set(now)):
        old, new = was.get(name, []), now.get(name, [])
        label = (old or new)[0].name
        if len(new) > len(old):
            problems.append(f"a channel was added: HECT now lists {len(new)} named '{label}'")
        elif len(new) < len(old):
            problems.append(
                f"'{label}' is no longer listed" if not new else f"a '{label}' channel went missing"
            )
        elif name != key:
            problems += [
                f"'{label}' changed too: {o.summary()} -> {n.summary()}"
                for o, n in zip(old, new, strict=True)
                if o != n
            ]
    if len(now.get(key, [])) != 1:
        return problems
    result = now[key][0]
    if result.expired is not False:
        problems.append(f"'{result.name}' still shows '{result.status or 'no status'}'")
    if target.expiry and result.expiry and result.expiry <= target.expiry:
        problems.append(
            f"the token expiry of '{result.name}' did not move on ({result.expiry_text})"
        )
    if target.seller and result.seller != target.seller:
        problems.append(
            f"wrong account linked: '{result.name}' now shows seller {result.seller or 'none'}, "
            f"expected {target.seller}"
        )
    return problems


class VerifyAction:
    def describe(self, step: Verify) -> str:
        return "read the channel list again and compare"

    def perform(self, step: Verify, run: Run) -> str:
        assert run.before is not None and run.target is not None and run.channel_list_url
        timeout = step.timeout or run.settings.timeout
        run.site.open(run.channel_list_url)
        after = read_channel_list(run.site.page, run.runbook.platform, timeout)
        problems = differences(run.before, after, run.target)
        if problems:
            raise VerificationFailed("; ".join(problems), channel=run.target.name)
        result = after.find(run.target.name)
        others = [r.name for r in after.records if r.name != result.name]
        if not run.target.seller:
            run.listener.say(
                f"HECT shows no Seller ID for '{result.name}': which account was linked could"
                " not be checked; check it in the marketplace"
            )
        run.record.verification = Verification(
            channel=result.name,
            before=run.target.to_json(),
            after=result.to_json(),
            others_unchanged=others,
            seller_checked=bool(run.target.seller),
        )
        unchanged = f"; {len(others)} other channel{'s' if len(others) != 1 else ''} unchanged"
        return f"'{result.name}': {result.summary()}{unchanged}"
