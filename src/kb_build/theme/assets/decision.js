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

  function list(names) {
    return names.length ? names.join(", ") : "ingen";
  }

  function item(text) {
    var li = document.createElement("li");
    li.textContent = text;
    return li;
  }

  /* What was ticked, so a printout or copy stands on its own. */
  function summary(rules, answers) {
    var name = function (k) { return rules.navn[k] || rules.kriterier[k] || k; };
    var ul = document.createElement("ul");
    ul.className = "kb-decision-summary";
    ul.appendChild(item("Alder: " + (answers.aldersgruppe ? name(answers.aldersgruppe) : "ikke valgt")));
    ul.appendChild(item("Kriterier som passer (" + answers.kriterier.length + " av " +
      Object.keys(rules.kriterier).length + "): " + list(answers.kriterier.map(name))));
    ul.appendChild(item("Langvarige tilstander: " + list(answers.tilstander.map(name))));
    ul.appendChild(item("Andre forhold: " + list(answers.forhold.map(name))));
    return ul;
  }

  /* The results are rendered by the build, one per rule; only those that apply are copied in. */
  function show(out, results, rules, answers, matched) {
    var copy = function (selector) { return results.content.querySelector(selector).cloneNode(true); };
    out.replaceChildren(copy(".kb-decision-heading"), summary(rules, answers));
    if (!matched.length) {
      out.appendChild(copy(".kb-decision-none"));
      return;
    }
    if (!answers.aldersgruppe && rules.aldersbundet) out.appendChild(copy(".kb-decision-noage"));
    matched.forEach(function (r) { out.appendChild(copy('.kb-rule[data-rule="' + CSS.escape(r.id) + '"]')); });
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
    var results = document.getElementById("kb-rule-results");
    if (!form || !data || !results) return;
    var rules = JSON.parse(data.textContent);
    var out = document.querySelector(".kb-decision-result");
    var actions = document.querySelector(".kb-decision-actions");
    var copied = document.querySelector(".kb-decision-copied");
    form.hidden = false;
    document.querySelectorAll(".kb-nojs").forEach(function (p) { p.hidden = true; });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = read(form);
      show(out, results, rules, answers, evaluate(rules, answers));
      if (actions) actions.hidden = false;
      if (copied) copied.textContent = "";
      out.focus();
    });
    form.addEventListener("reset", function () {
      out.replaceChildren();
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
