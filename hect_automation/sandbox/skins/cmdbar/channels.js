// The channel grid: rows drawn from the page's JSON data island, selected by click or Space,
// acted on by the command bar above (role=toolbar "Channel actions").
(function () {
  "use strict";
  var island = document.getElementById("channel-data");
  var body = document.getElementById("grid-body");
  if (!island || !body) return;
  var rows = JSON.parse(island.textContent || "[]");
  var toolbar = document.querySelector('[role="toolbar"]');
  var note = document.getElementById("selection-note");
  var buttons = {};
  toolbar.querySelectorAll("button[data-action]").forEach(function (b) {
    buttons[b.dataset.action] = b;
  });
  var selected = null; // the selected channel (a row of the island)
  var rowEls = [];

  function cell(text, extraClass) {
    var div = document.createElement("div");
    div.className = "grid-cell" + (extraClass ? " " + extraClass : "");
    div.setAttribute("role", "gridcell");
    div.textContent = text;
    return div;
  }

  rows.forEach(function (row, i) {
    var el = document.createElement("div");
    el.className = "grid-row";
    el.setAttribute("role", "row");
    el.setAttribute("aria-rowindex", String(i + 2));
    el.setAttribute("aria-selected", "false");
    el.tabIndex = i === 0 ? 0 : -1;
    el.dataset.channelId = row.id;
    el.appendChild(cell(row.name, "strong"));
    el.appendChild(cell(row.marketplace));
    el.appendChild(cell(row.seller_id || "—"));
    var status = cell("");
    var badge = document.createElement("span");
    badge.className = "badge " + (row.status === "Connected" ? "ok" : row.expired ? "bad" : "wait");
    badge.textContent = row.status;
    status.appendChild(badge);
    el.appendChild(status);
    el.appendChild(cell(row.expiry));
    el.addEventListener("click", function () { select(i); });
    el.addEventListener("keydown", function (e) { onKey(e, i); });
    body.appendChild(el);
    rowEls.push(el);
  });

  function focusRow(i) {
    rowEls.forEach(function (el, j) { el.tabIndex = j === i ? 0 : -1; });
    rowEls[i].focus();
  }

  function select(i) {
    selected = rows[i];
    rowEls.forEach(function (el, j) {
      el.setAttribute("aria-selected", j === i ? "true" : "false");
      el.classList.toggle("is-selected", j === i);
      el.tabIndex = j === i ? 0 : -1;
    });
    refresh();
  }

  function refresh() {
    var has = selected !== null;
    buttons.connect.disabled = !(has && selected.show_connect && selected.connect_url);
    buttons.poll.disabled = !has;
    buttons.rename.disabled = !has;
    buttons.remove.disabled = !has;
    note.textContent = "Selected: " + (has ? selected.name : "none");
  }

  function onKey(e, i) {
    if (e.key === " " || e.key === "Spacebar" || e.key === "Enter") {
      e.preventDefault();
      select(i);
    } else if (e.key === "ArrowDown" && i < rowEls.length - 1) {
      e.preventDefault();
      focusRow(i + 1);
    } else if (e.key === "ArrowUp" && i > 0) {
      e.preventDefault();
      focusRow(i - 1);
    } else if (e.key === "Home") {
      e.preventDefault();
      focusRow(0);
    } else if (e.key === "End") {
      e.preventDefault();
      focusRow(rowEls.length - 1);
    }
  }

  buttons.connect.addEventListener("click", function () {
    if (selected && selected.connect_url) window.open(selected.connect_url, "_blank", "noopener");
  });
  buttons.poll.addEventListener("click", function () {
    if (selected) window.location.href = selected.poll_url;
  });
  buttons.remove.addEventListener("click", function () {
    if (selected) window.confirm("Remove the channel \u201c" + selected.name + "\u201d from HECT?");
  });

  var dialog = document.getElementById("rename-dialog");
  buttons.rename.addEventListener("click", function () {
    if (!selected) return;
    dialog.querySelector("input[name=name]").value = selected.name;
    dialog.showModal();
  });
  dialog.querySelector("[data-dialog-cancel]").addEventListener("click", function () {
    dialog.close();
  });

  // Arrow keys move between the toolbar's enabled buttons, as in a desktop command bar.
  toolbar.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    var items = Array.prototype.filter.call(
      toolbar.querySelectorAll("button, a[href]"), function (b) { return !b.disabled; });
    var at = items.indexOf(document.activeElement);
    if (at < 0) return;
    e.preventDefault();
    var next = e.key === "ArrowRight" ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
    items[next].focus();
  });

  refresh();
})();
