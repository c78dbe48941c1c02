// Whether a click on el would land: null if so; "gone" if it is not shown; else the name
// of what would take it instead (a cookie notice over it), marked data-hect-layer=cover.
// An element outside the viewport is scrolled to first, as a click would.
el => {
  if (!el.isConnected || !(el.checkVisibility ? el.checkVisibility({visibilityProperty: true}) : el.offsetWidth)) return 'gone';
  const box = el.getBoundingClientRect();
  if (box.top < 0 || box.left < 0 || box.bottom > innerHeight || box.right > innerWidth) el.scrollIntoView({block: 'center', inline: 'center'});
  const parentOf = e => e.assignedSlot || e.parentElement || (e.parentNode && e.parentNode.host) || null;
  const r = el.getBoundingClientRect();
  if (!r.width || !r.height) return 'gone';
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return null;
  let hit = el.ownerDocument.elementFromPoint(x, y);
  while (hit && hit.shadowRoot) { const inner = hit.shadowRoot.elementFromPoint(x, y); if (!inner || inner === hit) break; hit = inner; }
  const within = (a, b) => { for (let e = b; e; e = parentOf(e)) if (e === a) return true; return false; };
  if (!hit || within(el, hit) || within(hit, el)) return null;
  let layer = hit;
  for (let e = hit; e && e.tagName !== 'BODY'; e = parentOf(e)) {
    const s = getComputedStyle(e);
    if (/^(fixed|sticky)$/.test(s.position) || e.matches('dialog, [role=dialog], [role=alertdialog], [aria-modal=true]')) layer = e;
  }
  layer.setAttribute('data-hect-layer', 'cover');
  const heading = layer.querySelector('h1, h2, h3, [role=heading]');
  return ((heading && heading.innerText) || layer.innerText || '').replace(/\s+/g, ' ').trim().slice(0, 60);
}
