"""The RSS and JSON feeds a subscriber's reader fetches."""

import email.utils
import json
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin

import feedparser
from scripts.build import finish_feeds
import jsonschema
import pytest
import yaml
from conftest import REPO, front_matter, site_url
from selectolax.lexbor import LexborHTMLParser as HTMLParser

RSS_FEEDS = ["feed_rss_created.xml", "feed_rss_updated.xml"]
JSON_FEEDS = ["feed_json_created.json", "feed_json_updated.json"]
SCHEMA = json.loads((REPO / "tests/fixtures/jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))


def page_for(built_site: Path, url: str) -> Path:
    assert url.startswith(site_url()), url
    return built_site / url[len(site_url()) :] / "index.html"


def posts_by_url(post_sources) -> dict[str, dict]:
    return {f"{site_url()}blog/{front_matter(p)['slug']}/": front_matter(p) for p in post_sources}


@pytest.mark.parametrize("name", RSS_FEEDS)
def test_rss_feed_is_valid_rss_2(built_site, name):
    feed = feedparser.parse((built_site / name).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert feed.feed.link == site_url()
    assert feed.feed.image.href.startswith(site_url())
    assert (built_site / feed.feed.image.href[len(site_url()) :]).is_file()


@pytest.mark.parametrize("name", RSS_FEEDS)
def test_rss_feed_has_one_item_per_post_linking_to_its_page(built_site, post_sources, name):
    feed = feedparser.parse((built_site / name).read_bytes())
    expected = posts_by_url(post_sources)
    assert sorted(e.link for e in feed.entries) == sorted(expected)
    for entry in feed.entries:
        assert page_for(built_site, entry.link).is_file()
        assert entry.id == entry.link
        assert entry.title == expected[entry.link]["title"]
        assert entry.summary == expected[entry.link]["description"]


def test_rss_dates_come_from_front_matter(built_site, post_sources):
    expected = posts_by_url(post_sources)
    created = feedparser.parse((built_site / "feed_rss_created.xml").read_bytes())
    updated = feedparser.parse((built_site / "feed_rss_updated.xml").read_bytes())
    for entry in created.entries:
        assert datetime(*entry.published_parsed[:3]).date() == expected[entry.link]["date"]["created"]
    for entry in updated.entries:
        assert datetime(*entry.published_parsed[:3]).date() == expected[entry.link]["last_reviewed"]


@pytest.mark.parametrize("name", RSS_FEEDS + JSON_FEEDS)
def test_feed_has_no_none_or_null(built_site, name):
    text = (built_site / name).read_text(encoding="utf-8")
    assert not re.search(r'>None<|="None"|: ?null\b', text)


@pytest.mark.parametrize("name", JSON_FEEDS)
def test_json_feed_is_valid_json_feed_1_1(built_site, post_sources, name):
    feed = json.loads((built_site / name).read_text(encoding="utf-8"))
    jsonschema.validate(feed, SCHEMA, format_checker=jsonschema.FormatChecker())
    expected = posts_by_url(post_sources)
    assert sorted(item["url"] for item in feed["items"]) == sorted(expected)
    for item in feed["items"]:
        assert page_for(built_site, item["url"]).is_file()
        published = datetime.fromisoformat(item["date_published"]).astimezone(timezone.utc)
        assert published.date() == expected[item["url"]]["date"]["created"]


def test_every_page_links_both_feeds_for_autodiscovery(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        tree = HTMLParser(page.read_text(encoding="utf-8"))
        links = [(n.attributes.get("type"), n.attributes.get("href") or "") for n in tree.css('link[rel="alternate"]')]
        assert any(t == "application/rss+xml" and h.endswith("feed_rss_created.xml") for t, h in links), page
        url = site_url() + page.relative_to(built_site).as_posix().removesuffix("index.html")
        feeds = {urljoin(url, h) for t, h in links if t == "application/feed+json"}
        assert feeds == {f"{site_url()}feed_json_created.json"}, page


# --- The W3C Feed Validation Service's rules that these feeds touch -----------------
# The service runs w3c/feedvalidator, at its "AA" level: every error and warning counts.
# CI cannot fetch that validator, so these tests hold the feeds to the rules it applies
# to the elements this site writes (scripts/build/README.md, "Feeds"). Each comment names its message.

NS = {"atom": "http://www.w3.org/2005/Atom", "dc": "http://purl.org/dc/elements/1.1/",
      "content": "http://purl.org/rss/1.0/modules/content/"}
# RFC 822 dates as RSS 2.0 has them, e.g. "Tue, 24 Nov 2026 00:00:00 +0000"
RFC_822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                     r"\d{4} \d{2}:\d{2}:\d{2} ([+-]\d{4}|GMT|UT)$")
# "email address (Name)" or a bare address: the only form <author> and <managingEditor> take
ADDRESS = re.compile(r"^[^@\s()]+@[^@\s()]+\.[a-z]{2,}( \(.+\))?$", re.IGNORECASE)
UNSAFE_ELEMENTS = {"script", "style", "iframe", "object", "embed", "applet", "form", "frame", "frameset",
                   "link", "meta", "base", "svg", "math"}


def rss(built_site, name):
    return ET.parse(built_site / name).getroot()


def check_date(value: str, where: str) -> None:
    assert RFC_822.match(value), f"{where}: {value!r} is not an RFC 822 date (InvalidRFC2822Date)"
    parsed = email.utils.parsedate_to_datetime(value)
    assert value.startswith(parsed.strftime("%a")), f"{where}: {value!r} names the wrong day (IncorrectDOW)"


def check_item_html(html: str, where: str) -> None:
    """What the validator checks in HTML content: safe elements and attributes, absolute URLs."""
    tree = HTMLParser(html)
    for node in tree.body.traverse():
        assert node.tag not in UNSAFE_ELEMENTS, f"{where}: <{node.tag}> (SecurityRisk)"
        for name, value in node.attributes.items():
            assert not name.lower().startswith("on"), f"{where}: {name}= (SecurityRiskAttr)"
            assert name.lower() != "style", f"{where}: style= (DangerousStyleAttr)"
            if name in ("href", "src", "poster", "cite"):
                assert re.match(r"^(https?|mailto|tel|sms):", value or ""), \
                    f"{where}: relative URL {value!r} (ContainsRelRef): it breaks in a feed reader"
            if name == "srcset":
                assert all(re.match(r"^https?://", c.strip()) for c in value.split(",")), f"{where}: srcset {value!r}"


@pytest.mark.parametrize("name", RSS_FEEDS)
def test_rss_feed_follows_the_validator_rules_it_touches(built_site, name):
    root = rss(built_site, name)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    # MissingElement: title, link, description
    for tag in ("title", "link", "description"):
        assert (channel.findtext(tag) or "").strip(), f"channel has no {tag}"
    assert channel.findtext("link") == site_url()
    # MissingAtomSelfLink / SelfDoesntMatchLocation: atom:link rel=self at the feed's own address
    self_links = [a for a in channel.findall("atom:link", NS) if a.get("rel") == "self"]
    assert [(a.get("href"), a.get("type")) for a in self_links] == [(site_url() + name, "application/rss+xml")]
    # InvalidContact: <managingEditor>, <webMaster> and <author> hold an email address, or are left out
    for node in [*channel.findall("managingEditor"), *channel.findall("webMaster"), *root.iter("author")]:
        assert ADDRESS.match(node.text or ""), f"<{node.tag}>{node.text}</{node.tag}> is not an email address"
    # InvalidRFC2822Date, IncorrectDOW
    for tag in ("pubDate", "lastBuildDate"):
        check_date(channel.findtext(tag), f"channel {tag}")
    # InvalidInteger
    assert channel.findtext("ttl").isdigit()
    # The channel image: an absolute URL to a real image, at most 144 pixels wide (InvalidWidth)
    assert channel.findtext("image/url").startswith(site_url())
    assert channel.findtext("image/link") == channel.findtext("link")
    assert channel.findtext("image/title") == channel.findtext("title")
    guids = []
    for item in channel.findall("item"):
        title = item.findtext("title")
        check_date(item.findtext("pubDate"), title)
        creators = [c.text for c in item.findall("dc:creator", NS)]
        assert creators and all((c or "").strip() for c in creators), f"{title}: no dc:creator"
        guid = item.find("guid")
        assert guid.get("isPermaLink") == "true" and guid.text == item.findtext("link")  # InvalidHttpGUID
        guids.append(guid.text)
        assert item.findtext("description").strip() and "<" not in item.findtext("description")
        assert all((c.text or "").strip() for c in item.findall("category"))
        for enclosure in item.findall("enclosure"):  # InvalidIntegerAttribute, MissingAttribute
            assert enclosure.get("url").startswith(site_url()) and enclosure.get("type")
            assert enclosure.get("length").isdigit() and int(enclosure.get("length")) > 0
        encoded = item.findall("content:encoded", NS)
        assert len(encoded) == 1, f"{title}: needs one content:encoded"  # DuplicateElement
        check_item_html(encoded[0].text, f"{name} {title}")
    assert len(guids) == len(set(guids))  # DuplicateItem


@pytest.mark.parametrize("name", RSS_FEEDS)
def test_rss_authors_are_named_with_dc_creator(built_site, name):
    authors = yaml.safe_load((REPO / "docs/blog/.authors.yml").read_text(encoding="utf-8"))["authors"]
    by_url = {f"{site_url()}blog/{front_matter(p)['slug']}/": front_matter(p) for p in sorted(
        (REPO / "docs/blog/posts").glob("*.md"))}
    for item in rss(built_site, name).iter("item"):
        meta = by_url[item.findtext("link")]
        expected = [authors[key]["name"] for key in meta["authors"]]
        assert [c.text for c in item.findall("dc:creator", NS)] == expected
    entry = feedparser.parse((built_site / name).read_bytes()).entries[0]
    assert entry.author  # what readers show: feedparser reads dc:creator as the author


# --- Full text, opened by the safety header -----------------------------------------

def disclaimer_sentence() -> str:
    """The banner's first sentence, from the partial every page shows."""
    text = (REPO / "overrides/partials/disclaimer.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"\{#.*?#\}", "", text, flags=re.S).split())
    return text.split(". ")[0] + "."


def page_article(built_site, url) -> str:
    """The article's text on the post's own page, without the heading permalinks and
    scripts (what a reader sees)."""
    tree = HTMLParser(page_for(built_site, url).read_text(encoding="utf-8"))
    body = tree.css_first("[data-search-body]")
    for node in body.css("a.headerlink, script"):
        node.decompose()
    return " ".join(body.text(separator=" ").split())


def items_with_content(built_site):
    """(feed, url, content HTML) for every item of every feed."""
    for name in RSS_FEEDS:
        for item in rss(built_site, name).iter("item"):
            yield name, item.findtext("link"), item.find("content:encoded", NS).text
    for name in JSON_FEEDS:
        for item in json.loads((built_site / name).read_text(encoding="utf-8"))["items"]:
            yield name, item["url"], item["content_html"]


def test_every_item_carries_the_full_text_opened_by_the_safety_header(built_site, post_sources):
    expected = posts_by_url(post_sources)
    seen = set()
    for name, url, html in items_with_content(built_site):
        meta = expected[url]
        seen.add((name, url))
        tree = HTMLParser(html)
        blocks = [" ".join(n.text(separator=" ").split()) for n in tree.body.iter()]
        # The header: disclaimer, content note (if any), Get help now, then a rule.
        header_end = [n.tag for n in tree.body.iter()].index("hr")
        header = blocks[:header_end]
        assert header[0].startswith(disclaimer_sentence()), (name, url, header)
        if meta.get("content_note"):
            assert header[1] == f"Content note: {meta['content_note']}", (name, url, header)
        else:
            assert not any(b.startswith("Content note") for b in header)
        # The header's last block is the help link (the article may link the help page too).
        last = list(tree.body.iter())[header_end - 1]
        assert header[-1].startswith("Get help now")
        assert [a.attributes["href"] for a in last.css("a")] == [f"{site_url()}help/"], (name, url)
        # Then the whole article, exactly as its page shows it.
        article = " ".join(" ".join(blocks[header_end + 1:]).split())
        assert article == page_article(built_site, url), (name, url)
        assert len(article.split()) > 400
    assert len(seen) == len(expected) * (len(RSS_FEEDS) + len(JSON_FEEDS))


def test_every_link_and_image_in_an_item_is_absolute_and_safe(built_site):
    count = 0
    for name, url, html in items_with_content(built_site):
        check_item_html(html, f"{name} {url}")
        count += len(HTMLParser(html).css("a[href], img[src]"))
    assert count > 20


@pytest.mark.parametrize("name", JSON_FEEDS)
def test_json_feed_summary_is_the_one_sentence_description(built_site, post_sources, name):
    expected = posts_by_url(post_sources)
    for item in json.loads((built_site / name).read_text(encoding="utf-8"))["items"]:
        assert item["summary"] == expected[item["url"]]["description"]
        assert item["content_html"] != item["summary"]


def test_finishing_the_feeds_again_changes_nothing(tmp_path, built_site):
    site = shutil.copytree(built_site, tmp_path / "site")
    assert finish_feeds.main([str(site)]) == 0
    for name in RSS_FEEDS + JSON_FEEDS:
        assert (site / name).read_text(encoding="utf-8") == (built_site / name).read_text(encoding="utf-8"), name


def test_a_site_without_feeds_is_a_clear_failure(tmp_path, capsys):
    (tmp_path / "index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    assert finish_feeds.main([str(tmp_path)]) == 1
    assert "no feed_rss_*.xml or feed_json_*.json" in capsys.readouterr().out
