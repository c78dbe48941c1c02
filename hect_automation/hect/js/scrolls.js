// Whether the list around el can scroll further (a list drawn as it is scrolled).
el => {
  for (let e = el; e && e !== document.body; e = e.parentElement)
    if (e.scrollHeight > e.clientHeight + 8 && /auto|scroll/.test(getComputedStyle(e).overflowY)) return true;
  const d = document.scrollingElement;
  return d.scrollHeight > d.clientHeight + 8 && d.scrollTop + d.clientHeight < d.scrollHeight - 8;
}
