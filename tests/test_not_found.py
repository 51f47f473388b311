"""A missing address deep under the sub-path gets the site's styled 404 page, as on GitHub Pages,
and it is no dead end: it says plainly that the page is not here, and offers search, all
articles, the home page and Get help now."""

import pytest
from playwright.sync_api import expect


def open_missing_page(browser, served_site):
    page = browser.new_page()
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.request.resource_type != "document" else None)
    response = page.goto(served_site + "blog/no/such/post/")
    assert response.status == 404
    return page, failed


def test_missing_page_shows_the_styled_404_page_with_working_links(browser, served_site):
    page, failed = open_missing_page(browser, served_site)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.locator("article")).to_contain_text("there is no page at this address")
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
    assert header == "sticky", "Material's stylesheet did not load"
    assert not failed, failed
    page.click("a.md-header__button.md-logo")
    assert page.url == served_site
    page.close()


@pytest.mark.parametrize("name, address", [
    ("see all articles", "blog/"), ("go to the home page", ""), ("get help now", "help/"),
])
def test_the_404_page_links_on_to_articles_home_and_help(browser, served_site, name, address):
    page, _ = open_missing_page(browser, served_site)
    page.locator("article").get_by_role("link", name=name).click()
    expect(page).to_have_url(served_site + address)
    page.close()


def test_the_404_page_searches_the_articles(browser, served_site):
    page, _ = open_missing_page(browser, served_site)
    search = page.locator("article").get_by_role("search")
    search.get_by_label("Search the articles").fill("boundaries")
    search.get_by_role("button", name="Search").click()
    expect(page).to_have_url(served_site + "search/?q=boundaries")
    expect(page.locator("article [data-site-search-results] a").first).to_be_visible()
    page.close()
