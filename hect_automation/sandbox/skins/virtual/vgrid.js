/* A small virtualised grid (react-window style) for the channel list.
 *
 * The rows come from the JSON API; only those in view plus OVERSCAN rows either side are in
 * the DOM, absolutely positioned at index * ROW_HEIGHT inside a body as tall as every row.
 * Scrolling the scroller re-renders the window, removing rows that left it.
 */
(function () {
  "use strict";

  var ROW_HEIGHT = 44;
  var OVERSCAN = 3;

  function VirtualGrid(root) {
    this.root = root;
    this.api = root.getAttribute("data-api");
    this.loginPath = root.getAttribute("data-login");
    this.scroller = root.querySelector("[data-vgrid-scroller]");
    this.grid = root.querySelector("[role=grid]");
    this.head = root.querySelector("[role=rowgroup]");
    this.body = root.querySelector("[data-vgrid-body]");
    this.overlay = root.querySelector("[data-vgrid-overlay]");
    this.footer = root.querySelector("[data-vgrid-footer]");
    this.filterInput = root.querySelector("[data-vgrid-filter]");
    this.refreshButton = root.querySelector("[data-vgrid-refresh]");
    this.actionsTemplate = document.querySelector("template[data-vgrid-actions]");
    this.messages = document.querySelector("template[data-vgrid-messages]");

    this.all = [];       // every channel from the API
    this.view = [];      // the channels passing the filter
    this.rendered = new Map(); // index in view -> row element
    this.focusIndex = 0;
    this.frame = 0;

    var self = this;
    this.scroller.addEventListener("scroll", function () { self.schedule(); }, { passive: true });
    if (window.ResizeObserver) {
      new ResizeObserver(function () { self.schedule(); }).observe(this.scroller);
    } else {
      window.addEventListener("resize", function () { self.schedule(); });
    }
    if (this.filterInput) {
      this.filterInput.addEventListener("input", function () { self.applyFilter(); });
    }
    if (this.refreshButton) {
      this.refreshButton.addEventListener("click", function () { self.load(); });
    }
    this.grid.addEventListener("keydown", function (event) { self.onKey(event); });
    this.load();
  }

  VirtualGrid.prototype.message = function (key) {
    var node = this.messages && this.messages.content.querySelector('[data-msg="' + key + '"]');
    return node ? node.textContent.trim() : "";
  };

  VirtualGrid.prototype.setBusy = function (busy, text) {
    this.grid.setAttribute("aria-busy", busy ? "true" : "false");
    if (text) {
      this.overlay.textContent = text;
      this.overlay.hidden = false;
    } else {
      this.overlay.hidden = true;
    }
  };

  VirtualGrid.prototype.load = async function () {
    this.setBusy(true, "Loading channels\u2026");
    this.footer.textContent = "Loading\u2026";
    try {
      var rows = [];
      var page = 1;
      var pages = 1;
      do {
        var response = await fetch(this.api + "?page=" + page, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
          cache: "no-store",
        });
        if (response.status === 401) {
          window.location.assign(
            this.loginPath + "?next=" + encodeURIComponent(location.pathname + location.search)
          );
          return;
        }
        if (!response.ok) throw new Error("HTTP " + response.status);
        var data = await response.json();
        rows = rows.concat(data.rows || []);
        pages = data.pages || 1;
        page += 1;
      } while (page <= pages);
      this.all = rows;
      this.applyFilter();
    } catch (error) {
      this.all = [];
      this.view = [];
      this.clearRows();
      this.body.style.height = "0px";
      this.grid.setAttribute("aria-rowcount", "1");
      this.setBusy(false, this.message("error"));
      this.footer.textContent = "";
      if (window.console) console.error("channel grid:", error);
    }
  };

  VirtualGrid.prototype.applyFilter = function () {
    var needle = (this.filterInput ? this.filterInput.value : "").trim().toLowerCase();
    this.view = !needle ? this.all.slice() : this.all.filter(function (c) {
      return [c.name, c.marketplace, c.seller_id, c.status].some(function (v) {
        return String(v || "").toLowerCase().indexOf(needle) !== -1;
      });
    });
    this.clearRows();
    this.focusIndex = 0;
    this.scroller.scrollTop = 0;
    this.body.style.height = this.view.length * ROW_HEIGHT + "px";
    this.grid.setAttribute("aria-rowcount", String(this.view.length + 1));
    if (this.view.length) {
      this.setBusy(false, "");
    } else {
      this.setBusy(false, this.message(this.all.length ? "nomatch" : "empty"));
    }
    this.render();
  };

  VirtualGrid.prototype.clearRows = function () {
    this.rendered.forEach(function (row) { row.remove(); });
    this.rendered.clear();
  };

  VirtualGrid.prototype.schedule = function () {
    if (this.frame) return;
    var self = this;
    this.frame = window.requestAnimationFrame(function () {
      self.frame = 0;
      self.render();
    });
  };

  /** The rows in view: [first, last) by index in the filtered view. */
  VirtualGrid.prototype.visibleRange = function () {
    var headHeight = this.head.offsetHeight;
    var top = this.scroller.scrollTop;
    var height = Math.max(0, this.scroller.clientHeight - headHeight);
    var count = this.view.length;
    var first = Math.min(count, Math.floor(top / ROW_HEIGHT));
    var last = Math.min(count, Math.ceil((top + height) / ROW_HEIGHT));
    return [first, Math.max(first, last)];
  };

  VirtualGrid.prototype.render = function () {
    var range = this.visibleRange();
    var start = Math.max(0, range[0] - OVERSCAN);
    var end = Math.min(this.view.length, range[1] + OVERSCAN);
    var self = this;

    this.rendered.forEach(function (row, index) {
      if (index < start || index >= end) {
        row.remove();
        self.rendered.delete(index);
      }
    });
    // Rows stay in the DOM in the order they are drawn (screen readers read in DOM order):
    // the window is contiguous, so new rows go either before or after the ones kept.
    var kept = Array.from(this.rendered.keys());
    var lowest = kept.length ? Math.min.apply(null, kept) : end;
    var before = document.createDocumentFragment();
    var after = document.createDocumentFragment();
    for (var i = start; i < end; i++) {
      if (!this.rendered.has(i)) {
        var row = this.buildRow(this.view[i], i);
        this.rendered.set(i, row);
        (i < lowest ? before : after).appendChild(row);
      }
    }
    this.body.insertBefore(before, this.body.firstChild);
    this.body.appendChild(after);
    this.rendered.forEach(function (row, index) {
      row.tabIndex = index === self.focusIndex ? 0 : -1;
    });

    if (this.view.length) {
      this.footer.textContent =
        "Showing " + (range[0] + 1) + "\u2013" + range[1] + " of " + this.view.length +
        " channel" + (this.view.length === 1 ? "" : "s");
    } else {
      this.footer.textContent = "Showing 0 of 0 channels";
    }
  };

  function cell(colIndex, className) {
    var div = document.createElement("div");
    div.className = "vgrid__cell" + (className ? " " + className : "");
    div.setAttribute("role", "gridcell");
    div.setAttribute("aria-colindex", String(colIndex));
    return div;
  }

  VirtualGrid.prototype.buildRow = function (channel, index) {
    var row = document.createElement("div");
    row.className = "vgrid__row" + (index % 2 ? " vgrid__row--odd" : "");
    row.setAttribute("role", "row");
    row.setAttribute("aria-rowindex", String(index + 2));
    row.style.top = index * ROW_HEIGHT + "px";
    row.dataset.index = String(index);
    row.dataset.channelId = String(channel.id);

    var name = cell(1, "vgrid__cell--name");
    name.textContent = channel.name;
    name.title = channel.name;
    row.appendChild(name);

    var market = cell(2);
    market.textContent = channel.marketplace;
    row.appendChild(market);

    var seller = cell(3, "vgrid__cell--mono");
    seller.textContent = channel.seller_id || "";
    row.appendChild(seller);

    var status = cell(4);
    var pill = document.createElement("span");
    var tone = channel.status === "Connected" ? "ok" : channel.expired ? "bad" : "wait";
    pill.className = "pill pill--" + tone;
    pill.textContent = channel.status;
    status.appendChild(pill);
    row.appendChild(status);

    var expiry = cell(5, "vgrid__cell--mono");
    if (channel.expiry) {
      var time = document.createElement("time");
      if (channel.expiry_iso) time.setAttribute("datetime", channel.expiry_iso);
      time.textContent = channel.expiry;
      expiry.appendChild(time);
    }
    row.appendChild(expiry);

    var actions = cell(6, "vgrid__cell--actions");
    var parts = this.actionsTemplate.content.cloneNode(true);
    var connect = parts.querySelector('[data-slot="connect"]');
    var poll = parts.querySelector('[data-slot="poll"]');
    if (channel.show_connect && channel.connect_url) {
      connect.setAttribute("href", channel.connect_url);
    } else {
      connect.remove();
    }
    poll.setAttribute("href", channel.poll_url);
    actions.appendChild(parts);
    row.appendChild(actions);
    return row;
  };

  /** Scroll so that row ``index`` is fully in view. */
  VirtualGrid.prototype.reveal = function (index) {
    var viewHeight = this.scroller.clientHeight - this.head.offsetHeight;
    var top = index * ROW_HEIGHT;
    if (top < this.scroller.scrollTop) {
      this.scroller.scrollTop = top;
    } else if (top + ROW_HEIGHT > this.scroller.scrollTop + viewHeight) {
      this.scroller.scrollTop = top + ROW_HEIGHT - viewHeight;
    }
  };

  VirtualGrid.prototype.onKey = function (event) {
    var row = event.target.closest && event.target.closest('[role="row"][data-index]');
    if (!row || !this.view.length) return;
    var index = Number(row.dataset.index);
    var perPage = Math.max(1, Math.floor((this.scroller.clientHeight - this.head.offsetHeight) / ROW_HEIGHT));
    var next = null;
    switch (event.key) {
      case "ArrowDown": next = index + 1; break;
      case "ArrowUp": next = index - 1; break;
      case "PageDown": next = index + perPage; break;
      case "PageUp": next = index - perPage; break;
      case "Home": if (event.target === row) next = 0; break;
      case "End": if (event.target === row) next = this.view.length - 1; break;
    }
    if (next === null) return;
    event.preventDefault();
    this.focusIndex = Math.max(0, Math.min(this.view.length - 1, next));
    this.reveal(this.focusIndex);
    this.render();
    var target = this.rendered.get(this.focusIndex);
    if (target) target.focus({ preventScroll: true });
  };

  function start() {
    document.querySelectorAll("[data-vgrid]").forEach(function (root) {
      root.vgrid = new VirtualGrid(root);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
