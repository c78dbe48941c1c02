// HECT front-end behaviour: the account menu, accordions, button links and the order poll form.
(function () {
  "use strict";

  // --- Account menu (menu button pattern) ---------------------------------------------------
  document.querySelectorAll("[data-menu]").forEach(function (root) {
    var toggle = root.querySelector("[aria-haspopup]");
    var menu = document.getElementById(toggle.getAttribute("aria-controls"));
    var items = Array.prototype.slice.call(menu.querySelectorAll("[role=menuitem]"));

    function open(focusIndex) {
      menu.hidden = false;
      toggle.setAttribute("aria-expanded", "true");
      if (focusIndex !== undefined) items[(focusIndex + items.length) % items.length].focus();
    }
    function close(refocus) {
      menu.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
      if (refocus) toggle.focus();
    }

    toggle.addEventListener("click", function () {
      if (menu.hidden) open(); else close();
    });
    toggle.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); open(0); }
      if (e.key === "ArrowUp") { e.preventDefault(); open(items.length - 1); }
    });
    menu.addEventListener("keydown", function (e) {
      var i = items.indexOf(document.activeElement);
      if (e.key === "ArrowDown") { e.preventDefault(); items[(i + 1) % items.length].focus(); }
      else if (e.key === "ArrowUp") { e.preventDefault(); items[(i - 1 + items.length) % items.length].focus(); }
      else if (e.key === "Home") { e.preventDefault(); items[0].focus(); }
      else if (e.key === "End") { e.preventDefault(); items[items.length - 1].focus(); }
      else if (e.key === "Tab") { close(false); }
    });
    root.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !menu.hidden) { e.preventDefault(); close(true); }
    });
    document.addEventListener("click", function (e) {
      if (!menu.hidden && !root.contains(e.target)) close(false);
    });
  });

  // --- Accordions ---------------------------------------------------------------------------
  document.querySelectorAll(".accordion-trigger").forEach(function (trigger) {
    trigger.addEventListener("click", function () {
      var panel = document.getElementById(trigger.getAttribute("aria-controls"));
      var expanded = trigger.getAttribute("aria-expanded") === "true";
      trigger.setAttribute("aria-expanded", String(!expanded));
      panel.hidden = expanded;
    });
  });

  // --- Buttons that go somewhere ------------------------------------------------------------
  document.querySelectorAll("button[data-href]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.location.assign(button.getAttribute("data-href"));
    });
  });

  // --- Order poll: post in place, confirm in the status region --------------------------------
  var pollForm = document.querySelector("form[data-poll-form]");
  if (pollForm) {
    var status = document.getElementById("poll-status");
    var problem = document.getElementById("poll-error");
    var submit = pollForm.querySelector("[type=submit]");

    var refreshPolls = function () {
      return fetch(pollForm.getAttribute("action"), { credentials: "same-origin" })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("polls");
          var current = document.getElementById("polls");
          if (fresh && current) current.replaceWith(fresh);
        })
        .catch(function () { /* the list just stays as it was */ });
    };

    pollForm.addEventListener("submit", function (e) {
      e.preventDefault();
      status.textContent = "";
      problem.textContent = "";
      submit.disabled = true;
      fetch(pollForm.getAttribute("action"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Accept": "application/json" },
        body: new URLSearchParams(new FormData(pollForm)),
      })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          submit.disabled = false;
          if (data.ok) {
            status.textContent = data.message;
            return refreshPolls();
          }
          problem.textContent = data.error || "The order poll could not be started.";
        })
        .catch(function () {
          // Signed out, or an unexpected answer: let the browser post the form the plain way.
          submit.disabled = false;
          pollForm.submit();
        });
    });
  }
})();
