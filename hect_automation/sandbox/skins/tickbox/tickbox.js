/* tickbox: the Connect Channel dialog and the row "More" menus. */
(function () {
  "use strict";

  // -- Connect Channel: a modal dialog that must be acknowledged before leaving for the marketplace.
  function setUpDialog(dialog) {
    var form = dialog.querySelector("form");
    var box = dialog.querySelector('input[type="checkbox"][required]');
    var go = dialog.querySelector("[data-dialog-continue]");
    var cancel = dialog.querySelector("[data-dialog-cancel]");
    function sync() { go.disabled = !box.checked; }
    box.addEventListener("change", sync);
    cancel.addEventListener("click", function () { dialog.close("cancel"); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!box.checked) { box.reportValidity(); return; }
      go.disabled = true;
      dialog.close("continue");
      window.location.assign(dialog.getAttribute("data-connect-url"));
    });
    dialog.addEventListener("close", function () {
      if (dialog.returnValue !== "continue") { box.checked = false; sync(); }
    });
    sync();
  }

  function openDialog(opener) {
    var dialog = document.getElementById(opener.getAttribute("data-opens-dialog"));
    if (!dialog || dialog.open) { return; }
    dialog.returnValue = "";
    dialog.showModal();
    var box = dialog.querySelector('input[type="checkbox"]');
    if (box) { box.focus(); }
  }

  // -- "More" menu buttons (WAI-ARIA menu button pattern).
  function items(menu) { return Array.prototype.slice.call(menu.querySelectorAll('[role="menuitem"]')); }
  function menuOf(button) { return document.getElementById(button.getAttribute("aria-controls")); }

  function closeMenu(button, refocus) {
    var menu = menuOf(button);
    if (!menu || menu.hidden) { return; }
    menu.hidden = true;
    button.setAttribute("aria-expanded", "false");
    if (refocus) { button.focus(); }
  }

  function closeAllMenus(except) {
    document.querySelectorAll('button[aria-haspopup="menu"][aria-expanded="true"]').forEach(function (b) {
      if (b !== except) { closeMenu(b, false); }
    });
  }

  function openMenu(button, focusLast) {
    closeAllMenus(button);
    var menu = menuOf(button);
    menu.hidden = false;
    button.setAttribute("aria-expanded", "true");
    var list = items(menu);
    if (list.length) { list[focusLast ? list.length - 1 : 0].focus(); }
  }

  function setUpMenu(button) {
    var menu = menuOf(button);
    if (!menu) { return; }
    button.addEventListener("click", function () {
      if (button.getAttribute("aria-expanded") === "true") { closeMenu(button, false); }
      else { openMenu(button, false); }
    });
    button.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); openMenu(button, false); }
      else if (event.key === "ArrowUp") { event.preventDefault(); openMenu(button, true); }
    });
    menu.addEventListener("keydown", function (event) {
      var list = items(menu);
      var at = list.indexOf(document.activeElement);
      if (event.key === "ArrowDown") { event.preventDefault(); list[(at + 1) % list.length].focus(); }
      else if (event.key === "ArrowUp") { event.preventDefault(); list[(at - 1 + list.length) % list.length].focus(); }
      else if (event.key === "Home") { event.preventDefault(); list[0].focus(); }
      else if (event.key === "End") { event.preventDefault(); list[list.length - 1].focus(); }
      else if (event.key === "Escape") { event.preventDefault(); closeMenu(button, true); }
      else if (event.key === "Tab") { closeMenu(button, false); }
    });
  }

  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-opens-dialog]");
    if (opener) { openDialog(opener); }
    if (!event.target.closest(".tb-more")) { closeAllMenus(null); }
  });

  function start() {
    document.querySelectorAll("dialog.tb-dialog").forEach(setUpDialog);
    document.querySelectorAll('button[aria-haspopup="menu"]').forEach(setUpMenu);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
