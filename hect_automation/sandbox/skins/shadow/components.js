// HECT UI kit: the small set of web components the app shell and settings pages are built from.
// Every component uses an open shadow root for its chrome; text a person reads is either slotted
// from the page (so the server decides the wording) or passed in as data.

const BASE_CSS = `
  :host { box-sizing: border-box; }
  *, *::before, *::after { box-sizing: inherit; }
  :focus-visible { outline: 2px solid var(--hect-focus, #5b8def); outline-offset: 2px; }
`;

function sheet(css) {
  const style = document.createElement("style");
  style.textContent = BASE_CSS + css;
  return style;
}

// ------------------------------------------------------------------------------------------
// <hect-app-bar>: the top bar. Slots: brand, nav, end.
class HectAppBar extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.append(sheet(`
      :host { display: block; position: sticky; top: 0; z-index: 20; }
      header {
        display: flex; align-items: center; gap: 28px; height: 56px; padding: 0 24px;
        background: #101828; color: #e4e7ec; box-shadow: 0 1px 0 rgba(0,0,0,.25);
      }
      .nav { flex: 1; display: flex; align-items: center; min-width: 0; }
      .end { display: flex; align-items: center; gap: 14px; }
    `));
    const header = document.createElement("header");
    header.innerHTML = `
      <slot name="brand"></slot>
      <div class="nav"><slot name="nav"></slot></div>
      <div class="end"><slot name="end"></slot></div>`;
    root.append(header);
  }
}

// ------------------------------------------------------------------------------------------
// <hect-dropdown>: a trigger (slot "trigger", usually a <hect-button caret>) and a panel
// holding the default slot (usually a <hect-menu>). It keeps aria-haspopup/aria-expanded on
// the trigger's button, closes on Escape, Tab, an outside click or a choice.
class HectDropdown extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.append(sheet(`
      :host { position: relative; display: inline-block; }
      .panel {
        position: absolute; right: 0; top: calc(100% + 6px); min-width: 210px; z-index: 30;
      }
      .panel[hidden] { display: none; }
    `));
    const wrap = document.createElement("div");
    wrap.innerHTML = `<slot name="trigger"></slot><div class="panel" hidden><slot></slot></div>`;
    root.append(...wrap.childNodes);
    this.panel = root.querySelector(".panel");
    this.onDocumentClick = (event) => {
      if (!event.composedPath().includes(this)) this.hide(false);
    };
  }

  connectedCallback() {
    this.addEventListener("click", (event) => {
      const path = event.composedPath();
      if (this.trigger && path.includes(this.trigger)) {
        this.isOpen ? this.hide(true) : this.show(0);
      } else if (path.some((el) => el.getAttribute && el.getAttribute("role") === "menuitem")) {
        this.hide(false);
      }
    });
    this.addEventListener("keydown", (event) => {
      if (this.trigger && event.composedPath().includes(this.trigger)) {
        if (event.key === "ArrowDown") { event.preventDefault(); this.show(0); }
        if (event.key === "ArrowUp") { event.preventDefault(); this.show(-1); }
      } else if (event.key === "Escape") {
        event.preventDefault();
        this.hide(true);
      } else if (event.key === "Tab") {
        this.hide(false);
      }
    });
    customElements.whenDefined("hect-button").then(() => this.sync());
  }

  get trigger() {
    return this.querySelector(':scope > [slot="trigger"]');
  }

  get menu() {
    return this.querySelector(':scope > [role="menu"], :scope > hect-menu');
  }

  get control() {
    const trigger = this.trigger;
    return (trigger && trigger.shadowRoot && trigger.shadowRoot.querySelector(".base")) || trigger;
  }

  get isOpen() {
    return !this.panel.hidden;
  }

  sync() {
    const control = this.control;
    if (!control) return;
    control.setAttribute("aria-haspopup", "menu");
    control.setAttribute("aria-expanded", String(this.isOpen));
    const menu = this.menu;
    if (menu && !menu.hasAttribute("aria-label") && this.trigger) {
      menu.setAttribute("aria-label", this.trigger.textContent.trim());
    }
  }

  show(index) {
    this.panel.hidden = false;
    this.sync();
    document.addEventListener("click", this.onDocumentClick, true);
    const menu = this.menu;
    if (menu && menu.focusItem) menu.focusItem(index);
  }

  hide(returnFocus) {
    if (!this.isOpen) return;
    this.panel.hidden = true;
    this.sync();
    document.removeEventListener("click", this.onDocumentClick, true);
    if (returnFocus) this.control.focus();
  }
}

// ------------------------------------------------------------------------------------------
// <hect-menu>: role=menu over its role="menuitem" children; arrow keys, Home and End move.
class HectMenu extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.append(sheet(`
      :host {
        display: block; padding: 6px; background: #fff; color: #101828;
        border: 1px solid #eaecf0; border-radius: 10px;
        box-shadow: 0 12px 24px -4px rgba(16,24,40,.18), 0 4px 8px -2px rgba(16,24,40,.08);
      }
      ::slotted([role="menuitem"]) {
        display: block; padding: 9px 12px; border-radius: 6px; color: #101828;
        text-decoration: none; font-size: 14px; white-space: nowrap;
      }
      ::slotted([role="menuitem"]:hover), ::slotted([role="menuitem"]:focus) {
        background: #f2f4f7; outline: none;
      }
    `));
    root.append(document.createElement("slot"));
    this.addEventListener("keydown", (event) => this.onKey(event));
  }

  connectedCallback() {
    this.setAttribute("role", "menu");
    for (const item of this.items) item.tabIndex = -1;
  }

  get items() {
    return [...this.querySelectorAll(':scope > [role="menuitem"]')];
  }

  focusItem(index) {
    const items = this.items;
    if (items.length) items.at(index % items.length).focus();
  }

  onKey(event) {
    const at = this.items.indexOf(document.activeElement);
    const go = (to) => { event.preventDefault(); this.focusItem(to); };
    switch (event.key) {
      case "ArrowDown": go(at + 1); break;
      case "ArrowUp": go(at - 1); break;
      case "Home": go(0); break;
      case "End": go(-1); break;
      case " ":
        if (at >= 0) { event.preventDefault(); this.items[at].click(); }
        break;
    }
  }
}

// ------------------------------------------------------------------------------------------
// <hect-button href? variant? disabled?>: the design system's button. With href it draws a
// link, otherwise a <button>; the label is slotted.
class HectButton extends HTMLElement {
  static observedAttributes = ["href", "disabled"];

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open", delegatesFocus: true });
    root.append(sheet(`
      :host { display: inline-block; }
      .caret { width: 14px; height: 14px; }
      :host([appearance="bar"]) .base {
        height: 34px; padding: 0 12px; background: transparent; color: inherit;
        border-color: #344054; box-shadow: none; font-weight: 500;
      }
      :host([appearance="bar"]) .base:hover, :host([appearance="bar"]) .base[aria-expanded="true"] {
        background: #1d2939;
      }
      .base {
        display: inline-flex; align-items: center; justify-content: center; gap: 6px;
        height: 36px; padding: 0 14px; border-radius: 8px; border: 1px solid #d0d5dd;
        background: #fff; color: #344054; font: inherit; font-size: 14px; font-weight: 600;
        text-decoration: none; cursor: pointer; box-shadow: 0 1px 2px rgba(16,24,40,.05);
      }
      .base:hover { background: #f9fafb; }
      :host([variant="primary"]) .base {
        background: #6941c6; border-color: #6941c6; color: #fff;
        box-shadow: 0 0 0 4px #e9d7fe;
      }
      :host([variant="primary"]) .base:hover { background: #53389e; }
      :host([variant="warning"]) .base { background: #fdb022; border-color: #f79009; color: #1d1d1d; }
      button[disabled] { opacity: .5; cursor: not-allowed; }
    `));
    this.root = root;
    this.render();
  }

  attributeChangedCallback() {
    this.render();
  }

  render() {
    if (!this.root) return;
    const href = this.getAttribute("href");
    let el = this.root.querySelector(".base");
    const wanted = href !== null ? "A" : "BUTTON";
    if (!el || el.tagName !== wanted) {
      const fresh = document.createElement(wanted.toLowerCase());
      fresh.className = "base";
      fresh.setAttribute("part", "base");
      fresh.append(document.createElement("slot"));
      if (this.hasAttribute("caret")) {
        fresh.insertAdjacentHTML("beforeend", `<svg class="caret" viewBox="0 0 16 16" aria-hidden="true"><path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/></svg>`);
      }
      if (el) el.replaceWith(fresh); else this.root.append(fresh);
      el = fresh;
    }
    if (href !== null) {
      el.href = href;
    } else {
      el.type = "button";
      el.disabled = this.hasAttribute("disabled");
    }
  }
}

// ------------------------------------------------------------------------------------------
// <hect-tile>: a card. Slots: icon, heading, default (body), actions.
class HectTile extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.append(sheet(`
      :host {
        display: flex; flex-direction: column; gap: 12px; padding: 20px;
        background: #fff; border: 1px solid #eaecf0; border-radius: 12px;
        box-shadow: 0 1px 3px rgba(16,24,40,.08);
      }
      .top { display: flex; align-items: center; gap: 12px; }
      .body { color: #475467; font-size: 14px; flex: 1; }
      .actions { display: flex; flex-wrap: wrap; gap: 8px; }
      ::slotted([slot="heading"]) { margin: 0; font-size: 17px; color: #101828; }
    `));
    const wrap = document.createElement("div");
    wrap.innerHTML = `
      <div class="top"><slot name="icon"></slot><slot name="heading"></slot></div>
      <div class="body"><slot></slot></div>
      <div class="actions"><slot name="actions"></slot></div>`;
    root.append(...wrap.childNodes);
  }
}

// ------------------------------------------------------------------------------------------
// <hect-alert variant="success|error|info">: a notice. It takes role=status (or alert for
// errors) unless the page gives it one.
class HectAlert extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.append(sheet(`
      :host {
        display: flex; gap: 10px; align-items: flex-start; padding: 12px 16px;
        border-radius: 10px; border: 1px solid #b2ddff; background: #eff8ff; color: #175cd3;
        font-size: 14px; line-height: 1.45;
      }
      :host([variant="success"]) { border-color: #abefc6; background: #ecfdf3; color: #067647; }
      :host([variant="error"]) { border-color: #fecdca; background: #fef3f2; color: #b42318; }
      svg { flex: none; width: 20px; height: 20px; margin-top: 1px; }
    `));
    const wrap = document.createElement("div");
    wrap.innerHTML = `
      <svg viewBox="0 0 20 20" aria-hidden="true"><circle cx="10" cy="10" r="8.5" fill="none"
        stroke="currentColor" stroke-width="1.6"/><path class="glyph" d="M10 6v5M10 13.5v.5"
        fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"
        stroke-linejoin="round"/></svg>
      <div><slot></slot></div>`;
    root.append(...wrap.childNodes);
  }

  connectedCallback() {
    if (this.getAttribute("variant") === "success") {
      this.shadowRoot.querySelector(".glyph").setAttribute("d", "M6.2 10.4l2.6 2.6 5-5.4");
    }
    if (!this.hasAttribute("role")) {
      this.setAttribute("role", this.getAttribute("variant") === "error" ? "alert" : "status");
    }
  }
}

// ------------------------------------------------------------------------------------------
// <hect-channel-grid>: the channels of one platform as an ARIA data grid.
//
// Columns come from <hect-grid-column key="…">Header</hect-grid-column> children, action
// labels from <hect-grid-action key="connect|poll">Label</hect-grid-action> children, and
// the rows from a <script type="application/json"> child (the rows the server drew the page
// with). Keyboard: one tab stop; arrow keys, Home and End move between cells and links.
class HectChannelGrid extends HTMLElement {
  constructor() {
    super();
    this.root = this.attachShadow({ mode: "open" });
    this.root.append(sheet(`
      :host { display: block; }
      .grid {
        background: #fff; border: 1px solid #eaecf0; border-radius: 12px; overflow: hidden;
        box-shadow: 0 1px 3px rgba(16,24,40,.08); font-size: 14px; color: #475467;
      }
      .row {
        display: grid; align-items: center; min-height: 64px;
        grid-template-columns: minmax(120px,1.2fr) minmax(110px,1fr) minmax(130px,1fr)
                               minmax(130px,.9fr) minmax(130px,.9fr) minmax(230px,1.4fr);
        border-top: 1px solid #eaecf0;
      }
      .head { min-height: 44px; background: #f9fafb; border-top: 0; }
      .cell { padding: 10px 16px; min-width: 0; overflow-wrap: anywhere; }
      .cell:focus { outline: 2px solid #5b8def; outline-offset: -2px; }
      [role="columnheader"] { font-size: 12px; font-weight: 600; color: #475467; }
      .name { color: #101828; font-weight: 600; }
      .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
      .pill {
        display: inline-flex; align-items: center; gap: 6px; padding: 2px 10px;
        border-radius: 999px; font-size: 12px; font-weight: 600; white-space: nowrap;
      }
      .pill::before { content: ""; width: 6px; height: 6px; border-radius: 50%; background: currentColor; }
      .pill.ok { background: #ecfdf3; color: #067647; }
      .pill.bad { background: #fef3f2; color: #b42318; }
      .pill.wait { background: #fffaeb; color: #b54708; }
      .late { color: #b42318; }
      .actions { display: flex; flex-wrap: wrap; gap: 8px; }
      .actions a {
        display: inline-flex; align-items: center; height: 32px; padding: 0 12px;
        border-radius: 8px; border: 1px solid #d0d5dd; color: #344054; background: #fff;
        font-weight: 600; text-decoration: none; white-space: nowrap;
      }
      .actions a:hover { background: #f9fafb; }
      .actions a.connect { background: #fdb022; border-color: #f79009; color: #1d1d1d; }
      .actions a.connect:hover { background: #f79009; }
      .empty { padding: 28px 16px; text-align: center; color: #667085; }
    `));
    this.grid = document.createElement("div");
    this.grid.className = "grid";
    this.grid.setAttribute("role", "grid");
    this.root.append(this.grid);
    this.grid.addEventListener("keydown", (event) => this.onKey(event));
    this.grid.addEventListener("focusin", (event) => this.remember(event.composedPath()[0]));
  }

  connectedCallback() {
    // Children are parsed after the element is created; wait for them.
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", () => this.render(), { once: true });
    } else {
      this.render();
    }
  }

  get rows() {
    const island = this.querySelector(':scope > script[type="application/json"]');
    try {
      return island ? JSON.parse(island.textContent) : [];
    } catch {
      return [];
    }
  }

  label(key, fallback) {
    const el = this.querySelector(`:scope > hect-grid-action[key="${key}"]`);
    return el ? el.textContent.trim() : fallback;
  }

  render() {
    const columns = [...this.querySelectorAll(":scope > hect-grid-column")].map((c) => ({
      key: c.getAttribute("key"),
      header: c.textContent.trim(),
    }));
    const rows = this.rows;
    this.grid.replaceChildren();
    this.grid.setAttribute("aria-label", this.getAttribute("label") || "Channels");
    this.grid.setAttribute("aria-rowcount", String(rows.length + 1));
    this.grid.setAttribute("aria-colcount", String(columns.length));

    const head = this.rowEl(1, "row head");
    for (const [i, col] of columns.entries()) {
      head.append(this.cellEl("columnheader", i, col.header));
    }
    const headGroup = document.createElement("div");
    headGroup.setAttribute("role", "rowgroup");
    headGroup.append(head);

    const body = document.createElement("div");
    body.setAttribute("role", "rowgroup");
    for (const [r, data] of rows.entries()) {
      const row = this.rowEl(r + 2, "row");
      row.dataset.channelId = data.id;
      for (const [i, col] of columns.entries()) row.append(this.dataCell(col.key, i, data));
      body.append(row);
    }
    this.grid.append(headGroup, body);

    if (!rows.length) {
      const empty = document.createElement("div");
      empty.className = "empty";
      empty.textContent = this.getAttribute("empty-text") || "No channels yet.";
      this.grid.append(empty);
    }
    this.resetTabStops();
  }

  rowEl(index, className) {
    const row = document.createElement("div");
    row.setAttribute("role", "row");
    row.setAttribute("aria-rowindex", String(index));
    row.className = className;
    return row;
  }

  cellEl(role, index, text) {
    const cell = document.createElement("div");
    cell.setAttribute("role", role);
    cell.setAttribute("aria-colindex", String(index + 1));
    cell.className = "cell";
    if (text !== undefined) cell.textContent = text;
    return cell;
  }

  dataCell(key, index, data) {
    const cell = this.cellEl("gridcell", index);
    switch (key) {
      case "name":
        cell.classList.add("name");
        cell.textContent = data.name;
        break;
      case "seller_id":
        cell.classList.add("mono");
        cell.textContent = data.seller_id;
        break;
      case "status": {
        const pill = document.createElement("span");
        pill.className = "pill " + (data.status === "Connected" ? "ok" : data.expired ? "bad" : "wait");
        pill.textContent = data.status;
        cell.append(pill);
        break;
      }
      case "expiry":
        if (data.expired) cell.classList.add("late");
        cell.textContent = data.expiry;
        break;
      case "actions":
        cell.append(this.actions(data));
        break;
      default:
        cell.textContent = data[key] ?? "";
    }
    return cell;
  }

  actions(data) {
    const box = document.createElement("div");
    box.className = "actions";
    if (data.show_connect) {
      const connect = document.createElement("a");
      connect.className = "connect";
      connect.href = "#";
      connect.textContent = this.label("connect", "Connect Channel");
      // The consent address carries a signed, short-lived state: it is only put on the link
      // at the moment the user clicks it, and the browser then follows it as usual.
      connect.addEventListener("click", () => {
        connect.href = data.connect_url;
        this.dispatchEvent(new CustomEvent("hect-connect", { detail: { id: data.id }, bubbles: true }));
      });
      box.append(connect);
    }
    const poll = document.createElement("a");
    poll.href = data.poll_url;
    poll.textContent = this.label("poll", "Order Poll");
    box.append(poll);
    return box;
  }

  // -- keyboard: one tab stop for the grid, arrows move between cells ----------------------
  stopsOf(row) {
    const stops = [];
    for (const cell of row.querySelectorAll(".cell")) {
      const links = cell.querySelectorAll("a");
      if (links.length) stops.push(...links); else stops.push(cell);
    }
    return stops;
  }

  matrix() {
    return [...this.grid.querySelectorAll('[role="row"]')].map((row) => this.stopsOf(row));
  }

  resetTabStops() {
    const m = this.matrix();
    m.flat().forEach((el) => (el.tabIndex = -1));
    const first = (m[1] && m[1][0]) || (m[0] && m[0][0]);
    if (first) first.tabIndex = 0;
  }

  remember(target) {
    const all = this.matrix().flat();
    if (!all.includes(target)) return;
    all.forEach((el) => (el.tabIndex = el === target ? 0 : -1));
  }

  onKey(event) {
    const m = this.matrix();
    const target = event.composedPath()[0];
    let r = m.findIndex((row) => row.includes(target));
    if (r < 0) return;
    let c = m[r].indexOf(target);
    switch (event.key) {
      case "ArrowRight": c = Math.min(c + 1, m[r].length - 1); break;
      case "ArrowLeft": c = Math.max(c - 1, 0); break;
      case "ArrowDown": r = Math.min(r + 1, m.length - 1); break;
      case "ArrowUp": r = Math.max(r - 1, 0); break;
      case "Home": c = 0; break;
      case "End": c = m[r].length - 1; break;
      default: return;
    }
    event.preventDefault();
    const next = m[r][Math.min(c, m[r].length - 1)];
    next.focus();
  }
}

customElements.define("hect-app-bar", HectAppBar);
customElements.define("hect-dropdown", HectDropdown);
customElements.define("hect-menu", HectMenu);
customElements.define("hect-button", HectButton);
customElements.define("hect-tile", HectTile);
customElements.define("hect-alert", HectAlert);
customElements.define("hect-channel-grid", HectChannelGrid);
