/*
 * Channel feed: the server draws the first page; this fetches the next ones from the channels
 * API when the end of the feed scrolls into view, or when "Load more" is pressed.
 */
(function () {
  "use strict";

  var feed = document.getElementById("channel-feed");
  var more = document.getElementById("feed-more");
  var progress = document.getElementById("feed-progress");
  var spinner = document.getElementById("feed-loading");
  var sentinel = document.getElementById("feed-sentinel");
  var template = document.getElementById("channel-article-template");
  if (!feed || !template) return;

  var api = feed.dataset.api;
  var query = feed.dataset.q || "";
  var page = Number(feed.dataset.page) || 1;
  var pages = Number(feed.dataset.pages) || 1;
  var total = Number(feed.dataset.total) || 0;
  var first = Number(feed.dataset.first) || 1;
  var loading = null; // the request under way, if any
  var failed = false;

  function shown() { return feed.querySelectorAll("article").length; }

  function updateProgress() {
    var count = shown();
    if (first > 1) progress.textContent = "Showing channels " + first + "\u2013" + (first + count - 1) + " of " + total;
    else progress.textContent = "Showing " + count + " of " + total + " channels";
    if (page >= pages) {
      progress.textContent += count >= total ? ". That's all of them." : ".";
      more.hidden = true;
    }
  }

  function statusClass(row) {
    if (row.expired) return "state-expired";
    return row.status === "Connected" ? "state-ok" : "state-pending";
  }

  function articleFor(row, position) {
    var article = template.content.firstElementChild.cloneNode(true);
    var nameId = "ch-" + row.id + "-name";
    article.dataset.channel = row.id;
    article.setAttribute("aria-labelledby", nameId);
    article.setAttribute("aria-posinset", String(position));
    article.setAttribute("aria-setsize", String(total));
    if (row.expired) article.classList.add("feed-item-alert");
    function slot(name) { return article.querySelector('[data-slot="' + name + '"]'); }
    var name = slot("name");
    name.id = nameId;
    name.textContent = row.name;
    var status = slot("status");
    status.textContent = row.status;
    status.classList.add(statusClass(row));
    slot("marketplace").textContent = row.marketplace;
    slot("seller_id").textContent = row.seller_id || "\u2014";
    var expiry = slot("expiry");
    expiry.textContent = row.expiry;
    if (row.expiry_iso) expiry.setAttribute("datetime", row.expiry_iso);
    else expiry.removeAttribute("datetime");
    var connect = slot("connect");
    if (row.show_connect && row.connect_url) connect.href = row.connect_url;
    else connect.remove();
    slot("poll").href = row.poll_url;
    return article;
  }

  function setLoading(on) {
    feed.setAttribute("aria-busy", on ? "true" : "false");
    spinner.hidden = !on;
    more.disabled = on;
  }

  function loadNext() {
    if (loading) return loading;
    if (page >= pages) return Promise.resolve();
    setLoading(true);
    failed = false;
    var url = new URL(api, location.href);
    url.searchParams.set("page", String(page + 1));
    if (query) url.searchParams.set("q", query);
    loading = fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) {
        if (res.status === 401) { location.reload(); throw new Error("signed out"); }
        if (!res.ok) throw new Error("HTTP " + res.status);
        return res.json();
      })
      .then(function (data) {
        total = data.total;
        pages = data.pages;
        page = data.page;
        var position = first + shown();
        var fragment = document.createDocumentFragment();
        data.rows.forEach(function (row) {
          if (feed.querySelector('article[data-channel="' + row.id + '"]')) return; // already shown
          fragment.append(articleFor(row, position++));
        });
        feed.append(fragment);
        feed.querySelectorAll("article").forEach(function (a) { a.setAttribute("aria-setsize", String(total)); });
        updateProgress();
      })
      .catch(function () {
        failed = true;
        progress.textContent = "Couldn't load more channels. Press Load more to try again.";
      })
      .then(function () {
        loading = null;
        setLoading(false);
        // A tall window may still show the end of the feed: keep going.
        if (!failed && observer && page < pages) { observer.unobserve(sentinel); observer.observe(sentinel); }
      });
    return loading;
  }

  more.addEventListener("click", function () {
    var before = shown();
    // Keyboard users: once the new channels arrive, move to the first of them.
    loadNext().then(function () {
      var next = feed.querySelectorAll("article")[before];
      if (next) next.focus();
    });
  });

  var observer = null;
  if ("IntersectionObserver" in window && sentinel) {
    observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting && !failed) loadNext();
      });
    }, { rootMargin: "0px 0px 300px 0px" });
    observer.observe(sentinel);
  }

  // The feed pattern's keys: Page Down / Page Up move between channels.
  feed.addEventListener("keydown", function (event) {
    if (event.key !== "PageDown" && event.key !== "PageUp") return;
    var article = event.target.closest("article");
    if (!article || event.target !== article) return;
    var sibling = event.key === "PageDown" ? article.nextElementSibling : article.previousElementSibling;
    if (sibling) { event.preventDefault(); sibling.focus(); }
    else if (event.key === "PageDown" && page < pages) { event.preventDefault(); more.click(); }
  });

  updateProgress();
})();
