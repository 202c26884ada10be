/* veileder-kb: the course pack's choice of stories, loaded only on its page (see main.html). */
(function () {
  "use strict";

  /* Course pack: choose stories by theme, role or chapter; print only the chosen handouts. The choice,
     and whether the answers go on the handouts, live in the URL so a trainer can keep or share it. */
  function initCourse() {
    var form = document.querySelector(".kb-course");
    if (!form) return;
    var handouts = Array.prototype.slice.call(document.querySelectorAll(".kb-handout"));
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=historie]"));
    var answers = form.querySelector("input[name=svar]");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var status = form.querySelector(".kb-result-count");
    form.hidden = false;
    function byId(id) {
      return handouts.filter(function (h) { return h.getAttribute("data-historie") === id; })[0];
    }
    function applyFilters() {
      boxes.forEach(function (box) {
        var h = byId(box.value);
        box.checked = selects.every(function (s) {
          return !s.value || (h.getAttribute("data-" + s.name) || "").split(" ").indexOf(s.value) !== -1;
        });
      });
      show();
    }
    function show() {
      var chosen = boxes.filter(function (b) { return b.checked; });
      boxes.forEach(function (box) { byId(box.value).hidden = !box.checked; });
      document.querySelectorAll(".kb-answer-part").forEach(function (part) { part.hidden = !answers.checked; });
      status.textContent = chosen.length === 1 ? "1 historie valgt" : chosen.length + " historier valgt";
      var q = new URLSearchParams();
      selects.forEach(function (s) { if (s.value) q.set(s.name, s.value); });
      if (chosen.length !== boxes.length) q.set("historier", chosen.map(function (b) { return b.value; }).join(","));
      if (answers.checked) q.set("svar", "1");
      history.replaceState(null, "", location.pathname + (q.toString() ? "?" + q : ""));
    }
    var params = new URLSearchParams(location.search);
    selects.forEach(function (s) {
      var v = params.get(s.name);
      if (v && s.querySelector("option[value='" + CSS.escape(v) + "']")) s.value = v;
    });
    answers.checked = params.get("svar") === "1";
    if (params.has("historier")) {
      var wanted = params.get("historier").split(",");
      boxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) !== -1; });
    } else if (selects.some(function (s) { return s.value; })) {
      applyFilters();
    }
    selects.forEach(function (s) { s.addEventListener("change", applyFilters); });
    boxes.forEach(function (b) { b.addEventListener("change", show); });
    answers.addEventListener("change", show);
    show();
  }

  function init() {
    initCourse();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
