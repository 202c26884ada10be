/* veileder-kb: small progressive enhancements. Plain JavaScript, no network, no storage
   except the checklist state in localStorage. Every feature leaves a working page without it. */
(function () {
  "use strict";

  /* Copy the page's permanent address: without the search highlight (?h=) or any other query, and
     through clipboard.js, which also works on plain-http intranets. The result is announced in a live
     region and the label returns after a few seconds. */
  function initCopyLink() {
    document.querySelectorAll(".kb-copy-link").forEach(function (button) {
      var label = button.textContent;
      var status = document.createElement("span");
      status.className = "kb-visually-hidden";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      button.parentNode.appendChild(status);
      var timer = null;
      button.hidden = false;
      button.addEventListener("click", function () {
        var address = location.href.split(/[?#]/)[0];
        window.kbCopyText(address).then(function (ok) {
          var text = ok ? "Lenken er kopiert" : "Kunne ikke kopiere lenken";
          button.textContent = text;
          status.textContent = ok ? "Lenken til siden er kopiert: " + address : text;
          clearTimeout(timer);
          timer = setTimeout(function () { button.textContent = label; status.textContent = ""; }, 4000);
        });
      });
    });
  }

  /* Open the expandable layers before printing so nothing is hidden on paper. */
  function initPrint() {
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details").forEach(function (d) { d.setAttribute("open", ""); });
    });
    document.querySelectorAll(".kb-print").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    /* On paper the address is the one the reader opened, without query or highlight. */
    document.querySelectorAll(".kb-print-url a").forEach(function (a) {
      a.textContent = a.href.split(/[?#]/)[0];
    });
    /* The print copy with ?kapittel=N prints that chapter only, and its cover says so. */
    var wanted = new URLSearchParams(location.search).get("kapittel");
    var parts = document.querySelectorAll("[data-print-kapittel]");  /* chapters and their cover entries */
    var chosen = Array.prototype.filter.call(document.querySelectorAll("section[data-print-kapittel]"), function (c) {
      return c.getAttribute("data-print-kapittel") === wanted;
    })[0];
    if (!chosen) return;
    parts.forEach(function (c) { c.hidden = c.getAttribute("data-print-kapittel") !== wanted; });
    var scope = document.querySelector(".kb-cover__scope");
    if (scope) scope.textContent = "Kapittel " + wanted + ": " + chosen.getAttribute("data-print-tittel");
  }

  /* Faceted filters: OR within a facet, AND across facets; state kept in the URL. Facets are read from
     the form (every checkbox name is one), so a new group of checkboxes works without changes here.
     A choice's data-match lists the item values it stands for (for example skal and må). On narrow
     screens the panel starts closed behind a "Filtrer" button that shows how many filters are on. */
  function initFilters() {
    var form = document.querySelector(".kb-filters");
    var list = document.querySelector(".kb-filterable");
    if (!form || !list) return;
    var items = Array.prototype.slice.call(list.children);
    var status = document.querySelector(".kb-result-count");
    var toggle = document.querySelector(".kb-filter-toggle");
    var noMatch = document.querySelector(".kb-no-match");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var facets = boxes.map(function (b) { return b.name; })
      .filter(function (name, i, all) { return all.indexOf(name) === i; });

    function tokens(box) { return (box.getAttribute("data-match") || box.value).split(" "); }
    function values(item, facet) { return (item.getAttribute("data-" + facet) || "").split(" "); }
    function hit(item, box) {
      var have = values(item, box.name);
      return tokens(box).some(function (t) { return have.indexOf(t) !== -1; });
    }
    function selected() {
      var out = {};
      facets.forEach(function (f) { out[f] = boxes.filter(function (b) { return b.name === f && b.checked; }); });
      return out;
    }
    function matches(item, sel, skip) {
      return facets.every(function (f) {
        return f === skip || sel[f].length === 0 || sel[f].some(function (b) { return hit(item, b); });
      });
    }
    /* Open or closed is a class, not the hidden attribute: CSS closes the form on narrow screens
       before any script runs, so nothing moves when this script starts. */
    function setOpen(open) {
      form.classList.toggle("kb-open", open);
      form.classList.toggle("kb-closed", !open);
      if (toggle) toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
    function update(push) {
      var sel = selected();
      var shown = 0;
      items.forEach(function (item) {
        var ok = matches(item, sel, null);
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      boxes.forEach(function (box) {
        var count = box.parentNode.querySelector(".kb-count");
        if (!count) return;
        count.textContent = "(" + items.filter(function (item) {
          return hit(item, box) && matches(item, sel, box.name);
        }).length + ")";
      });
      var active = boxes.filter(function (b) { return b.checked; }).length;
      status.textContent = "Viser " + shown + " av " + items.length + " anbefalinger";
      if (toggle) {
        toggle.querySelector(".kb-filter-active").textContent = active ? "(" + active + " valgt)" : "";
        toggle.setAttribute("aria-label", "Filtrer, " + (active ? active + " filtre valgt" : "ingen filtre valgt"));
      }
      if (noMatch) noMatch.hidden = shown !== 0;
      if (push) {
        var params = new URLSearchParams();
        facets.forEach(function (f) {
          if (sel[f].length) params.set(f, sel[f].map(function (b) { return b.value; }).join(","));
        });
        var query = params.toString();
        history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
    }
    var params = new URLSearchParams(location.search);
    facets.forEach(function (f) {
      (params.get(f) || "").split(",").forEach(function (v) {
        boxes.forEach(function (box) {
          /* An old link may name a single strength (styrke=må) that is now part of a grouped choice. */
          if (v && box.name === f && (box.value === v || tokens(box).indexOf(v) !== -1)) box.checked = true;
        });
      });
    });
    var wide = window.matchMedia("(min-width: 76.25em)");
    setOpen(wide.matches || !toggle);
    if (toggle) {
      toggle.addEventListener("click", function () {
        var open = !form.classList.contains("kb-open");
        setOpen(open);
        if (open) { var first = form.querySelector("input"); if (first) first.focus(); }
      });
    }
    form.addEventListener("change", function () { update(true); });
    form.addEventListener("reset", function () { setTimeout(function () { update(true); }, 0); });
    var clear = document.querySelector(".kb-filter-clear");
    if (clear) clear.addEventListener("click", function () { form.reset(); if (toggle) toggle.focus(); });
    update(false);
  }

  /* Checklists: ticks are kept in localStorage only, per checklist, with progress and reset. */
  function initChecklists() {
    document.querySelectorAll(".kb-checklist").forEach(function (list) {
      var key = "veileder-kb:sjekkliste:" + list.getAttribute("data-checklist");
      var boxes = Array.prototype.slice.call(list.querySelectorAll("input[type=checkbox]"));
      var progress = document.querySelector(".kb-progress");
      var reset = document.querySelector(".kb-reset");
      var saved = [];
      try { saved = JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { saved = []; }
      boxes.forEach(function (b) { b.checked = saved.indexOf(b.getAttribute("data-item")) !== -1; });
      function update() {
        var ticked = boxes.filter(function (b) { return b.checked; });
        progress.textContent = ticked.length + " av " + boxes.length + " punkter er krysset av";
        try {
          localStorage.setItem(key, JSON.stringify(ticked.map(function (b) { return b.getAttribute("data-item"); })));
        } catch (e) { /* storage may be off; the list still works */ }
      }
      list.addEventListener("change", update);
      progress.hidden = false;
      reset.hidden = false;
      reset.addEventListener("click", function () {
        boxes.forEach(function (b) { b.checked = false; });
        update();
        boxes[0].focus();
      });
      update();
    });
  }

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

  /* The old finder's address forwards its choices to Alle anbefalinger (rolle becomes malgruppe). */
  function initFinder() {
    var moved = document.querySelector(".kb-finder-moved");
    if (!moved) return;
    var params = new URLSearchParams(location.search);
    var q = new URLSearchParams();
    if (params.get("rolle")) q.set("malgruppe", params.get("rolle"));
    if (params.get("fase")) q.set("fase", params.get("fase"));
    if (q.toString()) location.replace(moved.getAttribute("data-target") + "?" + q);
  }

  function init() {
    initFinder();
    initCopyLink();
    initPrint();
    initFilters();
    initChecklists();
    initCourse();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
