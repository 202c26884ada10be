/* veileder-kb: copy text to the clipboard. navigator.clipboard exists only in secure contexts
   (https, localhost); on a plain-http intranet or from file:// a hidden textarea and
   document.execCommand("copy") do the same. Nothing leaves the browser. */
(function () {
  "use strict";

  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "kb-visually-hidden";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  /* Resolve to true when the text was copied. */
  window.kbCopyText = function (text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; },
        function () { return fallback(text); });
    }
    return Promise.resolve(fallback(text));
  };
})();
