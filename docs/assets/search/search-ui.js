// Site search, loaded by search.js when the reader first reaches for it (and
// at once on the search page). It downloads meta.json, the term files for the
// words typed, and the titles of the results shown: never the whole index.
// The index format is described in scripts/build/search_index.py.

import { suggestsCrisis } from "./crisis-words.js";

const PER_PAGE = 10;  // results shown at first, and added by "Show more results"
const DELAY = 200;    // ms after the last key press before searching

// Must split text exactly as terms() in scripts/build/search_index.py does.
export function stem(word) {
  if (word.length > 4 && word.endsWith("ies")) return word.slice(0, -3) + "y";
  if (word.length > 5 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

export function terms(text, stopWords) {
  return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").replace(/['\u2019]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(word => word.length > 1 && !stopWords.has(word))
    .map(stem);
}

function json(response) {
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  return response.json();
}

export class Index {
  constructor(base) {
    this.base = new URL(base, document.baseURI);  // .../search/data/
    this.files = new Map();
  }

  meta() {
    this.loading ??= fetch(new URL("meta.json", this.base), { cache: "no-cache" })
      .then(json)
      .then(meta => ({ ...meta, stopWords: new Set(meta.stop_words), termFiles: new Set(meta.terms) }))
      .catch(error => { this.loading = null; throw error; });
    return this.loading;
  }

  async file(path) {
    const { build } = await this.meta();
    if (!this.files.has(path)) {
      const loading = fetch(new URL(`${path}?v=${build}`, this.base)).then(json);
      loading.catch(() => this.files.delete(path));
      this.files.set(path, loading);
    }
    return this.files.get(path);
  }

  // Every page containing each word of the query (a word also matches longer
  // words it starts), best first: weight in the page x rarity across the site.
  async search(query) {
    const meta = await this.meta();
    const words = [...new Set(terms(query, meta.stopWords))];
    if (!words.length) return { words, docs: [] };
    const found = await Promise.all(words.map(async word => {
      const key = word.slice(0, 2);
      const postings = meta.termFiles.has(key) ? await this.file(`terms/${key}.json`) : {};
      const scores = new Map();
      for (const [term, list] of Object.entries(postings)) {
        if (!term.startsWith(word)) continue;
        const rarity = Math.log(1 + meta.pages / (list.length / 2)) * (term === word ? 1 : 0.5);
        for (let i = 0, doc = 0; i < list.length; i += 2) {
          doc += list[i];
          scores.set(doc, Math.max(scores.get(doc) ?? 0, list[i + 1] * rarity));
        }
      }
      return scores;
    }));
    const total = found.reduce((all, scores) => new Map(
      [...all].filter(([doc]) => scores.has(doc)).map(([doc, score]) => [doc, score + scores.get(doc)])
    ));
    return { words, docs: [...total].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([doc]) => doc) };
  }

  async pages(docs) {
    const meta = await this.meta();
    const root = new URL("../../", this.base);
    return Promise.all(docs.map(async doc => {
      const file = await this.file(`pages/${Math.floor(doc / meta.pages_per_file)}.json`);
      const [url, title, description] = file[doc % meta.pages_per_file];
      return { url: new URL(url, root).href, title, description };
    }));
  }
}

function resultItem({ url, title, description }) {
  const item = document.createElement("li");
  const link = Object.assign(document.createElement("a"), { href: url, textContent: title });
  item.append(link);
  if (description) item.append(Object.assign(document.createElement("p"), { textContent: description }));
  return item;
}

// Wires one search form (in the dialog or on the search page) to the index.
function connect(root, index, onSearch = () => {}) {
  const get = name => root.querySelector(`[data-site-search-${name}]`);
  const [form, input, status, list, more, browse, help] =
    ["form", "input", "status", "results", "more", "browse", "help"].map(get);
  let docs = [], shown = 0, run = 0, timer;
  // Help first, as soon as the words typed suggest crisis, before any search has run.
  const offerHelp = query => { help.hidden = !suggestsCrisis(query); };
  // Under the crisis message, "try another word" would send the reader away from help.
  const noMatch = message => help.hidden ? message : "No articles match these words. The help above is there for you now.";

  async function showMore(current, query) {
    const next = await index.pages(docs.slice(shown, shown + PER_PAGE));
    if (current !== run) return;
    const items = next.map(resultItem);
    list.append(...items);
    shown += next.length;
    list.hidden = shown === 0;
    more.parentElement.hidden = shown >= docs.length;
    browse.hidden = docs.length > 0;
    status.textContent = docs.length === 0 ? noMatch(`Sorry, no articles match “${query}”. Try another word.`)
      : docs.length === 1 ? "1 article found."
      : `${docs.length} articles found${shown < docs.length ? `, showing the first ${shown}` : ""}.`;
    return items;
  }

  async function search(query) {
    const current = ++run;
    clearTimeout(timer);
    offerHelp(query);
    onSearch(query);
    docs = []; shown = 0;
    if (!query.trim()) {
      list.replaceChildren(); list.hidden = more.parentElement.hidden = browse.hidden = true;
      status.textContent = "";
      return;
    }
    const slow = setTimeout(() => { if (current === run) status.textContent = "Searching…"; }, 500);
    try {
      const result = await index.search(query);
      if (current !== run) return;
      list.replaceChildren();
      if (!result.words.length) {
        list.hidden = more.parentElement.hidden = true;
        browse.hidden = false;
        status.textContent = noMatch(`“${query.trim()}” is too short or too common to search for. Try another word.`);
        return;
      }
      docs = result.docs;
      await showMore(current, query.trim());
    } catch (error) {
      if (current !== run) return;
      console.warn("Search failed:", error);
      list.replaceChildren(); list.hidden = more.parentElement.hidden = true;
      browse.hidden = false;
      status.textContent = "Search is not available right now.";
    } finally {
      clearTimeout(slow);
    }
  }

  input.addEventListener("input", () => {
    offerHelp(input.value);
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), DELAY);
  });
  form.addEventListener("submit", event => {
    event.preventDefault();
    search(input.value);
  });
  more.addEventListener("click", async () => {
    const items = await showMore(run, input.value.trim());
    items?.[0]?.querySelector("a").focus();
  });
  return { input, search };
}

export function loadStyles() {
  loadStyles.done ??= new Promise(resolve => {
    const link = Object.assign(document.createElement("link"),
      { rel: "stylesheet", href: new URL("search.css", import.meta.url).href });
    link.onload = link.onerror = resolve;
    document.head.append(link);
  });
  return loadStyles.done;
}

// The search page: search here, and keep ?q= in the address to share or go back to;
// but never words that suggest crisis, which would stay in the browser's history.
export function setUpPage(opener, page) {
  page.hidden = false;
  document.querySelector("[data-site-search-no-script]")?.remove();
  const ui = connect(page, new Index(opener.dataset.siteSearchIndex), query => {
    const url = new URL(location.href);
    if (query.trim() && !suggestsCrisis(query)) url.searchParams.set("q", query.trim());
    else url.searchParams.delete("q");
    history.replaceState(null, "", url);
  });
  opener.addEventListener("click", event => { event.preventDefault(); ui.input.focus(); });
  const query = new URLSearchParams(location.search).get("q");
  if (query) { ui.input.value = query; ui.search(query); }
}

// Every other page: a panel under the header, not a modal, so the header's Quick
// exit stays in view and usable while searching. search.js has already made the
// header link a button; this takes over its clicks. Returns the function that opens it.
export function setUpDialog(opener, dialog) {
  const ui = connect(dialog, new Index(opener.dataset.siteSearchIndex));
  const header = opener.closest("header") ?? document.body;
  const close = ({ returnFocus }) => {
    if (!dialog.open) return;
    dialog.close();
    opener.setAttribute("aria-expanded", "false");
    if (returnFocus) opener.focus();
  };
  const open = async () => {
    await loadStyles();
    dialog.style.setProperty("--site-search-top", `${header.getBoundingClientRect().bottom}px`);
    if (!dialog.open) dialog.show();
    opener.setAttribute("aria-expanded", "true");
    ui.input.focus();
    ui.input.select();
  };
  opener.addEventListener("click", event => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (dialog.open) close({ returnFocus: true }); else open();
  });
  opener.addEventListener("keydown", event => {
    if (event.key === " ") { event.preventDefault(); open(); }
  });
  dialog.querySelector("[data-site-search-close]").addEventListener("click", () => close({ returnFocus: true }));
  dialog.addEventListener("keydown", event => {
    if (event.key === "Escape") { event.preventDefault(); close({ returnFocus: true }); }
  });
  // Clicking or moving focus anywhere else puts the panel away.
  document.addEventListener("click", event => {
    if (!dialog.contains(event.target) && !opener.contains(event.target)) close({ returnFocus: false });
  });
  dialog.addEventListener("focusout", event => {
    const next = event.relatedTarget;
    if (next && !dialog.contains(next) && next !== opener) close({ returnFocus: false });
  });
  loadStyles();
  return open;
}
