/* veileder-kb: small progressive enhancements. Plain JavaScript, no network, no storage
   except the checklist state in localStorage. Every feature leaves a working page without it. */
(function () {
  "use strict";

  /* Copy the page's permanent address. */
  function initCopyLink() {
    document.querySelectorAll(".kb-copy-link").forEach(function (button) {
      if (!navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var address = location.href.split("#")[0];
        navigator.clipboard.writeText(address).then(function () {
          button.textContent = "Lenken er kopiert";
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
  }

  /* Faceted filters: OR within a facet, AND across facets; state kept in the URL. */
  function initFilters() {
    var form = document.querySelector(".kb-filters");
    var list = document.querySelector(".kb-filterable");
    if (!form || !list) return;
    var items = Array.prototype.slice.call(list.children);
    var status = document.querySelector(".kb-result-count");
    var facets = ["styrke", "kapittel", "malgruppe"];
    form.hidden = false;

    function selected() {
      var out = {};
      facets.forEach(function (f) {
        out[f] = Array.prototype.map.call(form.querySelectorAll("input[name='" + f + "']:checked"),
          function (i) { return i.value; });
      });
      return out;
    }
    function matches(item, sel, skip) {
      return facets.every(function (f) {
        if (f === skip || sel[f].length === 0) return true;
        var values = (item.getAttribute("data-" + f) || "").split(" ");
        return sel[f].some(function (v) { return values.indexOf(v) !== -1; });
      });
    }
    function update(push) {
      var sel = selected();
      var shown = 0;
      items.forEach(function (item) {
        var ok = matches(item, sel, null);
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      form.querySelectorAll("[data-count-for]").forEach(function (el) {
        var parts = el.getAttribute("data-count-for").split(":");
        var n = items.filter(function (item) {
          var values = (item.getAttribute("data-" + parts[0]) || "").split(" ");
          return values.indexOf(parts[1]) !== -1 && matches(item, sel, parts[0]);
        }).length;
        el.textContent = "(" + n + ")";
      });
      status.textContent = "Viser " + shown + " av " + items.length + " anbefalinger";
      if (push) {
        var params = new URLSearchParams();
        facets.forEach(function (f) { if (sel[f].length) params.set(f, sel[f].join(",")); });
        var query = params.toString();
        history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
    }
    var params = new URLSearchParams(location.search);
    facets.forEach(function (f) {
      (params.get(f) || "").split(",").forEach(function (v) {
        var box = v && form.querySelector("input[name='" + f + "'][value='" + CSS.escape(v) + "']");
        if (box) box.checked = true;
      });
    });
    form.addEventListener("change", function () { update(true); });
    form.addEventListener("reset", function () { setTimeout(function () { update(true); }, 0); });
    update(false);
  }

  function init() {
    initCopyLink();
    initPrint();
    initFilters();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
