/* HECT Admin - common scripts (c) 2009 */

var HECT = HECT || {};

function pad2(n) {
  n = parseInt(n, 10);
  return (n < 10 ? '0' : '') + n;
}

/* Order poll: the five drop downs are put together into the "since" field
   (dd/mm/yyyy hh:mm) before the form is sent. */
HECT.joinPollDate = function (form) {
  var d = form.elements['poll_day'].value,
      m = form.elements['poll_month'].value,
      y = form.elements['poll_year'].value,
      h = form.elements['poll_hour'].value,
      i = form.elements['poll_minute'].value;
  var check = new Date(parseInt(y, 10), parseInt(m, 10) - 1, parseInt(d, 10));
  if (check.getDate() != parseInt(d, 10)) {
    alert('Please choose a valid date.');
    return false;
  }
  form.elements['since'].value = pad2(d) + '/' + pad2(m) + '/' + y + ' ' + pad2(h) + ':' + pad2(i);
  return true;
};

/* Pre-select today's date (server time, GMT) in the order poll drop downs. */
HECT.presetPollDate = function (form) {
  if (!form) { return; }
  var now = new Date();
  var pick = function (name, value) {
    var sel = form.elements[name];
    for (var k = 0; k < sel.options.length; k++) {
      if (parseInt(sel.options[k].value, 10) == value) { sel.selectedIndex = k; }
    }
  };
  pick('poll_day', now.getUTCDate());
  pick('poll_month', now.getUTCMonth() + 1);
  pick('poll_year', now.getUTCFullYear());
  pick('poll_hour', now.getUTCHours());
  pick('poll_minute', Math.floor(now.getUTCMinutes() / 15) * 15);
};
