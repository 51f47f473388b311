"""Benchmark the site against stock Material for MkDocs on the same synthetic posts.

For each number of posts (3, 100 and 1,000 by default) this copies the site's
sources into a temporary folder, replaces the posts with synthetic ones of
realistic length, and builds them twice, in the same run:

- ours:  scripts/build/build_site.py with mkdocs.yml, as `make build` does;
- stock: the same mkdocs.yml without our overrides and hooks, with Material's
         own `search` plugin, built with plain `mkdocs build`.

Each site is served with gzip under its sub-path, as GitHub Pages serves it
(scripts/dev/serve_site.py), and the server counts the bytes it sends (headers and
compressed bodies). It prints a Markdown table per size, ours and stock side by
side: build time, pages, search index size, the first view of the home page
and of a post (fresh browser, until the network is idle), one search from the
header (everything it downloads, including any search files fetched at page
load), and Lighthouse's mobile scores for the home page, the blog index, a
post, the help page and Browse safely. Then the targets (issues 6 and 11), met or not.

Figures only: nothing here is asserted (tests/ checks behaviour, not speed).
Slow: about half an hour on 2 cores (an hour with --lighthouse-runs 3).  make bench  |  python -m scripts.dev.bench --help
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import ThreadingHTTPServer
from pathlib import Path

import yaml

from scripts.core import REPO, cli, config as site_config, pages
from scripts.dev.serve_site import make_handler

SOURCES = ["mkdocs.yml", "data", "docs", "overrides"]
BASE = site_config.sub_path(site_config.read())  # the sub-path in site_url
QUERY = "panic"  # in the title of synthetic post 1 ("... panic attacks") and in other posts' text
TYPING_MS = 150  # between key presses, as a person types: ours may search for "pa", "pan"... on the way
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
LIGHTHOUSE = REPO / "node_modules/.bin/lighthouse"
LIGHTHOUSE_PAGES = ("home", "blog index", "post", "help", "browse safely")  # page types (scripts/core/pages.py)
CATEGORIES = site_config.categories(site_config.read())


# Synthetic posts ----------------------------------------------------------------

TOPICS = """exam stress|panic attacks|loneliness|grief after a loss|body image|screen time|sleep problems|
friendship fallouts|first relationships|moving school|parents separating|perfectionism|procrastination|anger|
jealousy|shyness|social anxiety|worry at night|low mood|burnout|caring for a sibling|money worries|online gaming|
group chats|peer pressure|changing friendships|starting a new job|homesickness|feeling left out|comparison online|
saying no|apologising well|asking for help|talking to a doctor|waiting lists|therapy sessions|journaling|
breathing exercises|mindful walking|music and mood|cooking together|pets and wellbeing|volunteering|
sport and confidence|rest days|digital boundaries|notifications|bedtime routines|morning routines|caffeine|
energy drinks|loud families|quiet time|gratitude|kindness|self-criticism|setting goals|small wins|habits|
motivation|decision fatigue|negotiating curfews|family dinners|step-families|grandparents|long-distance friends|
dating apps|breakups|heartbreak|trust|jealous partners|healthy arguments|listening skills|empathy|
conflict at home|sharing a room|exam results|choosing subjects|university worries|gap years|part-time jobs|
learning to drive|holidays|festive stress|summer boredom|rainy days""".replace("\n", "").split("|")
OPENERS = ["Understanding", "Living with", "Coping with", "A plain guide to", "Talking about", "Getting through",
           "What helps with", "Questions about", "Making sense of", "First steps with"]
TOPIC_SENTENCES = [
    "Many people find {t} hard to talk about at first.",
    "There is no single right way to handle {t}.",
    "If {t} is affecting your sleep or your schoolwork, tell someone you trust.",
    "Parents often notice {t} before their children mention it.",
    "Small, steady changes tend to help more with {t} than big promises.",
    "Writing down when {t} feels worse can show you a pattern.",
    "Research on {t} is still growing, and not every study agrees.",
    "Friends can help with {t} simply by listening.",
]
# Sentences from the site's own pages train the text generator; these would make
# synthetic posts need content notes, or read as references and phone numbers.
LEAVE_OUT = re.compile(r"abus|harm|suicid|death|die|kill|crisis|emergency|danger|et al|journal|http|[:()\[\]|#*]|\d{3}",
                       re.IGNORECASE)


def site_sentences() -> list[list[str]]:
    sentences = []
    for path in [*REPO.glob("docs/*.md"), *REPO.glob("docs/blog/posts/*.md")]:
        text = path.read_text(encoding="utf-8").split("---\n", 2)[-1]
        text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
        for line in text.splitlines():
            line = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", line).replace("**", "").replace("*", "")
            for sentence in re.split(r"(?<=[.!?])\s+", line.strip()):
                words = sentence.split()
                if len(words) >= 4 and sentence[-1:] in ".?!" and not LEAVE_OUT.search(sentence):
                    sentences.append(words)
    return sentences


class TextGenerator:
    """Plausible English from a word-level Markov chain (order 2) over the site's own text."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.chain: dict[tuple[str, str], list[str]] = {}
        for words in site_sentences():
            padded = ["^", "^", *words, "$"]
            for a, b, c in zip(padded, padded[1:], padded[2:]):
                self.chain.setdefault((a, b), []).append(c)

    def sentence(self, least=6, most=28) -> str:
        for _ in range(50):
            a, b, words = "^", "^", []
            while len(words) <= most:
                c = self.rng.choice(self.chain[(a, b)])
                if c == "$":
                    break
                words.append(c)
                a, b = b, c
            if least <= len(words) <= most:
                return " ".join(words)
        return " ".join(words[:most]).rstrip(".,;") + "."

    def paragraph(self, sentences: int, topic: str) -> str:
        parts = [self.sentence() for _ in range(sentences)]
        parts.insert(self.rng.randrange(len(parts) + 1), self.rng.choice(TOPIC_SENTENCES).format(t=topic))
        return " ".join(parts)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def synthetic_post(n: int, text: TextGenerator, today: date) -> tuple[str, str]:
    """Post number n (0 is the newest): its slug and Markdown, 600 to 900 words."""
    rng, topic = text.rng, TOPICS[n % len(TOPICS)]
    title = f"{OPENERS[(n // len(TOPICS)) % len(OPENERS)]} {topic}"
    if n >= len(TOPICS) * len(OPENERS):
        title += f", part {n // (len(TOPICS) * len(OPENERS)) + 1}"
    created = today - timedelta(days=2 + n)
    target = rng.randint(600, 900)
    intro = text.paragraph(2, topic)
    sections, count = [], len(intro.split())
    while count < target - 40:
        paragraphs = [text.paragraph(rng.randint(2, 4), topic) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.3:
            paragraphs.append("\n".join(f"- {text.sentence(4, 14)}" for _ in range(rng.randint(3, 5))))
        section = f"## {text.sentence(3, 7).rstrip('.?!,;')}\n\n" + "\n\n".join(paragraphs)
        sections.append(section)
        count += len(section.split())
    front = {
        "title": title,
        "description": text.sentence(8, 22),
        "slug": slugify(title),
        "date": {"created": created},
        "last_reviewed": created,
        "next_review": created + timedelta(days=365),
        "authors": ["site-author"],
        "categories": [CATEGORIES[n % len(CATEGORIES)]],
        "tags": [topic.split()[0]],
    }
    references = (f"- Example, A. and colleagues ({created.year - 1}). A study of {topic}. Example Journal.\n"
                  f"- Writer, B. ({created.year - 3}). A review of research on {topic}.\n")
    body = "\n\n".join([f"# {title}", intro, "<!-- more -->", *sections, "## References", references])
    front_matter = yaml.dump(front, Dumper=PlainDumper, sort_keys=False, allow_unicode=True)
    return front["slug"], f"---\n{front_matter}---\n\n{body}"


class PlainDumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # write a repeated date twice, not as &id001 / *id001
        return True


def write_posts(posts_dir: Path, count: int) -> str:
    """Replace the posts in posts_dir with `count` synthetic ones; return the newest one's slug."""
    text, today = TextGenerator(random.Random(6)), date.today()
    for old in posts_dir.glob("*.md"):
        old.unlink()
    slugs = []
    for n in range(count):
        slug, markdown = synthetic_post(n, text, today)
        (posts_dir / f"{slug}.md").write_text(markdown, encoding="utf-8")
        slugs.append(slug)
    return slugs[0]


# The two configurations -----------------------------------------------------------


def stock_config(project: Path, site_url: str) -> Path:
    """mkdocs.yml as stock Material: no overrides or extra CSS/JS; Material's search plugin."""
    config = site_config.read(project / "mkdocs.yml")
    config.update(site_url=site_url, strict=False)
    for key in ("hooks", "extra_css", "extra_javascript"):
        config.pop(key, None)
    theme = config["theme"]
    theme.pop("static_templates", None)
    # Pages that name a template of ours get Material's plain one instead.
    stock = project / "stock-overrides"
    stock.mkdir()
    named = {match.group(1) for md in (project / "docs").rglob("*.md")
             if (match := re.search(r"^template:\s*[\"']?([\w./-]+)", md.read_text(encoding="utf-8"), re.M))}
    for name in named:
        (stock / name).write_text('{% extends "main.html" %}\n', encoding="utf-8")
    theme["custom_dir"] = "stock-overrides"
    theme["features"] = [*theme.get("features", []), "search.highlight"]
    config["plugins"] = ["search", *config["plugins"]]
    path = project / "mkdocs.stock.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def build(project: Path, kind: str, site: Path, site_url: str) -> float:
    if kind == "ours":
        command = [sys.executable, "-m", "scripts.build.build_site", "--site-dir", str(site)]
    else:
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(stock_config(project, site_url)), "-d", str(site)]
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"bench: the {kind} build failed:\n{result.stdout}\n{result.stderr}")
    return seconds


# Serving, counting bytes --------------------------------------------------------------


class Traffic:
    """What the server sent, request by request: (path, bytes including headers)."""

    def __init__(self):
        self.lock, self.sent = threading.Lock(), []

    def add(self, path: str, size: int):
        with self.lock:
            self.sent.append((path, size))

    def take(self) -> list[tuple[str, int]]:
        with self.lock:
            sent, self.sent = self.sent, []
        return sent


@contextmanager
def serving(site: Path, port: int, traffic: Traffic):
    """scripts/dev/serve_site.py's server, counting the bytes of every response it writes."""

    class Counted(make_handler(site, BASE)):
        def setup(self):
            super().setup()
            self.bytes_sent, raw, handler = 0, self.wfile, self

            class Counter:
                def write(self, data):
                    handler.bytes_sent += len(data)
                    return raw.write(data)

                def __getattr__(self, name):
                    return getattr(raw, name)

            self.wfile = Counter()

        def finish(self):
            super().finish()
            if getattr(self, "path", None):
                traffic.add(self.path, self.bytes_sent)

    server = ThreadingHTTPServer(("127.0.0.1", port), Counted)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}{BASE}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Measurements ---------------------------------------------------------------------------


@dataclass
class Result:
    build_s: float = 0
    pages: int = 0
    index_bytes: int = 0
    home: tuple[int, int] = (0, 0)  # bytes, requests
    post: tuple[int, int] = (0, 0)
    search: tuple[int, int] = (0, 0)
    search_found: bool = False
    lighthouse: dict[str, list[int]] = field(default_factory=dict)
    below_100: list[str] = field(default_factory=list)


PHONE = {"viewport": {"width": 390, "height": 800}, "is_mobile": True, "has_touch": True}


def first_view(browser, url: str, traffic: Traffic) -> tuple[int, int]:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    traffic.take()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    sent = traffic.take()
    context.close()
    return sum(size for _, size in sent), len(sent)


def one_search(browser, url: str, kind: str, expected: str, traffic: Traffic) -> tuple[int, int, bool]:
    """Open search from the header of a post, type QUERY, wait for results; what did it download?"""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    traffic.take()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    at_load = [(path, size) for path, size in traffic.take() if "search" in path]
    if kind == "ours":
        page.locator("[data-site-search-open]").click()
        field = page.locator("[data-site-search-dialog] [data-site-search-input]")
        from playwright.sync_api import expect
        expect(field).to_be_focused()  # a person types once the box is there
        field.press_sequentially(QUERY, delay=TYPING_MS)
        page.locator("[data-site-search-dialog] [data-site-search-status]").filter(
            has_text=re.compile("found|match")).wait_for(timeout=60_000)
        links = page.locator("[data-site-search-dialog] [data-site-search-results] a")
    else:
        page.locator("label.md-header__button[for=__search]").click()
        page.locator("input.md-search__input").press_sequentially(QUERY, delay=TYPING_MS)
        page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
        links = page.locator(".md-search-result__item > a")
    page.wait_for_load_state("networkidle")
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    sent = at_load + traffic.take()
    context.close()
    return sum(size for _, size in sent), len(sent), any(expected in h for h in hrefs)


def lighthouse(url: str, chrome: str, runs: int) -> tuple[list[int], list[str]]:
    """The run with the median performance score of `runs` (Lighthouse's advice for noisy machines)."""
    reports = sorted((lighthouse_once(url, chrome) for _ in range(runs)), key=lambda report: report[0][0])
    return reports[len(reports) // 2]


def lighthouse_once(url: str, chrome: str) -> tuple[list[int], list[str]]:
    """Mobile scores (performance, accessibility, best practices, SEO) and the audits that cost points."""
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout", "--no-enable-error-reporting",
         "--only-categories=performance,accessibility,best-practices,seo", "--chrome-flags=" + " ".join(CHROMIUM_FLAGS)],
        env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        return [-1] * 4, [f"lighthouse failed: {result.stderr.strip()[-300:]}"]
    report = json.loads(result.stdout)
    categories = report["categories"]
    scores = [round(100 * (categories[c]["score"] or 0)) for c in ("performance", "accessibility", "best-practices", "seo")]
    lost = [f"{c['id']}: {ref['id']} ({report['audits'][ref['id']].get('displayValue') or report['audits'][ref['id']]['score']})"
            for c in categories.values() for ref in c["auditRefs"]
            if ref.get("weight") and (report["audits"][ref["id"]].get("score") is not None)
            and report["audits"][ref["id"]]["score"] < 1]
    return scores, lost


def measure(posts: int, args, browser, chrome: str, workdir: Path) -> dict[str, Result]:
    project = workdir / f"posts-{posts}"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    for name in SOURCES:
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(REPO / name, project / name)
    slug = write_posts(project / "docs/blog/posts", posts)
    expected = f"{QUERY}-"  # in the address of every post with QUERY in its title
    results = {}
    for kind in ("stock", "ours"):
        print(f"  {posts} posts, {kind}: building", file=sys.stderr, flush=True)
        port, site, traffic = free_port(), project / f"site-{kind}", Traffic()
        r = results[kind] = Result()
        r.build_s = build(project, kind, site, f"http://127.0.0.1:{port}{BASE}")
        r.pages = sum(1 for _ in site.rglob("*.html"))
        index = site / ("search/data" if kind == "ours" else "search/search_index.json")
        r.index_bytes = sum(p.stat().st_size for p in index.rglob("*") if p.is_file()) if index.is_dir() else index.stat().st_size
        with serving(site, port, traffic) as url:
            print(f"  {posts} posts, {kind}: measuring", file=sys.stderr, flush=True)
            r.home = first_view(browser, url, traffic)
            r.post = first_view(browser, f"{url}blog/{slug}/", traffic)
            *r.search, r.search_found = one_search(browser, f"{url}blog/{slug}/", kind, expected, traffic)
            if not args.no_lighthouse:
                paths = pages.page_types(project / "docs")
                for name in LIGHTHOUSE_PAGES:
                    path = f"blog/{slug}/" if name == "post" else paths[name]  # the example post
                    scores, lost = lighthouse(url + path, chrome, args.lighthouse_runs)
                    r.lighthouse[name] = scores
                    r.below_100 += [f"{name}: {item}" for item in lost]
                    traffic.take()
    return results


# Report ---------------------------------------------------------------------------------


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def ratio(ours: float, stock: float) -> str:
    return f"{ours / stock:.2f}" if stock else "-"


def table(posts: int, ours: Result, stock: Result) -> str:
    rows = [
        ("Build (s)", f"{ours.build_s:.1f}", f"{stock.build_s:.1f}", ratio(ours.build_s, stock.build_s)),
        ("Pages (HTML files)", str(ours.pages), str(stock.pages), ""),
        ("Search index on disk", kb(ours.index_bytes), kb(stock.index_bytes), ratio(ours.index_bytes, stock.index_bytes)),
        ("First view, home", f"{kb(ours.home[0])}, {ours.home[1]} req", f"{kb(stock.home[0])}, {stock.home[1]} req",
         ratio(ours.home[0], stock.home[0])),
        ("First view, a post", f"{kb(ours.post[0])}, {ours.post[1]} req", f"{kb(stock.post[0])}, {stock.post[1]} req",
         ratio(ours.post[0], stock.post[0])),
        (f"One search (\"{QUERY}\")", f"{kb(ours.search[0])}, {ours.search[1]} req" + ("" if ours.search_found else " (no such post shown)"),
         f"{kb(stock.search[0])}, {stock.search[1]} req" + ("" if stock.search_found else " (no such post shown)"),
         ratio(ours.search[0], stock.search[0])),
    ]
    for name in ours.lighthouse:
        rows.append((f"Lighthouse {name} (P/A/BP/SEO)", "/".join(map(str, ours.lighthouse[name])),
                     "/".join(map(str, stock.lighthouse.get(name, []))), ""))
    lines = [f"**{posts} posts**", "", "| | ours | stock Material | ours / stock |", "|---|---:|---:|---:|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def targets(all_results: dict[int, dict[str, Result]]) -> list[str]:
    low, high = min(all_results), max(all_results)
    ours_low, ours_high = all_results[low]["ours"], all_results[high]["ours"]
    post_ratio = ours_high.post[0] / ours_low.post[0]
    build_ratio = ours_high.build_s / all_results[high]["stock"].build_s

    def line(ok, text):
        return f"- {'met' if ok else 'NOT MET'}: {text}"

    out = [
        line(post_ratio <= 1.05, f"first view of a post at {high} posts is {post_ratio:.3f} x that at {low} posts (at most 1.05)"),
        line(ours_high.post[0] <= 75 * 1024, f"first view of a post at {high} posts is {kb(ours_high.post[0])} (at most 75 KB)"),
        line(ours_high.post[0] < 45 * 1024, f"first view of a post at {high} posts is {kb(ours_high.post[0])} (under 45 KiB, issue 11)"),
        line(ours_high.search[0] < 100 * 1024 and ours_high.search_found,
             f"one search at {high} posts downloads {kb(ours_high.search[0])} (under 100 KB) and finds the post"),
        line(build_ratio <= 1.3, f"building {high} posts takes {build_ratio:.2f} x stock Material (at most 1.3)"),
    ]
    if ours_high.lighthouse:
        perfect = all(s == 100 for r in all_results.values() for scores in r["ours"].lighthouse.values() for s in scores)
        out.append(line(perfect, "Lighthouse 100 in every category on the home page, blog index, a post, help and browse safely"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser(__doc__)
    parser.add_argument("--posts", type=int, nargs="+", default=[3, 100, 1000], help="numbers of posts (default: 3 100 1000)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (much faster)")
    parser.add_argument("--lighthouse-runs", type=int, default=1, metavar="N",
                        help="run Lighthouse N times per page and keep the median (default 1)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    if args.lighthouse_runs < 1:
        parser.error("--lighthouse-runs must be 1 or more")
    if any(n < 2 for n in args.posts):
        parser.error("--posts: each number must be 2 or more (the search looks for post 1)")
    chrome = os.environ.get("CHROMIUM_PATH") or subprocess.run(
        [sys.executable, "-m", "scripts.core.find_browser", "--no-install"], cwd=REPO, capture_output=True,
        text=True, check=False).stdout.strip()
    if not chrome:
        parser.error("no Chromium found: run `make bench`, or set CHROMIUM_PATH")
    if not args.no_lighthouse and not LIGHTHOUSE.exists():
        parser.error(f"{LIGHTHOUSE} not found: run `make install` (npm ci), or pass --no-lighthouse")

    from playwright.sync_api import sync_playwright

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    all_results = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chrome, args=CHROMIUM_FLAGS)
            for posts in sorted(args.posts):
                all_results[posts] = measure(posts, args, browser, chrome, workdir)
            browser.close()
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    lighthouse_note = "" if args.no_lighthouse else f"; Lighthouse: median of {args.lighthouse_runs} run(s)"
    print(f"Benchmark, {date.today().isoformat()}, {os.cpu_count()} cores; transfer = bytes sent by the "
          f"server (headers + gzip bodies), fresh phone-sized browser each time{lighthouse_note}.\n")
    for posts, results in all_results.items():
        print(table(posts, results["ours"], results["stock"]), end="\n\n")
    print("Targets (issues 6 and 11):")
    print("\n".join(targets(all_results)))
    below = sorted({re.sub(r" \(.*", "", item) for results in all_results.values() for item in results["ours"].below_100})
    if below:
        print("\nLighthouse audits that cost our pages points (at any size):")
        print("\n".join(f"- {item}" for item in below))
    return 0


if __name__ == "__main__":
    sys.exit(main())
