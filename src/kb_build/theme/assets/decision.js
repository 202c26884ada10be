/* veileder-kb decision support. Evaluates the rules from content/beslutningsstotte.yaml the same
   way as kb_build/decision.py; tests/decision_cases.yaml is run against both. Nothing the user
   ticks leaves the page or is stored. */
(function () {
  "use strict";

  function applies(nar, a) {
    var has = function (list, v) { return list.indexOf(v) !== -1; };
    if (nar.kriterier_minst != null && a.kriterier.length < nar.kriterier_minst) return false;
    if (nar.kriterier_noen && !nar.kriterier_noen.some(function (k) { return has(a.kriterier, k); })) return false;
    if (nar.kriterier_alle && !nar.kriterier_alle.every(function (k) { return has(a.kriterier, k); })) return false;
    if (nar.tilstander_minst != null && a.tilstander.length < nar.tilstander_minst) return false;
    if (nar.forhold_noen && !nar.forhold_noen.some(function (k) { return has(a.forhold, k); })) return false;
    if (nar.aldersgruppe && !has(nar.aldersgruppe, a.aldersgruppe)) return false;
    return true;
  }

  function evaluate(rules, answers) {
    return rules.regler.filter(function (r) { return applies(r.nar, answers); });
  }

  function escapeHtml(text) {
    var d = document.createElement("div");
    d.textContent = text;
    return d.innerHTML;
  }

  function render(rules, answers, matched) {
    if (!matched.length) return rules.ingen_treff;
    var names = answers.kriterier.map(function (k) { return escapeHtml(rules.kriterier[k]); });
    var html = "<h2>Dette blir aktuelt</h2>";
    if (names.length) {
      html += "<p>Kriterier som passer (" + names.length + " av " + Object.keys(rules.kriterier).length +
        "): " + names.join(", ") + ".</p>";
    }
    matched.forEach(function (r) {
      html += '<section class="kb-rule" data-rule="' + escapeHtml(r.id) + '"><h3>' + escapeHtml(r.tittel) + "</h3>" +
        r.forklaring + "<ul>";
      r.anbefalinger.forEach(function (a) {
        html += "<li>" + a.badge + ' <a href="' + escapeHtml(a.href) + '">' + escapeHtml(a.tittel) + "</a></li>";
      });
      r.hjemler.forEach(function (h) {
        html += '<li>Rett eller plikt: <a href="' + escapeHtml(h.url) + '">' + escapeHtml(h.label) + "</a> (" +
          escapeHtml(h.tittel) + ")</li>";
      });
      html += "</ul></section>";
    });
    return html;
  }

  function read(form) {
    var values = function (name) {
      return Array.prototype.map.call(form.querySelectorAll("input[name=" + name + "]:checked"),
        function (i) { return i.value; });
    };
    return { kriterier: values("kriterier"), tilstander: values("tilstander"), forhold: values("forhold"),
      aldersgruppe: values("aldersgruppe")[0] || null };
  }

  function init() {
    var form = document.querySelector(".kb-decision");
    var data = document.getElementById("kb-rules");
    if (!form || !data) return;
    var rules = JSON.parse(data.textContent);
    var out = document.querySelector(".kb-decision-result");
    form.hidden = false;
    document.querySelectorAll(".kb-nojs").forEach(function (p) { p.hidden = true; });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = read(form);
      out.innerHTML = render(rules, answers, evaluate(rules, answers));
      out.focus();
    });
    form.addEventListener("reset", function () { out.innerHTML = ""; });
    window.kbDecision = { evaluate: function (answers) {
      return evaluate(rules, answers).map(function (r) { return r.id; });
    } };
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
