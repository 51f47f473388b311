"""axe-core finds no accessibility violations on any page type, on a phone and a desktop,
in the light and the dark colour scheme (the palette follows the system setting), with
every WCAG 2.0, 2.1 and 2.2 A and AA rule and axe's best practices, not only its defaults."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from site_pages import MATERIAL_SCHEME, PAGES, SCHEMES, WIDTHS

AXE = Axe()  # axe-core bundled with axe-playwright-python; injected into the page, nothing fetched
RULES = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_axe_finds_no_violations(browser, served_site, path, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    page.goto(served_site + path)
    # The scheme really is the one emulated (partials/javascripts/palette.html follows the system).
    assert page.locator("body").get_attribute("data-md-color-scheme") == MATERIAL_SCHEME[scheme]
    results = AXE.run(page, options=RULES)
    context.close()
    assert results.violations_count == 0, results.generate_report()
