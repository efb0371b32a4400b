// New alerts from the server-sent event stream, added at the top of the alerts table. Every
// value is set as text (textContent), never as markup: alert titles quote articles.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  const table = document.querySelector("table[data-alert-stream]");
  if (!table || typeof EventSource !== "function") return;
  const body = table.querySelector("tbody");
  const source = new EventSource(table.dataset.alertStream);

  function cell(row, text, cls) {
    const td = row.insertCell();
    if (cls) td.className = cls;
    if (text !== null) td.textContent = text;
    return td;
  }

  function link(parent, href, text, cls) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (cls) a.className = cls;
    parent.appendChild(a);
    return a;
  }

  source.addEventListener("alert", function (event) {
    const alert = JSON.parse(event.data);
    const row = body.insertRow(0);
    cell(row, alert.created_at.slice(0, 16).replace("T", " "), "date");
    const badge = document.createElement("span");
    badge.className = "badge alert-" + alert.kind;
    badge.textContent = alert.kind;
    cell(row, null).appendChild(badge);
    const what = cell(row, null);
    if (alert.story_id) {
      let href = "/stories/" + encodeURIComponent(alert.story_id);
      if (alert.claim_id) href += "#claim-" + encodeURIComponent(alert.claim_id);
      link(what, href, alert.title);
    } else {
      what.textContent = alert.title;
    }
    if (alert.article_id) {
      what.appendChild(document.createTextNode(" "));
      link(what, "/articles/" + encodeURIComponent(alert.article_id), "article", "muted");
    }
    row.classList.add("new");
    const empty = document.querySelector("[data-alerts-empty]");
    if (empty) empty.remove();
  });
});
