/* The Order Poll dialog: lifts the form from the channel's order poll page. */
(function () {
  "use strict";
  var dialog = document.getElementById("order-poll-dialog");
  if (!dialog || !window.HectModal) return;
  var title = dialog.querySelector("#order-poll-title");
  var body = dialog.querySelector("[data-order-poll-body]");
  var busy = false;

  function close() {
    if (busy) return;
    HectModal.close(dialog);
    body.textContent = "";
  }

  function message(text, kind, extraLink) {
    var box = document.createElement("div");
    box.className = "alert alert-" + (kind || "error");
    box.setAttribute("role", "alert");
    box.textContent = text;
    if (extraLink) {
      box.appendChild(document.createTextNode(" "));
      var a = document.createElement("a");
      a.href = extraLink.href;
      a.textContent = extraLink.text;
      box.appendChild(a);
    }
    return box;
  }

  function cancelButton() {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "button";
    b.textContent = "Cancel";
    b.addEventListener("click", close);
    return b;
  }

  function showProblem(text, link) {
    body.textContent = "";
    body.appendChild(message(text, "error", link));
    var actions = document.createElement("div");
    actions.className = "modal-actions";
    actions.appendChild(cancelButton());
    body.appendChild(actions);
    var first = body.querySelector("a, button");
    if (first) first.focus();
  }

  function wire(form, url) {
    var actions = form.querySelector(".form-actions") || form;
    actions.classList.add("modal-actions");
    actions.insertBefore(cancelButton(), actions.firstChild);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) return;
      var old = form.querySelector(".alert");
      if (old) old.remove();
      var submit = form.querySelector('[type="submit"]');
      busy = true;
      if (submit) submit.disabled = true;
      fetch(form.getAttribute("action") || url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(new FormData(form)).toString()
      }).then(function (response) {
        return response.json().then(function (data) { return { status: response.status, data: data }; },
                                     function () { return { status: response.status, data: null }; });
      }).then(function (result) {
        busy = false;
        if (submit) submit.disabled = false;
        if (result.data && result.data.ok) {
          close();
          window.HectToast(result.data.message, "success");
        } else if (result.status === 401) {
          showProblem("Your session has expired.", { href: location.pathname, text: "Sign in again" });
        } else {
          var text = (result.data && result.data.error) || "The order poll could not be started. Please try again.";
          form.insertBefore(message(text, "error"), form.firstChild);
        }
      }).catch(function () {
        busy = false;
        if (submit) submit.disabled = false;
        form.insertBefore(message("HECT could not be reached. Please try again.", "error"), form.firstChild);
      });
    });
  }

  function open(button) {
    var url = button.getAttribute("data-order-poll");
    title.textContent = button.textContent.trim() + ": " + (button.getAttribute("data-channel-name") || "");
    body.textContent = "";
    var loading = document.createElement("p");
    loading.className = "muted";
    loading.textContent = "Loading\u2026";
    body.appendChild(loading);
    HectModal.open(dialog, { focus: title, onEscape: close });
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.text().then(function (html) { return { response: response, html: html }; }); })
      .then(function (got) {
        if (dialog.hidden) return;
        var doc = new DOMParser().parseFromString(got.html, "text/html");
        var form = doc.querySelector('form input[name="since"]');
        form = form && form.closest("form");
        if (!got.response.ok || !form) {
          showProblem("Your session has expired or the order poll form could not be loaded.",
                      { href: url, text: "Open the order poll page" });
          return;
        }
        form.setAttribute("action", url);
        form = document.importNode(form, true);
        body.textContent = "";
        body.appendChild(form);
        wire(form, url);
        var field = form.querySelector('input[name="since"]');
        if (field) field.focus();
      })
      .catch(function () {
        showProblem("HECT could not be reached.", { href: url, text: "Open the order poll page" });
      });
  }

  title.setAttribute("tabindex", "-1");
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-order-poll]");
    if (button) { event.preventDefault(); open(button); }
  });
})();
