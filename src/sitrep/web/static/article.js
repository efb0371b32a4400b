// Article page: opening a claim marks its evidence in the text; clicking claim text opens it.
"use strict";
(function () {
  const text = document.getElementById("article-text");
  if (!text) return;
  const claims = Array.from(document.querySelectorAll("details.claim"));

  function highlight(anchor) {
    for (const el of text.querySelectorAll(".evidence-active")) el.classList.remove("evidence-active");
    if (!anchor) return;
    const evidence = text.querySelectorAll('[data-claims~="' + CSS.escape(anchor) + '"]');
    for (const el of evidence) el.classList.add("evidence-active");
    if (evidence.length) evidence[0].scrollIntoView({ block: "center", behavior: "smooth" });
  }

  for (const details of claims) {
    details.addEventListener("toggle", function () {
      if (details.open) {
        for (const other of claims) if (other !== details) other.open = false;
        highlight(details.dataset.claim);
      } else if (!claims.some(function (c) { return c.open; })) {
        highlight(null);
      }
    });
  }

  text.addEventListener("click", function (event) {
    const span = event.target.closest("[data-claims]");
    if (!span) return;
    const anchor = span.dataset.claims.split(" ")[0];
    const details = claims.find(function (c) { return c.dataset.claim === anchor; });
    if (!details) return;
    details.open = true;
    details.scrollIntoView({ block: "nearest" });
  });

  // The element the URL's fragment names, or null. Anyone can write a link whose fragment is
  // no valid percent-encoding (#claim-%E0%A4%A), on which decodeURIComponent throws; no id
  // of this page is spelled so.
  function hashTarget() {
    let id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      if (error instanceof URIError) return null;
      throw error;
    }
    return id ? document.getElementById(id) : null;
  }

  // A link to one claim (from a story's claim board) opens it.
  if (location.hash.startsWith("#claim-")) {
    const linked = hashTarget();
    if (linked && linked.tagName === "DETAILS") linked.open = true;
  }

  // Jumping to a span (from an item list) flashes it, so the eye finds it.
  window.addEventListener("hashchange", function () {
    const target = hashTarget();
    const span = target && target.nextElementSibling;
    if (!span) return;
    span.classList.remove("flash");
    void span.offsetWidth;
    span.classList.add("flash");
  });
})();
