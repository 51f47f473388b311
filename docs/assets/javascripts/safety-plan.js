/*
 * The safety plan (docs/safety-plan.md), loaded on that page only (its front matter's
 * `scripts:`). Without this script the page is a blank plan to print and fill in by
 * hand, with every country's lines. With it:
 * - the field for lines is filled in with the lines of the reader's country (the first
 *   in the list, which partials/javascripts/help-country.html ordered), and follows
 *   the country picker until the reader changes the text;
 * - "Print or save as PDF" opens the browser's own print, and the printout says the
 *   date the plan was made;
 * - "Clear the plan" empties every field.
 * What the reader types stays in this page's fields and nowhere else: nothing is stored
 * (no cookie, no localStorage, sessionStorage or IndexedDB, no service worker), nothing
 * is sent, and the address never changes. Every field is emptied when the page is left
 * (pagehide: a link, Back, Quick exit's location.replace, closing the tab) and again
 * when it is shown (pageshow: coming Back, including from the back/forward cache).
 */
(function () {
  "use strict";

  var plan = document.querySelector("[data-plan]");
  if (!plan) return;
  var fields = plan.querySelectorAll("textarea");
  var linesField = plan.querySelector("[data-plan-lines-field]");
  var linesList = plan.querySelector("[data-plan-lines]");
  var dateLine = plan.querySelector("[data-plan-date]");
  var picker = document.getElementById("site-help-country");
  var prefilled = "";

  // The reader's country's lines, as plain text: "United Kingdom: emergency 999 or 112. ..."
  function readersLines() {
    var first = linesList && linesList.querySelector("[data-country]");
    return first ? first.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function fillLines() {
    if (!linesField) return;
    prefilled = readersLines();
    linesField.value = prefilled;
  }

  function clearAll() {
    for (var i = 0; i < fields.length; i++) fields[i].value = "";
    fillLines();
  }

  function showDate() {
    var today = new Date().toLocaleDateString(document.documentElement.lang || undefined,
      { day: "numeric", month: "long", year: "numeric" });
    dateLine.textContent = "Plan made on " + today + ".";
  }

  if (picker) {
    // help-country.html listens to the picker first, so the list is already re-ordered.
    picker.addEventListener("change", function () {
      if (linesField && linesField.value === prefilled) fillLines();
    });
  }

  plan.querySelector("[data-plan-print]").addEventListener("click", function () {
    showDate();
    window.print();
  });
  plan.querySelector("[data-plan-clear]").addEventListener("click", function () {
    clearAll();
    if (fields.length) fields[0].focus();
  });
  // Chrome scrolls a focused field only as far as its first line: show all of it, and
  // its focus ring (html's scroll-padding keeps it clear of the sticky header).
  plan.addEventListener("focusin", function (event) {
    if (event.target.tagName === "TEXTAREA") event.target.scrollIntoView({ block: "nearest" });
  });
  window.addEventListener("beforeprint", showDate);
  window.addEventListener("pagehide", clearAll);
  window.addEventListener("pageshow", clearAll);

  plan.setAttribute("data-plan-ready", "");
  plan.querySelector("[data-plan-tools]").hidden = false;
  showDate();
  clearAll();
})();
