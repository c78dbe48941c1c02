/* HECT "board" skin: menu buttons, the connect popup, relative dates, the close button. */
(function () {
  "use strict";

  // ---- Menu buttons (aria-haspopup="menu" + aria-controls) -------------------------------
  var current = null; // {button, menu, panel}

  function panelOf(menu) {
    return menu.closest("[data-menu-panel]") || menu;
  }

  function itemsOf(menu) {
    return Array.prototype.slice.call(menu.querySelectorAll('[role="menuitem"]'));
  }

  function closeMenu(returnFocus) {
    if (!current) return;
    var open = current;
    current = null;
    open.panel.hidden = true;
    open.button.setAttribute("aria-expanded", "false");
    if (returnFocus) open.button.focus();
  }

  function openMenu(button, focus) {
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) return;
    closeMenu(false);
    current = { button: button, menu: menu, panel: panelOf(menu) };
    current.panel.hidden = false;
    button.setAttribute("aria-expanded", "true");
    var items = itemsOf(menu);
    if (items.length && focus) (focus === "last" ? items[items.length - 1] : items[0]).focus();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest('button[aria-haspopup="menu"]');
    if (button) {
      event.preventDefault();
      if (current && current.button === button) closeMenu(false);
      else openMenu(button, event.detail === 0 ? "first" : null);
      return;
    }
    if (current && !current.panel.contains(event.target)) closeMenu(false);
  });

  document.addEventListener("keydown", function (event) {
    var button = event.target.closest && event.target.closest('button[aria-haspopup="menu"]');
    if (button && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      openMenu(button, event.key === "ArrowUp" ? "last" : "first");
      return;
    }
    if (!current) return;
    if (event.key === "Escape") {
      event.preventDefault();
      closeMenu(true);
      return;
    }
    if (!current.menu.contains(event.target)) return;
    var items = itemsOf(current.menu);
    var at = items.indexOf(event.target);
    var next = null;
    if (event.key === "ArrowDown") next = items[(at + 1) % items.length];
    else if (event.key === "ArrowUp") next = items[(at - 1 + items.length) % items.length];
    else if (event.key === "Home") next = items[0];
    else if (event.key === "End") next = items[items.length - 1];
    else if (event.key === "Tab") closeMenu(false);
    else if (event.key === " " && event.target.tagName === "A") {
      event.preventDefault();
      event.target.click();
    }
    if (next) {
      event.preventDefault();
      next.focus();
    }
  });

  // ---- Connect Channel: the marketplace's consent page in a popup window -----------------
  function notice(html) {
    var slot = document.getElementById("board-notice");
    if (slot) slot.innerHTML = html;
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-connect-url]");
    if (!button) return;
    var url = button.getAttribute("data-connect-url");
    var name = button.getAttribute("data-channel-name") || "this channel";
    var width = 560;
    var height = 720;
    var left = Math.round(window.screenX + Math.max(0, (window.outerWidth - width) / 2));
    var top = Math.round(window.screenY + Math.max(0, (window.outerHeight - height) / 2));
    var popup = window.open(
      url,
      "hect-connect",
      "popup=yes,width=" + width + ",height=" + height + ",left=" + left + ",top=" + top
    );
    if (!popup) {
      notice(
        '<div class="banner banner-warn"><span class="banner-icon" aria-hidden="true">!</span>' +
          "<p>Your browser blocked the connection window for " + escapeHtml(name) + ". " +
          '<a href="' + escapeHtml(url) + '" target="_blank">Open the authorisation page</a> instead.</p></div>'
      );
      return;
    }
    popup.focus();
    notice("");
    var timer = window.setInterval(function () {
      if (!popup.closed) return;
      window.clearInterval(timer);
      notice(
        '<div class="banner banner-info"><span class="banner-icon" aria-hidden="true">i</span>' +
          "<p>The connection window for " + escapeHtml(name) + " was closed. " +
          '<a href="">Refresh the board</a> to see its latest status.</p></div>'
      );
    }, 700);
  });

  // ---- Relative dates: "(in 12 days)", "(3 days ago)", "(today)" -----------------------
  function dayNumber(date) {
    return Math.floor(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) / 86400000);
  }

  function relative(iso) {
    var when = new Date(iso);
    if (isNaN(when.getTime())) return "";
    var days = dayNumber(when) - dayNumber(new Date());
    if (days === 0) return "(today)";
    if (days > 0) return "(in " + days + (days === 1 ? " day)" : " days)");
    return "(" + -days + (days === -1 ? " day ago)" : " days ago)");
  }

  function drawRelative() {
    var spans = document.querySelectorAll("[data-relative-to]");
    for (var i = 0; i < spans.length; i++) {
      spans[i].textContent = relative(spans[i].getAttribute("data-relative-to"));
    }
  }

  // ---- "Close this window" on the consent result pages ----------------------------------
  document.addEventListener("click", function (event) {
    if (!event.target.closest("[data-close-window]")) return;
    window.close();
    window.setTimeout(function () {
      var fallback = document.querySelector("[data-close-fallback]");
      if (fallback) fallback.hidden = false;
    }, 300);
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawRelative);
  else drawRelative();
})();
