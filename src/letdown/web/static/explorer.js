// Reflex explorer: re-simulate as the sliders move (progressive enhancement of a GET form).
(function () {
  "use strict";
  var form = document.getElementById("explorer-form");
  var result = document.getElementById("explorer-result");
  if (!form || !result || !window.fetch) { return; }
  var pending = null, controller = null;
  function query() {
    var params = new URLSearchParams(new FormData(form));
    return params.toString();
  }
  function update() {
    form.querySelectorAll('input[type="range"]').forEach(function (r) {
      var out = document.getElementById(r.id + "-out");
      if (out) { out.textContent = r.value; }
    });
    clearTimeout(pending);
    pending = setTimeout(function () {
      if (controller) { controller.abort(); }
      controller = new AbortController();
      var q = query();
      result.setAttribute("aria-busy", "true");
      fetch("/explorer?part=result&" + q, { signal: controller.signal })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) {
          result.innerHTML = html;
          result.setAttribute("aria-busy", "false");
          history.replaceState(null, "", "/explorer?" + q);
        })
        .catch(function () { result.setAttribute("aria-busy", "false"); });
    }, 150);
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
})();
