"""Check every page in docs/ against the site's editorial standard.

Posts (docs/blog/posts/*.md) need complete, well-formed front matter (title,
description, slug, date.created, last_reviewed, next_review, authors,
categories), an excerpt marker, a "## References" section with at least one
source, a content note when they mention abuse, self-harm or suicide, and a
Flesch-Kincaid reading grade at or under the target. Other pages need a title
and description, and valid review dates if they have them; one that sets
`grade_target:` (a number) is also held to that reading grade, and needs References
and a content note like a post. On every page: no
HTML in the title, description or tags (no & in tags, no " in descriptions), alt text on every image,
and headings that go down one level at a time; a post's share image (`image:`)
must be a PNG or JPEG in docs/, with `image_alt`. No raw HTML <script>, <iframe>,
<object> or <embed>, and no on...= event handler, in the text (forms are fine).

Every problem is one line, `file:line: what is wrong; how to fix it`. A review
that is overdue is a warning, never a failure. The crisis lines the help page is
built from are checked too (scripts/checks/check_crisis_lines.py). A table of each page's word
count and reading grade follows.

Exit status: 0 when clean (warnings allowed), 1 on any problem, 2 on bad usage.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import textstat
import yaml

from scripts.checks import check_crisis_lines
from scripts.core import cli, config as site_config, posts, problems
from scripts.core.content_rules import EVENT_HANDLERS, PLACEHOLDERS

GRADE_TARGET = 8.0
MIN_WORDS_FOR_GRADE = 50  # below this a reading grade means nothing
EXCERPT = "<!-- more -->"
# Marks where the author's own text ends in a post published as written
# (`original_text: true`): only what follows is held to the reading-grade target.
ORIGINAL_TEXT_END = "<!-- The author's text ends here."
SENSITIVE = re.compile(
    r"\b(abus\w*|self-harm\w*|suicid\w*|(?:harm|hurt)(?:ing)? (?:yourself|themselves|myself)|thoughts of death)\b",
    re.IGNORECASE,
)
# Safe-messaging guidelines (reportingonsuicide.org, Samaritans): words to avoid.
AVOID = {
    "committed suicide": "say 'died by suicide'",
    "successful suicide": "say 'died by suicide'",
    "epidemic": "describe the change plainly, e.g. 'more young people report ...'",
    "skyrocket": "describe the change plainly, with its numbers",
}
AVOID_PATTERN = re.compile(r"\b(" + "|".join(AVOID) + r")\w*", re.IGNORECASE)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REQUIRED_POST_KEYS = ("title", "description", "slug", "date", "last_reviewed", "next_review", "authors", "categories")


@dataclass
class Page:
    path: Path  # as shown in messages, e.g. docs/blog/posts/x.md
    text: str  # the whole file, BOM removed, line endings normalised
    meta: dict = field(default_factory=dict)
    meta_lines: int = 0  # lines before the body (front matter and its fences)
    is_post: bool = False

    @property
    def body(self) -> str:
        return "\n".join(self.text.split("\n")[self.meta_lines :])

    def line_of(self, key: str) -> int:
        """Line number of a top-level front matter key, or 1."""
        for number, line in enumerate(self.text.split("\n")[: self.meta_lines], start=1):
            if re.match(rf"{re.escape(key)}\s*:", line):
                return number
        return 1

    def body_line(self, pattern: re.Pattern) -> int:
        for number, line in enumerate(self.text.split("\n")[self.meta_lines :], start=self.meta_lines + 1):
            if pattern.search(line):
                return number
        return self.meta_lines + 1


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: list[tuple[str, int, float | None, str]] = field(default_factory=list)

    def error(self, page: Page, line: int, message: str) -> None:
        self.errors.append(problems.problem(page.path, line, message))

    def warn(self, page: Page, line: int, message: str) -> None:
        self.warnings.append(problems.warning(page.path, line, message))


def read_page(path: Path, shown: Path, report: Report, is_post: bool) -> Page | None:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        report.errors.append(f"{shown}:1: the file is not UTF-8 ({err.reason}); save it as UTF-8")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    page = Page(shown, text, is_post=is_post)
    lines = text.split("\n")
    if is_post and not text.strip():
        report.error(page, 1, "the file is empty; write the post (start with `make post TITLE=...`) or delete the file")
        return None
    if not lines or lines[0].strip() != "---":
        if is_post:
            report.error(page, 1, "no front matter; start the file with a `---` line, the front matter, and another `---` line (see README, 'Writing a post')")
            return None
        return page
    end = posts.front_matter_end(lines)
    if end is None:
        report.error(page, 1, "front matter is never closed; add a `---` line after it")
        return None
    page.meta_lines = end + 1
    try:
        meta = yaml.load("\n".join(lines[1:end]), Loader=posts.TextDatesLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(err, "problem", None) or "cannot be read"
        report.error(page, line, f"front matter is not valid YAML ({problem}); check the indentation, and put quotes around values that contain a colon")
        return None
    if not isinstance(meta, dict):
        report.error(page, 2, "front matter must be `key: value` lines")
        return None
    page.meta = meta
    return page


def parse_date(page: Page, report: Report, value, key: str, line: int) -> date | None:
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        report.error(page, line, f"{key} is {value!r}, not a real date; write it as YYYY-MM-DD, e.g. 2026-11-24")
        return None


def check_dates(page: Page, report: Report, today: date, created: date | None) -> None:
    found = {}
    for key in ("last_reviewed", "next_review"):
        if key in page.meta:
            found[key] = parse_date(page, report, page.meta[key], key, page.line_of(key))
    last, due = found.get("last_reviewed"), found.get("next_review")
    if last and last > today:
        report.error(page, page.line_of("last_reviewed"), f"last_reviewed {last} is in the future; use the date you reviewed it (today is {today})")
    if created and last and last < created:
        report.error(page, page.line_of("last_reviewed"), f"last_reviewed {last} is before date.created {created}; a post is reviewed on or after the day it is published")
    if last and due and due <= last:
        report.error(page, page.line_of("next_review"), f"next_review {due} is not after last_reviewed {last}; set it later, usually 12 months on")
    elif due and due < today:
        report.warn(page, page.line_of("next_review"), f"review overdue since {due}; re-check the page against its sources, then update last_reviewed and next_review")


def check_post(page: Page, report: Report, today: date, settings: Settings) -> date | None:
    meta = page.meta
    categories, authors = settings.categories, settings.authors
    for key in REQUIRED_POST_KEYS:
        if meta.get(key) in (None, "", []):
            how = HOW_TO[key] if key in HOW_TO else how_to_add_categories(categories)
            report.error(page, page.line_of(key) if key in meta else 1, f"front matter has no {key}; {how}")
    for key in ("title", "description", "slug"):
        if key in meta and meta[key] not in (None, "") and not isinstance(meta[key], str):
            report.error(page, page.line_of(key), f"{key} must be text; put it in quotes")
    slug = meta.get("slug")
    if isinstance(slug, str) and slug and not SLUG.match(slug):
        report.error(page, page.line_of("slug"), f"slug {slug!r} must be lowercase letters, digits and hyphens, e.g. self-care-strategies")

    created = None
    raw_date = meta.get("date")
    if raw_date not in (None, ""):
        if not isinstance(raw_date, dict) or "created" not in raw_date:
            report.error(page, page.line_of("date"), "date must be written as `date:` then `  created: YYYY-MM-DD` on the next line; the feeds read only that form")
        else:
            created = parse_date(page, report, raw_date["created"], "date.created", page.line_of("date") + 1)
            if created and created > today and meta.get("draft") is not True:
                report.error(page, page.line_of("date") + 1, f"date.created {created} is in the future, so the post would silently stay unpublished; use today's date ({today}) or add `draft: true`")
    check_dates(page, report, today, created)
    if "clinically_reviewed" in meta:
        line = page.line_of("clinically_reviewed")
        reviewed = parse_date(page, report, meta["clinically_reviewed"], "clinically_reviewed", line)
        if reviewed and reviewed > today:
            report.error(page, line, f"clinically_reviewed {reviewed} is in the future; use the date the clinician reviewed it")
        if not settings.reviewer:
            report.error(page, line, "clinically_reviewed is set but extra.clinical_reviewer in mkdocs.yml is empty; name the reviewer there, or remove the date")

    for key, known, fix in (("categories", categories, "use one of: " + ", ".join(sorted(categories))),
                            ("authors", authors, f"use a key from docs/{posts.AUTHORS}, or add the author there")):
        values = meta.get(key)
        if values in (None, "", []):
            continue
        if not isinstance(values, list):
            report.error(page, page.line_of(key), f"{key} must be a list (`{key}:` then `  - name` lines); {fix}")
            continue
        for value in values:
            if value not in known:
                report.error(page, page.line_of(key), f"unknown {key[:-1] if key != 'categories' else 'category'} {value!r}; {fix}")
    if "tags" in meta and not isinstance(meta["tags"], list):
        report.error(page, page.line_of("tags"), "tags must be a list (`tags:` then `  - word` lines)")

    body = page.body
    for placeholder in PLACEHOLDERS:
        if placeholder in page.text:
            line = page.line_of("description") if placeholder in str(meta.get("description")) else page.body_line(re.compile(re.escape(placeholder)))
            report.error(page, line, f"still has the stand-in text from `make post` ({placeholder[:40]}...); replace it with your own")
    if not article_text(body).strip():
        report.error(page, page.meta_lines + 1, "the post has no text; write the article below the front matter")
        return created
    if EXCERPT not in body:
        report.error(page, page.meta_lines + 1, f"no excerpt marker; put `{EXCERPT}` on its own line after the first paragraph or two")
    check_references_and_note(page, report)
    return created


def check_references_and_note(page: Page, report: Report) -> None:
    """A post, or a page held to a reading grade: sources in References, a content note where needed."""
    body, kind = page.body, "post" if page.is_post else "page"
    references = re.search(r"^##\s+References\s*$", body, re.MULTILINE)
    if not references:
        report.error(page, len(page.text.split("\n")), f"no `## References` section; add one at the end listing the sources behind the {kind}")
    elif not re.search(r"^\s*(?:\d+\.|[-*])\s+\S", body[references.end() :], re.MULTILINE):
        report.error(page, page.body_line(re.compile(r"^##\s+References")), "the References section lists no sources; add at least one as a list item")
    mention = SENSITIVE.search(body)
    if mention and not page.meta.get("content_note"):
        line = page.body_line(SENSITIVE)
        report.error(page, line, f"mentions {mention.group(0).lower()!r} but has no content_note; add `content_note: \"This {kind} mentions ...\"` to the front matter")


def page_grade_target(page: Page, report: Report) -> float | None:
    """A page other than a post that sets `grade_target:` is checked like a post (reading
    grade, References, content note): the safety plan and Worried about someone?"""
    if "grade_target" not in page.meta:
        return None
    target = page.meta["grade_target"]
    if isinstance(target, bool) or not isinstance(target, (int, float)) or target <= 0:
        report.error(page, page.line_of("grade_target"), f"grade_target {target!r} must be a number, e.g. `grade_target: 6`")
        return None
    check_references_and_note(page, report)
    return float(target)


def check_wording(page: Page, report: Report) -> None:
    """Safe-messaging words, outside References (a cited title keeps its own words)."""
    prose = re.split(r"^##\s+References\s*$", page.body, maxsplit=1, flags=re.MULTILINE)[0]
    for number, line in enumerate(prose.split("\n"), start=page.meta_lines + 1):
        for match in AVOID_PATTERN.finditer(line):
            word = match.group(1).lower()
            report.error(page, number, f"avoid {match.group(0)!r} (safe-messaging guidelines); {AVOID[word]}")


# Material writes titles, descriptions and tags into pages as they are, so markup in
# them would vanish or run, and a " ends the description's content="..." early;
# mkdocs-rss-plugin writes tags into the feeds unescaped, so an & breaks their XML.
MARKUP = {"title": "<>", "description": '<>"', "tags": "<>&"}
FENCE = re.compile(r"^\s{0,3}(```|~~~)")
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?")
HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
PNG_OR_JPEG = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # how the files start
# Raw HTML that runs code or embeds another page or plugin. The site runs only its own
# scripts (scripts/build/content_security_policy.py), so none of these would work, and an
# embedded page from another site would see every reader. Forms, inputs and buttons are fine.
EMBEDS = {  # tag: (what happens, how to fix it)
    "script": ("would not run: the site runs only its own scripts",
               "remove it, or put the script in a file under docs/assets/javascripts/ and list it in extra_javascript"),
    "iframe": ("would show nothing (the site shows no page from another site, which would see every reader)",
               "remove it and link to the page instead"),
    "object": ("would show nothing (the site loads no plugins or embedded files)",
               "remove it and link to the file instead, or show a picture with ![what it shows](file.png)"),
    "embed": ("would show nothing (the site loads no plugins or embedded files)",
              "remove it and link to the file instead, or show a picture with ![what it shows](file.png)"),
}
RAW_EMBED = re.compile(r"<(" + "|".join(EMBEDS) + r")\b", re.IGNORECASE)
HTML_TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9-]*\b[^>]*>?")
ATTRIBUTE_NAME = re.compile(r"\s([a-zA-Z][a-zA-Z0-9_:-]*)\s*=")
CODE_SPAN = re.compile(r"(`+).+?\1")


def prose_lines(page: Page):
    """(line number, line) for each body line outside fenced code blocks."""
    fence = None
    for number, line in enumerate(page.text.split("\n")[page.meta_lines:], start=page.meta_lines + 1):
        match = FENCE.match(line)
        if match and fence is None:
            fence = match.group(1)
        elif match and line.strip().startswith(fence):
            fence = None
        elif fence is None:
            yield number, line


def check_markup(page: Page, report: Report, docs: Path, share_image: dict) -> None:
    """Markup in front matter, images without alt text, headings that skip a level, a post's share image."""
    check_front_matter_text(page, report)
    check_headings_and_images(page, report)
    check_raw_html(page, report)
    if page.is_post and "image" in page.meta:
        check_share_image(page, report, docs, share_image)


def check_front_matter_text(page: Page, report: Report) -> None:
    for key, characters in MARKUP.items():
        values = page.meta.get(key)
        for value in values if isinstance(values, list) else [values]:
            if not isinstance(value, str):
                continue
            line = page.line_of(key)
            if isinstance(values, list):  # the list item's own line
                lines = page.text.split("\n")[line:page.meta_lines]
                line += next((i for i, text in enumerate(lines, 1) if value in text), 0)
            if "<" in value or ">" in value:
                report.error(page, line, f"{key} {value!r} contains HTML (< or >), which the theme writes into pages "
                             "as it is, so it would vanish or run; write plain text (say 'less than', 'more than')")
            elif "&" in value and "&" in characters:
                report.error(page, line, f"{key} {value!r} contains &, which breaks the feeds; write 'and'")
            elif '"' in value and '"' in characters:
                report.error(page, line, f"{key} {value!r} contains a straight double quote (\"), which cuts the "
                             "page's description short in search results; use single quotes, or curly quotes “ ”")


def check_headings_and_images(page: Page, report: Report) -> None:
    level = 1  # the page title is the <h1>, written by the theme if not in the text
    for number, line in prose_lines(page):
        heading = ATX_HEADING.match(line)
        if heading:
            new = len(heading.group(1))
            if new > level + 1:
                report.error(page, number, f"heading {'#' * new} {heading.group(2) or ''} skips from level {level} to "
                             f"{new}; use {'#' * (level + 1)} (screen readers list headings to find their way)")
            level = new
        for match in MD_IMAGE.finditer(line):
            if not match.group(1).strip() and "alt=" not in (match.group(2) or ""):
                report.error(page, number, f"image {match.group(0)} has no alt text; describe the picture in the "
                             "brackets, e.g. ![A calm lake at dawn](...), or if it is only decoration write "
                             '{ alt="" } right after it, on purpose')
        for tag in HTML_IMG.findall(line):
            if not re.search(r"\balt\s*=", tag, re.IGNORECASE):
                report.error(page, number, f'{tag} has no alt attribute; add alt="what the picture shows", or alt="" '
                             "if it is only decoration")


def check_raw_html(page: Page, report: Report) -> None:
    """<script>, <iframe>, <object>, <embed> and on...= handlers in the text (not in code)."""
    for number, line in prose_lines(page):
        line = CODE_SPAN.sub("", re.sub(r"<!--.*?-->", "", line))
        for match in RAW_EMBED.finditer(line):
            tag = match.group(1).lower()
            what, fix = EMBEDS[tag]
            report.error(page, number, f"raw HTML <{tag}> {what}; {fix}")
        for tag in HTML_TAG.finditer(line):
            for name in ATTRIBUTE_NAME.findall(tag.group(0)):
                if name.lower() in EVENT_HANDLERS:
                    report.error(page, number, f"the event handler {name}= in raw HTML would not run: the site runs "
                                 "only its own scripts; remove it, or put the script in a file under "
                                 "docs/assets/javascripts/ and list it in extra_javascript")


def check_share_image(page: Page, report: Report, docs: Path, share_image: dict) -> None:
    """`image:` names the picture a shared link to the post shows, relative to docs/."""
    image, line = page.meta.get("image"), page.line_of("image")
    if not isinstance(image, str) or not image.strip() or re.match(r"^(/|[a-z]+:)", image):
        report.error(page, line, f"image {image!r} must be a path inside docs/, e.g. assets/images/calm-lake.png; "
                     "or remove it to use the site's default share image")
        return
    path = docs / image
    if not path.resolve().is_relative_to(docs.resolve()):
        report.error(page, line, f"image {image} is outside docs/; put the picture under docs/assets/images/")
    elif not path.is_file():
        report.error(page, line, f"image {image} is not in docs/ ({path} is missing); put the picture there, "
                     "or fix the path (it starts from docs/, e.g. assets/images/calm-lake.png)")
    elif not path.read_bytes()[:8].startswith(PNG_OR_JPEG):
        size = f", ideally {share_image['width']} x {share_image['height']} pixels" if share_image else ""
        report.error(page, line, f"image {image} is not a PNG or JPEG picture; chat and social apps show only "
                     f"those: save it as PNG or JPEG{size}")
    alt = page.meta.get("image_alt")
    if not isinstance(alt, str) or not alt.strip():
        report.error(page, line, 'image has no image_alt; add `image_alt: "what the picture shows"` '
                     "(read aloud to people who cannot see it)")


HOW_TO = {
    "title": 'add `title: "..."`',
    "description": 'add `description: "One sentence for feeds and search results."`',
    "slug": "add `slug: words-of-the-title` (it becomes the address, blog/<slug>/)",
    "date": "add `date:` then `  created: YYYY-MM-DD`",
    "last_reviewed": "add `last_reviewed: YYYY-MM-DD` (the day you last checked it against its sources)",
    "next_review": "add `next_review: YYYY-MM-DD` (usually 12 months after last_reviewed)",
    "authors": "add `authors:` then `  - site-author`",
}


def how_to_add_categories(categories: list[str]) -> str:
    if not categories:
        return "add `categories:` then `  - Category`, after listing it in categories_allowed in mkdocs.yml"
    others = f" (or {', '.join(categories[1:])})" if len(categories) > 1 else ""
    return f"add `categories:` then `  - {categories[0]}`{others}"


def article_text(markdown: str) -> str:
    """The prose a reader reads: no code, tables, HTML, link targets or references."""
    text = re.split(r"^##\s+References\s*$", markdown, maxsplit=1, flags=re.MULTILINE)[0]
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.DOTALL)
    text = re.sub(r"^(```|~~~).*?^\1\s*$", " ", text, flags=re.MULTILINE | re.DOTALL)
    lines = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") or re.match(r"^(!!!|\?\?\?)", stripped) or re.match(r"^<[^>]+>$", stripped):
            continue
        stripped = re.sub(r"^(#+|[-*+]|\d+\.|>)\s+", "", stripped)
        # A heading or list item is a sentence of its own, even without a full stop.
        if stripped and line.strip() != stripped and not stripped.endswith((".", "!", "?", ":")):
            stripped += "."
        lines.append(stripped)
    text = "\n".join(lines)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\{[#.][^}]*\}", "", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"[*_]{1,3}([^*_]+)[*_]{1,3}", r"\1", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return text


def grade_of(page: Page) -> tuple[int, float | None, bool]:
    """Word count, reading grade, and whether the grade is held to the target."""
    body = page.body
    held = True
    if page.meta.get("original_text") is True:
        held = ORIGINAL_TEXT_END in body
        body = body.split(ORIGINAL_TEXT_END, 1)[1].split("-->", 1)[-1] if held else body
    text = article_text(body)
    words = textstat.lexicon_count(text)
    grade = round(textstat.flesch_kincaid_grade(text), 1) if words >= MIN_WORDS_FOR_GRADE else None
    return words, grade, held


@dataclass
class Settings:
    categories: list[str]  # categories_allowed, in mkdocs.yml's order
    authors: set[str]
    reviewer: str
    share_image: dict  # extra.share_image: the size a post's own picture should have


def load_settings(docs: Path, config: Path) -> Settings:
    settings = site_config.read(config)
    categories = site_config.categories(settings)
    authors = posts.authors(docs)
    reviewer = str(site_config.extra(settings).get("clinical_reviewer") or "").strip()
    share_image = site_config.extra(settings).get("share_image") or {}
    return Settings(categories, authors, reviewer, share_image)


def check(docs: Path, config: Path, today: date, target: float) -> Report:
    report = Report()
    settings = load_settings(docs, config)
    slugs: dict[str, Path] = {}
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs)
        is_post = relative.parent == posts.POSTS
        shown = Path(docs.name) / relative if not docs.is_absolute() else path
        page = read_page(path, shown, report, is_post)
        if page is None:
            continue
        page_target = None
        if is_post:
            check_post(page, report, today, settings)
            slug = page.meta.get("slug")
            if isinstance(slug, str) and slug:
                if slug in slugs:
                    report.error(page, page.line_of("slug"), f"slug {slug!r} is already used by {slugs[slug]}; choose another, or the two posts will overwrite each other")
                slugs.setdefault(slug, shown)
        elif page.meta_lines:
            for key in ("title", "description"):
                if not page.meta.get(key):
                    report.error(page, 1, f"front matter has no {key}; {HOW_TO[key]}")
            check_dates(page, report, today, None)
            page_target = page_grade_target(page, report)
        check_wording(page, report)
        check_markup(page, report, docs, settings.share_image)
        words, grade, held = grade_of(page)
        note = "" if held else "author's text, exempt"
        if page.meta.get("original_text") is True and held:
            note = "site's notes only; author's text exempt"
        report.rows.append((str(shown), words, grade, note))
        if is_post and held and grade is not None and grade > target:
            report.error(page, page.meta_lines + 1, f"reading grade {grade} is over the target of {target:g}; use shorter sentences and everyday words")
        elif not is_post and page_target is not None and grade is not None and grade > page_target:
            report.error(page, page.line_of("grade_target"), f"reading grade {grade} is over this page's grade_target of {page_target:g}; use shorter sentences and everyday words")
    crisis_lines = check_crisis_lines.data_file(config)  # data/crisis-lines.yml, through INHERIT
    if crisis_lines is not None:
        found = check_crisis_lines.check(crisis_lines, today)
        report.errors += found.errors
        report.warnings += found.warnings
    return report


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser(__doc__)
    parser.add_argument("docs", nargs="?", type=Path, default=Path("docs"), help="the docs folder (default: docs)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the MkDocs config (default: mkdocs.yml)")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today(), help="date to check against, YYYY-MM-DD (default: today)")
    parser.add_argument("--grade-target", type=float, default=GRADE_TARGET, help=f"highest Flesch-Kincaid grade for posts (default: {GRADE_TARGET:g})")
    parser.add_argument("--quiet", action="store_true", help="print problems only, not the table")
    args = parser.parse_args(argv)
    if not args.docs.is_dir():
        parser.error(f"{args.docs} is not a folder")
    if not args.config.is_file():
        parser.error(f"{args.config} not found")

    report = check(args.docs, args.config, args.today, args.grade_target)
    if not args.quiet:
        width = max((len(row[0]) for row in report.rows), default=10)
        print(f"{'page':<{width}}  words  grade")
        for name, words, grade, note in report.rows:
            print(f"{name:<{width}}  {words:>5}  {'-' if grade is None else f'{grade:.1f}':>5}  {note}".rstrip())
    for line in report.warnings + report.errors:
        print(line)
    if report.errors:
        print(f"check_content: {len(report.errors)} problem(s) found")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
