/* 驾驶舱: draws each figure's chart from the data the page hands over with json_script
   (#cockpit-charts). No inline script (CSP); Chart.js is served by the app. The same
   numbers are in the table under each chart. */
(function () {
  "use strict";
  var source = document.getElementById("cockpit-charts");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var specs = JSON.parse(source.textContent);
  // Colour-blind-safe palette (Okabe–Ito), darkened where text sits on it.
  var PALETTE = ["#0072B2", "#009E73", "#56B4E9", "#D55E00", "#E69F00", "#CC79A7", "#999999", "#000000"];
  var charts = {};
  var phone = window.matchMedia("(max-width: 576px)").matches;

  function colour(ds, i) {
    var n = typeof ds.color === "number" ? ds.color : i;
    return PALETTE[n % PALETTE.length];
  }

  function draw(code, spec) {
    var box = document.querySelector('.fz-chart[data-chart="' + code + '"]');
    var canvas = document.getElementById("chart-" + code);
    if (!box || !canvas) {
      return;
    }
    var horizontal = spec.horizontal;
    var rows = spec.labels.length;
    // Horizontal bars get a row of height each, so fifty units stay readable on a phone.
    var height = horizontal ? Math.max(200, rows * (phone ? 22 : 20) + 70) : phone ? 240 : 280;
    box.style.height = height + "px";
    var suffix = spec.suffix || "";
    var datasets = spec.datasets.map(function (ds, i) {
      var c = colour(ds, i);
      return {
        label: ds.label,
        data: ds.data,
        backgroundColor: c,
        borderColor: c,
        borderWidth: spec.kind === "line" ? 2 : 0,
        tension: 0,
        spanGaps: true,
        pointRadius: spec.kind === "line" ? 4 : 0,
      };
    });
    var valueAxis = {
      beginAtZero: true,
      stacked: spec.stacked,
      ticks: {
        callback: function (v) {
          return v + suffix;
        },
      },
    };
    // Counts have no fractions: no "0.5项" ticks.
    var whole = spec.datasets.every(function (ds) {
      return ds.data.every(function (v) {
        return v === null || Number.isInteger(v);
      });
    });
    if (whole) {
      valueAxis.ticks.precision = 0;
    }
    if (spec.max !== null && spec.max !== undefined) {
      valueAxis.max = spec.max;
    }
    var categoryAxis = { stacked: spec.stacked, ticks: { autoSkip: !horizontal } };
    var options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: horizontal ? "y" : "x",
      plugins: {
        legend: { position: phone ? "bottom" : "top", labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            label: function (ctx) {
              var v = horizontal ? ctx.parsed.x : ctx.parsed.y;
              return ctx.dataset.label + "：" + (v === null ? "—" : v + suffix);
            },
          },
        },
      },
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
    };
    charts[code] = new Chart(canvas, {
      type: spec.kind,
      data: { labels: spec.labels, datasets: datasets },
      options: options,
    });
  }

  Object.keys(specs).forEach(function (code) {
    draw(code, specs[code]);
  });
  // For the browser tests and for anyone inspecting the page.
  window.fazhiCharts = charts;
})();
