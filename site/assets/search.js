/* The catalogue's search, over Pagefind's JS API. Results come first; the filters sit behind a
   "Filter" button and their data is fetched only when a visitor opens them (the page carries the
   catalogue's own counts from the build). The query and the filters live in the address, so a
   search can be shared and Back works. Without JavaScript the form still sends `q`, and the
   listings offer the same filters as static pages. No request leaves the site. */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var DEBOUNCE_MS = 300;

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    (children || []).forEach(function (child) {
      if (child) { node.appendChild(typeof child === "string" ? document.createTextNode(child) : child); }
    });
    return node;
  }

  function setupSearch(form) {
    var texts = JSON.parse(document.getElementById("search-texts").textContent);
    var input = form.elements.q;
    var toggle = form.querySelector("[data-filter-toggle]");
    var panel = form.querySelector("[data-filters]");
    var boxes = Array.prototype.slice.call(panel.querySelectorAll("input[type=checkbox]"));
    var status = document.querySelector("[data-status]");
    var list = document.querySelector("[data-results]");
    var more = document.querySelector("[data-more]");
    var pagefind = null;
    var filtersLoaded = null;  // a promise once the visitor has opened the filters
    var current = null;        // the latest search response
    var shown = 0;
    var runId = 0;
    var timer = null;

    var ready = import(new URL(form.getAttribute("data-bundle") + "pagefind.js", document.baseURI).href)
      .then(function (module) {
        // no worker: one file less to download, and a catalogue's queries are quick on the main thread
        pagefind = module.createInstance({ noWorker: true, excerptLength: 24 });
        return pagefind.init();
      });

    function chosenFilters() {
      var filters = {};
      boxes.forEach(function (box) {
        if (box.checked) { (filters[box.name] = filters[box.name] || { any: [] }).any.push(box.value); }
      });
      return filters;
    }

    function activeCount() {
      return boxes.filter(function (box) { return box.checked; }).length;
    }

    function updateToggle() {
      var n = activeCount();
      toggle.textContent = n === 0 ? texts.filter : (n === 1 ? texts.filter_active_one : format(texts.filter_active, { n: n }));
    }

    function setCounts(counts) {
      boxes.forEach(function (box) {
        var span = box.parentNode.querySelector("[data-total]");
        var n = counts ? ((counts[box.name] || {})[box.value] || 0) : span.getAttribute("data-total");
        span.textContent = "(" + n + ")";
      });
    }

    /* Pagefind counts each value as if it were added to every chosen filter. For a facet that has
       values chosen, its other values count as alternatives (any of them): so its counts come from
       the same search without that facet's own choice. */
    function countsFor(query, filters, counts) {
      var names = Object.keys(filters);
      return Promise.all(names.map(function (name) {
        var others = {};
        names.forEach(function (other) { if (other !== name) { others[other] = filters[other]; } });
        return pagefind.search(query || null, { filters: others });
      })).then(function (searches) {
        var merged = {};
        Object.keys(counts).forEach(function (name) { merged[name] = counts[name]; });
        searches.forEach(function (search, index) { merged[names[index]] = search.filters[names[index]] || {}; });
        return merged;
      });
    }

    function address() {
      var params = new URLSearchParams();
      if (input.value.trim()) { params.set("q", input.value.trim()); }
      boxes.forEach(function (box) { if (box.checked) { params.append(box.name, box.value); } });
      var query = params.toString();
      return window.location.pathname + (query ? "?" + query : "");
    }

    function readAddress() {
      var params = new URLSearchParams(window.location.search);
      input.value = params.get("q") || "";
      boxes.forEach(function (box) { box.checked = params.getAll(box.name).indexOf(box.value) !== -1; });
      updateToggle();
    }

    /* Typing replaces its own history entry; Enter and a filter commit it, so Back goes to the
       search before. */
    function record(commit) {
      var url = address();
      var typing = !!(window.history.state && window.history.state.typing);
      var here = window.location.pathname + window.location.search;
      if (commit) {
        if (typing) {
          window.history.replaceState({ typing: false }, "", here);
          if (url !== here) { window.history.pushState({ typing: false }, "", url); }
        } else if (url !== here) {
          window.history.pushState({ typing: false }, "", url);
        }
      } else if (url !== here) {
        window.history[typing ? "replaceState" : "pushState"]({ typing: true }, "", url);
      }
    }

    function announce(query) {
      var n = current.results.length;
      var text;
      if (n === 0) {
        text = query ? format(texts.none, { q: "\u201d" + query + "\u201d" }) : texts.none_filtered;
      } else {
        text = n === 1 ? texts.result : format(texts.results, { n: n });
        if (shown < n) { text += ". " + format(texts.shown, { shown: shown, n: n }); }
      }
      status.textContent = text;
    }

    function showMore(id) {
      var slice = current.results.slice(shown, shown + PAGE_SIZE);
      return Promise.all(slice.map(function (result) { return result.data(); })).then(function (data) {
        if (id !== runId) { return null; }
        var first = null;
        data.forEach(function (result) {
          var link = el("a", { href: result.url }, [result.meta.title || result.url]);
          var excerpt = el("p", { "class": "search__excerpt" });
          excerpt.innerHTML = result.excerpt;  // Pagefind escapes the text and marks the matches
          list.appendChild(el("li", { "class": "search__result" }, [
            result.meta.type ? el("p", { "class": "search__kind" }, [result.meta.type]) : null,
            el("h2", { "class": "search__title" }, [link]),
            excerpt
          ]));
          first = first || link;
        });
        shown += data.length;
        more.hidden = shown >= current.results.length;
        return first;
      });
    }

    function clearResults() {
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      current = null;
      shown = 0;
    }

    function run() {
      var query = input.value.trim();
      var filters = chosenFilters();
      var id = ++runId;
      updateToggle();
      if (!query && !Object.keys(filters).length) {
        clearResults();
        setCounts(null);
        return Promise.resolve();
      }
      return ready.then(function () {
        return pagefind.search(query || null, { filters: filters });
      }).then(function (search) {
        if (id !== runId) { return null; }
        current = search;
        shown = 0;
        list.textContent = "";
        var counted = filtersLoaded ? countsFor(query, filters, search.filters) : Promise.resolve(null);
        return Promise.all([showMore(id), counted]).then(function (done) {
          if (id !== runId) { return; }
          if (done[1]) { setCounts(done[1]); }
          announce(query);
        });
      }).catch(function () {
        status.textContent = texts.failed;
      });
    }

    function openFilters(open) {
      panel.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open && !filtersLoaded) {
        // the filter data comes only now; from here on the counts follow the query
        filtersLoaded = ready.then(function () { return pagefind.filters(); }).then(function () { return run(); });
      }
    }

    toggle.hidden = false;
    toggle.addEventListener("click", function () { openFilters(panel.hidden); });
    boxes.forEach(function (box) {
      box.addEventListener("change", function () { record(true); run(); });
    });
    form.querySelector("[data-clear]").addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
      record(true);
      run();
    });
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { record(false); run(); }, DEBOUNCE_MS);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      record(true);
      run();
    });
    more.addEventListener("click", function () {
      var id = runId;
      showMore(id).then(function (first) {
        if (id === runId && current) { announce(input.value.trim()); }
        if (first) { first.focus(); }
      });
    });
    window.addEventListener("popstate", function () {
      readAddress();
      run();
    });

    readAddress();
    run();
    ready.catch(function () { status.textContent = texts.failed; });
  }

  function start() {
    var search = document.querySelector("[data-catalogue-search]");
    if (search) { setupSearch(search); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
