// Starts Swagger UI on the locally served schema (kept out of the page so the CSP allows it).
(function () {
  "use strict";
  var script = document.currentScript;
  window.addEventListener("load", function () {
    window.SwaggerUIBundle({
      url: script.getAttribute("data-openapi"),
      dom_id: "#swagger-ui",
      deepLinking: true,
      validatorUrl: null
    });
  });
})();
