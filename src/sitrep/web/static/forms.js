// Selects marked data-autosubmit submit their form when changed (a plain button otherwise).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", function () { select.form.submit(); });
  }
});
