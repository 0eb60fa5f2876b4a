/* The catalogue's own scripts: the "find your way in" chooser (search is in search.js). It enhances
   a page that works without JavaScript. No request leaves the site. */
(function () {
  "use strict";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
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
        box.firstChild.textContent = document.querySelector("th:last-child").textContent;
        Array.prototype.slice.call(answer.childNodes).forEach(function (node) { box.appendChild(node); });
        result.appendChild(box);
        var link = box.querySelector("a");
        if (link) { link.focus(); }
      }
    });
  }

  function start() {
    var chooser = document.querySelector("[data-chooser]");
    if (chooser) { setupChooser(chooser); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
