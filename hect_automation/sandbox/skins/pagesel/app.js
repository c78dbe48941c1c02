// Small behaviours for the Material-style admin: the account menu, and the data table's
// pagination footer (rows per page, previous / next page).
(function () {
  "use strict";

  function setupMenu() {
    var trigger = document.querySelector(".avatar[aria-controls]");
    if (!trigger) return;
    var menu = document.getElementById(trigger.getAttribute("aria-controls"));
    function close() { menu.hidden = true; trigger.setAttribute("aria-expanded", "false"); }
    trigger.addEventListener("click", function (event) {
      event.stopPropagation();
      var opening = menu.hidden;
      menu.hidden = !opening;
      trigger.setAttribute("aria-expanded", String(opening));
      if (opening) {
        var first = menu.querySelector("[role=menuitem]");
        if (first) first.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (!menu.hidden && !menu.contains(event.target)) close();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !menu.hidden) { close(); trigger.focus(); }
    });
  }

  function setupPagination() {
    document.querySelectorAll(".data-table__pagination").forEach(function (footer) {
      footer.querySelectorAll("button[data-href]").forEach(function (button) {
        button.addEventListener("click", function () {
          var href = button.getAttribute("data-href");
          if (!button.disabled && href) window.location.assign(href);
        });
      });
      var select = footer.querySelector("select[data-page-size]");
      if (!select) return;
      var serverSize = select.getAttribute("data-page-size");
      select.addEventListener("change", function () {
        var url = new URL(window.location.href);
        url.searchParams.set("per_page", select.value);
        url.searchParams.set("page", "1");
        window.location.assign(url.toString());
      });
      // Coming back through the history shows what the server pages by, not a stale choice.
      window.addEventListener("pageshow", function () { select.value = serverSize; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupMenu();
    setupPagination();
  });
})();
