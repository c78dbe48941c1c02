"""Finding things as a person does, on small pages: the finders, the preference among
alternatives, and the moves a person makes to reach what is hidden."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, Route
from pydantic import SecretStr

from hect_automation.actions.isolate import OpenIsolatedAction
from hect_automation.actions.navigate import channel_list, navigate, opens_a_window
from hect_automation.browser import new_hect_context
from hect_automation.errors import ChannelChoiceError, PageMismatch
from hect_automation.hect.capture import Held, capture_navigation
from hect_automation.hect.orders import OrderPoller, PollStarted
from hect_automation.hect.reach import Reach
from hect_automation.hect.reader import ChannelReader
from hect_automation.hect.session import Credentials, HectSite
from hect_automation.hect.settle import install_watch
from hect_automation.locate import exactly, pick
from hect_automation.platforms import platform
from hect_automation.runbook import Click, OpenIsolated, Target, runbook_for
from hect_automation.sandbox.state import Tenant

pytestmark = pytest.mark.e2e


@pytest.fixture
def moves(page: Page) -> list[str]:
    install_watch(page.context)
    return []


def reach(page: Page, moves: list[str], html: str, target: Target) -> str:
    page.set_content(html)
    found = Reach(page, moves.append).find(page, [target], 3)
    assert found is not None, f"not reached; moves: {moves}"
    return found.evaluate("e => e.textContent.trim()")


def test_the_first_alternative_wins_over_page_order(page: Page) -> None:
    page.set_content('<div>Amazon</div><p><a href="#a">Amazon</a></p>')
    found = pick(page, [Target(control="Amazon")])
    assert found is not None and found.evaluate("e => e.tagName") == "A"


def test_a_link_of_a_later_alternative_wins_over_plain_words_of_an_earlier_one(
    page: Page,
) -> None:
    """'Amazon' exactly, or a name starting with Amazon: the link 'Amazon 2' (its channel
    count in a badge) is the way, not the word 'Amazon' beside an Install button. Before,
    the first alternative's plain text won, and the click went nowhere (a skin written
    blind: tables)."""
    page.set_content("""<a href="#list">Amazon <span class="badge">2</span></a>
      <ul><li><span>Amazon</span> <a href="#install">Install Channel</a></li></ul>""")
    found = pick(page, [Target(control="Amazon"), Target(control=r"/^\W*amazon\b(?!.*install)/i")])
    assert found is not None and found.evaluate("e => e.getAttribute('href')") == "#list"


@pytest.mark.parametrize(
    "html",
    [
        '<a href="#">Settings</a>',
        "<button>Settings</button>",
        '<div role="tablist"><button role="tab">Settings</button></div>',
        '<ul role="menu"><li role="menuitem">Settings</li></ul>',
        '<div onclick="void 0" style="cursor:pointer">Settings</div>',
        '<a href="#" aria-label="Settings"><svg width="10" height="10"></svg></a>',
        '<a href="#" title="Settings"><svg width="10" height="10"></svg></a>',
    ],
)
def test_a_control_is_anything_a_person_clicks_with_that_name(page: Page, html: str) -> None:
    page.set_content(f"<h1>Settings</h1>{html}")
    found = pick(page, [Target(control="Settings")])
    assert found is not None and found.evaluate("e => e.tagName") != "H1"


@pytest.mark.parametrize(
    "html",
    [
        '<img src="data:," alt="Success" width="20" height="20">',
        '<svg role="img" aria-label="Success" width="20" height="20"></svg>',
        '<figure><img src="data:," width="9" height="9"><figcaption>Success</figcaption></figure>',
        '<div><img src="data:," alt="" width="20" height="20"><h2>Success!</h2></div>',
    ],
)
def test_the_success_image_by_alt_label_caption_or_the_text_beside_it(
    page: Page, html: str
) -> None:
    page.set_content(html)
    assert pick(page, [Target(image="/success/i")]) is not None


def test_a_cards_harmless_control_stands_for_its_heading_when_nothing_is_named_so(
    page: Page,
) -> None:
    """Cards headed "Amazon" and "eBay", each with "View channels" (and Amazon's with
    "Install" too): Amazon's "View channels" is the way to Amazon, never an Install, never
    another card's. Before, 'Amazon' was not found (a skin written blind: steps)."""
    card = '<li><h2>{0}</h2><p>3 channels</p>{1}<a href="#{0}">View channels</a></li>'
    page.set_content(
        "<h1>Sales Channels</h1><ul>"
        + card.format("eBay", "")
        + card.format("Amazon", '<a href="#install">Install</a>')
        + "</ul>"
    )
    found = pick(page, [Target(control="Amazon")])
    assert found is not None and found.get_attribute("href") == "#Amazon"
    page.set_content('<h2>Amazon</h2><a href="#a">Amazon</a><a href="#v">View channels</a>')
    named = pick(page, [Target(control="Amazon")])
    assert named is not None and named.get_attribute("href") == "#a"  # its name comes first
    # a form's buttons and a way back are never "the way to" the part's title
    page.set_content("""<section><h2>Order Poll</h2><a href="#list">Back to the list</a>
      <form><input><button>Go</button><button type="button">Cancel</button></form></section>""")
    assert pick(page, [Target(control="Order Poll")]) is None


def test_an_announcement_is_closed_by_its_harmless_button(page: Page, moves: list[str]) -> None:
    html = """<a href="#">Settings</a>
      <div role="dialog" aria-modal="true" style="position:fixed;inset:0;background:#fff">
        <h2>What's new</h2><button>Delete my account</button>
        <button onclick="this.closest('[role=dialog]').remove()">Got it</button></div>"""
    page.set_content(html)
    reacher = Reach(page, moves.append)
    found = reacher.find(page, [Target(control="Settings")], 3)
    assert found is not None  # there, but covered: the click is what it would spoil
    assert reacher.ready(found)
    assert moves == ["closed 'What's new' with its 'Got it' button"]


def test_a_page_drawing_nothing_over_its_content_is_clicked_without_marks(
    page: Page, moves: list[str]
) -> None:
    """No script runs on the element and nothing is written into HECT's page: before, each
    element found was marked (data-hect-pick), which costs a second copy of Playwright's
    selector engine in every page (see README, Benchmarks)."""
    page.set_content("""<header style="position:relative"><a href="#s">Settings</a></header>
      <a href="#" style="position:absolute;left:-999px">Skip to content</a><p>Welcome</p>""")
    reacher = Reach(page, moves.append)
    found = reacher.find(page, [Target(control="Settings")], 3)
    assert found is not None and reacher.ready(found)
    found.click()
    assert page.url.endswith("#s") and moves == []
    assert page.evaluate("() => document.querySelectorAll('[data-hect-pick], [data-hect-layer]')"
                         ".length") == 0  # fmt: skip


COVERS = {
    "a fixed cookie bar": """<div style="position:fixed;inset:0;background:#fff">
        <p>We use cookies</p><button onclick="this.parentElement.remove()">Accept</button></div>""",
    "a tour's bubble placed over it": """<div style="position:absolute;left:0;top:0;right:0;
        height:200px;background:#ffd;z-index:5"><h3>Tip</h3>
        <button onclick="this.parentElement.remove()">Got it</button></div>""",
    "a dialog in a shadow root": """<div id="host"></div><script>
        const root = host.attachShadow({mode: 'open'});
        root.innerHTML = `<div role="dialog" style="position:fixed;inset:0;background:#fff">
          <h2>Tip</h2><button onclick="this.parentElement.remove()">Close</button></div>`;
        </script>""",
}


@pytest.mark.parametrize("cover", COVERS.values(), ids=list(COVERS))
def test_what_lies_over_the_target_is_closed_before_the_click(
    page: Page, moves: list[str], cover: str
) -> None:
    page.set_content(f'<a href="#s" style="display:block;margin:40px">Settings</a>{cover}')
    reacher = Reach(page, moves.append)
    found = reacher.find(page, [Target(control="Settings")], 3)
    assert found is not None and reacher.ready(found)
    assert len(moves) == 1 and moves[0].startswith("closed '"), moves
    found.click(timeout=2000)
    assert page.url.endswith("#s")


def test_a_collapsed_menu_is_opened(page: Page, moves: list[str]) -> None:
    html = """<button aria-expanded="false" aria-controls="nav"
        onclick="nav.hidden=false;this.setAttribute('aria-expanded','true')">Menu</button>
      <nav id="nav" hidden><a href="#s">Settings</a></nav>"""
    assert reach(page, moves, html, Target(control="Settings")) == "Settings"
    assert moves == ["opened 'Menu' to reach 'Settings'"]


def test_a_control_is_called_by_its_label_not_the_initials_or_icon_on_it(
    page: Page, moves: list[str]
) -> None:
    """The run's notes name an icon or initials button as a screen reader would (before:
    "opened 'SU' to reach 'Settings'")."""
    html = """<button aria-label="Account menu" aria-expanded="false" aria-controls="m"
        onclick="m.hidden=false;this.setAttribute('aria-expanded','true')">SU</button>
      <nav id="m" hidden><a href="#s">Settings</a></nav>"""
    assert reach(page, moves, html, Target(control="Settings")) == "Settings"
    assert moves == ["opened 'Account menu' to reach 'Settings'"]


def test_a_harmless_label_on_a_harmful_button_is_not_believed(page: Page, moves: list[str]) -> None:
    page.set_content("""<a href="#">Settings</a>
      <div role="dialog" aria-modal="true" style="position:fixed;inset:0;background:#fff">
        <h2>Offer</h2><button aria-label="Close" onclick="document.title='deleted'">Delete
        my account</button></div>""")
    reacher = Reach(page, moves.append)
    assert not reacher.dismiss_layers()
    assert page.title() != "deleted"
    assert moves == []  # Escape was pressed, but closed nothing: not said to have closed it


def test_a_rows_actions_shown_only_under_the_pointer_are_pointed_at(
    page: Page, moves: list[str]
) -> None:
    """A row's actions drawn only while the row is hovered (CSS :hover, no script): the
    pointer rests on the row, as a person's does. Before, the link was never found (a skin
    written blind: hover)."""
    html = """<style>.acts { visibility: hidden } tr:hover .acts { visibility: visible }</style>
      <table><tr><td>Amazon UK</td><td>Token Expired</td>
      <td><span class="acts"><a href="#c">Connect Channel</a></span></td></tr></table>"""
    assert reach(page, moves, html, Target(control="/connect channel/i")) == "Connect Channel"
    assert moves == ["pointed at what holds 'connect channel'"]


def test_a_tab_is_chosen(page: Page, moves: list[str]) -> None:
    html = """<div role="tablist">
        <button role="tab" aria-selected="true">General</button>
        <button role="tab" aria-selected="false" aria-controls="p2" id="t2"
          onclick="p2.hidden=false">Sales</button></div>
      <div role="tabpanel" id="p2" aria-labelledby="t2" hidden><a href="#">Amazon</a></div>"""
    assert reach(page, moves, html, Target(control="Amazon")) == "Amazon"
    assert moves == ["opened 'Sales' to reach 'Amazon'"]


def test_a_closed_section_is_opened(page: Page, moves: list[str]) -> None:
    html = "<details><summary>Amazon UK</summary><a href='#'>Connect Channel</a></details>"
    assert reach(page, moves, html, Target(control="/connect channel/i")) == "Connect Channel"
    assert moves == ["opened 'Amazon UK' to reach 'connect channel'"]


def test_nothing_that_changes_data_is_clicked_to_look(page: Page, moves: list[str]) -> None:
    page.set_content(
        """<button aria-expanded="false" onclick="document.title='deleted'">Delete channel</button>
        <p>no Settings here</p>"""
    )
    assert Reach(page, moves.append).find(page, [Target(control="Settings")], 1) is None
    assert page.title() != "deleted"


def test_from_one_list_to_the_next_the_walk_starts_at_what_the_page_shows(
    browser: Browser, account: Tenant
) -> None:
    """On Amazon's channel list, a person wanting eBay's clicks Sales Channels (or eBay)
    there; they do not go back to HECT's home and Settings first."""
    context = new_hect_context(browser, timeout=8)
    context.add_cookies(account.hect_login(account.scenario.users[0].email))  # type: ignore[arg-type]
    site = HectSite(browser, context, account.urls["hect"], lambda: None, timeout=8)  # type: ignore[arg-type, return-value]
    visited: list[str] = []
    site.page.on("framenavigated", lambda frame: visited.append(urlsplit(frame.url).path))
    try:
        amazon = channel_list(site, runbook_for("amazon"), 8)
        assert visited[0] == "/" and "/settings" in visited  # the first walk: from home
        visited.clear()
        ebay = channel_list(site, runbook_for("ebay"), 8)
    finally:
        context.close()
    assert {r.name for r in amazon.records} == {"Amazon UK", "Amazon DE"}
    assert {r.name for r in ebay.records} == {"eBay UK"}
    assert "/" not in visited and "/settings" not in visited, visited
    assert visited[-1].endswith("/ebay")


@pytest.mark.parametrize(
    ("menu", "picked"),
    [
        # A list of names beside one channel's details: each is picked to read it.
        ('<ul><li><a href="#uk">Amazon UK</a></li><li><a href="#de">Amazon DE</a></li></ul>', 1),
        # A menu that merely names the channel among things to do: nothing in it is clicked.
        ('<ul><li><a href="#uk">Amazon UK</a></li><li><a href="#out">Log out</a></li></ul>', 0),
    ],
)
def test_one_channel_at_a_time_is_read_by_picking_names_never_actions(
    page: Page, menu: str, picked: int
) -> None:
    details = {
        "uk": ("Amazon UK", "Token Expired", "A1ACMETRADEUK1"),
        "de": ("Amazon DE", "Connected", "A2ACMETRADEDE2"),
        "out": ("Signed out", "", ""),
    }
    page.set_content(
        f"""<nav>{menu}</nav><section id="pane"></section>
        <script>
        const details = {json.dumps(details)};
        const draw = () => {{
          const [name, status, seller] = details[location.hash.slice(1) || 'uk'];
          document.querySelector('#pane').innerHTML = status ?
            `<h2>${{name}}</h2><p>Status: ${{status}}</p><p>Seller ID: ${{seller}}</p>` :
            `<h2>${{name}}</h2>`;
        }};
        addEventListener('hashchange', draw); draw();
        </script>"""
    )
    notes: list[str] = []
    reader = ChannelReader(
        page, platform("amazon"), 3, click=lambda c, *_, **__: c.click(), note=notes.append
    )
    names = [r.name for r in reader.read_all().records]
    assert names == ["Amazon UK", "Amazon DE"][: 1 + picked]
    assert page.evaluate("location.hash") != "#out"
    assert bool(notes) == bool(picked)


GEAR = """<header><button popovertarget="menu"><svg role="img" width="20" height="20">
    <title>Settings</title><circle cx="10" cy="10" r="8"/></svg></button>
  <div id="menu" popover><a href="/settings">Settings</a><a href="/logout">Log out</a></div>
  </header><main><h1>{title}</h1>
  <p role="status">2 sales channels need reconnecting: Amazon UK, eBay UK.</p>{extra}</main>"""
# A product tour as Shepherd.js draws it: 300 ms after the page, a dimmed page under an
# aria-hidden overlay, and a step bubble that is a plain (not modal) dialog.
TOUR = """<script>setTimeout(() => {
  document.body.insertAdjacentHTML('beforeend', `
    <div id="dim" aria-hidden="true" style="position:fixed;inset:0;background:#0008"></div>
    <div role="dialog" aria-labelledby="t" style="position:fixed;top:30%;left:30%;
      background:#fff;padding:1em"><h3 id="t">Welcome to the new HECT</h3>
      <button onclick="dim.remove();this.parentElement.remove()">Skip tour</button></div>`);
}, 300)</script>"""


def small_hect(browser: Browser, pages: dict[str, str]) -> HectSite:
    """A HECT tab on small pages served at http://hect.test/<path>."""
    context = new_hect_context(browser, timeout=5)
    context.route(
        "http://hect.test/**",
        lambda route: route.fulfill(
            content_type="text/html",
            body=pages.get(urlsplit(route.request.url).path, "<h1>Not found</h1>"),
        ),
    )
    site = HectSite(browser, context, "http://hect.test", lambda: None, timeout=5)  # type: ignore[arg-type, return-value]
    site.open()
    return site


def step(*targets: Target) -> Click:
    return Click(say="Click", do="click", target=list(targets))


CHAT = """<div role="dialog" aria-label="Chat with us" style="position:fixed;right:0;bottom:0;
  width:200px;height:80px;background:#eef"><button onclick="document.title='chat closed'">
  Close</button></div>"""


@pytest.mark.parametrize(
    "tour",
    ["", TOUR, CHAT, CHAT + TOUR],
    ids=["plain", "with a tour coming up", "with a chat panel beside it", "with both"],
)
def test_a_control_that_opens_a_menu_holding_its_namesake_is_followed_into_it(
    browser: Browser, tour: str
) -> None:
    """A gear whose only name is 'Settings' opens a popover with the 'Settings' link: a
    person clicks that too. Before, the click on the gear counted as the step ('now on
    Dashboard'), and the next step found 'sales channels' in a sentence. A tour coming up
    meanwhile closes the menu (a popover closes on any click elsewhere): it is opened
    again. Both were found by a skin written blind (datagrid). A dialog beside the target
    (a chat panel) is left alone, and two at once are no error."""
    notes: list[str] = []
    site = small_hect(
        browser,
        {
            "/": GEAR.format(title="Dashboard", extra=tour),
            "/settings": "<h1>Settings</h1><a href='/sc'>Sales Channels</a>",
        },
    )
    site.say = site.reach.note = notes.append
    try:
        navigate(site, step(Target(control="Settings")), 5)
        assert urlsplit(site.page.url).path == "/settings", notes
        assert "'Settings' showed another 'Settings'; choosing that" in notes
        if tour == CHAT:  # not in the way: left alone (a tour over the page closes it too)
            assert not any("Chat with us" in note for note in notes), notes
    finally:
        site.context.close()


GO_TO = """<form action="/go"><label>Go to <select name="to"{script}>
  <option value="/" selected>Dashboard</option><option value="/orders">Orders</option>
  <option value="/settings">Settings</option></select></label><button>Go</button></form>"""


@pytest.mark.parametrize("script", [' onchange="location.href = this.value"', ""])
def test_a_target_that_is_an_option_of_a_drop_down_list_is_chosen_there(
    browser: Browser, script: str
) -> None:
    """Navigation drawn as a native drop-down list ("Go to": Dashboard, Orders, Settings)
    that goes to its page when chosen, or once its Go button is pressed: 'Settings' is
    chosen there, as a person does. Before, step 2 ended 4, "'Settings' not found" (a skin
    written blind: compact)."""
    notes: list[str] = []
    site = small_hect(
        browser,
        {
            "/": "<h1>Dashboard</h1>" + GO_TO.format(script=script),
            "/settings": "<h1>Settings</h1>",
            "/go": "<h1>Settings</h1><p>(the form's answer)</p>",
        },
    )
    site.say = site.reach.note = notes.append
    try:
        navigate(site, step(Target(control="Settings")), 5)
        assert site.page.get_by_role("heading", name="Settings").is_visible(), notes
        assert "chose 'Settings' in a drop-down list to reach 'Settings'" in notes
        assert urlsplit(site.page.url).path == ("/settings" if script else "/go")
    finally:
        site.context.close()


# A navigation tree as WAI-ARIA's example draws it: the group's item owns its group, shown
# only once the item is clicked open; its label is a span of its own.
TREE = """<ul role="tree" aria-label="Main"><li role="none">
  <span role="treeitem" aria-expanded="false" aria-owns="g" tabindex="0"
    onclick="const open = this.getAttribute('aria-expanded') === 'true';
             this.setAttribute('aria-expanded', String(!open)); g.hidden = open">
    <span>Settings</span></span>
  <ul role="group" id="g" hidden><li role="none"><a role="treeitem" href="/settings">Settings</a>
  </li><li role="none"><a role="treeitem" href="/sc">Sales Channels</a></li></ul></li></ul>
  <main><h1>Dashboard</h1></main>"""


def test_a_tree_group_showing_its_namesake_is_followed_into_it_not_shut_again(
    browser: Browser,
) -> None:
    """A sidebar tree whose 'Settings' group shows a 'Settings' item once open: the item is
    clicked next. Before, the group's own label (also 'Settings', newly matched as the
    group's name changed) was taken for what the click showed, and clicking it shut the
    group again (a skin written blind: steps)."""
    notes: list[str] = []
    site = small_hect(browser, {"/": TREE, "/settings": "<h1>Settings</h1>"})
    site.say = site.reach.note = notes.append
    try:
        navigate(site, step(Target(control="Settings")), 5)
        assert urlsplit(site.page.url).path == "/settings", notes
    finally:
        site.context.close()


def test_plain_text_is_a_control_by_its_start_never_a_sentence_around_it(
    browser: Browser,
) -> None:
    """'/sales channels/i' as plain text is 'Sales Channels (3)', not '2 sales channels need
    reconnecting…': with no such control shown, the menu that holds it is opened."""
    menu = """<button aria-expanded="false" aria-controls="nav"
        onclick="nav.hidden=false;this.setAttribute('aria-expanded','true')">Menu</button>
      <nav id="nav" hidden><span onclick="location='/sc'">Sales Channels (3)</span></nav>"""
    site = small_hect(
        browser,
        {"/": GEAR.format(title="Dashboard", extra=menu), "/sc": "<h1>Sales Channels</h1>"},
    )
    try:
        navigate(
            site, step(Target(control="Sales Channels"), Target(control="/sales channels/i")), 5
        )
        assert urlsplit(site.page.url).path == "/sc"
    finally:
        site.context.close()


def test_a_rows_expand_icon_shows_its_hidden_actions_in_the_row_drawn_after_it(
    page: Page, moves: list[str]
) -> None:
    """A table that collapses the columns that do not fit (DataTables' Responsive): the row's
    actions are hidden, and an icon-only "+" cell moves them into a row drawn after it. The
    table's own controls ('Show entries', whose aria-controls names the table) are not what
    hides them. Before, the 'Show entries' box was opened and the link never found (a skin
    written blind: tables)."""
    page.set_content("""<select aria-controls="t"><option>10</option><option>25</option></select>
      <table id="t"><tbody><tr id="r"><td tabindex="0" onclick="expand(this)"></td>
        <td>Amazon UK</td><td>Token Expired</td>
        <td id="actions" style="display:none"><a href="#c">Connect Channel</a></td></tr>
      </tbody></table>
      <script>function expand(cell) {
        const child = document.createElement('tr');
        const td = child.insertCell(); td.colSpan = 3;
        td.append(...document.getElementById('actions').childNodes);
        cell.closest('tr').after(child);
      }</script>""")
    row = page.locator("#r")
    found = Reach(page, moves.append).find(row, [Target(control="/connect channel/i")], 3)
    assert found is not None and found.get_attribute("href") == "#c"
    assert moves == ["opened 'an unnamed control' to reach 'connect channel'"]


def test_a_record_whose_cells_are_hidden_is_expanded_and_read_with_the_row_after_it(
    page: Page,
) -> None:
    """The same table read as a list: a record with hidden cells and an icon alone is
    opened, and the row drawn after it (its details: "Token Expiry: …" and its actions) is
    part of it. A row after the list that is no record's details is nobody's. Before, the
    expiry was never read (a skin written blind: tables)."""
    rows = [("uk", "Amazon UK", "Token Expired", "04/12/2026 10:00"),
            ("de", "Amazon DE", "Connected", "25/06/2027 10:00")]  # fmt: skip
    body = "".join(
        f"""<tr><td tabindex="0" onclick="expand(this)"></td><td>{name}</td><td>{status}</td>
        <td style="display:none">{expiry}</td>
        <td style="display:none"><a href="#{key}">Connect Channel</a></td></tr>"""
        for key, name, status, expiry in rows
    )
    page.set_content(f"""<table><thead><tr><th></th><th>Channel Name</th><th>Status</th>
      <th style="display:none">Token Expiry</th><th style="display:none">Actions</th></tr>
      </thead><tbody>{body}<tr><td></td><td colspan="2"><a href="#new">Add a channel</a></td></tr>
      </tbody></table>
      <script>function expand(cell) {{
        const row = cell.closest('tr'), [, , , expiry, actions] = row.cells;
        const child = document.createElement('tr');
        const td = child.insertCell(); td.colSpan = 3;
        td.innerHTML = `<span>Token Expiry:</span> <span></span>
          <span>Actions:</span> <span></span>`;
        td.children[1].append(...expiry.childNodes); td.children[3].append(...actions.childNodes);
        row.after(child);
      }}</script>""")
    notes: list[str] = []
    reader = ChannelReader(
        page, platform("amazon"), 3, click=lambda c, *_, **__: c.click(), note=notes.append
    )
    read = {r.name: r for r in reader.read_all().records}
    assert {n: r.expiry_text for n, r in read.items()} == {
        "Amazon UK": "04/12/2026 10:00",
        "Amazon DE": "25/06/2027 10:00",
    }
    assert notes == ["opened 2 folded channel record(s) to read their details"]
    uk = read["Amazon UK"].ref.locator()
    assert uk.get_by_role("link").evaluate_all("all => all.map(a => a.hash)") == ["#uk"]
    again = {r.name: r.expiry_text for r in reader.read_all().records}  # open: read as it is
    assert again == {n: r.expiry_text for n, r in read.items()} and len(notes) == 1


ASKS = """<button onclick="ask.showModal()">Connect Channel</button>
  <dialog id="ask"><p>Reconnect Amazon UK? You will be taken to Amazon to sign in.</p>
  <button onclick="ask.close()">Cancel</button>{go}</dialog>"""


# A go-ahead held back until a box is ticked (tickbox: "Continue to Amazon" disabled until
# "I have signed out of other … accounts, or I am using a private window" is ticked)
TICK = """<label><input type="checkbox" onchange="go.disabled = !this.checked"> {}</label>
  <button id="go" disabled onclick="window.open('http://market.test/consent')">Continue to
  Amazon</button>"""
PRIVATE = "I have signed out of other accounts, or I am using a private window"
DELETES = "I understand this deletes the channel's orders"


@pytest.mark.parametrize(
    ("go", "answered", "said"),
    [
        (
            "<button onclick=\"window.open('http://market.test/consent')\">Continue</button>",
            True,
            ["HECT asked first; pressed 'Continue'"],
        ),
        (
            "<button onclick=\"window.open('http://market.test/consent')\">Delete channel</button>",
            False,
            [],
        ),
        (  # a go-ahead's words that take something away, however they are put
            "<button onclick=\"window.open('http://market.test/consent')\">Confirm removal"
            "</button>",
            False,
            [],
        ),
        # a link (interstitial: "Before you connect", Cancel or "Continue to Amazon")
        (
            '<a href="http://market.test/consent">Continue</a>',
            True,
            ["HECT asked first; pressed 'Continue'"],
        ),
        (
            TICK.format(PRIVATE),
            True,
            [f"ticked '{PRIVATE}' to go on", "HECT asked first; pressed 'Continue to Amazon'"],
        ),
        (
            TICK.format(DELETES),
            False,
            [f"HECT asked to tick '{DELETES}' before going on; left unticked"],
        ),
        (TICK.format(""), False, ["HECT asked to tick '' before going on; left unticked"]),
    ],
    ids=[
        "continue",
        "delete",
        "confirm removal",
        "link",
        "a box to tick",
        "a box that deletes",
        "a box of no words",
    ],
)
def test_a_connect_control_that_asks_first_is_answered_with_its_go_ahead_only(
    browser: Browser, go: str, answered: bool, said: list[str]
) -> None:
    """Connect Channel opens a dialog asking to confirm; its Continue opens the consent page.
    The person meant to go on, so Continue is pressed, never a button that takes something
    away. Before, the capture waited out its time: "led nowhere" (a skin written blind: chips).
    A Continue held back until a box is ticked is let go by ticking it, unless the box's
    words give something away (before, "led nowhere": a skin written blind, tickbox)."""
    context = new_hect_context(browser, timeout=5)
    page = context.new_page()
    page.set_content(ASKS.format(go=go))
    notes: list[str] = []
    connect = page.get_by_role("button", name="Connect Channel")
    try:
        if answered:
            held = capture_navigation(
                context,
                connect.click,
                timeout=5,
                what="it",
                confirm=Reach(page, notes.append).go_ahead,
            )
            assert held.url == "http://market.test/consent"
            assert notes == said
        else:
            with pytest.raises(PageMismatch, match="led nowhere"):
                capture_navigation(
                    context,
                    connect.click,
                    timeout=1,
                    what="it",
                    confirm=Reach(page, notes.append).go_ahead,
                )
            assert notes == said and page.get_by_role("dialog").is_visible()
    finally:
        context.close()


def test_a_tag_beside_a_channels_name_is_not_part_of_it(page: Page) -> None:
    """'Amazon UK' with a small grey 'default' tag in its cell is the channel 'Amazon UK';
    a status drawn as a pill, alone in its cell, is still the status. Before, the channel
    was 'Amazon UK default' and the run exited 2 (a skin written blind: picker)."""
    tag = '<span style="font-size:10px;background:#9aa2ad;color:#fff">default</span>'
    pill = '<span style="background:#fdd">Token Expired</span>'
    page.set_content(f"""<table><thead><tr><th>Channel Name</th><th>Status</th>
      <th>Token Expiry</th></tr></thead><tbody>
      <tr><td>Amazon UK {tag}</td><td>{pill}</td><td>04/12/2026 10:00</td></tr>
      <tr><td>Amazon DE</td><td>Connected</td><td>25/06/2027 10:00</td></tr></tbody></table>""")
    reader = ChannelReader(page, platform("amazon"), 3, click=lambda c, *_, **__: c.click())
    read = {r.name: r.status for r in reader.read_all().records}
    assert read == {"Amazon UK": "Token Expired", "Amazon DE": "Connected"}


def test_a_table_grouped_under_heading_rows_is_read_row_by_row_under_its_lowest_headers(
    page: Page,
) -> None:
    """A table grouped by marketplace (a body and a heading row per group) under two header
    rows ('Connection' spans Status, Seller ID and Token expiry; 'Actions' is two rows tall)
    is read as its channel rows, each field under its own column. Before, each group was
    read as one channel named after its heading ('United Kingdom (1)'), and the run exited
    2 (a skin written blind: grouped)."""
    cells = "<td>{}</td><td>{}</td><td>{}</td><td>A1ACMETRADEUK1</td><td>{}</td>"
    row = f"<tr>{cells}<td><a href='#'>Order Poll</a></td></tr>"
    page.set_content(f"""<table><thead>
      <tr><th colspan="2">Channel</th><th colspan="3">Connection</th>
        <th rowspan="2">Actions</th></tr>
      <tr><th>Name</th><th>Marketplace</th><th>Status</th><th>Seller ID</th>
        <th>Token expiry</th></tr></thead>
      <tbody><tr><th scope="rowgroup" colspan="6">Germany (1)</th></tr>
      {row.format("Amazon DE", "Germany", "Connected", "25/06/2027 10:00")}</tbody>
      <tbody><tr><th scope="rowgroup" colspan="6">United Kingdom (1)</th></tr>
      {row.format("Amazon UK", "United Kingdom", "Token Expired", "04/12/2026 10:00")}</tbody>
      </table>""")
    reader = ChannelReader(page, platform("amazon"), 3, click=lambda c, *_, **__: c.click())
    read = {r.name: (r.marketplace, r.status, r.expiry_text) for r in reader.read_all().records}
    assert read == {
        "Amazon DE": ("Germany", "Connected", "25/06/2027 10:00"),
        "Amazon UK": ("United Kingdom", "Token Expired", "04/12/2026 10:00"),
    }


def test_a_lone_grid_row_is_read_whole_and_a_time_drawn_small_stays_with_its_date(
    page: Page,
) -> None:
    """One channel in a tree grid under a region row, its status a dot and a word, its expiry
    a date with the time below it in smaller grey type. Before, two of the row's cells alike
    in shape were taken for a list, the channel was read as just 'Token Expired' (no eBay
    channels, said status), and the time was dropped as if it were a tag beside the date (a
    skin written blind: dots)."""
    small = '<span style="display:block;font-size:11px;color:#888">16:15</span>'
    page.set_content(f"""<div role="treegrid">
      <div role="row"><div role="columnheader">Channel Name</div><div role="columnheader">
        Seller ID</div><div role="columnheader">Status</div><div role="columnheader">
        Token Expiry</div></div>
      <div role="row" aria-level="1" aria-expanded="true"><div role="gridcell">Europe</div></div>
      <div role="row" aria-level="2"><div role="gridcell">eBay UK</div>
        <div role="gridcell">acme_trading_uk</div>
        <div role="gridcell"><span style="color:red">●</span><span>Token Expired</span></div>
        <div role="gridcell"><span>27 Nov 2026</span>{small}</div></div></div>""")
    reader = ChannelReader(page, platform("ebay"), 3, click=lambda c, *_, **__: c.click())
    [read] = reader.read_all().records
    assert (read.name, read.status, read.seller) == ("eBay UK", "Token Expired", "acme_trading_uk")
    assert read.expiry_text == "27 Nov 2026 16:15"


def test_a_filter_choice_named_like_a_status_is_no_channel(page: Page) -> None:
    """A list's filter pills ("Show: All, Needs attention, Connected", radio buttons in their
    labels) above the table: the pill 'Connected' is a way of looking at the list, not a
    channel. Before, status listed a channel named 'Show', connected (a skin written blind:
    filters)."""
    page.set_content("""<fieldset><legend>Show</legend>
      <label><input type="radio" name="f" checked>All</label>
      <label><input type="radio" name="f">Needs attention</label>
      <label><input type="radio" name="f">Connected</label></fieldset>
      <table><tr><th>Channel</th><th>Status</th><th>Token expires</th></tr>
      <tr><td>Amazon UK</td><td>Token Expired</td><td>04/12/2026 10:00</td></tr>
      <tr><td>Amazon DE</td><td>Connected</td><td>25/06/2027 10:00</td></tr></table>""")
    reader = ChannelReader(page, platform("amazon"), 3, click=lambda c, *_, **__: c.click())
    assert [r.name for r in reader.read_all().records] == ["Amazon UK", "Amazon DE"]


def test_a_board_of_columns_headed_by_status_is_read_card_by_card_each_with_its_column(
    page: Page,
) -> None:
    """A status board: a column per status ("Token Expired · 1"), each a list of cards that
    say no status of their own, one card a column, one column empty, and a card awaiting its
    first link with no date. Before, each column was read as one channel, named '1' after
    its count (a skin written blind: board)."""
    card = """<li><a href="#"><strong>{}</strong></a><button>⋯</button><p>🇬🇧 United Kingdom</p>
      <dl><dt>Seller ID</dt><dd><code>{}</code></dd></dl><p><time>{}</time> (3 days ago)</p>
      {}</li>"""
    connect = "<button>Connect Channel</button>"
    uk = card.format("Amazon UK", "A1ACMETRADEUK1", "04 Dec 2026, 10:00", connect)
    page.set_content(f"""<h1>Amazon Channels</h1><div style="display:grid;grid-auto-flow:column">
      <section><h2>Token Expired <span>· 1</span></h2><ul>{uk}</ul></section>
      <section><h2>Awaiting Authorisation <span>· 1</span></h2>
        <ul><li><a href="#"><strong>Amazon FR</strong></a><button>⋯</button><p>🇫🇷 France</p>
          <dl><dt>Seller ID</dt><dd>—</dd></dl><p>Not set</p>{connect}</li></ul></section>
      <section><h2>Connected <span>· 1</span></h2>
        <ul>{card.format("Amazon DE", "A2ACMETRADEDE2", "25 Jun 2027, 10:00", "")}</ul></section>
      <section><h2>Disconnected <span>· 0</span></h2><p>Nothing here</p></section></div>""")
    reader = ChannelReader(page, platform("amazon"), 3, click=lambda c, *_, **__: c.click())
    records = {r.name: r for r in reader.read_all().records}
    assert list(records) == ["Amazon UK", "Amazon FR", "Amazon DE"]
    assert [r.status for r in records.values()] == [
        "Token Expired", "Awaiting Authorisation", "Connected"
    ]  # fmt: skip
    assert records["Amazon UK"].expired and not records["Amazon DE"].expired
    assert records["Amazon UK"].seller == "A1ACMETRADEUK1"
    assert records["Amazon FR"].seller == ""  # "—": none yet


def test_a_name_shown_in_a_text_box_is_read_but_not_what_was_typed_to_search(page: Page) -> None:
    """Names edited in place: each row's name is the value of a text box ("Channel name",
    a Rename button beside it). Before, each channel was read as 'Rename', the only words of
    its name's cell (a skin written blind: drawer). A name typed into a box to find a
    channel is not read as one (below: a card whose name is plain words)."""
    row = """<tr><td><input type="text" aria-label="Channel name" value="{}"><button>Rename</button>
      </td><td>{}</td><td>2026-12-04 10:00</td></tr>"""
    page.set_content(f"""<div role="dialog" aria-modal="true"><h2>Amazon channels</h2>
      <form role="search"><input type="text" aria-label="Find" value="Amazon DE"></form>
      <table><tr><th>Channel</th><th>Status</th><th>Token Expiry</th></tr>
      {row.format("Amazon UK", "Token Expired")}{row.format("Amazon DE", "Connected")}
      </table></div>""")
    reader = ChannelReader(page, platform("amazon"), 3, click=lambda c, *_, **__: c.click())
    read = reader.read_all().records
    assert [(r.name, r.status) for r in read] == [
        ("Amazon UK", "Token Expired"), ("Amazon DE", "Connected")
    ]  # fmt: skip

    page.set_content("""<div><input type="text" placeholder="Search channels" value="Amazon DE">
      <div><span>Amazon UK</span> <span>Token Expired</span> <span>04/12/2026 10:00</span></div>
      </div>""")
    reader = ChannelReader(page, platform("amazon"), 3, click=lambda c, *_, **__: c.click())
    [card] = reader.read_all().records
    assert (card.name, card.status) == ("Amazon UK", "Token Expired")


def test_rows_bound_by_a_cell_two_rows_tall_are_one_channel(page: Page) -> None:
    """Each channel its own table body of two rows: the name (a header cell two rows tall),
    its status and actions on the first, its expiry and Seller ID on the second. Before, only
    the first row was read: no expiry, no seller, so no order poll and no check of which
    seller was linked (a skin written blind: ledger)."""
    body = """<tbody><tr><th scope="rowgroup" rowspan="2"><b>{}</b><br><small>Germany</small></th>
      <td colspan="2">{}</td><td rowspan="2"><a href="#">Order Poll</a></td></tr>
      <tr><td><small>Token expiry</small> {}</td><td><small>Seller ID</small> {}</td></tr>
      </tbody>"""
    page.set_content(f"""<table><thead><tr><th>Channel</th><th>Status</th><th>Details</th>
      <th>Actions</th></tr></thead>
      {body.format("Amazon UK", "Token Expired", "04.12.2026 18:22", "A1ACMETRADEUK1")}
      {body.format("Amazon DE", "Connected", "25.06.2027 18:22", "A2ACMETRADEDE2")}</table>""")
    reader = ChannelReader(page, platform("amazon"), 3, click=lambda c, *_, **__: c.click())
    read = [(r.name, r.status, r.expiry_text, r.seller) for r in reader.read_all().records]
    assert read == [
        ("Amazon UK", "Token Expired", "04.12.2026 18:22", "A1ACMETRADEUK1"),
        ("Amazon DE", "Connected", "25.06.2027 18:22", "A2ACMETRADEDE2"),
    ]


def test_a_status_drawn_as_a_picture_is_read_by_its_name(page: Page) -> None:
    """No status words on the list: each status an icon, named by its aria-label, its SVG
    title or its alt text (as its tooltip and a screen reader say it). Before, every channel
    was read with no status, and HECT was said to show "" (a skin written blind: icons)."""
    svg = '<svg role="img" aria-label="Token Expired" width="9" height="9"><path d="M0 0h9v9z"/>'
    svg += "</svg>"
    titled = '<svg width="9" height="9"><title>Connected</title><circle r="4" cx="4" cy="4"/>'
    titled += "</svg>"
    img = '<img alt="Awaiting Authorisation" width="9" height="9" src="data:image/gif;base64,'
    img += 'R0lGODlhAQABAAAAACw=">'
    row = "<tr><td>{}</td><td>{}</td><td>{}</td></tr>"
    page.set_content(f"""<table><tr><th>Channel</th><th>Status</th><th>Token expiry</th></tr>
      {row.format("Amazon UK", svg, "Dec 4, 2026, 6:34 PM")}
      {row.format("Amazon DE", titled, "Jun 25, 2027, 6:34 PM")}
      {row.format("Amazon FR", img, "Jun 25, 2027, 6:34 PM")}</table>""")
    reader = ChannelReader(page, platform("amazon"), 3, click=lambda c, *_, **__: c.click())
    read = [(r.name, r.status, r.expiry) for r in reader.read_all().records]
    assert read == [
        ("Amazon UK", "Token Expired", datetime(2026, 12, 4, 18, 34)),
        ("Amazon DE", "Connected", datetime(2027, 6, 25, 18, 34)),
        ("Amazon FR", "Awaiting Authorisation", datetime(2027, 6, 25, 18, 34)),
    ]


def test_a_date_written_relative_to_today_is_read_by_its_tooltip_or_its_time(page: Page) -> None:
    """The expiry shown as "3 days ago" or "in 7 months", the exact date in its tooltip (a
    title) or a <time>'s datetime, as a person reads it by pointing at it. Before, no expiry
    was read: the order poll was skipped ("HECT shows no token expiry date") and the
    verification could not see the date move (a skin written blind: relative)."""
    row = "<tr><td>{}</td><td>{}</td><td>{}</td></tr>"
    page.set_content(f"""<table><tr><th>Channel</th><th>Status</th><th>Token expiry</th></tr>
      {
        row.format(
            "Amazon UK",
            "Token Expired",
            '<time datetime="2026-12-04T18:34Z" title="04 Dec 2026, 18:34">3 days ago</time>',
        )
    }
      {row.format("Amazon DE", "Connected", '<time datetime="2027-06-25T18:34">in 7 months</time>')}
      {row.format("Amazon FR", "Connected", '<span title="25/06/2027 18:34">in 7 months</span>')}
      </table>""")
    reader = ChannelReader(page, platform("amazon"), 3, click=lambda c, *_, **__: c.click())
    read = [(r.name, r.expiry) for r in reader.read_all().records]
    assert read == [
        ("Amazon UK", datetime(2026, 12, 4, 18, 34)),
        ("Amazon DE", datetime(2027, 6, 25, 18, 34)),
        ("Amazon FR", datetime(2027, 6, 25, 18, 34)),
    ]


@pytest.mark.parametrize(
    "markup",
    [
        # a card alone: its name the heading, one line of small text under it
        """<h1>eBay Channels</h1><div><article><h2><a href="#">eBay UK</a></h2>
        <p><small><span>United Kingdom</span> · <span><span>Seller ID</span> acme_trading_uk
        </span> · <span>Token Expired</span> · <span><span>Token expiry</span> 27/11/2026 23:06
        </span></small></p><p><a href="#">Connect Channel</a> <a href="#">Order Poll</a></p>
        </article></div>""",
        # a row alone under the list's heading: the heading is the list's, not the channel's
        """<h1>Settings</h1><section><h2>eBay channels</h2><div><span>eBay UK</span> ·
        <span>United Kingdom</span> · <span>Token Expired</span> · <span>27/11/2026 23:06</span>
        <a href="#">Connect Channel</a></div></section>""",
    ],
)
def test_a_channel_alone_is_named_by_its_own_heading_not_the_lists(page: Page, markup: str) -> None:
    """One channel on the page: a card's heading is its name when the words under it are only
    a marketplace, a Seller ID and labelled fields; a heading over a row that says a name of
    its own is the list's. Before, the lone card was not read at all ("no eBay channels on
    the page"; a skin written blind: compact)."""
    page.set_content(markup)
    reader = ChannelReader(page, platform("ebay"), 3, click=lambda c, *_, **__: c.click())
    read = [(r.name, r.seller, r.expiry) for r in reader.read_all().records]
    seller = "acme_trading_uk" if "Seller ID" in markup else ""
    assert read == [("eBay UK", seller, datetime(2026, 11, 27, 23, 6))]


def test_details_kept_on_each_channels_own_page_are_read_there(browser: Browser) -> None:
    """A list of names and statuses only, each row a link to the channel's own page, where
    its Seller ID and expiry are: each page is opened, read and left, as a person does, and
    the list is shown again. Before, no expiry or seller was read: no order poll, and no
    check of the linked seller (a skin written blind: detail)."""
    row = '<li><a href="/c/{}"><b>{}</b> <span>United Kingdom</span> <em>{}</em></a></li>'
    page = """<section><h2>{0}</h2><dl><dt>Status</dt><dd>{1}</dd><dt>Seller ID</dt>
      <dd>{2}</dd><dt>Token expiry</dt><dd>{3}</dd></dl></section>
      <a href="/list">Back to Amazon channels</a>"""
    site = small_hect(
        browser,
        {
            "/": "<a href='/list'>Amazon</a>",
            "/list": "<ul>"
            + row.format(1, "Amazon UK", "Token Expired")
            + row.format(2, "Amazon DE", "Connected")
            # a row that is a link away from HECT (the marketplace's) is never followed
            + '<li><a href="http://market.test/consent"><b>Amazon FR</b> <em>Token Expired</em>'
            + "</a></li></ul>",
            "/c/1": page.format("Amazon UK", "Token Expired", "A1ACMETRADEUK1", "04/12/2026 10:00"),
            "/c/2": page.format("Amazon DE", "Connected", "A2ACMETRADEDE2", "25/06/2027 10:00"),
        },
    )
    notes: list[str] = []
    try:
        site.page.goto("http://hect.test/list")
        reader = ChannelReader(
            site.page, platform("amazon"), 3, click=site.click, note=notes.append
        )
        read = [(r.name, r.status, r.seller, r.expiry) for r in reader.read_all().records]
        assert read == [
            ("Amazon UK", "Token Expired", "A1ACMETRADEUK1", datetime(2026, 12, 4, 10, 0)),
            ("Amazon DE", "Connected", "A2ACMETRADEDE2", datetime(2027, 6, 25, 10, 0)),
            ("Amazon FR", "Token Expired", "", None),
        ]
        assert notes == ["opened 2 channel page(s) to read their details"]
        assert site.page.url == "http://hect.test/list"
    finally:
        site.context.close()


# A virtualised grid (react-window style): a 200 px box of 40 px rows, only the rows in view
# (and one more) in the page, each drawn anew as the box scrolls.
VIRTUAL = """<div role="grid" aria-rowcount="31"><div role="row"><span role="columnheader">
  Channel</span><span role="columnheader">Status</span><span role="columnheader">Token expiry
  </span></div><div id="box" style="height:200px;overflow:auto;position:relative">
  <div id="rows" style="height:1200px"></div></div></div><script>
  const draw = () => { const first = Math.floor(box.scrollTop / 40);
    rows.innerHTML = Array.from({length: 7}, (_, i) => first + i).filter(n => n < 30)
      .map(n => `<div role="row" style="position:absolute;top:${n * 40}px;height:40px">
        <span role="gridcell">Amazon Shop ${String(n).padStart(3, '0')}</span>
        <span role="gridcell">${n === 25 ? 'Token Expired' : 'Connected'}</span>
        <span role="gridcell">25/06/2027 18:34</span></div>`).join(''); };
  box.addEventListener('scroll', draw); draw();</script>"""


def test_a_virtualised_grid_is_paged_down_through_and_every_row_read(page: Page) -> None:
    """A grid that keeps only the rows in view in the page: reading it pages down a
    screenful at a time, as a person does, and gathers every row; one channel far down is
    found where it is drawn. Before, only the first screenful was read (scrolling jumped to
    the end, and stopped when no more rows were drawn at once): 11 of 60 channels, and a
    reconnect of one further down ended 2, 'no such channel' (a skin written blind:
    virtual)."""
    install_watch(page.context)  # as the HECT context has it: it notes who listens for scrolls
    page.goto("about:blank")  # a new document, which the watch is installed in
    page.set_content(VIRTUAL)
    click = lambda c, *_, **__: c.click()  # noqa: E731
    names = [
        r.name for r in ChannelReader(page, platform("amazon"), 3, click=click).read_all().records
    ]
    assert names == [f"Amazon Shop {n:03}" for n in range(30)]
    page.evaluate("box.scrollTop = 0; draw()")
    reader = ChannelReader(page, platform("amazon"), 3, click=click)
    found = reader.find("Amazon Shop 025")
    assert found.expired and found.ref.locator().is_visible() and reader.shows(found)
    page.evaluate("box.scrollTop = 0; draw()")  # drawn over: the same place now shows another row
    assert not reader.shows(found)


# ARIA tabs (automatic activation): a tab clicked is selected, and only its panel shown.
TABS_SHOW_THEIR_PANELS = """<script>for (const t of document.querySelectorAll('[role=tab]'))
  t.onclick = () => { for (const o of document.querySelectorAll('[role=tab]')) {
    o.setAttribute('aria-selected', o === t);
    document.getElementById(o.getAttribute('aria-controls')).hidden = o !== t; } };</script>"""


def test_a_list_split_in_tabs_is_read_tab_by_tab(page: Page) -> None:
    """A tab a marketplace ("United Kingdom (1)", "Germany (1)"), each panel a table, the
    others hidden until chosen. Before, only the first tab's channels were read: status
    left Amazon DE out, and a verification could not see it change (a skin written blind:
    markettabs). The whole list is read and the first tab shown again; one channel is
    found by choosing its tab."""
    table = """<table><tr><th>Channel</th><th>Status</th><th>Token Expiry</th></tr>
      <tr><td>{}</td><td>{}</td><td>04 Dec 2026, 18:43</td></tr></table>"""
    uk, de = table.format("Amazon UK", "Token Expired"), table.format("Amazon DE", "Connected")
    page.set_content(f"""<div role="tablist">
      <button role="tab" id="t1" aria-selected="true" aria-controls="p1">United Kingdom (1)</button>
      <button role="tab" id="t2" aria-selected="false" aria-controls="p2">Germany (1)</button>
      </div>
      <div role="tabpanel" id="p1" aria-labelledby="t1">{uk}</div>
      <div role="tabpanel" id="p2" aria-labelledby="t2" hidden>{de}</div>
      {TABS_SHOW_THEIR_PANELS}""")
    click = lambda c, *_, **__: c.click()  # noqa: E731
    reader = ChannelReader(page, platform("amazon"), 3, click=click)
    assert [r.name for r in reader.read_all().records] == ["Amazon UK", "Amazon DE"]
    assert (
        page.get_by_role("tab", name="United Kingdom (1)").get_attribute("aria-selected") == "true"
    )
    found = ChannelReader(page, platform("amazon"), 3, click=click).find("Amazon DE")
    assert found.status == "Connected" and found.ref.locator().is_visible()
    with pytest.raises(ChannelChoiceError, match="lists: 'Amazon DE', 'Amazon UK'"):  # each tab's
        ChannelReader(page, platform("amazon"), 3, click=click).find("Amazon FR")
    # Tabs that are the platforms themselves (the walk chose Amazon's) are not read through:
    # eBay's channels are not Amazon's.
    page.get_by_role("tab", name="United Kingdom (1)").click()
    page.evaluate("""() => { document.getElementById('t1').textContent = 'Amazon (1)';
                             document.getElementById('t2').textContent = 'eBay (1)'; }""")
    reader = ChannelReader(page, platform("amazon"), 3, click=click)
    assert [r.name for r in reader.read_all().records] == ["Amazon UK"]


def test_settings_drawn_as_tabs_are_the_way_to_the_list_not_parts_of_it(page: Page) -> None:
    """Settings as tabs (Company, Sales Channels, Users), the list in the Sales Channels
    panel: the walk chose that tab, so the others are other pages of Settings, not more of
    the list. Before, each read chose every other tab and took the Users panel's rows (a
    name, a status, a date) for channels; on the chips skin each read also waited out the
    whole timeout on the tabs without channels."""
    rows = "".join(
        f"<tr><td>{n}</td><td>{s}</td><td>25/11/2026 11:15</td></tr>"
        for n, s in [("Amazon UK", "Token Expired"), ("Amazon DE", "Connected")]
    )
    page.set_content(f"""<div role="tablist">
      <button role="tab" id="t1" aria-selected="false" aria-controls="p1">Company</button>
      <button role="tab" id="t2" aria-selected="true" aria-controls="p2">Sales Channels</button>
      <button role="tab" id="t3" aria-selected="false" aria-controls="p3">Users</button></div>
      <div role="tabpanel" id="p1" hidden><p>Acme Trading Ltd</p></div>
      <div role="tabpanel" id="p2"><table><tr><th>Channel</th><th>Status</th>
        <th>Token Expiry</th></tr>{rows}</table></div>
      <div role="tabpanel" id="p3" hidden><table><tr><th>User</th><th>Status</th>
        <th>Expires</th></tr><tr><td>Jo Bloggs</td><td>Expired</td><td>25/11/2026 11:15</td>
        </tr></table></div>
      {TABS_SHOW_THEIR_PANELS}""")
    click = lambda c, *_, **__: c.click()  # noqa: E731
    way = [exactly("Settings"), exactly("Sales Channels"), exactly("Amazon")]
    reader = ChannelReader(page, platform("amazon"), 3, click=click, way=way)
    assert [r.name for r in reader.read_all().records] == ["Amazon UK", "Amazon DE"]
    with pytest.raises(ChannelChoiceError, match="lists: 'Amazon UK', 'Amazon DE'$"):
        ChannelReader(page, platform("amazon"), 3, click=click, way=way).find("Jo Bloggs")
    assert page.get_by_role("tab", name="Users").get_attribute("aria-selected") == "false"


def test_a_table_drawn_side_by_side_is_read_a_column_a_channel(page: Page) -> None:
    """Channels compared side by side: each column a channel under its name, each row a
    field under its label (Marketplace, Status, Token expires, Actions). Each column is one
    channel, its controls its own. A table whose rows are headed by names is still read a
    row a channel. Before, nothing was read ("no Amazon channels on the page"; a skin
    written blind: sidebyside)."""
    names = ["Amazon UK", "Amazon DE"]
    fields = [
        ("Marketplace", ["United Kingdom", "Germany"]),
        ("Seller ID", ["A1ACMETRADEUK1", "A2ACMETRADEDE2"]),
        ("Status", ["Token Expired", "Connected"]),
        ("Token expires", ["Fri 4 December 2026", "Fri 25 June 2027"]),
        ("Actions", ["<button onclick=\"this.textContent='Opened'\">Connect channel</button>", ""]),
    ]
    head = "".join(f'<th scope="col">{n}</th>' for n in names)
    body = "".join(
        f'<tr><th scope="row">{label}</th>' + "".join(f"<td>{v}</td>" for v in values) + "</tr>"
        for label, values in fields
    )
    by_rows = "".join(
        f'<tr><th scope="row">{n}</th><td>{s}</td><td>{d}</td></tr>'
        for n, s, d in [("Amazon FR", "Connected", "25/06/2027"), ("Amazon IT", "Connected", "")]
    )
    page.set_content(f"""<h1>Amazon channels</h1><table><thead><tr><td></td>{head}</tr></thead>
      <tbody>{body}</tbody></table>
      <h2>Elsewhere</h2><table><tr><th>Channel</th><th>Status</th><th>Token expiry</th></tr>
      {by_rows}</table>""")
    reader = ChannelReader(page, platform("amazon"), 3, click=lambda c, *_, **__: c.click())
    read = reader.read_all()
    assert [(r.name, r.seller, r.status, r.expiry) for r in read.records[:2]] == [
        ("Amazon UK", "A1ACMETRADEUK1", "Token Expired", datetime(2026, 12, 4)),
        ("Amazon DE", "A2ACMETRADEDE2", "Connected", datetime(2027, 6, 25)),
    ]
    assert [r.name for r in read.records[2:]] == ["Amazon FR", "Amazon IT"]
    uk = read.find("Amazon UK").ref.locator()
    uk.get_by_role("button", name="Connect channel").click()  # its column's, the only one
    assert page.get_by_role("button", name="Opened").count() == 1


GROUPS = """<script>
  for (const row of document.querySelectorAll('[aria-level="1"]')) {
    row.querySelector('button').onclick = () => {
      const open = row.getAttribute('aria-expanded') !== 'true';
      row.setAttribute('aria-expanded', open);
      let next = row.nextElementSibling;
      for (; next && next.getAttribute('aria-level') === '2'; next = next.nextElementSibling)
        next.hidden = !open;
    };
  }
</script>"""


@pytest.mark.parametrize("europe", ["false", "true"])
def test_groups_of_the_list_folded_away_are_opened_to_read_every_channel(
    page: Page, europe: str
) -> None:
    """A tree grid grouping channels by region ("Europe (2)", "North America (1)"), groups
    folded on load: each is opened by its toggle, as a person opens them to see every
    channel; the page's own collapsed menu is left alone. Before, nothing was read, or only
    what the open groups showed (a skin written blind: treegroups)."""
    row = (
        '<div role="row" aria-level="2" {}><div role="gridcell">{}</div>'
        '<div role="gridcell">{}</div><div role="gridcell">25/11/2026 11:15</div></div>'
    )
    group = (
        '<div role="row" aria-level="1" aria-expanded="{}"><div role="gridcell">'
        '<button aria-label="Show {}">▸</button> {}</div></div>'
    )
    shown = "hidden" if europe == "false" else ""
    page.set_content(f"""<nav><button aria-expanded="false">Menu</button></nav>
      <h1>Amazon channels</h1><div role="treegrid"><div role="row">
        <div role="columnheader">Channel</div><div role="columnheader">Status</div>
        <div role="columnheader">Token expiry</div></div>
      {group.format(europe, "Europe", "Europe (2)")}
      {row.format(shown, "Amazon UK", "Token Expired")}{row.format(shown, "Amazon DE", "Connected")}
      {group.format("false", "North America", "North America (1)")}
      {row.format("hidden", "Amazon US", "Connected")}</div>{GROUPS}""")
    reader = ChannelReader(page, platform("amazon"), 3, click=lambda c, *_, **__: c.click())
    assert [r.name for r in reader.read_all().records] == ["Amazon UK", "Amazon DE", "Amazon US"]
    assert page.get_by_role("button", name="Menu").get_attribute("aria-expanded") == "false"


# A segmented control: each section a radio button whose input lies unseen over its words.
SEGMENTS = """<h1>Settings</h1><div role="radiogroup" aria-label="Settings section">{}</div>
  <section id="s-channels" hidden><h2>Sales Channels</h2><a href="/amazon">Amazon</a></section>
  <script>for (const r of document.querySelectorAll('input[type=radio]'))
    r.onchange = () => document.getElementById('s-channels').hidden = r.value !== 'channels';
  </script>"""
SEGMENT = """<label style="position:relative;display:inline-block;padding:6px">
  <input type="radio" name="section" value="{}" style="position:absolute;inset:0;width:100%;
  height:100%;margin:0;opacity:0"{}><span>{}</span></label>"""


def test_a_section_chosen_in_a_segmented_control_is_chosen_by_its_radio(browser: Browser) -> None:
    """Settings' sections as a segmented control (radio buttons drawn as pills, each input
    unseen over its words): 'Sales Channels' is chosen by its radio, as a person clicks the
    pill. Before, the words were clicked and the input over them took every click: the step
    ended 4 after its whole time, having pressed Escape at nothing (a skin written blind:
    sheet)."""
    segments = "".join(
        SEGMENT.format(value, " checked" if value == "company" else "", words)
        for value, words in [("company", "Company"), ("channels", "Sales Channels")]
    )
    notes: list[str] = []
    site = small_hect(browser, {"/": "<h1>Dashboard</h1>", "/settings": SEGMENTS.format(segments)})
    site.say = site.reach.note = notes.append
    try:
        site.page.goto("http://hect.test/settings")
        navigate(site, step(Target(control="Sales Channels")), 5)
        assert site.page.get_by_role("link", name="Amazon").is_visible(), notes
        assert site.page.get_by_role("radio", name="Sales Channels").is_checked()
    finally:
        site.context.close()


# Connect Channel slides in a side panel (no dialog: the page stays usable) whose link goes on.
SHEET = """<table><tr><td>Amazon UK</td><td><button aria-controls="sheet"
  onclick="sheet.hidden = false; {redraw}">Connect Channel</button></td></tr>
  <tr><td>Amazon DE</td><td id="de"></td></tr></table>
  <aside id="sheet" aria-label="Reconnect Amazon UK" hidden><p>Use a private window.</p>
  <a href="http://market.test/consent" target="_blank">Continue to Amazon</a>
  <button onclick="sheet.hidden = true">Cancel</button></aside>"""
# ...and, on a list drawn anew as it does so, another channel's Connect shows up anew too
REDRAW = "de.innerHTML = '<button>Connect Channel</button>'"


def capture_connect(
    browser: Browser, html: str, find: Callable[[Page], Locator], *, timeout: float = 5
) -> tuple[Held, list[str]]:
    """Click the page's connect control (``find``) as a reconnect's capture does: what it
    held, and the notes of the run."""
    context = new_hect_context(browser, timeout=timeout)
    page = context.new_page()
    page.set_content(html)
    notes: list[str] = []
    reach = Reach(page, notes.append)
    connect = find(page)

    def click() -> None:
        reach.before_going(connect)
        connect.click()

    try:
        held = capture_navigation(
            context,
            click,
            timeout=timeout,
            what="it",
            confirm=partial(reach.go_ahead, or_shown=True),
            shown=reach.shown_address,
        )
    finally:
        context.close()
    return held, notes


@pytest.mark.parametrize("redraw", ["", REDRAW], ids=["a side panel", "the list drawn anew"])
def test_a_go_ahead_the_connect_control_shows_outside_any_dialog_is_pressed(
    browser: Browser, redraw: str
) -> None:
    """A connect control that shows its question in a side panel, no dialog: the go-ahead
    the click showed is pressed ('Continue to Amazon'), never a control named like the one
    clicked that the page drew anew (another channel's Connect Channel). Before, the
    capture waited out its time: "led nowhere" (a skin written blind: sheet)."""
    held, notes = capture_connect(
        browser,
        SHEET.format(redraw=redraw),
        lambda page: page.get_by_role("button", name="Connect Channel").first,
    )
    assert held.url == "http://market.test/consent"
    assert notes == ["HECT asked first; pressed 'Continue to Amazon'"]


COPY_LINK = """<p>Service status: https://status.hect.test/ (always shown)</p>
<article><h2>Amazon UK</h2><button id=c>Connect Channel</button><section hidden>
<h3>Authorise Amazon UK</h3><p>Open this link in a private/incognito window:</p>
<input readonly aria-label="Address" value="https://market.test/consent?state=s1">{more}
<button>Copy link</button></section></article>
<script>c.onclick = () => setTimeout(() =>
  document.querySelector('section').hidden = false, {delay})</script>"""


@pytest.mark.parametrize("delay", [0, 300])
def test_a_connect_control_that_shows_the_address_to_copy_is_held_as_followed(
    browser: Browser, delay: int
) -> None:
    """A connect control that only shows the marketplace's address in a box to copy into a
    private window (no link anywhere): the one address the click showed is what it would
    have opened; an address the page showed before is not it. Before, the capture waited
    out its time: "led nowhere" (a skin written blind: copylink)."""
    held, notes = capture_connect(
        browser, COPY_LINK.format(more="", delay=delay), lambda page: page.locator("#c")
    )
    assert (held.method, held.url) == ("GET", "https://market.test/consent?state=s1")
    assert notes == ["the control showed an address to open rather than going: market.test"]


def test_a_connect_control_showing_two_addresses_is_not_guessed_between(browser: Browser) -> None:
    other = '<input readonly aria-label="Or" value="https://other.test/consent?state=s2">'
    html = COPY_LINK.format(more=other, delay=0)
    with pytest.raises(PageMismatch, match="led nowhere"):
        capture_connect(browser, html, lambda page: page.locator("#c"), timeout=1)


def test_a_list_chosen_in_a_drop_down_is_read_option_by_option(page: Page) -> None:
    """A master-detail page whose master is a drop-down list ("Channel": one option a
    channel) and whose detail the page draws for the option chosen: each option is chosen
    and its channel read. Before, only the channel shown on load was read, and a
    verification said "0 other channels unchanged" (a skin written blind: presets)."""
    details = {
        "Amazon UK": ("Token Expired", "A1ACMETRADEUK1"),
        "Amazon DE": ("Connected", "A2ACMETRADEDE2"),
    }
    page.set_content(
        f"""<label>Channel <select id="pick"><option value="">Choose…</option>
        <option selected>Amazon UK</option><option>Amazon DE</option></select></label>
        <section id="pane"></section><script>
        const details = {json.dumps(details)};
        const draw = () => {{
          const [status, seller] = details[pick.value] || ['', ''];
          pane.innerHTML = `<h2>${{pick.value}}</h2><table><tr><th>Status</th><td>${{status}}
            </td></tr><tr><th>Seller ID</th><td>${{seller}}</td></tr></table>`;
        }};
        pick.onchange = draw; draw();
        </script>"""
    )
    notes: list[str] = []
    reader = ChannelReader(
        page, platform("amazon"), 3, click=lambda c, *_, **__: c.click(), note=notes.append
    )
    read = [(r.name, r.status, r.seller) for r in reader.read_all().records]
    assert read == [("Amazon UK", *details["Amazon UK"]), ("Amazon DE", *details["Amazon DE"])]
    assert notes == ["picked 1 channel(s) in the list to read their details"]


# An order poll whose date is given only after choosing "Custom date" among ranges.
PRESETS = """<form onsubmit="event.preventDefault(); said.textContent = 'Order poll queued'
  + ' for Amazon UK from ' + day.value + ' ' + hour.value"><fieldset>
  <legend>Date and time of the oldest order</legend>
  <label><input type="radio" name="r" checked> Last 24 hours</label>
  <label><input type="radio" name="r"> Last 7 days</label>
  <label><input type="radio" name="r" onchange="custom.hidden = !this.checked"> Custom date
  </label></fieldset><fieldset id="custom" hidden><legend>Custom date</legend>
  <label>Date <input id="day" type="date"></label> <label>Time <select id="hour">
  {hours}</select></label></fieldset><button>Start Order Poll</button></form>
  <p role="status" id="said"></p>"""


def test_an_order_poll_date_behind_a_custom_choice_is_given_there(browser: Browser) -> None:
    """The order poll offers ranges ("Last 24 hours", "Last 7 days", "Custom date") and a
    date field only once "Custom date" is chosen: that choice is made and the date given.
    Before, the radios were taken for the date's fields ("Input of type radio cannot be
    filled", exit 12 after the reconnect; a skin written blind: presets)."""
    hours = "".join(f"<option>{h:02d}:00</option>" for h in range(24))
    with order_poll_on(browser, PRESETS.format(hours=hours)) as (started, notes, _):
        assert started.since == datetime(2026, 12, 4, 23, 0)
        assert started.message == "Order poll queued for Amazon UK from 2026-12-04 23:00"
        assert "chose 'Custom date' to give the order poll's date" in notes


# A grid whose rows hold no controls: a row is selected by a click, and a toolbar's
# buttons act on the row selected (disabled until one is).
TOOLBAR = """<div role="toolbar" aria-label="Channel actions">
  <button id="go" disabled>Connect Channel</button><button id="poll" disabled>Order Poll</button>
  <button disabled>Remove channel</button></div>
<div role="grid"><div role="row"><span role="columnheader">Channel Name</span>
  <span role="columnheader">Status</span><span role="columnheader">Token Expiry</span></div>
  {rows}</div>
<script>
for (const row of document.querySelectorAll('[aria-selected]')) row.onclick = () => {{
  document.querySelectorAll('[aria-selected]').forEach(r => r.ariaSelected = 'false');
  row.ariaSelected = 'true';
  document.querySelectorAll('[role=toolbar] button').forEach(b => b.disabled = false);
}};
const chosen = () => document.querySelector('[aria-selected=true]').dataset.name;
go.onclick = () => window.open('http://market.test/consent?for=' + chosen());
poll.onclick = () => location.href = '/poll?for=' + chosen();
</script>"""
SELECTED = "selected 'Amazon UK' in the list, whose actions act on the one selected"
TOOLBAR_ROW = """<div role="row" aria-selected="false" data-name="{0}"><span role="gridcell">{0}
  </span><span role="gridcell">{1}</span><span role="gridcell">{2}</span></div>"""


def test_a_list_whose_actions_act_on_the_selected_row_has_its_channel_selected_first(
    browser: Browser,
) -> None:
    """A grid whose rows hold no controls, under a toolbar of Connect Channel, Order Poll
    and Remove channel that act on the row selected: the channel is selected as a person
    would (its row clicked), and the toolbar's control then used, for it. Before, the run
    ended 4: "no 'connect channel' in the row of 'Amazon UK' or on its own page" (a skin
    written blind: cmdbar)."""
    rows = TOOLBAR_ROW.format("Amazon DE", "Token Expired", "01/12/2026 10:00")
    rows += TOOLBAR_ROW.format("Amazon UK", "Token Expired", "04/12/2026 23:51")
    poll = """<form onsubmit="event.preventDefault(); said.textContent = 'Order poll queued for '
      + new URLSearchParams(location.search).get('for')"><label>Oldest order
      <input type="datetime-local"></label><button>Start Order Poll</button></form>
      <p role="status" id="said"></p>"""
    site = small_hect(browser, {"/": TOOLBAR.format(rows=rows), "/poll": poll})
    notes: list[str] = []
    site.say = notes.append
    try:
        reader = ChannelReader(site.page, platform("amazon"), 5, click=site.click)
        record = reader.find("Amazon UK")
        connect = runbook_for("amazon").steps[-4]
        assert isinstance(connect, OpenIsolated)
        held = OpenIsolatedAction.capture(site, connect, record, "A1", 5)
        assert held.url == "http://market.test/consent?for=Amazon%20UK"
        assert notes == [SELECTED]
        site.open()  # the list again, nothing selected
        poller = OrderPoller(site, 5, notes.append)
        again = ChannelReader(site.page, platform("amazon"), 5, click=site.click)
        started = poller.start(again.find("Amazon UK"), datetime(2026, 12, 4, 23, 51))
        assert started.message == "Order poll queued for Amazon UK"
        assert notes.count(SELECTED) == 2  # never "opened the page of 'Amazon UK'": untrue
        assert not [n for n in notes if "opened the page" in n], notes
    finally:
        site.context.close()


# A session warning over the page that ignores Escape: only its buttons close it.
SESSION_WARNING = """<a href="#settings">Settings</a>
<div id="bd" hidden style="position:fixed;inset:0;background:#0008"><div role="dialog"
  aria-modal="true" aria-labelledby="t" style="background:#fff;margin:20%">
  <h2 id="t">Your session is about to expire</h2>
  <button onclick="location.hash = 'signed-out'">Sign out</button>
  <button onclick="bd.hidden = true">{stay}</button></div></div>
<script>setTimeout(() => bd.hidden = false, 50)</script>"""


@pytest.mark.parametrize("stay", ["Stay signed in", "Keep me logged in", "Renew"])
def test_a_session_warning_is_answered_by_staying_signed_in_never_signing_out(
    page: Page, stay: str
) -> None:
    """ "Your session is about to expire" (Sign out / Stay signed in) over the page, deaf to
    Escape: closed by staying signed in, never by signing out. Where no button says so
    ("Renew"), it is left, and an Escape that closed nothing is not said to have closed it.
    Before, the run pressed Escape, said it had closed the dialog, and ended 4 when the
    click on Settings timed out (a skin written blind: sessionwarn, its dialog shown sooner)."""
    page.set_content(SESSION_WARNING.format(stay=stay))
    page.get_by_role("dialog").wait_for()
    notes: list[str] = []
    reach = Reach(page, notes.append)
    settings = page.get_by_role("link", name="Settings")
    closes = stay != "Renew"
    assert reach.ready(settings) is closes
    assert page.evaluate("location.hash") != "#signed-out"
    said = f"closed 'Your session is about to expire' with its '{stay}' button"
    assert notes == ([said] if closes else [])


def test_a_dialog_answered_while_the_run_watches_for_dialogs_is_answered_once(page: Page) -> None:
    """The same warning, closed while a step watches for dialogs drawn over its target (as
    every navigation does): the click on its own 'Stay signed in' is left to itself. Before,
    that watch closed the dialog first; the click then waited its whole bound for a button
    gone with its dialog, and an Escape was said to have closed it (sessionwarn)."""
    page.set_content(SESSION_WARNING.format(stay="Stay signed in"))
    page.get_by_role("dialog").wait_for()
    notes: list[str] = []
    reach = Reach(page, notes.append)
    with reach.overlays_dismissed():
        assert reach.ready(page.get_by_role("link", name="Settings"))
    assert notes == ["closed 'Your session is about to expire' with its 'Stay signed in' button"]


# Settings as a modal dialog holding the channel list: every Connect Channel is in it.
SETTINGS_DIALOG = """<dialog id="d"><h2>Settings</h2><table>
  <tr><td>Amazon DE</td>
  <td><a href="http://market.test/consent?for=de">Connect Channel</a></td></tr>
  <tr><td>Amazon UK</td><td><button id="uk">Connect Channel</button></td></tr></table></dialog>
<script>d.showModal(); uk.onclick = () =>
  setTimeout(() => window.open('http://market.test/consent?for=uk'), 300)</script>"""


def test_a_dialog_shown_before_the_click_is_no_question_it_asked(browser: Browser) -> None:
    """Settings drawn as a modal dialog that holds the whole list: a connect control whose
    window opens a moment after the click is waited for, and no Connect Channel of the
    dialog is taken for the answer to a question. Before, the first one was pressed (another
    channel's: "HECT asked first; pressed 'Connect Channel'"; a skin written blind:
    modalsettings), and the order poll could do the same while HECT was slow to answer."""
    held, notes = capture_connect(browser, SETTINGS_DIALOG, lambda page: page.locator("#uk"))
    assert held.url == "http://market.test/consent?for=uk"
    assert notes == []


def test_a_description_list_of_channels_reads_each_term_with_its_sentence(page: Page) -> None:
    """One <dl> for the whole list: each channel's name a term, its details one line of
    plain words between commas ("United Kingdom, Seller ID A1…, Token Expired, token expires
    04 Dec 2026, 23:45"). Each term and the descriptions after it are one channel; the line
    is split where its parts are fields, a date keeping its own comma. A name with a comma
    in a table stays whole. Before, each description was read alone, named after its first
    words (a skin written blind: dlpairs)."""
    line = "<dt><b>{}</b></dt><dd>{}, Seller ID {}, <mark>{}</mark>, token expires {}<br>{}</dd>"
    poll = '<a href="#">Order Poll</a>'
    uk = ("Amazon UK", "United Kingdom", "A1ACMETRADEUK1", "Token Expired", "04 Dec 2026, 23:45")
    de = ("Amazon DE", "Germany", "A2ACMETRADEDE2", "Connected", "25 Jun 2027, 09:30")
    page.set_content(f"""<h1>Amazon channels</h1><dl>
      {line.format(*uk, '<a href="#">Connect Channel</a> · ' + poll)}{line.format(*de, poll)}
      </dl>""")
    reader = ChannelReader(page, platform("amazon"), 3, click=lambda c, *_, **__: c.click())
    read = [
        (r.name, r.marketplace, r.seller, r.status, r.expiry) for r in reader.read_all().records
    ]
    assert read == [
        (*uk[:4], datetime(2026, 12, 4, 23, 45)),
        (*de[:4], datetime(2027, 6, 25, 9, 30)),
    ]
    page.set_content("""<table><tr><th>Channel</th><th>Status</th><th>Token expiry</th></tr>
      <tr><td>Acme, Inc. UK</td><td>Connected</td><td>25 Jun 2027, 09:30</td></tr>
      <tr><td>Status Shop, Leeds</td><td>Token Expired</td><td>04 Dec 2026</td></tr>
      <tr><td>Germany, Berlin</td><td>Connected</td><td>25 Jun 2027</td></tr></table>""")
    reader = ChannelReader(page, platform("amazon"), 3, click=lambda c, *_, **__: c.click())
    assert reader.read_all().names == ["Acme, Inc. UK", "Status Shop, Leeds", "Germany, Berlin"]


# One expired channel whose Order Poll opens the page at /poll (the order poll tests' list).
@contextmanager
def order_poll_on(browser: Browser, form: str) -> Iterator[tuple[PollStarted, list[str], HectSite]]:
    """The order poll of 'Amazon UK' started from 04/12/2026 23:51 on a small HECT whose poll
    page is ``form``: what HECT said, the run's notes, and the HECT tab (closed after)."""
    notes: list[str] = []
    site = small_hect(browser, {"/": POLL_ROW, "/poll": form})
    site.reach.note = notes.append
    try:
        record = ChannelReader(site.page, platform("amazon"), 5, click=site.click).find("Amazon UK")
        started = OrderPoller(site, 5, notes.append).start(record, datetime(2026, 12, 4, 23, 51))
        yield started, notes, site
    finally:
        site.context.close()


POLL_ROW = (
    "<table><tr><th>Channel</th><th>Status</th><th>Token expiry</th><th></th></tr>"
    "<tr><td>Amazon UK</td><td>Token Expired</td><td>04/12/2026 23:51</td>"
    '<td><a href="/poll">Order Poll</a></td></tr></table>'
)


# An order poll form whose date box keeps ten characters, beside a list of half hours; it
# says what it was given.
SHORT_BOX = """<form onsubmit="event.preventDefault(); said.textContent = QUEUED + day.value
  + ' ' + at.value"><label>Oldest order <input id="day" maxlength="10"></label>
  <label>Time <select id="at">{}</select></label>
  <script>const QUEUED = 'Order poll queued for Amazon UK: from '</script>
  <button>Start Order Poll</button></form><p role="status" id="said"></p>"""


def test_an_order_poll_box_that_keeps_only_the_date_gets_its_time_beside_it(
    browser: Browser,
) -> None:
    """A date box that keeps ten characters (no hint of its format) beside a list of half
    hours: what the box kept is what counts, so the time is chosen in the list (23:30 for
    23:51) and the run says so. Before, the box was typed a date and a time, kept the date,
    and the time list stayed at 00:00 while the run said 23:51 (found on extgrid, written
    blind, whose box's hint says dd/mm/yyyy)."""
    times = "".join(f"<option>{h:02d}:{m:02d}</option>" for h in range(24) for m in (0, 30))
    with order_poll_on(browser, SHORT_BOX.format(times)) as (started, notes, _):
        assert started.since == datetime(2026, 12, 4, 23, 30)
        assert started.message == "Order poll queued for Amazon UK: from 04/12/2026 23:30"
        assert any("it was given 23:30, the latest before" in n for n in notes), notes


# An order poll that asks first: Start opens a question naming the date; only its Yes posts.
ASKS_TO_POLL = """<form id="f" onsubmit="event.preventDefault(); ask.hidden = false"><label>
  Oldest order <input id="day" type="datetime-local"></label><button>Start Order Poll</button>
  </form><div id="ask" role="alertdialog" aria-modal="true" hidden><p>Start an order poll for
  Amazon UK from 04 Dec 2026 23:51? Orders already in HECT are not imported twice.</p>
  <button onclick="ask.hidden = true">Go back</button>
  <button onclick="ask.hidden = true; sent += 1; said.textContent = QUEUED">Yes, start it
  </button></div><p role="status" id="said"></p>
  <script>let sent = 0; const QUEUED = 'Order poll queued for Amazon UK'</script>"""


def test_an_order_poll_that_asks_first_is_answered_once_and_its_answer_read(
    browser: Browser,
) -> None:
    """Start Order Poll asks "Start an order poll for Amazon UK from 04 Dec 2026 23:51?"
    (Go back / Yes, start it): the question is answered once, and HECT's confirmation read.
    Before, the date in the question was taken for the poll listed, and the run said "HECT
    lists a new order poll" with nothing sent (a skin written blind: askpoll)."""
    with order_poll_on(browser, ASKS_TO_POLL) as (started, notes, site):
        assert started.message == "Order poll queued for Amazon UK"
        assert site.page.evaluate("sent") == 1
        assert notes == ["HECT asked first; pressed 'Yes, start it'"]


WIDGET = """<form method="post" action="http://{host}/home" target="_top"><label>Email address
  <input name="email"></label><label>Password <input name="password" type="password"></label>
  <button>Sign in</button></form>"""


@pytest.mark.parametrize("host", ["hect.test", "other.test"], ids=["HECT's own", "another site"])
def test_a_sign_in_form_in_a_frame_of_hects_own_is_used_never_another_sites(
    browser: Browser, host: str
) -> None:
    """HECT's welcome page holds its sign-in form in a frame of its own (a sign-in widget):
    the form is found there and used, and the whole window moves on. A frame of another
    site is never given HECT's password. Before, the page was taken for signed in (no
    password box in the page itself): 'signed in', then 'Settings' not found (a skin
    written blind: frameauth)."""
    sent: list[str] = []
    context = new_hect_context(browser, timeout=5)
    pages = {
        "/": f'<h1>Welcome</h1><iframe src="http://{host}/widget"></iframe>',
        "/widget": WIDGET.format(host=host),
        "/home": "<h1>Dashboard</h1><a href='/settings'>Settings</a>",
    }

    def serve(route: Route) -> None:
        if route.request.method == "POST":
            sent.append(f"{urlsplit(route.request.url).hostname} {route.request.post_data}")
            pages["/"] = pages["/home"]  # signed in: HECT's home is the dashboard
        path = urlsplit(route.request.url).path
        route.fulfill(content_type="text/html", body=pages.get(path, "<h1>Not found</h1>"))

    context.route("http://hect.test/**", serve)
    context.route("http://other.test/**", serve)
    creds = Credentials("jo@acme.example", SecretStr("canary-pw-4d1f"))
    site = HectSite(browser, context, "http://hect.test", lambda: creds, timeout=5)
    try:
        site.open()
        if host == "hect.test":
            assert site.page.get_by_role("heading", name="Dashboard").is_visible()
            assert sent == ["hect.test email=jo%40acme.example&password=canary-pw-4d1f"]
        else:
            assert urlsplit(site.page.url).path == "/" and sent == []
    finally:
        context.close()


PLATFORM_TABS = """<h1>Sales Channels</h1><div role="tablist"><button role="tab" id="ta"
  aria-selected="true" aria-controls="pa">Amazon</button><button role="tab" id="te"
  aria-selected="false" aria-controls="pe" onclick="pa.hidden = true; pe.hidden = false">eBay
  </button></div><div role="tabpanel" id="pa" aria-labelledby="ta"><p>2 channels</p>
  <a href="/amazon">View Amazon channels</a> <a href="/install">Install Channel</a></div>
  <div role="tabpanel" id="pe" aria-labelledby="te" hidden><p>1 channel</p>
  <a href="/ebay">View eBay channels</a> <a href="/install">Install Channel</a></div>"""


@pytest.mark.parametrize("name", ["Amazon", "eBay"])
def test_a_platform_tab_whose_panel_points_the_way_on_is_followed(
    browser: Browser, name: str
) -> None:
    """Sales Channels as tabs named like the platforms, each panel a count and a link
    ("View Amazon channels", "Install Channel"): the tab is chosen and its one harmless link
    that says the platform's name followed, as a person goes on to the list. Before, the
    run stopped on the tab (already chosen for Amazon) and found no channels there (a skin
    written blind: frameauth)."""
    notes: list[str] = []
    site = small_hect(
        browser,
        {
            "/": PLATFORM_TABS,
            "/amazon": "<h1>Amazon channels</h1>",
            "/ebay": "<h1>eBay channels</h1>",
        },
    )
    site.say = site.reach.note = notes.append
    try:
        navigate(site, step(Target(control=name)), 5)
        assert site.page.get_by_role("heading", name=f"{name} channels").is_visible(), notes
        assert f"the tab '{name}' points the way on; following it" in notes
    finally:
        site.context.close()


# An order poll whose date and time are five drop-down lists, the months by name.
FIVE_LISTS = """<form onsubmit="event.preventDefault(); said.textContent = QUEUED +
  [...this.elements].filter(e => e.tagName === 'SELECT').map(e => e.value).join(' ')">
  <fieldset><legend>Date and
  time of the oldest order</legend>{}</fieldset><input type="image" alt="Start Order Poll"
  src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></form><p id="said"></p>
  <script>const QUEUED = 'Order poll queued for Amazon UK: '</script>"""
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def test_an_order_poll_date_in_drop_down_lists_is_chosen_part_by_part(browser: Browser) -> None:
    """The date and time as five drop-down lists (Day, Month by name, Year, Hour, Minute in
    quarters): each part is chosen, the minutes the latest offered before (23:45 for 23:51),
    and the run says so. Before, "the order poll form has no date field", after the
    reconnect (an old admin of image buttons, written blind: imagebtn)."""
    lists = [
        ("Day", [(f"{d:02d}", str(d)) for d in range(1, 32)]),
        ("Month", [(f"{i:02d}", m) for i, m in enumerate(MONTHS, 1)]),
        ("Year", [(str(y), str(y)) for y in (2025, 2026, 2027)]),
        ("Hour", [(f"{h:02d}", f"{h:02d}") for h in range(24)]),
        ("Minute", [(f"{m:02d}", f"{m:02d}") for m in (0, 15, 30, 45)]),
    ]
    form = FIVE_LISTS.format(
        "".join(
            f'<label for="{n}">{n}</label><select id="{n}">'
            + "".join(f'<option value="{v}">{t}</option>' for v, t in options)
            + "</select>"
            for n, options in lists
        )
    )
    with order_poll_on(browser, form) as (started, notes, _):
        assert started.message == "Order poll queued for Amazon UK: 04 12 2026 23 45"
        assert started.since == datetime(2026, 12, 4, 23, 45)
        assert any("it was given 23:45, the latest before" in n for n in notes), notes


# A consent manager's dialog drawn in an open shadow root over the whole page, at once.
CONSENT = """<div id="cmp"></div><script>
  const root = cmp.attachShadow({mode: 'open'});
  root.innerHTML = '<div style="position:fixed;inset:0;background:#0008"><div role="dialog" '
    + 'aria-modal="true" aria-label="Privacy settings"><p>We use cookies.</p><button>Deny'
    + '</button><button>Accept All</button></div></div>';
  for (const b of root.querySelectorAll('button')) b.onclick = () => cmp.remove();
</script>"""


def test_a_consent_dialog_in_a_shadow_root_over_the_sign_in_is_answered_first(
    browser: Browser,
) -> None:
    """A cookie consent manager draws its dialog in an open shadow root over the sign-in
    form, at once: it is answered first, as a person does, and the sign-in goes on. Before,
    the Log In click waited out its time under the dialog (exit 4 at step 1; a skin written
    blind, cookiewall, whose dialog comes 300 ms after the page, failed under load)."""
    notes: list[str] = []
    context = new_hect_context(browser, timeout=5)
    pages = {"/": WIDGET.format(host="hect.test") + CONSENT, "/home": "<h1>Dashboard</h1>"}

    def serve(route: Route) -> None:
        if route.request.method == "POST":
            pages["/"] = pages["/home"]
        path = urlsplit(route.request.url).path
        route.fulfill(content_type="text/html", body=pages.get(path, "<h1>Not found</h1>"))

    context.route("http://hect.test/**", serve)
    creds = Credentials("jo@acme.example", SecretStr("canary-pw-4d1f"))
    site = HectSite(browser, context, "http://hect.test", lambda: creds, timeout=5)
    site.say = site.reach.note = notes.append
    try:
        site.open()
        assert site.page.get_by_role("heading", name="Dashboard").is_visible()
        assert any(n.endswith("with its 'Accept All' button") for n in notes), notes
    finally:
        context.close()


def test_a_list_opened_in_a_new_tab_is_followed_there(browser: Browser) -> None:
    """Sales Channels' platform button opens its list in a new tab (``target="_blank"``):
    the run goes on in that tab, as a person does, and the one it came from is closed.
    Before, the run stayed on Sales Channels and found no channels (a skin written blind:
    newtab)."""
    notes: list[str] = []
    site = small_hect(
        browser,
        {
            "/": '<a href="/amazon" target="_blank" rel="noopener">Amazon <span>(opens in a'
            " new tab)</span></a>",
            "/amazon": "<h1>Amazon channels</h1>",
        },
    )
    site.say = site.reach.note = notes.append
    first = site.page
    try:
        navigate(site, step(Target(control="/^\\W*amazon\\b/i")), 5)
        assert site.page.get_by_role("heading", name="Amazon channels").is_visible(), notes
        assert first.is_closed() and "'amazon' opened in a new tab; going on there" in notes
    finally:
        site.context.close()


FRAMES = """<iframe name="menu" src="/menu"></iframe><iframe name="content" src="/home"></iframe>"""


def test_a_page_built_of_frames_is_worked_in_its_frames(browser: Browser) -> None:
    """HECT built of frames: a menu frame beside a content frame, every page loading in the
    content frame. 'Settings' is found in the menu frame and 'Sales Channels' in the page
    the content frame then shows, as a person works in them. Before, 'Settings' was not
    found (a skin written blind: frameset)."""
    site = small_hect(
        browser,
        {
            "/": FRAMES,
            "/menu": '<a href="/settings" target="content">Settings</a>',
            "/home": "<h1>Dashboard</h1>",
            "/settings": '<h1>Settings</h1><a href="/sc">Sales Channels</a>',
            "/sc": "<h1>Sales Channels</h1>",
        },
    )
    try:
        navigate(site, step(Target(control="Settings")), 5)
        navigate(site, step(Target(control="Sales Channels")), 5)
        content = site.page.frame(name="content")
        assert content is not None and urlsplit(content.url).path == "/sc"
    finally:
        site.context.close()


def test_a_link_into_a_frame_of_the_page_is_not_taken_for_a_new_window(browser: Browser) -> None:
    """A menu frame's links name the content frame as their target: they load there, and no
    new window is waited for. Before, each such click waited 2 s for a window that never
    came, and a control the click took away 1 s more (a skin written blind: frameset)."""
    links = (
        '<a href="/settings" target="content">Settings</a> <a href="/help" target="help">Help</a>'
        ' <a href="/x" target="_blank">Blank</a> <a href="/y" target="_self">Self</a>'
    )
    site = small_hect(browser, {"/": FRAMES, "/menu": links, "/home": "<h1>Dashboard</h1>"})
    try:
        menu = site.page.frame(name="menu")
        assert menu is not None
        menu.wait_for_load_state()

        def opens(name: str) -> bool:
            return opens_a_window(site.page, menu.get_by_role("link", name=name))

        assert [opens(n) for n in ("Settings", "Help", "Blank", "Self", "Gone")] == [
            False,  # the content frame
            True,  # a window named "help": no frame of the page has that name
            True,
            False,
            False,  # nothing to ask: not waited for
        ]
    finally:
        site.context.close()
