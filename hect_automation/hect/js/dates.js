// The page's visible text pieces that hold a digit (candidates for a date), light and shadow
// DOM, at most 5000, but not a question: the reader's parse_date decides which are dates.
() => {
  const out = [];
  const visible = el => el.checkVisibility ? el.checkVisibility({visibilityProperty: true}) : !!el.offsetWidth;
  const walk = root => {
    const it = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = it.currentNode; n && out.length < 5000; n = it.nextNode()) {
      if (n.nodeType === 1 && n.shadowRoot) walk(n.shadowRoot);
      if (n.nodeType === 3 && /\d/.test(n.textContent) && n.parentElement && visible(n.parentElement)) {
        const text = (n.parentElement.innerText || n.textContent).replace(/\s+/g, ' ').trim();
        // a question ("Start an order poll from 04 Dec 2026?") lists nothing
        if (text.length < 200 && !text.includes('?') && !n.parentElement.closest('[role=alertdialog]')) out.push(text);
      }
    }
  };
  walk(document.body);
  return out;
}
