// Master–detail channel page: choosing a channel on the left redraws the details pane on the
// right from the JSON embedded in the page, and records the choice in the address
// (?channel=ID), which the server also understands when the page is opened or reloaded.
(function () {
  "use strict";

  var root = document.querySelector("[data-split]");
  var dataNode = document.getElementById("channel-data");
  if (!root || !dataNode) return;

  var channels = JSON.parse(dataNode.textContent);
  var byId = {};
  channels.forEach(function (c) { byId[String(c.id)] = c; });

  var pane = root.querySelector("[data-details]");
  var links = Array.prototype.slice.call(root.querySelectorAll("a[data-channel-id]"));
  var connectTemplate = document.getElementById("connect-link-template");

  function field(name) {
    return pane.querySelector('[data-field="' + name + '"]');
  }

  function statusClass(c) {
    if (c.expired) return "status status-bad";
    if (c.status === "Awaiting Authorisation") return "status status-wait";
    return "status status-ok";
  }

  function draw(c) {
    field("name").textContent = c.name;
    field("marketplace").textContent = c.marketplace;
    field("seller_id").textContent = c.seller_id || "";

    var status = field("status").querySelector(".status");
    status.className = statusClass(c);
    status.textContent = c.status;

    var time = field("expiry").querySelector("time");
    time.setAttribute("datetime", c.expiry_iso || "");
    time.textContent = c.expiry;

    var actions = pane.querySelector("[data-actions]");
    var poll = actions.querySelector("[data-poll]");
    var oldConnect = actions.querySelector("[data-connect]");
    if (oldConnect) {
      // The link is followed by a space text node in the server's markup: remove both.
      if (oldConnect.nextSibling && oldConnect.nextSibling.nodeType === 3) oldConnect.nextSibling.remove();
      oldConnect.remove();
    }
    if (c.show_connect && c.connect_url) {
      var fragment = connectTemplate.content.cloneNode(true);
      fragment.querySelector("[data-connect]").setAttribute("href", c.connect_url);
      actions.insertBefore(fragment, poll);
    }
    poll.setAttribute("href", c.poll_url);

    links.forEach(function (a) {
      if (a.getAttribute("data-channel-id") === String(c.id)) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    });
  }

  function currentId() {
    var wanted = new URL(window.location.href).searchParams.get("channel");
    if (wanted !== null && byId[wanted]) return wanted;
    return channels.length ? String(channels[0].id) : null;
  }

  links.forEach(function (a) {
    a.addEventListener("click", function (e) {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      var id = a.getAttribute("data-channel-id");
      var c = byId[id];
      if (!c) return; // let the browser load the address
      e.preventDefault();
      if (id !== currentId()) {
        var url = new URL(window.location.href);
        url.searchParams.set("channel", id);
        window.history.pushState({ channel: id }, "", url.toString());
      }
      draw(c);
    });
  });

  window.addEventListener("popstate", function () {
    var id = currentId();
    if (id !== null) draw(byId[id]);
  });
})();
