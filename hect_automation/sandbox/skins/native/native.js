// HECT admin: small helpers that hand the asking to the browser's own dialogs.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var el = event.target.closest ? event.target.closest("a, button") : null;
    if (!el) return;

    // Links that leave HECT ask first; Cancel keeps you on the page.
    if (el.hasAttribute("data-confirm")) {
      if (!window.confirm(el.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
      return;
    }

    // Order Poll opens in its own small window.
    if (el.hasAttribute("data-popup")) {
      event.preventDefault();
      var win = window.open(el.getAttribute("data-popup"), "orderpoll", "width=520,height=480");
      if (win) win.focus();
      return;
    }

    if (el.hasAttribute("data-close")) {
      event.preventDefault();
      if (window.opener && !window.opener.closed) {
        try { window.opener.location.reload(); } catch (e) { /* another site */ }
      }
      window.close();
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-poll-confirm")) return;
    var since = form.elements.since ? form.elements.since.value.trim() : "";
    var question = "Start an order poll for " + form.getAttribute("data-channel") + " from " + since + "?";
    if (!window.confirm(question)) {
      event.preventDefault();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var note = document.querySelector("[data-alert]");
    if (note) {
      window.alert(note.textContent.replace(/\s+/g, " ").trim());
    }
  });
})();
