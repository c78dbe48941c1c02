// Read every channel record a HECT channel list shows (see channels.py for the rules).
// Returns [{kind, name, fields: {label: value}, text, bare, xpath}]: `bare` is the record's
// text without its links and buttons (a "Reconnect" button is not a status).
() => {
  const norm = s => (s || '').replace(/\s+/g, ' ').trim();
  const shown = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const HEADINGS = 'h2, h3, h4, h5, h6, [role=heading]';
  const CONTROLS = 'a, button, [role=button], [role=link], input, select, textarea';
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
  const bare = el => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll(CONTROLS).forEach(c => c.remove());
    return norm(copy.textContent);
  };
  const labelled = el => {
    const out = {};
    el.querySelectorAll('dt').forEach(dt => {
      const dd = dt.nextElementSibling;
      if (dd && dd.tagName === 'DD') out[norm(dt.innerText)] = norm(dd.innerText);
    });
    for (const line of (el.innerText || '').split('\n')) {
      const m = line.match(/^\s*([^:]{2,30}):\s*(.+)$/);
      if (m && !(norm(m[1]) in out)) out[norm(m[1])] = norm(m[2]);
    }
    return out;
  };
  const records = [];
  const rows = [...document.querySelectorAll('tr, [role=row]')].filter(shown);
  for (const row of rows) {
    const cells = [...row.children].filter(shown);
    const isHeader = cells.every(c => c.tagName === 'TH' || c.getAttribute('role') === 'columnheader');
    if (!cells.length || isHeader) continue;
    const table = row.closest('table, [role=table], [role=grid]');
    const headers = table
      ? [...table.querySelectorAll('th, [role=columnheader]')]
          .filter(h => h.closest('tr, [role=row]') !== row).map(h => norm(h.innerText))
      : [];
    const fields = {};
    cells.forEach((c, i) => { fields[headers[i] || ('column ' + (i + 1))] = norm(c.innerText); });
    records.push({kind: 'row', name: '', fields, text: norm(row.innerText), bare: bare(row), xpath: xpath(row)});
  }
  // Cards: the largest block around a heading that holds no other heading.
  for (const heading of [...document.querySelectorAll(HEADINGS)].filter(shown)) {
    if (heading.closest('tr, [role=row]')) continue;
    let box = heading;
    while (box.parentElement && box.parentElement !== document.body &&
           box.parentElement.querySelectorAll(HEADINGS).length === 1) box = box.parentElement;
    if (box === heading) continue;
    records.push({kind: 'card', name: norm(heading.innerText), fields: labelled(box),
                  text: norm(box.innerText), bare: bare(box), xpath: xpath(box)});
  }
  return records;
}
