// The channels a person can pick to show in one record's place: a master-detail page (a
// list of names beside the selected channel's details), tabs, a list box. Called with
// {name, details}: the shown record's name and a text of its details (its status or date).
// Finds a control named like the record, then the nearest group of alike controls around
// it that are items of a list (list items, tabs, options) and hold none of the details;
// marks each with data-hect-choice=<n> and returns their names in order (else []).
({name, details}) => {
  const norm = s => (s || '').replace(/\s+/g, ' ').trim();
  const same = (a, b) => norm(a).toLowerCase() === norm(b).toLowerCase();
  const CONTROL = 'a[href], button, [role=tab], [role=option], [role=treeitem], [role=link], [role=button], [role=menuitem], [role=radio]';
  const ITEM = 'li, [role=listitem], [role=tab], [role=option], [role=treeitem], [role=radio]';
  const visible = el => (el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0);
  const label = el => norm(el.getAttribute('aria-label') || el.innerText || el.textContent);
  const kind = el => `${el.tagName}/${el.getAttribute('role') || ''}`;
  for (const old of document.querySelectorAll('[data-hect-choice]')) old.removeAttribute('data-hect-choice');
  const item = (el, box) => { const i = el.closest(ITEM); return !!i && box.contains(i); };
  // A drop-down list whose options are names, the shown record's among them ("Channel:").
  for (const list of document.querySelectorAll('select:not([multiple])')) {
    const options = [...list.options].filter(o => !o.disabled && o.value !== '' && norm(o.text));
    if (visible(list) && options.length >= 2 && options.some(o => same(o.text, name))) {
      options.forEach((o, i) => o.setAttribute('data-hect-choice', String(i)));
      return options.map(o => norm(o.text));
    }
  }
  const named = [...document.querySelectorAll(CONTROL)].filter(c => visible(c) && same(label(c), name));
  for (const control of named) {
    for (let box = control.parentElement; box && box !== document.body; box = box.parentElement) {
      if (details && norm(box.innerText).includes(norm(details))) break;  // the details' side
      const group = [...box.querySelectorAll(CONTROL)]
        .filter(o => visible(o) && kind(o) === kind(control) && label(o));
      if (group.length >= 2) {
        if (!group.every(o => item(o, box))) break;  // controls, not a list of choices
        group.forEach((o, i) => o.setAttribute('data-hect-choice', String(i)));
        return group.map(label);
      }
    }
  }
  return [];
}
