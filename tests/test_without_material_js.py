"""The site does not load Material's JavaScript bundle (scripts/dev/README.md: "Material's JavaScript").
What it does instead: a page loads only the site's own small scripts; the light/dark
toggle (overrides/partials/javascripts/palette.html) follows the system setting before
the page is drawn, cycles system -> light -> dark, is remembered and works by keyboard;
and a contents list taller than the screen scrolls inside its sidebar."""

from urllib.parse import urlsplit

from playwright.sync_api import expect

from conftest import REPO
from site_pages import MATERIAL_SCHEME, PAGES


def body_scheme(page) -> str:
    return page.locator("body").get_attribute("data-md-color-scheme")


def toggle(page):
    """The one palette button on show (each option's label offers the next option)."""
    return page.locator("header [data-md-component=palette] label:visible")


def test_the_system_scheme_is_applied_inside_the_page_before_any_script_file_loads(browser, served_site):
    context = browser.new_context(color_scheme="dark")
    context.route("**/*.js", lambda route: route.abort())  # only the page's inline scripts run
    page = context.new_page()
    page.goto(served_site + PAGES["post"])
    assert body_scheme(page) == MATERIAL_SCHEME["dark"]
    context.close()


def test_the_toggle_cycles_system_light_dark_and_the_choice_is_remembered(browser, served_site):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(served_site + PAGES["post"])
    assert body_scheme(page) == MATERIAL_SCHEME["dark"]
    expect(toggle(page)).to_have_attribute("title", "Use light mode")
    toggle(page).click()
    assert body_scheme(page) == MATERIAL_SCHEME["light"]

    page.goto(served_site + PAGES["help"])  # remembered on the next page
    assert body_scheme(page) == MATERIAL_SCHEME["light"]
    expect(toggle(page)).to_have_attribute("title", "Use dark mode")
    toggle(page).click()
    assert body_scheme(page) == MATERIAL_SCHEME["dark"]
    expect(toggle(page)).to_have_attribute("title", "Follow system setting")
    toggle(page).click()  # back to the system setting, which it follows live
    page.emulate_media(color_scheme="light")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", MATERIAL_SCHEME["light"])
    expect(toggle(page)).to_have_attribute("title", "Use light mode")
    context.close()


def test_enter_on_the_focused_toggle_moves_to_the_next_scheme(browser, served_site):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(served_site)
    checked = page.locator("header [data-md-component=palette] input:checked")
    expect(checked).to_have_count(1)
    checked.focus()
    page.keyboard.press("Enter")  # system (light) -> light
    page.keyboard.press("Enter")  # light -> dark
    assert body_scheme(page) == MATERIAL_SCHEME["dark"]
    expect(page.locator("header [data-md-component=palette] input:focus")).to_be_checked()
    context.close()


def test_without_javascript_the_toggle_is_hidden_and_the_light_scheme_shows(browser, served_site):
    context = browser.new_context(color_scheme="dark", java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + PAGES["post"])
    assert body_scheme(page) == MATERIAL_SCHEME["light"]
    expect(toggle(page)).to_have_count(0)
    context.close()


def test_pages_load_no_javascript_but_the_sites_own_small_scripts(browser, served_site):
    context = browser.new_context()
    page = context.new_page()
    scripts = set()
    page.on("request", lambda r: r.resource_type == "script" and scripts.add(urlsplit(r.url).path.rsplit("/", 1)[-1]))
    for path in PAGES.values():
        page.goto(served_site + path)
        page.wait_for_load_state("networkidle")
    own = {path.name for path in (REPO / "docs/assets").rglob("*.js")}  # search-ui.js on the search page
    assert {"search.js", "quick-exit.js"} <= scripts <= own  # not Material's bundle (see scripts/dev/README.md)
    context.close()


def test_a_contents_list_taller_than_the_screen_scrolls_inside_its_sidebar(browser, served_site):
    context = browser.new_context(viewport={"width": 1280, "height": 320})
    page = context.new_page()
    page.goto(served_site + PAGES["help"])
    page.mouse.wheel(0, 600)
    contents = page.locator(".md-sidebar--secondary .md-sidebar__scrollwrap")
    box = contents.bounding_box()
    assert box["y"] + box["height"] <= 320  # all of it on screen...
    last = contents.locator("a").last
    last.scroll_into_view_if_needed()
    expect(last).to_be_in_viewport()  # ...and its last entry reachable
    context.close()
