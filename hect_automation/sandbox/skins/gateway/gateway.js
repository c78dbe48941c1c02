/* HECT front-end behaviour: sign-in steps, cookie consent, channel actions, alerts. */
(function () {
  "use strict";

  var CONSENT_KEY = "hect.cookieConsent";

  /* ---- Cookie consent: the banner lives in an iframe and tells us when it is done ---- */
  function removeConsentFrame() {
    var frame = document.getElementById("cookie-consent");
    if (frame) frame.remove();
    document.body.classList.remove("has-consent");
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== window.location.origin) return;
    var data = event.data;
    if (!data || data.type !== "hect:cookie-consent") return;
    var frame = document.getElementById("cookie-consent");
    if (frame && event.source !== frame.contentWindow) return;
    try {
      if (!window.localStorage.getItem(CONSENT_KEY)) {
        window.localStorage.setItem(CONSENT_KEY, JSON.stringify({ choice: data.choice, at: new Date().toISOString() }));
      }
    } catch (e) { /* storage unavailable: the banner will come back next time */ }
    removeConsentFrame();
  });

  /* ---- Sign in: email first, then password, on the same page ---- */
  function setUpSignIn() {
    var form = document.getElementById("sign-in");
    if (!form) return;
    var stepEmail = document.getElementById("step-email");
    var stepPassword = document.getElementById("step-password");
    var sso = document.getElementById("sso-options");
    var email = document.getElementById("signin-email");
    var password = document.getElementById("signin-password");
    var emailError = document.getElementById("signin-email-error");
    var passwordError = document.getElementById("signin-password-error");
    var identity = document.getElementById("identity-email");
    var change = document.getElementById("change-email");
    var notice = document.getElementById("sso-notice");

    function showError(input, message, on) {
      message.hidden = !on;
      if (on) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", message.id);
      } else {
        input.removeAttribute("aria-invalid");
        input.removeAttribute("aria-describedby");
      }
    }

    function toPassword() {
      form.dataset.step = "password";
      identity.textContent = email.value.trim();
      stepEmail.hidden = true;
      if (sso) sso.hidden = true;
      notice.hidden = true;
      stepPassword.hidden = false;
      password.required = true;
      password.focus();
    }

    function toEmail() {
      form.dataset.step = "email";
      stepPassword.hidden = true;
      password.required = false;
      password.value = "";
      showError(password, passwordError, false);
      stepEmail.hidden = false;
      if (sso) sso.hidden = false;
      email.focus();
      email.select();
    }

    form.addEventListener("submit", function (event) {
      if (form.dataset.step === "email") {
        event.preventDefault();
        email.value = email.value.trim();
        var ok = email.value !== "" && email.checkValidity();
        showError(email, emailError, !ok);
        if (!ok) { email.focus(); return; }
        toPassword();
        return;
      }
      if (password.value === "") {
        event.preventDefault();
        showError(password, passwordError, true);
        password.focus();
        return;
      }
      showError(password, passwordError, false);
      document.getElementById("sign-in-button").disabled = true; /* posted once */
    });

    change.addEventListener("click", function (event) {
      event.preventDefault();
      toEmail();
    });

    Array.prototype.forEach.call(document.querySelectorAll("[data-sso]"), function (button) {
      button.addEventListener("click", function () {
        notice.textContent = "Single sign-on with " + button.dataset.sso +
          " is not set up for this account. Continue with your email and password instead.";
        notice.hidden = false;
      });
    });
  }

  /* ---- Channel list: Connect Channel opens the marketplace's consent page in a popup ---- */
  function setUpConnect() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-connect-url]"), function (button) {
      button.addEventListener("click", function () {
        var url = button.dataset.connectUrl;
        var popup = window.open(url, "hect-connect-" + (button.dataset.channelId || ""),
          "popup=yes,width=620,height=760,left=120,top=80");
        if (!popup) {
          /* Popup blocked: carry on in this tab instead. */
          window.location.assign(url);
          return;
        }
        popup.focus();
      });
    });
  }

  /* ---- Dismissible alerts ---- */
  function setUpAlerts() {
    document.addEventListener("click", function (event) {
      var close = event.target.closest("[data-dismiss='alert']");
      if (!close) return;
      var alert = close.closest(".alert");
      if (alert) alert.remove();
    });
  }

  function start() {
    setUpSignIn();
    setUpConnect();
    setUpAlerts();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
