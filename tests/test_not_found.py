"""A missing address deep under the sub-path gets the site's styled 404 page, as on GitHub Pages."""


def test_missing_page_shows_the_styled_404_page_with_working_links(browser, served_site):
    page = browser.new_page()
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.request.resource_type != "document" else None)
    response = page.goto(served_site + "blog/no/such/post/")
    assert response.status == 404
    assert "404" in page.locator("h1").inner_text()
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
    assert header == "sticky", "Material's stylesheet did not load"
    assert not failed, failed
    page.click("a.md-header__button.md-logo")
    assert page.url == served_site
    page.close()
