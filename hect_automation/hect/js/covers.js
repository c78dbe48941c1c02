// Whether this document draws anything that could lie over another element and take its
// click: an open dialog or popover, or a shown element placed fixed, sticky or absolute
// (a banner, a backdrop, a menu, a tour's bubble) that is not wholly off the page. Open
// shadow roots included. Where there is none, every shown element takes its own click.
() => {
  const placed = /^(fixed|sticky|absolute)$/;
  const shown = el => el.checkVisibility ? el.checkVisibility({visibilityProperty: true}) : !!el.offsetWidth;
  const onPage = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.right > -scrollX && r.bottom > -scrollY; };
  const over = el => (el.matches('dialog[open], [role=dialog], [role=alertdialog], [aria-modal=true], :popover-open')
                      || placed.test(getComputedStyle(el).position)) && shown(el) && onPage(el);
  const look = root => {
    for (const el of root.querySelectorAll('*')) {
      if (over(el)) return true;
      if (el.shadowRoot && look(el.shadowRoot)) return true;
    }
    return false;
  };
  return look(document);
}
