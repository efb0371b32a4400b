// Timelines: every canvas[data-timeline] gets a Chart.js chart of its figures (the table
// beside it holds the same): articles as bars, events stacked by type, and a story's claims
// as points where they were first asserted and first denied, named in the tooltip.
"use strict";
(function () {
  const ARTICLES = "#1f5f99";
  const ASSERTED = "#2b8a3e";
  const DENIED = "#c92a2a";
  // Event types, the most frequent first; the rest share the last colour.
  const EVENT_COLOURS = ["#c4610f", "#7a3fb0", "#1c8a4c", "#b8860b", "#5c7cfa", "#868e96"];

  function datasets(timeline) {
    const found = [];
    let colour = 0;
    for (const series of timeline.series) {
      if (!series.total) continue;
      if (series.key === "articles") {
        found.push({ type: "bar", label: series.label, data: series.counts, backgroundColor: ARTICLES, stack: "articles", order: 2 });
      } else if (series.key.startsWith("events:")) {
        const c = EVENT_COLOURS[Math.min(colour++, EVENT_COLOURS.length - 1)];
        found.push({ type: "bar", label: series.label, data: series.counts, backgroundColor: c, stack: "events", order: 2 });
      } else {
        const denied = series.key === "denied";
        found.push({
          type: "line", label: series.label, key: series.key, showLine: false, order: 1,
          // Each stack of its own, so the points stand at their count, not on the bars.
          stack: series.key,
          data: series.counts.map(function (n) { return n || null; }),
          pointStyle: denied ? "crossRot" : "triangle", pointRadius: 7, pointHoverRadius: 9,
          borderColor: denied ? DENIED : ASSERTED, backgroundColor: denied ? DENIED : ASSERTED, borderWidth: 2,
        });
      }
    }
    return found;
  }

  function label(timeline, start) {
    if (timeline.bucket === "month") return start.slice(0, 7);
    if (timeline.bucket === "week") return "wk " + start;
    return start;
  }

  // The claims a point stands for, by series key and bucket, for its tooltip.
  function claimsAt(timeline) {
    const at = { asserted: {}, denied: {} };
    for (const claim of timeline.claims) {
      for (const key of ["asserted", "denied"]) {
        const bucket = claim[key + "_bucket"];
        if (bucket === null) continue;
        (at[key][bucket] = at[key][bucket] || []).push(claim.text);
      }
    }
    return at;
  }

  function draw(canvas) {
    const timeline = JSON.parse(canvas.dataset.timeline);
    const at = claimsAt(timeline);
    new Chart(canvas, {
      data: { labels: timeline.buckets.map(function (b) { return label(timeline, b); }), datasets: datasets(timeline) },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { stacked: true, grid: { display: false } },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
        },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12, usePointStyle: true } },
          tooltip: {
            callbacks: {
              afterLabel: function (item) {
                const texts = item.dataset.key && at[item.dataset.key][item.dataIndex];
                return texts ? texts.slice(0, 5).map(function (t) { return "  " + t; }) : "";
              },
            },
          },
        },
      },
    });
    canvas.dataset.ready = "true";
  }

  document.addEventListener("DOMContentLoaded", function () {
    for (const canvas of document.querySelectorAll("canvas[data-timeline]")) draw(canvas);
  });
})();
