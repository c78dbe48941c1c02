(function () {
  var box = document.getElementById("settings-search");
  var list = document.getElementById("settings-list");
  var none = document.getElementById("settings-none");
  if (!box || !list) return;
  function apply() {
    var q = box.value.trim().toLowerCase();
    var shown = 0;
    list.querySelectorAll(".settings-group").forEach(function (group) {
      var groupShown = 0;
      group.querySelectorAll("li").forEach(function (li) {
        var text = (li.textContent + " " + (li.dataset.keywords || "")).toLowerCase();
        var match = !q || text.indexOf(q) !== -1;
        li.hidden = !match;
        if (match) groupShown++;
      });
      group.hidden = groupShown === 0;
      shown += groupShown;
    });
    none.hidden = shown !== 0;
  }
  box.addEventListener("input", apply);
  apply();
})();
