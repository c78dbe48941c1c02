// Every web address this document shows a person as words to copy, not as a link to
// follow: the value of a shown text box (read-only or not) and any http(s) address in
// the shown text (a code block, a sentence). Open shadow roots included. Links' own
// addresses are not words a person reads, so an address in a link's text is left out.
() => {
  const found = new Set();
  const address = /\bhttps?:\/\/[^\s"'<>]+/gi;
  const shown = el => el.checkVisibility ? el.checkVisibility({visibilityProperty: true}) : !!el.offsetWidth;
  const note = text => { for (const m of (text || '').matchAll(address)) found.add(m[0].replace(/[.,;:)\]]+$/, '')); };
  const look = root => {
    for (const el of root.querySelectorAll('input, textarea, output')) {
      if ((el.type || 'text').match(/^(text|url|search|textarea|output)$/) && shown(el)) note(el.value);
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.data.includes('://') || parent.closest('a[href], script, style, template')) continue;
      if (shown(parent)) note(node.data);
    }
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) look(el.shadowRoot);
  };
  look(document);
  return [...found];
}
