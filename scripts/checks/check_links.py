"""Check every link in the built site, as GitHub Pages serves it under its sub-path.

Each page's links are resolved the way a browser resolves them from the page's
address (site_url + the page's path), then mapped to a file in the site folder
(`dir/` -> `dir/index.html`). Checked: every internal link and `#fragment`
(against the ids on the target page), every image, stylesheet and script, the
feed links on each page, and the links inside the feeds and the sitemap.
A root-absolute link such as `/blog/` works on a server at `/` but not under
the `/<repo>/` sub-path, so it is reported.

Each broken link is one line: the Markdown file and line it came from where
that can be told (else the built page), what is wrong, and how to fix it.
External links are not fetched unless --external is given (by hand: it uses
the network, politely: one request at a time per host, with timeouts and retries).

    python -m scripts.checks.check_links site
    python -m scripts.checks.check_links site --external
"""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from scripts.core import REPO, config as site_config
from scripts.core.fetch import add_fetch_options, fetch_politely
from scripts.core.posts import markdown_sources
from scripts.core.problems import problem
from scripts.core.site_folder import site_parser

SKIPPED_SCHEMES = ("mailto:", "tel:", "sms:", "javascript:", "data:", "blob:", "about:")
# (CSS selector, attribute, what it is). <link> gets its kind from rel.
HTML_REFS = [
    ("a[href]", "href", "link"),
    ("area[href]", "href", "link"),
    ("link[href]", "href", None),
    ("img[src]", "src", "image"),
    ("img[srcset]", "srcset", "image"),
    ("source[src]", "src", "media"),
    ("source[srcset]", "srcset", "image"),
    ("video[src]", "src", "media"),
    ("video[poster]", "poster", "image"),
    ("audio[src]", "src", "media"),
    ("track[src]", "src", "media"),
    ("script[src]", "src", "script"),
    ("iframe[src]", "src", "frame"),
    ("object[data]", "data", "object"),
    ("use[href]", "href", "image"),
]
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/json")
XML_URL_TAGS = {"link", "url", "guid", "loc", "comments", "id", "icon", "logo"}
XML_HTML_TAGS = {"description", "summary", "content", "encoded"}
JSON_URL_KEYS = {"home_page_url", "feed_url", "next_url", "url", "external_url", "icon", "favicon",
                 "image", "banner_image", "avatar"}
FIX_PAGE = "link to the page's .md file, relative to this file (e.g. ../help.md)"


# ---------------------------------------------------------------- the site --

@dataclass
class Ref:
    """One link found in the site."""

    source: str          # file in the site it is written in (e.g. blog/index.html)
    href: str            # as written
    kind: str            # link, image, stylesheet, script, feed, ...
    base: str            # the absolute URL it is resolved against
    text: str = ""       # the link's text, to find it in the Markdown
    context: str = ""    # e.g. the feed item it is in

    @cached_property
    def absolute(self) -> str:
        return urljoin(self.base, self.href)


@dataclass
class Finding:
    path: str
    line: int | None
    message: str
    broken: tuple  # (reason, the absolute address it resolves to)
    also: int = 0  # how many more places have the same broken link

    @property
    def text(self) -> str:
        """What is wrong (and how many more places have it); how to fix it."""
        also = f" (and in {self.also} more place{'s' * (self.also > 1)})" if self.also else ""
        head, _, fix = self.message.partition("; ")
        return f"{head}{also}; {fix}"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}" if self.line else f"{self.path}: {self.text}"


class Site:
    def __init__(self, root: Path, site_url: str, docs: Path, config: dict):
        self.root = root
        self.url = site_url
        parts = urlsplit(site_url)
        self.origin = (parts.scheme, parts.netloc)
        self.base_path = parts.path if parts.path.endswith("/") else parts.path + "/"
        self.docs = docs
        self.sources = markdown_sources(docs, config) if docs.is_dir() else {}
        self.ids: dict[str, set[str]] = {}  # page -> the ids a #fragment can point to
        self.files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
        self.refs: list[Ref] = []
        self._lines: dict[Path, list[str]] = {}

    # Where a page is served from: 404.html is served at any missing address,
    # so it is checked as if at a deep one, which breaks its relative links.
    def page_url(self, rel: str) -> str:
        if rel == "404.html":
            return self.url + "no/such/page/"
        if rel == "index.html" or rel.endswith("/index.html"):
            return self.url + rel[: -len("index.html")]
        return self.url + rel

    def read_html(self, rel: str) -> None:
        """Note a page's ids, and collect its links."""
        tree = LexborHTMLParser((self.root / rel).read_bytes().decode("utf-8", errors="replace"))
        self.ids[rel] = {n.attributes.get("id") for n in tree.css("[id]")}
        self.ids[rel] |= {n.attributes.get("name") for n in tree.css("a[name]")}
        base = self.page_url(rel)
        base_tag = tree.css_first("base[href]")
        if base_tag is not None:
            base = urljoin(base, base_tag.attributes["href"] or "")
        self.refs.extend(html_refs(tree, rel, base))

    def lines(self, md: Path) -> list[str]:
        if md not in self._lines:
            self._lines[md] = md.read_text(encoding="utf-8-sig", errors="replace").splitlines()
        return self._lines[md]

    @staticmethod
    def display(path: Path) -> str:
        """A path as the author would type it: relative to here if under here, else absolute."""
        path = path.absolute()
        return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


def html_refs(tree, source: str, base: str, context: str = "") -> list[Ref]:
    refs = []
    for selector, attr, kind in HTML_REFS:
        for node in tree.css(selector):
            value = (node.attributes.get(attr) or "").strip()
            if kind is None:  # <link>: what it is comes from rel and type
                rel = (node.attributes.get("rel") or "").lower().split()
                if node.attributes.get("type") in FEED_TYPES:
                    this = "feed link"
                else:
                    this = "stylesheet" if "stylesheet" in rel else "icon" if "icon" in rel else "link"
            else:
                this = kind
            values = [v.strip().split()[0] for v in value.split(",") if v.strip()] if attr == "srcset" else [value]
            text = node.text(strip=True) if node.tag == "a" else (node.attributes.get("alt") or "")
            refs.extend(Ref(source, v, this, base, text, context) for v in values if v)
    return refs


def feed_refs(site: Site, rel: str) -> list[Ref]:
    """Links in an RSS/Atom feed, a sitemap or a JSON Feed, and in the HTML of its items."""
    path = site.root / rel
    base = site.url + rel
    refs: list[Ref] = []
    if rel.endswith(".json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not (isinstance(data, dict) and str(data.get("version", "")).startswith("https://jsonfeed.org/")):
            return refs
        items = data.get("items") or []
        for key, value in data.items():
            if key in JSON_URL_KEYS and isinstance(value, str):
                refs.append(Ref(rel, value, "link", base))
        for author in data.get("authors") or []:
            refs += [Ref(rel, author[k], "link", base) for k in ("url", "avatar") if isinstance(author.get(k), str)]
        for item in items:
            context = f"item {item.get('title') or item.get('id')!r}"
            item_base = urljoin(base, item.get("url") or "")
            for key, value in item.items():
                if key in JSON_URL_KEYS and isinstance(value, str):
                    refs.append(Ref(rel, value, "link", base, context=context))
            for attachment in item.get("attachments") or []:
                if isinstance(attachment.get("url"), str):
                    refs.append(Ref(rel, attachment["url"], "link", base, context=context))
            if item.get("content_html"):
                refs += html_refs(LexborHTMLParser(item["content_html"]), rel, item_base, context)
        return refs

    text = path.read_text(encoding="utf-8")
    for pi in re.findall(r"<\?xml-stylesheet\b[^>]*?href=[\"']([^\"']+)", text):
        refs.append(Ref(rel, pi, "stylesheet", base))
    root = ET.fromstring(text.encode("utf-8"))

    def walk(element, item_base: str, context: str):
        name = element.tag.rsplit("}", 1)[-1]
        if name in ("item", "entry"):
            title = element.findtext("title") or element.findtext("{http://www.w3.org/2005/Atom}title")
            context = f"item {title!r}"
            link = element.findtext("link") or ""
            for child in element:
                if child.tag.rsplit("}", 1)[-1] == "link" and child.get("href"):
                    link = child.get("href")
            item_base = urljoin(base, link.strip())
        for attr in ("href", "url", "src"):
            if element.get(attr):
                refs.append(Ref(rel, element.get(attr).strip(), "link", base, context=context))
        body = (element.text or "").strip()
        if name in XML_URL_TAGS and body and element.get("isPermaLink") != "false" and re.match(r"https?://|/|\.", body):
            refs.append(Ref(rel, body, "link", base, context=context))
        if name in XML_HTML_TAGS and "<" in body:
            refs.extend(html_refs(LexborHTMLParser(body), rel, item_base, context))
        for child in element:
            walk(child, item_base, context)

    walk(root, base, "")
    return refs


# ------------------------------------------------------------ the checking --

class Checker:
    def __init__(self, site: Site):
        self.site = site
        self.findings: dict[tuple, Finding] = {}
        self.external: dict[str, list[Ref]] = defaultdict(list)

    def target_file(self, rel: str) -> str | None:
        """The site file an address inside the site is served from, as the server does it."""
        if rel in ("", ".") or rel.endswith("/"):
            rel += "index.html"
        if rel in self.site.files:
            return rel
        if rel + "/index.html" in self.site.files:
            return rel + "/index.html"  # the server redirects dir to dir/
        return None

    def ids_of(self, rel: str) -> set[str] | None:
        if not rel.endswith(".html"):
            return None
        if rel not in self.site.ids:
            self.site.read_html(rel)
        return self.site.ids[rel]

    def check(self, ref: Ref) -> None:
        href = ref.href
        if not href or href.lower().startswith(SKIPPED_SCHEMES):
            return
        absolute = ref.absolute
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https"):
            return
        inside = (parts.scheme, parts.netloc) == self.site.origin and parts.path.startswith(self.site.base_path)
        root_absolute = href.startswith("/") and not href.startswith("//")
        if not inside:
            if root_absolute:
                return self.report(ref, "root-absolute", f"'{href}' starts at the server's root, so under GitHub Pages it "
                                   f"leaves the site's {self.site.base_path} sub-path", self.fix_for(ref, parts.path))
            if (parts.scheme, parts.netloc) == self.site.origin and not urlsplit(href).netloc:
                return self.report(ref, "outside", f"'{href}' climbs above the site's {self.site.base_path} root",
                                   self.fix_for(ref, None))
            if not urlsplit(href).scheme and not href.startswith("//") and not root_absolute:
                return  # relative links never leave the origin
            self.external[absolute.split("#", 1)[0]].append(ref)
            return
        rel = unquote(parts.path[len(self.site.base_path):])
        target = self.target_file(rel)
        if target is None:
            if ref.kind in ("image", "stylesheet", "script", "icon", "media"):
                what = ref.kind
            else:
                what = "page" if Path(rel).suffix in ("", ".html", ".md") else "file"
            return self.report(ref, "missing", f"'{href}' points to {rel or '/'} in the site, and there is no such {what}",
                               self.fix_for(ref, None))
        if root_absolute and self.written_in_markdown(ref):
            why = (f"spells out the {self.site.base_path} sub-path, which changes with the repository's name"
                   if self.site.base_path != "/" else "starts at the server's root, so it would break if the site "
                   "moved under a /<repo>/ sub-path (a project site on GitHub Pages)")
            return self.report(ref, "root-absolute", f"'{href}' {why}", self.fix_for(ref, parts.path))
        fragment = unquote(parts.fragment)
        if fragment and fragment != "top":
            ids = self.ids_of(target)
            if ids is not None and fragment not in ids:
                close = difflib.get_close_matches(fragment, sorted(ids - {None}), n=1, cutoff=0.6)
                hint = f"did you mean '#{close[0]}'?" if close else f"use the id of a heading on {target}"
                return self.report(ref, "anchor", f"'{href}' points to #{fragment}, which {target} does not have",
                                   f"{hint} (a heading's id is its text in lower case, with hyphens for spaces)")

    # -- what to tell the author

    def fix_for(self, ref: Ref, root_path: str | None) -> str:
        """How to fix a link: the relative .md link to write, where it can be worked out."""
        md_here = self.site.sources.get(ref.source)
        if ref.source == "404.html":
            return "404.html is served at any missing address, so its links must start with the site's sub-path"
        if root_path is not None:
            rel = root_path.lstrip("/")
            if rel.startswith(self.site.base_path.lstrip("/")):
                rel = rel[len(self.site.base_path.lstrip("/")):]
            target = self.target_file(rel)
            md_there = self.site.sources.get(target) if target else None
            if md_here and md_there:
                suggestion = os.path.relpath(md_there, md_here.parent).replace(os.sep, "/")
                fragment = urlsplit(ref.href).fragment
                return f"write it as a relative link to the Markdown file: {suggestion}{'#' + fragment if fragment else ''}"
            return "write it as a relative link (to a page's .md file, or to an image relative to this file)"
        if ref.kind == "link":
            guess = self.guess_page(ref)
            return f"did you mean {guess}? (link to a page's .md file, relative to this file)" if guess else FIX_PAGE
        if md_here:
            return f"put the file under {self.site.display(self.site.docs)}/ and give its path relative to this file"
        return "fix the address, or add the file it points to"

    def guess_page(self, ref: Ref) -> str | None:
        md_here = self.site.sources.get(ref.source)
        if not md_here:
            return None
        name = Path(urlsplit(ref.href).path.rstrip("/")).stem
        names = {md.stem: md for md in self.site.sources.values() if md.stem not in ("index", "README")}
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
        if not close:
            return None
        return os.path.relpath(names[close[0]], md_here.parent).replace(os.sep, "/")

    def written_in_markdown(self, ref: Ref) -> bool:
        md = self.site.sources.get(ref.source)
        return bool(md and find_line(self.site.lines(md), ref, loose=False) is not None)

    def report(self, ref: Ref, reason: str, what: str, fix: str) -> None:
        md, line = self.locate(ref)
        if ref.source.endswith(".html"):
            where = f" on {urlsplit(self.site.page_url(ref.source)).path}"
        else:
            where = f" in {ref.source}" + (f" ({ref.context})" if ref.context else "")
        if md is None and ref.source.endswith(".html"):
            source = self.site.sources.get(ref.source)
            not_in = f"it is not in {self.site.display(source)}, so " if source else ""
            what += f" ({not_in}it comes from a template in overrides/ or the theme)"
            if reason != "anchor" and ref.source != "404.html":
                fix = "fix the template that writes it (in overrides/), using the url filter for site addresses"
        if md is not None and line is not None:
            written = markdown_target(self.site.lines(md)[line - 1], ref)
            if written and written != ref.href:
                what = what.replace(f"'{ref.href}'", f"'{written}' (in the page: '{ref.href}')", 1)
        message = f"broken {ref.kind}{where}: {what}; {fix}"
        target = ref.absolute
        if md is None:
            path = self.site.display(self.site.root / ref.source)
            # A template's broken link is on every page: one line for all of them.
            key = (reason, target)
        else:
            path = self.site.display(md)
            parts = urlsplit(ref.href)
            key = (path, line, reason, Path(parts.path).name, parts.fragment)
        if key in self.findings:
            self.findings[key].also += 1
        else:
            self.findings[key] = Finding(path, line, message, (reason, target))

    def results(self) -> list[Finding]:
        """The findings, each once: copies of a post's link on index pages and in feeds
        (where it cannot be traced to a line) are counted with the post's own finding."""
        traced = {f.broken: f for f in self.findings.values() if f.line is not None}
        results = []
        for finding in self.findings.values():
            if finding.line is None and finding.broken in traced:
                traced[finding.broken].also += 1 + finding.also
            else:
                results.append(finding)
        return sorted(results, key=lambda f: (f.path, f.line or 0, f.message))

    def locate(self, ref: Ref) -> tuple[Path | None, int | None]:
        """The Markdown file and line a link comes from, where that can be told."""
        own = self.site.sources.get(ref.source)
        if own is not None:
            line = find_line(self.site.lines(own), ref)
            if line is not None:
                return own, line
        # Blog index, archive and category pages, and the feeds, repeat each post's
        # excerpt: look for the address as written in every Markdown file.
        for md in self.site.sources.values():
            if md is not own:
                line = find_line(self.site.lines(md), ref, loose=False)
                if line is not None:
                    return md, line
        return None, None


def markdown_target(line: str, ref: Ref) -> str | None:
    """The address as the author wrote it, when MkDocs rewrote it (a link to a .md file)."""
    fragment = urlsplit(ref.href).fragment
    if fragment:
        match = re.search(r"\]\(<?([^)\s>]*#" + re.escape(fragment) + r")>?[)\s]", line)
        if match:
            return match.group(1)
    return None


def find_line(lines: list[str], ref: Ref, loose: bool = True) -> int | None:
    """The 1-based line of a link in Markdown: by its address as written, then (when
    MkDocs rewrote the address, as it does for links to .md files) by its #fragment
    or its text."""
    href = ref.href
    for needle in dict.fromkeys([href, unquote(href)]):
        if not needle:
            continue
        # The whole address, not part of a longer one ('help/' is not in '/get-help/')
        whole = re.compile(r"(?<![\w/.:%-])" + re.escape(needle) + r"(?![\w/.%-])")
        for number, line in enumerate(lines, 1):
            if needle in line and whole.search(line):
                return number
    if not loose:
        return None
    fragment = urlsplit(href).fragment
    if fragment:
        pattern = re.compile(r"#" + re.escape(fragment) + r"(?=[\s)\"'>]|$)")
        for number, line in enumerate(lines, 1):
            if pattern.search(line):
                return number
    if ref.text:
        for number, line in enumerate(lines, 1):
            if f"[{ref.text}]" in line:
                return number
    return None


# ---------------------------------------------------------- external links --

def check_external(checker: Checker, timeout: float, retries: int, delay: float) -> None:
    for url, status, problem in fetch_politely(checker.external, timeout, retries, delay):
        if status is not None and status < 400:
            continue
        ref = checker.external[url][0]
        checker.report(ref, "external", f"'{ref.href}' answered {problem or 'nothing'}",
                       "check the address in a browser, and replace or remove the link if it has moved")


class UnreadableFeed(Exception):
    """A feed or sitemap in the built site that cannot be parsed."""


def check_site(site: Site, checker: Checker) -> tuple[int, int, int]:
    """Check every page, then every feed and sitemap (every .xml or .json file that a page,
    a feed or a sitemap links to, and sitemap.xml). Returns how many pages, feeds, links."""
    pages = sorted(p.relative_to(site.root).as_posix() for p in site.root.rglob("*.html"))
    for rel in pages:
        site.read_html(rel)
    for ref in site.refs:
        checker.check(ref)

    def linked_data_file(ref: Ref) -> str | None:
        absolute = urlsplit(ref.absolute)
        if (absolute.scheme, absolute.netloc) != site.origin or not absolute.path.startswith(site.base_path):
            return None
        rel = unquote(absolute.path[len(site.base_path):])
        return rel if rel.endswith((".xml", ".json")) and checker.target_file(rel) == rel else None

    feeds = ["sitemap.xml"] if checker.target_file("sitemap.xml") else []
    feeds += sorted({rel for rel in map(linked_data_file, site.refs) if rel} - set(feeds))
    links = len(site.refs)
    for rel in feeds:  # grows while it is walked
        try:
            refs = feed_refs(site, rel)
        except (ET.ParseError, json.JSONDecodeError, UnicodeDecodeError) as error:
            raise UnreadableFeed(f"{site.display(site.root / rel)}: cannot be read ({error}); "
                            "fix the template or plugin that writes it") from error
        links += len(refs)
        for ref in refs:
            checker.check(ref)
            found = linked_data_file(ref)
            if found and found not in feeds:
                feeds.append(found)
    return len(pages), len(feeds), links


# -------------------------------------------------------------------- main --

def site_url_from(args, config: dict) -> str:
    url = args.site_url or os.environ.get("SITE_URL") or config.get("site_url") or ""
    return url if url.endswith("/") else url + "/"


def built_for(root: Path) -> str | None:
    """The site_url the site was built with, from the home page's canonical link."""
    node = LexborHTMLParser((root / "index.html").read_text(encoding="utf-8")).css_first("link[rel=canonical]")
    return node.attributes.get("href") if node is not None else None


def main(argv=None) -> int:
    parser = site_parser(__doc__)
    parser.add_argument("--config", type=Path, default=REPO / "mkdocs.yml",
                        help="mkdocs.yml, for site_url and docs_dir (default: the repository's)")
    parser.add_argument("--site-url", help="the address the site is served at (default: $SITE_URL, else mkdocs.yml's site_url)")
    parser.add_argument("--external", action="store_true", help="also fetch external links (uses the network)")
    add_fetch_options(parser)
    args = parser.parse_args(argv)

    if not args.config.is_file():
        parser.error(f"{args.config} not found: pass --config path/to/mkdocs.yml")
    try:
        config = site_config.read(args.config)
    except site_config.CONFIG_PROBLEMS as error:
        parser.error(f"{args.config} is not valid YAML: {error}".replace("\n", " "))
    site_url = site_url_from(args, config)
    if urlsplit(site_url).scheme not in ("http", "https"):
        parser.error(f"site_url {site_url!r} is not an http(s) address: set it in mkdocs.yml, $SITE_URL or --site-url")
    canonical = built_for(args.site)
    if canonical and not canonical.startswith(site_url):
        parser.error(f"{args.site} was built for {canonical}, not {site_url}: rebuild it, or pass --site-url {canonical}")

    docs = site_config.docs_dir(args.config, config)
    site = Site(args.site, site_url, docs, config)
    checker = Checker(site)
    try:
        pages, feeds, links = check_site(site, checker)
    except UnreadableFeed as error:
        print(error)
        return 1
    if args.external:
        check_external(checker, args.timeout, args.retries, args.delay)

    findings = checker.results()
    for finding in findings:
        print(problem(finding.path, finding.line, finding.text))
    checked = f"{pages} pages, {feeds} feeds and sitemaps, {links} links"
    external = f", {len(checker.external)} external links fetched" if args.external else ""
    verdict = f"{len(findings)} broken" if findings else "none broken"
    print(f"check_links: {checked}{external}: {verdict}", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
