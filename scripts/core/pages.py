"""The one list of the kinds of page a reader meets, each as a path under the site's
address. The browser tests visit each of them, and the benchmark measures some.

A new kind of page (a new template, a new top-level page) goes in PAGE_TYPES; the post,
archive and category pages are found from a real post.
"""

from __future__ import annotations

from pathlib import Path

from scripts.core import posts

PAGE_TYPES = {
    "home": "",
    "blog index": "blog/",
    "post": None,  # the example post
    "archive": None,  # its year's archive
    "category": None,  # its first category
    "help": "help/",
    "safety plan": "safety-plan/",
    "worried about someone": "worried-about-someone/",
    "browse safely": "browse-safely/",
    "about": "about/",
    "glossary": "glossary/",
    "subscribe": "subscribe/",
    "search": "search/",
    "404": "no/such/page/",
}


def example_post(docs: Path = posts.DOCS) -> dict:
    """Front matter of the post used as the example post: the first with a content note."""
    every = [posts.read(p) for p in posts.post_files(docs)]
    with_note = [meta for meta in every if meta.get("content_note")]
    return (with_note or every)[0]


def post_paths(post: dict) -> dict[str, str]:
    """The post's own page, its year's archive and its first category's page."""
    return {
        "post": f"blog/{post['slug']}/",
        "archive": f"blog/archive/{post['date']['created'].year}/",
        "category": f"blog/category/{post['categories'][0].lower()}/",
    }


def page_types(docs: Path = posts.DOCS) -> dict[str, str]:
    """Every kind of page, as a path under the site's address."""
    found = post_paths(example_post(docs))
    return {name: found[name] if path is None else path for name, path in PAGE_TYPES.items()}
