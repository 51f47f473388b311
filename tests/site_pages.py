"""The page types a reader meets, and small helpers shared by the browser tests of the theme."""

import re
from pathlib import Path

import yaml

from conftest import REPO, front_matter

WIDTHS = {"phone": 390, "desktop": 1280}
SCHEMES = ("light", "dark")
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}  # body[data-md-color-scheme] for each


def _posts() -> list[Path]:
    return sorted((REPO / "docs/blog/posts").glob("*.md"))


def a_post() -> dict:
    """Front matter of the post used as the example post: one with a content note."""
    with_note = [front_matter(p) for p in _posts() if front_matter(p).get("content_note")]
    return (with_note or [front_matter(p) for p in _posts()])[0]


def page_types() -> dict[str, str]:
    """Every kind of page, as a path under the site's address."""
    post = a_post()
    return {
        "home": "",
        "blog index": "blog/",
        "post": f"blog/{post['slug']}/",
        "archive": f"blog/archive/{post['date']['created'].year}/",
        "category": f"blog/category/{post['categories'][0].lower()}/",
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


PAGES = page_types()


def mkdocs_extra(project: Path = REPO) -> dict:
    """The `extra:` section of mkdocs.yml (MkDocs' own tags such as !ENV are ignored)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader)["extra"]


def neutral_url() -> str:
    return mkdocs_extra()["quick_exit_url"]


def fake_neutral_site(context) -> list:
    """Answer requests to the neutral site locally (no network); returns the list of URLs asked for."""
    asked = []

    def answer(route):
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>Neutral</title><p>Neutral site")

    context.route(re.compile("^" + re.escape(neutral_url())), answer)
    return asked
