// almanac: the gear menu, the date popover and the toast.
(function () {
  "use strict";

  // -- Gear menu --------------------------------------------------------------------------
  document.querySelectorAll("[data-menu]").forEach(function (menu) {
    var button = menu.querySelector("[data-menu-button]");
    var panel = menu.querySelector("[data-menu-panel]");
    function show(open) {
      panel.hidden = !open;
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function (event) {
      event.stopPropagation();
      show(panel.hidden);
      if (!panel.hidden) { var first = panel.querySelector("[role=menuitem]"); if (first) first.focus(); }
    });
    document.addEventListener("click", function (event) {
      if (!menu.contains(event.target)) show(false);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) { show(false); button.focus(); }
    });
  });

  // -- Toast ------------------------------------------------------------------------------
  document.querySelectorAll("[data-toast]").forEach(function (toast) {
    var close = toast.querySelector("[data-toast-close]");
    if (close) close.addEventListener("click", function () { toast.remove(); });
  });

  // -- Date popover -----------------------------------------------------------------------
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function today() { var d = new Date(); return new Date(d.getFullYear(), d.getMonth(), d.getDate()); }
  function sameDay(a, b) {
    return a && b && a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() &&
      a.getDate() === b.getDate();
  }

  document.querySelectorAll("[data-datepicker]").forEach(function (root) {
    var form = root.closest("form");
    var box = root.querySelector("[data-date-box]");
    var hidden = form.querySelector("[data-date-value]");
    var problem = form.querySelector("[data-date-error]");
    var pop = root.querySelector("[data-date-popover]");
    var month = pop.querySelector("[data-month]");
    var year = pop.querySelector("[data-year]");
    var days = pop.querySelector("[data-days]");
    var selected = null;
    var view = { y: today().getFullYear(), m: today().getMonth() };
    year.max = String(today().getFullYear() + 1);

    function render() {
      var now = today();
      month.value = String(view.m);
      if (year.value !== String(view.y)) year.value = String(view.y);
      days.replaceChildren();
      var first = new Date(view.y, view.m, 1);
      var offset = (first.getDay() + 6) % 7; // weeks start on Monday
      for (var i = 0; i < 42; i++) {
        var d = new Date(view.y, view.m, 1 - offset + i);
        var cell = document.createElement("div");
        cell.className = "day";
        cell.textContent = String(d.getDate());
        cell.setAttribute("aria-label", MONTHS[d.getMonth()] + " " + d.getDate() + ", " + d.getFullYear());
        if (d.getMonth() !== view.m) cell.classList.add("is-other");
        if (sameDay(d, now)) cell.classList.add("is-today");
        if (sameDay(d, selected)) cell.classList.add("is-selected");
        if (d > now) {
          cell.setAttribute("aria-disabled", "true");
        } else {
          cell.addEventListener("click", choose.bind(null, d));
        }
        days.appendChild(cell);
      }
    }

    function choose(d) {
      selected = d;
      view = { y: d.getFullYear(), m: d.getMonth() };
      hidden.value = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
      box.value = pad(d.getDate()) + " " + MONTHS[d.getMonth()].slice(0, 3) + " " + d.getFullYear();
      problem.hidden = true;
      close();
      box.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function open() {
      var base = selected || today();
      view = { y: base.getFullYear(), m: base.getMonth() };
      render();
      pop.hidden = false;
      box.setAttribute("aria-expanded", "true");
    }
    function close() {
      pop.hidden = true;
      box.setAttribute("aria-expanded", "false");
    }
    function step(delta) {
      var d = new Date(view.y, view.m + delta, 1);
      view = { y: d.getFullYear(), m: d.getMonth() };
      render();
    }

    box.addEventListener("click", function () { if (pop.hidden) open(); else close(); });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " " || event.key === "ArrowDown") {
        event.preventDefault();
        open();
      }
    });
    pop.querySelector("[data-prev]").addEventListener("click", function () { step(-1); });
    pop.querySelector("[data-next]").addEventListener("click", function () { step(1); });
    month.addEventListener("change", function () { view.m = Number(month.value); render(); });
    function yearTyped() {
      var y = Number(year.value);
      if (Number.isInteger(y) && y >= 1900 && y <= 2100 && y !== view.y) { view.y = y; render(); }
    }
    year.addEventListener("input", yearTyped);
    year.addEventListener("change", yearTyped);
    document.addEventListener("mousedown", function (event) {
      if (!pop.hidden && !root.contains(event.target)) close();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !pop.hidden) { close(); box.focus(); }
    });
    form.addEventListener("submit", function (event) {
      if (!hidden.value) {
        event.preventDefault();
        problem.hidden = false;
        open();
      }
    });
  });
})();
