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
      // Tom Select moves the <label for> to its search box; the original select (kept for
      // the form) keeps the label's text as its accessible name.
      var label = el.id ? document.querySelector('label[for="' + el.id + '"]') : null;
      if (label && !el.hasAttribute("aria-label")) {
        el.setAttribute("aria-label", label.textContent.trim());
      }
      new window.TomSelect(el, {
        maxOptions: null,
        // The empty option ("请选择") becomes the box's hint, not a choice.
        allowEmptyOption: false,
        placeholder: el.getAttribute("data-placeholder") || "请选择，可输入文字搜索",
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
