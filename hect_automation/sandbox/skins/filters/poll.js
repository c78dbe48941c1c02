(function () {
  var opener = document.getElementById("open-poll");
  var drawer = document.getElementById("poll-drawer");
  var backdrop = document.getElementById("poll-backdrop");
  var form = document.getElementById("poll-form");
  var alertBox = document.getElementById("poll-alert");
  var submit = document.getElementById("poll-submit");
  var field = document.getElementById("poll-since");
  if (!opener || !drawer || !form) return;

  function open() {
    alertBox.hidden = true;
    alertBox.textContent = "";
    alertBox.className = "drawer-alert";
    drawer.hidden = false;
    backdrop.hidden = false;
    // Let the browser lay the drawer out off-screen before sliding it in.
    requestAnimationFrame(function () { drawer.classList.add("is-open"); backdrop.classList.add("is-open"); });
    opener.setAttribute("aria-expanded", "true");
    field.focus();
  }
  function close() {
    drawer.classList.remove("is-open");
    backdrop.classList.remove("is-open");
    drawer.hidden = true;
    backdrop.hidden = true;
    opener.setAttribute("aria-expanded", "false");
    opener.focus();
  }
  function show(kind, text) {
    alertBox.className = "drawer-alert drawer-alert-" + kind;
    alertBox.textContent = text;
    alertBox.hidden = false;
  }

  opener.addEventListener("click", open);
  document.getElementById("close-poll").addEventListener("click", close);
  document.getElementById("cancel-poll").addEventListener("click", close);
  backdrop.addEventListener("click", close);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !drawer.hidden) close();
  });

  function refreshPolls() {
    return fetch(window.location.href, { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("order-polls");
        var current = document.getElementById("order-polls");
        if (fresh && current) current.replaceWith(fresh);
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    submit.disabled = true;
    submit.textContent = "Starting…";
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    })
      .then(function (r) {
        return r.json().catch(function () { return { ok: false, error: "Something went wrong (" + r.status + ")." }; });
      })
      .then(function (data) {
        if (data.ok) {
          show("success", data.message);
          return refreshPolls();
        }
        show("error", data.error || "The order poll could not be started.");
      })
      .catch(function () { show("error", "HECT could not be reached. Please try again."); })
      .then(function () {
        submit.disabled = false;
        submit.textContent = "Start Order Poll";
      });
  });
})();
