// Search across every guideline of the library, with a filter by guideline. The index is
// sok-indeks.js (window.kbBibliotekSok), so this works from a folder (file://) as well as a server.
(function () {
  "use strict";
  var data = window.kbBibliotekSok;
  var form = document.getElementById("bibliotek-sok");
  if (!data || !form) return;
  var input = document.getElementById("sok-tekst");
  var select = document.getElementById("sok-veileder");
  var status = document.getElementById("sok-status");
  var list = document.getElementById("sok-treff");
  var MAX = 50;
  var docs = data.dokumenter.map(function (d) {
    // d[4]: ids, section numbers, provisions and abbreviations; matched like the title, never shown
    var key = (d[2] + " " + d[4]).toLowerCase();
    return { v: d[0], url: d[1], title: d[2], text: d[3], hay: key + " " + d[3].toLowerCase(), low: key };
  });

  function snippet(text, term) {
    var at = text.toLowerCase().indexOf(term);
    var start = Math.max(0, at - 60);
    var part = text.slice(start, start + 200);
    return (start > 0 ? "… " : "") + part + (start + 200 < text.length ? " …" : "");
  }

  function run() {
    var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var only = select.value;
    list.textContent = "";
    if (!terms.length) {
      status.textContent = "";
      return;
    }
    var hits = [];
    docs.forEach(function (d, i) {
      if (only && data.veiledere[d.v].sti !== only) return;
      var score = 0;
      for (var t = 0; t < terms.length; t++) {
        if (d.hay.indexOf(terms[t]) < 0) return;
        score += d.low.indexOf(terms[t]) >= 0 ? 10 : 1;
      }
      hits.push({ d: d, score: score, i: i });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.i - b.i; });
    var where = only ? " i " + select.options[select.selectedIndex].text : " i alle veilederne";
    status.textContent = hits.length + (hits.length === 1 ? " treff" : " treff") + where +
      (hits.length > MAX ? "; viser de " + MAX + " beste" : "") + ".";
    hits.slice(0, MAX).forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h.d.url;
      a.textContent = h.d.title || h.d.url;
      var from = document.createElement("p");
      from.className = "kilde";
      from.textContent = data.veiledere[h.d.v].tittel;
      var text = document.createElement("p");
      text.textContent = snippet(h.d.text, terms[0]);
      li.appendChild(a);
      li.appendChild(from);
      li.appendChild(text);
      list.appendChild(li);
    });
  }

  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) input.value = params.get("q");
  if (params.get("veileder")) select.value = params.get("veileder");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  input.addEventListener("input", run);
  select.addEventListener("change", run);
  run();
})();
