// newtab skin: small behaviours for the channel-list tab and its popups.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;

    // The yellow Connect Channel button: the marketplace's consent page in a popup window.
    var connect = target.closest("[data-popup-url]");
    if (connect) {
      event.preventDefault();
      var url = connect.getAttribute("data-popup-url");
      var name = connect.getAttribute("data-popup-name") || "hect_connect";
      var width = 560, height = 720;
      var left = Math.max(0, Math.round(window.screenX + (window.outerWidth - width) / 2));
      var top = Math.max(0, Math.round(window.screenY + (window.outerHeight - height) / 2));
      var popup = window.open(url, name,
        "popup=yes,width=" + width + ",height=" + height + ",left=" + left + ",top=" + top);
      if (popup) {
        popup.focus();
      } else {
        window.alert("Your browser blocked the Connect Channel window. Allow pop-ups for HECT and try again.");
      }
      return;
    }

    // "Close tab" / "Close window": close this browsing context; if the browser refuses
    // (a tab the user opened by hand), go back to HECT instead.
    var closer = target.closest("[data-close-window]");
    if (closer) {
      event.preventDefault();
      var fallback = closer.getAttribute("href");
      window.close();
      window.setTimeout(function () {
        if (!window.closed && fallback) window.location.assign(fallback);
      }, 300);
    }
  });
})();
