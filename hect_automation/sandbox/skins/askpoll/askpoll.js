// askpoll: the Order Poll dialog, and its "are you sure?" step before the form is posted.
(function () {
  "use strict";

  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  // "2026-11-25T11:15" -> "25 Nov 2026 11:15" (the same way the rest of HECT writes dates)
  function prettyDate(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value || "");
    if (!m) return value;
    return m[3] + " " + MONTHS[parseInt(m[2], 10) - 1] + " " + m[1] + " " + m[4] + ":" + m[5];
  }

  var pendingForm = null;

  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-open-dialog]");
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute("data-open-dialog"));
      if (dialog && !dialog.open) dialog.showModal();
      return;
    }
    var closer = event.target.closest("[data-close-dialog]");
    if (closer) {
      closer.closest("dialog").close();
      return;
    }
    if (event.target.closest("[data-confirm-cancel]")) {
      pendingForm = null;
      document.getElementById("poll-confirm").close();
      return;
    }
    var ok = event.target.closest("[data-confirm-ok]");
    if (ok && pendingForm) {
      var form = pendingForm;
      pendingForm = null;
      ok.disabled = true;
      ok.textContent = "Starting…";
      HTMLFormElement.prototype.submit.call(form);
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-poll-form")) return;
    event.preventDefault();
    var confirmBox = document.getElementById("poll-confirm");
    if (!confirmBox) {
      HTMLFormElement.prototype.submit.call(form);
      return;
    }
    pendingForm = form;
    var since = form.querySelector("[name=since]").value;
    document.getElementById("poll-confirm-text").textContent =
      "Start an order poll for " + form.getAttribute("data-channel") + " from " + prettyDate(since) +
      "? Orders already in HECT are not imported twice.";
    var ok = confirmBox.querySelector("[data-confirm-ok]");
    ok.disabled = false;
    ok.textContent = "Yes, start it";
    confirmBox.showModal();
  });

  // Closing the confirmation with Escape counts as "Go back".
  document.addEventListener("DOMContentLoaded", function () {
    var confirmBox = document.getElementById("poll-confirm");
    if (confirmBox) confirmBox.addEventListener("close", function () { pendingForm = null; });
  });
})();
