"""scripts/checks/check_links.py: passes the real site, fails on each kind of broken link and names it."""

from __future__ import annotations

import json
import re
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from scripts.checks import check_links
from scripts.core import config as site_config
import pytest
from conftest import DEFAULT_SITE_URL, REPO, build, copy_project, front_matter, site_url
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser as HTMLParser

CONFIG = str(REPO / "mkdocs.yml")


def run(capsys, site: Path, *args: str) -> tuple[int, list[str], str]:
    """check_links on a site: exit code, finding lines, and the summary."""
    code = check_links.main([str(site), "--config", CONFIG, *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


@pytest.fixture
def site(tmp_path, built_site) -> Path:
    """A copy of the real built site, to break."""
    return Path(shutil.copytree(built_site, tmp_path / "site"))


@pytest.fixture(scope="module")
def subpath_site(built_site, tmp_path_factory) -> tuple[Path, str]:
    """The site as built for a project site's /<repo>/ sub-path, and that address: the
    suite's own build if SITE_URL has a sub-path, else one of its own (a site at a
    domain's root has no sub-path to leave)."""
    if urlsplit(site_url()).path != "/":
        return built_site, site_url()
    out = tmp_path_factory.mktemp("subpath-site")
    result = build(REPO, out, env={"SITE_URL": DEFAULT_SITE_URL})
    assert result.returncode == 0, result.stderr
    return out, DEFAULT_SITE_URL


def insert(site: Path, page: str, html: str, before: str = "</article>") -> str:
    """Add some HTML to a built page; return the page."""
    path = site / page
    text = path.read_text(encoding="utf-8")
    assert before in text, f"{page} has no {before}"
    path.write_text(text.replace(before, html + before, 1), encoding="utf-8")
    return page


def edit(site: Path, name: str, old: str, new: str) -> str:
    """Change some text in a built file; return the file."""
    path = site / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{name} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return name


def test_the_real_site_has_no_broken_links(capsys, built_site):
    code, findings, summary = run(capsys, built_site)
    assert (code, findings) == (0, [])
    pages = len(list(built_site.rglob("*.html")))
    feeds = len([*built_site.glob("feed_*.xml"), *built_site.glob("feed_*.json"), *built_site.glob("sitemap*.xml")])
    assert f"{pages} pages, {feeds} feeds and sitemaps" in summary and "none broken" in summary


# Each kind of broken link, made in a copy of the built site:
# (name, how to break it (returns the file it broke), words the finding must contain)
def break_json_feed(site):
    path = site / "feed_json_created.json"
    feed = json.loads(path.read_text(encoding="utf-8"))
    feed["items"][0]["content_html"] += '<p><a href="../no-such-post/">more</a></p>'
    path.write_text(json.dumps(feed), encoding="utf-8")
    return path.name


def break_sitemap(site):
    """sitemap.xml may be the sitemap itself or an index of sitemaps: break the one listing pages."""
    about = f"<loc>{site_url()}about/"
    sitemap = next(p for p in sorted(site.glob("sitemap*.xml")) if about in p.read_text(encoding="utf-8"))
    return edit(site, sitemap.name, about, f"<loc>{site_url()}abut/")


BREAKAGES = [
    ("link-to-a-missing-page", lambda s: insert(s, "help/index.html", '<a href="../no-such-page/">x</a>'),
     ["'../no-such-page/'", "no such page"]),
    ("link-to-a-missing-heading", lambda s: insert(s, "help/index.html", '<a href="../glossary/#no-such-term">x</a>'),
     ["#no-such-term", "glossary/index.html does not have"]),
    ("link-to-a-missing-heading-on-the-same-page", lambda s: insert(s, "about/index.html", '<a href="#nowhere">x</a>'),
     ["#nowhere", "about/index.html does not have"]),
    ("missing-image", lambda s: insert(s, "glossary/index.html", '<img src="../assets/images/none.png" alt="">'),
     ["broken image", "none.png"]),
    ("missing-image-in-srcset", lambda s: insert(s, "glossary/index.html",
                                                 '<img src="../assets/images/logo.svg" srcset="../assets/images/big.png 2x" alt="">'),
     ["broken image", "big.png"]),
    ("missing-stylesheet", lambda s: insert(s, "index.html", '<link rel="stylesheet" href="assets/none.css">', "</head>"),
     ["broken stylesheet", "none.css"]),
    ("missing-script", lambda s: insert(s, "index.html", '<script src="assets/none.js"></script>', "</body>"),
     ["broken script", "none.js"]),
    ("missing-feed", lambda s: insert(s, "subscribe/index.html",
                                      '<link rel="alternate" type="application/rss+xml" href="../feed_none.xml">', "</head>"),
     ["broken feed link", "feed_none.xml"]),
    ("relative-link-on-the-404-page", lambda s: insert(s, "404.html", '<a href="help/">help</a>'),
     ["'help/'", "404.html is served at any missing address"]),
    ("broken-item-link-in-the-rss-feed", lambda s: edit(s, "feed_rss_created.xml", f"<link>{site_url()}blog/",
                                                        f"<link>{site_url()}blog/gone-"),
     ["feed_rss_created.xml (item", "blog/gone-"]),
    ("broken-link-in-a-json-feed-item", break_json_feed,
     ["feed_json_created.json (item", "no-such-post"]),
    ("broken-address-in-the-sitemap", break_sitemap, ["abut/", "no such page"]),
]


@pytest.mark.parametrize("name, breakage, words", BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_each_kind_of_broken_link_fails_the_check_and_is_named(capsys, site, name, breakage, words):
    page = breakage(site)
    code, findings, _ = run(capsys, site)
    assert code == 1
    assert len(findings) == 1, findings
    assert findings[0].startswith(f"{site / page}: broken "), findings
    for word in words:
        assert word in findings[0], findings[0]
    assert "; " in findings[0]


# These two leave a /<repo>/ sub-path, so they are tried on a site built for one.
SUBPATH_BREAKAGES = [
    ("root-absolute-link", '<a href="/glossary/">x</a>', ["'/glossary/'", "sub-path"]),
    ("link-climbing-above-the-site", '<a href="../../../glossary/">x</a>', ["'../../../glossary/'", "above the site"]),
]


@pytest.mark.parametrize("name, link, words", SUBPATH_BREAKAGES, ids=[b[0] for b in SUBPATH_BREAKAGES])
def test_each_way_of_leaving_the_sub_path_fails_the_check_and_is_named(capsys, tmp_path, subpath_site, name, link, words):
    built, address = subpath_site
    site = Path(shutil.copytree(built, tmp_path / "site"))
    page = insert(site, "help/index.html", link)
    code, findings, _ = run(capsys, site, "--site-url", address)
    assert code == 1
    assert len(findings) == 1, findings
    assert findings[0].startswith(f"{site / page}: broken "), findings
    for word in words:
        assert word in findings[0], findings[0]


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory):
    """The real sources with Markdown mistakes, built as `make check` builds them."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    post = project / "docs/blog/posts/self-care-strategies.md"
    text = post.read_text(encoding="utf-8")
    # Before the excerpt marker, so the blog index, archive, category pages and feeds repeat it.
    text = text.replace("\n<!-- more -->", "\nSee [the glossary](../../glossary.md#rumnation).\n\n<!-- more -->", 1)
    post.write_text(text, encoding="utf-8")
    help_page = project / "docs/help.md"
    help_page.write_text(help_page.read_text(encoding="utf-8") + "\nSee the [glossary](/glossary/#boundaries).\n",
                         encoding="utf-8")
    result = build(project, project / "site", env={"MKDOCS_LINK_VALIDATION": "info"})
    assert result.returncode == 0, result.stderr
    return project


def line_number(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_a_broken_link_in_markdown_is_reported_once_at_its_file_and_line(capsys, broken_project):
    code = check_links.main([str(broken_project / "site"), "--config", str(broken_project / "mkdocs.yml")])
    findings = capsys.readouterr().out.splitlines()
    assert code == 1
    post = broken_project / "docs/blog/posts/self-care-strategies.md"
    help_page = broken_project / "docs/help.md"
    anchor = [f for f in findings if "#rumnation" in f]
    assert len(anchor) == 1, findings
    assert anchor[0].startswith(f"{post}:{line_number(post, '#rumnation')}: ")
    assert "did you mean '#rumination'?" in anchor[0]
    assert re.search(r"\(and in \d+ more places\)", anchor[0]), "the excerpt's copies are counted, not repeated"
    root = [f for f in findings if "/glossary/#boundaries" in f]
    assert len(root) == 1 and root[0].startswith(f"{help_page}:{line_number(help_page, '/glossary/#boundaries')}: ")
    assert root[0].endswith("write it as a relative link to the Markdown file: glossary.md#boundaries")
    assert len(findings) == 2, findings


def test_on_github_actions_each_finding_is_also_an_error_annotation(capsys, site, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    insert(site, "help/index.html", '<a href="../no-such-page/">x</a>')
    code, findings, _ = run(capsys, site)
    assert code == 1
    assert findings[1].startswith(f"::error file={site / 'help/index.html'}::broken link on ")


def test_a_site_built_for_another_address_is_a_usage_error(capsys, built_site):
    with pytest.raises(SystemExit) as exit_:
        check_links.main([str(built_site), "--config", CONFIG, "--site-url", "https://example.org/other/"])
    assert exit_.value.code == 2
    assert f"was built for {site_url()}" in capsys.readouterr().err


def test_a_folder_that_is_not_a_built_site_is_a_usage_error(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        check_links.main([str(tmp_path), "--config", CONFIG])
    assert exit_.value.code == 2
    assert "has no index.html: build the site first" in capsys.readouterr().err


# External links: a local server stands in for the outside world.

@pytest.fixture
def outside():
    """An 'external' server: /ok answers 200, /flaky 503 once then 200, anything else 404."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_HEAD(self):
            seen.append(self.path)
            flaky_again = self.path == "/flaky" and seen.count("/flaky") > 1
            self.send_response(200 if self.path == "/ok" or flaky_again else 503 if self.path == "/flaky" else 404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", seen
    server.shutdown()
    server.server_close()


def test_external_links_are_fetched_only_with_external(capsys, tmp_path, outside):
    address, seen = outside
    site = tmp_path / "site"  # a one-page site: the real one links to the real outside world
    site.mkdir()
    (site / "index.html").write_text(
        f'<!doctype html><title>t</title><link rel="canonical" href="{site_url()}">'
        f'<a href="{address}/ok">a</a><a href="{address}/gone">b</a><a href="{address}/flaky">c</a>',
        encoding="utf-8")
    assert run(capsys, site)[:2] == (0, [])
    assert seen == []
    code, findings, summary = run(capsys, site, "--external", "--delay", "0", "--retries", "1")
    assert code == 1
    assert len(findings) == 1 and f"'{address}/gone' answered HTTP 404" in findings[0], findings
    assert sorted(seen) == ["/flaky", "/flaky", "/gone", "/ok"]
    assert "3 external links fetched" in summary


# A property: on any post, a link to a heading that exists passes; to one that does not, fails.

@pytest.fixture(scope="module")
def real_site(built_site):
    config = site_config.read(REPO / "mkdocs.yml")
    site = check_links.Site(built_site, site_url(), REPO / "docs", config)
    slugs = [front_matter(p)["slug"] for p in sorted((REPO / "docs/blog/posts").glob("*.md"))]
    headings = {}
    for slug in slugs:
        page = f"blog/{slug}/index.html"
        site.read_html(page)
        tree = HTMLParser((built_site / page).read_text(encoding="utf-8"))
        headings[slug] = sorted(h.attributes["id"] for h in tree.css("article h2[id], article h3[id]"))
    return site, headings


def findings_for(site, from_slug: str, href: str) -> list[str]:
    page = f"blog/{from_slug}/index.html"
    checker = check_links.Checker(site)
    checker.check(check_links.Ref(page, href, "link", site.page_url(page)))
    return [str(f) for f in checker.findings.values()]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_link_to_a_heading_passes_only_if_the_heading_exists(real_site, data):
    site, headings = real_site
    here = data.draw(st.sampled_from(sorted(headings)), label="post with the link")
    there = data.draw(st.sampled_from(sorted(headings)), label="post linked to")
    page = "" if here == there else f"../{there}/"
    heading = data.draw(st.sampled_from(headings[there]), label="heading")
    assert findings_for(site, here, f"{page}#{heading}") == []
    missing = data.draw(st.from_regex(r"[a-z][a-z0-9-]{0,24}", fullmatch=True)
                        .filter(lambda name: name not in site.ids[f"blog/{there}/index.html"]), label="no such heading")
    found = findings_for(site, here, f"{page}#{missing}")
    assert len(found) == 1 and f"#{missing}, which blog/{there}/index.html does not have" in found[0]
