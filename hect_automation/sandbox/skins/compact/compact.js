// Native <select> navigation: go as soon as an option is chosen, or on "Go".
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-jump]");
  Array.prototype.forEach.call(forms, function (form) {
    var select = form.querySelector("select");
    if (!select) return;
    function go() {
      if (select.value) window.location.assign(select.value);
    }
    select.addEventListener("change", go);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      go();
    });
    // Coming back through history: show where we are, not where we went.
    window.addEventListener("pageshow", function () { form.reset(); });
  });
})();
