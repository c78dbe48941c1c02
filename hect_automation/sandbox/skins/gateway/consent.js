/* The cookie-consent banner (runs inside its iframe). */
(function () {
  "use strict";
  var KEY = "hect.cookieConsent";

  function choose(choice) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify({ choice: choice, at: new Date().toISOString() }));
    } catch (e) { /* storage unavailable */ }
    var target = window.parent;
    if (target && target !== window) {
      target.postMessage({ type: "hect:cookie-consent", choice: choice }, window.origin);
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-choice]"), function (button) {
      button.addEventListener("click", function () {
        Array.prototype.forEach.call(document.querySelectorAll("[data-choice]"), function (b) { b.disabled = true; });
        choose(button.dataset.choice);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
