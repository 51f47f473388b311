"""A printed post: title, dates, disclaimer, article, references and the help line; no chrome."""

import pytest
from playwright.sync_api import expect

from conftest import site_url
from site_pages import PAGES


@pytest.fixture
def printed_post(browser, served_site):
    context = browser.new_context(viewport={"width": 800, "height": 1100})
    page = context.new_page()
    page.goto(served_site + PAGES["post"])
    page.emulate_media(media="print")
    yield page
    context.close()


def test_printed_post_shows_the_disclaimer_and_the_help_line(printed_post):
    banner = printed_post.get_by_role("region", name="Disclaimer")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("information only")
    help_line = banner.locator(".site-print-only")
    expect(help_line).to_be_visible()
    # The address in full, since a link cannot be followed on paper.
    expect(help_line).to_have_text(f"Get help now: {site_url()}help/")


def test_printed_post_shows_title_dates_article_and_references(printed_post):
    article = printed_post.locator("article")
    expect(article.locator("h1")).to_be_visible()
    expect(article.locator(".site-byline")).to_be_visible()
    expect(article.locator(".site-byline")).to_contain_text("Last reviewed")
    expect(article.locator(".site-byline")).to_contain_text("Next review due")
    expect(article.locator(".site-byline")).to_contain_text("By ")
    expect(article.get_by_role("heading", name="References")).to_be_visible()


def test_printed_post_has_no_header_navigation_or_quick_exit(printed_post):
    for chrome in ("header.md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".site-quick-exit__button"):
        expect(printed_post.locator(chrome).first).to_be_hidden()


def test_help_line_is_only_printed_not_shown_on_screen(browser, served_site):
    page = browser.new_page()
    page.goto(served_site + PAGES["post"])
    expect(page.locator(".site-print-only")).to_be_hidden()
    page.close()
