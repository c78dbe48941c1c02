// Read every channel record a HECT channel list shows (see channels.py for the rules).
// Returns [{kind, name, fields: {label: value}, text, xpath, actions: [{role, name, href}]}].
() => {
  const norm = s => (s || '').replace(/\s+/g, ' ').trim();
  const shown = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const xpath = el => {
    const parts = [];
    for (; el && el.nodeType === 1; el = el.parentElement) {
      let i = 1;
      for (let s = el.previousElementSibling; s; s = s.previousElementSibling)
        if (s.tagName === el.tagName) i++;
      parts.unshift(el.tagName.toLowerCase() + '[' + i + ']');
    }
    return '/' + parts.join('/');
  };
  const actions = el => [...el.querySelectorAll('a[href], button, [role=button], [role=link], input[type=submit], input[type=button]')]
    .filter(shown).map(a => ({
      role: a.getAttribute('role') || (a.tagName === 'A' ? 'link' : 'button'),
      name: norm(a.getAttribute('aria-label') || a.innerText || a.value || a.title),
      href: a.getAttribute('href') || ''}));
  const labelled = el => {
    const out = {};
    const dts = el.querySelectorAll('dt');
    dts.forEach(dt => { const dd = dt.nextElementSibling; if (dd && dd.tagName === 'DD') out[norm(dt.innerText)] = norm(dd.innerText); });
    for (const line of (el.innerText || '').split('\n')) {
      const m = line.match(/^\s*([^:]{2,30}):\s*(.+)$/);
      if (m && !(norm(m[1]) in out)) out[norm(m[1])] = norm(m[2]);
    }
    return out;
  };
  const records = [];
  const rows = [...document.querySelectorAll('tr, [role=row]')].filter(shown);
  for (const row of rows) {
    const cells = [...row.children].filter(c => shown(c));
    const isHeader = cells.every(c => c.tagName === 'TH' || c.getAttribute('role') === 'columnheader');
    if (!cells.length || isHeader) continue;
    const table = row.closest('table, [role=table], [role=grid]');
    const headers = table ? [...table.querySelectorAll('th, [role=columnheader]')].filter(h => h.closest('tr, [role=row]') !== row).map(h => norm(h.innerText)) : [];
    const fields = {};
    cells.forEach((c, i) => { fields[headers[i] || ('column ' + (i + 1))] = norm(c.innerText); });
    records.push({kind: 'row', name: '', fields, text: norm(row.innerText), xpath: xpath(row), actions: actions(row)});
  }
  if (!records.length) {
    const heads = [...document.querySelectorAll('h2, h3, h4, h5, h6, [role=heading]')].filter(shown);
    for (const h of heads) {
      let box = h;
      while (box.parentElement && box.parentElement !== document.body &&
             box.parentElement.querySelectorAll('h2, h3, h4, h5, h6, [role=heading]').length === 1) box = box.parentElement;
      if (box === h) continue;
      records.push({kind: 'card', name: norm(h.innerText), fields: labelled(box), text: norm(box.innerText), xpath: xpath(box), actions: actions(box)});
    }
  }
  return records;
}
