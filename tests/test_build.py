"""The strict build produces every page a reader can reach."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from conftest import REPO, build, front_matter, site_url
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from scripts.checks import check_links
from scripts.core.pages import page_types

# Every page type (scripts/core/pages.py) as the file it is built to; 404.html for a missing page
PAGES = ["404.html" if name == "404" else f"{path}index.html" for name, path in page_types().items()]


def test_every_page_is_built(built_site, post_sources):
    slugs = [front_matter(p)["slug"] for p in post_sources]
    expected = PAGES + [f"blog/{slug}/index.html" for slug in slugs]
    missing = [page for page in expected if not (built_site / page).is_file()]
    assert not missing


def test_archive_and_category_pages_are_built(built_site, post_sources):
    years = {front_matter(p)["date"]["created"].year for p in post_sources}
    for year in years:
        assert (built_site / f"blog/archive/{year}/index.html").is_file()
    categories = {c for p in post_sources for c in front_matter(p)["categories"]}
    for category in categories:
        assert (built_site / f"blog/category/{category.lower()}/index.html").is_file()


def test_sitemap_lists_every_post_and_page_at_its_published_address(built_site, post_sources):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in ET.parse(built_site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    pages = [site_url() + page.removesuffix("index.html") for page in PAGES if page != "404.html"]
    posts = [f"{site_url()}blog/{front_matter(p)['slug']}/" for p in post_sources]
    assert not set(pages + posts) - listed


def test_feeds_are_built(built_site):
    for name in ("feed_rss_created.xml", "feed_rss_updated.xml", "feed_json_created.json", "feed_json_updated.json"):
        assert (built_site / name).stat().st_size > 0, name


def test_404_page_loads_its_assets_from_the_site_root_path(built_site):
    """GitHub Pages serves 404.html for any missing URL, at any depth: its links must not be relative."""
    root = urlsplit(site_url()).path
    tree = HTMLParser((built_site / "404.html").read_text(encoding="utf-8"))
    refs = [n.attributes.get("href") for n in tree.css("link[rel=stylesheet], a.md-header__button")]
    refs += [n.attributes.get("src") for n in tree.css("script[src]")]
    assert refs
    for ref in refs:
        assert ref.startswith((root, "http")), ref


@pytest.mark.parametrize("url", ["https://example.github.io/another-repo/", "https://www.example.org/"],
                         ids=["another-repository-name", "a-domain-root"])
def test_site_url_from_the_environment_sets_every_absolute_link(tmp_path, url):
    result = build(REPO, tmp_path, env={"SITE_URL": url})
    assert result.returncode == 0, result.stderr
    rss = (tmp_path / "feed_rss_created.xml").read_text(encoding="utf-8")
    assert f"<link>{url}blog/" in rss and f"href=&quot;{url}help/&quot;" in rss.replace('"', "&quot;")
    assert f'href="{urlsplit(url).path}assets/' in (tmp_path / "404.html").read_text(encoding="utf-8")
    tree = HTMLParser((tmp_path / "help/index.html").read_text(encoding="utf-8"))
    assert tree.css_first("link[rel=canonical]").attributes["href"] == f"{url}help/"
    assert tree.css_first('meta[property="og:url"]').attributes["content"] == f"{url}help/"
    assert tree.css_first('meta[property="og:image"]').attributes["content"] == f"{url}assets/images/share.png"
    assert check_links.main([str(tmp_path), "--config", str(REPO / "mkdocs.yml"), "--site-url", url]) == 0
