/* Search, in the page's language, with Pagefind (hooks/build/search.py builds one index per language).

   The button goes where Material puts its search, in the header; "/", "s" and "f" open it as in
   Material. It opens a modal dialog: the browser keeps the focus inside it, Esc closes it, and the
   focus returns to the button. Nothing of Pagefind is loaded before the first opening: then its
   user interface (pagefind-ui.js, which speaks the page's language) and, as the reader types, only
   the parts of the index that hold the words typed. The markup and the labels come from the
   <template id="cm-search"> in overrides/main.html, in the page's language. */
(function () {
  "use strict";

  var template = document.getElementById("cm-search");
  var header = document.querySelector(".md-header__inner");
  if (!template || !header || typeof HTMLDialogElement !== "function") return;

  // Absolute: Pagefind's interface loads the index relative to its own script, not to the page.
  var bundle = new URL(template.getAttribute("data-bundle"), location.href).pathname;
  var parts = template.content.cloneNode(true);
  var opener = parts.querySelector(".cm-search__open");
  var dialog = parts.querySelector("dialog");
  var container = dialog.querySelector(".cm-search__ui");
  var loading = null;
  // Result titles in another language than the page's, by title (processResult, announceResults).
  var titleLanguages = {};

  // Where Material's own search would be: before the repository link, at the end otherwise.
  header.insertBefore(opener, header.querySelector(".md-header__source"));
  document.body.appendChild(dialog);

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) { element.setAttribute(name, attributes[name]); });
      element.onload = resolve;
      element.onerror = function () { reject(new Error("cannot load " + (element.src || element.href))); };
      document.head.appendChild(element);
    });
  }

  function unavailable(error) {
    dialog.querySelector(".cm-search__unavailable").hidden = false;
    if (window.console) console.error("search:", error);
  }

  function start() {
    if (loading) return loading;
    // A large language's index comes in parts (hooks/build/search.py), searched together.
    var languageRoot = new URL(template.getAttribute("data-language-root"), location.href).pathname;
    loading = Promise.all([
      load("link", { rel: "stylesheet", href: bundle + "pagefind-ui.css" }),
      load("script", { src: bundle + "pagefind-ui.js" }),
      fetch(bundle + "parts.json").then(function (response) { return response.ok ? response.json() : []; }),
    ]).then(function (loaded) {
      var group = template.getAttribute("data-group");
      new window.PagefindUI({
        element: container,
        bundlePath: bundle,
        // Pagefind's result addresses start at the language folder it indexed.
        baseUrl: languageRoot,
        mergeIndex: loaded[2].map(function (part) {
          return { bundlePath: languageRoot + part + "/", baseUrl: languageRoot };
        }),
        showSubResults: true,
        showImages: false,
        resetStyles: false,
        autofocus: true,
        debounceTimeoutMs: 150,
        translations: { clear_search: template.getAttribute("data-clear") },
        processResult: function (result) {
          // The competency's group, shown under the title as "<group label>: <name>".
          if (result.meta && result.meta.group) {
            result.meta[group] = result.meta.group;
            delete result.meta.group;
          }
          // A title not yet translated (overrides/main.html): marked with its language once shown.
          if (result.meta && result.meta.title_lang) {
            titleLanguages[result.meta.title] = result.meta.title_lang;
            delete result.meta.title_lang;
          }
          return result;
        },
      });
      announceResults();
      focusInput();
    }).catch(unavailable);
    return loading;
  }

  // Pagefind's "12 results for …" is no live region: a copy in one tells screen readers (WCAG 4.1.3).
  // Each result's title in another language gets its lang, as on the page (WCAG 3.1.2).
  function announceResults() {
    var status = dialog.querySelector(".cm-search__status");
    new MutationObserver(function () {
      var message = container.querySelector(".pagefind-ui__message");
      var text = message ? message.textContent.trim() : "";
      if (status.textContent !== text) status.textContent = text;
      container.querySelectorAll(".pagefind-ui__result-title .pagefind-ui__result-link").forEach(function (link) {
        var language = titleLanguages[link.textContent.trim()];
        if (language && link.getAttribute("lang") !== language) link.setAttribute("lang", language);
      });
    }).observe(container, { childList: true, subtree: true, characterData: true });
  }

  function input() {
    return container.querySelector("input");
  }

  function focusInput() {
    var field = input();
    if (field) {
      field.focus();
      field.select();
    }
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    opener.setAttribute("aria-expanded", "true");
    if (loading) focusInput();
    start();
  }

  function close() {
    if (dialog.open) dialog.close();
  }

  opener.setAttribute("aria-expanded", "false");
  opener.addEventListener("click", open);
  dialog.querySelector(".cm-search__close").addEventListener("click", close);
  dialog.addEventListener("close", function () {
    opener.setAttribute("aria-expanded", "false");
    opener.focus();
  });
  // A click on the backdrop (outside the dialog's box) closes it, as Material's search does.
  dialog.addEventListener("click", function (event) {
    if (event.target !== dialog) return;
    var box = dialog.getBoundingClientRect();
    var inside = event.clientX >= box.left && event.clientX <= box.right &&
      event.clientY >= box.top && event.clientY <= box.bottom;
    if (!inside) close();
  });

  // Pagefind's interface searches the field at every key, and loads the index of what is typed first:
  // for one or two letters that is the index of a good share of all words, the largest part of what a
  // query loads on a large site (benchmarks/README.md). So a term shorter than SHORT_TERM letters reaches
  // the interface only once the reader pauses: typing a word on loads the index of its first three
  // letters on, and a short word is still searched.
  var SHORT_TERM = 3;
  var SHORT_TERM_PAUSE_MS = 400;
  var pausing = null;
  container.addEventListener("input", function (event) {
    var field = event.target;
    if (event.cmAfterPause || !field.matches || !field.matches(".pagefind-ui__search-input")) return;
    clearTimeout(pausing);
    var length = field.value.trim().length;
    if (length === 0 || length >= SHORT_TERM) return;
    event.stopImmediatePropagation();
    pausing = setTimeout(function () {
      var paused = new Event("input", { bubbles: true });
      paused.cmAfterPause = true;
      field.dispatchEvent(paused);
    }, SHORT_TERM_PAUSE_MS);
  }, true);

  // Up and down arrows move between the search field and the results' links.
  dialog.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var stops = [input()].concat(Array.prototype.slice.call(container.querySelectorAll(".pagefind-ui__results a")));
    var at = stops.indexOf(document.activeElement);
    if (at < 0 || stops.length < 2) return;
    var next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0 || next >= stops.length) return;
    event.preventDefault();
    stops[next].focus();
  });

  // Material's shortcuts: "/", "s" or "f" outside any field opens the search.
  document.addEventListener("keydown", function (event) {
    if (dialog.open || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (["/", "s", "S", "f", "F"].indexOf(event.key) < 0) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    open();
  });
})();
