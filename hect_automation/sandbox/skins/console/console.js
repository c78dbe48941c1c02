/* HECT Console: menus, the order-poll drawer, toasts, the connect popup, cookie consent. */
(function () {
  "use strict";

  // ---- Popover menus (account menu, row action menus) ------------------------------------
  var open = null; // {button, panel}

  function closeMenu(returnFocus) {
    if (!open) return;
    var o = open;
    open = null;
    o.panel.remove();
    o.button.setAttribute("aria-expanded", "false");
    o.button.removeAttribute("aria-controls");
    if (returnFocus) o.button.focus();
  }

  function items(panel) {
    return Array.prototype.slice.call(panel.querySelectorAll('[role="menuitem"]'));
  }

  function openMenu(button) {
    closeMenu(false);
    var tpl = document.getElementById(button.getAttribute("data-popover"));
    if (!tpl) return;
    var panel = tpl.content.firstElementChild.cloneNode(true);
    panel.id = tpl.id + "-open";
    var anchor = button.closest("[data-popover-anchor]") || button.parentNode;
    anchor.appendChild(panel);
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-controls", panel.id);
    open = { button: button, panel: panel };
    var first = items(panel)[0];
    if (first) first.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var trigger = event.target.closest("[data-popover]");
    if (trigger) {
      event.preventDefault();
      if (open && open.button === trigger) closeMenu(true);
      else openMenu(trigger);
      return;
    }
    if (open && !open.panel.contains(event.target)) closeMenu(false);
  });

  document.addEventListener("keydown", function (event) {
    if (!open) return;
    var list = items(open.panel);
    var at = list.indexOf(document.activeElement);
    if (event.key === "Escape") { event.preventDefault(); closeMenu(true); }
    else if (event.key === "ArrowDown") { event.preventDefault(); list[(at + 1) % list.length].focus(); }
    else if (event.key === "ArrowUp") { event.preventDefault(); list[(at - 1 + list.length) % list.length].focus(); }
    else if (event.key === "Tab") { closeMenu(false); }
  });

  // ---- Connect Channel: the marketplace's consent page in a popup window ----------------
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-connect-url]");
    if (!button) return;
    event.preventDefault();
    var url = button.getAttribute("data-connect-url");
    closeMenu(false);
    var w = 560, h = 720;
    var left = Math.max(0, (window.screenX || 0) + (window.outerWidth - w) / 2);
    var top = Math.max(0, (window.screenY || 0) + (window.outerHeight - h) / 2);
    var popup = window.open(url, "hect-connect-" + Date.now(), "popup=yes,width=" + w + ",height=" + h + ",left=" + left + ",top=" + top);
    if (!popup) {
      toast("Your browser blocked the pop-up window. Allow pop-ups for HECT and try again.", true);
    } else {
      popup.focus();
    }
  });

  // ---- Order poll drawer -------------------------------------------------------------------
  var drawer = null; // {nodes, opener}

  function closeDrawer() {
    if (!drawer) return;
    var d = drawer;
    drawer = null;
    d.nodes.forEach(function (n) { n.remove(); });
    document.body.style.overflow = "";
    if (d.opener && document.contains(d.opener)) d.opener.focus();
  }

  function openDrawer(id, opener) {
    closeDrawer();
    var tpl = document.getElementById(id);
    if (!tpl) return;
    var fragment = tpl.content.cloneNode(true);
    var nodes = Array.prototype.slice.call(fragment.children);
    document.body.appendChild(fragment);
    document.body.style.overflow = "hidden";
    drawer = { nodes: nodes, opener: opener };
    var dialog = nodes.filter(function (n) { return n.getAttribute("role") === "dialog"; })[0];
    var first = dialog && dialog.querySelector("input:not([type=hidden])");
    if (first) first.focus();
  }

  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-drawer]");
    if (opener) {
      event.preventDefault();
      var back = open ? open.button : opener;
      closeMenu(false);
      openDrawer(opener.getAttribute("data-drawer"), back);
      return;
    }
    if (drawer && event.target.closest("[data-drawer-close]")) {
      event.preventDefault();
      closeDrawer();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (!drawer) return;
    if (event.key === "Escape") { event.preventDefault(); closeDrawer(); return; }
    if (event.key !== "Tab") return;
    var dialog = drawer.nodes.filter(function (n) { return n.getAttribute("role") === "dialog"; })[0];
    var focusable = dialog.querySelectorAll("button, input:not([type=hidden]), a[href]");
    if (!focusable.length) return;
    var first = focusable[0], last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-poll-form]");
    if (!form) return;
    event.preventDefault();
    var error = form.querySelector("[data-poll-error]");
    var submit = form.querySelector('button[type="submit"]');
    error.hidden = true;
    submit.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      var type = response.headers.get("content-type") || "";
      if (type.indexOf("application/json") === -1) {
        // Signed out meanwhile: HECT answered with its sign-in page.
        window.location.href = response.url;
        return null;
      }
      return response.json();
    }).then(function (data) {
      if (!data) return;
      if (data.ok) {
        closeDrawer();
        toast(data.message, false);
      } else {
        error.textContent = data.error || "HECT could not start the order poll.";
        error.hidden = false;
        submit.disabled = false;
      }
    }).catch(function () {
      error.textContent = "HECT could not be reached. Please try again.";
      error.hidden = false;
      submit.disabled = false;
    });
  });

  // ---- Toasts --------------------------------------------------------------------------------
  function toast(message, isError) {
    var region = document.querySelector("[data-toasts]");
    if (!region) return;
    var item = document.createElement("div");
    item.className = "toast" + (isError ? " toast--error" : "");
    item.setAttribute("role", isError ? "alert" : "status");
    var icon = document.createElement("span");
    icon.className = "toast__icon";
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = isError ? "!" : "✓";
    var text = document.createElement("p");
    text.textContent = message;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "iconbtn";
    close.setAttribute("aria-label", "Dismiss");
    close.textContent = "×";
    close.addEventListener("click", function () { item.remove(); });
    item.append(icon, text, close);
    region.appendChild(item);
    var timer = setTimeout(function () { item.remove(); }, 15000);
    item.addEventListener("mouseenter", function () { clearTimeout(timer); });
  }

  // ---- Cookie consent ----------------------------------------------------------------------
  document.addEventListener("click", function (event) {
    var bar = event.target.closest("[data-consent]");
    if (!bar) return;
    if (event.target.closest("[data-consent-accept]")) {
      document.cookie = "hect_console_consent=all; path=/; max-age=31536000; samesite=lax";
      bar.remove();
    } else if (event.target.closest("[data-consent-manage]")) {
      event.preventDefault();
      var link = event.target.closest("[data-consent-manage]");
      var more = document.getElementById(link.getAttribute("aria-controls"));
      more.hidden = !more.hidden;
      link.setAttribute("aria-expanded", String(!more.hidden));
    }
  });
})();
