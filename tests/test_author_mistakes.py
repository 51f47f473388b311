"""The catalogue of mistakes an author will make, each run through `make check`.

Each entry makes one mistake in a temporary copy of the site's sources and runs
`make check` there (with this repository's .venv, so nothing is installed).
A mistake must fail the check with a one-line message that names the file (and
the line where there is one) and says how to fix it, never with a traceback,
and never with a green build. Windows line endings and a UTF-8 byte order mark
are not mistakes: those files must build into the same pages.

scripts/checks/README.md, "What the checks catch", lists this catalogue for authors.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from conftest import REPO, copy_project, front_matter
from selectolax.lexbor import LexborHTMLParser as HTMLParser

SOURCES = ["mkdocs.yml", "data", "docs", "overrides", "scripts", "Makefile",
           "requirements-build.txt", "requirements.txt", "package.json", "package-lock.json"]
POST = "docs/blog/posts/self-care-strategies.md"
OTHER_POST = "docs/blog/posts/navigating-the-modern-maze.md"
PAGE = "docs/help.md"
VENV = Path(sys.prefix)  # the venv running the tests: make uses it as it is


@dataclass
class Expected:
    """What `make check` must print: a line `path:line: ...; fix` for one of `paths`."""

    paths: tuple[str, ...]
    lines: tuple[int, ...] | None  # None: any line number
    mentions: tuple[str, ...] = ()


@dataclass
class Entry:
    name: str
    make: Callable[[Path], Expected | None]  # makes the mistake in a copy; None for good input

    def __str__(self) -> str:
        return self.name


# ------------------------------------------------------------------ helpers --

def read(copy: Path, rel: str) -> str:
    return (copy / rel).read_text(encoding="utf-8")


def write(copy: Path, rel: str, text: str) -> None:
    (copy / rel).write_text(text, encoding="utf-8")


def line_of(copy: Path, rel: str, pattern: str) -> int:
    """1-based number of the first line matching a regular expression."""
    for number, line in enumerate(read(copy, rel).splitlines(), 1):
        if re.search(pattern, line):
            return number
    raise AssertionError(f"{rel} has no line matching {pattern!r}: the catalogue needs updating")


def replace(copy: Path, rel: str, pattern: str, new: str) -> int:
    """Replace the first match of a pattern (multi-line); return the line it starts on."""
    text = read(copy, rel)
    match = re.search(pattern, text, re.MULTILINE)
    assert match, f"{rel} has nothing matching {pattern!r}: the catalogue needs updating"
    write(copy, rel, text[: match.start()] + match.expand(new) + text[match.end():])
    return text.count("\n", 0, match.start()) + 1


def add_paragraph(copy: Path, rel: str, paragraph: str) -> int:
    """Add a paragraph before the References section (or at the end); return its line."""
    text = read(copy, rel)
    at = text.find("\n## References")
    at = len(text) if at < 0 else at + 1
    write(copy, rel, text[:at] + paragraph + "\n\n" + text[at:])
    return text.count("\n", 0, at) + 1


def expect(rel: str, line: int | None, *mentions: str) -> Expected:
    return Expected((rel,), None if line is None else (line,), mentions)


# --------------------------------------------------------- the catalogue --
# Front matter and content rules (scripts/checks/check_content.py, run by the build):

def invalid_yaml(copy):
    return expect(POST, replace(copy, POST, r"^description: ", "description: one: "), "YAML")


def missing_date(copy):
    replace(copy, POST, r"^date:\n  created: .*\n", "")
    return expect(POST, 1, "date")


def impossible_date(copy):
    return expect(POST, replace(copy, POST, r"^  created: .*$", "  created: 2026-02-30"), "2026-02-30")


def future_date(copy):
    return expect(POST, replace(copy, POST, r"^  created: .*$", "  created: 2999-01-01"), "future")


def missing_description(copy):
    replace(copy, POST, r"^description: .*\n", "")
    return expect(POST, 1, "description")


def unknown_category(copy):
    item = replace(copy, POST, r"^categories:\n  - .*$", "categories:\n  - Selfcare") + 1
    return Expected((POST,), (item - 1, item), ("Selfcare",))


def unknown_author(copy):
    item = replace(copy, POST, r"^authors:\n  - .*$", "authors:\n  - jane-doe") + 1
    return Expected((POST,), (item - 1, item), ("jane-doe",))


def missing_references(copy):
    replace(copy, POST, r"^## References\n", "")
    return expect(POST, None, "References")


HARD_PROSE = (
    "Notwithstanding considerable methodological heterogeneity, contemporary epidemiological "
    "investigations consistently demonstrate that comprehensive psychotherapeutic interventions "
    "substantially ameliorate depressive symptomatology among adolescents experiencing "
    "persistent interpersonal difficulties, particularly when implementation fidelity, "
    "organisational infrastructure and longitudinal evaluation are systematically prioritised."
)


def reading_grade_over_target(copy):
    text = read(copy, POST)
    _, meta, body = text.split("---\n", 2)
    references = body[body.index("## References"):]
    paragraphs = "\n\n".join([HARD_PROSE] * 4)
    write(copy, POST, f"---\n{meta}---\n\n# Self-Care Strategies\n\n{HARD_PROSE}\n\n<!-- more -->\n\n"
                      f"## Considerations\n\n{paragraphs}\n\n{references}")
    return expect(POST, None, "grade")


def same_slug_as_another_post(copy):
    twin = "docs/blog/posts/self-care-again.md"
    text = read(copy, POST).replace('title: "Self-Care Strategies"', 'title: "Self-Care Again"')
    write(copy, twin, text)
    slug = front_matter(REPO / POST)["slug"]
    return Expected((POST, twin), (line_of(copy, POST, r"^slug:"),), (slug,))


def empty_post(copy):
    write(copy, "docs/blog/posts/empty.md", "")
    return expect("docs/blog/posts/empty.md", 1)


def post_with_no_text(copy):
    _, meta, _ = read(copy, POST).split("---\n", 2)
    meta = re.sub(r"(?m)^slug: .*$", "slug: nothing-yet", meta)
    write(copy, "docs/blog/posts/nothing-yet.md", f"---\n{meta}---\n")
    return expect("docs/blog/posts/nothing-yet.md", None, "text")


def html_in_title(copy):
    line = replace(copy, POST, r"^title: .*$", 'title: "Self-Care <script>alert(1)</script> Strategies"')
    return expect(POST, line, "title", "HTML")


def html_in_description(copy):
    line = replace(copy, POST, r"^description: .*$", 'description: "Ways to feel <b>better</b>."')
    return expect(POST, line, "description", "HTML")


def double_quote_in_description(copy):
    line = replace(copy, POST, r"^description: .*$", "description: 'What \"self-care\" really means.'")
    return expect(POST, line, "description", "double quote")


def html_in_a_tag(copy):
    line = replace(copy, POST, r"^tags:\n  - .*$", "tags:\n  - <svg onload=alert(1)>") + 1
    return expect(POST, line, "tags", "HTML")


def ampersand_in_a_tag(copy):
    line = replace(copy, POST, r"^tags:\n  - .*$", "tags:\n  - friends & family") + 1
    return expect(POST, line, "&", "feeds")


def image_without_alt_text(copy):
    return expect(POST, add_paragraph(copy, POST, "![](../../assets/images/share.png)"), "alt text", 'alt=""')


def html_image_without_alt(copy):
    return expect(PAGE, add_paragraph(copy, PAGE, '<img src="assets/images/share.png">'), "alt")


def heading_skips_a_level(copy):
    return expect(POST, add_paragraph(copy, POST, "#### A smaller point"), "level 2 to 4", "###")


def share_image_not_found(copy):
    line = replace(copy, POST, r"^slug: (.*)$", "slug: \\1\nimage: assets/images/calm-lake.png\nimage_alt: \"A calm lake\"") + 1
    return expect(POST, line, "calm-lake.png", "docs/")


def share_image_not_png_or_jpeg(copy):
    line = replace(copy, POST, r"^slug: (.*)$", "slug: \\1\nimage: assets/images/logo.svg\nimage_alt: \"The logo\"") + 1
    return expect(POST, line, "PNG or JPEG")


def share_image_without_alt_text(copy):
    line = replace(copy, POST, r"^slug: (.*)$", "slug: \\1\nimage: assets/images/share.png") + 1
    return expect(POST, line, "image_alt")


# Links and images (scripts/checks/check_links.py, after the build):

def broken_link(copy):
    return expect(POST, add_paragraph(copy, POST, "Our [help page](../../helpp.md) lists more."),
                  "../../helpp.md", "help.md")


def broken_anchor(copy):
    return expect(POST, add_paragraph(copy, POST, "See [rumination](../../glossary.md#ruminaton)."), "#ruminaton")


def broken_anchor_on_a_page(copy):
    return expect(PAGE, add_paragraph(copy, PAGE, "Read our [disclaimer](about.md#disclamer)."), "#disclamer")


def root_absolute_link(copy):
    return expect(POST, add_paragraph(copy, POST, "See [all articles](/blog/)."), "/blog/", "../index.md")


def root_absolute_link_in_html(copy):
    return expect(POST, add_paragraph(copy, POST, 'See <a href="/help/">where to get help</a>.'),
                  "/help/", "../../help.md")


def missing_image(copy):
    return expect(POST, add_paragraph(copy, POST, "![A calm lake](../../assets/images/calm-lake.png)"),
                  "calm-lake.png")


# Crisis lines (data/crisis-lines.yml; scripts/checks/check_crisis_lines.py, run by the build):

CRISIS_LINES = "data/crisis-lines.yml"


def crisis_line_without_hours(copy):
    replace(copy, CRISIS_LINES, r"(- id: samaritans\n(?:        .*\n)*?)        hours: .*\n", r"\1")
    return expect(CRISIS_LINES, None, "Samaritans", "opening hours")


def crisis_line_without_a_way_to_reach_it(copy):
    replace(copy, CRISIS_LINES, r"(- id: uk-papyrus\n(?:        .*\n)*?)        contact:\n(?:          .*\n)+", r"\1")
    return expect(CRISIS_LINES, None, "PAPYRUS", "no way to reach it")


# What the Content-Security-Policy would silently block (scripts/build/content_security_policy.py, in the build):

def inline_style(copy):
    return expect(POST, add_paragraph(copy, POST, '<span style="color: red">Be gentle with yourself.</span>'),
                  "style", "site.css")


def style_sheet_from_another_site(copy):  # (a script from another site is raw HTML <script>, below)
    return expect(POST, add_paragraph(copy, POST, '<link rel="stylesheet" href="https://cdn.example.org/widget.css">'),
                  "https://cdn.example.org/widget.css", "docs/assets/")


# Raw HTML that runs code or embeds another page (scripts/checks/check_content.py, run by the build):

def raw_html_script(copy):
    return expect(POST, add_paragraph(copy, POST, '<script>alert("Be kind to yourself")</script>'),
                  "<script>", "would not run", "docs/assets/javascripts/")


def raw_html_iframe(copy):
    return expect(PAGE, add_paragraph(copy, PAGE, '<iframe src="https://www.youtube.com/embed/x"></iframe>'),
                  "<iframe>", "link to the page")


def raw_html_object(copy):
    return expect(POST, add_paragraph(copy, POST, '<object data="../../assets/guide.pdf"></object>'),
                  "<object>", "link to the file")


def raw_html_embed(copy):
    return expect(PAGE, add_paragraph(copy, PAGE, '<embed src="assets/guide.pdf">'), "<embed>", "link to the file")


def event_handler(copy):
    return expect(POST, add_paragraph(copy, POST, '<a href="../../help.md" onclick="track()">Get help</a>'),
                  "onclick=", "would not run", "docs/assets/javascripts/")


MISTAKES = [
    Entry("invalid-yaml-front-matter", invalid_yaml),
    Entry("missing-date", missing_date),
    Entry("impossible-date", impossible_date),
    Entry("future-date", future_date),
    Entry("missing-description", missing_description),
    Entry("unknown-category", unknown_category),
    Entry("unknown-author", unknown_author),
    Entry("missing-references-section", missing_references),
    Entry("reading-grade-over-target", reading_grade_over_target),
    Entry("same-slug-as-another-post", same_slug_as_another_post),
    Entry("empty-post", empty_post),
    Entry("post-with-no-text", post_with_no_text),
    Entry("html-in-title", html_in_title),
    Entry("html-in-description", html_in_description),
    Entry("double-quote-in-description", double_quote_in_description),
    Entry("html-in-a-tag", html_in_a_tag),
    Entry("ampersand-in-a-tag", ampersand_in_a_tag),
    Entry("image-without-alt-text", image_without_alt_text),
    Entry("html-image-without-alt", html_image_without_alt),
    Entry("heading-skips-a-level", heading_skips_a_level),
    Entry("share-image-not-found", share_image_not_found),
    Entry("share-image-not-png-or-jpeg", share_image_not_png_or_jpeg),
    Entry("share-image-without-alt-text", share_image_without_alt_text),
    Entry("broken-link", broken_link),
    Entry("broken-anchor", broken_anchor),
    Entry("broken-anchor-on-a-page", broken_anchor_on_a_page),
    Entry("root-absolute-link", root_absolute_link),
    Entry("root-absolute-link-in-raw-html", root_absolute_link_in_html),
    Entry("missing-image", missing_image),
    Entry("crisis-line-without-opening-hours", crisis_line_without_hours),
    Entry("crisis-line-without-a-way-to-reach-it", crisis_line_without_a_way_to_reach_it),
    Entry("inline-style", inline_style),
    Entry("style-sheet-from-another-site", style_sheet_from_another_site),
    Entry("raw-html-script", raw_html_script),
    Entry("raw-html-iframe", raw_html_iframe),
    Entry("raw-html-object", raw_html_object),
    Entry("raw-html-embed", raw_html_embed),
    Entry("event-handler", event_handler),
]


# Not mistakes: these must build, into the same pages.

def to_bytes(copy: Path, rel: str, bom: bool, crlf: bool) -> None:
    data = (copy / rel).read_bytes()
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    (copy / rel).write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def windows_line_endings(copy):
    to_bytes(copy, POST, bom=False, crlf=True)
    to_bytes(copy, PAGE, bom=False, crlf=True)


def utf8_bom(copy):
    to_bytes(copy, OTHER_POST, bom=True, crlf=False)
    to_bytes(copy, PAGE, bom=True, crlf=True)


GOOD_INPUT = [Entry("windows-line-endings", windows_line_endings), Entry("utf8-byte-order-mark", utf8_bom)]


# ------------------------------------------------------------- the runs --

@dataclass
class Run:
    copy: Path
    expected: Expected | None
    returncode: int
    output: str


def make_check(entry: Entry, copy: Path) -> Run:
    copy_project(copy, SOURCES)
    expected = entry.make(copy)
    # -o: never reinstall the venv, whatever the copies' mtimes say.
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(copy), "check", f"VENV={VENV}", "-o", str(VENV / ".build-tools")],
        env={k: v for k, v in os.environ.items() if k != "MAKEFLAGS"},
        capture_output=True, text=True, check=False,
    )
    return Run(copy, expected, result.returncode, result.stdout + result.stderr)


@pytest.fixture(scope="module")
def runs(request, tmp_path_factory):
    """`make check` for every selected entry, two at a time (each is a full build)."""
    wanted = [item.callspec.params["entry"] for item in request.session.items
              if item.module is request.module and hasattr(item, "callspec") and "entry" in item.callspec.params]
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield {entry.name: pool.submit(make_check, entry, tmp_path_factory.mktemp(entry.name)) for entry in wanted}


def finding_lines(run: Run) -> list[str]:
    paths = "|".join(re.escape(p) for p in run.expected.paths)
    lines = r"\d+" if run.expected.lines is None else "|".join(map(str, run.expected.lines))
    pattern = re.compile(rf"^(?:{paths}):(?:{lines}): \S.*; \S.*$", re.MULTILINE)
    return [m.group(0) for m in pattern.finditer(run.output)
            if all(word.lower() in m.group(0).lower() for word in run.expected.mentions)]


@pytest.mark.parametrize("entry", MISTAKES, ids=str)
def test_make_check_fails_with_one_line_naming_the_file_and_the_fix(runs, entry):
    run = runs[entry.name].result()
    tail = run.output[-3000:]
    assert "Traceback" not in run.output, tail
    assert run.returncode != 0, f"make check passed with this mistake:\n{tail}"
    assert finding_lines(run), (f"no line `{' or '.join(run.expected.paths)}:"
                                f"{run.expected.lines or 'N'}: ...; fix` mentioning {run.expected.mentions}:\n{tail}")


def article(site: Path, page: str):
    return HTMLParser((site / page).read_text(encoding="utf-8"))


@pytest.mark.parametrize("entry", GOOD_INPUT, ids=str)
def test_make_check_passes_and_the_pages_come_out_the_same(runs, entry):
    run = runs[entry.name].result()
    assert run.returncode == 0, run.output[-3000:]
    site = run.copy / "site"
    for source in (POST, OTHER_POST, PAGE):
        meta = front_matter(REPO / source)
        slug = meta.get("slug")
        page = f"blog/{slug}/index.html" if slug else f"{Path(source).stem}/index.html"
        tree = article(site, page)
        assert tree.css_first("title").text().startswith(meta["title"]), page
        assert tree.css_first("article h1").text().rstrip("¶") == meta["title"], page
        assert tree.css_first('meta[name="description"]').attributes["content"] == meta["description"], page
        body = tree.css_first("article").text()
        assert "\ufeff" not in body and "\r" not in body and "title:" not in body, page
        source_text = (REPO / source).read_text(encoding="utf-8-sig")
        expected = [re.sub(r"[*_`]", "", h) for h in re.findall(r"^## (.+?)\s*$", source_text, re.MULTILINE)]
        found = [h.text().rstrip("¶") for h in tree.css("article h2")]
        assert expected and [h for h in found if h in expected] == expected, page
