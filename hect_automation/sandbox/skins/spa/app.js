/*
 * HECT web app.
 *
 * Every signed-in page carries #hect-env (who is signed in, where things are). The app shell
 * (dashboard, settings, sales channels, channel pages) also carries #hect-boot: the hash route
 * it stands for and the data the server drew it with. This script:
 *   - runs the hamburger menu and the "What's new" announcement on every signed-in page;
 *   - on the shell, draws each screen client-side from the hash route.
 */
(function () {
  "use strict";

  // ---------------------------------------------------------------------------------------
  // Small helpers
  // ---------------------------------------------------------------------------------------
  function h(tag, attrs) {
    var el = document.createElement(tag);
    var key;
    attrs = attrs || {};
    for (key in attrs) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") el.className = value;
      else if (key.slice(0, 2) === "on" && typeof value === "function") el.addEventListener(key.slice(2), value);
      else if (value === true) el.setAttribute(key, "");
      else el.setAttribute(key, String(value));
    }
    var children = Array.prototype.slice.call(arguments, 2);
    append(el, children);
    return el;
  }

  function append(el, children) {
    children.forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      if (Array.isArray(child)) append(el, child);
      else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    });
  }

  function readJson(id, doc) {
    var el = (doc || document).getElementById(id);
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  function sleep(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  var env = readJson("hect-env");
  var boot = readJson("hect-boot");
  if (!env) return; // signed out: nothing to do
  var urls = env.urls;

  function platformUrl(template, platform) {
    return template.replace("{platform}", encodeURIComponent(platform));
  }

  function currentRoute() {
    var route = location.hash.replace(/^#/, "");
    return route || "/";
  }

  // ---------------------------------------------------------------------------------------
  // Menu (hamburger + drawer)
  // ---------------------------------------------------------------------------------------
  var menuButton = document.getElementById("menu-toggle");
  var drawer = document.getElementById("drawer");
  var scrim = document.getElementById("drawer-scrim");

  function setMenu(open, returnFocus) {
    if (!menuButton) return;
    menuButton.setAttribute("aria-expanded", open ? "true" : "false");
    drawer.hidden = !open;
    scrim.hidden = !open;
    if (open) {
      var first = drawer.querySelector("a");
      if (first) first.focus();
    } else if (returnFocus) {
      menuButton.focus();
    }
  }

  function markCurrentLink() {
    if (!drawer) return;
    var onShell = !!boot;
    var route = currentRoute();
    drawer.querySelectorAll("a").forEach(function (a) {
      var target = a.getAttribute("data-route");
      var current = false;
      if (onShell && target) {
        current = target === "/" ? route === "/" : route === target || route.indexOf(target + "/") === 0 ||
          (target === "/settings" && route.indexOf("/channels/") === 0);
      } else if (!onShell && !target) {
        current = a.pathname === location.pathname;
      }
      if (current) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    });
  }

  if (menuButton && drawer && scrim) {
    menuButton.addEventListener("click", function () {
      setMenu(menuButton.getAttribute("aria-expanded") !== "true");
    });
    scrim.addEventListener("click", function () { setMenu(false); });
    drawer.addEventListener("click", function (event) {
      if (event.target.closest("a")) setMenu(false);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menuButton.getAttribute("aria-expanded") === "true") setMenu(false, true);
    });
    window.addEventListener("hashchange", function () { setMenu(false); markCurrentLink(); });
    markCurrentLink();
  }

  // ---------------------------------------------------------------------------------------
  // "What's new" announcement: once per browser session
  // ---------------------------------------------------------------------------------------
  var ANNOUNCEMENT_KEY = "hect.announcement.whats-new-2026-11";

  function announcementSeen() {
    try { return sessionStorage.getItem(ANNOUNCEMENT_KEY) === "seen"; } catch (e) { return true; }
  }

  function showAnnouncement() {
    if (announcementSeen() || document.querySelector(".modal-backdrop")) return;
    var behind = Array.prototype.filter.call(document.body.children, function (el) { return el.tagName !== "SCRIPT"; });
    var previous = document.activeElement;
    var gotIt = h("button", { type: "button", class: "btn btn-primary" }, "Got it");
    var dialog = h("div", {
      class: "modal", role: "dialog", "aria-modal": "true",
      "aria-labelledby": "whats-new-title", "aria-describedby": "whats-new-intro"
    },
      h("div", { class: "modal-art", "aria-hidden": "true" }, "\u2726"),
      h("div", { class: "modal-body" },
        h("h2", { id: "whats-new-title" }, "What's new in HECT"),
        h("p", { id: "whats-new-intro" }, "We've rebuilt HECT to be faster and easier to find your way around."),
        h("ul", null,
          h("li", null, "The main menu now sits behind the Menu button at the top left of every screen."),
          h("li", null, "Reconnecting a sales channel opens the marketplace sign-in in a pop-up window, so you never lose your place."),
          h("li", null, "Order polls are confirmed straight away, without reloading the page.")
        )
      ),
      h("div", { class: "modal-actions" }, gotIt)
    );
    var backdrop = h("div", { class: "modal-backdrop" }, dialog);

    function close() {
      try { sessionStorage.setItem(ANNOUNCEMENT_KEY, "seen"); } catch (e) { /* private mode */ }
      backdrop.remove();
      behind.forEach(function (el) { el.inert = false; });
      document.body.classList.remove("modal-open");
      if (previous && previous.focus && document.contains(previous)) previous.focus();
    }

    gotIt.addEventListener("click", close);
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); close(); }
      if (event.key === "Tab") { event.preventDefault(); gotIt.focus(); } // the only control
    });
    behind.forEach(function (el) { el.inert = true; });
    setMenu(false);
    document.body.classList.add("modal-open");
    document.body.append(backdrop);
    gotIt.focus();
  }

  if (!announcementSeen()) setTimeout(showAnnouncement, 400);

  // ---------------------------------------------------------------------------------------
  // The rest runs on the app shell only
  // ---------------------------------------------------------------------------------------
  var app = document.getElementById("app");
  if (!boot || !app) return;

  // A server address opened directly (e.g. /settings): carry on inside the app at its route.
  if (boot.route) {
    var wanted = urls.home + "#" + boot.route;
    if (location.pathname !== urls.home) history.replaceState(null, "", wanted);
    else if (!location.hash) history.replaceState(null, "", wanted);
  }
  var initial = boot.route ? { route: currentRoute() === boot.route ? boot.route : null, data: boot.data } : null;

  function SignedOut() { this.name = "SignedOut"; }

  // Data the server drew a shell page with (for screens that have no JSON API of their own).
  function getPageData(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } }).then(function (res) {
      if (res.redirected && new URL(res.url).pathname === urls.login) throw new SignedOut();
      if (!res.ok) throw new Error("HTTP " + res.status);
      return res.text();
    }).then(function (text) {
      var doc = new DOMParser().parseFromString(text, "text/html");
      var data = readJson("hect-boot", doc);
      if (!data) throw new SignedOut();
      return data.data;
    });
  }

  var rows = {};   // "platform/id" -> the last row the API gave for that channel
  var labels = {}; // platform -> its label ("Amazon")

  function getChannels(platform, page) {
    var url = platformUrl(urls.api, platform) + "?page=" + (page || 1);
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (res) {
      if (res.status === 401) throw new SignedOut();
      if (!res.ok) throw new Error("HTTP " + res.status);
      return res.json();
    }).then(function (data) {
      labels[platform] = data.label;
      data.rows.forEach(function (row) { rows[row.platform + "/" + row.id] = row; });
      return data;
    });
  }

  function findRow(platform, id) {
    var key = platform + "/" + id;
    if (rows[key]) return Promise.resolve(rows[key]);
    function page(n) {
      return getChannels(platform, n).then(function (data) {
        if (rows[key]) return rows[key];
        return data.page < data.pages ? page(data.page + 1) : null;
      });
    }
    return page(1);
  }

  // ---------------------------------------------------------------------------------------
  // Router
  // ---------------------------------------------------------------------------------------
  var routes = [
    [/^\/$/, screenDashboard],
    [/^\/settings\/?$/, screenSettings],
    [/^\/settings\/sales-channels\/?$/, screenSalesChannels],
    [/^\/channels\/([A-Za-z0-9_-]+)\/?$/, screenChannelList],
    [/^\/channels\/([A-Za-z0-9_-]+)\/(\d+)\/?$/, screenChannel]
  ];
  var renderCount = 0;

  function render(moveFocus) {
    var route = currentRoute();
    var token = ++renderCount;
    var ctx = {
      route: route,
      stale: function () { return token !== renderCount; },
      show: function (title) {
        if (token !== renderCount) return false;
        document.title = title + " \u00b7 HECT";
        app.replaceChildren();
        append(app, Array.prototype.slice.call(arguments, 1));
        return true;
      }
    };
    var handler = screenNotFound;
    var params = [];
    for (var i = 0; i < routes.length; i++) {
      var match = route.match(routes[i][0]);
      if (match) { handler = routes[i][1]; params = match.slice(1); break; }
    }
    var data = initial && initial.route === route ? initial.data : null;
    initial = null;
    return Promise.resolve()
      .then(function () { return handler.apply(null, [ctx, data].concat(params)); })
      .catch(function (err) {
        if (ctx.stale()) return;
        if (err instanceof SignedOut) { location.reload(); return; }
        ctx.show("Something went wrong",
          h("div", { class: "alert alert-error", role: "alert" },
            h("p", null, "HECT could not load this screen. Check your connection and try again. ",
              h("button", { type: "button", class: "btn-link", onclick: function () { render(true); } }, "Try again"))));
      })
      .then(function () {
        markCurrentLink();
        if (moveFocus && !ctx.stale()) {
          var heading = app.querySelector("h1");
          if (heading) { heading.tabIndex = -1; heading.focus(); }
        }
      });
  }

  window.addEventListener("hashchange", function () { render(true); });

  // Back from the marketplace's pop-up: redraw whatever is showing.
  var connectNotice = null;
  window.addEventListener("message", function (event) {
    if (event.origin !== location.origin || !event.data || event.data.type !== "hect:channel-connected") return;
    connectNotice = event.data.name + " is connected.";
    render(false);
  });

  // ---------------------------------------------------------------------------------------
  // Pieces shared by screens
  // ---------------------------------------------------------------------------------------
  function crumbs(items) {
    return h("nav", { class: "crumbs", "aria-label": "Breadcrumb" },
      h("ol", null, items.map(function (item, i) {
        var last = i === items.length - 1;
        return h("li", null, last ? h("span", { "aria-current": "page" }, item[0]) : h("a", { href: item[1] }, item[0]));
      })));
  }

  function head(title, subtitle) {
    return h("header", { class: "screen-head" }, h("h1", null, title), subtitle ? h("p", null, subtitle) : null);
  }

  function loading(text) {
    return h("div", { class: "screen-loading", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), text);
  }

  function statusPill(row) {
    var kind = row.status === "Connected" ? "pill-good" : row.expired ? "pill-bad" : "pill-pending";
    return h("span", { class: "pill " + kind }, row.status);
  }

  function line(label, value) {
    return h("p", null, h("span", { class: "k" }, label + ":"), " ", value);
  }

  function channelFacts(row) {
    return [
      line("Marketplace", row.marketplace),
      line("Seller ID", row.seller_id || "\u2014"),
      line("Status", statusPill(row)),
      line("Token expiry", row.expiry)
    ];
  }

  var popupTimer = null;

  // The yellow button: the marketplace's consent page in a pop-up window.
  function connectButton(row, say) {
    return h("button", {
      type: "button", class: "btn btn-connect",
      onclick: function () {
        var popup = window.open(row.connect_url, "hect-connect",
          "popup=yes,width=560,height=760,left=" + Math.max(0, screenX + 80) + ",top=" + Math.max(0, screenY + 60));
        if (!popup) {
          say("warn", h("p", null, "Your browser blocked the pop-up window. ",
            h("a", { href: row.connect_url, target: "_blank", rel: "opener" }, "Open the " + (labels[row.platform] || "marketplace") + " sign-in page"),
            " instead."));
          return;
        }
        try { popup.focus(); } catch (e) { /* ignore */ }
        say("info", h("p", null, "Finish connecting " + row.name + " in the pop-up window. This page updates when you are done."));
        clearInterval(popupTimer);
        popupTimer = setInterval(function () {
          if (popup.closed) { clearInterval(popupTimer); popupTimer = null; render(false); }
        }, 800);
      }
    }, "Connect Channel");
  }

  function messageArea() {
    var area = h("div", { class: "messages" });
    function say(kind, content) {
      area.replaceChildren(h("div", { class: "alert alert-" + kind, role: "status" }, content));
    }
    if (connectNotice) { say("success", h("p", null, connectNotice)); connectNotice = null; }
    return { el: area, say: say };
  }

  // ---------------------------------------------------------------------------------------
  // Screens
  // ---------------------------------------------------------------------------------------
  function screenDashboard(ctx, data) {
    var ready = data ? Promise.resolve(data) : (ctx.show("Dashboard", head("Dashboard"), loading("Loading your dashboard\u2026")), getPageData(urls.home));
    return ready.then(function (d) {
      var n = d.expired.length;
      ctx.show("Dashboard",
        head("Dashboard", "Welcome back to " + env.account + "."),
        n ? h("div", { class: "alert alert-warn", role: "status" },
          h("p", null,
            plural(n, "sales channel") + " need" + (n === 1 ? "s" : "") + " reconnecting: " + d.expired.join(", ") + ". ",
            h("a", { href: "#/settings/sales-channels" }, "Go to Sales Channels"))) : null,
        h("div", { class: "tiles" },
          h("section", { class: "tile" },
            h("div", { class: "tile-label" }, "Orders imported"),
            h("div", { class: "tile-value" }, String(d.imported)),
            h("a", { href: urls.orders }, "View orders")),
          h("section", { class: "tile" },
            h("div", { class: "tile-label" }, "Channels needing attention"),
            h("div", { class: "tile-value" }, String(n)),
            h("a", { href: "#/settings/sales-channels" }, "Manage sales channels")),
          h("section", { class: "tile" },
            h("div", { class: "tile-label" }, "Account"),
            h("p", null, env.account),
            h("a", { href: "#/settings" }, "Open Settings")))
      );
    });
  }

  function settingsItem(icon, href, title, text) {
    return h("li", { class: "settings-item" },
      h("span", { class: "settings-icon", "aria-hidden": "true" }, icon),
      h("div", null, h("a", { href: href }, title), h("p", null, text)),
      h("span", { class: "chev", "aria-hidden": "true" }, "\u203a"));
  }

  function screenSettings(ctx) {
    ctx.show("Settings",
      crumbs([["Dashboard", "#/"], ["Settings"]]),
      head("Settings", "Manage how HECT works for " + env.account + "."),
      h("ul", { class: "settings-list" },
        settingsItem("\u21c4", "#/settings/sales-channels", "Sales Channels", "Connect marketplaces such as Amazon and eBay, and renew their access."),
        settingsItem("\u263a", urls.users, "Users", "Who can sign in to HECT."),
        settingsItem("\u2691", urls.shipping_rules, "Shipping Rules", "Choose couriers and services automatically."))
    );
  }

  function screenSalesChannels(ctx, data) {
    var title = "Sales Channels";
    var top = [crumbs([["Dashboard", "#/"], ["Settings", "#/settings"], [title]]),
      head(title, "Marketplaces and web shops that send orders to HECT.")];
    var ready = data ? Promise.resolve(data) : (ctx.show(title, top, loading("Loading sales channels\u2026")), getPageData(urls.sales_channels));
    return ready.then(function (d) {
      d.integrations.forEach(function (i) { labels[i.key] = i.label; });
      ctx.show(title, top,
        h("ul", { class: "integrations" },
          d.integrations.map(function (i) {
            return h("li", { class: "integration" },
              h("div", { class: "integration-top" },
                h("span", { class: "integration-logo", "aria-hidden": "true" }, i.label.charAt(0)),
                h("div", null, h("h2", null, i.label), h("p", null, i.count ? plural(i.count, "channel") : "No channels yet"))),
              h("div", { class: "integration-actions" },
                i.count ? h("a", { class: "btn btn-highlight", href: "#/channels/" + i.key }, i.label) : null,
                h("a", { class: "btn btn-secondary", href: i.install_url }, "Install Channel")));
          }),
          d.others.map(function (label) {
            return h("li", { class: "integration is-unavailable" },
              h("div", { class: "integration-top" },
                h("span", { class: "integration-logo", "aria-hidden": "true" }, label.charAt(0)),
                h("div", null, h("h2", null, label), h("p", null, "Not available on your plan"))),
              h("div", { class: "integration-actions" },
                h("button", { type: "button", class: "btn btn-secondary", disabled: true }, "Install Channel")));
          }))
      );
    });
  }

  function screenChannelList(ctx, data, platform) {
    var page = 1;
    var messages = messageArea();

    function top(label) {
      var title = label ? label + " Channels" : "Channels";
      return [crumbs([["Settings", "#/settings"], ["Sales Channels", "#/settings/sales-channels"], [label || platform]]),
        head(title)];
    }

    function load() {
      var label = labels[platform] || (data && data.label);
      ctx.show(label ? label + " Channels" : "Channels", top(label), messages.el, loading("Loading channels\u2026"));
      return Promise.all([getChannels(platform, page), sleep(400)]).then(function (results) {
        draw(results[0]);
      });
    }

    function draw(d) {
      var cards = d.rows.map(function (row) {
        var kind = row.status === "Connected" ? "" : row.expired ? " attention" : " pending";
        return h("li", { class: "channel-card" + kind },
          h("strong", null, row.name),
          channelFacts(row),
          h("div", { class: "actions" },
            row.show_connect ? connectButton(row, messages.say) : null,
            h("a", { class: "btn btn-secondary", href: "#/channels/" + row.platform + "/" + row.id }, "Order Poll")));
      });
      ctx.show(d.label + " Channels", top(d.label),
        h("div", { class: "toolbar" },
          h("span", { class: "muted" }, plural(d.total, "channel")),
          h("span", { class: "spacer" }),
          h("button", { type: "button", class: "btn btn-secondary", onclick: function () { load(); } }, "Refresh"),
          h("a", { class: "btn btn-primary", href: d.install_url }, "Install Channel")),
        messages.el,
        cards.length ? h("ul", { class: "channel-grid", "aria-label": d.label + " channels" }, cards)
          : h("p", { class: "empty" }, "No " + d.label + " channels yet."),
        d.pages > 1 ? h("div", { class: "pager" },
          h("button", { type: "button", class: "btn btn-secondary", disabled: d.page <= 1, onclick: function () { page = d.page - 1; load(); } }, "Previous"),
          h("span", null, "Page " + d.page + " of " + d.pages),
          h("button", { type: "button", class: "btn btn-secondary", disabled: d.page >= d.pages, onclick: function () { page = d.page + 1; load(); } }, "Next")) : null
      );
    }

    return load();
  }

  function pollsTable(polls) {
    if (!polls.length) return h("p", { class: "muted" }, "No order polls yet.");
    return h("table", null,
      h("thead", null, h("tr", null, h("th", null, "From"), h("th", null, "Requested"), h("th", null, "Progress"))),
      h("tbody", null, polls.map(function (p) {
        return h("tr", null, h("td", null, p.since), h("td", null, p.requested),
          h("td", null, p.done ? "Complete: " + plural(p.imported, "order") + " imported" : "In progress"));
      })));
  }

  function exampleDate() {
    var d = new Date(Date.now() - 24 * 3600 * 1000);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(d.getDate()) + "/" + two(d.getMonth() + 1) + "/" + d.getFullYear() + " 09:00";
  }

  function screenChannel(ctx, data, platform, id) {
    var ready;
    if (data) {
      ready = Promise.resolve(data);
    } else {
      ctx.show("Channel", crumbs([["Settings", "#/settings"], ["Sales Channels", "#/settings/sales-channels"], [labels[platform] || platform, "#/channels/" + platform]]),
        loading("Loading channel\u2026"));
      ready = findRow(platform, id).then(function (row) {
        if (!row) return null;
        return getPageData(row.page_url);
      });
    }
    return ready.then(function (d) {
      if (!d) return screenNotFound(ctx);
      var row = d.row;
      if (d.label) labels[platform] = d.label;
      var label = labels[platform] || "Channels";
      var messages = messageArea();
      var result = h("div", { class: "poll-result" });
      var pollList = h("div", null, pollsTable(d.polls || []));

      function showResult(ok, text) {
        result.replaceChildren(h("div", { class: "alert " + (ok ? "alert-success" : "alert-error"), role: "alert" }, h("p", null, text)));
      }
      if (d.queued) showResult(true, "Order poll queued for " + row.name + ": HECT will search for orders placed since " + d.queued.since + ", then poll for new orders every 5 minutes.");
      else if (d.error) showResult(false, d.error);

      function refreshPolls() {
        return getPageData(row.page_url).then(function (fresh) {
          pollList.replaceChildren(pollsTable(fresh.polls || []));
        }).catch(function () { /* keep the old list */ });
      }

      var input = h("input", { id: "poll-since", name: "since", type: "text", placeholder: "DD/MM/YYYY HH:MM", autocomplete: "off", required: true, "aria-describedby": "poll-since-hint" });
      var submit = h("button", { type: "submit", class: "btn btn-primary" }, "Start Order Poll");
      var form = h("form", { method: "post", action: row.poll_url, class: "stack", novalidate: true },
        h("input", { type: "hidden", name: "csrf", value: env.csrf }),
        h("div", { class: "field" },
          h("label", { for: "poll-since" }, "Oldest order"),
          input,
          h("span", { class: "hint", id: "poll-since-hint" }, "Day, month, year and 24-hour time, e.g. " + exampleDate() + ". HECT imports every order placed since then.")),
        h("div", null, submit));

      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var since = input.value.trim();
        if (!since) {
          input.setAttribute("aria-invalid", "true");
          showResult(false, "Please enter the date and time of the oldest order to fetch.");
          input.focus();
          return;
        }
        input.removeAttribute("aria-invalid");
        submit.disabled = true;
        submit.textContent = "Starting\u2026";
        fetch(row.poll_url, {
          method: "POST",
          credentials: "same-origin",
          headers: { Accept: "application/json" },
          body: new URLSearchParams({ csrf: env.csrf, since: since })
        }).then(function (res) {
          if (res.status === 401) throw new SignedOut();
          return res.json().catch(function () { return { ok: false, error: "HECT could not start the order poll. Please try again." }; });
        }).then(function (answer) {
          if (answer.ok) {
            showResult(true, answer.message);
            input.value = "";
            return refreshPolls();
          }
          input.setAttribute("aria-invalid", "true");
          showResult(false, answer.error || "HECT could not start the order poll. Please try again.");
        }).catch(function (err) {
          if (err instanceof SignedOut) { location.reload(); return; }
          showResult(false, "HECT could not be reached. Check your connection and try again.");
        }).then(function () {
          submit.disabled = false;
          submit.textContent = "Start Order Poll";
        });
      });

      ctx.show(row.name,
        crumbs([["Settings", "#/settings"], ["Sales Channels", "#/settings/sales-channels"], [label, "#/channels/" + row.platform], [row.name]]),
        head(row.name, label + " channel"),
        messages.el,
        h("div", { class: "split" },
          h("section", { class: "panel", "aria-labelledby": "details-title" },
            h("h2", { id: "details-title" }, "Channel details"),
            h("div", { class: "facts" }, channelFacts(row)),
            row.show_connect ? h("div", { class: "toolbar", style: "margin: 1rem 0 0" }, connectButton(row, messages.say)) : null),
          h("div", null,
            h("section", { class: "panel", "aria-labelledby": "poll-title" },
              h("h2", { id: "poll-title" }, "Order Poll"),
              result,
              form),
            h("section", { class: "panel", "aria-labelledby": "recent-title" },
              h("div", { class: "toolbar" },
                h("h2", { id: "recent-title", style: "margin: 0" }, "Recent order polls"),
                h("span", { class: "spacer" }),
                h("button", { type: "button", class: "btn btn-secondary", onclick: refreshPolls }, "Refresh")),
              pollList)))
      );
    });
  }

  function screenNotFound(ctx) {
    ctx.show("Page not found", head("Page not found", "There is nothing at this address."),
      h("p", null, h("a", { href: "#/" }, "Back to the dashboard")));
  }

  render(false);
})();
