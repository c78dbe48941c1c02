// The calendar shown for a date box (box: the read-only field a person clicked), read as a
// person reads one: a grid of day numbers (a run 1, 2, ... 28 or more), the month and year
// written above it or chosen in its selects, and the controls either side that turn the
// month. Marks the days data-hect-day (in the page's order), and data-hect-cal the controls
// ("prev", "next", "month", "year"); returns what it read, or null if no calendar is shown.
box => {
  document.querySelectorAll('[data-hect-day], [data-hect-cal]').forEach(e => {
    e.removeAttribute('data-hect-day');
    e.removeAttribute('data-hect-cal');
  });
  const shown = e => e.checkVisibility ? e.checkVisibility({visibilityProperty: true}) : !!e.offsetWidth;
  const words = e => (e.textContent || '').replace(/\s+/g, ' ').trim();
  const number = e => {
    if (e === box || e.closest('select, option, textarea')) return 0;
    const text = words(e);
    if (!/^\d{1,2}$/.test(text) || [...e.children].some(c => words(c) === text)) return 0;
    return +text >= 1 && +text <= 31 && shown(e) ? +text : 0;  // the innermost element saying it
  };
  const cells = [...document.querySelectorAll('body *')].filter(number);
  // The grid: the nearest part around a "1" holding a whole run of days (of the parts
  // found from each "1" shown, the smallest: a stray "1" elsewhere is not its start).
  const run = within => {
    let next = 1;
    for (const cell of cells) if (within.contains(cell) && number(cell) === next) next++;
    return next - 1;
  };
  const around = one => {
    let part = one;
    for (let up = 0; part && run(part) < 28; up++) part = up < 8 ? part.parentElement : null;
    return part;
  };
  const size = e => e.getElementsByTagName('*').length;
  const grids = cells.filter(e => number(e) === 1).map(around).filter(Boolean);
  if (!grids.length) return null;
  const grid = grids.reduce((a, b) => (size(b) < size(a) ? b : a));
  const days = cells.filter(c => grid.contains(c));
  const MONTH = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;
  const selects = e => [...e.querySelectorAll('select')].filter(s => !grid.contains(s));
  const monthSelect = e => selects(e).find(s => [...s.options].filter(o => MONTH.test(o.text)).length >= 12);
  // What is written around the grid, and what its fields show (a select its chosen option).
  const heading = e => {
    const said = [];
    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const p = t.parentElement;
      if (!grid.contains(t) && p && !p.closest('select, script, style') && shown(p)) said.push(t.data);
    }
    for (const f of e.querySelectorAll('select, input')) {  // what its fields show, in order
      if (f === box || grid.contains(f) || f.type === 'hidden') continue;
      said.push(f.tagName === 'SELECT' ? (f.options[f.selectedIndex] || {text: ''}).text : f.value);
    }
    return said.join(' ').replace(/\s+/g, ' ').trim();
  };
  // The calendar: the nearest part around the grid that says which month it shows.
  let root = grid;
  for (let up = 0; up < 4 && root.parentElement && root.parentElement !== document.body; up++) {
    if (MONTH.test(heading(root)) || monthSelect(root)) break;
    root = root.parentElement;
  }
  const mark = (e, what) => { if (e) e.setAttribute('data-hect-cal', what); return !!e; };
  const name = e => (e.getAttribute('aria-label') || e.getAttribute('title') || words(e)).trim();
  // What takes a click around the grid: a control, or anything drawn with a pointing hand
  // (its outermost part: an arrow's picture inside it points too).
  const pointing = e => getComputedStyle(e).cursor === 'pointer'
    && !(e.parentElement && getComputedStyle(e.parentElement).cursor === 'pointer');
  const controls = [...root.querySelectorAll('*')]
    .filter(e => !grid.contains(e) && !e.closest('select') && shown(e))
    .filter(e => e.matches('button, a, [role=button], [tabindex], [onclick]') || pointing(e));
  const PREV = /prev|previous|back|earlier|^\W*[‹«<←]\W*$/i;
  const NEXT = /next|forward|later|^\W*[›»>→]\W*$/i;
  let prev = controls.find(e => PREV.test(name(e)));
  let next = controls.find(e => NEXT.test(name(e)));
  if (!prev && !next) {  // two arrows drawn as pictures, one either side of the month
    const bare = controls.filter(e => !name(e) && e.compareDocumentPosition(grid) & Node.DOCUMENT_POSITION_FOLLOWING);
    if (bare.length === 2) {
      const x = e => e.getBoundingClientRect().left;
      [prev, next] = x(bare[0]) < x(bare[1]) ? bare : [bare[1], bare[0]];
    }
  }
  mark(prev, 'prev');
  mark(next, 'next');
  const month = monthSelect(root);
  mark(month, 'month');
  const year = selects(root).find(s => s !== month && [...s.options].some(o => /^\s*\d{4}\s*$/.test(o.text)))
    || [...root.querySelectorAll('input')].find(i => !grid.contains(i) && /^\d{4}$/.test(i.value));
  mark(year, 'year');
  const labelOf = e => {
    const cell = e.closest('td, [role=gridcell], [role=option]') || e;
    return [e, cell].flatMap(x => [x.getAttribute('aria-label'), x.getAttribute('title'),
      x.getAttribute('data-date'), x.getAttribute('datetime')]).filter(Boolean).join(' ');
  };
  const off = e => !!(e.disabled || e.closest('[aria-disabled=true], [disabled]'));
  days.forEach((e, i) => e.setAttribute('data-hect-day', String(i)));
  return {
    heading: heading(root).slice(0, 300),
    days: days.map(e => ({n: number(e), label: labelOf(e), off: off(e)})),
  };
}
