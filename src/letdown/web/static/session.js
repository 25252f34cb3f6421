// Guided session: running timer, let-down buttons with Undo, the end step, and what
// was tapped or typed kept on this device until the session is saved. The pacer,
// compress timer and prompts are in session-aids.js (loaded first). Progressive
// enhancement: without scripts the page is a plain form that still saves.
(function () {
  "use strict";
  var form = document.getElementById("session-form");
  if (!form) { return; }
  var start = Date.parse(form.getAttribute("data-start"));
  // The phone's clock may be off; the server's time at render sets it right, so the
  // timer and the end agree with the start the server gave (a few seconds of delivery
  // are not worth correcting).
  var skew = Date.now() - Date.parse(form.getAttribute("data-now"));
  if (isNaN(skew) || Math.abs(skew) < 30e3) { skew = 0; }
  function clockNow() { return Date.now() - skew; }
  if (isNaN(start)) { start = clockNow(); }

  var startInput = form.querySelector('input[name="start"]');
  var endInput = document.getElementById("f-end");
  var ended = endInput.value ? Date.parse(endInput.value) : NaN;  // a re-shown form keeps its end

  // A time as the parent reads it: m:ss (h:mm:ss past an hour), never raw seconds.
  function fmt(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  }
  // "95", "1:35" or "1:02:05" -> seconds (NaN when unreadable), as the server reads them.
  function parseTime(text) {
    var parts = text.trim().split(":"), total = 0;
    if (parts.length > 3) { return NaN; }
    for (var i = 0; i < parts.length; i++) {
      if (!/^\d+(\.\d+)?$/.test(parts[i])) { return NaN; }
      total = total * 60 + Number(parts[i]);
    }
    return total;
  }
  function elapsed() { return ((isNaN(ended) ? clockNow() : ended) - start) / 1000; }

  // ---- what was tapped, kept in this device's storage (one entry per session start)
  // so a reload, a locked phone or a trip to another page loses nothing.
  var KEY = "letdown-guided:", CURRENT = "letdown-guided-current", MAX_AGE = 6 * 3600e3;
  var marks = [];          // [{side, at}] in the order tapped, for Undo
  var submitting = false, ready = false;  // nothing is kept before the kept copy is read
  function snapshot() {
    return {
      start: startInput.value, end: isNaN(ended) ? "" : endInput.value, marks: marks,
      techniques: Array.prototype.map.call(
        form.querySelectorAll('input[name="techniques"]:checked'),
        function (b) { return b.value; }),
      rate: document.getElementById("pacer-rate").value,
      fields: typedFields()
    };
  }
  function store() {
    if (submitting || !ready) { return; }
    var state = snapshot();
    try {
      localStorage.setItem(KEY + startInput.value, JSON.stringify(state));
      localStorage.setItem(CURRENT, startInput.value);
    } catch (e) { /* storage full or refused: the server's copy still keeps it */ }
    sendSoon(state);
  }

  // ---- the journal's copy (a draft on the server), for a browser that is killed or
  // wiped: sent a second after the last change; sent again when the phone is back
  // online. The page's own storage keeps everything meanwhile.
  var DRAFTS = "/api/v1/drafts/guided/", sendTimer = null, lastSent = null, unsent = null;
  function forServer(state) {
    var fields = {};
    Object.keys(state.fields || {}).forEach(function (name) {
      var value = state.fields[name];
      if (/^[a-z][a-z0-9_]{0,39}$/.test(name) &&
          (typeof value === "boolean" || String(value).length <= 5000)) {
        fields[name] = typeof value === "boolean" ? value : String(value);
      }
    });
    var rate = parseInt(state.rate, 10);
    return {
      start: state.start, end: state.end || "",
      marks: (state.marks || []).map(function (x) { return {side: x.side, at: x.at}; }),
      techniques: state.techniques || [], rate: rate >= 3 && rate <= 12 ? rate : null,
      fields: fields
    };
  }
  function sendSoon(state) {
    var body = JSON.stringify(forServer(state));
    if (body === lastSent) { return; }
    unsent = body;
    clearTimeout(sendTimer);
    sendTimer = setTimeout(sendNow, 1000);
  }
  function sendNow() {
    clearTimeout(sendTimer);
    if (!unsent || submitting || !window.fetch) { return; }
    var body = unsent, start = JSON.parse(body).start;
    fetch(DRAFTS + encodeURIComponent(start), {
      method: "PUT", headers: {"Content-Type": "application/json"}, body: body,
      credentials: "same-origin", keepalive: body.length < 60000
    }).then(function (response) {
      // sent, or refused for good (too long, say): the page's storage still has it all
      if (response.status < 500 && unsent === body) { unsent = null; }
      if (response.ok) { lastSent = body; }
    }).catch(function () { /* offline: kept here, sent when the phone is back */ });
  }
  window.addEventListener("online", sendNow);
  window.addEventListener("pagehide", sendNow);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { sendNow(); }
  });
  function dropServerDraft(start) {
    if (!window.fetch || !start) { return; }
    fetch(DRAFTS + encodeURIComponent(start), {method: "DELETE", credentials: "same-origin"})
      .catch(function () { /* it ages out in a day */ });
  }
  function serverDraft(start) {
    // the kept draft of one session (start), or the latest one (no start); null if none
    if (!window.fetch) { return Promise.resolve(null); }
    return fetch(DRAFTS + (start ? encodeURIComponent(start) : "latest"),
                 {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (found) { return found && found.state ? found.state : null; })
      .catch(function () { return null; });
  }
  // The end form as typed so far (volumes, pain, notes ...): name -> value or checked.
  var NOT_KEPT = ["csrftoken", "form_key", "start", "end", "techniques", "letdown_left",
                  "letdown_right"];
  function typedFields() {
    var found = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || NOT_KEPT.indexOf(el.name) >= 0 || el.type === "hidden") { return; }
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked) { found[el.name] = el.type === "radio" ? el.value : true; }
        else if (el.type === "checkbox") { found[el.name] = false; }
      } else if (el.value !== "") {
        found[el.name] = el.value;
      }
    });
    return found;
  }
  function restoreFields(fields) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || NOT_KEPT.indexOf(el.name) >= 0 || el.type === "hidden" ||
          !Object.prototype.hasOwnProperty.call(fields, el.name)) { return; }
      var value = fields[el.name];
      if (el.type === "radio") { el.checked = el.value === value; }
      else if (el.type === "checkbox") { el.checked = value === true; }
      else { el.value = String(value); }
    });
  }
  function forget() {
    try {
      localStorage.removeItem(KEY + startInput.value);
      localStorage.removeItem(CURRENT);
    } catch (e) { /* nothing kept */ }
  }
  function kept() {
    // Only a reload or back/forward resumes the kept session; a fresh start is a new one.
    // A page the server re-showed with errors already carries what was sent.
    try {
      if (document.getElementById("form-errors")) { return null; }
      if (returning) { return fresh(JSON.parse(localStorage.getItem(KEY + returning) || "null")); }
      var how = navType();
      if (how === "") {  // no way to tell: this tab left this very session just before?
        how = sessionStorage.getItem(TAB) === localStorage.getItem(CURRENT) ? "reload" : "";
      }
      if (how !== "reload" && how !== "back_forward") { return null; }
      var current = localStorage.getItem(CURRENT);
      var state = current ? JSON.parse(localStorage.getItem(KEY + current) || "null") : null;
      return fresh(state);
    } catch (e) { return null; }
  }
  function fresh(state) {
    var at = state ? Date.parse(state.start) : NaN;
    return !isNaN(at) && clockNow() - at < MAX_AGE ? state : null;
  }
  // Back from adding a photo or sound (/media sends the parent back here with the
  // running session's start): that session goes on, from this device or the journal.
  var returning = new URLSearchParams(location.search).get("resume");
  if (returning && isNaN(Date.parse(returning))) { returning = null; }
  // The render last sent: back, then "Finish and save" again, must reach the session it
  // saved (the server knows the render's key), not save a fresh copy.
  var SENT = "letdown-guided-sent";
  // How this page was reached: "navigate", "reload", "back_forward", or "" when the
  // browser does not say (no navigation timing, or a page whose clock is replaced by a
  // test harness); then the older performance.navigation, then this tab's own note.
  function navType() {
    try {
      var entry = performance.getEntriesByType("navigation")[0];
      if (entry && entry.type) { return entry.type; }
      var legacy = performance.navigation ? performance.navigation.type : -1;
      return ["navigate", "reload", "back_forward"][legacy] || "";
    } catch (e) { return ""; }
  }
  // The session this tab was showing when it left (a reload or a trip elsewhere).
  var TAB = "letdown-guided-tab";
  window.addEventListener("pagehide", function () {
    try {
      if (submitting) { sessionStorage.removeItem(TAB); }
      else { sessionStorage.setItem(TAB, startInput.value); }
    } catch (e) { /* fine */ }
  });
  function sentBefore() {
    try {
      var sent = JSON.parse(localStorage.getItem(SENT) || "null");
      if (navType() !== "back_forward" || document.getElementById("form-errors")) {
        if (navType() === "navigate") { localStorage.removeItem(SENT); }
        return null;
      }
      return sent && clockNow() - Date.parse(sent.start) < MAX_AGE ? sent : null;
    } catch (e) { return null; }
  }
  function pruneOld() {
    try {
      for (var i = localStorage.length - 1; i >= 0; i--) {
        var k = localStorage.key(i);
        if (k && k.indexOf(KEY) === 0 && !(clockNow() - Date.parse(k.slice(KEY.length)) < MAX_AGE)) {
          localStorage.removeItem(k);
        }
      }
    } catch (e) { /* fine */ }
  }

  // ---- timer (the page hides what only works with this script until it runs)
  var timer = document.getElementById("timer");
  ["timer", "timer-note", "pacer-card", "compress-row"].forEach(function (id) {
    document.getElementById(id).hidden = false;
  });
  function tick() { timer.textContent = fmt(elapsed()); }

  // ---- let-down buttons (one per side used), their marks and Undo
  var buttons = document.getElementById("letdown-buttons");
  var status = document.getElementById("letdown-status");
  var undo = document.getElementById("undo");
  var marksList = document.getElementById("marks");
  var inputs = {left: document.getElementById("f-letdown_left"),
                right: document.getElementById("f-letdown_right")};
  buttons.hidden = false;
  function readMarks() {
    // The typed fields, as marks (a re-shown form or typed times); tap order is unknown
    // for them, so Undo takes them back latest first.
    var found = [];
    ["left", "right"].forEach(function (side) {
      inputs[side].value.split(/[,;]/).forEach(function (chunk) {
        var at = parseTime(chunk);
        if (!isNaN(at)) { found.push({side: side, at: at}); }
      });
    });
    return found.sort(function (x, y) { return x.at - y.at; });
  }
  function showMarks(keepTyped) {
    // keepTyped: the fields hold what the parent typed (perhaps unreadable): leave them
    ["left", "right"].forEach(function (side) {
      var times = marks.filter(function (x) { return x.side === side; })
        .map(function (x) { return fmt(x.at); });
      if (!keepTyped) { inputs[side].value = times.join(", "); }
      var b = buttons.querySelector('[data-side="' + side + '"]');
      b.setAttribute("aria-pressed", times.length ? "true" : "false");
    });
    marksList.textContent = marks.length ? "Let-downs: " + marks.map(function (x) {
      return x.side + " " + fmt(x.at);
    }).join(", ") : "";
    undo.hidden = marks.length === 0;
  }
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
  buttons.querySelectorAll("button").forEach(function (b) {
    b.addEventListener("click", function () {
      var side = b.getAttribute("data-side");
      var at = Math.floor(elapsed());
      marks.push({side: side, at: at});
      showMarks();
      store();
      status.textContent = "Let-down on the " + side + " recorded at " + fmt(at) + ".";
    });
  });
  undo.addEventListener("click", function () {
    var last = marks.pop();
    if (!last) { return; }
    showMarks();
    store();
    status.textContent = "Took back the " + last.side + " let-down at " + fmt(last.at) + ".";
  });
  ["left", "right"].forEach(function (side) {
    inputs[side].addEventListener("change", function () {
      // typed by hand: keep the other side's marks in tap order, re-read this side's
      var others = marks.filter(function (x) { return x.side !== side; });
      marks = others.concat(readMarks().filter(function (x) { return x.side === side; }));
      showMarks(true);
      store();
    });
  });

  // ---- ending is a step: the clock stops at the tap, then the end form follows
  var endButton = document.getElementById("end-session");
  var keepGoing = document.getElementById("keep-going");
  var endedNote = document.getElementById("ended-note");
  var endHeading = document.getElementById("end-h");
  var clock = null;
  function showEnded(moveOn) {
    var done = !isNaN(ended);
    if (clock) { clearInterval(clock); clock = null; }
    tick();
    if (!done) { clock = setInterval(tick, 1000); }
    endButton.hidden = done;
    keepGoing.hidden = !done;
    buttons.hidden = done;
    timer.setAttribute("aria-label", done ? "Session length" : "Time since start");
    document.getElementById("timer-note").hidden = done;
    endedNote.hidden = !done;
    endHeading.textContent = done ? "Session ended: add what you know and save" : "When you finish";
    if (done) {
      endedNote.textContent = "Ended at " + fmt(elapsed()) + ". Filling this in does not add " +
        "to the session's length.";
    }
    if (done && moveOn) {
      endHeading.scrollIntoView({block: "start"});
      endHeading.focus({preventScroll: true});
    }
  }
  endButton.hidden = false;
  endButton.addEventListener("click", function () {
    ended = clockNow();
    endInput.value = new Date(ended).toISOString();
    store();
    showEnded(true);
  });
  keepGoing.addEventListener("click", function () {
    ended = NaN;
    endInput.value = "";
    store();
    showEnded(false);
    timer.scrollIntoView({block: "center"});
  });

  // ---- start: resume what this device kept, else keep what the page shows
  function resume(state) {
    var previous = startInput.value;
    startInput.value = state.start;
    form.setAttribute("data-start", state.start);
    start = Date.parse(state.start);
    if (previous !== state.start) {
      try { localStorage.removeItem(KEY + previous); } catch (e) { /* fine */ }
    }
    ended = NaN;
    endInput.value = "";
    if (state.end && !isNaN(Date.parse(state.end))) {
      endInput.value = state.end;
      ended = Date.parse(state.end);
    }
    marks = (state.marks || []).filter(function (x) {
      return (x.side === "left" || x.side === "right") && typeof x.at === "number";
    });
    (state.techniques || []).forEach(function (name) {
      var box = form.querySelector('input[name="techniques"][value="' + name + '"]');
      if (box) { box.checked = true; }
    });
    if (state.fields) { restoreFields(state.fields); }
    var rate = document.getElementById("pacer-rate");
    if (state.rate) {
      rate.value = state.rate;
      rate.dispatchEvent(new Event("input"));  // the pacer shows and uses it
    }
    var started = document.querySelector("#timer-note");
    if (started) {
      started.textContent = "Resumed the session you started at " + hhmm(start) +
        "; nothing you tapped was lost.";
    }
    showMarks();
  }
  function hhmm(ms) {
    return new Date(ms).toLocaleTimeString([], {hour: "2-digit", minute: "2-digit"});
  }
  // A session left unsaved (the browser was closed, the phone restarted): the newest
  // kept one with something tapped in it, offered when a new session opens.
  function leftUnsaved() {
    var best = null;
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var k = localStorage.key(i);
        if (!k || k.indexOf(KEY) !== 0 || k === KEY + startInput.value) { continue; }
        var state = JSON.parse(localStorage.getItem(k) || "null");
        var at = state ? Date.parse(state.start) : NaN;
        if (isNaN(at) || !(clockNow() - at < MAX_AGE)) { continue; }
        if (!((state.marks || []).length || state.end || (state.techniques || []).length)) {
          continue;
        }
        if (!best || at > Date.parse(best.start)) { best = state; }
      }
    } catch (e) { return null; }
    return best;
  }
  function offer(state) {
    var box = document.getElementById("resume-offer");
    var count = (state.marks || []).length;
    document.getElementById("resume-text").textContent =
      "A session you started at " + hhmm(Date.parse(state.start)) + " was not saved" +
      (count ? " (" + count + " let-down" + (count === 1 ? "" : "s") + " marked)" : "") + ".";
    box.hidden = false;
    document.getElementById("resume").addEventListener("click", function () {
      resume(state);
      showEnded(false);
      store();
      box.hidden = true;
      status.textContent = "Resumed: the clock counts from " + hhmm(start) + ".";
    });
    document.getElementById("discard").addEventListener("click", function () {
      try { localStorage.removeItem(KEY + state.start); } catch (e) { /* fine */ }
      dropServerDraft(state.start);
      box.hidden = true;
      status.textContent = "The unsaved session was dropped; this one goes on.";
    });
  }

  pruneOld();
  var state = kept();
  if (state) {
    resume(state);
  } else {
    var sent = sentBefore();
    if (sent) {
      form.querySelector('input[name="form_key"]').value = sent.key;
      startInput.value = sent.start;
      start = Date.parse(sent.start);
      if (sent.end) { endInput.value = sent.end; ended = Date.parse(sent.end); }
      status.textContent = "This session is saved already: saving again opens it. " +
        "For a new session, start again from Home.";
    }
    marks = readMarks();
    showMarks(true);
    var unsaved = sent || document.getElementById("form-errors") ? null : leftUnsaved();
    if (unsaved) { offer(unsaved); }
    else if (!sent && !document.getElementById("form-errors")) { askServer(); }
  }
  showSides();
  showEnded(false);
  ready = true;
  lastSent = JSON.stringify(forServer(snapshot()));  // a page just opened has nothing to send
  if (state) { lastSent = null; }  // a resumed session: make sure the journal has it
  store();

  // Nothing kept on this device (another browser, wiped storage, a killed page): the
  // journal's draft of the session being returned to resumes at once; the latest
  // unsaved one is offered, just as a kept one would be.
  function askServer() {
    serverDraft(returning).then(function (found) {
      found = fresh(found);
      if (!found || found.start === startInput.value || marks.length) { return; }
      if (returning) {
        resume(found);
        showEnded(false);
        lastSent = null;
        store();
        return;
      }
      if ((found.marks || []).length || found.end || (found.techniques || []).length) {
        offer(found);
      }
    });
  }
  // anything ticked, typed or slid is kept at once (the aids tick techniques by events)
  form.addEventListener("change", store);
  form.addEventListener("input", store);
  document.getElementById("pacer-rate").addEventListener("input", store);

  // ---- adding a photo or sound (session-media.js): everything is sent first, and going
  // there is not leaving the session, so nothing asks
  var toMedia = false;
  form.addEventListener("session-leave-for-media", function () {
    store();
    sendNow();
    toMedia = true;
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { toMedia = false; }
  });

  // ---- leaving with marks not yet saved asks first
  window.addEventListener("beforeunload", function (event) {
    if (submitting || toMedia || marks.length === 0) { return; }
    event.preventDefault();
    event.returnValue = "";
  });

  // ---- saving: the end is the "End session" tap (or this tap, if it never came);
  // the kept copy is dropped, and a page re-shown with errors keeps its own again.
  form.addEventListener("submit", function () {
    if (isNaN(ended)) { endInput.value = new Date(clockNow()).toISOString(); }
    forget();
    try {
      localStorage.setItem(SENT, JSON.stringify({
        key: form.querySelector('input[name="form_key"]').value,
        start: startInput.value, end: endInput.value}));
    } catch (e) { /* storage refused: only the server's key guards a re-post */ }
    submitting = true;
  });
})();
