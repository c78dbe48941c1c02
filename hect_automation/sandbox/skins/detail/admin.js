// HECT admin: modal dialogs, forms posted in the background, and toasts.
(function () {
  "use strict";

  function toast(message) {
    var region = document.getElementById("toasts");
    if (!region) return;
    var item = document.createElement("div");
    item.className = "toast";
    var text = document.createElement("p");
    text.setAttribute("role", "status");
    text.textContent = message;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "icon-btn";
    close.setAttribute("aria-label", "Dismiss notification");
    close.textContent = "×";
    close.addEventListener("click", function () { item.remove(); });
    item.appendChild(text);
    item.appendChild(close);
    region.appendChild(item);
  }

  function refresh(selector) {
    var target = document.querySelector(selector);
    if (!target) return;
    fetch(location.href, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector(selector);
        if (fresh) target.replaceWith(fresh);
      })
      .catch(function () { /* the list stays as it was */ });
  }

  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-open-dialog]");
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute("data-open-dialog"));
      if (dialog && !dialog.open) {
        var error = dialog.querySelector("[data-form-error]");
        if (error) { error.hidden = true; error.textContent = ""; }
        dialog.showModal();
      }
      return;
    }
    var closer = event.target.closest("[data-close-dialog]");
    if (closer) {
      var open = closer.closest("dialog");
      if (open) open.close();
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-json-form]")) return;
    event.preventDefault();
    var submit = form.querySelector("[type=submit]");
    var error = form.querySelector("[data-form-error]");
    if (submit) submit.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (r) {
        return r.json().catch(function () { return { ok: false, error: "Something went wrong. Please try again." }; });
      })
      .then(function (data) {
        if (data.ok) {
          var dialog = form.closest("dialog");
          if (dialog) dialog.close();
          form.reset();
          toast(data.message);
          if (form.dataset.refresh) refresh(form.dataset.refresh);
        } else if (error) {
          error.textContent = data.error || "Something went wrong. Please try again.";
          error.hidden = false;
        }
      })
      .catch(function () {
        if (error) {
          error.textContent = "HECT could not be reached. Check your connection and try again.";
          error.hidden = false;
        }
      })
      .finally(function () { if (submit) submit.disabled = false; });
  });
})();
