/* Product tour, in the manner of Shepherd.js: a modal overlay over the whole page and one
   step bubble at a time. Shown on every signed-in page until the user skips or closes it
   (remembered for this browser session in sessionStorage). */
(function () {
  "use strict";

  var STORE_KEY = "hect.tour.v2";
  var START_DELAY_MS = 300;

  function dismissed() {
    try {
      return window.sessionStorage.getItem(STORE_KEY) === "dismissed";
    } catch (e) {
      return false;
    }
  }

  function remember() {
    try {
      window.sessionStorage.setItem(STORE_KEY, "dismissed");
    } catch (e) {
      /* private mode: the tour just comes back next page */
    }
  }

  var STEPS = [
    {
      id: "welcome",
      title: "Welcome to the new HECT",
      text: "We have rebuilt HECT around fast data grids. This short tour shows you where things have moved.",
      buttons: [
        { text: "Skip tour", action: "cancel", secondary: true },
        { text: "Next", action: "next" }
      ]
    },
    {
      id: "settings",
      title: "Settings have moved",
      text: "Sales Channels, Users and the rest of your account settings now live behind the gear icon at the top right.",
      attachTo: "#account-menu-button",
      buttons: [
        { text: "Back", action: "back", secondary: true },
        { text: "Done", action: "complete" }
      ]
    }
  ];

  var SVG_NS = "http://www.w3.org/2000/svg";

  function Tour(steps) {
    this.steps = steps;
    this.index = -1;
    this.overlay = null;
    this.path = null;
    this.element = null;
    this.lastFocus = null;
    this.onKey = this.onKey.bind(this);
    this.onResize = this.onResize.bind(this);
  }

  Tour.prototype.start = function () {
    this.lastFocus = document.activeElement;
    this.overlay = document.createElementNS(SVG_NS, "svg");
    this.overlay.setAttribute("class", "shepherd-modal-overlay-container shepherd-modal-is-visible");
    this.overlay.setAttribute("aria-hidden", "true");
    this.path = document.createElementNS(SVG_NS, "path");
    this.overlay.appendChild(this.path);
    document.body.appendChild(this.overlay);
    document.addEventListener("keydown", this.onKey, true);
    window.addEventListener("resize", this.onResize);
    this.show(0);
  };

  Tour.prototype.show = function (index) {
    if (this.element) this.element.remove();
    this.index = index;
    var step = this.steps[index];
    var self = this;
    var prefix = "step-" + step.id + "-" + index;

    var el = document.createElement("div");
    el.className = "shepherd-element shepherd-has-title shepherd-enabled" + (step.attachTo ? " shepherd-attached" : " shepherd-centered");
    el.setAttribute("role", "dialog");
    el.setAttribute("tabindex", "0");
    el.setAttribute("aria-labelledby", prefix + "-label");
    el.setAttribute("aria-describedby", prefix + "-description");
    el.setAttribute("data-shepherd-step-id", step.id);

    var content = document.createElement("div");
    content.className = "shepherd-content";

    var header = document.createElement("header");
    header.className = "shepherd-header";
    var title = document.createElement("h3");
    title.className = "shepherd-title";
    title.id = prefix + "-label";
    title.textContent = step.title;
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "shepherd-cancel-icon";
    cancel.setAttribute("aria-label", "Close tour");
    var times = document.createElement("span");
    times.setAttribute("aria-hidden", "true");
    times.textContent = "\u00d7";
    cancel.appendChild(times);
    cancel.addEventListener("click", function () { self.cancel(); });
    header.appendChild(title);
    header.appendChild(cancel);

    var text = document.createElement("div");
    text.className = "shepherd-text";
    text.id = prefix + "-description";
    var para = document.createElement("p");
    para.textContent = step.text;
    text.appendChild(para);

    var footer = document.createElement("footer");
    footer.className = "shepherd-footer";
    var progress = document.createElement("span");
    progress.className = "shepherd-progress";
    progress.textContent = (index + 1) + " of " + this.steps.length;
    footer.appendChild(progress);
    step.buttons.forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "shepherd-button" + (b.secondary ? " shepherd-button-secondary" : "");
      button.textContent = b.text;
      button.addEventListener("click", function () { self[b.action](); });
      footer.appendChild(button);
    });

    content.appendChild(header);
    content.appendChild(text);
    content.appendChild(footer);
    el.appendChild(content);

    if (step.attachTo) {
      var arrow = document.createElement("div");
      arrow.className = "shepherd-arrow";
      arrow.setAttribute("data-popper-arrow", "");
      el.appendChild(arrow);
    }

    document.body.appendChild(el);
    this.element = el;
    this.position();
    el.focus({ preventScroll: true });
  };

  Tour.prototype.target = function () {
    var step = this.steps[this.index];
    return step && step.attachTo ? document.querySelector(step.attachTo) : null;
  };

  Tour.prototype.position = function () {
    var w = window.innerWidth;
    var h = window.innerHeight;
    var d = "M" + w + "," + h + "H0V0H" + w + "V" + h + "Z";
    var target = this.target();
    this.overlay.setAttribute("viewBox", "0 0 " + w + " " + h);
    if (target) {
      var r = target.getBoundingClientRect();
      var pad = 6;
      var x = r.left - pad, y = r.top - pad, rw = r.width + 2 * pad, rh = r.height + 2 * pad;
      /* the highlighted element shows through a rounded hole in the dimming */
      d += "M" + (x + 6) + "," + y + "a6,6,0,0,0-6,6V" + (y + rh - 6) + "a6,6,0,0,0,6,6H" + (x + rw - 6) +
           "a6,6,0,0,0,6-6V" + (y + 6) + "a6,6,0,0,0-6-6Z";
      var bubble = this.element.getBoundingClientRect();
      var left = Math.max(12, Math.min(w - bubble.width - 12, r.right - bubble.width + 8));
      this.element.style.top = (r.bottom + 16) + "px";
      this.element.style.left = left + "px";
      var arrow = this.element.querySelector(".shepherd-arrow");
      if (arrow) arrow.style.left = (r.left + r.width / 2 - left - 8) + "px";
    } else {
      this.element.style.top = "";
      this.element.style.left = "";
    }
    this.path.setAttribute("d", d);
  };

  Tour.prototype.onResize = function () {
    if (this.element) this.position();
  };

  Tour.prototype.onKey = function (event) {
    if (!this.element) return;
    if (event.key === "Escape") {
      event.preventDefault();
      this.cancel();
      return;
    }
    if (event.key === "Tab") {
      /* keep keyboard focus inside the step, as the overlay keeps the mouse out */
      var focusable = Array.prototype.slice.call(this.element.querySelectorAll("button"));
      if (!focusable.length) return;
      var first = focusable[0];
      var last = focusable[focusable.length - 1];
      var active = document.activeElement;
      if (!this.element.contains(active)) {
        event.preventDefault();
        first.focus();
      } else if (event.shiftKey && (active === first || active === this.element)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  Tour.prototype.next = function () {
    if (this.index < this.steps.length - 1) this.show(this.index + 1);
  };

  Tour.prototype.back = function () {
    if (this.index > 0) this.show(this.index - 1);
  };

  Tour.prototype.complete = function () {
    this.end();
  };

  Tour.prototype.cancel = function () {
    this.end();
  };

  Tour.prototype.end = function () {
    remember();
    document.removeEventListener("keydown", this.onKey, true);
    window.removeEventListener("resize", this.onResize);
    if (this.element) this.element.remove();
    if (this.overlay) this.overlay.remove();
    this.element = null;
    this.overlay = null;
    if (this.lastFocus && this.lastFocus.isConnected && this.lastFocus.focus) {
      this.lastFocus.focus({ preventScroll: true });
    }
  };

  function boot() {
    if (dismissed()) return;
    window.setTimeout(function () {
      if (!dismissed()) new Tour(STEPS).start();
    }, START_DELAY_MS);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
