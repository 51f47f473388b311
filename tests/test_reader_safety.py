"""Reader safety in a real browser: the disclaimer banner, "Get help now" and "Quick exit".

Pages are loaded from the built site served under its sub-path, as GitHub Pages serves
it. The neutral site Quick exit goes to is answered locally (page.route), never fetched.
"""

import re

import pytest
from playwright.sync_api import expect

from site_pages import PAGES, WIDTHS, fake_neutral_site, neutral_url


def open_page(browser, url, width, js=True):
    context = browser.new_context(viewport={"width": width, "height": 740}, java_script_enabled=js)
    page = context.new_page()
    page.goto(url)
    return context, page


# Disclaimer banner ------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_disclaimer_banner_is_a_named_region_on_every_page_with_no_close_control(browser, served_site, path, width):
    context, page = open_page(browser, served_site + path, width)
    banner = page.get_by_role("region", name="Disclaimer")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("information only")
    expect(banner).to_contain_text("not a substitute for a licensed professional")
    link = banner.get_by_role("link", name="Read the full disclaimer")
    assert link.evaluate("a => a.href") == served_site + "about/#disclaimer"
    assert banner.locator("button, [role=button], input, [aria-label*=close i]").count() == 0
    context.close()


def test_disclaimer_link_opens_the_disclaimer_section(browser, served_site):
    context, page = open_page(browser, served_site + PAGES["post"], 390)
    page.get_by_role("region", name="Disclaimer").get_by_role("link").click()
    expect(page).to_have_url(served_site + "about/#disclaimer")
    expect(page.locator("#disclaimer")).to_be_in_viewport()
    context.close()


def test_disclaimer_banner_fits_a_320_px_phone_above_the_article_and_scrolls_away(browser, served_site):
    context, page = open_page(browser, served_site + PAGES["post"], 320)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    banner = page.get_by_role("region", name="Disclaimer")
    assert banner.bounding_box()["width"] <= 320
    assert banner.evaluate("el => getComputedStyle(el).position") == "static"
    assert banner.bounding_box()["y"] + banner.bounding_box()["height"] <= page.locator("article h1").bounding_box()["y"]
    context.close()


# Get help now -----------------------------------------------------------------


def help_link(page):
    return page.locator("header").get_by_role("link", name="Get help now")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_help_link_is_in_the_same_header_position_on_every_page(browser, served_site, width):
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    boxes = {}
    for name, path in PAGES.items():
        page.goto(served_site + path)
        expect(help_link(page)).to_be_visible()
        assert help_link(page).evaluate("a => a.href") == served_site + "help/"
        boxes[name] = {k: round(v) for k, v in help_link(page).bounding_box().items()}
    assert len({tuple(b.values()) for b in boxes.values()}) == 1, boxes
    context.close()


@pytest.mark.parametrize("width", [320, 390, 768, 1024, 1280])
def test_help_link_is_visible_at_every_width_without_opening_a_menu(browser, served_site, width):
    context, page = open_page(browser, served_site + PAGES["post"], width)
    expect(help_link(page)).to_be_in_viewport(ratio=1)
    help_link(page).click()
    expect(page).to_have_url(served_site + "help/")
    context.close()


# Quick exit -------------------------------------------------------------------


def exit_button(page):
    return page.get_by_role("link", name="Quick exit")


def test_neutral_site_is_an_https_address_of_another_site():
    from urllib.parse import urlsplit

    from conftest import site_url

    neutral = urlsplit(neutral_url())
    assert neutral.scheme == "https" and neutral.netloc, "set extra.quick_exit_url to a full https:// address"
    assert neutral.netloc != urlsplit(site_url()).netloc, "Quick exit must leave this site"


@pytest.mark.parametrize("width", [320, *WIDTHS.values()])
def test_quick_exit_button_stays_in_view_after_scrolling_to_the_bottom(browser, served_site, width):
    context, page = open_page(browser, served_site + PAGES["post"], width)
    # (not wait_for_function: it polls with eval, which the pages' Content-Security-Policy refuses)
    page.evaluate("window.scrollTo({top: document.documentElement.scrollHeight, behavior: 'instant'})")
    assert page.evaluate("window.scrollY") > 0
    button = exit_button(page)
    expect(button).to_be_in_viewport(ratio=1)
    box = button.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box
    # Nothing covers it: the element at its centre is the button itself.
    on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('a')?.textContent.trim()",
                           [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    assert on_top == "Quick exit"
    context.close()


def test_quick_exit_shortcut_is_described_next_to_the_button(browser, served_site):
    context, page = open_page(browser, served_site + PAGES["post"], 390)
    hint = page.locator("#site-quick-exit-hint")
    expect(hint).to_be_visible()
    expect(hint).to_have_text(re.compile(r"press Shift 3\s+times"))
    expect(exit_button(page)).to_have_accessible_description(re.compile("press Shift 3 times"))
    button, text = exit_button(page).bounding_box(), hint.bounding_box()
    assert abs((button["y"] + button["height"] / 2) - (text["y"] + text["height"] / 2)) < button["height"]
    assert 0 <= button["x"] - (text["x"] + text["width"]) < 40
    context.close()


def test_on_a_touch_phone_the_shift_shortcut_is_not_offered(browser, served_site):
    """A phone has no Shift key to press 3 times (Browse safely says the shortcut needs a
    keyboard), so the header does not offer it there; the button itself still works."""
    context = browser.new_context(viewport={"width": 390, "height": 740}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(served_site + PAGES["post"])
    expect(page.locator("#site-quick-exit-hint")).to_be_hidden()
    assert exit_button(page).get_attribute("aria-describedby") is None
    expect(exit_button(page)).to_be_visible()
    context.close()


def start_on_a_post(browser, served_site, **clock):
    """A phone-sized page that came from the home page to a post: two history entries of ours."""
    context = browser.new_context(viewport={"width": 390, "height": 740})
    asked = fake_neutral_site(context)
    page = context.new_page()
    if clock:
        page.clock.install()
    page.goto(served_site)
    page.goto(served_site + PAGES["post"])
    return context, page, asked


def assert_left_without_a_way_back(page, served_site, asked, history_before):
    expect(page).to_have_url(re.compile("^" + re.escape(neutral_url())))
    assert asked, "the neutral site was not requested"
    assert page.evaluate("history.length") == history_before, "Quick exit added a history entry"
    page.go_back()
    assert page.url == served_site, f"Back returned to {page.url}, not to the page before the post"


def test_clicking_quick_exit_replaces_the_page_with_the_neutral_site(browser, served_site):
    context, page, asked = start_on_a_post(browser, served_site)
    history_before = page.evaluate("history.length")
    exit_button(page).click()
    assert_left_without_a_way_back(page, served_site, asked, history_before)
    context.close()


@pytest.mark.parametrize("width", [390, 1000])  # the menu is a drawer below 1220 px
def test_quick_exit_works_in_one_tap_with_the_menu_open(browser, served_site, width):
    context, page, asked = start_on_a_post(browser, served_site)
    page.set_viewport_size({"width": width, "height": 740})
    page.locator("header").get_by_role("button", name="Menu").click()
    expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()
    history_before = page.evaluate("history.length")
    exit_button(page).click(no_wait_after=True)  # a real click: fails if the menu's overlay is on top
    assert_left_without_a_way_back(page, served_site, asked, history_before)
    context.close()


def test_quick_exit_is_reached_with_the_tab_key_and_works_with_enter(browser, served_site):
    context, page, asked = start_on_a_post(browser, served_site)
    history_before = page.evaluate("history.length")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Quick exit":
            break
    else:
        pytest.fail("Quick exit is not among the first 10 Tab stops")
    page.keyboard.press("Enter")
    assert_left_without_a_way_back(page, served_site, asked, history_before)
    context.close()


def test_pressing_shift_three_times_replaces_the_page_with_the_neutral_site(browser, served_site):
    context, page, asked = start_on_a_post(browser, served_site)
    history_before = page.evaluate("history.length")
    for _ in range(3):
        page.keyboard.press("Shift")
    assert_left_without_a_way_back(page, served_site, asked, history_before)
    context.close()


def exit_and_cancel_the_neutral_site(browser, served_site):
    """Click Quick exit on a post, with the navigation to the neutral site cancelled, so
    the page stays in the state Quick exit left it in."""
    context = browser.new_context(viewport={"width": 390, "height": 740})
    context.route(re.compile("^" + re.escape(neutral_url())), lambda route: route.abort("aborted"))
    page = context.new_page()
    page.goto(served_site + PAGES["post"])
    title = page.title()
    exit_button(page).click()
    expect(page).to_have_url(served_site + PAGES["post"])
    return context, page, title


def test_quick_exit_hides_the_page_at_once_before_the_neutral_site_loads(browser, served_site):
    context, page, _ = exit_and_cancel_the_neutral_site(browser, served_site)
    expect(page.locator("article")).to_be_hidden()
    expect(page.locator("header")).to_be_hidden()
    expect(page.get_by_role("region", name="Disclaimer")).to_be_hidden()
    expect(page.get_by_role("alert")).to_have_text("Loading.")
    assert page.title() == "Loading"
    context.close()


def test_page_is_shown_again_when_the_browser_restores_it_from_its_cache(browser, served_site):
    context, page, title = exit_and_cancel_the_neutral_site(browser, served_site)
    expect(page.locator("article")).to_be_hidden()
    # What the browser fires when Back brings a page out of the back/forward cache.
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    expect(page.locator("article")).to_be_visible()
    expect(exit_button(page)).to_be_visible()
    assert page.get_by_role("alert").count() == 0
    assert page.title() == title
    context.close()


def status_text(page):
    return page.locator(".site-quick-exit [role=status]").text_content()


def test_shortcut_counts_down_in_a_status_message(browser, served_site):
    context, page, _ = start_on_a_post(browser, served_site)
    assert status_text(page) == ""
    page.keyboard.press("Shift")
    assert status_text(page) == "Shift, press 2 more times to exit."
    page.keyboard.press("Shift")
    assert status_text(page) == "Shift, press 1 more time to exit."
    expect(page.locator(".site-quick-exit [role=status]")).to_have_class("site-visually-hidden")
    context.close()


def test_any_other_key_starts_the_shortcut_count_again(browser, served_site):
    context, page, asked = start_on_a_post(browser, served_site)
    for key in ("Shift", "Shift", "a", "Shift", "Shift"):
        page.keyboard.press(key)
    assert page.url == served_site + PAGES["post"] and not asked
    assert status_text(page) == "Shift, press 1 more time to exit."
    context.close()


def test_shift_held_for_capital_letters_does_not_count(browser, served_site):
    context, page, asked = start_on_a_post(browser, served_site)
    for _ in range(3):
        page.keyboard.press("Shift+A")
    assert page.url == served_site + PAGES["post"] and not asked
    assert status_text(page) == ""
    context.close()


def test_shortcut_count_times_out_after_five_seconds_between_presses(browser, served_site):
    context, page, asked = start_on_a_post(browser, served_site, clock=True)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.run_for(5100)
    assert status_text(page) == "Quick exit timed out."
    page.keyboard.press("Shift")
    assert page.url == served_site + PAGES["post"] and not asked
    assert status_text(page) == "Shift, press 2 more times to exit."
    context.close()


# Without JavaScript -------------------------------------------------------------


@pytest.mark.parametrize("path", [PAGES["post"], PAGES["404"]], ids=["post", "404"])
def test_without_javascript_banner_help_and_quick_exit_link_are_there(browser, served_site, path):
    context, page = open_page(browser, served_site + path, 390, js=False)
    expect(page.get_by_role("region", name="Disclaimer")).to_be_visible()
    expect(help_link(page)).to_be_visible()
    button = exit_button(page)
    expect(button).to_be_visible()
    assert button.get_attribute("href") == neutral_url()
    assert set(button.get_attribute("rel").split()) == {"nofollow", "noreferrer"}
    # The shortcut needs JavaScript, so it is not offered.
    expect(page.locator("#site-quick-exit-hint")).to_be_hidden()
    context.close()


def test_without_javascript_quick_exit_still_goes_to_the_neutral_site(browser, served_site):
    context = browser.new_context(viewport={"width": 390, "height": 740}, java_script_enabled=False)
    asked = fake_neutral_site(context)
    page = context.new_page()
    page.goto(served_site + PAGES["post"])
    exit_button(page).click()
    expect(page).to_have_url(re.compile("^" + re.escape(neutral_url())))
    assert asked
    context.close()
