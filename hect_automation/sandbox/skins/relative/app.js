// Small enhancements for the HECT admin: the avatar menu and relative times.
(function () {
  "use strict";

  // -- Avatar / account menu ---------------------------------------------------------------
  function setupMenu(root) {
    var button = root.querySelector("[aria-haspopup]");
    var pop = root.querySelector("[role=menu]");
    if (!button || !pop) return;
    function open(yes) {
      pop.hidden = !yes;
      button.setAttribute("aria-expanded", yes ? "true" : "false");
      if (yes) {
        var first = pop.querySelector("[role=menuitem]");
        if (first) first.focus();
      }
    }
    button.addEventListener("click", function (e) {
      e.stopPropagation();
      open(pop.hidden);
    });
    document.addEventListener("click", function (e) {
      if (!root.contains(e.target)) open(false);
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !pop.hidden) { open(false); button.focus(); }
    });
  }

  // -- Relative time -----------------------------------------------------------------------
  var DAY = 86400000;
  var auto = new Intl.RelativeTimeFormat("en-GB", { numeric: "auto" });
  var always = new Intl.RelativeTimeFormat("en-GB", { numeric: "always" });

  function utcDay(d) {
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  }

  // "today", "yesterday", "tomorrow", "in 23 days", "3 days ago", "in 6 months", "2 years ago"
  function relative(when, now) {
    var days = Math.round((utcDay(when) - utcDay(now)) / DAY);
    var abs = Math.abs(days);
    if (abs < 30) return auto.format(days, "day");
    if (abs < 365) {
      var months = Math.max(1, Math.round(abs / 30.44));
      return always.format(days < 0 ? -months : months, "month");
    }
    var years = Math.max(1, Math.round(abs / 365.25));
    return always.format(days < 0 ? -years : years, "year");
  }

  function renderTimes() {
    var now = new Date();
    var nodes = document.querySelectorAll("time[data-relative]");
    for (var i = 0; i < nodes.length; i++) {
      var when = new Date(nodes[i].getAttribute("datetime"));
      if (isNaN(when.getTime())) continue;
      nodes[i].textContent = relative(when, now);
    }
  }

  function start() {
    var menus = document.querySelectorAll("[data-menu]");
    for (var i = 0; i < menus.length; i++) setupMenu(menus[i]);
    renderTimes();
    setInterval(renderTimes, 60000);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
