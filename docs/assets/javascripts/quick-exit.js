/*
 * Quick exit, modelled on the GOV.UK Design System's "Exit this page".
 *
 * Without this script the button in the header (overrides/partials/help-and-exit.html)
 * is a plain link to the neutral site. This script adds:
 * - on activation, the page is hidden at once and replaced by the neutral site with
 *   location.replace, so Back does not lead back to this page (pages of this site
 *   opened before it in the same tab are still there: About and Browse safely say so);
 * - the same for Shift pressed 3 times (described next to the button only where there
 *   is a mouse or touchpad, so not on a phone), each press within 5 seconds of the last; any
 *   other key starts the count again, and a visually hidden status message counts
 *   down for screen reader users;
 * - the page is shown again if the browser restores it from its back/forward cache.
 */
(function () {
  "use strict";

  var PRESSES = 3;
  var TIMEOUT_MS = 5000;

  var button = document.querySelector(".site-quick-exit__button");
  if (!button) return;
  var hint = document.getElementById("site-quick-exit-hint");
  var status = document.createElement("span");
  var overlay = null;
  var savedTitle = document.title;
  var presses = 0;
  var pressTimer = null;
  var clearTimer = null;
  // Shift used as a modifier (Shift+A, Shift+Tab) must not count: the other key's
  // keyup has shiftKey set, so the Shift keyup that follows it is ignored.
  var lastKeyWasModified = false;

  status.setAttribute("role", "status");
  status.className = "site-visually-hidden";
  button.parentNode.appendChild(status);

  // The shortcut only works with this script and a keyboard, so only now, and only
  // where there is a mouse or touchpad (a keyboard is likely; not a phone), is it described.
  if (hint && window.matchMedia("(any-pointer: fine)").matches) {
    hint.hidden = false;
    button.setAttribute("aria-describedby", hint.id);
  }

  function say(message) {
    window.clearTimeout(clearTimer);
    status.textContent = message;
  }

  function exit() {
    say("");
    // Hide everything at once, before the neutral site has loaded: on a slow
    // connection this page would otherwise stay readable for a while.
    document.documentElement.classList.add("site-exiting");
    document.title = "Loading";
    overlay = document.createElement("div");
    overlay.className = "site-exit-overlay";
    overlay.setAttribute("role", "alert");
    document.body.appendChild(overlay);
    overlay.textContent = "Loading.";
    window.location.replace(button.href);
  }

  function stopCounting(message) {
    window.clearTimeout(pressTimer);
    pressTimer = null;
    presses = 0;
    say(message);
    if (message) {
      clearTimer = window.setTimeout(function () { say(""); }, TIMEOUT_MS);
    }
  }

  button.addEventListener("click", function (event) {
    event.preventDefault();
    exit();
  });

  document.addEventListener("keyup", function (event) {
    if (event.key === "Shift" && !lastKeyWasModified) {
      presses += 1;
      window.clearTimeout(pressTimer);
      if (presses >= PRESSES) {
        stopCounting("");
        exit();
      } else {
        var left = PRESSES - presses;
        say("Shift, press " + left + " more " + (left === 1 ? "time" : "times") + " to exit.");
        pressTimer = window.setTimeout(function () { stopCounting("Quick exit timed out."); }, TIMEOUT_MS);
      }
    } else if (presses > 0) {
      stopCounting("Quick exit cancelled.");
    }
    lastKeyWasModified = event.shiftKey;
  }, true);

  // Coming Back to a page kept in the back/forward cache shows it as it was
  // left: hidden. Show it again.
  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("site-exiting");
    document.title = savedTitle;
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
    stopCounting("");
  });
})();
