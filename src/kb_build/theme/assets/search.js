/* Search queries as readers type them.
 *
 * Material's search runs in a web worker (on file:// in iframe-worker's stand-in) and sends it
 * each query as {type: 2, data: query}. Two changes before it goes:
 * - Digits joined by a hyphen become one word joined by «_» («7-1» → «7_1»), the form in
 *   which the index holds the provisions and ids of recommendations (kb_build.render.search),
 *   so «§ 7-1» finds that provision instead of every 7 and every 1.
 * - One typo is tolerated in longer words: every word of six letters or more is sent twice,
 *   as typed (Material adds a trailing wildcard) and with lunr's edit distance 1 («ord~1»), so
 *   exact and prefix hits still rank above near misses («kordinator» finds «koordinator»).
 * Nothing leaves the browser.
 */
(function () {
  "use strict";
  var QUERY = 2;
  var LONG_WORD = /^[\p{L}]{6,}$/u;

  function tolerant(query) {
    return query
      .split(/\s+/)
      .map(function (word) {
        if (LONG_WORD.test(word)) return word + " " + word + "~1";
        return word.replace(/(\d)-(?=\d)/g, "$1_");
      })
      .join(" ");
  }

  if (typeof window.Worker !== "function") return;
  var proto = window.Worker.prototype;
  var post = proto.postMessage;
  proto.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (message && message.type === QUERY && typeof message.data === "string" && message.data.indexOf('"') < 0) {
      args[0] = { type: QUERY, data: tolerant(message.data) };
    }
    return post.apply(this, args);
  };
})();
