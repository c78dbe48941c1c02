// regionstep: the Reconnect step. "Continue" takes the user to the marketplace's consent
// page in this tab; the region select warns when it does not match the marketplace.
(function () {
  "use strict";
  var form = document.getElementById("reconnect-form");
  if (!form) return;
  var region = document.getElementById("reconnect-region");
  var hint = document.getElementById("region-hint");
  var go = document.getElementById("reconnect-continue");

  function checkRegion() {
    if (!region || !hint) return;
    var expected = region.getAttribute("data-expected");
    hint.hidden = !expected || region.value === expected;
  }
  if (region) {
    region.addEventListener("change", checkRegion);
    checkRegion();
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var target = go.getAttribute("data-href");
    if (!target) return;
    go.disabled = true;
    go.setAttribute("aria-busy", "true");
    window.location.assign(target);
  });
})();
