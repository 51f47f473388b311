// Site search, on every page: makes the header's search link open search in
// place. Everything else (search-ui.js, search.css, the index) is downloaded
// only when the reader reaches for the button. Without JavaScript, or in a
// browser without <dialog>, the link simply goes to the search page.

const opener = document.querySelector("[data-site-search-open]");
const page = document.querySelector("[data-site-search-page]");
const dialog = document.querySelector("[data-site-search-dialog]");
// search-ui.js imports crisis-words.js: ask for both at once, not one after the other
const load = () => Promise.all([import("./search-ui.js"), import("./crisis-words.js")]).then(([ui]) => ui);

if (opener && page) {
  load().then(ui => ui.setUpPage(opener, page));
} else if (opener && dialog && typeof dialog.show === "function") {
  opener.setAttribute("role", "button");
  opener.setAttribute("aria-haspopup", "dialog");
  opener.setAttribute("aria-expanded", "false");
  const first = event => {
    const plainClick = event.type === "click" && event.button === 0
      && !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey);
    if (!plainClick && event.key !== " ") return;
    event.preventDefault();
    opener.removeEventListener("click", first);
    opener.removeEventListener("keydown", first);
    load().then(ui => ui.setUpDialog(opener, dialog)());
  };
  opener.addEventListener("click", first);
  opener.addEventListener("keydown", first);
  for (const type of ["pointerenter", "focus", "touchstart"]) {
    opener.addEventListener(type, () => load().then(ui => ui.loadStyles()), { once: true, passive: true });
  }
}
