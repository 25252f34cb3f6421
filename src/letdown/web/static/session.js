// Guided session: running timer, let-down buttons, breathing pacer, warm-compress
// countdown and massage prompts. Progressive enhancement: without this script the
// page is a plain form that still saves (let-down times typed in).
(function () {
  "use strict";
  var form = document.getElementById("session-form");
  if (!form) { return; }
  var start = Date.parse(form.getAttribute("data-start"));
  if (isNaN(start)) { start = Date.now(); }

  // A reloaded page (phone locked, tab restored) keeps the session's original start.
  try {
    var startInput = form.querySelector('input[name="start"]');
    var nav = performance.getEntriesByType("navigation")[0];
    var kept = sessionStorage.getItem("letdown-guided-start");
    var keptAt = kept ? Date.parse(kept) : NaN;
    if (nav && nav.type === "reload" && !isNaN(keptAt) && Date.now() - keptAt < 6 * 3600e3 &&
        !document.getElementById("form-errors")) {
      startInput.value = kept;
      start = keptAt;
    } else {
      sessionStorage.setItem("letdown-guided-start", startInput.value);
    }
  } catch (e) { /* storage unavailable: the page still works */ }

  function fmt(seconds) {
    seconds = Math.max(0, Math.round(seconds));
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  }
  function elapsed() { return (Date.now() - start) / 1000; }
  function useTechnique(name) {
    var box = form.querySelector('input[name="techniques"][value="' + name + '"]');
    if (box) { box.checked = true; }
  }

  // ---- timer
  var timer = document.getElementById("timer");
  function tick() { timer.textContent = fmt(elapsed()); }
  tick();
  setInterval(tick, 1000);

  // ---- let-down buttons (one per side used)
  var buttons = document.getElementById("letdown-buttons");
  var status = document.getElementById("letdown-status");
  buttons.hidden = false;
  function showSides() {
    var chosen = form.querySelector('input[name="sides"]:checked');
    var sides = chosen ? chosen.value : "both";
    var shown = 0;
    buttons.querySelectorAll("button").forEach(function (b) {
      var side = b.getAttribute("data-side");
      b.hidden = !(sides === "both" || sides === side);
      if (!b.hidden) { shown += 1; }
    });
    buttons.classList.toggle("single", shown === 1);
    var mode = form.querySelector('input[name="side_mode"]');
    if (mode) { mode.closest("fieldset").hidden = sides !== "both"; }
    document.querySelectorAll("[data-pump-only]").forEach(function (el) {
      var kind = form.querySelector('input[name="kind"]:checked');
      el.open = kind && kind.value === "pump";
    });
  }
  form.querySelectorAll('input[name="sides"], input[name="kind"]').forEach(function (r) {
    r.addEventListener("change", showSides);
  });
  showSides();
  buttons.querySelectorAll("button").forEach(function (b) {
    b.addEventListener("click", function () {
      var side = b.getAttribute("data-side");
      var at = Math.floor(elapsed());
      var input = document.getElementById("f-letdown_" + side);
      input.value = input.value.trim() ? input.value.trim() + ", " + at : String(at);
      b.setAttribute("aria-pressed", "true");
      status.textContent = "Let-down on the " + side + " recorded at " + fmt(at) + ".";
    });
  });

  // ---- breathing pacer: in for 40% of each breath, out for 60%
  var circle = document.getElementById("pacer-circle");
  var label = document.getElementById("pacer-label");
  var rate = document.getElementById("pacer-rate");
  var rateOut = document.getElementById("pacer-rate-out");
  var toggle = document.getElementById("pacer-toggle");
  var pacerTimer = null;
  toggle.hidden = false;
  function breathe() {
    var period = 60000 / Number(rate.value);
    var inhale = period * 0.4, exhale = period - inhale;
    circle.style.transitionDuration = (inhale / 1000) + "s";
    circle.classList.add("inhale");
    label.textContent = "Breathe in";
    pacerTimer = setTimeout(function () {
      circle.style.transitionDuration = (exhale / 1000) + "s";
      circle.classList.remove("inhale");
      label.textContent = "Breathe out";
      pacerTimer = setTimeout(breathe, exhale);
    }, inhale);
  }
  function stopPacer() {
    clearTimeout(pacerTimer);
    pacerTimer = null;
    circle.classList.remove("inhale");
    label.textContent = "Paused";
    toggle.textContent = "Start breathing";
    toggle.setAttribute("aria-pressed", "false");
  }
  toggle.addEventListener("click", function () {
    if (pacerTimer) { stopPacer(); return; }
    useTechnique("slow_breathing");
    toggle.textContent = "Stop breathing";
    toggle.setAttribute("aria-pressed", "true");
    breathe();
  });
  rate.addEventListener("input", function () {
    rateOut.textContent = rate.value;
    if (pacerTimer) { clearTimeout(pacerTimer); breathe(); }
  });

  // ---- warm compress countdown
  var minutes = document.getElementById("compress-minutes");
  var left = document.getElementById("compress-left");
  var compressToggle = document.getElementById("compress-toggle");
  var compressStatus = document.getElementById("compress-status");
  var compressEnd = null, compressTimer = null;
  compressToggle.hidden = false;
  function showLeft() { left.textContent = fmt(Number(minutes.value) * 60); }
  minutes.addEventListener("change", function () { if (!compressTimer) { showLeft(); } });
  compressToggle.addEventListener("click", function () {
    if (compressTimer) {
      clearInterval(compressTimer); compressTimer = null;
      compressToggle.textContent = "Start compress timer"; showLeft();
      compressStatus.textContent = "Compress timer stopped.";
      return;
    }
    useTechnique("warm_compress");
    compressEnd = Date.now() + Number(minutes.value) * 60000;
    compressToggle.textContent = "Stop compress timer";
    compressStatus.textContent = "Warm compress on. Comfortably warm, never hot.";
    compressTimer = setInterval(function () {
      var rest = (compressEnd - Date.now()) / 1000;
      left.textContent = fmt(rest);
      if (rest <= 0) {
        clearInterval(compressTimer); compressTimer = null;
        compressToggle.textContent = "Start compress timer";
        compressStatus.textContent = "Compress done: time for gentle massage.";
      }
    }, 250);
  });

  // ---- massage prompts
  var next = document.getElementById("massage-next");
  var prompt = document.getElementById("massage-prompt");
  var prompts = JSON.parse(next.getAttribute("data-prompts"));
  var index = 0;
  next.hidden = false;
  next.addEventListener("click", function () {
    index = (index + 1) % prompts.length;
    prompt.textContent = prompts[index];
    useTechnique("massage");
  });

  // ---- baby media: mark the technique when a photo is looked at or a sound is played
  document.querySelectorAll("[data-technique]").forEach(function (el) {
    var name = el.getAttribute("data-technique");
    if (el.tagName === "IMG") { useTechnique(name); return; }
    el.addEventListener("play", function () { useTechnique(name); });
  });

  // ---- keep the screen on during the session, where the browser allows it
  function keepAwake() {
    if (navigator.wakeLock && document.visibilityState === "visible") {
      navigator.wakeLock.request("screen").catch(function () { /* not allowed: fine */ });
    }
  }
  keepAwake();
  document.addEventListener("visibilitychange", keepAwake);

  // ---- the session ends when "finish" is tapped, not when the form arrives
  form.addEventListener("submit", function () {
    var end = document.getElementById("f-end");
    if (!end.value) { end.value = new Date().toISOString(); }
  });
})();
