// Swagger UI over the server's OpenAPI description (the page may hold no inline script).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  const box = document.getElementById("swagger-ui");
  if (!box || typeof SwaggerUIBundle !== "function") return;
  SwaggerUIBundle({ url: box.dataset.spec, domNode: box, deepLinking: true });
});
