/*!
 * HECT admin: tables. A small in-house stand-in for DataTables 1.13 (Bootstrap 5 styling)
 * and its Responsive extension: paging ("Show N entries", Previous / 1 / Next), a "Search:"
 * box, sortable headers, and columns that do not fit collapsed into child rows opened by a
 * control column. Usage: new DataTable("#id", { order: [[1, "asc"]], responsive: true }).
 */
(function (window, document) {
  "use strict";

  var counter = 0;
  // Responsive's default breakpoints (the window's width), for column classes such as
  // "min-tablet-l", "desktop", "not-mobile", "all", "none" and "never".
  var BREAKPOINTS = [
    { name: "desktop", width: Infinity },
    { name: "tablet-l", width: 1024 },
    { name: "tablet-p", width: 768 },
    { name: "mobile-l", width: 480 },
    { name: "mobile-p", width: 320 }
  ];

  function text(node) { return (node.textContent || "").replace(/\s+/g, " ").trim(); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "className") node.className = attrs[k];
      else if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function DataTable(selector, options) {
    var table = typeof selector === "string" ? document.querySelector(selector) : selector;
    if (!table) return;
    if (table._dataTable) return table._dataTable;
    table._dataTable = this;
    this.table = table;
    table.classList.add("dataTable");
    this.id = table.id || (table.id = "DataTables_Table_" + counter++);
    this.o = Object.assign({
      pageLength: Number(table.getAttribute("data-page-length")) || 10,
      lengthMenu: [10, 25, 50, 100],
      order: [[0, "asc"]],
      columnDefs: [],
      responsive: false,
      language: {}
    }, options || {});
    this.lang = Object.assign({
      lengthMenu: "Show _MENU_ entries",
      search: "Search:",
      info: "Showing _START_ to _END_ of _TOTAL_ entries",
      infoEmpty: "Showing 0 to 0 of 0 entries",
      infoFiltered: "(filtered from _MAX_ total entries)",
      emptyTable: "No data available in table",
      zeroRecords: "No matching records found",
      previous: "Previous",
      next: "Next"
    }, this.o.language);
    this.page = 0;
    this.length = this.o.pageLength;
    this.query = "";
    this.sort = this.o.order.length ? { col: this.o.order[0][0], dir: this.o.order[0][1] } : null;
    this._readColumns();
    this._readRows();
    this._build();
    if (this.o.responsive) this._initResponsive();
    this.draw();
    if (this.o.responsive) this.recalc();
    table.dispatchEvent(new CustomEvent("init.dt", { bubbles: true }));
  }

  /* ---- Reading the table the server drew ------------------------------------------------ */
  DataTable.prototype._readColumns = function () {
    var defs = this.o.columnDefs;
    this.ths = Array.prototype.slice.call(this.table.tHead.rows[0].cells);
    this.columns = this.ths.map(function (th, i) {
      var col = {
        index: i,
        title: text(th),
        orderable: th.getAttribute("data-orderable") !== "false",
        priority: Number(th.getAttribute("data-priority")) || 10000,
        classes: Array.prototype.slice.call(th.classList),
        control: false
      };
      defs.forEach(function (def) {
        var targets = [].concat(def.targets);
        if (targets.indexOf(i) === -1 && targets.indexOf("_all") === -1) return;
        if (def.orderable !== undefined) col.orderable = def.orderable;
        if (def.responsivePriority !== undefined) col.priority = def.responsivePriority;
        if (def.className) { col.classes = col.classes.concat(def.className.split(/\s+/)); }
      });
      return col;
    });
  };

  DataTable.prototype._readRows = function () {
    var self = this;
    this.tbody = this.table.tBodies[0] || this.table.appendChild(document.createElement("tbody"));
    this.rows = Array.prototype.slice.call(this.tbody.rows).map(function (tr, r) {
      var cells = Array.prototype.slice.call(tr.cells);
      return {
        index: r,
        tr: tr,
        cells: cells,
        search: cells.map(function (td) { return td.getAttribute("data-search") || text(td); }).join("  ").toLowerCase(),
        order: cells.map(function (td) {
          var v = td.getAttribute("data-order");
          return v !== null ? v : text(td);
        }),
        open: false,
        child: null
      };
    });
    this.types = this.columns.map(function (col, i) {
      var values = self.rows.map(function (row) { return row.order[i]; }).filter(function (v) { return v !== ""; });
      return values.length && values.every(function (v) { return !isNaN(Number(v.replace(/[,£$€]/g, ""))); }) ? "num" : "string";
    });
  };

  /* ---- The controls around the table ---------------------------------------------------- */
  DataTable.prototype._build = function () {
    var self = this, id = this.id, table = this.table;
    var wrapper = el("div", { id: id + "_wrapper", className: "dataTables_wrapper dt-bootstrap5" });
    table.parentNode.insertBefore(wrapper, table);

    var select = el("select", { name: id + "_length", "aria-controls": id, className: "form-select form-select-sm" });
    this.o.lengthMenu.forEach(function (n) {
      var option = el("option", { value: String(n), text: String(n) });
      if (n === self.length) option.selected = true;
      select.appendChild(option);
    });
    var parts = this.lang.lengthMenu.split("_MENU_");
    var lengthLabel = el("label", {}, [parts[0], select, parts[1] || ""]);
    var search = el("input", { type: "search", className: "form-control form-control-sm", placeholder: "", "aria-controls": id });
    var searchLabel = el("label", {}, [this.lang.search, search]);

    wrapper.appendChild(el("div", { className: "row" }, [
      el("div", { className: "col-sm-12 col-md-6" }, [el("div", { className: "dataTables_length", id: id + "_length" }, [lengthLabel])]),
      el("div", { className: "col-sm-12 col-md-6" }, [el("div", { className: "dataTables_filter", id: id + "_filter" }, [searchLabel])])
    ]));
    this.holder = el("div", { className: "col-sm-12" });
    wrapper.appendChild(el("div", { className: "row dt-row" }, [this.holder]));
    this.holder.appendChild(table);
    this.info = el("div", { className: "dataTables_info", id: id + "_info", role: "status", "aria-live": "polite" });
    this.paginate = el("div", { className: "dataTables_paginate paging_simple_numbers", id: id + "_paginate" });
    wrapper.appendChild(el("div", { className: "row" }, [
      el("div", { className: "col-sm-12 col-md-5" }, [this.info]),
      el("div", { className: "col-sm-12 col-md-7" }, [this.paginate])
    ]));
    table.setAttribute("aria-describedby", id + "_info");

    select.addEventListener("change", function () {
      var first = self.page * self.length;
      self.length = Number(select.value);
      self.page = Math.floor(first / self.length);
      self.draw();
    });
    var timer = null;
    search.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        if (search.value === self.query) return;
        self.query = search.value;
        self.page = 0;
        self.draw();
      }, 100);
    });

    this.ths.forEach(function (th, i) {
      var col = self.columns[i];
      if (!col.orderable || col.control) { th.classList.add("sorting_disabled"); return; }
      th.setAttribute("tabindex", "0");
      th.setAttribute("aria-controls", id);
      th.addEventListener("click", function () { self._sortBy(i); });
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); self._sortBy(i); }
      });
    });

    this.paginate.addEventListener("click", function (event) {
      var link = event.target.closest("a.page-link");
      if (!link) return;
      event.preventDefault();
      if (link.parentNode.classList.contains("disabled")) return;
      var idx = link.getAttribute("data-dt-idx");
      var pages = self._pages();
      if (idx === "previous") self.page = Math.max(0, self.page - 1);
      else if (idx === "next") self.page = Math.min(pages - 1, self.page + 1);
      else self.page = Number(idx);
      self.draw();
      var again = self.paginate.querySelector('a[data-dt-idx="' + idx + '"]');
      if (again && again.getAttribute("tabindex") !== "-1") again.focus();
    });
  };

  DataTable.prototype._sortBy = function (i) {
    if (this.sort && this.sort.col === i) this.sort.dir = this.sort.dir === "asc" ? "desc" : "asc";
    else this.sort = { col: i, dir: "asc" };
    this.draw();
  };

  /* ---- Drawing --------------------------------------------------------------------------- */
  DataTable.prototype._filtered = function () {
    var terms = this.query.toLowerCase().split(/\s+/).filter(Boolean);
    var rows = this.rows.filter(function (row) {
      return terms.every(function (t) { return row.search.indexOf(t) !== -1; });
    });
    if (this.sort) {
      var col = this.sort.col, dir = this.sort.dir === "desc" ? -1 : 1, num = this.types[col] === "num";
      rows = rows.slice().sort(function (a, b) {
        var x = a.order[col], y = b.order[col], c;
        if (num) c = (Number(x.replace(/[,£$€]/g, "")) || 0) - (Number(y.replace(/[,£$€]/g, "")) || 0);
        else c = x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" });
        return c * dir || a.index - b.index;
      });
    }
    return rows;
  };

  DataTable.prototype._pages = function () {
    return Math.max(1, Math.ceil(this.filteredCount / this.length));
  };

  DataTable.prototype.draw = function () {
    var self = this, rows = this._filtered();
    this.filteredCount = rows.length;
    var pages = this._pages();
    if (this.page >= pages) this.page = pages - 1;
    var start = this.page * this.length;
    this.displayed = rows.slice(start, start + this.length);

    this.ths.forEach(function (th, i) {
      var col = self.columns[i];
      if (!col.orderable || col.control) return;
      var sorted = self.sort && self.sort.col === i;
      th.classList.remove("sorting", "sorting_asc", "sorting_desc");
      th.classList.add(sorted ? "sorting_" + self.sort.dir : "sorting");
      if (sorted) th.setAttribute("aria-sort", self.sort.dir === "asc" ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
      var next = sorted && self.sort.dir === "asc" ? "descending" : "ascending";
      th.setAttribute("aria-label", col.title + ": activate to sort column " + next);
    });

    this._drawBody();

    var end = start + this.displayed.length;
    var info = this.filteredCount === 0 ? this.lang.infoEmpty
      : this.lang.info.replace("_START_", start + 1).replace("_END_", end).replace("_TOTAL_", this.filteredCount);
    if (this.filteredCount !== this.rows.length) info += " " + this.lang.infoFiltered.replace("_MAX_", this.rows.length);
    this.info.textContent = info;
    this._drawPaging(pages);
    this.table.dispatchEvent(new CustomEvent("draw.dt", { bubbles: true }));
  };

  DataTable.prototype._drawBody = function () {
    var self = this, tbody = this.tbody;
    var active = tbody.contains(document.activeElement) ? document.activeElement : null;
    while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
    if (!this.displayed.length) {
      var td = el("td", { valign: "top", colspan: String(this._visibleCount()), className: "dataTables_empty",
        text: this.rows.length ? this.lang.zeroRecords : this.lang.emptyTable });
      tbody.appendChild(el("tr", { className: "odd" }, [td]));
      return;
    }
    this.displayed.forEach(function (row, i) {
      var stripe = i % 2 ? "even" : "odd";
      row.tr.classList.remove("odd", "even");
      row.tr.classList.add(stripe);
      tbody.appendChild(row.tr);
      if (row.child) {
        row.child.classList.remove("odd", "even");
        row.child.classList.add(stripe);
        tbody.appendChild(row.child);
      }
    });
    if (active && tbody.contains(active)) active.focus();
    void self;
  };

  DataTable.prototype._drawPaging = function (pages) {
    var self = this, id = this.id, page = this.page;
    var list = el("ul", { className: "pagination" });
    function button(label, idx, cls, disabled, active) {
      var a = el("a", { "aria-controls": id, role: "link", "data-dt-idx": String(idx), className: "page-link", text: label });
      if (disabled) { a.setAttribute("aria-disabled", "true"); a.setAttribute("tabindex", "-1"); }
      else { a.setAttribute("href", "#"); a.setAttribute("tabindex", "0"); }
      if (active) a.setAttribute("aria-current", "page");
      var li = el("li", { className: "paginate_button page-item " + cls + (disabled ? " disabled" : "") + (active ? " active" : "") }, [a]);
      if (idx === "previous" || idx === "next") li.id = id + "_" + idx;
      list.appendChild(li);
    }
    button(this.lang.previous, "previous", "previous", page === 0, false);
    this._numbers(page, pages).forEach(function (n) {
      if (n === "ellipsis") {
        list.appendChild(el("li", { className: "paginate_button page-item disabled" }, [
          el("a", { "aria-controls": id, "aria-disabled": "true", role: "link", tabindex: "-1", className: "page-link", text: "\u2026" })]));
      } else {
        button(String(n + 1), n, "", false, n === page);
      }
    });
    button(this.lang.next, "next", "next", page >= pages - 1, false);
    this.paginate.replaceChildren(list);
    void self;
  };

  DataTable.prototype._numbers = function (page, pages) {
    var buttons = 7, half = Math.floor(buttons / 2), out = [], i;
    function range(a, b) { var r = []; for (var k = a; k < b; k++) r.push(k); return r; }
    if (pages <= buttons) return range(0, pages);
    if (page <= half) { out = range(0, buttons - 2); out.push("ellipsis", pages - 1); }
    else if (page >= pages - 1 - half) { out = [0, "ellipsis"].concat(range(pages - (buttons - 2), pages)); }
    else { out = [0, "ellipsis"]; for (i = page - 1; i <= page + 1; i++) out.push(i); out.push("ellipsis", pages - 1); }
    return out;
  };

  /* ---- Responsive ------------------------------------------------------------------------ */
  DataTable.prototype._initResponsive = function () {
    var self = this, r = this.o.responsive === true ? {} : this.o.responsive;
    var details = Object.assign({ type: "column", target: 0 }, r.details || {});
    this.responsive = { details: details, display: this.columns.map(function () { return true; }), collapsed: false };
    this.table.classList.add("dtr-" + details.type);
    var control = this.columns[details.target];
    control.control = true;
    control.orderable = false;
    this.ths[details.target].classList.add("sorting_disabled");
    this.rows.forEach(function (row) {
      var td = row.cells[details.target];
      td.classList.add("dtr-control");
      td.setAttribute("tabindex", "0");
    });
    this.tbody.addEventListener("click", function (event) {
      var td = event.target.closest("td.dtr-control");
      if (td && self.tbody.contains(td)) self._toggleChild(td.parentNode);
    });
    this.tbody.addEventListener("keyup", function (event) {
      if (event.key !== "Enter") return;
      var td = event.target.closest("td.dtr-control");
      if (td && td === event.target) self._toggleChild(td.parentNode);
    });
    var timer = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { self.recalc(); }, 100);
    });
  };

  DataTable.prototype._rowOf = function (tr) {
    for (var i = 0; i < this.rows.length; i++) if (this.rows[i].tr === tr) return this.rows[i];
    return null;
  };

  DataTable.prototype._toggleChild = function (tr) {
    var row = this._rowOf(tr);
    if (!row || !this.responsive.collapsed) return;
    if (row.open) {
      this._closeChild(row);
      row.open = false;
    } else {
      row.open = true;
      this._openChild(row);
      if (row.child) {
        row.child.classList.add(row.tr.classList.contains("even") ? "even" : "odd");
        row.tr.parentNode.insertBefore(row.child, row.tr.nextSibling);
      }
    }
    this.table.dispatchEvent(new CustomEvent("responsive-display.dt", { bubbles: true, detail: { row: row.index, show: row.open } }));
  };

  DataTable.prototype._hiddenColumns = function () {
    var display = this.responsive.display;
    return this.columns.filter(function (col, i) { return !col.control && !col.never && display[i] === false; });
  };

  DataTable.prototype._visibleCount = function () {
    if (!this.responsive) return this.columns.length;
    return this.responsive.display.filter(function (d) { return d === true; }).length;
  };

  DataTable.prototype._openChild = function (row) {
    var hidden = this._hiddenColumns();
    if (!hidden.length) return;
    var list = el("ul", { className: "dtr-details", "data-dtr-index": String(row.index) });
    hidden.forEach(function (col) {
      var data = el("span", { className: "dtr-data" });
      var cell = row.cells[col.index];
      while (cell.firstChild) data.appendChild(cell.firstChild);
      list.appendChild(el("li", { "data-dtr-index": String(col.index), "data-dt-row": String(row.index), "data-dt-column": String(col.index) }, [
        el("span", { className: "dtr-title", text: col.title + ":" }), " ", data
      ]));
    });
    row.child = el("tr", { className: "child" }, [el("td", { className: "child", colspan: String(this._visibleCount()) }, [list])]);
    row.tr.classList.add("parent", "dt-hasChild");
  };

  DataTable.prototype._closeChild = function (row) {
    if (!row.child) return;
    var self = this;
    row.child.querySelectorAll("li[data-dtr-index]").forEach(function (li) {
      var cell = row.cells[Number(li.getAttribute("data-dtr-index"))];
      var data = li.querySelector(".dtr-data");
      while (data.firstChild) cell.appendChild(data.firstChild);
    });
    if (row.child.parentNode) row.child.parentNode.removeChild(row.child);
    row.child = null;
    row.tr.classList.remove("parent", "dt-hasChild");
    void self;
  };

  DataTable.prototype._breakpoint = function () {
    var width = window.innerWidth, name = BREAKPOINTS[0].name;
    for (var i = BREAKPOINTS.length - 1; i >= 0; i--) {
      if (width <= BREAKPOINTS[i].width) { name = BREAKPOINTS[i].name; break; }
    }
    return name;
  };

  // What a column's classes say at this breakpoint: true (shown), false (in the child row),
  // or "-" (shown if it fits).
  DataTable.prototype._classRule = function (col, breakpoint) {
    var names = BREAKPOINTS.map(function (b) { return b.name; });
    var at = names.indexOf(breakpoint);
    var rule = "-";
    col.classes.forEach(function (cls) {
      if (cls === "all") rule = true;
      else if (cls === "none") rule = false;
      else if (cls === "never") { rule = false; col.never = true; }
      names.forEach(function (name, i) {
        if (cls === name) rule = at === i;
        else if (cls === "min-" + name) rule = at <= i;
        else if (cls === "max-" + name) rule = at >= i;
        else if (cls === "not-" + name) rule = at !== i;
      });
    });
    return rule;
  };

  // Each column's width with every column shown and nothing wrapped, as the Responsive
  // extension measures it: a hidden copy of the table, header and rows.
  DataTable.prototype._measure = function () {
    var clone = this.table.cloneNode(false);
    clone.removeAttribute("id");
    clone.style.width = "auto";
    clone.classList.remove("collapsed");
    var head = this.table.tHead.cloneNode(true);
    function unhide(c) { c.classList.remove("dtr-hidden"); c.style.display = ""; }
    head.querySelectorAll(".dtr-hidden").forEach(unhide);
    clone.appendChild(head);
    var body = document.createElement("tbody");
    this.rows.forEach(function (row) {
      var tr = row.tr.cloneNode(true);
      tr.querySelectorAll(".dtr-hidden").forEach(unhide);
      body.appendChild(tr);
    });
    clone.appendChild(body);
    var box = el("div", { "aria-hidden": "true" });
    box.style.cssText = "position:absolute;top:0;left:0;width:max-content;height:1px;overflow:hidden;visibility:hidden;";
    box.appendChild(clone);
    this.holder.appendChild(box);
    var widths = Array.prototype.map.call(clone.tHead.rows[0].cells, function (th) { return th.getBoundingClientRect().width; });
    this.holder.removeChild(box);
    return widths;
  };

  DataTable.prototype.recalc = function () {
    if (!this.responsive) return;
    var self = this;
    // Put every moved cell back before measuring.
    this.rows.forEach(function (row) { self._closeChild(row); });
    var widths = this._measure();
    var style = window.getComputedStyle(this.holder);
    var available = this.holder.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    var breakpoint = this._breakpoint();
    var display = this.columns.map(function (col) { return col.control ? "-" : self._classRule(col, breakpoint); });

    var required = 0;
    this.columns.forEach(function (col, i) { if (display[i] === true || col.control) required += widths[i]; });
    var used = available - required;
    var order = this.columns.filter(function (col) { return !col.control; }).slice().sort(function (a, b) {
      return a.priority - b.priority || a.index - b.index;
    });
    var empty = false;
    order.forEach(function (col) {
      if (display[col.index] !== "-") return;
      if (empty || used - widths[col.index] < 0) { empty = true; display[col.index] = false; }
      else display[col.index] = true;
      used -= widths[col.index];
    });
    var collapsed = this.columns.some(function (col, i) { return !col.control && !col.never && display[i] === false; });
    this.columns.forEach(function (col, i) { if (col.control) display[i] = collapsed; });

    this.responsive.display = display;
    this.responsive.collapsed = collapsed;
    this.table.classList.toggle("collapsed", collapsed);
    this.columns.forEach(function (col, i) {
      var show = display[i] === true;
      self.ths[i].classList.toggle("dtr-hidden", !show);
      self.ths[i].style.display = show ? "" : "none";
      self.rows.forEach(function (row) {
        row.cells[i].classList.toggle("dtr-hidden", !show);
        row.cells[i].style.display = show ? "" : "none";
      });
    });
    this.rows.forEach(function (row) {
      if (!collapsed) row.open = false;
      if (row.open) self._openChild(row);
    });
    this._drawBody();
    this.table.dispatchEvent(new CustomEvent("responsive-resize.dt", { bubbles: true, cancelable: false }));
  };

  window.DataTable = DataTable;
})(window, document);
