"""The page types a reader meets (from scripts/core/pages.py, the one list), and small
helpers shared by the browser tests of the theme."""

import re
from pathlib import Path

from scripts.core import REPO, config, pages

WIDTHS = {"phone": 390, "desktop": 1280}
SCHEMES = ("light", "dark")
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}  # body[data-md-color-scheme] for each

a_post = pages.example_post  # front matter of the example post: one with a content note
PAGES = pages.page_types()


def mkdocs_extra(project: Path = REPO) -> dict:
    """The `extra:` section of mkdocs.yml."""
    return config.extra(config.read(project / "mkdocs.yml"))


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
