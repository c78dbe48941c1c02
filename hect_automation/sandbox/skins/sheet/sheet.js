// HECT "sheet" skin: the Settings segmented control and the Connect Channel side sheet.
(function () {
  "use strict";

  // -- Segmented control: one radio per section, the checked one's section is shown ---------
  function syncSegments(group) {
    group.querySelectorAll('input[type="radio"]').forEach(function (radio) {
      var section = document.getElementById(radio.getAttribute("aria-controls"));
      if (section) section.hidden = !radio.checked;
    });
  }

  function initSegments() {
    document.querySelectorAll("[data-segmented]").forEach(function (group) {
      group.addEventListener("change", function () { syncSegments(group); });
      syncSegments(group);
    });
  }

  // -- Side sheet: non-modal, slides in from the right, the page stays usable ---------------
  var openSheet = null;
  var opener = null;
  var hideTimer = null;
  var SLIDE_MS = 180;

  function closeSheet(returnFocus) {
    if (!openSheet) return;
    var sheet = openSheet;
    sheet.classList.remove("is-open");
    document.body.classList.remove("sheet-open");
    if (opener) opener.setAttribute("aria-expanded", "false");
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () { sheet.hidden = true; }, SLIDE_MS);
    if (returnFocus && opener) opener.focus();
    openSheet = null;
    opener = null;
  }

  function showSheet(sheet, button) {
    if (openSheet === sheet) return;
    closeSheet(false);
    clearTimeout(hideTimer);
    sheet.hidden = false;
    void sheet.offsetWidth; // start the slide from off-screen
    sheet.classList.add("is-open");
    document.body.classList.add("sheet-open");
    button.setAttribute("aria-expanded", "true");
    openSheet = sheet;
    opener = button;
    var heading = sheet.querySelector("h2");
    if (heading) heading.focus({ preventScroll: true });
  }

  function initSheets() {
    document.addEventListener("click", function (event) {
      var open = event.target.closest("[data-sheet-open]");
      if (open) {
        var sheet = document.getElementById(open.getAttribute("data-sheet-open"));
        if (!sheet) return;
        if (openSheet === sheet) closeSheet(false);
        else showSheet(sheet, open);
        return;
      }
      if (event.target.closest("[data-sheet-close]")) closeSheet(true);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && openSheet && openSheet.contains(document.activeElement)) {
        closeSheet(true);
      }
    });
  }

  function init() {
    initSegments();
    initSheets();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  // A page restored from the back/forward cache keeps its radios: show the matching section.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("[data-segmented]").forEach(syncSegments);
  });
})();
