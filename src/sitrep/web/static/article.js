// Article page: opening a claim marks its evidence in the text; clicking claim text (or
// pressing Enter or Space on a quote, which Tab reaches) opens it; a link to a span (a quote
// from a story's claim board, an item of the lists) lands on it: focused, flashed, and its
// claim opened.
"use strict";
(function () {
  const text = document.getElementById("article-text");
  if (!text) return;
  const claims = Array.from(document.querySelectorAll("details.claim"));

  function highlight(anchor) {
    for (const el of text.querySelectorAll(".evidence-active")) el.classList.remove("evidence-active");
    if (!anchor) return;
    const evidence = Array.from(text.querySelectorAll('[data-claims~="' + CSS.escape(anchor) + '"]'));
    for (const el of evidence) el.classList.add("evidence-active");
    // A quote landed on stays in view; else the claim's first piece of evidence is shown.
    const shown = evidence.includes(document.activeElement) ? document.activeElement : evidence[0];
    if (shown) shown.scrollIntoView({ block: "center", behavior: "smooth" });
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

  // Opens the claim a span of the text is evidence for; returns whether it had one.
  function openClaimOf(span) {
    const anchor = span.dataset.claims.split(" ")[0];
    const details = claims.find(function (c) { return c.dataset.claim === anchor; });
    if (!details) return false;
    details.open = true;
    details.scrollIntoView({ block: "nearest" });
    return true;
  }

  text.addEventListener("click", function (event) {
    const span = event.target.closest("[data-claims]");
    if (span) openClaimOf(span);
  });

  text.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    const span = event.target.closest("[data-claims]");
    if (span && openClaimOf(span)) event.preventDefault();
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

  // The span an anchor of the text marks: several spans may start at one place, so their
  // anchors stand side by side before it.
  function spanAfter(anchor) {
    let el = anchor.nextElementSibling;
    while (el && el.classList.contains("anchor")) el = el.nextElementSibling;
    return el;
  }

  function land() {
    const target = hashTarget();
    if (!target) return;
    if (target.tagName === "DETAILS") {
      // A link to one claim (a story's claim board, for a report stored without ids) opens it.
      target.open = true;
      return;
    }
    if (!target.classList.contains("anchor") || !text.contains(target)) return;
    const span = spanAfter(target);
    if (!span) return;
    span.focus({ preventScroll: true });
    if (span.dataset.claims) openClaimOf(span);
    span.scrollIntoView({ block: "center" });
    span.classList.remove("flash");
    void span.offsetWidth;
    span.classList.add("flash");
  }

  // At load, only once loading has ended: Chromium drops focus given before then.
  if (document.readyState === "complete") land();
  else window.addEventListener("load", land);
  window.addEventListener("hashchange", land);
})();
