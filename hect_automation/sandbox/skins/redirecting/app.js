// HECT admin: the "More" drop-down in the top bar, and Connect Channel popups.
(function () {
  "use strict";

  // -- The "More" menu: a disclosure button (aria-expanded) over a small list of links.
  document.querySelectorAll("[data-dropdown]").forEach(function (box) {
    var button = box.querySelector("button[aria-controls]");
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.hidden = !open;
    }
    button.addEventListener("click", function (event) {
      event.stopPropagation();
      var open = button.getAttribute("aria-expanded") !== "true";
      setOpen(open);
      if (open) {
        var first = menu.querySelector("a");
        if (first && event.detail === 0) first.focus(); // opened from the keyboard
      }
    });
    document.addEventListener("click", function (event) {
      if (!box.contains(event.target)) setOpen(false);
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        button.focus();
      }
    });
    box.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !box.contains(event.relatedTarget)) setOpen(false);
    });
  });

  // -- Connect Channel: open HECT's "Redirecting you to ..." page in a small popup window.
  var WIDTH = 600;
  var HEIGHT = 700;
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-popup]");
    if (!button) return;
    event.preventDefault();
    var url = button.getAttribute("data-popup");
    var left = Math.max(0, Math.round(window.screenX + (window.outerWidth - WIDTH) / 2));
    var top = Math.max(0, Math.round(window.screenY + (window.outerHeight - HEIGHT) / 2));
    var features = "popup=yes,width=" + WIDTH + ",height=" + HEIGHT + ",left=" + left + ",top=" + top;
    var win = window.open(url, "hect-connect", features);
    if (win) {
      win.focus();
    } else {
      // Pop-ups blocked: go there in this tab instead.
      window.location.assign(url);
    }
  });
})();
