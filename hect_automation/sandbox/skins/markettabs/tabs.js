// ARIA tabs (WAI-ARIA Authoring Practices, automatic activation): click or arrow keys choose
// a marketplace; every panel is in the page from the start, only the chosen one is shown.
(function () {
  "use strict";

  function setUp(root) {
    var tabs = Array.prototype.slice.call(root.querySelectorAll('[role="tab"]'));
    if (!tabs.length) return;

    function panelOf(tab) {
      return document.getElementById(tab.getAttribute("aria-controls"));
    }

    function select(tab, focus) {
      tabs.forEach(function (t) {
        var on = t === tab;
        t.setAttribute("aria-selected", on ? "true" : "false");
        t.tabIndex = on ? 0 : -1;
        var panel = panelOf(t);
        if (panel) panel.hidden = !on;
      });
      if (focus) tab.focus();
    }

    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () { select(tab, false); });
      tab.addEventListener("keydown", function (event) {
        var next = null;
        switch (event.key) {
          case "ArrowRight": next = tabs[(i + 1) % tabs.length]; break;
          case "ArrowLeft": next = tabs[(i - 1 + tabs.length) % tabs.length]; break;
          case "Home": next = tabs[0]; break;
          case "End": next = tabs[tabs.length - 1]; break;
          default: return;
        }
        event.preventDefault();
        select(next, true);
      });
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-tabs]"), setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
