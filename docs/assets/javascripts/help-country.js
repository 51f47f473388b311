/*
 * The help page: the reader's own country first.
 *
 * Without this script every country's lines show in the data's fixed order
 * (data/crisis-lines.yml) and the country picker stays hidden. With it:
 * - the country is worked out from the browser's language settings
 *   (navigator.languages: "en-GB" is the UK, "fr-CA" Canada ...), in the browser;
 * - that country moves to the top of each list marked data-help-countries (the
 *   emergency numbers, the crisis lines, the lines for people not safe at home);
 * - the picker ("Your country") is shown, and choosing another country does the same,
 *   and says what changed in a status message for screen reader users.
 * Nothing is sent anywhere and nothing is stored (no cookie, no localStorage): a
 * reader whose device is watched leaves no trace of the country they chose.
 */
(function () {
  "use strict";

  var picker = document.querySelector("[data-help-picker]");
  if (!picker) return;
  var select = picker.querySelector("select");
  var status = picker.querySelector("[role=status]");
  var lists = document.querySelectorAll("[data-help-countries]");

  // The fixed order is the picker's (the data's) order. Each option lists the region
  // subtags of browser languages that mean its country (data/crisis-lines.yml, regions).
  var order = [];
  var REGIONS = {};
  for (var i = 0; i < select.options.length; i++) {
    var option = select.options[i];
    order.push(option.value);
    (option.getAttribute("data-regions") || "").split(" ").forEach(function (region) {
      if (region) REGIONS[region] = option.value;
    });
  }

  function nameOf(id) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === id) return select.options[i].text;
    }
    return id;
  }

  // BCP 47: language, then an optional 4-letter script, then the region (2 letters).
  function countryFromBrowser() {
    var tags = navigator.languages && navigator.languages.length
      ? navigator.languages : [navigator.language || ""];
    for (var i = 0; i < tags.length; i++) {
      var parts = String(tags[i]).split(/[-_]/);
      for (var j = 1; j < parts.length; j++) {
        if (parts[j].length === 4) continue;
        var country = REGIONS[parts[j].toUpperCase()];
        if (country) return country;
        break;
      }
    }
    return null;
  }

  function putFirst(id) {
    var rank = function (node) {
      var country = node.getAttribute("data-country");
      return country === id ? -1 : order.indexOf(country);
    };
    for (var i = 0; i < lists.length; i++) {
      var list = lists[i];
      var items = [];
      for (var j = 0; j < list.children.length; j++) {
        if (list.children[j].hasAttribute("data-country")) items.push(list.children[j]);
      }
      items.sort(function (a, b) { return rank(a) - rank(b); });
      for (var k = 0; k < items.length; k++) list.appendChild(items[k]);
    }
  }

  var detected = countryFromBrowser();
  if (detected && order.indexOf(detected) >= 0) putFirst(detected);
  select.value = detected && order.indexOf(detected) >= 0 ? detected : order[0];
  picker.hidden = false;

  select.addEventListener("change", function () {
    putFirst(select.value);
    status.textContent = "Showing lines for " + nameOf(select.value) + " first.";
  });
})();
