// HECT "sidebyside": the Connect channel popup and the Order poll dialog.
(function () {
  "use strict";

  function openConnect(button) {
    var url = button.getAttribute("data-connect-url");
    if (!url) return;
    var width = 620, height = 720;
    var left = Math.max(0, (window.screenX || 0) + (window.outerWidth - width) / 2);
    var top = Math.max(0, (window.screenY || 0) + (window.outerHeight - height) / 2);
    var popup = window.open(
      url,
      "hect-connect",
      "popup=yes,width=" + width + ",height=" + height + ",left=" + left + ",top=" + top
    );
    if (!popup) {
      // Popups blocked: go there in this tab instead.
      window.location.href = url;
      return;
    }
    popup.focus();
  }

  function openPoll(link, dialog) {
    var form = dialog.querySelector("form");
    var title = dialog.querySelector("#poll-dialog-title");
    var input = dialog.querySelector('input[type="datetime-local"]');
    form.action = link.getAttribute("href");
    title.textContent = "Order poll: " + (link.getAttribute("data-channel-name") || "");
    input.value = "";
    dialog.showModal();
    input.focus();
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;

    var connect = target.closest("button[data-connect-url]");
    if (connect) {
      event.preventDefault();
      openConnect(connect);
      return;
    }

    var pollLink = target.closest("a[data-poll-dialog]");
    var dialog = document.getElementById("poll-dialog");
    if (pollLink && dialog && typeof dialog.showModal === "function") {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      openPoll(pollLink, dialog);
      return;
    }

    var closer = target.closest("[data-close-dialog]");
    if (closer) {
      var open = closer.closest("dialog");
      if (open) open.close();
    }
  });
})();
