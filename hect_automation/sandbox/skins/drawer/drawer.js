/* HECT admin: side drawer, order poll modal, inline rename, toasts. */
(function () {
  "use strict";

  var SNAPSHOT_KEY = "hect.integrations";
  var lastOpener = null;

  function drawerEl() { return document.getElementById("channels-drawer"); }
  function openLayer() { return document.querySelector(".modal-layer:not([hidden])"); }

  /* -- The Sales Channels list, kept to be drawn greyed behind a platform's drawer -------- */
  function rememberIntegrations() {
    var list = document.getElementById("integrations");
    if (!list) return;
    try { sessionStorage.setItem(SNAPSHOT_KEY, list.outerHTML); } catch (e) { /* private mode */ }
  }

  function drawPageBehind() {
    var slot = document.querySelector("[data-snapshot=integrations]");
    if (!slot) return;
    var html = null;
    try { html = sessionStorage.getItem(SNAPSHOT_KEY); } catch (e) { /* ignore */ }
    if (!html) return;
    slot.innerHTML = html;
    slot.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
  }

  /* -- Drawer ------------------------------------------------------------------------------ */
  function closeDrawer() {
    var drawer = drawerEl();
    if (drawer) window.location.assign(drawer.getAttribute("data-return"));
  }

  /* -- Order poll modal -------------------------------------------------------------------- */
  function openModal(layer, opener) {
    lastOpener = opener || null;
    layer.hidden = false;
    var drawer = drawerEl();
    if (drawer) drawer.inert = true;
    var first = layer.querySelector("input:not([type=hidden]), button");
    if (first) first.focus();
  }

  function closeModal(layer) {
    if (!layer) return;
    layer.hidden = true;
    var drawer = drawerEl();
    if (drawer) drawer.inert = false;
    if (lastOpener && document.body.contains(lastOpener)) lastOpener.focus();
    else if (drawer) drawer.focus();
    lastOpener = null;
  }

  /* -- Toasts ------------------------------------------------------------------------------ */
  function toast(text) {
    var region = document.getElementById("toasts");
    if (!region) return;
    var box = document.createElement("div");
    box.className = "toast toast-info";
    box.setAttribute("role", "status");
    var p = document.createElement("p");
    p.textContent = text;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "icon-btn";
    close.setAttribute("data-dismiss-toast", "");
    close.setAttribute("aria-label", "Dismiss notification");
    close.innerHTML = '<svg aria-hidden="true" viewBox="0 0 20 20"><path d="M5 5l10 10M15 5L5 15"/></svg>';
    box.appendChild(p);
    box.appendChild(close);
    region.appendChild(box);
    setTimeout(function () { box.remove(); }, 6000);
  }

  /* -- Inline rename (names are changed by HECT support for now) --------------------------- */
  function finishRename(input) {
    input.classList.remove("editing");
    var original = input.getAttribute("data-original");
    if (input.value.trim() !== original) {
      input.value = original;
      toast("Channel names cannot be changed here yet. Please contact HECT support.");
    }
  }

  /* -- The drawer's table on the order poll page: the list page's own, fetched ------------- */
  function loadFrames() {
    document.querySelectorAll("[data-frame-src]").forEach(function (slot) {
      fetch(slot.getAttribute("data-frame-src"), { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (res) {
          if (!res.ok) throw new Error("HTTP " + res.status);
          return res.text();
        })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var part = doc.getElementById(slot.id);
          if (!part) throw new Error("no channel list");
          slot.replaceChildren.apply(slot, Array.prototype.map.call(part.childNodes, function (n) {
            return document.importNode(n, true);
          }));
          slot.removeAttribute("aria-busy");
        })
        .catch(function () {
          slot.removeAttribute("aria-busy");
          slot.innerHTML = "";
          var p = document.createElement("p");
          p.className = "form-error";
          p.textContent = "The channels could not be loaded. ";
          var a = document.createElement("a");
          a.href = slot.getAttribute("data-frame-src");
          a.textContent = "Open the channel list";
          p.appendChild(a);
          slot.appendChild(p);
        });
    });
  }

  /* -- Events ------------------------------------------------------------------------------ */
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;

    var el = target.closest("[data-dismiss-toast]");
    if (el) { el.closest(".toast").remove(); return; }

    el = target.closest("[data-close-modal]");
    if (el) { closeModal(el.closest(".modal-layer")); return; }

    el = target.closest("[data-close-drawer]");
    if (el) { event.preventDefault(); closeDrawer(); return; }

    el = target.closest("[data-open-dialog]");
    if (el) {
      var layer = document.getElementById(el.getAttribute("data-open-dialog"));
      if (layer) openModal(layer, el);
      else window.location.assign(el.getAttribute("data-href"));
      return;
    }

    el = target.closest("[data-rename]");
    if (el) {
      var input = el.parentElement.querySelector(".name-input");
      input.classList.add("editing");
      input.focus();
      input.select();
    }
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target instanceof HTMLInputElement && target.classList.contains("name-input")) {
      if (event.key === "Enter") { event.preventDefault(); target.blur(); return; }
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        target.value = target.getAttribute("data-original");
        target.blur();
        return;
      }
    }
    if (event.key !== "Escape" || event.defaultPrevented) return;
    var layer = openLayer();
    if (layer) { closeModal(layer); return; }
    if (drawerEl()) closeDrawer();
  });

  document.addEventListener("focusin", function (event) {
    var t = event.target;
    if (t instanceof HTMLInputElement && t.classList.contains("name-input")) t.classList.add("editing");
  });

  document.addEventListener("focusout", function (event) {
    var t = event.target;
    if (t instanceof HTMLInputElement && t.classList.contains("name-input")) finishRename(t);
  });

  function start() {
    rememberIntegrations();
    drawPageBehind();
    loadFrames();
    var layer = openLayer();
    if (layer) openModal(layer, null);
    else if (drawerEl() && !document.querySelector(".toast[role=alert]")) drawerEl().focus();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
