// Installed in every HECT document before its own scripts run: notes when the page last
// changed (its DOM, light or shadow) and how many fetches are in flight, so that a reader can
// wait for the page to settle on those events instead of sleeping.
(() => {
  if (window.__hectWatch) return;
  const watch = window.__hectWatch = {last: performance.now(), inflight: 0, observed: new WeakSet(), scrollAware: false};
  const touch = () => { watch.last = performance.now(); };
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
})();
