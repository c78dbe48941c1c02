/*
 * ConsentHub CMP loader (embedded third-party consent manager).
 *
 * Draws the consent dialog into <div id="cmp-root"> (open shadow root) at the end of <body>
 * until the visitor accepts or denies; the choice is kept in localStorage under
 * "cmp_consent". window.cmp.open() shows the dialog again (the footer's "Cookie settings").
 */
(function () {
  "use strict";

  var STORAGE_KEY = "cmp_consent";
  var CONSENT_VERSION = 3;
  var SETTINGS_DELAY_MS = 0; // drawn at once: over the sign-in form before anyone types

  var STYLE = [
    ":host { all: initial; }",
    "* { box-sizing: border-box; }",
    ".cmp-backdrop { position: fixed; inset: 0; background: rgba(17, 24, 39, .6);",
    "  z-index: 2147483646; }",
    ".cmp-layer { position: fixed; inset: 0; z-index: 2147483647; display: flex;",
    "  align-items: center; justify-content: center; padding: 1rem;",
    "  font-family: 'Helvetica Neue', Arial, sans-serif; font-size: 14px; line-height: 1.5;",
    "  color: #303030; }",
    ".cmp-dialog { background: #fff; width: 100%; max-width: 560px; max-height: calc(100vh - 2rem);",
    "  overflow-y: auto; border-radius: 8px; box-shadow: 0 10px 40px rgba(0, 0, 0, .35);",
    "  padding: 24px 24px 16px; outline: none; }",
    ".cmp-logo { display: flex; align-items: center; gap: 8px; margin-bottom: 12px;",
    "  font-weight: 700; color: #1c5fb8; font-size: 13px; letter-spacing: .02em; }",
    ".cmp-logo svg { flex: none; }",
    "h2 { font-size: 20px; font-weight: 700; margin: 0 0 8px; color: #1f2937; }",
    "p { margin: 0 0 12px; }",
    "a { color: #1c5fb8; }",
    ".cmp-more { border-top: 1px solid #e5e7eb; margin: 8px 0 12px; padding-top: 12px; }",
    ".cmp-more[hidden] { display: none; }",
    ".cmp-category { border: 1px solid #e5e7eb; border-radius: 6px; padding: 10px 12px;",
    "  margin-bottom: 8px; }",
    ".cmp-category h3 { font-size: 14px; margin: 0 0 4px; display: flex;",
    "  justify-content: space-between; gap: 8px; }",
    ".cmp-category h3 span { font-weight: 400; font-size: 12px; color: #6b7280; }",
    ".cmp-category p { margin: 0; font-size: 13px; color: #4b5563; }",
    ".cmp-category ul { margin: 6px 0 0; padding-left: 18px; font-size: 13px; color: #4b5563; }",
    ".cmp-buttons { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 16px; }",
    ".cmp-buttons button { flex: 1 1 140px; font: inherit; font-weight: 700; cursor: pointer;",
    "  border-radius: 4px; padding: 10px 14px; border: 2px solid #1c5fb8; }",
    ".cmp-btn-secondary { background: #fff; color: #1c5fb8; }",
    ".cmp-btn-secondary:hover { background: #eef4fc; }",
    ".cmp-btn-primary { background: #1c5fb8; color: #fff; }",
    ".cmp-btn-primary:hover { background: #164c93; border-color: #164c93; }",
    "button:focus-visible { outline: 3px solid #93c5fd; outline-offset: 2px; }",
    ".cmp-footer { margin-top: 14px; font-size: 11px; color: #9ca3af; display: flex;",
    "  justify-content: space-between; gap: 8px; }",
    ".cmp-footer a { color: #9ca3af; }"
  ].join("\n");

  var CATEGORIES = [
    {
      name: "Essential",
      state: "Always active",
      text: "Needed for signing in, keeping you signed in and protecting forms. These cannot be switched off.",
      services: ["HECT session", "CSRF protection", "ConsentHub"]
    },
    {
      name: "Functional",
      state: "Optional",
      text: "Remember preferences such as table layouts and help you get support in the app.",
      services: ["Support chat", "Feature announcements"]
    },
    {
      name: "Analytics",
      state: "Optional",
      text: "Help us understand how HECT is used so that we can improve it. Data is aggregated.",
      services: ["Product analytics", "Error reporting"]
    }
  ];

  function readConsent() {
    try {
      var raw = window.localStorage.getItem(STORAGE_KEY);
      if (!raw) return null;
      var data = JSON.parse(raw);
      return data && data.version === CONSENT_VERSION ? data : null;
    } catch (e) {
      return null;
    }
  }

  function saveConsent(choice) {
    var data = {
      version: CONSENT_VERSION,
      choice: choice,
      categories: {
        essential: true,
        functional: choice === "accepted",
        analytics: choice === "accepted"
      },
      timestamp: new Date().toISOString()
    };
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(data));
    } catch (e) {
      /* private modes without storage: the choice lasts for this page only */
    }
    try {
      window.dispatchEvent(new CustomEvent("cmp:consent", { detail: data }));
    } catch (e) { /* old browsers */ }
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  var host = null;
  var previousOverflow = "";

  function close() {
    if (!host) return;
    host.remove();
    host = null;
    document.documentElement.style.overflow = previousOverflow;
  }

  function buildDetails() {
    var more = el("div", { "class": "cmp-more", id: "cmp-more", hidden: "" });
    more.appendChild(el("p", {
      text: "You can change your choice at any time with \u201cCookie settings\u201d at the foot of every page. " +
        "Denying keeps only the essential cookies."
    }));
    CATEGORIES.forEach(function (cat) {
      var title = el("h3", { text: cat.name });
      title.appendChild(el("span", { text: cat.state }));
      var list = el("ul", {}, cat.services.map(function (s) { return el("li", { text: s }); }));
      more.appendChild(el("section", { "class": "cmp-category" }, [
        title, el("p", { text: cat.text }), list
      ]));
    });
    return more;
  }

  function open() {
    if (host || !document.body) return;
    host = el("div", { id: "cmp-root" });
    var root = host.attachShadow({ mode: "open" });

    root.appendChild(el("style", { text: STYLE }));
    root.appendChild(el("div", { "class": "cmp-backdrop" }));

    var logo = el("div", { "class": "cmp-logo", "aria-hidden": "true" });
    logo.innerHTML =
      '<svg width="18" height="18" viewBox="0 0 24 24"><path fill="#1c5fb8" d="M12 2 3 6v6c0 5 3.8 9.7 9 10 5.2-.3 9-5 9-10V6l-9-4z"/>' +
      '<path fill="#fff" d="m10.5 15.6-3.2-3.2 1.4-1.4 1.8 1.8 4.8-4.8 1.4 1.4z"/></svg>';
    logo.appendChild(document.createTextNode("ConsentHub"));

    var details = buildDetails();
    var moreBtn = el("button", {
      type: "button", "class": "cmp-btn-secondary", "aria-expanded": "false",
      "aria-controls": "cmp-more", text: "More information"
    });
    var denyBtn = el("button", { type: "button", "class": "cmp-btn-secondary", text: "Deny" });
    var acceptBtn = el("button", { type: "button", "class": "cmp-btn-primary", text: "Accept All" });

    moreBtn.addEventListener("click", function () {
      var expanded = moreBtn.getAttribute("aria-expanded") === "true";
      moreBtn.setAttribute("aria-expanded", expanded ? "false" : "true");
      if (expanded) details.setAttribute("hidden", "");
      else details.removeAttribute("hidden");
    });
    denyBtn.addEventListener("click", function () { saveConsent("denied"); close(); });
    acceptBtn.addEventListener("click", function () { saveConsent("accepted"); close(); });

    var footer = el("div", { "class": "cmp-footer" }, [
      el("span", { text: "Powered by ConsentHub" }),
      el("a", { href: "#", text: "Imprint" })
    ]);
    footer.lastChild.addEventListener("click", function (event) { event.preventDefault(); });

    var dialog = el("div", {
      "class": "cmp-dialog", role: "dialog", "aria-modal": "true",
      "aria-labelledby": "cmp-title", "aria-describedby": "cmp-desc", tabindex: "-1"
    }, [
      logo,
      el("h2", { id: "cmp-title", text: "Privacy settings" }),
      el("p", {
        id: "cmp-desc",
        text: "We use cookies and similar technologies on this website. Some are essential to " +
          "run it; others help us improve HECT and offer support features. You can accept all " +
          "of them, or deny those that are not essential. Your choice is stored in this " +
          "browser and you can change it at any time."
      }),
      details,
      el("div", { "class": "cmp-buttons" }, [moreBtn, denyBtn, acceptBtn]),
      footer
    ]);

    // Keep keyboard focus inside the dialog while it is open.
    dialog.addEventListener("keydown", function (event) {
      if (event.key !== "Tab") return;
      var focusable = Array.prototype.filter.call(
        dialog.querySelectorAll("button, a[href]"),
        function (node) { return node.offsetParent !== null; }
      );
      if (!focusable.length) return;
      var first = focusable[0];
      var last = focusable[focusable.length - 1];
      var active = root.activeElement;
      if (event.shiftKey && (active === first || active === dialog)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    });

    root.appendChild(el("div", { "class": "cmp-layer" }, [dialog]));

    previousOverflow = document.documentElement.style.overflow;
    document.documentElement.style.overflow = "hidden";
    document.body.appendChild(host);
    dialog.focus();
  }

  function start() {
    if (readConsent()) return;
    window.setTimeout(open, SETTINGS_DELAY_MS);
  }

  window.cmp = {
    open: open,
    consent: readConsent,
    reset: function () {
      try { window.localStorage.removeItem(STORAGE_KEY); } catch (e) { /* ignore */ }
      open();
    }
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
