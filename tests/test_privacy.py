"""Every page type asks nothing of any other origin, sets no cookies and logs no console errors.

The site is built with site_url set to the address it is served from, as on GitHub
Pages. (The shared served_site fixture keeps mkdocs.yml's default site_url, so absolute
links there point at another port; Material follows the JSON Feed link to fetch
sitemap.xml, which would show up here as a request to another origin.)
"""

import socket
from urllib.parse import urlsplit

import pytest

from conftest import REPO, build
from serve_site import serving
from site_pages import PAGES, WIDTHS


@pytest.fixture(scope="module")
def site_at_its_own_address(tmp_path_factory):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"http://127.0.0.1:{port}/steady-ground/"
    out = tmp_path_factory.mktemp("site-at-own-address")
    result = build(REPO, out, env={"SITE_URL": address})
    assert result.returncode == 0, result.stderr
    with serving(out, urlsplit(address).path, port) as url:
        assert url == address
        yield url


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_pages_make_no_third_party_requests_set_no_cookies_and_log_no_errors(browser, site_at_its_own_address, width):
    site = site_at_its_own_address
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
