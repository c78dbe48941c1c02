// The channel list: drawn from the JSON API once it answers (a real API is slower than the
// page, so a spinner shows first).
(function () {
  "use strict";
  var root = document.getElementById("channel-list");
  if (!root) return;
  var api = root.getAttribute("data-api");
  var label = root.getAttribute("data-label");
  var MIN_SPINNER_MS = 800;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function spinner() {
    root.setAttribute("aria-busy", "true");
    root.replaceChildren(el("div", { "class": "spinner", role: "status" }));
    var box = root.firstChild;
    box.appendChild(el("span", { "class": "spinner__wheel", "aria-hidden": "true" }));
    box.appendChild(document.createTextNode(" Loading channels…"));
  }

  function statusClass(row) {
    if (row.status === "Connected") return "status status--ok";
    if (row.expired) return "status status--bad";
    return "status status--pending";
  }

  function draw(data) {
    root.setAttribute("aria-busy", "false");
    root.replaceChildren();
    var rows = data.rows || [];
    if (!rows.length) {
      root.appendChild(el("p", { "class": "empty" }, "No " + label + " channels yet."));
      return;
    }
    var table = el("table", { "class": "grid channels" });
    var head = el("thead"), tr = el("tr");
    ["Channel Name", "Marketplace", "Seller ID", "Status", "Token Expiry", "Actions"].forEach(function (h) {
      tr.appendChild(el("th", { scope: "col" }, h));
    });
    head.appendChild(tr);
    table.appendChild(head);
    var body = el("tbody");
    rows.forEach(function (row) {
      var r = el("tr", { "data-channel-id": String(row.id) });
      r.appendChild(el("td", { "class": "channels__name" }, row.name));
      r.appendChild(el("td", null, row.marketplace));
      r.appendChild(el("td", { "class": "mono" }, row.seller_id || "—"));
      var status = el("td");
      status.appendChild(el("span", { "class": statusClass(row) }, row.status));
      r.appendChild(status);
      r.appendChild(el("td", { "class": "mono" }, row.expiry));
      var actions = el("td", { "class": "channels__actions" });
      if (row.show_connect) {
        actions.appendChild(el("a", { "class": "button button--connect", href: row.connect_hect_url }, "Connect Channel"));
        actions.appendChild(document.createTextNode(" "));
      }
      actions.appendChild(el("a", { "class": "button", href: row.poll_url }, "Order Poll"));
      r.appendChild(actions);
      body.appendChild(r);
    });
    table.appendChild(body);
    root.appendChild(table);

    var foot = el("div", { "class": "pager" });
    var shown = (data.first_shown || 1) + "–" + (data.last_shown || rows.length);
    foot.appendChild(el("span", { "class": "muted" },
      "Showing " + shown + " of " + data.total + " channel" + (data.total === 1 ? "" : "s")));
    if (data.pages > 1) {
      var prev = el("button", { type: "button", "class": "button button--small" }, "Previous");
      var next = el("button", { type: "button", "class": "button button--small" }, "Next");
      prev.disabled = data.page <= 1;
      next.disabled = data.page >= data.pages;
      prev.addEventListener("click", function () { load(data.page - 1); });
      next.addEventListener("click", function () { load(data.page + 1); });
      foot.appendChild(prev);
      foot.appendChild(el("span", null, "Page " + data.page + " of " + data.pages));
      foot.appendChild(next);
    }
    root.appendChild(foot);
  }

  function failed(message) {
    root.setAttribute("aria-busy", "false");
    root.replaceChildren(el("p", { "class": "banner banner--error", role: "alert" },
      "The channels could not be loaded (" + message + "). "));
    var retry = el("button", { type: "button", "class": "button button--small" }, "Try again");
    retry.addEventListener("click", function () { load(current); });
    root.firstChild.appendChild(retry);
  }

  var current = parseInt(root.getAttribute("data-page"), 10) || 1;

  function load(page) {
    current = page;
    spinner();
    var started = Date.now();
    var url = api + "?page=" + encodeURIComponent(page);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) {
        if (res.status === 401) { window.location.reload(); throw new Error("signed out"); }
        if (!res.ok) throw new Error("HTTP " + res.status);
        return res.json();
      })
      .then(function (data) {
        var wait = Math.max(0, MIN_SPINNER_MS - (Date.now() - started));
        setTimeout(function () { draw(data); }, wait);
      })
      .catch(function (err) { failed(err.message); });
  }

  load(current);
})();
