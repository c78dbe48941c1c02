/* HECT – GOV.UK-style front end.
 *
 * 1. Date and time inputs: the GOV.UK date input asks for the day, month and year (plus
 *    hour and minute) in separate boxes, but HECT reads one field, "2026-03-27T09:30". On
 *    submit we check the five boxes, show GOV.UK-style errors if they are wrong, and write
 *    the joined value into the hidden field the server reads.
 * 2. Error summaries take focus when the page loads, as GOV.UK Frontend's do.
 */
(function () {
  'use strict';

  var PARTS = ['day', 'month', 'year', 'hour', 'minute'];
  var NAMES = { day: 'a day', month: 'a month', year: 'a year', hour: 'an hour', minute: 'a minute' };
  var STORE = 'hect-date-time:' + window.location.pathname;

  function pad(text, size) {
    text = String(text);
    while (text.length < size) text = '0' + text;
    return text;
  }

  function joinWords(words) {
    if (words.length < 2) return words.join('');
    return words.slice(0, -1).join(', ') + ' and ' + words[words.length - 1];
  }

  function inputsOf(group) {
    var found = {};
    PARTS.forEach(function (part) {
      found[part] = group.querySelector('input[data-part="' + part + '"]');
    });
    return found;
  }

  /* What the five boxes say: {value: "YYYY-MM-DDTHH:MM" or "", error, part} */
  function readGroup(group) {
    var inputs = inputsOf(group);
    var values = {};
    var missing = [];
    PARTS.forEach(function (part) {
      values[part] = inputs[part].value.replace(/\s+/g, '');
      if (!values[part]) missing.push(part);
    });
    var subject = (group.getAttribute('data-label') || 'Date and time').replace(/^.*:\s*/, '');
    subject = subject.charAt(0).toUpperCase() + subject.slice(1);

    if (missing.length === PARTS.length) {
      if (group.getAttribute('data-required') === 'true') {
        return { value: '', error: 'Enter the ' + subject.charAt(0).toLowerCase() + subject.slice(1), part: 'day' };
      }
      return { value: '', error: '', part: null };
    }
    if (missing.length) {
      return {
        value: '',
        error: subject + ' must include ' + joinWords(missing.map(function (p) { return NAMES[p]; })),
        part: missing[0]
      };
    }
    for (var i = 0; i < PARTS.length; i++) {
      if (!/^\d+$/.test(values[PARTS[i]])) {
        return { value: '', error: subject + ' must be written in numbers', part: PARTS[i] };
      }
    }
    if (values.year.length !== 4) {
      return { value: '', error: 'Year must include 4 numbers', part: 'year' };
    }
    var day = +values.day, month = +values.month, year = +values.year;
    var hour = +values.hour, minute = +values.minute;
    var probe = new Date(Date.UTC(year, month - 1, day));
    if (month < 1 || month > 12 || day < 1 || probe.getUTCDate() !== day || probe.getUTCMonth() !== month - 1) {
      return { value: '', error: subject + ' must be a real date', part: (month < 1 || month > 12) ? 'month' : 'day' };
    }
    if (hour > 23) {
      return { value: '', error: 'Hour must be between 0 and 23 (use the 24-hour clock)', part: 'hour' };
    }
    if (minute > 59) {
      return { value: '', error: 'Minute must be between 0 and 59', part: 'minute' };
    }
    return {
      value: pad(year, 4) + '-' + pad(month, 2) + '-' + pad(day, 2) + 'T' + pad(hour, 2) + ':' + pad(minute, 2),
      error: '',
      part: null
    };
  }

  function showSummary(form, items) {
    var slot = document.querySelector('[data-error-summary-slot]');
    if (!slot) return;
    slot.innerHTML = '';
    if (!items.length) return;
    var box = document.createElement('div');
    box.className = 'govuk-error-summary';
    box.setAttribute('tabindex', '-1');
    var inner = document.createElement('div');
    inner.setAttribute('role', 'alert');
    var title = document.createElement('h2');
    title.className = 'govuk-error-summary__title';
    title.textContent = 'There is a problem';
    var body = document.createElement('div');
    body.className = 'govuk-error-summary__body';
    var list = document.createElement('ul');
    list.className = 'govuk-list govuk-error-summary__list';
    items.forEach(function (item) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '#' + item.id;
      a.textContent = item.message;
      li.appendChild(a);
      list.appendChild(li);
    });
    body.appendChild(list);
    inner.appendChild(title);
    inner.appendChild(body);
    box.appendChild(inner);
    slot.appendChild(box);
    if (!/^Error: /.test(document.title)) document.title = 'Error: ' + document.title;
    box.focus();
  }

  function markGroup(group, result) {
    var message = group.querySelector('.govuk-error-message');
    var inputs = inputsOf(group);
    group.classList.toggle('govuk-form-group--error', !!result.error);
    if (message) {
      message.hidden = !result.error;
      var text = message.querySelector('.app-error-text');
      if (text) text.textContent = result.error;
    }
    PARTS.forEach(function (part) {
      inputs[part].classList.toggle('govuk-input--error', !!result.error && (result.part === part || result.part === 'day' && !inputs[part].value));
    });
  }

  function remember(group) {
    var inputs = inputsOf(group);
    var saved = {};
    PARTS.forEach(function (part) { saved[part] = inputs[part].value; });
    try { window.sessionStorage.setItem(STORE, JSON.stringify(saved)); } catch (e) { /* private mode */ }
  }

  /* After the server turns a poll down, put back what was typed. */
  function restore(group) {
    var saved = null;
    try {
      saved = JSON.parse(window.sessionStorage.getItem(STORE) || 'null');
      window.sessionStorage.removeItem(STORE);
    } catch (e) { saved = null; }
    if (!saved || !group.classList.contains('govuk-form-group--error')) return;
    var inputs = inputsOf(group);
    PARTS.forEach(function (part) {
      if (saved[part] && !inputs[part].value) inputs[part].value = saved[part];
    });
  }

  function initForm(form) {
    var groups = Array.prototype.slice.call(form.querySelectorAll('[data-module="app-date-time-input"]'));
    if (!groups.length) return;
    groups.forEach(restore);
    form.addEventListener('submit', function (event) {
      var problems = [];
      groups.forEach(function (group) {
        var result = readGroup(group);
        var hidden = document.getElementById(group.getAttribute('data-target'));
        markGroup(group, result);
        if (result.error) {
          problems.push({ message: result.error, id: inputsOf(group)[result.part || 'day'].id });
        } else if (hidden) {
          hidden.value = result.value;
        }
        remember(group);
      });
      if (problems.length) {
        event.preventDefault();
        showSummary(form, problems);
      }
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('form'), initForm);
    var summary = document.querySelector('.govuk-error-summary');
    if (summary) summary.focus();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
