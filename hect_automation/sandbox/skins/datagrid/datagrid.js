/* Sales Channels: vertical tabs, a channel grid per platform loaded from the JSON API, and
   the Order Poll dialog. The grid is a small virtualised data grid in the manner of ag-Grid:
   a fixed-height viewport in which only the rows in (or near) view exist in the DOM. */
(function () {
  "use strict";

  var ROW_HEIGHT = 44;
  var BUFFER_ROWS = 2;
  var MIN_SPINNER_MS = 350;

  var root = document.getElementById("sales-channels");
  if (!root) return;

  var tablist = root.querySelector('[role="tablist"]');
  var tabs = Array.prototype.slice.call(tablist.querySelectorAll('[role="tab"]'));
  var grids = {};

  // -- Tabs ---------------------------------------------------------------------------
  function tabFor(key) {
    for (var i = 0; i < tabs.length; i++) if (tabs[i].dataset.key === key) return tabs[i];
    return null;
  }

  function select(key, options) {
    var tab = tabFor(key);
    if (!tab) return;
    options = options || {};
    tabs.forEach(function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      var panel = document.getElementById(t.getAttribute("aria-controls"));
      if (panel) panel.hidden = !on;
    });
    if (options.focus) tab.focus();
    if (options.push) {
      var url = root.dataset.base + "?platform=" + encodeURIComponent(key);
      if (window.location.pathname + window.location.search !== url) {
        window.history.pushState({ platform: key }, "", url);
      }
    }
    var panel = document.getElementById(tab.getAttribute("aria-controls"));
    if (panel && panel.dataset.api) gridFor(panel).load(false);
  }

  tablist.addEventListener("click", function (event) {
    var tab = event.target.closest('[role="tab"]');
    if (!tab || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    select(tab.dataset.key, { push: true });
  });

  tablist.addEventListener("keydown", function (event) {
    var current = tabs.indexOf(document.activeElement);
    if (current < 0) return;
    var next = null;
    if (event.key === "ArrowDown") next = (current + 1) % tabs.length;
    else if (event.key === "ArrowUp") next = (current - 1 + tabs.length) % tabs.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = tabs.length - 1;
    else if (event.key === " ") next = current;
    if (next === null) return;
    event.preventDefault();
    select(tabs[next].dataset.key, { push: true, focus: true });
  });

  window.addEventListener("popstate", function () {
    var key = new URLSearchParams(window.location.search).get("platform");
    select(key && tabFor(key.toLowerCase()) ? key.toLowerCase() : tabs[0].dataset.key);
  });

  // -- Loading channels ---------------------------------------------------------------
  function signInAgain() {
    var here = window.location.pathname + window.location.search;
    window.location.assign(root.dataset.login + "?next=" + encodeURIComponent(here) + "&expired=1");
  }

  function fetchPage(api, page) {
    return fetch(api + "?page=" + page, {
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      if (response.status === 401) {
        signInAgain();
        throw new Error("Your session has expired.");
      }
      if (!response.ok) throw new Error("HECT could not load the channels (error " + response.status + ").");
      return response.json();
    });
  }

  function fetchAll(api) {
    return fetchPage(api, 1).then(function (first) {
      var pages = first.pages || 1;
      var rest = [];
      for (var p = 2; p <= pages; p++) rest.push(fetchPage(api, p));
      return Promise.all(rest).then(function (more) {
        var rows = first.rows.slice();
        more.forEach(function (m) { rows = rows.concat(m.rows); });
        return { rows: rows, total: first.total, csrf: first.csrf };
      });
    });
  }

  function delay(ms) {
    return new Promise(function (resolve) { window.setTimeout(resolve, ms); });
  }

  // -- The grid -----------------------------------------------------------------------
  var actionTemplate = document.getElementById("dg-actions");

  function Grid(panel) {
    this.panel = panel;
    this.api = panel.dataset.api;
    this.grid = panel.querySelector('[role="grid"]');
    this.viewport = panel.querySelector(".dg__viewport");
    this.body = panel.querySelector(".dg__body");
    this.count = panel.querySelector("[data-count]");
    this.overlays = {};
    var self = this;
    Array.prototype.forEach.call(panel.querySelectorAll("[data-overlay]"), function (o) {
      self.overlays[o.dataset.overlay] = o;
    });
    this.rows = [];
    this.drawn = new Map();
    this.state = "idle";
    this.frame = 0;
    this.viewport.addEventListener("scroll", function () { self.schedule(); }, { passive: true });
    window.addEventListener("resize", function () { self.schedule(); });
    this.viewport.addEventListener("focusin", function (event) { self.reveal(event.target); });
    this.body.addEventListener("keydown", function (event) { self.onKey(event); });
    this.body.addEventListener("click", function (event) { self.onClick(event); });
    var retry = panel.querySelector("[data-retry]");
    if (retry) retry.addEventListener("click", function () { self.load(true); });
  }

  Grid.prototype.overlay = function (name) {
    var self = this;
    Object.keys(this.overlays).forEach(function (k) { self.overlays[k].hidden = k !== name; });
    this.grid.setAttribute("aria-busy", name === "loading" ? "true" : "false");
  };

  Grid.prototype.load = function (force) {
    if (this.state === "loading" || (this.state === "ready" && !force)) return;
    var self = this;
    this.state = "loading";
    this.overlay("loading");
    Promise.all([fetchAll(this.api), delay(MIN_SPINNER_MS)])
      .then(function (results) {
        var data = results[0];
        if (data.csrf) setCsrf(data.csrf);
        self.setRows(data.rows, data.total);
        self.state = "ready";
        self.overlay(data.rows.length ? null : "empty");
      })
      .catch(function (error) {
        self.state = "failed";
        self.panel.querySelector("[data-error-text]").textContent = error.message || "HECT could not load the channels.";
        self.overlay("error");
      });
  };

  Grid.prototype.setRows = function (rows, total) {
    this.rows = rows;
    this.drawn.forEach(function (el) { el.remove(); });
    this.drawn.clear();
    this.grid.setAttribute("aria-rowcount", String(rows.length + 1));
    this.body.style.height = rows.length * ROW_HEIGHT + "px";
    if (this.count) {
      var n = typeof total === "number" ? total : rows.length;
      this.count.textContent = n + " channel" + (n === 1 ? "" : "s");
    }
    this.viewport.scrollTop = 0;
    this.render();
  };

  Grid.prototype.schedule = function () {
    var self = this;
    if (this.frame) return;
    this.frame = window.requestAnimationFrame(function () {
      self.frame = 0;
      self.render();
    });
  };

  Grid.prototype.range = function () {
    var top = this.viewport.scrollTop;
    var height = this.viewport.clientHeight || ROW_HEIGHT * 6;
    var first = Math.max(0, Math.floor(top / ROW_HEIGHT) - BUFFER_ROWS);
    var last = Math.min(this.rows.length - 1, Math.ceil((top + height) / ROW_HEIGHT) - 1 + BUFFER_ROWS);
    return [first, last];
  };

  Grid.prototype.render = function () {
    var r = this.range();
    var first = r[0], last = r[1];
    var self = this;
    var active = document.activeElement;
    this.drawn.forEach(function (el, index) {
      if ((index < first || index > last) && !el.contains(active)) {
        el.remove();
        self.drawn.delete(index);
      }
    });
    for (var i = first; i <= last; i++) {
      if (this.drawn.has(i)) continue;
      var el = this.drawRow(i);
      var before = null;
      var beforeIndex = Infinity;
      this.drawn.forEach(function (other, index) {
        if (index > i && index < beforeIndex) { before = other; beforeIndex = index; }
      });
      this.body.insertBefore(el, before);
      this.drawn.set(i, el);
    }
  };

  function cell(colindex, className) {
    var c = document.createElement("div");
    c.className = "dg__cell " + className;
    c.setAttribute("role", "gridcell");
    c.setAttribute("aria-colindex", String(colindex));
    return c;
  }

  function chipClass(row) {
    if (row.status === "Connected") return "chip chip--ok";
    if (row.status === "Awaiting Authorisation") return "chip chip--pending";
    return "chip chip--bad";
  }

  Grid.prototype.drawRow = function (index) {
    var row = this.rows[index];
    var el = document.createElement("div");
    el.className = "dg__row" + (index % 2 ? " dg__row--odd" : "");
    el.setAttribute("role", "row");
    el.setAttribute("aria-rowindex", String(index + 2));
    el.dataset.index = String(index);
    el.dataset.channelId = String(row.id);
    el.style.transform = "translateY(" + index * ROW_HEIGHT + "px)";

    var name = cell(1, "dg__col-name");
    name.textContent = row.name;
    var market = cell(2, "dg__col-market");
    market.textContent = row.marketplace;
    var seller = cell(3, "dg__col-seller dg__mono");
    seller.textContent = row.seller_id || "";
    var status = cell(4, "dg__col-status");
    var chip = document.createElement("span");
    chip.className = chipClass(row);
    chip.textContent = row.status;
    status.appendChild(chip);
    var expiry = cell(5, "dg__col-expiry");
    expiry.textContent = row.expiry;
    if (row.expiry_iso) expiry.title = row.expiry_iso;
    var actions = cell(6, "dg__col-actions");
    var buttons = actionTemplate.content.cloneNode(true);
    var connect = buttons.querySelector('[data-action="connect"]');
    if (!row.show_connect && connect) connect.remove();
    actions.appendChild(buttons);

    [name, market, seller, status, expiry, actions].forEach(function (c) {
      c.tabIndex = -1;
      el.appendChild(c);
    });
    return el;
  };

  Grid.prototype.rowOf = function (node) {
    var el = node && node.closest ? node.closest('[role="row"]') : null;
    if (!el || !this.body.contains(el)) return null;
    return { el: el, index: Number(el.dataset.index), data: this.rows[Number(el.dataset.index)] };
  };

  Grid.prototype.reveal = function (node) {
    var hit = this.rowOf(node);
    if (!hit) return;
    var top = hit.index * ROW_HEIGHT;
    var view = this.viewport;
    if (top < view.scrollTop) view.scrollTop = top;
    else if (top + ROW_HEIGHT > view.scrollTop + view.clientHeight) view.scrollTop = top + ROW_HEIGHT - view.clientHeight;
  };

  Grid.prototype.onKey = function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var hit = this.rowOf(event.target);
    if (!hit) return;
    var c = event.target.closest('[role="gridcell"]');
    var col = c ? c.getAttribute("aria-colindex") : "1";
    var target = hit.index + (event.key === "ArrowDown" ? 1 : -1);
    if (target < 0 || target >= this.rows.length) return;
    event.preventDefault();
    this.viewport.scrollTop = Math.max(0, target * ROW_HEIGHT - ROW_HEIGHT * 2);
    this.render();
    var rowEl = this.drawn.get(target);
    var next = rowEl && rowEl.querySelector('[aria-colindex="' + col + '"]');
    if (next) next.focus();
  };

  Grid.prototype.onClick = function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button) return;
    var hit = this.rowOf(button);
    if (!hit) return;
    if (button.dataset.action === "connect") {
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
      window.location.assign(hit.data.connect_hect_url);
    } else if (button.dataset.action === "poll") {
      openPoll(hit.data, button, this);
    }
  };

  function gridFor(panel) {
    var key = panel.dataset.key;
    if (!grids[key]) grids[key] = new Grid(panel);
    return grids[key];
  }

  // -- Order Poll dialog --------------------------------------------------------------
  var dialog = document.getElementById("poll-dialog");
  var form = document.getElementById("poll-form");
  var result = dialog.querySelector("[data-poll-result]");
  var submit = dialog.querySelector("[data-submit]");
  var opener = null;

  function setCsrf(value) {
    form.elements.csrf.value = value;
  }

  function showResult(kind, text, link) {
    result.className = "banner banner--" + kind;
    result.textContent = text;
    if (link) {
      result.appendChild(document.createTextNode(" "));
      var a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      result.appendChild(a);
    }
    result.hidden = false;
  }

  function openPoll(row, button, grid) {
    opener = { button: button, grid: grid, id: row.id };
    dialog.querySelector("[data-channel-name]").textContent = row.name;
    dialog.querySelector("[data-poll-history]").href = row.poll_url;
    form.action = row.poll_url;
    form.elements.since_date.value = "";
    form.elements.since_time.value = "";
    result.hidden = true;
    result.textContent = "";
    submit.disabled = false;
    dialog.showModal();
    form.elements.since_date.focus();
  }

  dialog.addEventListener("close", function () {
    if (!opener) return;
    var back = opener.button;
    if (!back.isConnected) {
      var el = null;
      opener.grid.drawn.forEach(function (r) { if (r.dataset.channelId === String(opener.id)) el = r; });
      back = el ? el.querySelector('[data-action="poll"]') : opener.grid.viewport;
    }
    if (back && back.focus) back.focus();
    opener = null;
  });

  Array.prototype.forEach.call(dialog.querySelectorAll("[data-close]"), function (b) {
    b.addEventListener("click", function () { dialog.close(); });
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!form.reportValidity()) return;
    submit.disabled = true;
    form.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      headers: {
        Accept: "application/json",
        "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"
      },
      credentials: "same-origin",
      body: new URLSearchParams(new FormData(form))
    })
      .then(function (response) {
        var type = response.headers.get("content-type") || "";
        if (type.indexOf("application/json") < 0) {
          var here = window.location.pathname + window.location.search;
          showResult("error", "Your session has expired. Please sign in again.",
            { href: root.dataset.login + "?next=" + encodeURIComponent(here), text: "Sign in" });
          return;
        }
        return response.json().then(function (data) {
          if (data.ok) showResult("success", data.message);
          else showResult("error", data.error || "HECT could not start the order poll.");
        });
      })
      .catch(function () {
        showResult("error", "HECT could not be reached. Check your connection and try again.");
      })
      .then(function () {
        submit.disabled = false;
        form.removeAttribute("aria-busy");
      });
  });

  // -- Start --------------------------------------------------------------------------
  var selected = tabs.filter(function (t) { return t.getAttribute("aria-selected") === "true"; })[0] || tabs[0];
  if (selected) select(selected.dataset.key);
})();
