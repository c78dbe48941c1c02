/* HECT admin: modal dialogs, the user menu, the session-expiry warning, order poll dialog. */
(function () {
  "use strict";

  // ---- Modal stack: the topmost modal is the only part of the page that can be used. ------
  var stack = [];

  function focusables(root) {
    return Array.prototype.filter.call(
      root.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'),
      function (el) { return el.offsetParent !== null; }
    );
  }

  function applyInert() {
    var top = stack.length ? stack[stack.length - 1].backdrop : null;
    Array.prototype.forEach.call(document.body.children, function (child) {
      if (child.tagName === "SCRIPT" || child.id === "toast") return;
      if (top && child !== top) child.setAttribute("inert", "");
      else child.removeAttribute("inert");
    });
    document.body.classList.toggle("modal-open", !!top);
  }

  function openModal(backdrop, options) {
    options = options || {};
    var entry = { backdrop: backdrop, returnTo: document.activeElement, onEscape: options.onEscape };
    stack.push(entry);
    backdrop.hidden = false;
    applyInert();
    var target = options.focus || focusables(backdrop)[0];
    if (target) target.focus();
    return entry;
  }

  function closeModal(backdrop) {
    var i = stack.findIndex(function (e) { return e.backdrop === backdrop; });
    if (i < 0) return;
    var entry = stack.splice(i, 1)[0];
    backdrop.hidden = true;
    applyInert();
    if (entry.returnTo && document.contains(entry.returnTo) && !entry.returnTo.closest("[inert]")) {
      entry.returnTo.focus();
    }
  }

  document.addEventListener("keydown", function (event) {
    if (!stack.length) return;
    var top = stack[stack.length - 1];
    if (event.key === "Escape" && top.onEscape) {
      event.preventDefault();
      top.onEscape();
    } else if (event.key === "Tab") {
      var items = focusables(top.backdrop);
      if (!items.length) return;
      var first = items[0], last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    }
  });

  window.HectModal = { open: openModal, close: closeModal };

  // ---- Toasts ------------------------------------------------------------------------------
  var toastTimer = null;
  function toast(message, kind) {
    var region = document.getElementById("toast");
    if (!region) return;
    region.textContent = "";
    var box = document.createElement("div");
    box.className = "toast toast-" + (kind || "success");
    box.textContent = message;
    region.appendChild(box);
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { region.textContent = ""; }, 2000);
  }
  window.HectToast = toast;

  // ---- User menu ---------------------------------------------------------------------------
  var menuButton = document.getElementById("user-menu-button");
  var menu = document.getElementById("user-menu-list");
  if (menuButton && menu) {
    var items = function () { return Array.prototype.slice.call(menu.querySelectorAll('[role="menuitem"]')); };
    var setOpen = function (open, focusFirst) {
      menu.hidden = !open;
      menuButton.setAttribute("aria-expanded", open ? "true" : "false");
      if (open && focusFirst) items()[0].focus();
    };
    menuButton.addEventListener("click", function () { setOpen(menu.hidden, false); });
    menuButton.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); setOpen(true, true); }
    });
    menu.addEventListener("keydown", function (e) {
      var list = items(), i = list.indexOf(document.activeElement);
      if (e.key === "ArrowDown") { e.preventDefault(); list[(i + 1) % list.length].focus(); }
      else if (e.key === "ArrowUp") { e.preventDefault(); list[(i - 1 + list.length) % list.length].focus(); }
      else if (e.key === "Escape") { e.preventDefault(); setOpen(false); menuButton.focus(); }
      else if (e.key === "Tab") { setOpen(false); }
    });
    document.addEventListener("click", function (e) {
      if (!menu.hidden && !menu.contains(e.target) && !menuButton.contains(e.target)) setOpen(false);
    });
  }

  // ---- Session expiry warning: once per page, 60 ms after it has loaded; deaf to Escape ----
  var warning = document.getElementById("session-warning");
  if (warning) {
    var shown = false;
    var stay = warning.querySelector("[data-session-stay]");
    var staySignedIn = function () {
      closeModal(warning);
      var ping = stay.getAttribute("data-ping");
      if (ping) {
        fetch(ping, { method: "HEAD", credentials: "same-origin", cache: "no-store" }).catch(function () {});
      }
    };
    stay.addEventListener("click", staySignedIn);
    var showWarning = function () {
      if (shown) return;
      shown = true;
      openModal(warning, { focus: stay, onEscape: null });
    };
    var schedule = function () { setTimeout(showWarning, 60); };
    if (document.readyState === "complete") schedule();
    else window.addEventListener("load", schedule, { once: true });
  }
})();
