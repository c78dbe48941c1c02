// The other tabs of a channel list split in tabs (one a marketplace, say). Called with the
// mark of a record shown: if it lies in a tab panel, the tab that shows that panel (it
// controls it, or labels it) and the other tabs of its tab list, by ARIA alone. Marks each
// other tab with data-hect-tab=<n>, and the tab shown with data-hect-tab=shown; returns the
// tabs' names, the shown one first ([]: no tabs).
(mark) => {
  for (const old of document.querySelectorAll('[data-hect-tab]')) old.removeAttribute('data-hect-tab');
  const record = document.querySelector(`[data-hect-record='${CSS.escape(mark)}']`);
  const panel = record && record.closest('[role=tabpanel]');
  if (!panel) return [];
  const root = panel.getRootNode();
  let tab = panel.id ? root.querySelector(`[role=tab][aria-controls~='${CSS.escape(panel.id)}']`) : null;
  const by = (panel.getAttribute('aria-labelledby') || '').split(/\s+/)[0];
  if (!tab && by && root.getElementById) tab = root.getElementById(by);
  const list = tab && tab.closest('[role=tablist]');
  if (!list) return [];
  tab.setAttribute('data-hect-tab', 'shown');
  const others = [...list.querySelectorAll('[role=tab]')]
    .filter(t => t !== tab && t.getAttribute('aria-disabled') !== 'true' && !t.disabled);
  others.forEach((t, i) => t.setAttribute('data-hect-tab', String(i)));
  const name = t => (t.getAttribute('aria-label') || t.textContent || '').replace(/\s+/g, ' ').trim();
  return [tab, ...others].map(name);
}
