/* HECT "dots" skin: menus, vertical tabs, the channel treegrid, dialogs and toasts. */
(function () {
  "use strict";

  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));

  /* ---------------------------------------------------------------- toasts */
  function toast(message, kind, link) {
    const region = $("#toasts");
    if (!region) { window.alert(message); return; }
    const item = document.createElement("div");
    item.className = "toast toast-" + (kind || "info");
    const body = document.createElement("div");
    body.className = "toast-body";
    const p = document.createElement("p");
    p.textContent = message;
    body.appendChild(p);
    if (link) {
      const a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      a.className = "small";
      body.appendChild(a);
    }
    const close = document.createElement("button");
    close.type = "button";
    close.className = "icon-btn";
    close.setAttribute("aria-label", "Dismiss notification");
    close.innerHTML = '<svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true"><path d="M1 1l8 8M9 1l-8 8" stroke="currentColor" stroke-width="1.6"/></svg>';
    close.addEventListener("click", () => item.remove());
    item.appendChild(body);
    item.appendChild(close);
    region.appendChild(item);
    while (region.children.length > 4) region.firstElementChild.remove();
  }

  /* ----------------------------------------------------------------- menus */
  let openMenu = null; // {button, menu}

  function menuItems(menu) {
    return $$('[role="menuitem"]', menu).filter((el) => !el.disabled && el.getAttribute("aria-disabled") !== "true");
  }

  function placeMenu(button, menu) {
    if (!menu.closest(".split")) return; // the product menu is placed by CSS
    const r = button.getBoundingClientRect();
    menu.style.position = "fixed";
    const width = menu.offsetWidth;
    const height = menu.offsetHeight;
    let left = Math.max(8, Math.min(r.right - width, window.innerWidth - width - 8));
    let top = r.bottom + 4;
    if (top + height > window.innerHeight - 8 && r.top - 4 - height > 8) top = r.top - 4 - height;
    menu.style.left = left + "px";
    menu.style.top = top + "px";
  }

  function showMenu(button, focusLast) {
    closeMenu(false);
    const menu = document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) return;
    menu.hidden = false;
    button.setAttribute("aria-expanded", "true");
    placeMenu(button, menu);
    openMenu = { button, menu };
    const items = menuItems(menu);
    if (items.length) (focusLast ? items[items.length - 1] : items[0]).focus();
  }

  function closeMenu(refocus) {
    if (!openMenu) return;
    const { button, menu } = openMenu;
    menu.hidden = true;
    button.setAttribute("aria-expanded", "false");
    openMenu = null;
    if (refocus) button.focus();
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest('[aria-haspopup="menu"]');
    if (button) {
      event.preventDefault();
      if (openMenu && openMenu.button === button) closeMenu(true);
      else showMenu(button, false);
      return;
    }
    if (openMenu && !openMenu.menu.contains(event.target)) closeMenu(false);
  });

  document.addEventListener("keydown", (event) => {
    const button = event.target.closest && event.target.closest('[aria-haspopup="menu"]');
    if (button && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      showMenu(button, event.key === "ArrowUp");
      return;
    }
    if (!openMenu || !openMenu.menu.contains(event.target)) return;
    const items = menuItems(openMenu.menu);
    const at = items.indexOf(document.activeElement);
    let next = null;
    switch (event.key) {
      case "ArrowDown": next = items[(at + 1) % items.length]; break;
      case "ArrowUp": next = items[(at - 1 + items.length) % items.length]; break;
      case "Home": next = items[0]; break;
      case "End": next = items[items.length - 1]; break;
      case "Escape": event.preventDefault(); closeMenu(true); return;
      case "Tab": closeMenu(false); return;
      default: {
        if (event.key.length === 1 && /\S/.test(event.key)) {
          const k = event.key.toLowerCase();
          const rest = items.slice(at + 1).concat(items.slice(0, at + 1));
          next = rest.find((el) => el.textContent.trim().toLowerCase().startsWith(k)) || null;
        }
      }
    }
    if (next) { event.preventDefault(); next.focus(); }
  });

  window.addEventListener("resize", () => { if (openMenu) placeMenu(openMenu.button, openMenu.menu); });
  window.addEventListener("scroll", () => { if (openMenu) placeMenu(openMenu.button, openMenu.menu); }, true);

  /* ------------------------------------------------------------------ tabs */
  $$('[role="tablist"]').forEach((list) => {
    const tabs = $$('[role="tab"]', list);
    function select(tab, focus, remember) {
      tabs.forEach((t) => {
        const on = t === tab;
        t.setAttribute("aria-selected", on ? "true" : "false");
        t.tabIndex = on ? 0 : -1;
        const panel = document.getElementById(t.getAttribute("aria-controls"));
        if (panel) panel.hidden = !on;
      });
      if (focus) tab.focus();
      if (remember && tab.dataset.href && window.history.replaceState) {
        window.history.replaceState(null, "", tab.dataset.href);
      }
    }
    tabs.forEach((t) => t.addEventListener("click", () => select(t, false, true)));
    list.addEventListener("keydown", (event) => {
      const at = tabs.indexOf(document.activeElement);
      if (at < 0) return;
      let to = null;
      if (event.key === "ArrowDown" || event.key === "ArrowRight") to = tabs[(at + 1) % tabs.length];
      else if (event.key === "ArrowUp" || event.key === "ArrowLeft") to = tabs[(at - 1 + tabs.length) % tabs.length];
      else if (event.key === "Home") to = tabs[0];
      else if (event.key === "End") to = tabs[tabs.length - 1];
      if (to) { event.preventDefault(); select(to, true, true); }
    });
    const wanted = window.location.hash.slice(1);
    const fromHash = wanted && tabs.find((t) => t.id === "tab-" + wanted);
    if (fromHash) select(fromHash, false, false);
  });

  /* -------------------------------------------------------------- treegrid */
  $$("[data-treegrid]").forEach((grid) => {
    const rows = () => $$('[role="row"][tabindex]', grid);
    const visible = () => rows().filter((r) => !r.hidden);

    function setExpanded(group, open) {
      group.setAttribute("aria-expanded", open ? "true" : "false");
      $$('[data-parent="' + group.id + '"]', grid).forEach((child) => { child.hidden = !open; });
    }
    function focusRow(row) {
      rows().forEach((r) => { r.tabIndex = r === row ? 0 : -1; });
      row.focus();
    }

    grid.addEventListener("click", (event) => {
      const group = event.target.closest('.tg-group[role="row"]');
      if (group) {
        setExpanded(group, group.getAttribute("aria-expanded") !== "true");
        focusRow(group);
      }
    });

    grid.addEventListener("keydown", (event) => {
      const row = event.target;
      if (!(row instanceof HTMLElement) || row.getAttribute("role") !== "row") return;
      const list = visible();
      const at = list.indexOf(row);
      const isGroup = row.hasAttribute("aria-expanded");
      const open = row.getAttribute("aria-expanded") === "true";
      switch (event.key) {
        case "ArrowDown": if (list[at + 1]) focusRow(list[at + 1]); break;
        case "ArrowUp": if (at > 0) focusRow(list[at - 1]); break;
        case "Home": focusRow(list[0]); break;
        case "End": focusRow(list[list.length - 1]); break;
        case "ArrowRight":
          if (isGroup && !open) setExpanded(row, true);
          else if (isGroup && list[at + 1]) focusRow(list[at + 1]);
          else { const first = $("button", row); if (first) first.focus(); }
          break;
        case "ArrowLeft":
          if (isGroup && open) setExpanded(row, false);
          else if (!isGroup) { const parent = document.getElementById(row.dataset.parent); if (parent) focusRow(parent); }
          break;
        case "Enter":
        case " ":
          if (isGroup) setExpanded(row, !open);
          else { const edit = $(".split-main", row); if (edit) edit.click(); }
          break;
        default: return;
      }
      event.preventDefault();
    });
  });

  /* --------------------------------------------------------------- dialogs */
  let activeDialog = null; // {backdrop, returnTo}

  function focusables(root) {
    return $$('a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), [tabindex="0"]', root)
      .filter((el) => el.offsetParent !== null);
  }

  function openDialog(name, returnTo, first) {
    const backdrop = $('[data-backdrop="' + name + '"]');
    if (!backdrop) return null;
    backdrop.hidden = false;
    document.body.classList.add("has-modal");
    activeDialog = { backdrop, returnTo };
    const target = first || focusables(backdrop)[0];
    if (target) target.focus();
    return backdrop;
  }

  function closeDialog() {
    if (!activeDialog) return;
    const { backdrop, returnTo } = activeDialog;
    backdrop.hidden = true;
    document.body.classList.remove("has-modal");
    activeDialog = null;
    if (returnTo && document.contains(returnTo)) returnTo.focus();
  }

  document.addEventListener("click", (event) => {
    if (!activeDialog) return;
    if (event.target.closest("[data-dismiss]")) { closeDialog(); return; }
    if (event.target === activeDialog.backdrop) closeDialog();
  });

  document.addEventListener("keydown", (event) => {
    if (!activeDialog) return;
    if (event.key === "Escape") { event.preventDefault(); closeDialog(); return; }
    if (event.key !== "Tab") return;
    const list = focusables(activeDialog.backdrop);
    if (!list.length) return;
    const first = list[0], last = list[list.length - 1];
    if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    else if (!activeDialog.backdrop.contains(document.activeElement)) { event.preventDefault(); first.focus(); }
  });

  /* ------------------------------------------------------- channel actions */
  const pollForm = $("#poll-form");
  let deleting = null;

  document.addEventListener("click", (event) => {
    const edit = event.target.closest(".split-main[data-href]");
    if (edit) { window.location.assign(edit.dataset.href); return; }

    const item = event.target.closest('[role="menuitem"]');
    if (!item || !item.closest(".split")) return;
    const row = item.closest('[role="row"]');
    const caret = openMenu ? openMenu.button : $(".split-caret", row);
    const name = row ? row.dataset.name : "";

    if (item.hasAttribute("data-connect")) {
      closeMenu(true);
      const url = item.dataset.connect;
      const w = 560, h = 720;
      const left = Math.max(0, window.screenX + (window.outerWidth - w) / 2);
      const top = Math.max(0, window.screenY + (window.outerHeight - h) / 2);
      const popup = window.open(url, "hect-connect-" + (row ? row.dataset.channelId : ""),
        "popup=yes,width=" + w + ",height=" + h + ",left=" + left + ",top=" + top);
      if (!popup) {
        toast("Your browser blocked the connect window for " + name + ". Allow pop-ups for HECT, or open it here:", "bad",
          { href: url, text: "Open the connect page" });
      } else {
        toast("Finish connecting " + name + " in the window that just opened.", "info");
      }
      return;
    }

    if (item.hasAttribute("data-poll")) {
      closeMenu(false);
      if (!pollForm) { window.location.assign(item.dataset.poll); return; }
      pollForm.action = item.dataset.poll;
      $("[data-poll-name]").textContent = name;
      const history = $("[data-poll-history]");
      history.href = item.dataset.poll;
      const err = $("[data-poll-error]");
      err.hidden = true;
      err.removeAttribute("role");
      err.textContent = "";
      openDialog("poll", caret, $("#poll-since"));
      return;
    }

    if (item.hasAttribute("data-delete")) {
      closeMenu(false);
      deleting = { name, caret };
      $("[data-del-name]").textContent = name;
      openDialog("delete", caret, $('[data-backdrop="delete"] [data-dismiss]'));
    }
  });

  const confirmDelete = $("[data-confirm-delete]");
  if (confirmDelete) {
    confirmDelete.addEventListener("click", () => {
      closeDialog();
      toast("Only the account owner can delete " + (deleting ? deleting.name : "this channel") + ". Nothing was deleted.", "bad");
      deleting = null;
    });
  }

  if (pollForm) {
    pollForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const input = $("#poll-since");
      const err = $("[data-poll-error]");
      const submit = $('button[type="submit"]', pollForm);
      const name = $("[data-poll-name]").textContent;
      const showError = (text) => {
        err.textContent = text;
        err.setAttribute("role", "alert");
        err.hidden = false;
      };
      if (!input.value) { showError("Choose the date and time of the oldest order."); input.focus(); return; }
      submit.disabled = true;
      submit.setAttribute("aria-busy", "true");
      try {
        const response = await fetch(pollForm.action, {
          method: "POST",
          credentials: "same-origin",
          headers: { Accept: "application/json" },
          body: new URLSearchParams(new FormData(pollForm)),
        });
        const type = response.headers.get("content-type") || "";
        if (!type.includes("json")) {
          showError("Your HECT session has ended. Reload the page and sign in again.");
          return;
        }
        const data = await response.json();
        if (data.ok) {
          const historyUrl = pollForm.action;
          closeDialog();
          input.value = "";
          toast(data.message, "ok", { href: historyUrl, text: "See order polls for " + name });
        } else {
          showError(data.error || "The order poll could not be started.");
          toast(data.error || "The order poll could not be started.", "bad");
        }
      } catch (e) {
        showError("HECT could not be reached. Check your connection and try again.");
      } finally {
        submit.disabled = false;
        submit.removeAttribute("aria-busy");
      }
    });
  }

  /* ----------------------------------------------------- close this window */
  $$("[data-close-window]").forEach((button) => {
    button.addEventListener("click", () => {
      window.close();
      window.setTimeout(() => {
        const hint = $("[data-close-hint]");
        if (hint) hint.hidden = false;
      }, 300);
    });
  });
})();
