/* HECT dashboard behaviour: clickable tiles, row menus, the order poll dialog and toasts. */
(function () {
  "use strict";

  // Clickable tiles and navigation items carry data-href.
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-href]");
    if (!target || target.classList.contains("is-disabled")) return;
    var href = target.getAttribute("data-href");
    if (event.ctrlKey || event.metaKey) {
      window.open(href, "_blank");
    } else {
      window.location.href = href;
    }
  });

  // --- Row "More actions" menus -----------------------------------------------------------
  var openMenu = null;

  function menuOf(trigger) {
    return document.getElementById(trigger.getAttribute("aria-controls"));
  }

  // The menu floats above the grid (position: fixed), below the trigger or above it when
  // there is no room, right-aligned with the trigger.
  function placeMenu(trigger, list) {
    var box = trigger.getBoundingClientRect();
    var height = list.offsetHeight;
    var width = list.offsetWidth;
    var top = box.bottom + 4;
    if (top + height > window.innerHeight - 8 && box.top - height - 4 > 8) top = box.top - height - 4;
    list.style.top = top + "px";
    list.style.left = Math.max(8, box.right - width) + "px";
  }

  function followTrigger() {
    if (openMenu) placeMenu(openMenu.trigger, openMenu.list);
  }
  window.addEventListener("resize", followTrigger);
  window.addEventListener("scroll", followTrigger, true);

  function closeMenu(restoreFocus) {
    if (!openMenu) return;
    var trigger = openMenu.trigger;
    openMenu.list.hidden = true;
    trigger.setAttribute("aria-expanded", "false");
    trigger.closest(".cgrid__row") && trigger.closest(".cgrid__row").classList.remove("is-menu-open");
    openMenu = null;
    if (restoreFocus) trigger.focus();
  }

  function openMenuFor(trigger) {
    closeMenu(false);
    var list = menuOf(trigger);
    list.hidden = false;
    placeMenu(trigger, list);
    trigger.setAttribute("aria-expanded", "true");
    trigger.closest(".cgrid__row") && trigger.closest(".cgrid__row").classList.add("is-menu-open");
    openMenu = { trigger: trigger, list: list };
    var first = list.querySelector("[role=menuitem]");
    if (first) first.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var trigger = event.target.closest(".rowmenu__trigger");
    if (trigger) {
      if (openMenu && openMenu.trigger === trigger) closeMenu(false);
      else openMenuFor(trigger);
      return;
    }
    if (openMenu && !openMenu.list.contains(event.target)) closeMenu(false);
  });

  document.addEventListener("keydown", function (event) {
    if (!openMenu) return;
    var items = Array.prototype.slice.call(openMenu.list.querySelectorAll("[role=menuitem]"));
    var index = items.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      closeMenu(true);
    } else if (event.key === "ArrowDown") {
      event.preventDefault();
      items[(index + 1) % items.length].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      items[(index - 1 + items.length) % items.length].focus();
    } else if (event.key === "Tab") {
      closeMenu(false);
    }
  });

  // --- Order poll dialog ------------------------------------------------------------------
  var dialog = document.getElementById("poll-dialog");
  var form = document.getElementById("poll-form");

  function setError(text) {
    var box = form.querySelector("[data-slot=poll-error]");
    box.textContent = text || "";
    box.hidden = !text;
  }

  document.addEventListener("click", function (event) {
    var item = event.target.closest("[data-order-poll]");
    if (!item || !dialog) return;
    closeMenu(false);
    form.setAttribute("action", item.getAttribute("data-order-poll"));
    form.querySelector("[data-slot=channel-name]").textContent = item.getAttribute("data-channel-name");
    form.reset();
    setError("");
    dialog.showModal();
    form.querySelector("input[type=datetime-local]").focus();
  });

  document.addEventListener("click", function (event) {
    var closer = event.target.closest("[data-close-dialog]");
    if (closer) closer.closest("dialog").close();
  });

  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var submit = form.querySelector("button[type=submit]");
      submit.disabled = true;
      form.setAttribute("aria-busy", "true");
      setError("");
      fetch(form.getAttribute("action"), {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin"
      })
        .then(function (response) {
          var type = response.headers.get("content-type") || "";
          if (type.indexOf("application/json") === -1) {
            throw new Error("Your session may have expired. Reload the page and try again.");
          }
          return response.json();
        })
        .then(function (data) {
          if (data.ok) {
            dialog.close();
            showToast(data.message);
          } else {
            setError(data.error || "The order poll could not be started.");
          }
        })
        .catch(function (error) {
          setError(error.message || "The order poll could not be started.");
        })
        .finally(function () {
          submit.disabled = false;
          form.removeAttribute("aria-busy");
        });
    });
  }

  // --- Toasts -------------------------------------------------------------------------------
  var toastTimer = null;

  function showToast(message) {
    var toast = document.getElementById("toast");
    if (!toast) return;
    clearTimeout(toastTimer);
    toast.textContent = message;
    toast.classList.add("is-visible");
    toastTimer = setTimeout(function () {
      toast.classList.remove("is-visible");
      toastTimer = setTimeout(function () { toast.textContent = ""; }, 250);
    }, 6000);
  }
})();
