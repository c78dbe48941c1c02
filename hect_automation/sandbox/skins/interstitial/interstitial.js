/* HECT front-end behaviours: the What's new panel, the connect dialog, inline order polls. */
(function () {
  "use strict";

  var FLASH_KEY = "hect.flash";
  var NEWS_KEY = "hect.whatsNew.closed";

  function store(kind) {
    try { return window[kind]; } catch (e) { return null; }
  }

  /* -- What's new: slides in on the dashboard until it has been closed once ------------- */
  function initWhatsNew() {
    var panel = document.getElementById("whats-new");
    if (!panel) return;
    var local = store("localStorage");
    var newsId = panel.getAttribute("data-news-id") || "1";
    if (local && local.getItem(NEWS_KEY) === newsId) return;

    panel.hidden = false;
    window.setTimeout(function () { panel.classList.add("is-open"); }, 150);

    panel.querySelector("[data-news-close]").addEventListener("click", function () {
      if (local) local.setItem(NEWS_KEY, newsId);
      panel.classList.remove("is-open");
      window.setTimeout(function () { panel.hidden = true; }, 260);
    });
  }

  /* -- Connect Channel: explain first, then continue to the marketplace ----------------- */
  function initConnectDialog() {
    var dialog = document.getElementById("connect-dialog");
    if (!dialog) return;
    var opener = null;
    var nameOut = dialog.querySelector("[data-connect-name]");
    var sellerBox = dialog.querySelector("[data-connect-seller-box]");
    var sellerOut = dialog.querySelector("[data-connect-seller]");
    var go = dialog.querySelector("[data-connect-continue]");

    document.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-connect-url]");
      if (!button) return;
      opener = button;
      var seller = button.getAttribute("data-seller-id") || "";
      nameOut.textContent = button.getAttribute("data-channel-name") || "";
      sellerOut.textContent = seller;
      sellerBox.hidden = !seller;
      go.setAttribute("href", button.getAttribute("data-connect-url"));
      dialog.showModal();
      dialog.querySelector("[data-connect-cancel]").focus();
    });

    dialog.querySelector("[data-connect-cancel]").addEventListener("click", function () {
      dialog.close();
    });
    // A click on the dimmed backdrop (the dialog element itself) closes it as well.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close();
    });
    dialog.addEventListener("close", function () {
      go.removeAttribute("href");
      if (opener) opener.focus();
    });
  }

  /* -- Order Poll: a disclosure per row holding the poll form --------------------------- */
  function today() {
    var d = new Date();
    var pad = function (n) { return String(n).padStart(2, "0"); };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function initPollToggles() {
    document.querySelectorAll("[data-poll-toggle]").forEach(function (button) {
      var panel = document.getElementById(button.getAttribute("aria-controls"));
      if (!panel) return;
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") === "true";
        button.setAttribute("aria-expanded", open ? "false" : "true");
        panel.hidden = open;
        button.closest(".channel-row").classList.toggle("is-expanded", !open);
        if (!open) {
          var first = panel.querySelector("input:not([type=hidden])");
          if (first) first.focus();
        }
      });
    });
    document.querySelectorAll("input[type=date][name=since_date]").forEach(function (input) {
      input.max = today();
    });
  }

  function initPollForms() {
    document.querySelectorAll("form[data-poll-form]").forEach(function (form) {
      var errorOut = form.querySelector("[data-poll-error]");
      var submit = form.querySelector("[type=submit]");
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        errorOut.hidden = true;
        errorOut.removeAttribute("role");
        submit.disabled = true;
        fetch(form.action, {
          method: "POST",
          credentials: "same-origin",
          headers: {
            "Accept": "application/json",
            "Content-Type": "application/x-www-form-urlencoded"
          },
          body: new URLSearchParams(new FormData(form)).toString()
        }).then(function (response) {
          var type = response.headers.get("content-type") || "";
          if (response.status === 401 || type.indexOf("application/json") === -1) {
            form.submit(); // signed out or something unexpected: let the server take over
            return null;
          }
          return response.json();
        }).then(function (data) {
          if (!data) return;
          if (data.ok) {
            var session = store("sessionStorage");
            if (session) {
              session.setItem(FLASH_KEY, JSON.stringify({ path: location.pathname, message: data.message }));
              location.reload();
            } else {
              showBanner(data.message);
            }
            return;
          }
          submit.disabled = false;
          errorOut.textContent = data.error || "The order poll could not be started.";
          errorOut.setAttribute("role", "alert");
          errorOut.hidden = false;
        }).catch(function () {
          form.submit();
        });
      });
    });
  }

  /* -- The green confirmation banner at the top of the list ---------------------------- */
  function showBanner(message) {
    var area = document.getElementById("flash-area");
    if (!area) return;
    var banner = document.createElement("div");
    banner.className = "banner banner-success";
    banner.setAttribute("role", "status");
    banner.innerHTML =
      '<svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22"><circle cx="12" cy="12" r="10" fill="currentColor"/>' +
      '<path d="m7.5 12.5 3 3 6-6.5" fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/></svg>';
    var text = document.createElement("p");
    text.textContent = message;
    banner.appendChild(text);
    area.appendChild(banner);
  }

  function initFlash() {
    var session = store("sessionStorage");
    if (!session) return;
    var raw = session.getItem(FLASH_KEY);
    if (!raw) return;
    try {
      var flash = JSON.parse(raw);
      if (flash.path !== location.pathname || !document.getElementById("flash-area")) return;
      session.removeItem(FLASH_KEY);
      showBanner(flash.message);
    } catch (e) {
      session.removeItem(FLASH_KEY);
    }
  }

  function start() {
    initWhatsNew();
    initConnectDialog();
    initPollToggles();
    initPollForms();
    initFlash();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
