/* veileder-kb: small progressive enhancements every page needs. Plain JavaScript, no network, no
   storage. Every feature leaves a working page without it. What only one kind of page uses (filters,
   checklists, course pack, decision aid) is in its own file, loaded by those pages alone (main.html). */
(function () {
  "use strict";
  /* The theme loads this file (main.html); a project whose mkdocs.yml still names it in extra_javascript
     would load it twice. */
  if (window.kbLoaded) return;
  window.kbLoaded = true;

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
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
