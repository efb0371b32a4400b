// Autocompletion for pickers: every <input data-suggest="actor|place|country|outlet"> gets a
// <datalist> filled from /api/suggest as the user types. The browser draws and keys the list
// (arrows, Enter, Escape), and names reach the page as text only (option.value/label): no
// markup is built from what the server sends. Without script the input still takes a name.
"use strict";
(function () {
  const FIELDS = ["actor", "place", "country", "outlet"];
  const WAIT_MS = 150;
  const SHOWN = 10;

  function articles(n) {
    return n === 1 ? "1 article" : n + " articles";
  }

  function enhance(input, index) {
    const field = input.dataset.suggest;
    if (!FIELDS.includes(field)) {
      return;
    }
    const list = document.createElement("datalist");
    list.id = "suggest-" + field + "-" + index;
    input.after(list);
    input.setAttribute("list", list.id);
    let timer = null;
    let asked = 0;

    async function ask(typed) {
      const mine = ++asked;
      const params = new URLSearchParams({ field: field, q: typed, limit: String(SHOWN) });
      let body;
      try {
        const response = await fetch("/api/suggest?" + params.toString(), {
          headers: { Accept: "application/json" },
        });
        if (!response.ok) {
          return;
        }
        body = await response.json();
      } catch (error) {
        // Offline or the server went away: the input still works as plain text.
        return;
      }
      if (mine !== asked) {
        return; // an answer to older typing arrived late
      }
      const options = body.items.map(function (item) {
        const option = document.createElement("option");
        option.value = item.name;
        option.label = (item.detail ? item.detail + " · " : "") + articles(item.articles);
        return option;
      });
      list.replaceChildren(...options);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      const typed = input.value.trim();
      if (!typed) {
        asked++;
        list.replaceChildren();
        return;
      }
      timer = setTimeout(function () { ask(typed); }, WAIT_MS);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-suggest]").forEach(enhance);
  });
})();
