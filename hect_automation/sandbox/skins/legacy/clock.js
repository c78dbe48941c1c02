// Server time clock in the header (updated every second)
function pad2(n) { return (n < 10 ? '0' : '') + n; }
function updateClock() {
  var el = document.getElementById('servertime');
  if (!el) return;
  var d = new Date();
  el.innerHTML = pad2(d.getHours()) + ':' + pad2(d.getMinutes()) + ':' + pad2(d.getSeconds());
}
updateClock();
setInterval(updateClock, 1000);
