"""The one reader of posts and pages: where they are, their front matter, the authors.

read() and front_matter() give the front matter as data, {} when there is none or it
cannot be read; check_content, which says exactly what is wrong with it, reads it with
TextDatesLoader (dates left as text) and front_matter_end() (where it closes).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from scripts.core import REPO
from scripts.core.config import blog_settings

DOCS = REPO / "docs"
POSTS = Path("blog/posts")  # under docs/
AUTHORS = Path("blog/.authors.yml")  # under docs/: the blog plugin's authors
FRONT_MATTER = re.compile(r"---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)


class TextDatesLoader(yaml.SafeLoader):
    """YAML without implicit timestamps, so dates arrive as text and get precise messages."""


TextDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}


def front_matter_end(lines: list[str]) -> int | None:
    """The index of the line that closes the front matter (`---` or `...`) opened by
    lines[0]; None if it is never closed."""
    return next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in ("---", "...")), None)


def front_matter(text: str) -> dict:
    """The YAML front matter of a Markdown text; {} if it has none or it cannot be read
    (check_content reports that)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}
    try:
        data = yaml.safe_load(match.group(1))
    except (yaml.YAMLError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def read(path: Path) -> dict:
    """The front matter of a Markdown file."""
    return front_matter(path.read_text(encoding="utf-8-sig", errors="replace"))


def post_files(docs: Path = DOCS) -> list[Path]:
    """Every post's Markdown file, sorted by name."""
    return sorted((docs / POSTS).glob("*.md"))


def markdown_sources(docs: Path, config: dict) -> dict[str, Path]:
    """Built page (path in the site) -> the Markdown file it is made from."""
    blog_dir, post_url = blog_settings(config)
    page_file = "/index.html" if config.get("use_directory_urls", True) else ".html"
    pages = {}
    for md in sorted(docs.rglob("*.md")):
        rel = md.relative_to(docs).as_posix()
        if rel.startswith(f"{blog_dir}/posts/"):
            slug = read(md).get("slug")
            if not slug or "{slug}" not in post_url or post_url.replace("{slug}", "").strip("/"):
                continue  # other URL formats put dates or categories in the address: not mapped
            pages[f"{blog_dir}/{slug}{page_file}"] = md
        elif rel == "index.md" or rel.endswith(("/index.md", "/README.md")) or rel == "README.md":
            pages[(rel.rsplit("/", 1)[0] + "/" if "/" in rel else "") + "index.html"] = md
        else:
            pages[rel[: -len(".md")] + page_file] = md
    return pages


def authors(docs: Path = DOCS) -> set[str]:
    """The author keys a post may name (docs/blog/.authors.yml); none if the file is missing."""
    path = docs / AUTHORS
    if not path.exists():
        return set()
    return set(((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("authors") or {}).keys())
