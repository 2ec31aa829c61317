/* Selects that staff can use (issue 12, point 5), on every office page:
   - a long select (units, people: more than 10 choices) becomes searchable with Tom Select
     (type a few characters of a name); data-searchable="off" keeps a plain select,
     data-searchable="on" makes a short one searchable too;
   - a required select offering a single choice has that choice already selected.
   Loaded from base.html as a static file: the CSP allows no inline script. */
(function () {
  "use strict";

  var LONG = 10;

  function choices(select) {
    return Array.prototype.filter.call(select.options, function (o) {
      return o.value !== "";
    });
  }

  function preselectSingle(select) {
    if (select.multiple || !select.required || select.value !== "") {
      return;
    }
    var real = choices(select);
    if (real.length === 1) {
      real[0].selected = true;
    }
  }

  function makeSearchable(select) {
    var mode = select.getAttribute("data-searchable");
    if (mode === "off" || select.tomselect || typeof window.TomSelect === "undefined") {
      return;
    }
    if (select.options.length <= LONG && mode !== "on") {
      return;
    }
    var blank = Array.prototype.filter.call(select.options, function (o) {
      return o.value === "";
    })[0];
    new window.TomSelect(select, {
      maxOptions: null,
      allowEmptyOption: true,
      create: false,
      placeholder: blank ? blank.text : "请选择",
      plugins: select.multiple ? ["remove_button"] : [],
      render: {
        no_results: function () {
          return '<div class="no-results">没有匹配的选项</div>';
        }
      }
    });
    // Tom Select's search box now carries the label; the hidden original is left out of
    // the accessibility tree so a screen reader meets one field, not two.
    select.setAttribute("aria-hidden", "true");
  }

  function init() {
    document.querySelectorAll("select").forEach(function (select) {
      preselectSingle(select);
      makeSearchable(select);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
