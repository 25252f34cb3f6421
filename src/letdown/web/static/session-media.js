// Guided session and the baby's media: links to add a photo or sound come back to this
// running session (/media?return=...; session.js resumes it from ?resume=START), and a
// photo added in another tab shows here without a reload (the list is fetched again
// whenever the page is looked at). Loaded after session.js.
(function () {
  "use strict";
  var form = document.getElementById("session-form");
  if (!form || !window.fetch) { return; }
  var startInput = form.querySelector('input[name="start"]');

  // ---- adding a photo or sound: /media sends the parent back to this very session
  function mediaLinks() {
    document.querySelectorAll('a[href="/media"], a[href^="/media?"]').forEach(function (a) {
      if (a.getAttribute("data-session-return")) { return; }
      a.setAttribute("data-session-return", "1");
      a.addEventListener("click", function () {
        form.dispatchEvent(new Event("session-leave-for-media"));  // session.js sends all
        a.href = "/media?return=" + encodeURIComponent(
          "/session/guided?resume=" + encodeURIComponent(startInput.value));
      });
    });
  }
  mediaLinks();

  // ---- a photo added in another tab shows here without a reload
  var babyHeading = document.getElementById("baby-h");
  var babyCard = babyHeading ? babyHeading.closest("section") || babyHeading.parentNode : null;
  // The newest photo sits in the strip beside the breathing guide (#baby-photo); the
  // rest are in the "Your baby" card, as the page first drew them.
  function newestPhoto(items) {
    var photos = items.filter(function (i) { return i.kind === "image"; });
    return photos.length ? photos[photos.length - 1] : null;
  }
  function shownMedia() {
    var strip = document.getElementById("baby-photo");
    var rest = babyCard ? Array.prototype.map.call(
      babyCard.querySelectorAll(".media-grid img, .media-grid video, .media-grid audio"),
      function (el) { return el.getAttribute("src"); }) : [];
    return (strip ? strip.getAttribute("src") : "") + "|" + rest.join(" ");
  }
  function wanted(items) {
    var top = newestPhoto(items);
    var rest = items.filter(function (i) { return i !== top; });
    return (top ? top.url : "") + "|" + rest.map(function (i) { return i.url; }).join(" ");
  }
  function showInStrip(photo) {
    var strip = document.getElementById("aids-strip");
    var img = document.getElementById("baby-photo");
    if (!photo || !strip) { return; }
    if (!img) {
      var figure = document.createElement("figure");
      figure.className = "strip-photo";
      figure.id = "strip-photo";
      img = document.createElement("img");
      img.id = "baby-photo";
      img.setAttribute("data-technique", "baby_photo_video");
      figure.appendChild(img);
      strip.appendChild(figure);
      strip.classList.add("with-photo");
    }
    img.src = photo.url;
    img.alt = photo.label || "Your baby";
    tickTechnique("baby_photo_video");
  }
  function tickTechnique(name) {
    var box = form.querySelector('input[name="techniques"][value="' + name + '"]');
    if (box && !box.checked) {
      box.checked = true;
      box.dispatchEvent(new Event("change", {bubbles: true}));
    }
  }
  function mediaElement(item) {
    var el;
    if (item.kind === "image") {
      el = document.createElement("img");
      el.alt = item.label || "Your baby";
      el.setAttribute("data-technique", "baby_photo_video");
      tickTechnique("baby_photo_video");
    } else {
      el = document.createElement(item.kind === "video" ? "video" : "audio");
      el.controls = true;
      el.preload = item.kind === "video" ? "metadata" : "none";
      if (item.kind === "video") { el.setAttribute("playsinline", ""); }
      var technique = item.kind === "video" ? "baby_photo_video" : "baby_sounds";
      el.setAttribute("data-technique", technique);
      el.setAttribute("aria-label", item.label ||
        (item.kind === "video" ? "Video of your baby" : "Your baby’s sounds"));
      el.addEventListener("play", function () { tickTechnique(technique); });
    }
    el.src = item.url;
    return el;
  }
  function refreshMedia() {
    if (!babyCard || !window.fetch || document.visibilityState === "hidden") { return; }
    fetch("/api/v1/media", {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (items) {
        if (!items || wanted(items) === shownMedia()) { return; }
        var top = newestPhoto(items);
        showInStrip(top);
        items = items.filter(function (i) { return i !== top; });
        var grid = babyCard.querySelector(".media-grid");
        if (!grid) {
          grid = document.createElement("div");
          grid.className = "media-grid";
          babyHeading.insertAdjacentElement("afterend", grid);
        }
        grid.textContent = "";
        items.forEach(function (item) {
          var figure = document.createElement("figure");
          figure.appendChild(mediaElement(item));
          if (item.label) {
            var caption = document.createElement("figcaption");
            caption.textContent = item.label;
            figure.appendChild(caption);
          }
          grid.appendChild(figure);
        });
        mediaLinks();
      })
      .catch(function () { /* offline: the photos shown stay */ });
  }
  document.addEventListener("visibilitychange", refreshMedia);
  window.addEventListener("focus", refreshMedia);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { refreshMedia(); }
  });
})();
