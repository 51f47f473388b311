"""The RSS and JSON feeds a subscriber's reader fetches."""

import json
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import jsonschema
import pytest
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
    assert "None" not in text
    if name.endswith(".json"):
        assert "null" not in text


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
