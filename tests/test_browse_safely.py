"""Browse safely: a page for a reader who may be watched, in plain words, reachable from
every page in the same place outside the article (the footer), from the help page and
from the About page's Quick exit section."""

import pytest
from playwright.sync_api import expect
from selectolax.lexbor import LexborHTMLParser

from scripts.checks.check_content import GRADE_TARGET, grade_of, read_page, Report
from conftest import REPO
from site_pages import PAGES, WIDTHS

SOURCE = REPO / "docs/browse-safely.md"
# What the page must cover (issue 11), each as words a reader would find on it.
TOPICS = {
    "what Quick exit cannot do": ["Quick exit cannot", "history"],
    "private browsing": ["private window"],
    "iPhone (Safari)": ["iPhone (Safari)"],
    "Android phone (Chrome)": ["Android phone (Chrome)"],
    "computers": ["Chrome", "Edge", "Firefox", "Mac (Safari)"],
    "deleting one page": ["Delete one page from your history"],
    "sync to other devices": ["signed in to that account"],
    "other traces": ["feed reader", "Bookmarks", "Screenshot", "Downloads"],
    "a device they do not use": ["library", "friend"],
    "a safety plan": ["safety plan"],
}


def built(site, path):
    return LexborHTMLParser((site / path / "index.html").read_text(encoding="utf-8"))


def test_the_page_covers_what_a_watched_reader_needs_with_sources_and_review_dates(built_site):
    article = built(built_site, "browse-safely").css_first("article")
    text = " ".join(article.text(separator=" ").split())
    missing = {topic: words for topic, words in TOPICS.items() if not all(w in text for w in words)}
    assert not missing
    assert "../help/" in [a.attributes.get("href") for a in article.css("a")]  # the helplines for a safety plan
    assert len(article.css("h2#references + ol li")) >= 4
    assert article.css_first(".site-review-dates") is not None


def test_the_page_reads_at_grade_8_or_below():
    report = Report()
    page = read_page(SOURCE, SOURCE.relative_to(REPO), report, is_post=False)
    words, grade, _ = grade_of(page)
    assert not report.errors and words > 300
    assert grade is not None and grade <= GRADE_TARGET, grade


def test_help_and_the_about_pages_quick_exit_section_link_to_it(built_site):
    help_links = [a.attributes.get("href") for a in built(built_site, "help").css("article a")]
    assert "../browse-safely/" in help_links
    about = built(built_site, "about").css_first("article")
    quick_exit = about.css_first("h2#quick-exit")
    section, node = [], quick_exit.next
    while node is not None and node.tag != "h2":
        section += [a.attributes.get("href") for a in node.css("a")] if node.tag != "-text" else []
        node = node.next
    assert "../browse-safely/" in section


def footer_link(page):
    return page.get_by_role("contentinfo").get_by_role("link", name="Browse safely", exact=True)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_page_links_to_it_in_the_same_place_outside_the_article(browser, served_site, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    places = {}
    for name, path in PAGES.items():
        page.goto(served_site + path)
        link = footer_link(page)
        expect(link).to_have_count(1)
        assert link.evaluate("a => a.href") == served_site + "browse-safely/", name
        assert link.evaluate("a => !a.closest('article, main')"), name
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        footer = page.locator(".md-footer-meta").bounding_box()
        places[name] = (round(box["x"]), round(box["y"] - footer["y"]), round(box["width"]))
    assert len(set(places.values())) == 1, places
    footer_link(page).click()
    expect(page).to_have_url(served_site + "browse-safely/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Browse safely")
    context.close()
