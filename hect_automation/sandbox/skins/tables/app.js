/* HECT admin: page wiring. */
(function (window, document) {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    // Channel lists
    var channels = document.getElementById("channels");
    if (channels && window.DataTable) {
      new window.DataTable(channels, {
        order: [[1, "asc"]],
        pageLength: 10,
        responsive: { details: { type: "column", target: 0 } },
        columnDefs: [{ orderable: false, targets: [0, 6] }]
      });
    }

    // The Order Poll modal: one form, pointed at the channel whose button opened it.
    var modal = document.getElementById("orderPollModal");
    if (modal) {
      modal.addEventListener("show.bs.modal", function (event) {
        var button = event.relatedTarget;
        if (!button) return;
        var form = modal.querySelector("form");
        form.setAttribute("action", button.getAttribute("data-poll-url"));
        form.reset();
        modal.querySelector(".modal-title").textContent = "Order Poll: " + button.getAttribute("data-channel-name");
        var history = document.getElementById("orderPollHistory");
        if (history) history.setAttribute("href", button.getAttribute("data-poll-url"));
      });
      modal.addEventListener("shown.bs.modal", function () {
        var input = modal.querySelector('input[type="datetime-local"]');
        if (input) input.focus();
      });
      var form = modal.querySelector("form");
      form.addEventListener("submit", function () {
        var submit = form.querySelector('button[type="submit"]');
        if (submit) { submit.disabled = true; submit.textContent = "Starting\u2026"; }
      });
    }

    // A message left by the previous page (PHP-style flash), shown as a toast.
    var flash = null;
    try {
      flash = JSON.parse(window.sessionStorage.getItem("hect.flash") || "null");
      window.sessionStorage.removeItem("hect.flash");
    } catch (e) { flash = null; }
    var container = document.getElementById("flash-toasts");
    if (flash && flash.message && container && window.bootstrap) {
      var toast = document.createElement("div");
      toast.className = "toast";
      toast.setAttribute("role", "alert");
      toast.setAttribute("aria-live", "assertive");
      toast.setAttribute("aria-atomic", "true");
      var header = document.createElement("div");
      header.className = "toast-header";
      var title = document.createElement("strong");
      title.className = "me-auto";
      title.textContent = flash.title || "HECT";
      var when = document.createElement("small");
      when.textContent = "just now";
      var close = document.createElement("button");
      close.type = "button";
      close.className = "btn-close";
      close.setAttribute("data-bs-dismiss", "toast");
      close.setAttribute("aria-label", "Close");
      header.append(title, when, close);
      var body = document.createElement("div");
      body.className = "toast-body";
      body.textContent = flash.message;
      toast.append(header, body);
      container.appendChild(toast);
      window.bootstrap.Toast.getOrCreateInstance(toast, { delay: 5000 }).show();
      toast.addEventListener("hidden.bs.toast", function () { toast.remove(); });
    }
  });
})(window, document);
