// Order poll form: preset ranges are computed from now (UTC, as HECT shows its times);
// "Custom date" reveals a date and an hour.
(function () {
  "use strict";
  var form = document.getElementById("poll-form");
  if (!form) return;
  var custom = document.getElementById("custom-when");
  var since = document.getElementById("poll-since");
  var date = document.getElementById("poll-date");
  var radios = form.querySelectorAll('input[name="range"]');

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function stamp(d) {
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) +
      "T" + pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes());
  }
  function choice() {
    for (var i = 0; i < radios.length; i++) if (radios[i].checked) return radios[i].value;
    return "1";
  }
  function sync() {
    var isCustom = choice() === "custom";
    custom.hidden = !isCustom;
    custom.disabled = !isCustom;
    date.max = stamp(new Date()).slice(0, 10);
  }
  for (var i = 0; i < radios.length; i++) radios[i].addEventListener("change", sync);
  form.addEventListener("submit", function () {
    var value = choice();
    if (value === "custom") {
      since.value = "";
      since.disabled = true;
    } else {
      since.disabled = false;
      since.value = stamp(new Date(Date.now() - Number(value) * 24 * 3600 * 1000));
    }
  });
  window.addEventListener("pageshow", sync);
  sync();
})();
