"""Every page type asks nothing of any other origin, sets no cookies and logs no console errors.

The shared served_site keeps mkdocs.yml's default site_url (port 8000) but serves on
another port, so any request the pages make to their absolute site_url shows up here
as a request to another origin, as it would be on a mis-set deployment.
"""

from urllib.parse import urlsplit

import pytest

from site_pages import PAGES, WIDTHS


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_pages_make_no_third_party_requests_set_no_cookies_and_log_no_errors(browser, served_site, width):
    site = served_site
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    for name, path in PAGES.items():
        response = page.goto(site + path)
        assert response.status == (404 if name == "404" else 200), name
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.cookie") == "", name
    # The browser logs the 404 page's own status as a console error; that one is expected.
    errors = [e for e in errors if not (PAGES["404"] in e and "status of 404" in e)]
    assert len(requests) > len(PAGES)
    assert [u for u in requests if origin(u) != origin(site)] == []
    assert context.cookies() == []
    assert errors == []
    context.close()
