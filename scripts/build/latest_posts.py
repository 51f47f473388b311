"""Write the home page's "Latest articles" list into the built site (run by build_site.py).

The home page template (overrides/home.html) leaves a marker, <!-- latest-posts -->,
where the list goes; this step replaces it with the newest few posts, taken from the
built blog index (newest first, as the blog shows them) and each post's own built page
(its title and description). It reads only the built site, so it works the same
whichever engine built it (MkDocs hooks, which did this before, do not run on Zensical).
In `make serve`'s live preview the marker stays (an HTML comment: nothing shows).

    python -m scripts.build.latest_posts site

Exit status: 0 when done (or when the home page has no marker), 1 when the blog index
is missing, 2 on bad usage.
"""

from __future__ import annotations

import posixpath
import sys
from html import escape
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from scripts.core.site_folder import site_parser

MARKER = "<!-- latest-posts -->"
LATEST = 3
BLOG = "blog/"


class NoBlogIndex(Exception):
    """The home page asks for the latest posts but the built site has no blog index."""


def latest_posts(site: Path, count: int = LATEST) -> list[dict]:
    """The newest `count` posts of the built `site`: [{"url": "blog/slug/", "title", "description"}]."""
    index = site / BLOG / "index.html"
    if not index.is_file():
        raise NoBlogIndex(f"{index} not found: the home page's latest articles come from the blog index")
    tree = LexborHTMLParser(index.read_text(encoding="utf-8"))
    posts = []
    for link in tree.css("article.md-post .md-post__action a[href]"):
        url = posixpath.normpath(posixpath.join(BLOG, link.attributes["href"])) + "/"
        page = LexborHTMLParser((site / url / "index.html").read_text(encoding="utf-8"))
        title = page.css_first('meta[property="og:title"]') or page.css_first("h1")
        description = page.css_first('meta[name="description"]')
        posts.append({
            "url": url,
            "title": title.attributes.get("content") if title.tag == "meta" else title.text(strip=True),
            "description": description.attributes.get("content") if description else "",
        })
        if len(posts) == count:
            break
    return posts


def section(posts: list[dict]) -> str:
    """The "Latest articles" section, as overrides/home.html wrote it when a hook supplied the posts."""
    items = "".join(
        f'\n          <li>\n            <a href="{escape(post["url"])}">{escape(post["title"], quote=False)}</a>\n'
        + (f'            <p>{escape(post["description"], quote=False)}</p>\n'
           if post["description"] else "")
        + "          </li>\n        "
        for post in posts
    )
    return ('<section class="site-latest" aria-labelledby="latest-posts">\n'
            '      <h2 id="latest-posts">Latest articles</h2>\n'
            f"      <ul>\n        {items}\n      </ul>\n"
            f'      <p><a href="{BLOG}">All articles</a></p>\n'
            "    </section>")


def fill_home(site: Path) -> int:
    """Replace the home page's marker with the latest posts (nothing when there are none); return how many."""
    home = site / "index.html"
    html = home.read_text(encoding="utf-8")
    if MARKER not in html:
        return 0
    posts = latest_posts(site)
    home.write_text(html.replace(MARKER, section(posts) if posts else ""), encoding="utf-8")
    print(f"Home page: {len(posts)} latest article(s) listed")
    return len(posts)


def main(argv: list[str] | None = None) -> int:
    parser = site_parser(__doc__)
    args = parser.parse_args(argv)
    try:
        fill_home(args.site)
    except NoBlogIndex as error:
        print(f"latest_posts: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
