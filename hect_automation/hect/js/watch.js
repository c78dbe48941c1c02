// Installed in every HECT document before its own scripts run: notes when the page last
// changed (its DOM, light or shadow) and how many fetches are in flight, so that a reader can
// wait for the page to settle on those events instead of sleeping.
(() => {
  if (window.__hectWatch) return;
  const watch = window.__hectWatch = {last: performance.now(), inflight: 0, observed: new WeakSet(), scrollAware: false};
  // Waiters are woken on every change and every fetch that ends (see whenSettled).
  const waiters = new Set();
  const wake = () => { for (const waiter of [...waiters]) waiter(); };
  const touch = () => { watch.last = performance.now(); wake(); };
  const obs = new MutationObserver(touch);
  watch.observe = root => {
    if (!watch.observed.has(root)) { watch.observed.add(root); obs.observe(root, {childList: true, subtree: true, characterData: true}); }
  };
  watch.observe(document);
  const origAttach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = origAttach.call(this, init);
    if (init && init.mode === 'open') watch.observe(root);
    return root;
  };
  const origFetch = window.fetch;
  if (origFetch) window.fetch = function (...args) {
    watch.inflight++;
    return origFetch.apply(this, args).finally(() => { watch.inflight--; touch(); });
  };
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    watch.inflight++;
    this.addEventListener('loadend', () => { watch.inflight--; touch(); }, {once: true});
    return send.apply(this, args);
  };
  // A page that draws more as it is scrolled must listen for scrolling: note if it does.
  const IO = window.IntersectionObserver;
  if (IO) window.IntersectionObserver = class extends IO {
    constructor(...args) { super(...args); watch.scrollAware = true; }
  };
  const listen = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, ...rest) {
    if (type === 'scroll' || type === 'wheel') watch.scrollAware = true;
    return listen.call(this, type, ...rest);
  };
  // Settled: nothing in flight, and either no change since the load event (a page drawn by
  // the server) or none for quietMs (a page still drawing itself).
  watch.settled = quietMs => {
    if (watch.inflight > 0) return false;
    const nav = performance.getEntriesByType('navigation')[0];
    if (document.readyState === 'complete' && nav && nav.loadEventEnd && watch.last <= nav.loadEventEnd) return true;
    return performance.now() - watch.last >= quietMs;
  };
  // The same as promises, resolved by the page's own events: a change, a fetch ending, the
  // load event, or the end of the quiet window a change opened. Nothing runs in between.
  const until = test => new Promise(resolve => {
    let timer = 0;
    const check = () => {
      clearTimeout(timer);
      const wait = test();
      if (wait === true) { waiters.delete(check); removeEventListener('load', check); resolve(true); }
      else if (wait > 0) timer = setTimeout(check, wait);
    };
    waiters.add(check);
    addEventListener('load', check);
    check();
  });
  watch.whenSettled = quietMs => until(() => {
    if (watch.settled(quietMs)) return true;
    return watch.inflight > 0 ? 0 : quietMs - (performance.now() - watch.last) + 1;
  });
  watch.whenChanged = since => until(() => watch.last > since || 0);
})();
