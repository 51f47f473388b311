"""What a shared link shows (Open Graph, Twitter cards) and what search engines read (JSON-LD).

Every page type has a title, a description, a picture and (where the page has a
canonical address) that address; posts are articles with their dates. The
default picture is a real PNG of the size mkdocs.yml sets (extra.share_image), with no topic words; a post may name its
own. JSON-LD is checked against schema.org's own definitions of the terms it uses
(tests/fixtures/schema-org-terms.json, from schema.org release 30.0).
"""

import json
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, build, copy_project, front_matter, site_url
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from site_pages import PAGES

from scripts.core import config

SHARE_IMAGE = config.share_image(config.read())  # extra.share_image in mkdocs.yml
DEFAULT_IMAGE = SHARE_IMAGE["path"]
SIZE = (SHARE_IMAGE["width"], SHARE_IMAGE["height"])
TERMS = json.loads((REPO / "tests/fixtures/schema-org-terms.json").read_text(encoding="utf-8"))
REVIEWER = "Dr Example Reviewer, clinical psychologist"
TRICKY = 'Plain "quoted" words & an apostrophe\'s worth of care.'


def page_file(site: Path, path: str) -> Path:
    if path == PAGES["404"]:
        return site / "404.html"
    return site / path / "index.html"


def head(site: Path, path: str) -> dict:
    """The share tags, canonical link and JSON-LD of a built page."""
    tree = HTMLParser(page_file(site, path).read_text(encoding="utf-8"))
    tags = {}
    for node in tree.css("head meta[property], head meta[name]"):
        key = node.attributes.get("property") or node.attributes.get("name")
        assert key not in tags or not key.startswith(("og:", "twitter:", "article:")), f"{path}: {key} twice"
        tags[key] = node.attributes.get("content")
    canonical = tree.css_first("link[rel=canonical]")
    scripts = tree.css('script[type="application/ld+json"]')
    assert len(scripts) == 1, f"{path}: {len(scripts)} JSON-LD blocks"
    return {"tags": tags, "canonical": canonical.attributes["href"] if canonical else None,
            "jsonld": json.loads(scripts[0].text())}


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def posts() -> list[dict]:
    return [front_matter(p) for p in sorted((REPO / "docs/blog/posts").glob("*.md"))]


# --- Open Graph and Twitter cards --------------------------------------------------

@pytest.mark.parametrize("name", PAGES)
def test_every_page_type_has_share_tags_matching_its_canonical_address(built_site, name):
    found = head(built_site, PAGES[name])
    tags = found["tags"]
    for key in ("og:site_name", "og:title", "og:description", "og:image", "og:image:alt", "og:type",
                "twitter:card", "twitter:title", "twitter:description", "twitter:image", "twitter:image:alt"):
        assert (tags.get(key) or "").strip(), f"{name}: no {key}"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:title"] == tags["og:title"] and tags["twitter:description"] == tags["og:description"]
    assert tags["og:description"] == tags["description"]  # the same sentence as search results
    assert tags["twitter:image"] == tags["og:image"] == site_url() + DEFAULT_IMAGE
    assert (tags["og:image:width"], tags["og:image:height"]) == tuple(map(str, SIZE))
    # The address: the canonical link, where the page has one (the 404 page has none).
    assert tags.get("og:url") == found["canonical"], name
    if name != "404":
        assert found["canonical"] and found["canonical"].startswith(site_url()), name
    assert found["jsonld"].get("url") == found["canonical"], name


def test_a_post_is_an_article_with_its_dates_and_front_matter_words(built_site):
    for meta in posts():
        tags = head(built_site, f"blog/{meta['slug']}/")["tags"]
        assert tags["og:type"] == "article"
        assert tags["og:title"] == meta["title"]
        assert tags["og:description"] == meta["description"]
        assert tags["article:published_time"] == meta["date"]["created"].isoformat()
        assert tags["article:modified_time"] == meta["last_reviewed"].isoformat()
    for name in ("home", "blog index", "help", "about"):
        tags = head(built_site, PAGES[name])["tags"]
        assert tags["og:type"] == "website" and "article:published_time" not in tags, name
    assert head(built_site, "")["tags"]["og:title"] == "Steady Ground"


def test_the_default_share_image_is_a_png_of_the_set_size_in_the_site(built_site):
    assert png_size(built_site / DEFAULT_IMAGE) == SIZE
    assert (built_site / DEFAULT_IMAGE).read_bytes() == (REPO / "docs" / DEFAULT_IMAGE).read_bytes()


def test_the_share_image_script_draws_a_png_of_the_set_size_from_local_files_only(tmp_path):
    out = tmp_path / "share.png"
    # A process of its own: the browser tests' Playwright may be running in this one.
    result = subprocess.run([sys.executable, "-m", "scripts.author.make_share_image", "--output", str(out)],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert png_size(out) == SIZE
    assert 5_000 < out.stat().st_size < 100_000  # a flat, calm design compresses well


# --- A post with its own image, a clinical review, and awkward characters ----------

@pytest.fixture(scope="module")
def reviewed_site(tmp_path_factory):
    """A copy of the site where a reviewer is named, one post records a review and has its
    own picture, and a page's description has quotes, an ampersand and an apostrophe."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    config = project / "mkdocs.yml"
    text, count = re.subn(r'^(\s*clinical_reviewer:).*$', rf'\1 "{REVIEWER}"', config.read_text(encoding="utf-8"), flags=re.M)
    assert count == 1
    config.write_text(text, encoding="utf-8")
    post = project / "docs/blog/posts/self-care-strategies.md"
    (project / "docs/assets/images/self-care-card.png").write_bytes((REPO / "docs" / DEFAULT_IMAGE).read_bytes())
    text = post.read_text(encoding="utf-8").replace(
        "last_reviewed:", "clinically_reviewed: 2026-11-20\nimage: assets/images/self-care-card.png\n"
        "image_alt: \"A teal card\"\nlast_reviewed:", 1)
    post.write_text(text, encoding="utf-8")
    about = project / "docs/about.md"
    text = re.sub(r'^description: .*$', "description: " + json.dumps(TRICKY), about.read_text(encoding="utf-8"), count=1, flags=re.M)
    about.write_text(text, encoding="utf-8")
    site = project / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def test_a_post_with_its_own_image_uses_it_everywhere(reviewed_site):
    found = head(reviewed_site, "blog/self-care-strategies/")
    image = site_url() + "assets/images/self-care-card.png"
    assert found["tags"]["og:image"] == found["tags"]["twitter:image"] == found["jsonld"]["image"] == image
    assert found["tags"]["og:image:alt"] == found["tags"]["twitter:image:alt"] == "A teal card"
    assert "og:image:width" not in found["tags"]  # its size is not known
    other = head(reviewed_site, "blog/navigating-the-modern-maze/")
    assert other["tags"]["og:image"] == site_url() + DEFAULT_IMAGE
    rss = (reviewed_site / "feed_rss_created.xml").read_text(encoding="utf-8")
    size = (reviewed_site / "assets/images/self-care-card.png").stat().st_size
    assert f'<enclosure url="{image}" type="image/png" length="{size}"' in rss


def test_reviewed_by_only_where_the_post_records_a_clinical_review(built_site, reviewed_site):
    reviewed = head(reviewed_site, "blog/self-care-strategies/")["jsonld"]
    assert reviewed["reviewedBy"] == {"@type": "Person", "name": REVIEWER}
    assert "reviewedBy" not in head(reviewed_site, "blog/navigating-the-modern-maze/")["jsonld"]
    for meta in posts():
        assert "reviewedBy" not in head(built_site, f"blog/{meta['slug']}/")["jsonld"]


def test_quotes_and_ampersands_in_front_matter_stay_text(reviewed_site):
    found = head(reviewed_site, "about/")
    assert found["tags"]["og:description"] == found["tags"]["twitter:description"] == TRICKY
    assert found["jsonld"]["description"] == TRICKY


# --- JSON-LD, against schema.org's definitions ------------------------------------

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_node(node: dict, where: str) -> None:
    """Every type is schema.org's, every property allowed on the node's types, every value in range."""
    types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
    assert all(t in TERMS["types"] for t in types), f"{where}: unknown type in {types}"
    lineage = {ancestor for t in types for ancestor in TERMS["types"][t]}
    for key, value in node.items():
        if key.startswith("@"):
            continue
        assert key in TERMS["properties"], f"{where}: {key} is not a term the fixture knows; add it from schema.org"
        term = TERMS["properties"][key]
        assert lineage & set(term["domain"]), f"{where}: schema.org does not allow {key} on {types}"
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                item_types = item["@type"] if isinstance(item["@type"], list) else [item["@type"]]
                item_lineage = {a for t in item_types for a in TERMS["types"][t]}
                assert item_lineage & set(term["range"]), f"{where}: {key} cannot be a {item_types}"
                check_node(item, f"{where} {key}")
            elif {"Date", "DateTime"} & set(term["range"]):
                assert DATE.match(item), f"{where}: {key} {item!r} is not a date"
            elif "URL" in term["range"] and "Text" not in term["range"]:
                assert item.startswith(("https://", "http://")), f"{where}: {key} {item!r} is not an absolute URL"
            else:
                assert isinstance(item, str) and item.strip(), f"{where}: {key} is empty"


@pytest.mark.parametrize("name", PAGES)
def test_json_ld_on_every_page_type_is_valid_schema_org(built_site, name):
    data = head(built_site, PAGES[name])["jsonld"]
    assert data["@context"] == "https://schema.org"
    check_node(data, name)


def test_each_post_is_a_blog_posting_and_medical_web_page_with_its_details(built_site, reviewed_site):
    authors = yaml.safe_load((REPO / "docs/blog/.authors.yml").read_text(encoding="utf-8"))["authors"]
    for site in (built_site, reviewed_site):
        for meta in posts():
            data = head(site, f"blog/{meta['slug']}/")["jsonld"]
            check_node(data, meta["slug"])
            assert data["@type"] == ["BlogPosting", "MedicalWebPage"]
            assert data["headline"] == meta["title"] and data["description"] == meta["description"]
            assert data["author"] == [{"@type": "Person", "name": authors[key]["name"]} for key in meta["authors"]]
            assert data["datePublished"] == meta["date"]["created"].isoformat()
            assert data["dateModified"] == data["lastReviewed"] == meta["last_reviewed"].isoformat()
            assert data["publisher"]["name"] == "Steady Ground" and data["publisher"]["url"] == site_url()
            assert data["url"] == f"{site_url()}blog/{meta['slug']}/"
    help_page = head(built_site, "help/")["jsonld"]
    assert help_page["@type"] == "WebPage"
    assert help_page["lastReviewed"] == front_matter(REPO / "docs/help.md")["last_reviewed"].isoformat()
    assert head(built_site, "")["jsonld"]["@type"] == "WebSite"


def test_the_schema_org_check_catches_a_property_on_the_wrong_type():
    with pytest.raises(AssertionError, match="does not allow lastReviewed"):
        check_node({"@type": "BlogPosting", "lastReviewed": "2026-11-24"}, "BlogPosting alone")
    with pytest.raises(AssertionError, match="not a date"):
        check_node({"@type": "WebPage", "lastReviewed": "24 November 2026"}, "a page")
