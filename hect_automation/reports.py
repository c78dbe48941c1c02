"""Status for CI dashboards: a JUnit file (one testcase per channel) and a Markdown summary
(for ``$GITHUB_STEP_SUMMARY``). A channel that needs action is a failed testcase, with its
reason and the command that fixes it; a platform that could not be read is an error."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree as ET

from hect_automation.errors import BadInput
from hect_automation.health import Health
from hect_automation.platforms import platform


def junit(health: Sequence[Health], unreadable: dict[str, str], account: str) -> str:
    """A JUnit XML document of one status reading."""
    failures = sum(1 for h in health if h.needs_action)
    suite = ET.Element(
        "testsuite",
        name=f"HECT channels ({account})",
        tests=str(len(health) + len(unreadable)),
        failures=str(failures),
        errors=str(len(unreadable)),
    )
    for item in health:
        case = ET.SubElement(
            suite, "testcase", classname=f"hect.{item.platform}", name=item.record.name
        )
        if item.needs_action:
            failure = ET.SubElement(case, "failure", message=f"{item.state.value}: {item.reason}")
            failure.text = f"{item.reason}\nFix: {item.fix}" if item.fix else item.reason
    for key, why in unreadable.items():
        case = ET.SubElement(suite, "testcase", classname=f"hect.{key}", name="channel list")
        ET.SubElement(case, "error", message=why)
    ET.indent(suite)
    return ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"


def markdown(health: Sequence[Health], unreadable: dict[str, str], account: str) -> str:
    """A Markdown table of one status reading, most urgent first."""
    needing = sum(1 for h in health if h.needs_action)
    lines = [
        f"### HECT channels: {needing} of {len(health)} need action",
        "",
        f"Account: `{account}`",
        "",
        "| channel | platform | state | days left | reason | fix |",
        "|---|---|---|---|---|---|",
    ]
    for item in sorted(health, key=lambda h: (not h.needs_action, h.days_left or 0)):
        days = "" if item.days_left is None else str(item.days_left)
        fix = f"`{item.fix}`" if item.fix else ""
        cells = [item.record.name, platform(item.platform).label, item.state.value, days]
        cells += [item.reason, fix]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines += [f"\n**{key} not read:** {why}" for key, why in unreadable.items()]
    return "\n".join(lines) + "\n"


def write(path: Path, text: str, *, append: bool = False, what: str) -> None:
    """Write a report file; a path that cannot be written is bad input (exit 2)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a" if append else "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as exc:
        raise BadInput(f"cannot write {what} {path}: {exc.strerror or exc}") from None
