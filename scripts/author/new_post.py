"""Start a new post in docs/blog/posts/ with complete front matter.

    make post TITLE="How to Say No Kindly"

writes docs/blog/posts/how-to-say-no-kindly.md with today's dates, a
description and category to fill in, the excerpt marker and a References
heading. It refuses to overwrite a post or reuse a slug.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from datetime import date
from pathlib import Path

from scripts.core import cli, config as site_config, posts
from scripts.core.content_rules import (BODY_PLACEHOLDER, DESCRIPTION_PLACEHOLDER, INTRODUCTION_PLACEHOLDER,
                                        REFERENCE_PLACEHOLDER)

TEMPLATE = """\
---
title: "{title}"
description: "{description}"
slug: {slug}
date:
  created: {today}
last_reviewed: {today}
next_review: {next_review}
authors:
  - site-author
categories:
  - {category}   # one of: {categories}
tags:
  - {first_word}
# content_note: "This post mentions ..."   # needed if it touches abuse, self-harm or suicide
---

# {title}

{introduction}

<!-- more -->

## A first section

{body}

## References

1. {reference} *Journal*. Year;Volume(Issue):pages. https://doi.org/...
"""


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")


def one_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser(__doc__)
    parser.add_argument("title", help="the post's title, in quotes")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the MkDocs config, for the categories (default: mkdocs.yml)")
    parser.add_argument("--posts", type=Path, default=Path("docs/blog/posts"), help="where posts live (default: docs/blog/posts)")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today(), help="the date to use, YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv)

    title = args.title.strip()
    slug = slugify(title)
    if not slug:
        parser.error('give the post a title with letters or digits: make post TITLE="..."')
    if '"' in title:
        parser.error("leave double quotes out of the title (use single quotes instead)")
    target = args.posts / f"{slug}.md"
    if target.exists():
        print(f"{target} already exists; choose another title or edit that post", file=sys.stderr)
        return 1
    taken = [p for p in sorted(args.posts.glob("*.md")) if posts.read(p).get("slug") == slug]
    if taken:
        print(f"{taken[0]} already uses the slug {slug!r}; choose another title", file=sys.stderr)
        return 1
    try:
        categories = site_config.categories(site_config.read(args.config))
    except site_config.CONFIG_PROBLEMS as error:
        parser.error(f"cannot read the categories from {args.config}: {error}")
    if not categories:
        parser.error(f"{args.config} lists no categories_allowed for the blog plugin")
    args.posts.mkdir(parents=True, exist_ok=True)
    target.write_text(
        TEMPLATE.format(title=title, slug=slug, today=args.today, next_review=one_year_after(args.today),
                        first_word=slug.split("-")[0], category=categories[0], categories=", ".join(categories),
                        description=DESCRIPTION_PLACEHOLDER, introduction=INTRODUCTION_PLACEHOLDER,
                        body=BODY_PLACEHOLDER, reference=REFERENCE_PLACEHOLDER),
        encoding="utf-8",
    )
    print(f"Wrote {target}. Fill in the description, category, article and references, then run `make check`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
