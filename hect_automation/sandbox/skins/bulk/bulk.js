(function () {
  "use strict";
  function pad(n) { return String(n).padStart(2, "0"); }
  // HECT writes its times in UTC, as dd/mm/yyyy hh:mm.
  function shown(d) {
    return pad(d.getUTCDate()) + "/" + pad(d.getUTCMonth() + 1) + "/" + d.getUTCFullYear() +
      " " + pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes());
  }
  function localValue(d) {
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) +
      "T" + pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes());
  }
  var now = new Date();

  // -- Channel list: last synced, selection and bulk actions -------------------------------
  document.querySelectorAll("time.bk-synced").forEach(function (t) {
    t.textContent = shown(now);
    t.setAttribute("datetime", now.toISOString());
  });

  var table = document.getElementById("bk-channels");
  if (table) {
    var all = document.getElementById("bk-all");
    var boxes = Array.prototype.slice.call(table.querySelectorAll("input.bk-row"));
    var bar = document.getElementById("bk-bulkbar");
    var count = document.getElementById("bk-count");
    var toast = document.getElementById("bk-toast");
    var dialog = document.getElementById("bk-confirm");
    var selected = function () { return boxes.filter(function (b) { return b.checked; }); };
    var refresh = function () {
      var n = selected().length;
      bar.hidden = n === 0;
      count.textContent = n + " selected";
      all.checked = n > 0 && n === boxes.length;
      all.indeterminate = n > 0 && n < boxes.length;
      boxes.forEach(function (b) { b.closest("tr").classList.toggle("bk-selected", b.checked); });
    };
    all.addEventListener("change", function () {
      boxes.forEach(function (b) { b.checked = all.checked; });
      refresh();
    });
    boxes.forEach(function (b) { b.addEventListener("change", refresh); });
    refresh();

    document.getElementById("bk-export").addEventListener("click", function () {
      var head = Array.prototype.slice.call(table.tHead.rows[0].cells, 1, -1)
        .map(function (c) { return c.textContent.trim(); });
      var lines = [head].concat(selected().map(function (b) {
        return Array.prototype.slice.call(b.closest("tr").cells, 1, -1)
          .map(function (c) { return c.textContent.trim(); });
      })).map(function (cells) {
        return cells.map(function (v) { return '"' + v.replace(/"/g, '""') + '"'; }).join(",");
      });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([lines.join("\n")], { type: "text/csv" }));
      link.download = "channels.csv";
      link.click();
      toast.textContent = "Exported " + selected().length + " channel(s).";
    });
    document.getElementById("bk-disconnect").addEventListener("click", function () {
      var n = selected().length;
      document.getElementById("bk-confirm-text").textContent =
        "Disconnect " + n + " channel" + (n === 1 ? "" : "s") + "? They will stop importing orders.";
      dialog.showModal();
    });
    dialog.addEventListener("close", function () {
      if (dialog.returnValue === "confirm") {
        toast.textContent = "Bulk disconnect is not available on this plan. Nothing was changed.";
      }
    });
  }

  // -- Order poll: a date range, sent without leaving the page ------------------------------
  var form = document.getElementById("bk-pollform");
  if (form) {
    var from = document.getElementById("bk-from");
    var to = document.getElementById("bk-to");
    var status = document.getElementById("bk-poll-status");
    to.value = localValue(now);
    from.max = to.value;
    to.addEventListener("change", function () { from.max = to.value; });
    var say = function (text, ok) {
      status.textContent = text;
      status.className = "bk-status " + (ok ? "bk-status-ok" : "bk-status-error");
    };
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (to.value && from.value && from.value > to.value) {
        say("“From” must be before “To”.", false);
        return;
      }
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: "application/json" },
        credentials: "same-origin"
      }).then(function (r) { return r.json(); }).then(function (answer) {
        if (answer.ok) {
          say(answer.message, true);
          var polls = document.getElementById("bk-polls");
          var row = polls.tBodies[0].insertRow(0);
          [shown(new Date(from.value + ":00Z")), shown(new Date()), "In progress"].forEach(function (v) {
            row.insertCell().textContent = v;
          });
          polls.hidden = false;
          var none = document.getElementById("bk-nopolls");
          if (none) { none.remove(); }
        } else {
          say(answer.error || "The order poll could not be started.", false);
        }
      }).catch(function () {
        say("Something went wrong. Please try again.", false);
      }).finally(function () { button.disabled = false; });
    });
  }
})();
