// HECT single-page settings: a modal dialog whose right side is swapped in place.
// Sections are the server's own settings pages, fetched in the background; only their
// #settings-pane is kept. The address bar never changes.
(function () {
  "use strict";

  const settings = document.getElementById("settings-dialog");
  if (!settings) return; // signed out: nothing to do
  const pane = document.getElementById("settings-pane");
  const opener = document.getElementById("open-settings");
  const poll = document.getElementById("poll-dialog");
  const pollForm = poll.querySelector("[data-poll-form]");
  const pollStatus = poll.querySelector("[data-poll-status]");
  const pollError = poll.querySelector("[data-poll-error]");
  const pollDone = poll.querySelector("[data-poll-done]");
  const pollHistory = poll.querySelector("[data-poll-history]");
  const pollName = poll.querySelector("[data-poll-channel]");
  let generation = 0;

  function markSection(section) {
    settings.querySelectorAll("[data-section-url]").forEach((b) => {
      if (b.dataset.section === section) b.setAttribute("aria-current", "true");
      else b.removeAttribute("aria-current");
    });
  }

  async function fetchPage(url) {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
    const html = await response.text();
    return { response, doc: new DOMParser().parseFromString(html, "text/html") };
  }

  async function loadPane(url, { focus = true } = {}) {
    const mine = ++generation;
    pane.setAttribute("aria-busy", "true");
    pane.innerHTML = '<p class="loading">Loading…</p>';
    try {
      const { doc } = await fetchPage(url);
      if (mine !== generation) return;
      const fresh = doc.getElementById("settings-pane");
      if (!fresh) {
        // Not a settings page (signed out, say): let the browser go there properly.
        window.location.assign(url);
        return;
      }
      pane.innerHTML = fresh.innerHTML;
      pane.dataset.section = fresh.dataset.section || "";
      markSection(pane.dataset.section);
      if (focus) {
        const title = pane.querySelector(".pane__title");
        if (title) title.focus();
      }
    } catch (err) {
      if (mine !== generation) return;
      pane.innerHTML = "";
      const p = document.createElement("p");
      p.className = "alert alert--error";
      p.setAttribute("role", "alert");
      p.textContent = "This section could not be loaded. Check your connection and try again. ";
      const retry = document.createElement("button");
      retry.type = "button";
      retry.className = "btn";
      retry.dataset.paneUrl = url;
      retry.textContent = "Try again";
      p.appendChild(retry);
      pane.appendChild(p);
    } finally {
      if (mine === generation) pane.removeAttribute("aria-busy");
    }
  }

  function openSettings() {
    if (!settings.open) settings.showModal();
    if (!pane.dataset.section && !pane.hasAttribute("aria-busy")) {
      const first = settings.querySelector("[data-section-url]");
      loadPane(first.dataset.sectionUrl);
    }
  }

  // -- The order poll dialog ---------------------------------------------------------------
  function resetPoll() {
    pollForm.reset();
    pollForm.hidden = false;
    pollDone.hidden = true;
    pollStatus.textContent = "";
    pollError.textContent = "";
    pollError.hidden = true;
    pollHistory.innerHTML = "";
  }

  async function refreshHistory(url) {
    try {
      const { doc } = await fetchPage(url);
      const history = doc.getElementById("poll-history");
      if (history && poll.dataset.url === url) {
        pollHistory.innerHTML = history.innerHTML;
        const title = pollHistory.querySelector("h2");
        if (title) {
          const h3 = document.createElement("h3");
          h3.className = title.className;
          h3.textContent = title.textContent;
          title.replaceWith(h3);
        }
      }
    } catch (err) {
      /* the history is a nicety; the form still works */
    }
  }

  function openPoll(button) {
    resetPoll();
    poll.dataset.url = button.dataset.pollUrl;
    pollForm.action = button.dataset.pollUrl;
    pollName.textContent = button.dataset.channelName || "";
    poll.showModal();
    const first = pollForm.querySelector("input[type=date]");
    if (first) first.focus();
    refreshHistory(button.dataset.pollUrl);
  }

  function showPollError(message) {
    pollError.textContent = message;
    pollError.hidden = false;
  }

  pollForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    pollError.hidden = true;
    if (!pollForm.checkValidity()) {
      showPollError("Please enter the date and time of the oldest order.");
      pollForm.querySelector(":invalid").focus();
      return;
    }
    const url = poll.dataset.url;
    const submit = pollForm.querySelector("[type=submit]");
    submit.disabled = true;
    try {
      const response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        body: new FormData(pollForm),
      });
      let data = null;
      try {
        data = await response.json();
      } catch (err) {
        data = null;
      }
      if (data && data.ok) {
        pollForm.hidden = true;
        pollStatus.textContent = data.message;
        pollDone.hidden = false;
        pollDone.querySelector("button").focus();
        refreshHistory(url);
      } else if (data && data.error) {
        showPollError(data.error);
      } else {
        showPollError("The order poll could not be started. Your session may have expired: reload the page and sign in again.");
      }
    } catch (err) {
      showPollError("The order poll could not be started. Check your connection and try again.");
    } finally {
      submit.disabled = false;
    }
  });

  // -- Clicks --------------------------------------------------------------------------------
  if (opener) opener.addEventListener("click", openSettings);

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const closer = target.closest("[data-close-dialog]");
    if (closer) {
      closer.closest("dialog").close();
      return;
    }
    const section = target.closest("[data-section-url]");
    if (section && settings.contains(section)) {
      loadPane(section.dataset.sectionUrl);
      return;
    }
    const swap = target.closest("[data-pane-url]");
    if (swap && settings.contains(swap)) {
      loadPane(swap.dataset.paneUrl);
      return;
    }
    const pollButton = target.closest("[data-poll-url]");
    if (pollButton) {
      openPoll(pollButton);
    }
  });

  // A settings address typed by hand: the same dialog, already at its section.
  if (settings.dataset.autoshow === "true") {
    settings.showModal();
    const title = pane.querySelector(".pane__title");
    if (title) title.focus();
  }
})();
