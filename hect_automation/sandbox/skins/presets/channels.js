// Channel list: redraw the detail panel when another channel is chosen in the select.
(function () {
  "use strict";
  var select = document.getElementById("channel-select");
  var panel = document.getElementById("channel-panel");
  var island = document.getElementById("channel-data");
  if (!select || !panel || !island) return;
  var rows = JSON.parse(island.textContent);

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function statusClass(c) {
    if (c.expired) return "bad";
    return c.status === "Connected" ? "ok" : "wait";
  }

  function draw(c) {
    panel.textContent = "";
    panel.appendChild(el("h2", { "class": "panel-head", id: "channel-heading" }, c.name));
    var body = el("div", { "class": "panel-body" });
    var table = el("table", { "class": "fields" });
    [["Marketplace", c.marketplace], ["Seller ID", c.seller_id], ["Status", null], ["Token Expiry", c.expiry]]
      .forEach(function (pair) {
        var tr = el("tr");
        tr.appendChild(el("th", { scope: "row" }, pair[0]));
        var td = el("td");
        if (pair[0] === "Status") td.appendChild(el("span", { "class": "status " + statusClass(c) }, c.status));
        else td.textContent = pair[1] || "";
        tr.appendChild(td);
        table.appendChild(tr);
      });
    body.appendChild(table);
    var actions = el("p", { "class": "panel-actions" });
    if (c.show_connect && c.connect_url) {
      actions.appendChild(el("a", { "class": "button connect", href: c.connect_url, target: "_blank", rel: "noopener" }, "Connect Channel"));
      actions.appendChild(document.createTextNode(" "));
    }
    actions.appendChild(el("a", { "class": "button", href: c.poll_url }, "Order Poll"));
    body.appendChild(actions);
    panel.appendChild(body);
  }

  function chosen() {
    var id = select.value;
    for (var i = 0; i < rows.length; i++) if (String(rows[i].id) === id) return rows[i];
    return rows[0];
  }

  select.addEventListener("change", function () { draw(chosen()); });
  // A restored form (back button) may have another option chosen: keep the panel in step.
  window.addEventListener("pageshow", function () { draw(chosen()); });
})();
