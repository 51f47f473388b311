"""Finish the feeds mkdocs-rss-plugin writes: full text, a safety header, valid RSS.

Feed readers show no disclaimer banner, no "Get help now" link and no Quick exit,
so every item here carries, before the post's full text, a short safety header:
the site's disclaimer sentence, the post's content note when it has one, and a
"Get help now" link. All of it is read from the post's built page (the article
is the part marked `data-search-body`), so the feed says what the page says.
Every link and image in an item is made absolute, so it works inside a reader.

In each RSS feed (RSS 2.0):
- `content:encoded` holds the header and the full text; `description` stays
  the post's one-sentence description;
- authors are `dc:creator` names: RSS's own `author` and `managingEditor` must
  be email addresses, and the site has none to give;
- the channel image is an absolute URL (site_url changes with each deployment);
- an item's own image (`image:` in front matter) gets its real length in bytes.

In each JSON Feed (1.1): `content_html` holds the header and the full text,
`summary` the description, and optional fields are left out rather than null.

scripts/build/build_site.py runs this after the MkDocs build. By hand:

    python -m scripts.build.finish_feeds site
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from html import escape
from pathlib import Path
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser

from scripts.core.site_folder import site_parser

FEED_IMAGE = "assets/images/feed-icon.png"  # 144 x 144, RSS 2.0's largest channel image
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
ATOM = "http://www.w3.org/2005/Atom"
for prefix, uri in (("content", CONTENT), ("dc", DC), ("atom", ATOM)):
    ET.register_namespace(prefix, uri)
URL_ATTRIBUTES = ("href", "src", "poster", "cite")


class FeedCannotBeFinished(Exception):
    pass


# What finishing a feed the rss plugin wrote wrongly can raise (a JSONDecodeError is a ValueError)
FEED_PROBLEMS = (FeedCannotBeFinished, ET.ParseError, ValueError, KeyError)


def absolute_srcset(value: str, base: str) -> str:
    candidates = []
    for candidate in value.split(","):
        parts = candidate.strip().split(None, 1)
        if parts:
            candidates.append(" ".join([urljoin(base, parts[0]), *parts[1:]]))
    return ", ".join(candidates)


def make_absolute(node, base: str) -> None:
    for element in node.traverse():
        for name in URL_ATTRIBUTES:
            value = element.attributes.get(name)
            if value is not None:
                element.attrs[name] = urljoin(base, value.strip())
        if element.attributes.get("srcset"):
            element.attrs["srcset"] = absolute_srcset(element.attributes["srcset"], base)


def read_post(site: Path, site_url: str, url: str) -> str:
    """The safety header and full text of the post at `url`, from its built page."""
    if not url.startswith(site_url):
        raise FeedCannotBeFinished(f"item link {url} is not under the site's address {site_url}")
    page = site / url[len(site_url):] / "index.html"
    if not page.is_file():
        raise FeedCannotBeFinished(f"item link {url} has no built page ({page})")
    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    article = tree.css_first("[data-search-body]")
    disclaimer = tree.css_first(".site-disclaimer__text")
    help_link = tree.css_first("a.site-help-link")
    for what, node in (("article text ([data-search-body])", article), ("disclaimer", disclaimer),
                       ("Get help now link", help_link)):
        if node is None:
            raise FeedCannotBeFinished(f"{page} has no {what}; check the templates in overrides/")
    for node in article.css("a.headerlink"):  # the ¶ after each heading: noise in a reader
        node.decompose()
    for node in [n for n in article.traverse(include_text=True) if n.is_comment_node]:
        node.decompose()  # <!-- more -->
    for node in article.css("script"):  # the page's country-first script: a feed reader runs none
        node.decompose()
    for node in (article, disclaimer):
        make_absolute(node, url)
    header = [f"<p><em>{' '.join(disclaimer.inner_html.split())}</em></p>"]
    note = tree.css_first(".site-content-note p")
    if note is not None:
        header.append(f"<p>{' '.join(note.inner_html.split())}</p>")
    help_url = urljoin(url, help_link.attributes.get("href") or "")
    header.append(f'<p><a href="{escape(help_url)}"><strong>{escape(help_link.text(strip=True))}</strong></a>: '
                  "emergency numbers and crisis lines.</p>")
    return "\n".join(header) + "\n<hr>\n" + article.inner_html.strip() + "\n"


def finish_rss(path: Path, site: Path, posts: dict[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    # The stylesheet instruction sits before the root element, where ElementTree drops it.
    prolog = text[: text.index("<rss")]
    stylesheet = prolog[prolog.index("<?xml-stylesheet"):].strip() if "<?xml-stylesheet" in prolog else ""
    root = ET.fromstring(text.encode("utf-8"))
    channel = root.find("channel")
    site_url = channel.findtext("link", "").strip()
    editor = channel.find("managingEditor")
    if editor is not None:
        channel.remove(editor)
    image = channel.find("image/url")
    if image is not None:
        image.text = site_url + FEED_IMAGE
    for item in channel.iter("item"):
        authors = item.findall("author")
        at = list(item).index(authors[0]) if authors else 1
        for author in authors:
            item.remove(author)
        for offset, author in enumerate(authors):
            creator = ET.Element(f"{{{DC}}}creator")
            creator.text, creator.tail = author.text, author.tail
            item.insert(at + offset, creator)
        link = item.findtext("link", "").strip()
        if link not in posts:
            posts[link] = read_post(site, site_url, link)
        for old in item.findall(f"{{{CONTENT}}}encoded"):  # finished before: do it again
            item.remove(old)
        encoded = ET.Element(f"{{{CONTENT}}}encoded")
        encoded.text = posts[link]
        description = item.find("description")
        item.insert(list(item).index(description) + 1, encoded)
        encoded.tail = description.tail
        enclosure = item.find("enclosure")
        if enclosure is not None and enclosure.get("url", "").startswith(site_url):
            file = site / enclosure.get("url")[len(site_url):]
            if not file.is_file():
                raise FeedCannotBeFinished(f"{path.name}: the image {enclosure.get('url')} of {link} is not in the site")
            enclosure.set("length", str(file.stat().st_size))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', stylesheet, ET.tostring(root, encoding="unicode")]
    path.write_text("\n".join(line for line in lines if line) + "\n", encoding="utf-8")


def without_nulls(value):
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def finish_json(path: Path, site: Path, posts: dict[str, str]) -> None:
    feed = without_nulls(json.loads(path.read_text(encoding="utf-8")))
    site_url = feed["home_page_url"]
    feed["icon"] = site_url + FEED_IMAGE
    for item in feed.get("items", []):
        url = item["url"]
        if url not in posts:
            posts[url] = read_post(site, site_url, url)
        # The plugin puts the description in content_html; it is the summary.
        item["summary"] = item.get("summary") or item.get("content_html", "")
        item["content_html"] = posts[url]
    path.write_text(json.dumps(feed, ensure_ascii=False), encoding="utf-8")


def finish_feeds(site: Path) -> list[Path]:
    """Finish every feed in the built site; returns the feeds finished."""
    posts: dict[str, str] = {}  # each post is read once for all feeds
    done = []
    for path in sorted(site.glob("feed_rss_*.xml")):
        finish_rss(path, site, posts)
        done.append(path)
    for path in sorted(site.glob("feed_json_*.json")):
        finish_json(path, site, posts)
        done.append(path)
    return done


def main(argv: list[str] | None = None) -> int:
    parser = site_parser(__doc__)
    args = parser.parse_args(argv)
    try:
        done = finish_feeds(args.site)
    except FEED_PROBLEMS as error:
        print(f"finish_feeds: {error}; the feeds were left unfinished")
        return 1
    if not done:
        print(f"finish_feeds: no feed_rss_*.xml or feed_json_*.json in {args.site}; is the rss plugin on in mkdocs.yml?")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
