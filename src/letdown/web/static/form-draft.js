// Typed values survive a reload: every form[data-draft="NAME"] is kept in this device's
// storage as it is typed, and what was typed is put back when the page shows that form
// again (not re-shown with errors: that one already carries what was sent). Never kept: passwords, files, hidden fields, the CSRF token and
// the form key. A successful send drops the kept copy; a form the server re-showed with
// errors already carries what was sent, so nothing is put back over it.
(function () {
  "use strict";
  var PREFIX = "letdown-form:", SENT = "letdown-form-sent", SENT_FOR = 120e3;
  var NEVER = ["csrftoken", "form_key"];
  var SKIP_TYPES = ["password", "file", "hidden", "submit", "button", "reset", "image"];

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function kept(el) {
    return el.name && NEVER.indexOf(el.name) < 0 && SKIP_TYPES.indexOf(el.type) < 0 &&
      !el.disabled && el.tagName !== "BUTTON" && el.tagName !== "FIELDSET" &&
      el.tagName !== "OUTPUT" && el.tagName !== "OBJECT";
  }
  // name -> value; a checkbox or radio as "name=value" -> ticked; a multiple select as a list
  function read(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!kept(el)) { return; }
      if (el.type === "checkbox" || el.type === "radio") {
        values[el.name + "=" + el.value] = el.checked;
      } else if (el.type === "select-multiple") {
        values[el.name] = Array.prototype.filter.call(el.options, function (o) {
          return o.selected;
        }).map(function (o) { return o.value; });
      } else {
        // two fields with one name (rare): keep them in order
        values[el.name] = values.hasOwnProperty(el.name) ?
          [].concat(values[el.name], el.value) : el.value;
      }
    });
    return values;
  }
  function write(form, values) {
    var seen = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!kept(el)) { return; }
      if (el.type === "checkbox" || el.type === "radio") {
        var key = el.name + "=" + el.value;
        if (values.hasOwnProperty(key)) { el.checked = values[key] === true; }
      } else if (el.type === "select-multiple") {
        var chosen = values[el.name];
        if (Array.isArray(chosen)) {
          Array.prototype.forEach.call(el.options, function (o) {
            o.selected = chosen.indexOf(o.value) >= 0;
          });
        }
      } else if (values.hasOwnProperty(el.name)) {
        var value = values[el.name];
        if (Array.isArray(value)) {
          seen[el.name] = (seen[el.name] || 0) + 1;
          value = value[seen[el.name] - 1];
        }
        if (typeof value === "string") { el.value = value; }
      }
    });
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function changed(shown, values) {
    var found = {};
    Object.keys(values).forEach(function (k) {
      if (!same(values[k], shown[k])) { found[k] = values[k]; }
    });
    return found;
  }
  function navType() {  // as in session.js: the older API when the entry is missing
    try {
      var entry = performance.getEntriesByType("navigation")[0];
      if (entry && entry.type) { return entry.type; }
      var legacy = performance.navigation && performance.navigation.type;
      return legacy === 1 ? "reload" : legacy === 2 ? "back_forward" : "navigate";
    } catch (e) { return ""; }
  }
  function showsErrors(form) {
    return !!(document.getElementById("form-errors") ||
              form.querySelector('[aria-invalid="true"]'));
  }

  var store = storage();
  if (!store) { return; }

  // A form was sent just before this page: a plain page load after it means it was
  // saved (the server redirected here); a page with errors, or one reached by reload or
  // back (an "expired form" page, a failed send), keeps the copy.
  var sent = null;
  try { sent = JSON.parse(store.getItem(SENT) || "null"); } catch (e) { sent = null; }
  if (sent) {
    store.removeItem(SENT);
    var erred = Array.prototype.some.call(
      document.querySelectorAll('form[data-draft="' + sent.name + '"]'), showsErrors);
    if (Date.now() - sent.at < SENT_FOR && navType() === "navigate" && !erred) {
      store.removeItem(sent.key);
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-draft]"), function (form) {
    var name = form.getAttribute("data-draft");
    var key = PREFIX + location.pathname + ":" + name;
    var shown = read(form);  // the form as the server showed it
    var copy = null;
    try { copy = JSON.parse(store.getItem(key) || "null"); } catch (e) { copy = null; }

    // only what was typed goes back: a field left as shown takes what the page shows
    // now (the plain log's "now" start moves on), and a re-shown form keeps the server's
    var typed = copy && copy.values && copy.shown ? changed(copy.shown, copy.values) : {};
    if (Object.keys(typed).length && !showsErrors(form)) {
      write(form, typed);
      note(form, function () {
        write(form, shown);
        store.removeItem(key);
      });
    }
    function keep() {
      var values = read(form);
      try {
        if (same(values, shown)) { store.removeItem(key); return; }
        store.setItem(key, JSON.stringify({shown: shown, values: values, at: Date.now()}));
      } catch (e) { /* storage full or refused: the form still works */ }
    }
    form.addEventListener("input", keep);
    form.addEventListener("change", keep);
    form.addEventListener("submit", function () {
      try {
        store.setItem(SENT, JSON.stringify({key: key, name: name, at: Date.now()}));
      } catch (e) { /* fine */ }
    });
  });

  function note(form, clear) {
    var box = document.createElement("p");
    box.className = "notice";
    box.setAttribute("role", "status");
    box.setAttribute("data-draft-note", "");
    box.appendChild(document.createTextNode("Restored what you typed. "));
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = "Clear";
    button.addEventListener("click", function () {
      clear();
      box.remove();
      var first = Array.prototype.find.call(form.elements, kept);
      if (first) { first.focus(); }
    });
    box.appendChild(button);
    form.parentNode.insertBefore(box, form);
  }
})();
