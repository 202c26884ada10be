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
    if (nar.kriterier_hoyst != null && a.kriterier.length > nar.kriterier_hoyst) return false;
    if (nar.tilstander_minst != null && a.tilstander.length < nar.tilstander_minst) return false;
    if (nar.tilstander_hoyst != null && a.tilstander.length > nar.tilstander_hoyst) return false;
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
    /* innerHTML leaves quotes as they are; the result also goes into attribute values. */
    return d.innerHTML.replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  function list(names) {
    return names.length ? names.join(", ") : "ingen";
  }

  /* What was ticked, so a printout or copy stands on its own. */
  function summary(rules, answers) {
    var name = function (k) { return escapeHtml(rules.navn[k] || rules.kriterier[k] || k); };
    var html = '<ul class="kb-decision-summary">';
    html += "<li>Alder: " + (answers.aldersgruppe ? name(answers.aldersgruppe) : "ikke valgt") + "</li>";
    html += "<li>Kriterier som passer (" + answers.kriterier.length + " av " + Object.keys(rules.kriterier).length +
      "): " + list(answers.kriterier.map(name)) + "</li>";
    html += "<li>Langvarige tilstander: " + list(answers.tilstander.map(name)) + "</li>";
    html += "<li>Andre forhold: " + list(answers.forhold.map(name)) + "</li></ul>";
    return html;
  }

  function render(rules, answers, matched) {
    var html = "<h2>Dette blir aktuelt</h2>" + summary(rules, answers);
    if (!matched.length) return html + rules.ingen_treff;
    if (!answers.aldersgruppe && rules.aldersbundet) {
      html += '<p class="kb-muted">Du har ikke valgt alder. Noen regler gjelder bare for en bestemt ' +
        "aldersgruppe og er ikke med.</p>";
    }
    matched.forEach(function (r) {
      var weak = r.svakt_signal ? ' <span class="kb-tag kb-tag--weak">Svakt signal</span>' : "";
      html += '<section class="kb-rule' + (r.svakt_signal ? " kb-rule--weak" : "") + '" data-rule="' +
        escapeHtml(r.id) + '"><h3>' + escapeHtml(r.tittel) + weak + "</h3>" + r.forklaring + "<ul>";
      r.anbefalinger.forEach(function (a) {
        html += "<li>" + a.badge + ' <span class="kb-section">' + escapeHtml(a.seksjon) + '</span> <a href="' +
          escapeHtml(a.href) + '">' + escapeHtml(a.tittel) + "</a></li>";
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
    var actions = document.querySelector(".kb-decision-actions");
    var copied = document.querySelector(".kb-decision-copied");
    form.hidden = false;
    document.querySelectorAll(".kb-nojs").forEach(function (p) { p.hidden = true; });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = read(form);
      out.innerHTML = render(rules, answers, evaluate(rules, answers));
      if (actions) actions.hidden = false;
      if (copied) copied.textContent = "";
      out.focus();
    });
    form.addEventListener("reset", function () {
      out.innerHTML = "";
      if (actions) actions.hidden = true;
    });
    if (actions) {
      actions.querySelector(".kb-decision-print").addEventListener("click", function () { window.print(); });
      actions.querySelector(".kb-decision-copy").addEventListener("click", function () {
        var text = out.innerText.replace(/\n{3,}/g, "\n\n").trim() + "\n\n" + location.href.split(/[?#]/)[0];
        window.kbCopyText(text).then(function (ok) {
          copied.textContent = ok ? "Resultatet er kopiert." : "Kunne ikke kopiere. Merk teksten og kopier selv.";
        });
      });
    }
    window.kbDecision = { evaluate: function (answers) {
      return evaluate(rules, answers).map(function (r) { return r.id; });
    } };
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
