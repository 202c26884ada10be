/* veileder-kb: the filters of Alle anbefalinger, loaded only on the pages that have them (see main.html). */
(function () {
  "use strict";

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
      /* Unfiltered, the same words as the page had before this script ran, so nothing moves when it starts. */
      status.textContent = shown === items.length
        ? items.length + " anbefalinger"
        : "Viser " + shown + " av " + items.length + " anbefalinger";
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

  function init() {
    initFilters();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
