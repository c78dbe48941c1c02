// Blocking layers: open dialogs, and fixed elements covering half the viewport (backdrops),
// except any holding `keep` (what is about to be clicked). Marks each data-hect-layer=N;
// returns their names.
keep => {
  const parentOf = e => e.assignedSlot || e.parentElement || (e.parentNode && e.parentNode.host) || null;
  const out = [];
  const seen = new Set();
  const big = e => { const r = e.getBoundingClientRect(); return r.width * r.height >= 0.5 * innerWidth * innerHeight; };
  const shown = e => e.checkVisibility ? e.checkVisibility({visibilityProperty: true}) : !!e.offsetWidth;
  const fixed = e => /^(fixed|sticky)$/.test(getComputedStyle(e).position);
  // dialogs in open shadow roots too (a consent manager draws its own in one)
  const roots = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const e of roots[i].querySelectorAll('*')) if (e.shadowRoot) roots.push(e.shadowRoot);
  }
  const modal = roots.flatMap(r => [...r.querySelectorAll('dialog[open], [role=dialog], [role=alertdialog], [aria-modal=true]')]);
  const backdrops = [...document.body.children].filter(e => fixed(e) && big(e));
  const holds = e => { for (let k = keep || null; k; k = parentOf(k)) if (k === e) return true; return false; };
  for (const e of [...modal, ...backdrops]) {
    if (!shown(e) || seen.has(e) || holds(e)) continue;
    seen.add(e);
    e.setAttribute('data-hect-layer', String(out.length));
    const heading = e.querySelector('h1, h2, h3, [role=heading]');
    const name = e.getAttribute('aria-label') || (heading && heading.innerText) || e.innerText || '';
    out.push(name.replace(/\s+/g, ' ').trim().slice(0, 60));
  }
  return out;
}
