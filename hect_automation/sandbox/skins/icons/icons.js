// HECT "icons" skin: sortable grids, dismissible toasts and the order poll form.
(function () {
  "use strict";

  // -- Sortable tables: a button in each column header; aria-sort on the th ----------------
  function sortKey(row, index) {
    const cell = row.cells[index];
    const raw = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent;
    return raw.trim().toLowerCase();
  }

  function enableSorting(table) {
    const headers = Array.from(table.tHead.rows[0].cells);
    headers.forEach(function (th, index) {
      const button = th.querySelector("button.sort");
      if (!button) return;
      button.addEventListener("click", function () {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) {
          const arrow = other.querySelector(".arrow");
          other.removeAttribute("aria-sort");
          if (arrow) arrow.textContent = "";
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        th.querySelector(".arrow").textContent = ascending ? "▲" : "▼";
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort(function (a, b) {
          const order = sortKey(a, index).localeCompare(sortKey(b, index), undefined, { numeric: true });
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  // -- Toasts ---------------------------------------------------------------------------------
  const CLOSE = '<svg class="ic" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><path d="M6 6l12 12M18 6L6 18"/></svg>';
  const TICK = '<svg class="ic" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M5 12.5l4.5 4.5L19 7.5"/></svg>';
  const WARN = '<svg class="ic" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M12 3.5L21.5 20h-19z"/><path d="M12 10v4.5M12 17.3h.01"/></svg>';

  function showToast(kind, message) {
    const slot = document.getElementById(kind === "ok" ? "toast-status" : "toast-alert");
    const other = document.getElementById(kind === "ok" ? "toast-alert" : "toast-status");
    if (other) other.replaceChildren();
    if (!slot) return;
    const toast = document.createElement("div");
    toast.className = "toast " + kind;
    toast.innerHTML = (kind === "ok" ? TICK : WARN) + "<p></p>" +
      '<button type="button" class="icon-btn dismiss" aria-label="Dismiss">' + CLOSE + "</button>";
    toast.querySelector("p").textContent = message;
    slot.replaceChildren(toast);
  }

  document.addEventListener("click", function (event) {
    const dismiss = event.target.closest(".toast .dismiss");
    if (dismiss) dismiss.closest(".toast").remove();
  });

  // -- The order poll form: posted as JSON, HECT's answer shown in a toast -------------------
  function localNow() {
    const now = new Date();
    now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
    return now.toISOString().slice(0, 16);
  }

  async function refreshPolls() {
    const section = document.getElementById("recent-polls");
    if (!section) return;
    const response = await fetch(location.pathname, { headers: { Accept: "text/html" } });
    if (!response.ok) return;
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.getElementById("recent-polls");
    if (fresh) section.replaceWith(document.importNode(fresh, true));
  }

  function enhancePollForm(form) {
    const since = form.querySelector("input[type=datetime-local]");
    if (since) since.max = localNow();
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      try {
        const response = await fetch(form.action, {
          method: "POST",
          body: new URLSearchParams(new FormData(form)),
          headers: { Accept: "application/json" },
        });
        const answer = await response.json();
        if (answer.ok) {
          showToast("ok", answer.message);
          await refreshPolls();
        } else {
          showToast("bad", answer.error || "The order poll could not be started.");
        }
      } catch (error) {
        // Not an answer we understand (e.g. signed out): post the form the ordinary way.
        HTMLFormElement.prototype.submit.call(form);
        return;
      } finally {
        button.disabled = false;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table[data-sortable]").forEach(enableSorting);
    document.querySelectorAll("form[data-poll-form]").forEach(enhancePollForm);
  });
})();
