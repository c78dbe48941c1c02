// The sidebar: collapsed to an icon rail on every page load, expandable to show labels;
// the Settings entry opens its nested list (inline when expanded, a flyout when collapsed).
(function () {
  "use strict";

  function init() {
    var rail = document.getElementById("rail");
    if (!rail) return;
    var toggle = rail.querySelector(".rail-toggle");
    var toggleText = toggle.querySelector("[data-toggle-text]");
    var items = rail.querySelectorAll(".rail-item");
    var group = rail.querySelector(".rail-group > button");
    var sub = group ? document.getElementById(group.getAttribute("aria-controls")) : null;

    function labelOf(item) {
      var label = item.querySelector(".rail-label");
      return label ? label.textContent.trim() : "";
    }

    function setCollapsed(collapsed) {
      rail.setAttribute("data-state", collapsed ? "collapsed" : "expanded");
      document.body.classList.toggle("rail-open", !collapsed);
      var text = collapsed ? toggle.dataset.expandText : toggle.dataset.collapseText;
      toggle.setAttribute("aria-expanded", collapsed ? "false" : "true");
      toggle.title = text;
      toggleText.textContent = text;
      // Collapsed, an entry's name is only in its tooltip; expanded, the label says it.
      items.forEach(function (item) {
        if (collapsed) item.title = labelOf(item);
        else item.removeAttribute("title");
      });
      if (collapsed) setGroupOpen(false);
    }

    function setGroupOpen(open) {
      if (!group || !sub) return;
      group.setAttribute("aria-expanded", open ? "true" : "false");
      sub.hidden = !open;
    }

    function isCollapsed() {
      return rail.getAttribute("data-state") === "collapsed";
    }

    toggle.addEventListener("click", function () {
      setCollapsed(!isCollapsed());
    });

    if (group && sub) {
      group.addEventListener("click", function () {
        setGroupOpen(group.getAttribute("aria-expanded") !== "true");
        if (!sub.hidden && isCollapsed()) {
          var first = sub.querySelector("a");
          if (first) first.focus();
        }
      });
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && isCollapsed() && !sub.hidden) {
          setGroupOpen(false);
          group.focus();
        }
      });
      document.addEventListener("click", function (event) {
        if (isCollapsed() && !sub.hidden && !group.parentNode.contains(event.target)) {
          setGroupOpen(false);
        }
      });
    }

    setCollapsed(true);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
