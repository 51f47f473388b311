"""Write the site's search index into a built site (run by build_site.py).

Only the article text marked `data-search-body` is indexed, with the page's
<h1> as its title and its meta description as its summary; headers,
navigation, banners and blog listings are not. The index is split so that
one search downloads only what it needs, however many posts there are:

  search/data/meta.json       counts, stop words, which term files exist, build id
  search/data/terms/XX.json   every term starting with XX: {term: [doc, weight, ...]}
                              (doc numbers delta-encoded, weights 1-99)
  search/data/pages/N.json    [url, title, description] of docs N*20 .. N*20+19

docs/assets/search/search-ui.js reads it. Its terms() must split text exactly
as terms() here does (tests/test_search.py checks that they agree).

    python -m scripts.build.search_index site     # re-index an already built site
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from scripts.core.site_folder import site_parser

INDEX_DIR = "search/data"
PAGES_PER_FILE = 20
BODY = "[data-search-body]"
NOT_TEXT = ".headerlink, script, style, [data-search-ignore]"
TITLE_WEIGHT, DESCRIPTION_WEIGHT, HEADING_WEIGHT, MAX_WEIGHT = 10, 3, 2, 99
# Words too common to narrow a search; leaving them out keeps the index small.
STOP_WORDS = frozenset("""
    about after all also am an and any are as at be because been before being but by can
    could did do does doing dont for from had has have he her here him his how if in into
    is it its just me more most my no not of on one only or our out over she should so
    some such than that the their them then there these they this those through to too
    up very was we were what when where which while who why will with would you your
""".split())
SPLIT = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=None)
def stem(word: str) -> str:
    """Fold a few English endings (worries/worry, friends/friend, helping/help)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    """The index terms of `text`: lower case, accents and apostrophes dropped, stemmed."""
    text = unicodedata.normalize("NFKD", text.lower()).replace("'", "").replace("\u2019", "")
    if not text.isascii():  # drop combining accents; any other non-ASCII character separates words
        text = text.translate({ord(c): "" if unicodedata.category(c).startswith("M") else " "
                               for c in set(text) if not c.isascii()})
    return [stem(w) for w in SPLIT.split(text) if len(w) > 1 and w not in STOP_WORDS]


@dataclass
class Doc:
    url: str  # relative to the site root, e.g. "blog/some-post/"
    title: str
    description: str
    weights: Counter


def read_doc(path: Path, site: Path) -> Doc | None:
    """The searchable part of one built page, or None if it marks no text for search."""
    tree = HTMLParser(path.read_text(encoding="utf-8"))
    body = tree.css_first(BODY)
    if body is None:
        return None
    for node in tree.css(NOT_TEXT):
        node.decompose()
    h1 = tree.css_first("article h1") or tree.css_first("h1")
    title = " ".join((h1.text() if h1 else path.parent.name).split())
    meta = tree.css_first('meta[name="description"]')
    description = " ".join((meta.attributes.get("content") or "").split()) if meta else ""

    weights = Counter(terms(body.text(separator=" ")))
    for heading in body.css("h2, h3"):
        weights.update({t: HEADING_WEIGHT for t in terms(heading.text())})
    weights.update({t: TITLE_WEIGHT for t in terms(title)})
    weights.update({t: DESCRIPTION_WEIGHT for t in terms(description)})
    url = path.parent.relative_to(site).as_posix() + "/" if path.name == "index.html" else path.relative_to(site).as_posix()
    return Doc("" if url == "./" else url, title, description, weights)


@dataclass
class Stats:
    pages: int
    terms: int
    files: int
    bytes: int


def write_json(path: Path, value) -> int:
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return len(data)


def build_index(site: Path) -> Stats:
    """Index every page of the built `site` that marks its text; return what was written."""
    docs = [doc for path in sorted(site.rglob("*.html")) if (doc := read_doc(path, site))]

    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, doc in enumerate(docs):
        for term, weight in doc.weights.items():
            postings[term].append((number, min(weight, MAX_WEIGHT)))
    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for term in sorted(postings):
        flat, previous = [], 0
        for number, weight in postings[term]:
            flat += [number - previous, weight]
            previous = number
        shards[term[:2]][term] = flat
    pages = [[d.url, d.title, d.description] for d in docs]

    out = site / INDEX_DIR
    shutil.rmtree(out, ignore_errors=True)
    written = [write_json(out / "terms" / f"{key}.json", shard) for key, shard in shards.items()]
    written += [
        write_json(out / "pages" / f"{n // PAGES_PER_FILE}.json", pages[n : n + PAGES_PER_FILE])
        for n in range(0, len(pages), PAGES_PER_FILE)
    ]
    build = hashlib.sha256(json.dumps([pages, shards], sort_keys=True).encode()).hexdigest()[:12]
    written.append(write_json(out / "meta.json", {
        "build": build,  # added to every other file's URL, so a cached old file is never mixed in
        "pages": len(docs),
        "pages_per_file": PAGES_PER_FILE,
        "terms": sorted(shards),
        "stop_words": sorted(STOP_WORDS),
    }))
    return Stats(pages=len(docs), terms=len(postings), files=len(written), bytes=sum(written))


def index_site(site: Path) -> Stats:
    """Index `site`, print what was written, and warn when no page is searchable."""
    started = time.monotonic()
    stats = build_index(site)
    print(f"Search index: {stats.pages} pages, {stats.terms} terms, {stats.files} files, {stats.bytes:,} bytes "
          f"in {site / INDEX_DIR} ({time.monotonic() - started:.1f} s)")
    if stats.pages == 0:
        print(f"search index: warning: no page marks its text with {BODY}, so search finds nothing; "
              "add the attribute around the article text in overrides/partials/content.html", file=sys.stderr)
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = site_parser(__doc__)
    args = parser.parse_args(argv)
    index_site(args.site)
    return 0


if __name__ == "__main__":
    sys.exit(main())
