/* HECT "chips" front end: tabs with fetched panels, platform chips over one channel table,
   the Connect Channel confirmation and the Order Poll side sheet. No framework, no build. */
(function () {
  'use strict';

  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var wait = function (ms) { return new Promise(function (r) { setTimeout(r, ms); }); };
  var STALE_AFTER = 8 * 60 * 1000; // consent links are good for 10 minutes

  function fetchDoc(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (res) { return res.text(); })
      .then(function (text) { return new DOMParser().parseFromString(text, 'text/html'); });
  }

  function fetchChannels(api) {
    var out = null;
    function page(n) {
      var url = api + (api.indexOf('?') < 0 ? '?' : '&') + 'page=' + n;
      return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (res) {
          if (res.status === 401) { location.reload(); throw new Error('signed out'); }
          if (!res.ok) throw new Error('HTTP ' + res.status);
          return res.json();
        })
        .then(function (data) {
          if (!out) out = { label: data.label, rows: [] };
          out.rows = out.rows.concat(data.rows || []);
          return data.page < data.pages ? page(n + 1) : out;
        });
    }
    return page(1);
  }

  /* ---------------------------------------------------------------- tabs */
  var tablist = $('[data-tabs]');
  function allTabs() { return tablist ? $$('[role="tab"]', tablist) : []; }
  function panelOf(tab) { return document.getElementById(tab.getAttribute('aria-controls')); }
  function selectedTab() { return allTabs().filter(function (t) { return t.getAttribute('aria-selected') === 'true'; })[0]; }

  function markSelected(tab) {
    allTabs().forEach(function (t) {
      var on = t === tab;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
      panelOf(t).hidden = !on;
    });
    var name = tab.textContent.trim();
    document.title = (name === 'Company' ? 'Settings' : name + ' · Settings') + ' · HECT';
  }

  function chooseTab(tab, opts) {
    opts = opts || {};
    if (tab.getAttribute('aria-selected') === 'true' && !opts.force) return Promise.resolve();
    markSelected(tab);
    if (opts.push) history.pushState({ tab: tab.id }, '', opts.url || tab.dataset.src);
    return loadPanel(panelOf(tab), tab.dataset.src, opts.filter || '');
  }

  function loadPanel(panel, src, filter) {
    var token = String(Date.now() + Math.random());
    panel.dataset.token = token;
    panel.setAttribute('aria-busy', 'true');
    panel.innerHTML = '<div class="panel-loading"><span class="spinner" aria-hidden="true"></span><span class="sr-only">Loading…</span></div>';
    return Promise.all([fetchDoc(src), wait(350)]).then(function (got) {
      if (panel.dataset.token !== token) return;
      var fresh = got[0].getElementById(panel.id);
      if (!fresh || !fresh.innerHTML.trim()) { location.assign(src); return; }
      panel.innerHTML = fresh.innerHTML;
      panel.removeAttribute('aria-busy');
      var root = $('[data-channels]', panel);
      if (root) { root.dataset.filter = filter; return initChannels(root); }
    }).catch(function () {
      if (panel.dataset.token !== token) return;
      panel.removeAttribute('aria-busy');
      panel.innerHTML = '<p class="panel-error">This section could not be loaded. <a href="' + src + '">Try again</a></p>';
    });
  }

  if (tablist) {
    tablist.addEventListener('keydown', function (e) {
      var tabs = allTabs();
      var i = tabs.indexOf(document.activeElement);
      if (i < 0) return;
      var next = null;
      if (e.key === 'ArrowRight') next = tabs[(i + 1) % tabs.length];
      else if (e.key === 'ArrowLeft') next = tabs[(i - 1 + tabs.length) % tabs.length];
      else if (e.key === 'Home') next = tabs[0];
      else if (e.key === 'End') next = tabs[tabs.length - 1];
      if (!next) return;
      e.preventDefault();
      next.focus();
      chooseTab(next, { push: true });
    });
  }

  window.addEventListener('popstate', function () {
    var path = location.pathname;
    var tab = allTabs().filter(function (t) { return t.dataset.src === path; })[0];
    var salesTab = $('#tab-sales-channels');
    if (tab) {
      if (tab === selectedTab() && tab === salesTab) {
        var root = $('[data-channels]', panelOf(tab));
        if (root) { applyFilter(root, ''); return; }
      }
      chooseTab(tab, { force: tab !== selectedTab() });
      return;
    }
    var chip = $$('[data-chip]').filter(function (c) { return c.dataset.href === path; })[0];
    if (chip && salesTab && salesTab === selectedTab()) {
      applyFilter(chip.closest('[data-channels]'), chip.dataset.platform);
      return;
    }
    location.reload();
  });

  /* ------------------------------------------------- sales channels panel */
  function initChannels(root) {
    if (root.dataset.ready) return Promise.resolve();
    root.dataset.ready = '1';
    var chain = Promise.resolve();
    var box = $('[data-chips]', root);
    if (box && box.dataset.from && !root.hasAttribute('data-static')) {
      chain = fetchDoc(box.dataset.from).then(function (doc) {
        mergeChips(box, doc.querySelector('[data-chips]'));
        var install = $('[data-install]', root);
        var fresh = doc.querySelector('[data-install]');
        if (install && fresh) install.innerHTML = fresh.innerHTML;
        delete box.dataset.from;
      }).catch(function () { /* keep the one chip we have */ });
    }
    return chain
      .then(function () { return root.hasAttribute('data-static') ? null : loadRows(root, false); })
      .then(function () { applyFilter(root, root.dataset.filter || ''); });
  }

  /* The channel list page has only its own chip: add the others around it, keeping it. */
  function mergeChips(box, fresh) {
    if (!fresh) return;
    var mine = {};
    $$('[data-chip]', box).forEach(function (c) { mine[c.dataset.platform] = c; });
    var frag = document.createDocumentFragment();
    Array.prototype.slice.call(fresh.childNodes).forEach(function (node) {
      var key = node.nodeType === 1 && node.dataset && node.dataset.platform;
      if (key && mine[key]) {
        Array.prototype.slice.call(node.attributes).forEach(function (a) {
          if (a.name !== 'aria-pressed') mine[key].setAttribute(a.name, a.value);
        });
        mine[key].innerHTML = node.innerHTML;
        frag.appendChild(mine[key]);
        delete mine[key];
      } else if (node.nodeType === 1 && node.id && document.getElementById(node.id)) {
        frag.appendChild(document.getElementById(node.id));
      } else {
        frag.appendChild(document.importNode(node, true));
      }
    });
    box.replaceChildren(frag);
  }

  function loadRows(root, reload) {
    var table = $('[data-channel-table]', root);
    var tbody = table.tBodies[0];
    var tpl = $('template[data-row]', root);
    var chips = $$('[data-chip]', root).filter(function (c) { return c.dataset.api && !c.disabled; });
    var order = chips.map(function (c) { return c.dataset.platform; });
    var have = reload ? [] : (table.dataset.loaded || '').split(/\s+/).filter(Boolean);
    var todo = chips.filter(function (c) { return have.indexOf(c.dataset.platform) < 0; });
    if (!root.dataset.loadedAt) root.dataset.loadedAt = String(Date.now());
    return Promise.all(todo.map(function (c) { return fetchChannels(c.dataset.api); })).then(function (results) {
      if (reload) $$('tr[data-platform]', tbody).forEach(function (tr) { tr.remove(); });
      todo.forEach(function (chip, k) {
        var idx = order.indexOf(chip.dataset.platform);
        var before = $$('tr[data-platform]', tbody).filter(function (tr) {
          return order.indexOf(tr.dataset.platform) > idx;
        })[0] || $('[data-empty]', tbody);
        results[k].rows.forEach(function (r) { tbody.insertBefore(rowFrom(tpl, r, results[k].label), before); });
      });
      table.dataset.loaded = order.join(' ');
      if (todo.length) root.dataset.loadedAt = String(Date.now());
      var loading = $('[data-loading]', tbody);
      if (loading) loading.remove();
    }).catch(function () {
      var loading = $('[data-loading]', tbody);
      if (loading) loading.cells[0].textContent = 'Channels could not be loaded. Reload the page to try again.';
    });
  }

  function rowFrom(tpl, r, label) {
    var tr = tpl.content.firstElementChild.cloneNode(true);
    tr.dataset.platform = r.platform;
    tr.dataset.id = r.id;
    var put = function (key, text) { var el = $('[data-f="' + key + '"]', tr); if (el) el.textContent = text; };
    put('label', label);
    put('name', r.name);
    put('marketplace', r.marketplace);
    put('seller_id', r.seller_id || '');
    put('status', r.status);
    put('expiry', r.expiry || '');
    var badge = $('[data-f="status"]', tr);
    badge.className = 'status ' + (r.expired ? 'bad' : (r.status === 'Connected' ? 'ok' : 'wait'));
    var connect = $('[data-connect]', tr);
    if (r.show_connect && r.connect_url) {
      connect.dataset.connect = r.connect_url;
      connect.dataset.name = r.name;
      connect.dataset.label = label;
      connect.dataset.expired = r.expired ? 'true' : 'false';
    } else if (connect) {
      var gap = connect.nextSibling;
      if (gap && gap.nodeType === 3) gap.remove();
      connect.remove();
    }
    var poll = $('[data-poll]', tr);
    poll.dataset.poll = r.poll_url;
    poll.dataset.name = r.name;
    return tr;
  }

  function applyFilter(root, filter) {
    if (!root) return;
    root.dataset.filter = filter || '';
    $$('[data-chip]', root).forEach(function (c) {
      c.setAttribute('aria-pressed', String(!!filter && c.dataset.platform === filter));
    });
    var shown = 0;
    $$('tr[data-platform]', root).forEach(function (tr) {
      var on = !filter || tr.dataset.platform === filter;
      tr.hidden = !on;
      if (on) shown += 1;
    });
    var empty = $('[data-empty]', root);
    var loading = $('[data-loading]', root);
    if (empty) empty.hidden = shown > 0 || !!loading;
  }

  function pressChip(chip) {
    var root = chip.closest('[data-channels]');
    var wasOn = chip.getAttribute('aria-pressed') === 'true';
    var filter = wasOn ? '' : chip.dataset.platform;
    applyFilter(root, filter);
    var url = filter ? chip.dataset.href : root.dataset.home;
    if (url && url !== location.pathname) history.pushState({ filter: filter }, '', url);
  }

  /* ------------------------------------------- Connect Channel confirmation */
  var confirmBox = $('#connect-dialog');
  var pending = null;

  function askConnect(btn) {
    if (!confirmBox) { location.assign(btn.dataset.connect); return; }
    pending = btn;
    $('[data-f="verb"]', confirmBox).textContent = btn.dataset.expired === 'false' ? 'Connect' : 'Reconnect';
    $('[data-f="name"]', confirmBox).textContent = btn.dataset.name;
    $('[data-f="label"]', confirmBox).textContent = btn.dataset.label;
    confirmBox.showModal();
    $('[data-dialog-continue]', confirmBox).focus();
  }

  function popupFeatures() {
    var w = 520, h = 700;
    var left = Math.max(0, (window.screenX || 0) + (window.outerWidth - w) / 2);
    var top = Math.max(0, (window.screenY || 0) + (window.outerHeight - h) / 2);
    return 'popup=yes,width=' + w + ',height=' + h + ',left=' + Math.round(left) + ',top=' + Math.round(top);
  }

  function watchPopup(win, root) {
    if (!win) return;
    var timer = setInterval(function () {
      if (!win.closed) return;
      clearInterval(timer);
      if (root && root.isConnected) {
        loadRows(root, true).then(function () { applyFilter(root, root.dataset.filter || ''); });
      } else if (!root) {
        location.reload();
      }
    }, 800);
  }

  function continueConnect() {
    var btn = pending;
    pending = null;
    confirmBox.close();
    if (!btn) return;
    var root = btn.closest('[data-channels]');
    var stale = root && Date.now() - Number(root.dataset.loadedAt || 0) > STALE_AFTER;
    if (!stale) {
      var win = window.open(btn.dataset.connect, 'hect-connect', popupFeatures());
      if (!win) { location.assign(btn.dataset.connect); return; }
      watchPopup(win, root);
      return;
    }
    // The consent link has gone stale: open the window now, fetch a fresh link, then go.
    var id = btn.closest('tr').dataset.id;
    var platform = btn.closest('tr').dataset.platform;
    var blank = window.open('about:blank', 'hect-connect', popupFeatures());
    loadRows(root, true).then(function () {
      applyFilter(root, root.dataset.filter || '');
      var row = $$('tr[data-platform="' + platform + '"]', root).filter(function (tr) { return tr.dataset.id === id; })[0];
      var fresh = row && $('[data-connect]', row);
      if (!fresh) { if (blank) blank.close(); return; }
      if (blank) { blank.location.href = fresh.dataset.connect; watchPopup(blank, root); }
      else location.assign(fresh.dataset.connect);
    });
  }

  if (confirmBox) {
    $('[data-dialog-cancel]', confirmBox).addEventListener('click', function () { pending = null; confirmBox.close(); });
    $('[data-dialog-continue]', confirmBox).addEventListener('click', continueConnect);
  }

  /* -------------------------------------------------- Order Poll side sheet */
  var sheet = $('#poll-panel');

  function openPoll(btn) {
    if (!sheet) { location.assign(btn.dataset.poll); return; }
    var form = $('[data-poll-form]', sheet);
    form.action = btn.dataset.poll;
    $('[data-f="name"]', sheet).textContent = btn.dataset.name;
    var input = $('input[name="since"]', form);
    input.value = '';
    sheet.showModal();
    input.focus();
  }

  if (sheet) {
    $('[data-sheet-close]', sheet).addEventListener('click', function () { sheet.close(); });
    sheet.addEventListener('click', function (e) { if (e.target === sheet) sheet.close(); });
    $('[data-poll-form]', sheet).addEventListener('submit', function (e) {
      var btn = $('button[type="submit"]', e.target);
      btn.disabled = true;
      btn.classList.add('busy');
    });
  }

  /* ------------------------------------------------------------- clicks */
  document.addEventListener('click', function (e) {
    var t = e.target.closest ? e.target : e.target.parentElement;
    if (!t) return;
    var tab = t.closest('[role="tab"]');
    if (tab && tablist && tablist.contains(tab)) { chooseTab(tab, { push: true }); return; }
    var chip = t.closest('[data-chip]');
    if (chip && !chip.disabled) { pressChip(chip); return; }
    var connect = t.closest('[data-connect]');
    if (connect) { e.preventDefault(); askConnect(connect); return; }
    var poll = t.closest('[data-poll]');
    if (poll) { e.preventDefault(); openPoll(poll); }
  });

  /* A panel drawn by the server on arrival (e.g. opening Sales Channels directly). */
  $$('[role="tabpanel"]:not([hidden]) [data-channels], main > [data-channels]').forEach(initChannels);
})();
