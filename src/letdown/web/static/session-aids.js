// Guided session aids: breathing pacer, warm-compress countdown, massage prompts, baby
// media, screen wake lock. Each ticks the technique it stands for; session.js (loaded
// after this) keeps what is ticked and the pacer rate. Without scripts the page is a
// plain form that still saves.
(function () {
  "use strict";
  var form = document.getElementById("session-form");
  if (!form) { return; }
  function fmt(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }
  // Tick a technique the way a tap would, so whoever listens for changes hears it.
  function useTechnique(name) {
    var box = form.querySelector('input[name="techniques"][value="' + name + '"]');
    if (box && !box.checked) {
      box.checked = true;
      box.dispatchEvent(new Event("change", {bubbles: true}));
    }
  }

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

  // ---- warm compress countdown, shown in the prompt area under the timer (the length is
  // chosen further down; the countdown and what it says stay on the first screen)
  var minutes = document.getElementById("compress-minutes");
  var left = document.getElementById("compress-left");
  var line = document.getElementById("compress-line");
  var compressToggle = document.getElementById("compress-toggle");
  var compressStatus = document.getElementById("compress-status");
  var compressEnd = null, compressTimer = null;
  // A running countdown survives a reload or a locked screen: its end time is kept with
  // the guided session it belongs to (its start) and picked up again.
  var COMPRESS = "letdown-compress";
  function remember(end) {
    try {
      if (end) {
        var start = form.querySelector('input[name="start"]');
        localStorage.setItem(COMPRESS, JSON.stringify({session: start ? start.value : "",
                                                       end: end}));
      } else { localStorage.removeItem(COMPRESS); }
    } catch (e) { /* private mode or full storage: the countdown still runs */ }
  }
  compressToggle.hidden = false;
  function showLeft() { left.textContent = fmt(Number(minutes.value) * 60); }
  function compressIdle(message) {
    clearInterval(compressTimer); compressTimer = null;
    compressToggle.textContent = "Start compress";
    compressStatus.textContent = message;
    remember(null);
  }
  function countDown(end) {
    compressEnd = end;
    line.hidden = false;
    compressToggle.textContent = "Stop compress";
    compressStatus.textContent = "Compress on: warm, never hot.";
    function step() {
      var rest = (compressEnd - Date.now()) / 1000;
      left.textContent = fmt(rest);
      if (rest <= 0) { compressIdle("Compress done: now massage."); }
    }
    compressTimer = setInterval(step, 250);
    step();
  }
  minutes.addEventListener("change", function () { if (!compressTimer) { showLeft(); } });
  compressToggle.addEventListener("click", function () {
    if (compressTimer) { showLeft(); compressIdle("Compress stopped."); return; }
    useTechnique("warm_compress");
    showLeft();
    var end = Date.now() + Number(minutes.value) * 60000;
    countDown(end);
    remember(end);
  });
  // Once session.js (loaded next) has decided whether this page resumes a session (a
  // reload does; a fresh start does not), a countdown of that same session goes on.
  setTimeout(function () {
    try {
      var kept = JSON.parse(localStorage.getItem(COMPRESS) || "null");
      var start = form.querySelector('input[name="start"]');
      if (kept && kept.end > Date.now() && start && kept.session === start.value) {
        countDown(kept.end);
      } else if (kept) { localStorage.removeItem(COMPRESS); }
    } catch (e) { /* nothing kept */ }
  }, 0);

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
})();
