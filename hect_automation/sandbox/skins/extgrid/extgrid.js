/* HECT desktop UI: menu bar, popup connect buttons, ajax forms and toasts. */
(function () {
  "use strict";

  var TOAST_MS = 10000;

  /* ---- Menu bar ------------------------------------------------------------------------ */
  function MenuBar(bar) {
    this.bar = bar;
    this.buttons = Array.prototype.slice.call(bar.querySelectorAll(":scope > li > [role=menuitem]"));
    this.open = null;
    var self = this;
    this.buttons.forEach(function (button, index) {
      var menu = document.getElementById(button.getAttribute("aria-controls"));
      button.addEventListener("click", function (event) {
        event.stopPropagation();
        if (self.open === button) { self.close(); } else { self.show(button, false); }
      });
      button.addEventListener("mouseenter", function () {
        if (self.open && self.open !== button) { self.show(button, false); }
      });
      button.addEventListener("keydown", function (event) {
        switch (event.key) {
          case "ArrowDown": case "Enter": case " ":
            event.preventDefault(); self.show(button, true); break;
          case "ArrowUp":
            event.preventDefault(); self.show(button, true, true); break;
          case "ArrowRight":
            event.preventDefault(); self.move(index, 1); break;
          case "ArrowLeft":
            event.preventDefault(); self.move(index, -1); break;
          case "Escape":
            self.close(); break;
        }
      });
      menu.addEventListener("keydown", function (event) {
        var items = self.items(menu);
        var at = items.indexOf(document.activeElement);
        switch (event.key) {
          case "ArrowDown": event.preventDefault(); items[(at + 1) % items.length].focus(); break;
          case "ArrowUp": event.preventDefault(); items[(at - 1 + items.length) % items.length].focus(); break;
          case "Home": event.preventDefault(); items[0].focus(); break;
          case "End": event.preventDefault(); items[items.length - 1].focus(); break;
          case "ArrowRight": event.preventDefault(); self.move(index, 1, true); break;
          case "ArrowLeft": event.preventDefault(); self.move(index, -1, true); break;
          case "Escape": event.preventDefault(); self.close(); button.focus(); break;
          case "Tab": self.close(); break;
          case " ":
            if (document.activeElement && document.activeElement.tagName === "A") {
              event.preventDefault(); document.activeElement.click();
            }
            break;
        }
      });
      menu.addEventListener("click", function (event) { event.stopPropagation(); });
    });
    document.addEventListener("click", function () { self.close(); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && self.open) { var b = self.open; self.close(); b.focus(); }
    });
    window.addEventListener("blur", function () { self.close(); });
  }
  MenuBar.prototype.items = function (menu) {
    return Array.prototype.slice.call(menu.querySelectorAll("[role=menuitem]"));
  };
  MenuBar.prototype.menuOf = function (button) {
    return document.getElementById(button.getAttribute("aria-controls"));
  };
  MenuBar.prototype.show = function (button, focusItem, last) {
    this.close();
    var menu = this.menuOf(button);
    menu.hidden = false;
    button.setAttribute("aria-expanded", "true");
    button.classList.add("x-btn-pressed");
    this.open = button;
    this.rove(button);
    if (focusItem) {
      var items = this.items(menu);
      if (items.length) { items[last ? items.length - 1 : 0].focus(); }
    }
  };
  MenuBar.prototype.close = function () {
    if (!this.open) { return; }
    this.menuOf(this.open).hidden = true;
    this.open.setAttribute("aria-expanded", "false");
    this.open.classList.remove("x-btn-pressed");
    this.open = null;
  };
  MenuBar.prototype.rove = function (button) {
    this.buttons.forEach(function (b) { b.tabIndex = b === button ? 0 : -1; });
  };
  MenuBar.prototype.move = function (index, step, fromMenu) {
    var next = this.buttons[(index + step + this.buttons.length) % this.buttons.length];
    var wasOpen = !!this.open;
    this.rove(next);
    if (wasOpen) { this.show(next, !!fromMenu); }
    if (!fromMenu) { next.focus(); }
  };

  /* ---- Toasts -------------------------------------------------------------------------- */
  function fadeLater(toast) {
    window.setTimeout(function () {
      toast.classList.add("x-toast-fading");
      window.setTimeout(function () { toast.remove(); }, 800);
    }, TOAST_MS);
  }

  function toast(title, text, kind) {
    var holder = document.getElementById("toasts");
    var box = document.createElement("div");
    box.className = "x-toast" + (kind ? " x-toast-" + kind : "");
    box.setAttribute("role", "status");
    holder.appendChild(box);
    var head = document.createElement("div");
    head.className = "x-toast-header";
    head.textContent = title;
    var body = document.createElement("div");
    body.className = "x-toast-body";
    body.textContent = text;
    box.appendChild(head);
    box.appendChild(body);
    fadeLater(box);
    return box;
  }

  /* ---- Order poll form (submitted the way Ext.form.Basic#submit does: by XHR) ----------- */
  var DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
  var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function validDate(text) {
    var m = DATE.exec(text);
    if (m) {
      var d = new Date(+m[3], +m[2] - 1, +m[1]);
      return d.getFullYear() === +m[3] && d.getMonth() === +m[2] - 1 && d.getDate() === +m[1];
    }
    return ISO_DATE.test(text);
  }

  function showError(form, message) {
    var box = document.getElementById("poll-error");
    if (!box) { return; }
    box.textContent = message;
    box.hidden = !message;
  }

  function refreshList() {
    return fetch(window.location.pathname, { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("poll-list");
        var old = document.getElementById("poll-list");
        if (fresh && old) { old.replaceWith(fresh); }
      })
      .catch(function () { /* the list is refreshed on the next visit */ });
  }

  function ajaxForm(form) {
    var dateField = form.querySelector("[name=since_date]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var date = dateField ? dateField.value.trim() : "";
      if (dateField) {
        dateField.classList.remove("x-form-invalid");
        if (!validDate(date)) {
          dateField.classList.add("x-form-invalid");
          dateField.setAttribute("aria-invalid", "true");
          showError(form, date ? date + " is not a valid date - it must be in the format dd/mm/yyyy."
                               : "This field is required: enter the date as dd/mm/yyyy.");
          dateField.focus();
          return;
        }
        dateField.removeAttribute("aria-invalid");
      }
      var submit = form.querySelector("[type=submit]");
      submit.disabled = true;
      form.classList.add("x-masked");
      var body = new URLSearchParams(new FormData(form));
      fetch(form.getAttribute("action") || window.location.pathname, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-Requested-With": "XMLHttpRequest",
                   "Content-Type": "application/x-www-form-urlencoded" },
        body: body.toString()
      }).then(function (response) {
        return response.json().catch(function () {
          return { ok: false, error: "The server did not answer (" + response.status + "). Please try again." };
        });
      }).then(function (answer) {
        if (answer.ok) {
          showError(form, "");
          toast("Order Polling", answer.message, "ok");
          return refreshList();
        }
        showError(form, answer.error || "The order poll could not be started.");
      }).catch(function () {
        showError(form, "HECT could not be reached. Please check your connection and try again.");
      }).then(function () {
        submit.disabled = false;
        form.classList.remove("x-masked");
      });
    });
  }

  /* ---- Start-up -------------------------------------------------------------------------- */
  function ready() {
    Array.prototype.forEach.call(document.querySelectorAll("[role=menubar]"), function (bar) {
      new MenuBar(bar);
    });

    var about = document.getElementById("about-box");
    Array.prototype.forEach.call(document.querySelectorAll("[data-about]"), function (item) {
      item.addEventListener("click", function () {
        document.dispatchEvent(new Event("click"));
        if (about && about.showModal) { about.showModal(); }
      });
    });

    /* Connect Channel: the marketplace's consent page opens in a popup window. */
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-connect-url]");
      if (!button) { return; }
      event.preventDefault();
      var w = 1000, h = 760;
      var left = Math.max(0, window.screenX + (window.outerWidth - w) / 2);
      var top = Math.max(0, window.screenY + (window.outerHeight - h) / 2);
      var popup = window.open(button.getAttribute("data-connect-url"), "_blank",
        "popup=yes,width=" + w + ",height=" + h + ",left=" + left + ",top=" + top);
      if (!popup) {
        toast("Connect Channel", "Your browser blocked the popup window. Allow popups for HECT and click Connect Channel again.", "warn");
      }
    });

    Array.prototype.forEach.call(document.querySelectorAll("[data-today-for]"), function (trigger) {
      trigger.addEventListener("click", function () {
        var field = document.getElementById(trigger.getAttribute("data-today-for"));
        var now = new Date();
        field.value = pad(now.getDate()) + "/" + pad(now.getMonth() + 1) + "/" + now.getFullYear();
        field.focus();
      });
    });

    Array.prototype.forEach.call(document.querySelectorAll("form[data-ajax-form]"), ajaxForm);

    Array.prototype.forEach.call(document.querySelectorAll("[data-autohide]"), function (box) {
      document.getElementById("toasts").appendChild(box);
      fadeLater(box);
    });
    if (window.location.search.indexOf("queued=") !== -1 && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
