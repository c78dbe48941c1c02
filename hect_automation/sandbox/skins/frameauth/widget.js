// The auth widget. When the host page (the marketing page at the login address) comes back
// after a failed sign-in, it hands the error to the widget on the <iframe> element; the
// widget shows it above the form.
(function () {
  "use strict";
  var box = document.getElementById("widget-error");
  var frame = null;
  try { frame = window.frameElement; } catch (e) { frame = null; }
  var message = frame && frame.getAttribute("data-error");
  if (message && box && !box.textContent.trim()) {
    box.textContent = message;
    box.hidden = false;
  }
  var form = document.getElementById("signin");
  if (!form) return;
  form.addEventListener("submit", function (event) {
    var email = form.elements.email, password = form.elements.password;
    if (!email.value.trim() || !password.value) {
      event.preventDefault();
      box.textContent = "Please enter your email address and password.";
      box.hidden = false;
      (email.value.trim() ? password : email).focus();
      return;
    }
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    button.textContent = "Signing in…";
  });
  // Coming back to the page (the browser's back button) must not leave the button stuck.
  window.addEventListener("pageshow", function () {
    var button = form.querySelector("button[type=submit]");
    button.disabled = false;
    button.textContent = "Sign in";
  });
  if (box && !box.hidden) {
    var pw = form.elements.password;
    if (form.elements.email.value) pw.focus();
  }
})();
