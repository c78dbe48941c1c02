/*
 * HECT date picker (v1.4)
 *
 * <input type="text" readonly data-datepicker="ID"> shows the chosen day as dd/mm/yyyy and
 * pops up a month calendar when clicked; the day is written to the hidden input #ID as
 * yyyy-mm-dd, which is what the form posts. Days after today cannot be picked.
 *
 * Also keeps the order poll form's hidden since_time in step with its hour/minute selects.
 */
(function () {
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
                'September', 'October', 'November', 'December'];
  var DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function iso(d) { return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()); }
  function shown(d) { return pad(d.getDate()) + '/' + pad(d.getMonth() + 1) + '/' + d.getFullYear(); }
  function parseIso(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '');
    return m ? new Date(+m[1], +m[2] - 1, +m[3]) : null;
  }
  function startOfToday() {
    var now = new Date();
    return new Date(now.getFullYear(), now.getMonth(), now.getDate());
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.appendChild(document.createTextNode(text));
    return e;
  }

  function DatePicker(input) {
    this.input = input;
    this.hidden = document.getElementById(input.getAttribute('data-datepicker'));
    this.selected = parseIso(this.hidden && this.hidden.value);
    if (this.selected) input.value = shown(this.selected);
    var base = this.selected || startOfToday();
    this.year = base.getFullYear();
    this.month = base.getMonth();
    this.popup = null;

    var self = this;
    input.addEventListener('click', function () { self.open(); });
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' || ev.key === ' ' || ev.key === 'ArrowDown') {
        ev.preventDefault();
        self.open();
      } else if (ev.key === 'Escape') {
        self.close();
      }
    });
    document.addEventListener('mousedown', function (ev) {
      if (self.popup && ev.target !== input && !self.popup.contains(ev.target)) self.close();
    });
  }

  DatePicker.prototype.open = function () {
    if (this.popup) return;
    var base = this.selected || startOfToday();
    this.year = base.getFullYear();
    this.month = base.getMonth();
    this.popup = el('div', 'dp-popup');
    this.popup.setAttribute('role', 'dialog');
    this.popup.setAttribute('aria-label', 'Choose a date');
    var self = this;
    this.popup.addEventListener('keydown', function (ev) {
      if (ev.key === 'Escape') { self.close(); self.input.focus(); }
    });
    this.input.parentNode.appendChild(this.popup);
    this.draw();
  };

  DatePicker.prototype.close = function () {
    if (!this.popup) return;
    this.popup.parentNode.removeChild(this.popup);
    this.popup = null;
  };

  DatePicker.prototype.move = function (delta) {
    this.month += delta;
    if (this.month < 0) { this.month = 11; this.year -= 1; }
    if (this.month > 11) { this.month = 0; this.year += 1; }
    this.draw();
  };

  DatePicker.prototype.pick = function (date) {
    this.selected = date;
    this.input.value = shown(date);
    if (this.hidden) {
      this.hidden.value = iso(date);
      this.hidden.dispatchEvent(new Event('change', { bubbles: true }));
    }
    this.close();
    this.input.focus();
  };

  DatePicker.prototype.draw = function () {
    var self = this;
    var popup = this.popup;
    while (popup.firstChild) popup.removeChild(popup.firstChild);
    var today = startOfToday();

    var head = el('div', 'dp-head');
    var prev = el('button', 'dp-prev', '\u2039');
    prev.type = 'button';
    prev.title = 'Previous month';
    prev.setAttribute('aria-label', 'Previous month');
    prev.addEventListener('click', function () { self.move(-1); });
    var next = el('button', 'dp-next', '\u203A');
    next.type = 'button';
    next.title = 'Next month';
    next.setAttribute('aria-label', 'Next month');
    next.addEventListener('click', function () { self.move(1); });
    var title = el('span', 'dp-title', MONTHS[this.month] + ' ' + this.year);
    title.setAttribute('aria-live', 'polite');
    head.appendChild(prev);
    head.appendChild(title);
    head.appendChild(next);
    popup.appendChild(head);

    var table = el('table', 'dp-grid');
    table.setAttribute('role', 'grid');
    var tr = el('tr');
    for (var i = 0; i < 7; i++) tr.appendChild(el('th', null, DAYS[i]));
    var thead = el('thead');
    thead.appendChild(tr);
    table.appendChild(thead);

    var tbody = el('tbody');
    var first = new Date(this.year, this.month, 1);
    var lead = (first.getDay() + 6) % 7;           // Monday first
    var count = new Date(this.year, this.month + 1, 0).getDate();
    tr = el('tr');
    for (i = 0; i < lead; i++) tr.appendChild(el('td', 'dp-blank'));
    for (var day = 1; day <= count; day++) {
      var date = new Date(this.year, this.month, day);
      var td = el('td');
      var b = el('button', 'dp-day', String(day));
      b.type = 'button';
      b.setAttribute('aria-label', day + ' ' + MONTHS[this.month] + ' ' + this.year);
      if (date > today) b.disabled = true;
      if (date.getTime() === today.getTime()) b.className += ' dp-today';
      if (this.selected && date.getTime() === this.selected.getTime()) {
        b.className += ' dp-selected';
        b.setAttribute('aria-pressed', 'true');
      }
      (function (d) { b.addEventListener('click', function () { self.pick(d); }); })(date);
      td.appendChild(b);
      tr.appendChild(td);
      if ((lead + day) % 7 === 0) { tbody.appendChild(tr); tr = el('tr'); }
    }
    if (tr.childNodes.length) {
      while (tr.childNodes.length < 7) tr.appendChild(el('td', 'dp-blank'));
      tbody.appendChild(tr);
    }
    table.appendChild(tbody);
    popup.appendChild(table);

    var foot = el('div', 'dp-foot');
    var todayBtn = el('button', 'dp-link', 'Today');
    todayBtn.type = 'button';
    todayBtn.addEventListener('click', function () { self.pick(startOfToday()); });
    var closeBtn = el('button', 'dp-link', 'Close');
    closeBtn.type = 'button';
    closeBtn.addEventListener('click', function () { self.close(); self.input.focus(); });
    foot.appendChild(todayBtn);
    foot.appendChild(closeBtn);
    popup.appendChild(foot);
  };

  function timeSync() {
    var hour = document.getElementById('poll-hour');
    var minute = document.getElementById('poll-minute');
    var target = document.getElementById('since-time');
    if (!hour || !minute || !target) return;
    function sync() { target.value = hour.value + ':' + minute.value; }
    hour.addEventListener('change', sync);
    minute.addEventListener('change', sync);
    if (target.form) target.form.addEventListener('submit', sync);
    sync();
  }

  function init() {
    var inputs = document.querySelectorAll('input[data-datepicker]');
    for (var i = 0; i < inputs.length; i++) new DatePicker(inputs[i]);
    timeSync();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
