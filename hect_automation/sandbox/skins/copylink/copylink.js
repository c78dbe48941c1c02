// Connect Channel panels and their Copy link buttons.
(function () {
  "use strict";

  function statusFor(id) {
    return document.querySelector('[data-copy-status="' + id + '"]');
  }

  function say(id, text) {
    var status = statusFor(id);
    if (!status) return;
    status.textContent = text;
    clearTimeout(status._timer);
    status._timer = setTimeout(function () { status.textContent = ""; }, 4000);
  }

  function fallbackCopy(input) {
    input.focus();
    input.select();
    input.setSelectionRange(0, input.value.length);
    try {
      return document.execCommand("copy");
    } catch (err) {
      return false;
    }
  }

  function copy(button) {
    var id = button.getAttribute("data-copy");
    var input = document.getElementById(id);
    if (!input) return;
    var done = function () { say(id, "Copied"); };
    var failed = function () {
      if (fallbackCopy(input)) done();
      else say(id, "Could not copy: select the link and press Ctrl+C.");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, failed);
    } else {
      failed();
    }
  }

  function toggle(button) {
    var panel = document.getElementById(button.getAttribute("aria-controls"));
    if (!panel) return;
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    panel.hidden = !open;
    if (open) {
      var field = panel.querySelector("input");
      if (field) { field.focus(); field.select(); }
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var toggler = target.closest("[data-connect-toggle]");
    if (toggler) { toggle(toggler); return; }
    var copier = target.closest("[data-copy]");
    if (copier) { copy(copier); return; }
    var disabled = target.closest('a[aria-disabled="true"]');
    if (disabled) event.preventDefault();
  });

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (target instanceof HTMLInputElement && target.hasAttribute("data-select-on-focus")) {
      target.select();
    }
  });
})();
