/* The channel treegrid: region rows open and close their channel rows (click the row or its
 * toggle, or use the keyboard: Enter / Space toggle, Right opens, Left closes or goes to the
 * region, Up / Down / Home / End move between visible rows). */
(function () {
  "use strict";

  function init(grid) {
    function rows() {
      return Array.prototype.slice.call(grid.querySelectorAll("[role=row]:not(.tg-head)"));
    }
    function visibleRows() {
      return rows().filter(function (r) { return !r.hidden; });
    }
    function childrenOf(group) {
      return Array.prototype.slice.call(grid.querySelectorAll('[data-parent="' + group.id + '"]'));
    }
    function isGroup(row) {
      return row.getAttribute("aria-level") === "1";
    }
    function setExpanded(group, open) {
      group.setAttribute("aria-expanded", open ? "true" : "false");
      childrenOf(group).forEach(function (child) { child.hidden = !open; });
    }
    function focusRow(row) {
      rows().forEach(function (r) { r.tabIndex = -1; });
      row.tabIndex = 0;
      row.focus();
    }

    grid.addEventListener("click", function (event) {
      var group = event.target.closest(".tg-group");
      if (!group || !grid.contains(group)) return;
      setExpanded(group, group.getAttribute("aria-expanded") !== "true");
      rows().forEach(function (r) { r.tabIndex = -1; });
      group.tabIndex = 0;
    });

    grid.addEventListener("keydown", function (event) {
      var row = event.target.closest("[role=row]");
      if (!row || row.classList.contains("tg-head")) return;
      var onRow = event.target === row;
      var list = visibleRows();
      var index = list.indexOf(row);
      var key = event.key;
      if (isGroup(row) && onRow && (key === "Enter" || key === " ")) {
        event.preventDefault();
        setExpanded(row, row.getAttribute("aria-expanded") !== "true");
        focusRow(row);
      } else if (key === "ArrowDown" && index < list.length - 1) {
        event.preventDefault();
        focusRow(list[index + 1]);
      } else if (key === "ArrowUp" && index > 0) {
        event.preventDefault();
        focusRow(list[index - 1]);
      } else if (key === "Home" && onRow) {
        event.preventDefault();
        focusRow(list[0]);
      } else if (key === "End" && onRow) {
        event.preventDefault();
        focusRow(list[list.length - 1]);
      } else if (key === "ArrowRight" && isGroup(row)) {
        event.preventDefault();
        if (row.getAttribute("aria-expanded") !== "true") setExpanded(row, true);
        else if (childrenOf(row)[0]) focusRow(childrenOf(row)[0]);
      } else if (key === "ArrowLeft") {
        event.preventDefault();
        if (isGroup(row)) setExpanded(row, false);
        else focusRow(document.getElementById(row.getAttribute("data-parent")));
      }
    });

    document.querySelectorAll("[data-tg-expand-all]").forEach(function (button) {
      button.addEventListener("click", function () {
        grid.querySelectorAll(".tg-group").forEach(function (g) { setExpanded(g, true); });
      });
    });
    document.querySelectorAll("[data-tg-collapse-all]").forEach(function (button) {
      button.addEventListener("click", function () {
        grid.querySelectorAll(".tg-group").forEach(function (g) { setExpanded(g, false); });
      });
    });
  }

  function start() {
    document.querySelectorAll("[role=treegrid]").forEach(init);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
