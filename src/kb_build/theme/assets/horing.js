/* veileder-kb: consultation responses (render/responses.py makes the markup). Comments are kept in
   this browser's localStorage under the key in data-kb-lager and leave it only as the response
   file the respondent downloads: CSV, UTF-8 with BOM, ";" between fields, columns as in
   schema/horingssvar.schema.json, read by «kb-build horing samle». Nothing is sent. Text the
   respondent writes is only ever set with textContent or .value. Works from file:// and http. */
(function () {
  "use strict";

  var COLUMNS = ["organisasjon", "organisasjonstype", "navn", "gjelder", "kommentartype", "kommentar", "dato"];
  var root = document.querySelector(".kb-respond[data-kb-lager]");
  if (!root) return;
  var KEY = root.getAttribute("data-kb-lager");
  var memory = null; /* used when the browser refuses storage (private mode, a strict policy) */

  function empty() { return { svarer: { organisasjon: "", organisasjonstype: "", navn: "" }, kommentarer: [] }; }

  function load() {
    if (memory) return memory;
    try {
      var data = JSON.parse(window.localStorage.getItem(KEY) || "null");
      if (data && typeof data === "object" && Array.isArray(data.kommentarer) && data.svarer) return data;
    } catch (e) { /* unreadable or refused: start empty */ }
    return empty();
  }

  function save(data) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(data));
      return true;
    } catch (e) {
      memory = data;
      return false;
    }
  }

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  var MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
    "november", "desember"];

  /* 2027-02-01 as «1. februar 2027», as the rest of the site writes dates. */
  function readableDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? Number(m[3]) + ". " + MONTHS[Number(m[2]) - 1] + " " + m[1] : String(iso);
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function say(status, text) { if (status) status.textContent = text; }

  /* The saved comments, all of them (gjelder "") or those about one subject. */
  function renderSaved() {
    var data = load();
    document.querySelectorAll(".kb-respond-saved").forEach(function (box) {
      var only = box.getAttribute("data-kb-gjelder");
      var list = data.kommentarer.filter(function (c) { return !only || c.gjelder === only; });
      box.textContent = "";
      if (!list.length) {
        if (!only) box.appendChild(el("p", "Du har ikke skrevet noen kommentarer ennå."));
        return;
      }
      box.appendChild(el("p", only
        ? (list.length === 1 ? "Du har skrevet én kommentar her:" : "Du har skrevet " + list.length + " kommentarer her:")
        : (list.length === 1 ? "Én kommentar:" : list.length + " kommentarer:")));
      var ol = el("ol", "", "kb-respond-list");
      list.forEach(function (c) {
        var li = el("li");
        var head = el("p");
        if (!only) head.appendChild(el("strong", c.tittel || c.gjelder));
        if (!only) head.appendChild(document.createTextNode(" – "));
        head.appendChild(document.createTextNode(c.kommentartype + ", skrevet " + readableDate(c.dato)));
        li.appendChild(head);
        li.appendChild(el("p", c.kommentar, "kb-respond-text"));
        var remove = el("button", "Slett", "md-button kb-noprint");
        remove.type = "button";
        remove.setAttribute("aria-label", "Slett kommentaren (" + c.kommentartype + ") om " + (c.tittel || c.gjelder));
        remove.addEventListener("click", function () {
          if (!window.confirm("Slette kommentaren? Den kan ikke hentes tilbake.")) return;
          var now = load();
          now.kommentarer = now.kommentarer.filter(function (k) { return k.id !== c.id; });
          save(now);
          renderSaved();
          var heading = box.closest(".kb-respond");
          var status = heading && heading.querySelector(".kb-respond-status");
          say(status, "Kommentaren er slettet.");
          if (status) status.setAttribute("tabindex", "-1");
          if (status) status.focus();
        });
        li.appendChild(remove);
        ol.appendChild(li);
      });
      box.appendChild(ol);
    });
    renderWho(data);
  }

  function renderWho(data) {
    var dl = document.querySelector(".kb-respond-who-print");
    if (!dl) return;
    dl.textContent = "";
    [["Organisasjon", data.svarer.organisasjon], ["Type organisasjon", data.svarer.organisasjonstype],
      ["Kontaktperson", data.svarer.navn]].forEach(function (pair) {
      dl.appendChild(el("dt", pair[0]));
      dl.appendChild(el("dd", pair[1] || "(ikke fylt inn)"));
    });
  }

  document.querySelectorAll(".kb-respond-form").forEach(function (form) {
    var status = form.querySelector(".kb-respond-status");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = form.elements.kommentar;
      if (!/\S/.test(text.value)) {
        say(status, "Skriv kommentaren først.");
        text.focus();
        return;
      }
      var data = load();
      data.kommentarer.push({
        id: Date.now().toString(36) + Math.random().toString(36).slice(2, 8),
        gjelder: form.getAttribute("data-kb-gjelder"),
        tittel: form.getAttribute("data-kb-tittel"),
        kommentartype: form.elements.kommentartype.value,
        kommentar: text.value.replace(/\r\n?/g, "\n").trim(),
        dato: today()
      });
      var kept = save(data);
      text.value = "";
      renderSaved();
      say(status, kept
        ? "Kommentaren er lagret i denne nettleseren. Last den ned fra Mine høringssvar når du er ferdig."
        : "Nettleseren lar ikke siden lagre, så kommentaren forsvinner når du lukker siden. Last den ned nå.");
    });
  });

  /* Who answers: entered once, kept with the comments. */
  var who = document.querySelector(".kb-respond-who");
  if (who) {
    var data = load();
    ["organisasjon", "organisasjonstype", "navn"].forEach(function (name) {
      var field = who.querySelector("[name=" + name + "]");
      field.value = data.svarer[name] || "";
      field.addEventListener("change", function () {
        var now = load();
        now.svarer[name] = field.value.trim();
        save(now);
        renderWho(now);
        say(who.querySelector(".kb-respond-status"), "Lagret.");
      });
    });
  }

  function cell(value) { return '"' + String(value).replace(/"/g, '""') + '"'; }

  function csv(data) {
    var rows = [COLUMNS.join(";")];
    data.kommentarer.forEach(function (c) {
      var row = { organisasjon: data.svarer.organisasjon, organisasjonstype: data.svarer.organisasjonstype,
        navn: data.svarer.navn, gjelder: c.gjelder, kommentartype: c.kommentartype, kommentar: c.kommentar, dato: c.dato };
      rows.push(COLUMNS.map(function (name) { return cell(row[name]); }).join(";"));
    });
    return "\uFEFF" + rows.join("\r\n") + "\r\n";
  }

  /* What stops a download, with the field to go to; the schema refuses the same things. */
  function missing(data) {
    var org = data.svarer.organisasjon;
    if (!org) return ["Fyll inn organisasjonen du svarer for.", "organisasjon"];
    if (/[<>]/.test(org) || /[<>]/.test(data.svarer.navn)) return ["Navn kan ikke inneholde < eller >.", "organisasjon"];
    if (!data.svarer.organisasjonstype) return ["Velg hva slags organisasjon du svarer for.", "organisasjonstype"];
    if (!data.kommentarer.length) return ["Du har ikke skrevet noen kommentarer ennå.", null];
    return null;
  }

  function filename(org) {
    var slug = org.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "o").replace(/å/g, "a")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
    return "horingssvar" + (slug ? "-" + slug : "") + ".csv";
  }

  var downloadStatus = document.querySelector("[data-kb-status=nedlasting]");
  document.querySelectorAll("[data-kb-action]").forEach(function (button) {
    button.addEventListener("click", function () {
      var data = load();
      if (button.getAttribute("data-kb-action") === "skriv-ut") {
        window.print();
        return;
      }
      var problem = missing(data);
      if (problem) {
        say(downloadStatus, problem[0]);
        var field = problem[1] && document.getElementById("kb-svar-" + problem[1]);
        if (field) field.focus();
        return;
      }
      var url = URL.createObjectURL(new Blob([csv(data)], { type: "text/csv;charset=utf-8" }));
      var link = el("a");
      link.href = url;
      link.download = filename(data.svarer.organisasjon);
      document.body.appendChild(link);
      link.click();
      document.body.removeChild(link);
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      say(downloadStatus, "Svarfilen er lastet ned med " + data.kommentarer.length +
        (data.kommentarer.length === 1 ? " kommentar." : " kommentarer."));
    });
  });

  /* Another tab changed the comments: show the same. */
  window.addEventListener("storage", function (event) { if (event.key === KEY) renderSaved(); });
  renderSaved();
})();
