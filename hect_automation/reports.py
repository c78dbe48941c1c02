"""Status for CI dashboards: a JUnit file (one testcase per channel) and a Markdown summary
(for ``$GITHUB_STEP_SUMMARY``). A channel that needs action is a failed testcase, with its
reason and the command that fixes it; a platform that could not be read is an error."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape
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


def ensure_writable(path: Path, what: str) -> None:
    """Refuse a report path that cannot be written before any work is done (exit 2)."""
    existed = path.exists()
    write(path, "", append=True, what=what)
    if not existed:
        path.unlink()


def write(path: Path, text: str, *, append: bool = False, what: str) -> None:
    """Write a report file; a path that cannot be written is bad input (exit 2)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a" if append else "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as exc:
        raise BadInput(f"cannot write {what} {path}: {exc.strerror or exc}") from None


def html(
    health: Sequence[Health],
    unreadable: dict[str, str],
    account: str,
    *,
    warn_days: int,
    critical_days: int,
    now: datetime,
) -> str:
    """A self-contained page: the table, and a timeline of every token's expiry over the
    warning and critical bands (no script, no outside file)."""
    needing = sum(1 for h in health if h.needs_action)
    rows = "\n".join(_html_row(h) for h in health)
    missing = "".join(
        f"<p class=bad><strong>{escape(k)} not read:</strong> {escape(why)}</p>"
        for k, why in unreadable.items()
    )
    return _PAGE.format(
        title=escape(f"HECT channels: {needing} of {len(health)} need action"),
        account=escape(account),
        checked=escape(now.strftime("%d/%m/%Y %H:%M")),
        rows=rows,
        missing=missing,
        timeline=_timeline(health, warn_days, critical_days, now),
    )


def _html_row(item: Health) -> str:
    days = "" if item.days_left is None else str(item.days_left)
    cells = [
        item.record.name,
        platform(item.platform).label,
        item.record.expiry_text,
        days,
        item.state.value,
        item.reason,
    ]
    tds = "".join(f"<td>{escape(c)}</td>" for c in cells)
    fix = f"<td><code>{escape(item.fix)}</code></td>" if item.fix else "<td></td>"
    return f'<tr class="{item.state.value.lower()}">{tds}{fix}</tr>'


def _timeline(health: Sequence[Health], warn_days: int, critical_days: int, now: datetime) -> str:
    """An SVG: one line per channel, a dot at its expiry; today, and the bands before it."""
    dated = [h for h in health if h.record.expiry is not None]
    if not dated:
        return "<p>No channel shows an expiry date.</p>"
    left, width, row = 180, 720, 28
    first = min([-30, *(h.days_left or 0 for h in dated)])
    last = max([warn_days + 30, *(h.days_left or 0 for h in dated)]) + 15

    def x(days: float) -> float:
        return left + (days - first) / (last - first) * width

    height = 40 + row * len(dated)
    parts = [
        f'<svg role="img" aria-label="Token expiry timeline" viewBox="0 0 {left + width + 20} '
        f'{height}" width="100%">',
        f'<rect class="warn" x="{x(critical_days):.1f}" y="20" '
        f'width="{x(warn_days) - x(critical_days):.1f}" height="{height - 20}"/>',
        f'<rect class="critical" x="{x(0):.1f}" y="20" width="{x(critical_days) - x(0):.1f}" '
        f'height="{height - 20}"/>',
        f'<line class="today" x1="{x(0):.1f}" x2="{x(0):.1f}" y1="12" y2="{height}"/>',
        f'<text x="{x(0):.1f}" y="12" text-anchor="middle">today</text>',
    ]
    for index, item in enumerate(dated):
        y = 40 + row * index
        days = item.days_left or 0
        when = item.record.expiry_text or ""
        name = escape(item.record.name)
        parts += [
            f'<text x="{left - 10}" y="{y + 4}" text-anchor="end">{name}</text>',
            f'<line class="track" x1="{left}" x2="{left + width}" y1="{y}" y2="{y}"/>',
            f'<circle class="{item.state.value.lower()}" cx="{x(days):.1f}" cy="{y}" r="7">'
            f"<title>{escape(item.record.name)}: {escape(item.state.value)}, expires "
            f"{escape(when)} ({days} days)</title></circle>",
        ]
    parts.append("</svg>")
    legend = (
        f'<p class="legend"><span class="key critical"></span> critical (under {critical_days} '
        f'days) <span class="key warn"></span> warning (under {warn_days} days)</p>'
    )
    return "\n".join(parts) + legend


_PAGE = """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1000px;
  color: #1b1d2e; padding: 0 1rem; }}
h1 {{ font-size: 1.4rem; }} .meta {{ color: #555; }}
table {{ border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; }}
th, td {{ text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd;
  vertical-align: top; }}
tr.relink_needed td, tr.seller_changed td, tr.critical td {{ background: #fdecec; }}
tr.expiring td, tr.unknown td {{ background: #fff6df; }}
code {{ font-size: .85rem; }} .bad {{ color: #a11; }}
svg text {{ font-size: 12px; fill: #333; }}
svg .track {{ stroke: #ccc; }} svg .today {{ stroke: #333; stroke-dasharray: 3 3; }}
svg rect.warn, .key.warn {{ fill: #ffe9a8; background: #ffe9a8; }}
svg rect.critical, .key.critical {{ fill: #f8c4c4; background: #f8c4c4; }}
svg circle {{ fill: #2e7d32; }}
svg circle.relink_needed, svg circle.seller_changed, svg circle.critical {{ fill: #c62828; }}
svg circle.expiring, svg circle.unknown {{ fill: #e69500; }}
.key {{ display: inline-block; width: 1rem; height: .8rem; margin-left: 1rem; }}
</style></head><body>
<h1>{title}</h1>
<p class="meta">Account {account} · read {checked}</p>
<h2>Token expiry</h2>
{timeline}
<h2>Channels</h2>
<table>
<thead><tr><th>channel</th><th>platform</th><th>token expiry</th><th>days left</th>
<th>state</th><th>reason</th><th>fix</th></tr></thead>
<tbody>
{rows}
</tbody></table>
{missing}
</body></html>
"""
