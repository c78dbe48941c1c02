// Read the records a page shows: the repeated structure that carries one channel each.
// Called with {vocab, marker}; returns the records as one JSON string (one string crosses to
// Python far faster than thousands of small values). reader.py explains the rules.
// Nothing here knows any site: only HTML and ARIA semantics, layout, and the words in vocab.
({vocab, marker}) => {
  const re = s => new RegExp(s, 'iu');
  const STATUS = re(vocab.status), DATE = re(vocab.date), LABEL = re(vocab.label);
  const ACTION = re(vocab.action), SEP = /[·•|\u2022]+/;
  // Words that are never a name: a marketplace, or a Seller ID's shape (the platform's own
  // pattern, written for Python: one JavaScript cannot read is left out).
  const MARKET = re(vocab.market);
  const SELLER = (() => { try { return new RegExp(vocab.seller); } catch (e) { return /(?!)/; } })();
  const CONTROL_ROLES = /^(button|link|menuitem|tab|option|switch|menuitemradio|menuitemcheckbox)$/;
  const LIST_TAGS = /^(UL|OL|TABLE|TBODY|THEAD|TFOOT)$/;
  const LIST_ROLES = /^(list|grid|table|rowgroup|treegrid|feed|listbox|tablist|menu|tree)$/;
  const STOP_TAGS = /^(BODY|HTML|MAIN|NAV|HEADER|FOOTER|ASIDE|DIALOG|FORM)$/;
  const STOP_ROLES = /^(main|navigation|banner|contentinfo|complementary|dialog|alertdialog|region|application|document|form|search)$/;
  const SKIP = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|SVG|HEAD|SELECT|TEXTAREA)$/;
  const norm = s => (s || '').replace(/\s+/g, ' ').trim();
  const WORD = /[\p{L}\p{N}]/u;
  const role = el => (el.getAttribute && el.getAttribute('role')) || '';
  const watch = window.__hectWatch;

  // -- the composed tree: light DOM, open shadow roots, slotted content ------------------
  const childNodesOf = el => {
    if (el.shadowRoot) { if (watch) watch.observe(el.shadowRoot); return el.shadowRoot.childNodes; }
    if (el.tagName === 'SLOT') { const a = el.assignedNodes({flatten: true}); return a.length ? a : el.childNodes; }
    return el.childNodes;
  };
  const elementsOf = el => [...childNodesOf(el)].filter(n => n.nodeType === 1);
  // A table's row groups (tbody, a group of rows under a heading row) are never records: its
  // rows are, whichever group they are in. So lists go from a table straight to its rows.
  const rowGroup = el => /^(THEAD|TBODY|TFOOT)$/.test(el.tagName) || role(el) === 'rowgroup';
  const itemsOf = el => elementsOf(el).flatMap(e => rowGroup(e) ? elementsOf(e) : [e]);
  const parentOf = el => {
    if (el.assignedSlot) return el.assignedSlot;
    if (el.parentElement) return el.parentElement;
    const root = el.parentNode;
    return root && root.host ? root.host : null;
  };
  const seen = new Map();
  const visible = el => {
    let v = seen.get(el);
    if (v === undefined) {
      if (getComputedStyle(el).display === 'contents') v = !parentOf(el) || visible(parentOf(el));
      else v = el.checkVisibility ? el.checkVisibility({visibilityProperty: true})
                                  : !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
      seen.set(el, v);
    }
    return v;
  };
  const memo = f => { const m = new Map(); return el => { let v = m.get(el); if (v === undefined) { v = f(el); m.set(el, v); } return v; }; };
  const controlOf = memo(el => {
    for (let e = el, d = 0; e && d < 6; e = parentOf(e), d++) {
      if (e.tagName === 'A' || e.tagName === 'BUTTON' || e.tagName === 'SUMMARY' || CONTROL_ROLES.test(role(e))) return e;
    }
    return null;
  });
  const emphasisOf = memo(el => {
    for (let e = el, d = 0; e && d < 3; e = parentOf(e), d++) {
      if (/^H[1-6]$/.test(e.tagName) || role(e) === 'heading') return 3;
      if (e.tagName === 'B' || e.tagName === 'STRONG') return 2;
    }
    return parseInt(getComputedStyle(el).fontWeight, 10) >= 600 ? 1 : 0;
  });
  // A tag beside a cell's words (a small grey 'default', a pill): drawn smaller than the
  // cell's text or on a background of its own. Words alone in their cell are never one.
  const tagIn = (el, cell) => {
    if (el === cell) return false;
    const style = getComputedStyle(el), bg = style.backgroundColor;
    return parseFloat(style.fontSize) < 0.9 * parseFloat(getComputedStyle(cell).fontSize) ||
      (!!bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg));
  };
  const CLOCK = /^\d{1,2}:\d{2}(\s*[ap]\.?m\.?)?$/i;
  const kindOf = text => STATUS.test(text) ? 'status' : DATE.test(text) ? 'date'
    : LABEL.test(text) ? 'label' : ACTION.test(text) ? 'action' : 'other';

  // A field written as a sentence: "Seller ID A1…", "token expires 04 Dec 2026" is read as
  // "Label: value" when its first words are a label and the rest a value of a field's shape
  // (a marketplace, a status, a date, a Seller ID): "Status Shop" stays a name.
  const valueLike = t => MARKET.test(t) || STATUS.test(t) || DATE.test(t) || SELLER.test(t);
  const labelledPart = text => {
    if (valueLike(text)) return text;  // "Token Expired" is a status, not "Token: Expired"
    const words = text.split(' ');
    for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
      const label = words.slice(0, n).join(' '), value = words.slice(n).join(' ');
      if (LABEL.test(label) && valueLike(value)) return `${label}: ${value}`;
    }
    return text;
  };
  // Fields in one line between commas ("United Kingdom, Seller ID A1…, token expires 04 Dec
  // 2026, 11:15") are split where two parts or more are fields and all but one at most
  // ("Acme, Inc." and "Germany, Berlin" stay names); a date keeps its own comma and time.
  const pieces = text => {
    const parts = [];
    for (const p of text.split(/,\s*/).map(norm)) {
      const last = parts[parts.length - 1];
      if (last !== undefined && ((!DATE.test(last) && DATE.test(`${last}, ${p}`)) || (DATE.test(last) && CLOCK.test(p)))) {
        parts[parts.length - 1] = `${last}, ${p}`;
      } else parts.push(p);
    }
    const kept = parts.filter(p => WORD.test(p)).map(labelledPart);
    const fields = kept.filter(p => valueLike(p) || /^[^:]{2,30}: /.test(p)).length;
    return kept.length === 1 || (fields >= 2 && fields >= kept.length - 1) ? kept : [norm(text)];
  };

  // -- every visible text segment, in reading order ---------------------------------------
  // A text box's value is read as a person reads it (a name that can be edited in place),
  // unless the box is for searching or filtering: what was typed there is no channel's.
  const SEARCH = re(vocab.search);
  const namedBy = el => [el.getAttribute('aria-label'), el.placeholder, el.title,
                      ...[...(el.labels || [])].map(l => l.textContent)].join(' ');
  const shownValue = el => el.tagName === 'INPUT' && /^(text|)$/i.test(el.getAttribute('type') || '') &&
    !!el.value && !/^(searchbox|combobox)$/.test(role(el)) && !el.closest('[role=search], search') &&
    !SEARCH.test(namedBy(el)) && visible(el);
  // A status drawn as a picture (a red triangle) is read by its name, as a person reads its
  // tooltip or a screen reader says it: its alt text, aria-label, title or SVG <title>.
  const pictured = el => {
    if (!(el.tagName === 'IMG' || el.tagName === 'svg' || el.tagName === 'SVG' || role(el) === 'img')) return '';
    if (el.getAttribute('aria-hidden') === 'true' || !visible(el)) return '';
    const title = el.querySelector && el.querySelector(':scope > title');
    const name = norm(el.getAttribute('aria-label') || el.getAttribute('alt') || el.getAttribute('title') ||
                      (title && title.textContent) || '');
    return name && STATUS.test(name) ? name : '';
  };
  // A date shown in words relative to today ("3 days ago") is read exactly, as a person
  // reads it by pointing at it: its tooltip (title), or a <time>'s own datetime.
  const exactly = el => {
    if (!(el.tagName === 'TIME' || el.hasAttribute('title')) || !visible(el)) return '';
    const shown = norm(el.textContent);
    if (!WORD.test(shown) || DATE.test(shown)) return '';
    const title = norm(el.getAttribute('title') || '');
    if (DATE.test(title)) return title;
    const when = el.tagName === 'TIME' ? norm(el.getAttribute('datetime') || '') : '';
    return DATE.test(when) ? when : '';
  };
  const segments = [];
  const roots = [document];
  const walk = node => {
    if (node.shadowRoot) roots.push(node.shadowRoot);
    let named = '';
    for (const k of childNodesOf(node)) {
      if (k.nodeType === 3) {
        if (!WORD.test(k.data) || !visible(node)) continue;  // most are layout whitespace
        for (const part of k.textContent.split(SEP)) {
          for (const text of pieces(part)) {
            if (text && WORD.test(text)) segments.push({el: node, text, kind: kindOf(text)});
          }
        }
      } else if (k.nodeType === 1 && (named = pictured(k))) {
        segments.push({el: k, text: named, kind: 'status'});
      } else if (k.nodeType === 1 && (named = exactly(k))) {
        segments.push({el: k, text: named, kind: 'date'});
      } else if (k.nodeType === 1 && shownValue(k)) {
        const text = norm(k.value);
        if (WORD.test(text)) segments.push({el: k, text, kind: kindOf(text)});
      } else if (k.nodeType === 1 && !SKIP.test(k.tagName) && k.getAttribute('aria-hidden') !== 'true'
                 && (visible(k) || k.shadowRoot || k.tagName === 'SLOT')) {
        walk(k);
      }
    }
  };
  walk(document.body || document.documentElement);

  // -- anchors: the elements that say a channel's status (or, with no status, its date) ---
  // A status word on something to choose (a filter's "Connected" pill, a tab, an option) is
  // a way of looking at the list, not a channel's status.
  const CHOICE = 'label, option, [role=radio], [role=checkbox], [role=tab], [role=option], ' +
    '[role=menuitemradio], [role=switch], [aria-pressed]';
  const chosen = segments.filter(s => !(s.el.closest && s.el.closest(CHOICE)));
  const under = (box, el) => { for (let e = el; e; e = parentOf(e)) if (e === box) return true; return false; };
  const headingOf = el => {
    for (let e = el, d = 0; e && d < 4; e = parentOf(e), d++) if (/^H[1-6]$/.test(e.tagName) || role(e) === 'heading') return e;
    return null;
  };
  const alike = (a, b) => !!a && !!b && a.tagName === b.tagName && role(a) === role(b);

  // -- groups under a status: a board's columns ("Token Expired · 2"), a list headed
  // "Connected". A heading that says only a status (and a count) over a list is the status
  // of each item in the list, and those items are the records, whatever each says itself.
  const LISTS = 'ul, ol, table, [role=list], [role=feed], [role=table], [role=grid], [role=treegrid]';
  const statusHeads = chosen.filter(s => {
    const h = s.kind === 'status' && headingOf(s.el);
    return h && chosen.every(o => o === s || !under(h, o.el) || !/\p{L}/u.test(o.text));
  });
  const sectionOf = h => {
    let p = parentOf(h);
    for (let d = 0; p && d < 3 && elementsOf(p).length === 1; d++) p = parentOf(p);
    return p && !STOP_TAGS.test(p.tagName) && !STOP_ROLES.test(role(p)) ? p : null;
  };
  const listUnder = (sec, h) => {  // the outermost list in the section that holds a date
    for (const d of segments) {
      if (d.kind !== 'date' || !under(sec, d.el) || under(h, d.el)) continue;
      let found = null;
      for (let e = parentOf(d.el); e && e !== sec; e = parentOf(e)) if (e.matches && e.matches(LISTS)) found = e;
      if (found) return found;
    }
    return null;
  };
  const boards = [];
  for (const s of statusHeads) {
    const h = headingOf(s.el), sec = sectionOf(h);
    if (!sec || statusHeads.some(o => o !== s && under(sec, o.el))) continue;
    const list = listUnder(sec, h);
    if (list) boards.push({s, h, sec, list});
  }
  // A column with nothing in it yet says its status the same way: a heading alike, in a
  // part of the page alike.
  const groupHeads = new Set(boards.map(b => b.s));
  for (const s of statusHeads) {
    const h = headingOf(s.el), sec = sectionOf(h);
    if (groupHeads.has(s) || !boards.some(b => alike(h, b.h) && alike(sec, b.sec))) continue;
    groupHeads.add(s);
    const list = [...sec.querySelectorAll(LISTS)].find(l => !under(l, h) && !under(h, l));
    if (list) boards.push({s, h, sec, list});  // its cards may all be awaiting a date
  }
  const stated = chosen.filter(s => !groupHeads.has(s));
  const primary = stated.some(s => s.kind === 'status') ? 'status' : 'date';
  const anchors = [...new Set(stated.filter(s => s.kind === primary).map(s => s.el))];
  const anchorSet = new Set(anchors);
  // -- a table drawn side by side: a column a channel ------------------------------------
  // Its rows are headed by field labels (Marketplace, Status, Token expiry…) and its
  // columns by the channels' names: each column is a record, its header cell the name.
  const sideways = [], sidewaysTables = [];
  const TABLES = 'table, [role=table], [role=grid]';
  const rowHead = c => role(c) === 'rowheader' || (c.tagName === 'TH' && !/^col/.test(c.getAttribute('scope') || '') && !role(c));
  for (const root of roots) {
    for (const table of root.querySelectorAll(TABLES)) {
      const mine = anchors.filter(a => under(table, a));
      if (!mine.length || !visible(table)) continue;
      const rows = [...table.querySelectorAll('tr, [role=row]')].filter(r => visible(r) && r.closest(TABLES) === table);
      const cellsOf = r => elementsOf(r).filter(visible);
      const body = rows.filter(r => { const c = cellsOf(r); return c.length > 1 && rowHead(c[0]) && !c.slice(1).some(rowHead); });
      const labels = body.filter(r => LABEL.test(norm(cellsOf(r)[0].innerText)));
      const width = body.length ? cellsOf(body[0]).length : 0;
      if (labels.length < 2 || labels.length * 2 < body.length || body.some(r => cellsOf(r).length !== width)) continue;
      // the row of names over the columns: without one, a table of one channel's fields
      // (a label and a value a row) under its heading, read as any record alone
      const head = rows.find(r => !body.includes(r) && cellsOf(r).length === width);
      if (!head) continue;
      const columns = [];
      for (let j = 1; j < width; j++) {
        const els = [cellsOf(head)[j], ...body.map(r => cellsOf(r)[j])];
        const heads = ['Channel', ...body.map(r => norm(cellsOf(r)[0].innerText))];
        columns.push({els, box: table, cells: true, heads});
      }
      // each column says one status at most, or these are not channels side by side
      if (columns.some(c => mine.filter(a => c.els.some(e => under(e, a))).length > 1)) continue;
      sideways.push(...columns);
      sidewaysTables.push(table);
    }
  }
  const inBoard = el => boards.some(b => under(b.list, el)) || sidewaysTables.some(t => under(t, el));
  // holders: container -> Map(child -> anchors under it). One walk up per anchor.
  const holders = new Map();
  const up = el => { const p = parentOf(el); return p && rowGroup(p) && parentOf(p) ? parentOf(p) : p; };
  for (const a of anchors) {
    if (inBoard(a)) continue;
    for (let child = a, box = up(a); box; child = box, box = up(box)) {
      let m = holders.get(box);
      if (!m) holders.set(box, m = new Map());
      m.set(child, (m.get(child) || 0) + 1);
    }
  }
  // Repeated structure: alike children that each hold exactly one anchor; outermost only.
  const lists = [];
  for (const [box, m] of holders) {
    const children = [...m.keys()];
    if (children.length >= 2 && [...m.values()].every(n => n === 1) && children.every(c => alike(c, children[0]))) {
      lists.push({box, children});
    }
  }
  const listBoxes = new Set(lists.map(l => l.box));
  const outer = lists.filter(l => { for (let e = parentOf(l.box); e; e = parentOf(e)) if (listBoxes.has(e)) return false; return true; });

  // Segments by the item they fall in: one walk up per segment.
  const bucketize = (owners, from = segments) => {
    const buckets = new Map([...owners].map(o => [o, []]));
    for (const s of from) {
      for (let e = s.el; e; e = parentOf(e)) { const b = buckets.get(e); if (b) { b.push(s); break; } }
    }
    return buckets;
  };
  // Words that could be a name: plain words that are not a labelled field's value, a
  // marketplace or a Seller ID (what the card's line under its heading says of it).
  const labelled = (segs, i) => (i > 0 && segs[i - 1].kind === 'label') ||
    (/^[^:]{2,30}:\s*\S/.test(segs[i].text) && LABEL.test(segs[i].text.split(':')[0]));
  const nameLike = segs => segs.some((s, i) => s.kind === 'other' && !labelled(segs, i) &&
                                             !MARKET.test(s.text) && !SELLER.test(s.text));
  const groups = [...sideways];  // {els, box, status, cells, heads}
  const covered = new Set(anchors.filter(inBoard));
  // A board's records: the items of each group's list, those with a date and those built
  // alike (a card awaiting its first link shows no date); not a header row, not a note.
  const dated = el => segments.some(d => d.kind === 'date' && under(el, d.el));
  const headRow = el => el.children.length > 0 && [...el.children].every(c => c.tagName === 'TH' || role(c) === 'columnheader');
  boards.sort((a, b) => a.sec.compareDocumentPosition(b.sec) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
  const itemsIn = b => itemsOf(b.list).filter(e => visible(e) && !headRow(e));
  const shapes = boards.flatMap(b => itemsIn(b).filter(dated));
  for (const b of boards) {
    for (const e of itemsIn(b)) {
      if (dated(e) || shapes.some(d => alike(d, e) && d.children.length === e.children.length)) {
        groups.push({els: [e], box: b.list, status: b.s.text});
      }
    }
  }
  const itemBuckets = bucketize(outer.flatMap(l => itemsOf(l.box)));
  for (const {box, children} of outer) {
    // Items that say nothing but their anchor are cells: the row is what the eye sees.
    const cells = children.every(c => !nameLike(itemBuckets.get(c) || []));
    if (box.tagName === 'DL' && children.every(c => c.tagName === 'DD')) {
      // A description list of channels: each a term (its name) and the descriptions after
      // it, up to the next term, as HTML groups them.
      const items = elementsOf(box);
      for (const c of children) {
        let start = items.indexOf(c), end = start + 1;
        while (start > 0 && items[start - 1].tagName !== 'DT') start--;
        while (start > 0 && items[start - 1].tagName === 'DT') start--;
        while (end < items.length && items[end].tagName === 'DD' && !children.includes(items[end])) end++;
        groups.push({els: items.slice(start, end), box});
      }
    } else if (cells) {
      const bands = [];
      for (const el of itemsOf(box).filter(visible)) {
        const r = el.getBoundingClientRect(), mid = r.top + r.height / 2;
        let band = bands.find(b => mid >= b.top && mid <= b.bottom);
        if (!band) bands.push(band = {top: r.top, bottom: r.bottom, els: []});
        band.els.push(el);
      }
      for (const b of bands) if (b.els.some(e => children.includes(e))) groups.push({els: b.els, box, cells: true});
    } else {
      for (const c of children) groups.push({els: [c], box});
    }
    for (const c of children) for (const s of itemBuckets.get(c) || []) if (anchorSet.has(s.el)) covered.add(s.el);
  }
  // A record alone (no repetition to go by): climb from its anchor while the parent is
  // still this record: not a list of such records, no other record's anchor, no page title,
  // and no new heading above a record that already has its name.
  const segsUnder = box => segments.filter(s => under(box, s.el));
  const headingsIn = box => new Set(segsUnder(box).map(s => headingOf(s.el)).filter(h => h && under(box, h)));
  const startsWithLabel = el => { const first = segsUnder(el)[0]; return !!first && first.kind === 'label'; };
  const CELL = /^(gridcell|cell|columnheader|rowheader)$/;
  const listLike = (p, child) => {
    if (/^(TD|TH)$/.test(child.tagName) || CELL.test(role(child))) return false;  // a row's cell
    const items = elementsOf(p).filter(visible);
    if (items.length && items.every(startsWithLabel)) return false;  // one record's fields
    if (LIST_TAGS.test(p.tagName) || LIST_ROLES.test(role(p))) return true;
    // Twin rows (a header row and a data row of a grid): alike, with the same cells in order.
    const cells = el => [...el.children].map(c => c.tagName).join(',');
    const twins = elementsOf(p).filter(s => s !== child && alike(s, child) && s.children.length > 1 &&
                                            cells(s) === cells(child));
    // Alike siblings are other records, or a header row; unless every one of them is a
    // "label, value" pair: then they are this record's fields.
    return twins.length > 0 && ![child, ...twins].every(startsWithLabel);
  };
  for (const a of anchors) {
    if (covered.has(a)) continue;
    let box = a;
    for (let p = parentOf(box); p && !STOP_TAGS.test(p.tagName) && !STOP_ROLES.test(role(p)); p = parentOf(box)) {
      if (listLike(p, box)) break;
      if (anchors.some(o => o !== a && under(p, o))) break;
      if (segsUnder(p).some(s => s.el.closest && s.el.closest('h1'))) break;
      const mine = headingsIn(box);
      const added = [...headingsIn(p)].filter(h => !mine.has(h) && !under(h, box));
      if (added.length && (mine.size > 0 || nameLike(segsUnder(box)))) break;
      box = p;
    }
    groups.push({els: [box], box: parentOf(box)});
    covered.add(a);
  }

  // -- rows bound by a cell spanning down (a name two rows tall) are one record ----------
  const isRow = el => el.tagName === 'TR' || role(el) === 'row';
  const taken = new Set(groups.flatMap(g => g.els));
  for (const g of groups) {
    const row = g.els[0];
    if (g.cells || g.els.length !== 1 || !isRow(row)) continue;
    let span = Math.max(1, ...[...row.children].map(c => c.rowSpan || +c.getAttribute('aria-rowspan') || 1));
    for (let next = row.nextElementSibling; span > 1 && next && isRow(next); next = next.nextElementSibling, span--) {
      if (taken.has(next) || anchors.some(a => under(next, a))) break;
      g.els.push(next);
      taken.add(next);
    }
  }

  // -- column headers: the table's or grid's, or a header row among the items ------------
  const headerCache = new Map();
  const headersFor = group => {
    const row = group.els[0];
    const key = group.cells ? group.box : (row.closest && row.closest('table, [role=table], [role=grid], [role=treegrid]')) || group.box;
    if (headerCache.has(key)) return headerCache.get(key);
    let heads = [];
    if (key && (key.tagName === 'TABLE' || /^(table|grid|treegrid)$/.test(role(key)))) {
      // The header rows (rows of header cells only, one after another): each column is
      // headed by the last header over it ("Channel" spans Name and Marketplace, an
      // "Actions" two rows tall heads its own column).
      const all = [...key.querySelectorAll('tr, [role=row]')];
      const heading = r => r.children.length > 0 && [...r.children].every(c =>
        (c.tagName === 'TH' || role(c) === 'columnheader') && !/^row/.test(c.getAttribute('scope') || ''));
      const start = all.findIndex(heading);
      const columns = [], tall = [];
      // (one cell across the table after the header is a group's heading: "Germany (1)")
      for (let i = start; i >= 0 && i < all.length && heading(all[i]) && !(i > start && all[i].children.length === 1); i++) {
        let col = 0;
        const skip = () => { while (tall[col] > 0) tall[col++]--; };
        for (const c of all[i].children) {
          skip();
          const across = c.colSpan || +c.getAttribute('aria-colspan') || 1;
          const down = c.rowSpan || +c.getAttribute('aria-rowspan') || 1;
          for (let k = 0; k < across; k++, col++) { columns[col] = c; tall[col] = down - 1; }
        }
        for (; col < tall.length; col++) if (tall[col] > 0) tall[col]--;
      }
      // A column too narrow for the window is hidden, header and cells alike.
      heads = columns.some(visible) ? columns.filter(visible) : columns;
    } else if (key) {
      const width = group.cells ? group.els.length : elementsOf(row).length;
      const rows = group.cells ? [] : itemsOf(key);
      for (const s of rows) {
        if (anchors.some(a => under(s, a))) continue;
        const sc = elementsOf(s);
        if (sc.length === width && sc.some(c => LABEL.test(norm(c.innerText)))) { heads = sc; break; }
      }
      if (group.cells) {
        const labels = itemsOf(key).filter(s => visible(s) && !anchors.some(a => under(s, a)) && LABEL.test(norm(s.innerText)));
        if (labels.length >= width - 1) heads = labels.slice(0, width);
      }
    }
    const names = heads.map(h => norm(h.innerText || h.textContent));
    headerCache.set(key, names);
    return names;
  };

  // -- a record's details drawn right after it (a table's child row) ---------------------
  // A record with a control that shows more (expanded or not, or an icon alone) owns the
  // alike element right after it when that element is no record, holds no anchor and says
  // no name of its own: only labelled fields and controls.
  const SHOWS_MORE = `[aria-expanded], details > summary, ${vocab.expander}`;
  const inside = (el, sel) => [...(el.shadowRoot || el).querySelectorAll(sel)].filter(visible);
  const grouped = new Set(groups.flatMap(g => g.els));
  const nextOf = el => { const p = parentOf(el); const sibs = p ? elementsOf(p) : []; return sibs[sibs.indexOf(el) + 1]; };
  for (const g of groups) {
    const last = g.els[g.els.length - 1], sib = nextOf(last);
    if (!sib || grouped.has(sib) || !alike(sib, last) || !visible(sib) || anchors.some(a => under(sib, a))) continue;
    const said = segsUnder(sib);
    if (said.length && !nameLike(said) && g.els.some(e => inside(e, SHOWS_MORE).length)) g.details = sib;
  }
  const partsOf = g => g.details ? [...g.els, g.details] : g.els;

  // -- each record: its segments in order, labelled fields, collapsed parts --------------
  const owners = new Map();
  groups.forEach((g, i) => partsOf(g).forEach(e => owners.set(e, i)));
  const recordBuckets = bucketize(owners.keys());
  // Folded parts of records, marked for reader.py to open: a closed details, a collapsed
  // panel, or an icon alone in a record whose cells are hidden (a table too narrow for
  // them) and that shows no details yet. One look over the page; old marks go first.
  const folded = new Map();
  const fold = (t, n) => { t.setAttribute('data-hect-unfold', ''); folded.set(n, (folded.get(n) || 0) + 1); };
  const recordOf = el => { for (let e = el; e; e = parentOf(e)) if (owners.has(e)) return owners.get(e); return undefined; };
  for (const root of roots) {
    for (const t of root.querySelectorAll('[data-hect-unfold]')) t.removeAttribute('data-hect-unfold');
    for (const t of root.querySelectorAll('details:not([open]) > summary, [aria-expanded=false][aria-controls]')) {
      const n = recordOf(t);
      if (n === undefined) continue;
      if (t.tagName !== 'SUMMARY') {
        const home = t.getRootNode();
        const panel = home.getElementById ? home.getElementById(t.getAttribute('aria-controls')) : null;
        if (!panel || visible(panel) || recordOf(panel) !== n) continue;
      }
      fold(t, n);
    }
  }
  groups.forEach((g, n) => {
    const hiddenCell = g.els.some(e => elementsOf(e).some(c => !visible(c) && WORD.test(c.textContent)));
    if (!g.details && !folded.has(n) && hiddenCell) g.els.forEach(e => inside(e, vocab.expander).forEach(t => fold(t, n)));
  });
  // Groups of the list folded away (a tree grid's "Europe (2)", a closed section of a
  // list): their toggles, in the list that holds the records read (with none read, in any
  // list), never in the page's navigation, a menu or a dialog, and never a menu button.
  // Marked for reader.py to open, as a person opens them to see every channel.
  let closed = 0;
  const LISTISH = 'ul, ol, table, [role=list], [role=grid], [role=treegrid], [role=tree], [role=table], [role=feed]';
  const AWAY = 'nav, header, footer, aside, dialog, [role=navigation], [role=banner], ' +
    '[role=contentinfo], [role=complementary], [role=menu], [role=menubar], [role=dialog], [role=tablist]';
  const outerList = el => { let found = null; for (let e = el; e; e = parentOf(e)) if (e.matches && e.matches(LISTISH)) found = e; return found; };
  const recordLists = new Set(groups.map(g => outerList(g.els[0])).filter(Boolean));
  for (const root of roots) {
    for (const t of root.querySelectorAll('[data-hect-group]')) t.removeAttribute('data-hect-group');
    for (const t of root.querySelectorAll('[aria-expanded=false], details:not([open]) > summary')) {
      const popup = t.getAttribute('aria-haspopup');
      if (closed >= 60 || (popup && popup !== 'false') || !visible(t) || recordOf(t) !== undefined || t.closest(AWAY)) continue;
      const list = outerList(t);
      if (!list || (recordLists.size && !recordLists.has(list))) continue;
      // a row that folds its group is opened by its own toggle, as a person clicks it
      const row = t.tagName === 'TR' || role(t) === 'row';
      const toggle = row ? [...t.querySelectorAll('button, [role=button]')].find(visible) || t : t;
      if (ACTION.test(norm(toggle.getAttribute('aria-label') || toggle.innerText))) continue;  // Actions, Delete…
      toggle.setAttribute('data-hect-group', '');
      closed++;
    }
  }
  // The list's own ways of showing more: Load more (it grows) or Next (a new page).
  let more = '';
  const MORE = re(vocab.more), NEXT = re(vocab.next);
  for (const root of roots) {
    for (const c of root.querySelectorAll('a, button, [role=button], [role=link]')) {
      const name = norm(c.getAttribute('aria-label') || c.innerText || c.value);
      const kind = MORE.test(name) ? 'more' : NEXT.test(name) ? 'next' : '';
      if (!kind || !visible(c) || c.disabled || c.getAttribute('aria-disabled') === 'true') continue;
      c.setAttribute('data-hect-more', kind);
      if (!more || kind === 'more') more = kind;
    }
  }
  const out = [];
  groups.forEach((group, n) => {
    const segs = partsOf(group).flatMap(e => recordBuckets.get(e) || []);
    if (!segs.length) return;
    const fields = {};
    const heads = group.heads || headersFor(group);
    const cells = group.cells ? group.els : elementsOf(group.els[0]).filter(visible);
    if (heads.length && cells.length === heads.length) {
      const cellBuckets = bucketize(cells, segs);
      cells.forEach((c, i) => {
        const said = (cellBuckets.get(c) || []).filter(s => !controlOf(s.el));
        // 'Amazon UK', not its 'default' tag; a date's time drawn small beside it is the date's
        const plain = said.filter(s => !tagIn(s.el, c) || s.kind === 'date' || CLOCK.test(s.text));
        const value = norm((plain.length ? plain : said).map(s => s.text).join(' '));
        if (heads[i] && value) fields[heads[i]] = value;
      });
    }
    for (const el of partsOf(group)) {
      for (const dt of (el.shadowRoot || el).querySelectorAll('dt')) {
        const dd = dt.nextElementSibling;
        if (dd && dd.tagName === 'DD' && visible(dd)) fields[norm(dt.innerText)] ??= norm(dd.innerText);
      }
    }
    // Emphasis tells a name from other words: only plain words need it.
    const items = segs.map(s => ({text: s.text, kind: s.kind, emphasis: s.kind === 'other' ? emphasisOf(s.el) : 0,
                                  control: !!controlOf(s.el), label: null}));
    if (group.status && !items.some(s => s.kind === 'status')) {
      items.push({text: group.status, kind: 'status', emphasis: 0, control: false, label: null});
    }
    items.forEach((s, i) => {
      const m = s.text.match(/^([^:]{2,30}):\s*(.+)$/);
      if (m && LABEL.test(m[1])) {
        fields[norm(m[1])] ??= norm(m[2]);
        Object.assign(s, {label: norm(m[1]), text: norm(m[2]), kind: kindOf(norm(m[2]))});
        return;
      }
      const next = items[i + 1], bare = s.text.replace(/:$/, '');
      if (s.kind === 'label' && next && next.kind !== 'label' && segs[i + 1].el !== segs[i].el && !(bare in fields)) {
        fields[bare] = next.text;
        next.label = bare;
      }
    });
    // A record keeps the mark it was first given, so a record read earlier can still be
    // found after later reads (only a record drawn anew gets a new one).
    const mark = group.els[0].getAttribute('data-hect-record');
    const kept = !group.cells && group.els.every(e => e.getAttribute('data-hect-record') === mark) && mark;
    const id = kept || `${marker}-${n}`;
    for (const el of partsOf(group)) el.setAttribute('data-hect-record', id);
    out.push({id, fields, segments: items, toggles: folded.get(n) || 0, text: norm(segs.map(s => s.text).join(' · '))});
  });
  const scrolls = !!(window.__hectWatch && window.__hectWatch.scrollAware);
  return JSON.stringify({records: out, more, scrolls, closed});
}
