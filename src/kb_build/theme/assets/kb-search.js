/* Search, loaded before Material's bundle (theme/main.html), in the order below. Nothing leaves the browser.

   1. The search index grows with the content and is only needed for searching, but Material requests it
      on every page load. That one request is held until the reader goes to the search field (or arrives
      from a search result, ?h=, or a search link, ?q=), so it never competes with reading the page.
      Every other request is untouched.
   2. Material's search worker gets each query as {type: 2, data: query}. Two changes before it goes:
      - Digits joined by a hyphen become one word joined by «_» («7-1» → «7_1»), the form in which the
        index holds the provisions and ids of recommendations (kb_build.render.search), so «§ 7-1» finds
        that provision instead of every 7 and every 1.
      - One typo is tolerated in longer words: every word of six letters or more is sent twice, as typed
        (Material adds a trailing wildcard) and with lunr's edit distance 1 («ord~1»), so exact and prefix
        hits still rank above near misses («kordinator» finds «koordinator»). Results come back as
        {type: 3, data: {items}}; a hit found through the tolerance would be labelled «Mangler: kordinator»,
        so those words are taken out of each hit's list of terms.
      On file:// this runs after iframe-worker's shim has replaced Worker (main.html loads the shim first). */
(function () {
  var wanted = /[?&][hq]=/.test(location.search), held = [], xhr = XMLHttpRequest.prototype, open = xhr.open, send = xhr.send;
  xhr.open = function (method, url) {
    this.kbIndex = /\/search\/search_index\.json$/.test(String(url).split(/[?#]/)[0]);
    return open.apply(this, arguments);
  };
  xhr.send = function () {
    if (this.kbIndex && !wanted) { held.push([this, arguments]); return; }
    return send.apply(this, arguments);
  };
  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (call) { send.apply(call[0], call[1]); });
  }
  function inSearch(e) { return e.target instanceof Element && e.target.closest(".md-search, [for=__search]"); }
  document.addEventListener("focusin", function (e) { if (inSearch(e)) want(); });
  document.addEventListener("pointerover", function (e) { if (inSearch(e)) want(); });
  document.addEventListener("change", function (e) { if (e.target.id === "__search") want(); });
})();
(function () {
  if (typeof window.Worker !== "function") return;
  var QUERY = 2, RESULT = 3, LONG_WORD = /^[\p{L}]{6,}$/u, tolerated = [];
  var proto = window.Worker.prototype, post = proto.postMessage, listen = proto.addEventListener;
  function tolerant(query) {
    tolerated = [];
    return query.split(/\s+/).map(function (word) {
      if (!LONG_WORD.test(word)) return word.replace(/(\d)-(?=\d)/g, "$1_");
      tolerated.push(word.toLowerCase());
      return word + " " + word + "~1";
    }).join(" ");
  }
  function withoutTolerated(data) {
    return Object.assign({}, data, { items: data.items.map(function (group) {
      return group.map(function (hit) {
        var terms = {};
        Object.keys(hit.terms || {}).forEach(function (t) { if (tolerated.indexOf(t) < 0) terms[t] = hit.terms[t]; });
        return Object.assign({}, hit, { terms: terms });
      });
    }) });
  }
  proto.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (message && message.type === QUERY && typeof message.data === "string" && message.data.indexOf('"') < 0) {
      args[0] = { type: QUERY, data: tolerant(message.data) };
    }
    return post.apply(this, args);
  };
  proto.addEventListener = function (type, handler, options) {
    if (type !== "message" || typeof handler !== "function") return listen.apply(this, arguments);
    return listen.call(this, type, function (event) {
      var data = event.data;
      if (data && data.type === RESULT && data.data && data.data.items && tolerated.length) {
        event = new MessageEvent("message", { data: { type: RESULT, data: withoutTolerated(data.data) } });
      }
      return handler.call(this, event);
    }, options);
  };
})();
