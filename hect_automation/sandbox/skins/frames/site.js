// HECT front-end behaviour: cookie notice, settings tabs, embedded channel lists.
(function () {
  "use strict";

  // -- Cookie notice -------------------------------------------------------------------------
  var CONSENT_KEY = "hect.cookieConsent";

  function saveConsent(analytics) {
    try {
      localStorage.setItem(CONSENT_KEY, JSON.stringify({
        necessary: true, analytics: !!analytics, at: new Date().toISOString()
      }));
    } catch (e) { /* private mode: ask again next time */ }
    var bar = document.getElementById("cookie-bar");
    if (bar) bar.hidden = true;
  }

  function initCookies() {
    var bar = document.getElementById("cookie-bar");
    var dialog = document.getElementById("cookie-prefs");
    if (!bar) return;
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("[data-cookie]");
      if (!button) return;
      if (button.dataset.cookie === "accept") saveConsent(true);
      if (button.dataset.cookie === "manage" && dialog) dialog.showModal();
    });
    if (dialog) {
      dialog.addEventListener("close", function () {
        if (dialog.returnValue === "save") {
          saveConsent(dialog.querySelector('[name="analytics"]').checked);
        }
      });
    }
  }

  // -- Tabs (WAI-ARIA tabs with automatic activation) ---------------------------------------
  function initTabs(list) {
    var tabs = Array.prototype.slice.call(list.querySelectorAll('[role="tab"]'));

    function select(tab, focus) {
      tabs.forEach(function (t) {
        var on = t === tab;
        t.setAttribute("aria-selected", on ? "true" : "false");
        t.tabIndex = on ? 0 : -1;
        document.getElementById(t.getAttribute("aria-controls")).hidden = !on;
      });
      if (focus) tab.focus();
      if (tab.dataset.hash && history.replaceState) {
        history.replaceState(null, "", tab.dataset.hash === tabs[0].dataset.hash ? location.pathname : "#" + tab.dataset.hash);
      }
    }

    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () { select(tab, false); });
      tab.addEventListener("keydown", function (event) {
        var next = null;
        if (event.key === "ArrowRight") next = tabs[(i + 1) % tabs.length];
        if (event.key === "ArrowLeft") next = tabs[(i - 1 + tabs.length) % tabs.length];
        if (event.key === "Home") next = tabs[0];
        if (event.key === "End") next = tabs[tabs.length - 1];
        if (next) { event.preventDefault(); select(next, true); }
      });
    });

    var wanted = location.hash.slice(1);
    var fromHash = tabs.filter(function (t) { return t.dataset.hash === wanted; })[0];
    if (fromHash) select(fromHash, false);
  }

  // -- Embedded lists: grow the frame to fit its page ---------------------------------------
  function initFrame(frame) {
    function fit() {
      try {
        var doc = frame.contentDocument;
        if (doc && doc.body) {
          frame.style.height = Math.max(doc.body.offsetHeight, 120) + 2 + "px";
        }
      } catch (e) { /* another origin: keep the default height */ }
    }
    function loaded() {
      fit();
      try {
        if (window.ResizeObserver) new ResizeObserver(fit).observe(frame.contentDocument.body);
      } catch (e) { /* ignore */ }
    }
    frame.addEventListener("load", loaded);
    try {
      var doc = frame.contentDocument;
      if (doc && doc.readyState === "complete" && doc.URL !== "about:blank") loaded();
    } catch (e) { /* ignore */ }
  }

  document.addEventListener("DOMContentLoaded", function () {
    initCookies();
    Array.prototype.forEach.call(document.querySelectorAll('[role="tablist"]'), initTabs);
    Array.prototype.forEach.call(document.querySelectorAll("iframe[data-fit]"), initFrame);
  });
})();
