/* veileder-kb: checklist ticks, loaded only on checklist pages (see main.html). Nothing leaves the browser. */
(function () {
  "use strict";

  /* Checklists: ticks are kept in localStorage only, per guideline and checklist, with progress and reset. */
  function initChecklists() {
    document.querySelectorAll(".kb-checklist").forEach(function (list) {
      var key = list.getAttribute("data-lager");
      var older = list.getAttribute("data-lager-eldre");
      var boxes = Array.prototype.slice.call(list.querySelectorAll("input[type=checkbox]"));
      var progress = document.querySelector(".kb-progress");
      var reset = document.querySelector(".kb-reset");
      var saved = [];
      try {
        /* Ticks saved before the key named the guideline are read once, then saved under the new key. */
        saved = JSON.parse(localStorage.getItem(key) || localStorage.getItem(older) || "[]");
      } catch (e) { saved = []; }
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

  function init() {
    initChecklists();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
