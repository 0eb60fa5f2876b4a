/* The catalogue's own scripts: search over Pagefind's API with filters, and the "find your way in"
   chooser. Both enhance pages that work without JavaScript. No request leaves the site. */
(function () {
  "use strict";

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function setupSearch(form) {
    var texts = JSON.parse(document.getElementById("search-texts").textContent);
    var input = form.querySelector("input[type=search]");
    var filterBox = form.querySelector("[data-filters]");
    var status = document.querySelector("[data-status]");
    var list = document.querySelector("[data-results]");
    var pagefind = null;
    var selected = {};
    var runId = 0;

    function chosenFilters() {
      var filters = {};
      Object.keys(selected).forEach(function (name) {
        var values = Object.keys(selected[name]).filter(function (v) { return selected[name][v]; });
        if (values.length) { filters[name] = { any: values }; }
      });
      return filters;
    }

    function renderFilters(available) {
      filterBox.textContent = "";
      texts.filters.forEach(function (pair) {  // [name, label], in the order the page gives them
        var name = pair[0], values = available[name];
        if (!values || !Object.keys(values).length) { return; }
        var fieldset = el("fieldset", { "class": "catalogue-search__group" }, [el("legend", {}, [pair[1]])]);
        Object.keys(values).sort().forEach(function (value, index) {
          var id = "filter-" + name + "-" + index;
          var box = el("input", { type: "checkbox", id: id, name: name, value: value });
          box.checked = !!(selected[name] && selected[name][value]);
          box.addEventListener("change", function () {
            selected[name] = selected[name] || {};
            selected[name][value] = box.checked;
            run();
          });
          fieldset.appendChild(el("div", { "class": "catalogue-search__option" }, [
            box, el("label", { "for": id }, [value + " (" + values[value] + ")"])
          ]));
        });
        filterBox.appendChild(fieldset);
      });
      filterBox.hidden = false;
    }

    function run() {
      var query = input.value.trim();
      var filters = chosenFilters();
      var id = ++runId;
      if (!query && !Object.keys(filters).length) {
        list.textContent = "";
        status.textContent = "";
        return;
      }
      status.textContent = texts.searching;
      pagefind.search(query || null, { filters: filters }).then(function (search) {
        return Promise.all(search.results.slice(0, 30).map(function (r) { return r.data(); })).then(function (data) {
          if (id !== runId) { return; }
          list.textContent = "";
          data.forEach(function (result) {
            var excerpt = el("p", { "class": "catalogue-search__excerpt" });
            excerpt.innerHTML = result.excerpt;
            list.appendChild(el("li", {}, [
              el("a", { href: result.url }, [result.meta.title || result.url]), excerpt
            ]));
          });
          var n = search.results.length;
          status.textContent = n === 0 ? format(texts.none, { q: query || "" })
            : (n === 1 ? texts.result : format(texts.results, { n: n }));
        });
      });
    }

    import(form.getAttribute("data-bundle") + "pagefind.js").then(function (module) {
      pagefind = module;
      return pagefind.init().then(function () { return pagefind.filters(); });
    }).then(function (available) {
      renderFilters(available);
      var params = new URLSearchParams(window.location.search);
      if (params.get("q")) { input.value = params.get("q"); }
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var url = new URL(window.location.href);
        url.searchParams.set("q", input.value.trim());
        window.history.replaceState(null, "", url);
        run();
      });
      run();
    }).catch(function () {
      status.textContent = texts.failed;
    });
  }

  function setupChooser(form) {
    var result = document.querySelector("[data-chooser-result]");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var who = form.elements.who.value;
      var want = form.elements.want.value;
      var row = document.querySelector('tr[data-who="' + who + '"][data-want="' + want + '"]');
      result.textContent = "";
      if (row) {
        var answer = row.cells[2].cloneNode(true);
        var box = el("div", { "class": "chooser__answer" }, [el("h2", {}, [form.getAttribute("data-answer-title") || ""])]);
        Array.prototype.slice.call(answer.childNodes).forEach(function (node) { box.appendChild(node); });
        result.appendChild(box);
        var link = box.querySelector("a");
        if (link) { link.focus(); }
      }
    });
  }

  // The main menu folds behind its button on phones. The class `cat-js` on <html>, set by one line of
  // script at the top of the header, is what folds it: without JavaScript the menu simply shows.
  function setupMenu(button) {
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("cat-menu--open", open);
    });
  }

  // A printed page says when it was printed (the build's date is there until the script runs).
  function setupPrintDate(node) {
    var lang = document.documentElement.lang || undefined;
    node.textContent = new Date().toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric" });
  }

  function start() {
    var menuButton = document.querySelector(".cat-header__menu");
    if (menuButton) { setupMenu(menuButton); }
    var printDate = document.querySelector("[data-cat-print-date]");
    if (printDate) { setupPrintDate(printDate); }
    var search = document.querySelector("[data-catalogue-search]");
    if (search) { setupSearch(search); }
    var chooser = document.querySelector("[data-chooser]");
    if (chooser) { setupChooser(chooser); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
