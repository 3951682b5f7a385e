/* Material's search worker, with each query word stemmed in the language of the page's index.

   Material appends "*" to every query word, and lunr never stems a word that carries a wildcard,
   so "beslissingen" or "samenwerkend" would not find the stems "besliss" and "samenwerk" that the
   index holds (mkdocs.yml turns the stemmer on for the index). This worker replaces each plain
   word of a query by its stem before Material's own worker (imported below, its URL given as
   ?worker=) sees it; Material then still searches by prefix, so results keep coming while the
   reader types, and the words it reports as found or missing are the stems it matched.

   It relies on two facts of Material's worker protocol (mkdocs-material is pinned): message type 0
   sets the index up with data.config.lang, and type 2 carries the query as a string.
   tests/test_browser.py searches inflected forms in both languages and fails if either changes. */
(function () {
  "use strict";

  var SETUP = 0, QUERY = 2;
  var languages = [];
  var forwarding = false;

  function stemmerFor(language) {
    var lunr = self.lunr;
    if (language === "en") return lunr.stemmer;
    return lunr[language] && lunr[language].stemmer;
  }

  function stemmed(query) {
    // Leave queries with lunr syntax (phrases, fields, boosts, presence) as the reader wrote them.
    if (languages.length !== 1 || /["*+\-:^~]/.test(query)) return query;
    var stemmer = stemmerFor(languages[0]);
    if (typeof stemmer !== "function") return query;
    return query.split(/\s+/).map(function (word) {
      if (!/^[\p{L}\p{N}]+$/u.test(word)) return word;
      var stem = stemmer(new self.lunr.Token(word.toLowerCase())).toString();
      return stem || word;
    }).join(" ");
  }

  // Registered before Material's worker is imported, so it sees every message first.
  self.addEventListener("message", function (event) {
    if (forwarding) return;
    var message = event.data;
    if (message && message.type === SETUP && message.data && message.data.config) {
      languages = message.data.config.lang || [];
    } else if (message && message.type === QUERY && typeof message.data === "string") {
      event.stopImmediatePropagation();
      forwarding = true;
      try {
        self.dispatchEvent(new MessageEvent("message", { data: { type: QUERY, data: stemmed(message.data) } }));
      } finally {
        forwarding = false;
      }
    }
  });

  var worker = new URL(new URL(self.location.href).searchParams.get("worker") || "", self.location.href);
  if (worker.origin !== self.location.origin) throw new Error("stemming-search: not this site's worker: " + worker);
  importScripts(worker.href);
})();
