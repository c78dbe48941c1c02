/* Priority+ navigation: keep as many top-level links in the bar as fit, and move the rest
 * (from the end) into the "More" dropdown menu. Re-measured on load and on every resize. */
(function () {
  "use strict";

  function init(nav) {
    var list = nav.querySelector(".pnav-list");
    var more = nav.querySelector(".pnav-more");
    var button = more.querySelector(".pnav-more-btn");
    var menu = more.querySelector(".pnav-menu");
    var items = Array.prototype.slice.call(list.children);

    function toBar(li) {
      var a = li.querySelector("a");
      li.removeAttribute("role");
      a.removeAttribute("role");
      a.removeAttribute("tabindex");
      list.appendChild(li);
    }

    function toMenu(li) {
      var a = li.querySelector("a");
      li.setAttribute("role", "none");
      a.setAttribute("role", "menuitem");
      a.setAttribute("tabindex", "-1");
      menu.appendChild(li);
    }

    function layout() {
      var wasOpen = !menu.hidden;
      close(false);
      // Everything back in the bar, in order, so each item can be measured.
      items.forEach(toBar);
      more.hidden = false;
      var moreWidth = more.getBoundingClientRect().width;
      var available = nav.clientWidth;
      var widths = items.map(function (li) { return li.getBoundingClientRect().width; });
      var total = widths.reduce(function (a, b) { return a + b; }, 0);
      if (total <= available) {
        more.hidden = true;
        return;
      }
      var used = moreWidth;
      var overflowFrom = items.length;
      for (var i = 0; i < items.length; i++) {
        if (used + widths[i] > available) { overflowFrom = i; break; }
        used += widths[i];
      }
      for (var j = overflowFrom; j < items.length; j++) toMenu(items[j]);
      // The current page's link is hidden in the menu: mark the More button instead.
      button.classList.toggle("has-current", !!menu.querySelector("[aria-current]"));
      if (wasOpen) open(false);
    }

    function menuItems() {
      return Array.prototype.slice.call(menu.querySelectorAll("[role=menuitem]"));
    }

    function open(focusFirst) {
      menu.hidden = false;
      button.setAttribute("aria-expanded", "true");
      if (focusFirst) {
        var first = menuItems()[0];
        if (first) first.focus();
      }
    }

    function close(returnFocus) {
      menu.hidden = true;
      button.setAttribute("aria-expanded", "false");
      if (returnFocus) button.focus();
    }

    button.addEventListener("click", function () {
      if (menu.hidden) open(false); else close(false);
    });

    button.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        open(true);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        open(false);
        var all = menuItems();
        if (all.length) all[all.length - 1].focus();
      } else if (event.key === "Escape") {
        close(true);
      }
    });

    menu.addEventListener("keydown", function (event) {
      var all = menuItems();
      var index = all.indexOf(document.activeElement);
      if (event.key === "ArrowDown") {
        event.preventDefault();
        all[(index + 1) % all.length].focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        all[(index - 1 + all.length) % all.length].focus();
      } else if (event.key === "Home") {
        event.preventDefault();
        all[0].focus();
      } else if (event.key === "End") {
        event.preventDefault();
        all[all.length - 1].focus();
      } else if (event.key === "Escape") {
        event.preventDefault();
        close(true);
      } else if (event.key === "Tab") {
        close(false);
      }
    });

    document.addEventListener("click", function (event) {
      if (!menu.hidden && !more.contains(event.target)) close(false);
    });

    var pending = 0;
    window.addEventListener("resize", function () {
      if (pending) cancelAnimationFrame(pending);
      pending = requestAnimationFrame(function () { pending = 0; layout(); });
    });
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(layout);
    layout();
    nav.classList.add("pnav-ready");
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-priority-nav]"), init);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
