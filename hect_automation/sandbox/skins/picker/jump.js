/* Sales Channels: the "Jump to" select goes straight to the chosen platform's list. */
(function () {
  var form = document.getElementById('jump-form');
  if (!form) return;
  form.addEventListener('submit', function (ev) {
    var select = document.getElementById('jump-to');
    if (select && select.value) {
      ev.preventDefault();
      window.location.href = select.value;
    }
  });
})();
