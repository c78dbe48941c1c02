/*!
 * HECT admin: the small part of Bootstrap 5's behaviour this admin uses (dropdown,
 * collapse, modal, toast), wired through the same data-bs-* attributes. Written in-house.
 */
(function (window, document) {
  "use strict";

  var TRANSITION_MS = 150;
  var instances = new WeakMap();

  function instance(Kind, element, config) {
    var found = instances.get(element);
    if (!found) {
      found = new Kind(element, config);
      instances.set(element, found);
    }
    return found;
  }

  function trigger(element, name, detail) {
    var event = new CustomEvent(name, { bubbles: true, cancelable: true });
    if (detail) Object.keys(detail).forEach(function (k) { event[k] = detail[k]; });
    element.dispatchEvent(event);
    return event;
  }

  function reflow(element) { return element.offsetHeight; }

  function targetOf(trigger) {
    var selector = trigger.getAttribute("data-bs-target") || trigger.getAttribute("href");
    if (!selector || selector === "#") return null;
    try { return document.querySelector(selector); } catch (e) { return null; }
  }

  function focusables(root) {
    return Array.prototype.filter.call(
      root.querySelectorAll("a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])"),
      function (el) { return el.offsetParent !== null; });
  }

  /* ---- Dropdown ------------------------------------------------------------------------ */
  function Dropdown(toggle) {
    this.toggleEl = toggle;
    this.menu = toggle.parentNode.querySelector(".dropdown-menu");
  }
  Dropdown.prototype.isShown = function () { return this.menu.classList.contains("show"); };
  Dropdown.prototype.show = function () {
    if (this.isShown()) return;
    Dropdown.closeAll(this);
    if (trigger(this.toggleEl, "show.bs.dropdown").defaultPrevented) return;
    this.menu.classList.add("show");
    this.toggleEl.classList.add("show");
    this.toggleEl.setAttribute("aria-expanded", "true");
    trigger(this.toggleEl, "shown.bs.dropdown");
  };
  Dropdown.prototype.hide = function () {
    if (!this.isShown()) return;
    if (trigger(this.toggleEl, "hide.bs.dropdown").defaultPrevented) return;
    this.menu.classList.remove("show");
    this.toggleEl.classList.remove("show");
    this.toggleEl.setAttribute("aria-expanded", "false");
    trigger(this.toggleEl, "hidden.bs.dropdown");
  };
  Dropdown.prototype.toggle = function () { if (this.isShown()) this.hide(); else this.show(); };
  Dropdown.prototype.items = function () {
    return Array.prototype.slice.call(this.menu.querySelectorAll(".dropdown-item:not(.disabled):not(:disabled)"));
  };
  Dropdown.closeAll = function (except) {
    document.querySelectorAll('[data-bs-toggle="dropdown"][aria-expanded="true"]').forEach(function (t) {
      var d = instance(Dropdown, t);
      if (d !== except) d.hide();
    });
  };
  Dropdown.getOrCreateInstance = function (el) { return instance(Dropdown, el); };

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest('[data-bs-toggle="dropdown"]');
    if (toggle) {
      event.preventDefault();
      instance(Dropdown, toggle).toggle();
      return;
    }
    // A click anywhere else (an item included) closes open menus.
    Dropdown.closeAll(null);
  });

  document.addEventListener("keydown", function (event) {
    var toggle = event.target.closest('[data-bs-toggle="dropdown"]');
    var menu = event.target.closest(".dropdown-menu");
    if (!toggle && menu) toggle = menu.parentNode.querySelector('[data-bs-toggle="dropdown"]');
    if (!toggle) return;
    var dropdown = instance(Dropdown, toggle);
    if (event.key === "Escape") {
      if (dropdown.isShown()) { dropdown.hide(); toggle.focus(); }
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    dropdown.show();
    var items = dropdown.items();
    if (!items.length) return;
    var index = items.indexOf(document.activeElement);
    if (index === -1) index = event.key === "ArrowDown" ? 0 : items.length - 1;
    else index = (index + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
    items[index].focus();
  });

  /* ---- Collapse (the navbar toggler) ---------------------------------------------------- */
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest('[data-bs-toggle="collapse"]');
    if (!toggle) return;
    event.preventDefault();
    var target = targetOf(toggle);
    if (!target) return;
    var open = target.classList.toggle("show");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    toggle.classList.toggle("collapsed", !open);
  });

  /* ---- Modal ---------------------------------------------------------------------------- */
  function Modal(element) {
    this.element = element;
    this.shown = false;
    this.transitioning = false;
    this.backdrop = null;
    this.returnFocus = null;
    var self = this;
    element.addEventListener("click", function (event) {
      if (event.target.closest('[data-bs-dismiss="modal"]')) { self.hide(); return; }
      if (event.target === element && element.getAttribute("data-bs-backdrop") !== "static") self.hide();
    });
    element.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && element.getAttribute("data-bs-keyboard") !== "false") {
        event.preventDefault();
        self.hide();
      } else if (event.key === "Tab") {
        var items = focusables(element);
        if (!items.length) { event.preventDefault(); return; }
        var first = items[0], last = items[items.length - 1];
        if (event.shiftKey && (document.activeElement === first || document.activeElement === element)) {
          event.preventDefault(); last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault(); first.focus();
        }
      }
    });
  }
  Modal.prototype.show = function (relatedTarget) {
    if (this.shown || this.transitioning) return;
    if (trigger(this.element, "show.bs.modal", { relatedTarget: relatedTarget }).defaultPrevented) return;
    var self = this, el = this.element;
    this.shown = true;
    this.transitioning = true;
    this.returnFocus = relatedTarget || document.activeElement;
    document.body.classList.add("modal-open");
    this.backdrop = document.createElement("div");
    this.backdrop.className = "modal-backdrop fade";
    document.body.appendChild(this.backdrop);
    el.style.display = "block";
    el.removeAttribute("aria-hidden");
    el.setAttribute("aria-modal", "true");
    el.setAttribute("role", "dialog");
    el.scrollTop = 0;
    reflow(el);
    this.backdrop.classList.add("show");
    el.classList.add("show");
    window.setTimeout(function () {
      self.transitioning = false;
      el.focus();
      trigger(el, "shown.bs.modal", { relatedTarget: relatedTarget });
    }, TRANSITION_MS);
  };
  Modal.prototype.hide = function () {
    if (!this.shown || this.transitioning) return;
    if (trigger(this.element, "hide.bs.modal").defaultPrevented) return;
    var self = this, el = this.element;
    this.shown = false;
    this.transitioning = true;
    el.classList.remove("show");
    if (this.backdrop) this.backdrop.classList.remove("show");
    window.setTimeout(function () {
      el.style.display = "none";
      el.setAttribute("aria-hidden", "true");
      el.removeAttribute("aria-modal");
      if (self.backdrop) { self.backdrop.remove(); self.backdrop = null; }
      document.body.classList.remove("modal-open");
      self.transitioning = false;
      if (self.returnFocus && document.contains(self.returnFocus)) self.returnFocus.focus();
      trigger(el, "hidden.bs.modal");
    }, TRANSITION_MS);
  };
  Modal.prototype.toggle = function (relatedTarget) { if (this.shown) this.hide(); else this.show(relatedTarget); };
  Modal.getOrCreateInstance = function (el) { return instance(Modal, el); };
  Modal.getInstance = function (el) { return instances.get(el) || null; };

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest('[data-bs-toggle="modal"]');
    if (!toggle) return;
    event.preventDefault();
    var target = targetOf(toggle);
    if (target) instance(Modal, target).show(toggle);
  });

  /* ---- Toast ---------------------------------------------------------------------------- */
  function Toast(element, config) {
    config = config || {};
    this.element = element;
    this.autohide = config.autohide !== undefined ? config.autohide : element.getAttribute("data-bs-autohide") !== "false";
    this.delay = config.delay || Number(element.getAttribute("data-bs-delay")) || 5000;
    this.timer = null;
    var self = this;
    element.addEventListener("click", function (event) {
      if (event.target.closest('[data-bs-dismiss="toast"]')) self.hide();
    });
    // Like Bootstrap: a toast the pointer or focus is on stays until it is left.
    element.addEventListener("mouseover", function () { self.clearTimer(); });
    element.addEventListener("focusin", function () { self.clearTimer(); });
    element.addEventListener("mouseout", function (e) { if (!element.contains(e.relatedTarget)) self.schedule(); });
    element.addEventListener("focusout", function (e) { if (!element.contains(e.relatedTarget)) self.schedule(); });
  }
  Toast.prototype.clearTimer = function () { window.clearTimeout(this.timer); this.timer = null; };
  Toast.prototype.schedule = function () {
    var self = this;
    this.clearTimer();
    if (this.autohide && this.element.classList.contains("show")) {
      this.timer = window.setTimeout(function () { self.hide(); }, this.delay);
    }
  };
  Toast.prototype.show = function () {
    if (trigger(this.element, "show.bs.toast").defaultPrevented) return;
    var self = this, el = this.element;
    this.clearTimer();
    el.classList.add("fade");
    el.classList.remove("hide");
    reflow(el);
    el.classList.add("show", "showing");
    reflow(el);
    el.classList.remove("showing");
    window.setTimeout(function () {
      trigger(el, "shown.bs.toast");
      self.schedule();
    }, TRANSITION_MS);
  };
  Toast.prototype.hide = function () {
    if (!this.element.classList.contains("show")) return;
    if (trigger(this.element, "hide.bs.toast").defaultPrevented) return;
    var el = this.element;
    this.clearTimer();
    el.classList.add("showing");
    window.setTimeout(function () {
      el.classList.add("hide");
      el.classList.remove("showing", "show");
      trigger(el, "hidden.bs.toast");
    }, TRANSITION_MS);
  };
  Toast.getOrCreateInstance = function (el, config) { return instance(Toast, el, config); };

  window.bootstrap = { Dropdown: Dropdown, Modal: Modal, Toast: Toast };
})(window, document);
