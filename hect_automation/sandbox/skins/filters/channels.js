(function () {
  var root = document.getElementById("channel-list");
  if (!root) return;
  var table = document.getElementById("channels-table");
  var rows = Array.prototype.slice.call(table.querySelectorAll("tr.channel-row"));
  var nameBox = document.getElementById("name-filter");
  var sizeSel = document.getElementById("rows-per-page");
  var noMatch = document.getElementById("no-match");
  var status = document.getElementById("pager-status");
  var prev = document.getElementById("pager-prev");
  var next = document.getElementById("pager-next");
  var page = 1;

  function view() {
    var checked = root.querySelector('input[name="status-filter"]:checked');
    return checked ? checked.value : "all";
  }

  function render() {
    var state = view();
    var q = nameBox.value.trim().toLowerCase();
    var size = parseInt(sizeSel.value, 10) || 10;
    var matching = rows.filter(function (tr) {
      if (state !== "all" && tr.dataset.state !== state) return false;
      return !q || tr.dataset.name.indexOf(q) !== -1;
    });
    var pages = Math.max(1, Math.ceil(matching.length / size));
    if (page > pages) page = pages;
    var first = (page - 1) * size;
    rows.forEach(function (tr) { tr.hidden = true; });
    matching.slice(first, first + size).forEach(function (tr) { tr.hidden = false; });
    noMatch.hidden = matching.length !== 0;
    if (matching.length) {
      status.textContent = (first + 1) + "–" + Math.min(first + size, matching.length) +
        " of " + matching.length;
    } else {
      status.textContent = "0 of 0";
    }
    prev.disabled = page <= 1;
    next.disabled = page >= pages;
  }

  root.querySelectorAll('input[name="status-filter"]').forEach(function (radio) {
    radio.addEventListener("change", function () { page = 1; render(); });
  });
  nameBox.addEventListener("input", function () { page = 1; render(); });
  sizeSel.addEventListener("change", function () { page = 1; render(); });
  prev.addEventListener("click", function () { page -= 1; render(); });
  next.addEventListener("click", function () { page += 1; render(); });

  // The whole row opens the channel's page; links inside it keep their own behaviour.
  table.addEventListener("click", function (event) {
    if (event.target.closest("a, button, input, select, label")) return;
    var tr = event.target.closest("tr.channel-row");
    if (!tr) return;
    if (window.getSelection && String(window.getSelection()).length) return;
    if (event.ctrlKey || event.metaKey) {
      window.open(tr.dataset.href, "_blank");
    } else {
      window.location.href = tr.dataset.href;
    }
  });
  table.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var tr = event.target.closest("tr.channel-row");
    if (tr && event.target === tr) window.location.href = tr.dataset.href;
  });

  render();
})();
