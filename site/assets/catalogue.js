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
    var chooser = document.querySelector("[data-chooser]");
    if (chooser) { setupChooser(chooser); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
