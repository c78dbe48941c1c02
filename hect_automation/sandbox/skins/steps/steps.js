/* HECT "steps" skin: sidebar tree, two-step sign-in, row action menus, order poll wizard. */
(() => {
  "use strict";
  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const pad = (n) => String(n).padStart(2, "0");
  // Same shape as the server's dates: "25 Nov 2026, 11:15".
  const formatWhen = (y, m, d, hh, mm) => `${pad(d)} ${MONTHS[m - 1]} ${y}, ${pad(hh)}:${pad(mm)}`;

  /* ---- Sidebar tree (WAI-ARIA navigation treeview) ---- */
  function initTree(tree) {
    const all = () => $$('[role="treeitem"]', tree);
    const visible = () => all().filter((el) => !el.closest('[role="group"][hidden]'));
    const groupOf = (item) => document.getElementById(item.getAttribute("aria-owns"));
    const parentOf = (item) => {
      const group = item.closest('[role="group"]');
      return group ? tree.querySelector(`[aria-owns="${group.id}"]`) : null;
    };
    const setExpanded = (item, open) => {
      item.setAttribute("aria-expanded", String(open));
      groupOf(item).hidden = !open;
    };
    const focusItem = (item) => {
      if (!item) return;
      all().forEach((el) => { el.tabIndex = -1; });
      item.tabIndex = 0;
      item.focus();
    };
    all().forEach((el) => { el.tabIndex = -1; });
    const current = all().find((el) => el.getAttribute("aria-current") === "page");
    const start = current && visible().includes(current) ? current : (current && parentOf(current)) || visible()[0];
    start.tabIndex = 0;

    tree.addEventListener("click", (event) => {
      const item = event.target.closest('[role="treeitem"][aria-expanded]');
      if (!item) return;
      event.preventDefault();
      setExpanded(item, item.getAttribute("aria-expanded") !== "true");
      focusItem(item);
    });
    tree.addEventListener("keydown", (event) => {
      const item = event.target.closest('[role="treeitem"]');
      if (!item) return;
      const items = visible();
      const at = items.indexOf(item);
      const branch = item.hasAttribute("aria-expanded");
      const open = item.getAttribute("aria-expanded") === "true";
      switch (event.key) {
        case "ArrowDown": focusItem(items[at + 1]); break;
        case "ArrowUp": focusItem(items[at - 1]); break;
        case "Home": focusItem(items[0]); break;
        case "End": focusItem(items[items.length - 1]); break;
        case "ArrowRight":
          if (branch && !open) setExpanded(item, true);
          else if (branch) focusItem(items[at + 1]);
          break;
        case "ArrowLeft":
          if (branch && open) setExpanded(item, false);
          else focusItem(parentOf(item));
          break;
        case "Enter":
        case " ":
          if (branch) setExpanded(item, !open);
          else if (event.key === " ") item.click();
          else return; // Enter on a link follows it
          break;
        default: return;
      }
      event.preventDefault();
    });
  }

  /* ---- Two-step sign-in ---- */
  function initLogin(form) {
    const email = $("#login-email", form);
    const password = $("#login-password", form);
    const stepEmail = $('[data-step="email"]', form);
    const stepPassword = $('[data-step="password"]', form);
    const shown = $("#login-email-shown", form);
    const show = (second) => {
      stepEmail.hidden = second;
      stepPassword.hidden = !second;
      password.disabled = !second;
      if (second) {
        shown.textContent = email.value.trim();
        password.focus();
      } else {
        password.value = "";
        email.focus();
      }
    };
    form.addEventListener("submit", (event) => {
      if (!stepEmail.hidden) {
        event.preventDefault();
        email.value = email.value.trim();
        if (email.reportValidity()) show(true);
      }
    });
    $("#login-change", form).addEventListener("click", (event) => {
      event.preventDefault();
      show(false);
    });
  }

  /* ---- Row action menus ---- */
  let openMenu = null;
  function closeMenu(focusButton) {
    if (!openMenu) return;
    const { button, menu } = openMenu;
    menu.hidden = true;
    button.setAttribute("aria-expanded", "false");
    openMenu = null;
    if (focusButton) button.focus();
  }
  function initMenuButton(button) {
    const menu = document.getElementById(button.getAttribute("aria-controls"));
    const items = () => $$('[role="menuitem"]', menu);
    const open = (index) => {
      closeMenu(false);
      menu.hidden = false;
      button.setAttribute("aria-expanded", "true");
      openMenu = { button, menu };
      const list = items();
      list[(index + list.length) % list.length].focus();
    };
    button.addEventListener("click", () => {
      if (openMenu && openMenu.menu === menu) closeMenu(false);
      else open(0);
    });
    button.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown") { event.preventDefault(); open(0); }
      if (event.key === "ArrowUp") { event.preventDefault(); open(-1); }
    });
    menu.addEventListener("keydown", (event) => {
      const list = items();
      const at = list.indexOf(document.activeElement);
      const go = (i) => list[(i + list.length) % list.length].focus();
      switch (event.key) {
        case "ArrowDown": go(at + 1); break;
        case "ArrowUp": go(at - 1); break;
        case "Home": go(0); break;
        case "End": go(-1); break;
        case "Escape": closeMenu(true); break;
        case "Tab": closeMenu(false); return;
        default: return;
      }
      event.preventDefault();
    });
    menu.addEventListener("click", (event) => {
      const item = event.target.closest('[role="menuitem"]');
      if (!item) return;
      closeMenu(false);
      runAction(item, button);
    });
  }
  document.addEventListener("click", (event) => {
    if (openMenu && !openMenu.menu.contains(event.target) && !openMenu.button.contains(event.target)) {
      closeMenu(false);
    }
  });

  function runAction(item, opener) {
    if (item.dataset.openUrl) {
      window.open(item.dataset.openUrl, "_blank", "noopener");
    } else if (item.dataset.pollUrl) {
      pollWizard.open(item.dataset.pollUrl, item.dataset.channel, opener);
    }
  }

  /* ---- Order poll wizard ---- */
  const pollWizard = {
    init(dialog) {
      this.dialog = dialog;
      this.form = $("form", dialog);
      this.date = $('input[name="since_date"]', dialog);
      this.time = $('input[name="since_time"]', dialog);
      this.error = $('[data-field="error"]', dialog);
      this.steps = $$(".wizard-step", dialog);
      $$("[data-close]", dialog).forEach((b) => b.addEventListener("click", () => dialog.close()));
      $("[data-back]", dialog).addEventListener("click", () => this.step(1));
      dialog.addEventListener("close", () => { if (this.opener) this.opener.focus(); });
      this.form.addEventListener("submit", (event) => {
        event.preventDefault();
        if (this.current === 1) this.next();
        else this.send(event.submitter);
      });
    },
    open(url, channel, opener) {
      this.url = url;
      this.channel = channel;
      this.opener = opener;
      this.form.action = url;
      this.form.reset();
      const now = new Date();
      this.date.max = `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}`;
      $$('[data-field="channel"]', this.dialog).forEach((el) => { el.textContent = channel; });
      this.step(1);
      this.dialog.showModal();
      this.date.focus();
    },
    step(n) {
      this.current = n;
      this.steps.forEach((el) => { el.hidden = el.dataset.step !== String(n); });
      $('[data-field="step"]', this.dialog).textContent = String(n);
      if (n === 1) {
        this.error.hidden = true;
        if (this.dialog.open) this.date.focus();
      }
    },
    next() {
      if (!this.date.reportValidity() || !this.time.reportValidity()) return;
      const [y, m, d] = this.date.value.split("-").map(Number);
      const [hh, mm] = this.time.value.split(":").map(Number);
      $('[data-field="when"]', this.dialog).textContent = formatWhen(y, m, d, hh, mm);
      this.error.hidden = true;
      this.step(2);
      $('.wizard-step[data-step="2"] button[type="submit"]', this.dialog).focus();
    },
    async send(button) {
      if (button) button.disabled = true;
      this.dialog.setAttribute("aria-busy", "true");
      try {
        const response = await fetch(this.url, {
          method: "POST",
          body: new FormData(this.form),
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        let data = {};
        try { data = await response.json(); } catch (_) { data = {}; }
        if (response.ok && data.ok) {
          addRecentPoll(this.channel, this.url, $('[data-field="when"]', this.dialog).textContent);
          this.dialog.close();
        } else if (response.status === 401) {
          window.location.reload(); // signed out: the page sends us to sign in
        } else {
          this.error.textContent = data.error || `The order poll could not be started (${response.status}).`;
          this.error.hidden = false;
        }
      } catch (_) {
        this.form.submit(); // no network for fetch: post the form the ordinary way
      } finally {
        if (button) button.disabled = false;
        this.dialog.removeAttribute("aria-busy");
      }
    },
  };

  function addRecentPoll(channel, url, when) {
    const table = $("#recent-polls");
    const template = $("#poll-row-template");
    if (!table || !template) return;
    const body = table.tBodies[0];
    $$(".empty-row", body).forEach((row) => row.remove());
    const row = template.content.firstElementChild.cloneNode(true);
    const link = $('[data-field="channel"]', row);
    link.textContent = channel;
    link.href = url;
    $('[data-field="since"]', row).textContent = when;
    const now = new Date();
    $('[data-field="requested"]', row).textContent = formatWhen(
      now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate(), now.getUTCHours(), now.getUTCMinutes());
    row.classList.add("row-new");
    body.insertBefore(row, body.firstElementChild);
  }

  /* ---- Plain "open in a new tab" buttons (a channel's own page) ---- */
  function initOpenButton(button) {
    if (button.closest('[role="menu"]')) return;
    button.addEventListener("click", () => window.open(button.dataset.openUrl, "_blank", "noopener"));
  }

  document.addEventListener("DOMContentLoaded", () => {
    $$('[role="tree"]').forEach(initTree);
    $$("form[data-login]").forEach(initLogin);
    $$('[aria-haspopup="menu"]').forEach(initMenuButton);
    $$("button[data-open-url]").forEach(initOpenButton);
    const dialog = $("#poll-dialog");
    if (dialog) pollWizard.init(dialog);
  });
})();
