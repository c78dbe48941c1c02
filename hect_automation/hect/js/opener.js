// What hides el, and opens it: a closed details, the tab of its hidden panel, the control
// whose aria-controls names a hidden container of el (a table's own controls name the table).
// Marks that control data-hect-opener; returns whether there was one.
el => {
  const parentOf = e => e.assignedSlot || e.parentElement || (e.parentNode && e.parentNode.host) || null;
  const shown = e => e.checkVisibility ? e.checkVisibility({visibilityProperty: true}) : !!e.offsetWidth;
  const mark = e => { e.setAttribute('data-hect-opener', '1'); return true; };
  for (let e = el; e; e = parentOf(e)) {
    if (e.tagName === 'DETAILS' && !e.open) {
      const s = e.querySelector(':scope > summary');
      if (s && shown(s)) return mark(s);
    }
    if (e.id && !shown(e)) {  // only a hidden container is opened by its controller
      const q = '[aria-controls~="' + CSS.escape(e.id) + '"]';
      const opener = e.getRootNode().querySelector(q) || document.querySelector(q);
      if (opener && shown(opener)) return mark(opener);
    }
    const by = e.getAttribute && e.getAttribute('aria-labelledby');
    if (by && e.getAttribute('role') === 'tabpanel' && !shown(e)) {
      const tab = e.getRootNode().getElementById ? e.getRootNode().getElementById(by) : document.getElementById(by);
      if (tab && shown(tab)) return mark(tab);
    }
  }
  return false;
}
