// Searchable selects: every <select data-searchable> on the page becomes a Tom Select box
// (type to filter the options). Load tom-select.complete.min.js before this file; the
// CSP allows no inline script, so pages opt in with the data attribute only.
// data-placeholder sets the search box's hint.
(function () {
  "use strict";

  function enhance(root) {
    if (typeof window.TomSelect === "undefined") {
      return; // the plain select still works
    }
    (root || document).querySelectorAll("select[data-searchable]").forEach(function (el) {
      if (el.tomselect) {
        return;
      }
      new window.TomSelect(el, {
        maxOptions: null,
        allowEmptyOption: true,
        placeholder: el.getAttribute("data-placeholder") || "输入文字搜索",
        render: {
          no_results: function () {
            return '<div class="no-results">没有匹配的选项</div>';
          },
        },
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      enhance(document);
    });
  } else {
    enhance(document);
  }
})();
