"""Search that answers a crisis: words that suggest crisis or harm, typed as a person types,
bring "You don't have to face this alone", the way to Get help now and the emergency
numbers above any article, in the header's search panel and on the search page. It all
happens in the browser: nothing typed is sent anywhere or stored."""

from urllib.parse import quote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import crisis_lines
from site_pages import MATERIAL_SCHEME, SCHEMES

# The words issue 11 names, as a reader might type them
CRISIS_SEARCHES = ["suicide", "I want to die", "kill myself", "self-harm", "self harm", "cutting",
                   "abuse", "he keeps hurting me", "I'm not safe at home"]
# Searches that must not bring the crisis message (some start like a crisis word)
ORDINARY_SEARCHES = ["sleep", "boundaries", "worry", "self-care", "cut back on screens", "sui", "want to d", "abs"]
KEY_DELAY = 70  # ms between key presses


def emergency_numbers() -> list[str]:
    return [line["number"] for country in crisis_lines()["countries"] for line in country["emergency"]]


def open_search_panel(browser, served_site, width=390, scheme="light"):
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    page.goto(served_site)
    page.locator("header").get_by_role("button", name="Search").first.click()
    dialog = page.get_by_role("dialog", name="Search articles")
    field = dialog.get_by_label("Search for")
    expect(field).to_be_focused()  # a person sees the box before typing
    return context, page, dialog, field


def crisis_help(root):
    return root.locator("[data-site-search-help]")


def assert_help_comes_first(page, root, served_site):
    help_box = crisis_help(root)
    expect(help_box).to_be_visible()
    expect(help_box).to_contain_text("You don't have to face this alone")
    link = help_box.get_by_role("link", name="Get help now")
    assert link.evaluate("a => a.href") == served_site + "help/"
    for number in emergency_numbers():
        expect(help_box.locator(f'a[href="tel:{number}"]').first).to_have_text(number)
    results = root.locator("[data-site-search-results] a")
    if results.count():
        first = results.first
        assert help_box.evaluate("(box, first) => !!(box.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING)",
                                 first.element_handle())
        assert help_box.bounding_box()["y"] + help_box.bounding_box()["height"] <= first.bounding_box()["y"]
    expect(help_box).to_be_in_viewport()


@pytest.mark.parametrize("words", CRISIS_SEARCHES)
def test_crisis_words_typed_in_the_search_panel_bring_help_before_any_article(browser, served_site, words):
    context, page, dialog, field = open_search_panel(browser, served_site)
    field.press_sequentially(words, delay=KEY_DELAY)
    assert_help_comes_first(page, dialog, served_site)
    if words == "suicide":  # this one finds articles too: the help is above them
        expect(dialog.locator("[data-site-search-results] a").first).to_be_visible()
        assert_help_comes_first(page, dialog, served_site)
    field.fill("")
    field.press_sequentially("sleep", delay=KEY_DELAY)
    expect(dialog.locator("[data-site-search-results] a").first).to_be_visible()
    expect(crisis_help(dialog)).to_be_hidden()  # gone again for an ordinary search
    context.close()


@pytest.mark.parametrize("words", ["kill myself", "hits me"])  # no article has these words
def test_a_crisis_search_that_finds_no_article_points_to_the_help_not_to_another_word(browser, served_site, words):
    context, page, dialog, field = open_search_panel(browser, served_site)
    field.press_sequentially(words, delay=KEY_DELAY)
    assert_help_comes_first(page, dialog, served_site)
    status = dialog.get_by_role("status")
    expect(status).to_have_text("No articles match these words. The help above is there for you now.")
    context.close()


def test_every_word_on_the_list_is_recognised_and_ordinary_searches_are_not(browser, served_site):
    context, page, _, _ = open_search_panel(browser, served_site)
    checked = page.evaluate("""async ordinary => {
        const { CRISIS_WORDS, suggestsCrisis } = await import(
            new URL("crisis-words.js", document.querySelector('script[src$="search/search.js"]').src));
        return {
            list: CRISIS_WORDS.length,
            missed: CRISIS_WORDS.map(w => w.replace("*", "")).filter(w => !suggestsCrisis(`how to stop ${w} now`)),
            wrong: ordinary.filter(suggestsCrisis),
        };
    }""", ORDINARY_SEARCHES)
    context.close()
    assert checked["list"] >= len(CRISIS_SEARCHES)
    assert checked["missed"] == [] and checked["wrong"] == []


@pytest.mark.parametrize("words", ORDINARY_SEARCHES[:5])
def test_an_ordinary_search_shows_no_crisis_message(browser, served_site, words):
    context, page, dialog, field = open_search_panel(browser, served_site)
    field.press_sequentially(words, delay=KEY_DELAY)
    expect(dialog.get_by_role("status")).not_to_be_empty()  # the search has run
    expect(crisis_help(dialog)).to_be_hidden()
    context.close()


def test_the_search_page_brings_help_first_and_keeps_crisis_words_out_of_the_address(browser, served_site):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(f"{served_site}search/?q={quote('I want to die')}")
    main = page.locator("article")
    assert_help_comes_first(page, main, served_site)
    expect(page).to_have_url(served_site + "search/")  # not kept in the history
    field = main.get_by_label("Search for")
    field.fill("")
    field.press_sequentially("suicide", delay=KEY_DELAY)
    expect(main.locator("[data-site-search-results] a").first).to_be_visible()
    assert_help_comes_first(page, main, served_site)
    expect(page).to_have_url(served_site + "search/")
    field.fill("")
    field.press_sequentially("sleep", delay=KEY_DELAY)
    expect(page).to_have_url(served_site + "search/?q=sleep")  # ordinary searches keep their address
    expect(crisis_help(main)).to_be_hidden()
    context.close()


def test_nothing_typed_is_sent_anywhere_or_stored(browser, served_site):
    context, page, dialog, field = open_search_panel(browser, served_site)
    page.wait_for_load_state("networkidle")
    before = page.evaluate("[JSON.stringify(localStorage), JSON.stringify(sessionStorage), document.cookie]")
    requests = []
    page.on("request", lambda r: requests.append(r))
    field.press_sequentially("I want to kill myself", delay=KEY_DELAY)
    expect(crisis_help(dialog)).to_be_visible()
    page.wait_for_load_state("networkidle")
    site = urlsplit(served_site)
    for request in requests:
        url = urlsplit(request.url)
        assert (url.scheme, url.netloc) == (site.scheme, site.netloc), request.url
        assert url.path.startswith(site.path + "search/data/"), request.url  # the index, from the site itself
        assert request.method == "GET" and request.post_data is None, request.url
        assert "kill" not in request.url and "die" not in request.url, request.url
    assert page.evaluate("[JSON.stringify(localStorage), JSON.stringify(sessionStorage), document.cookie]") == before
    assert context.cookies() == []
    expect(page).to_have_url(served_site)
    context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_crisis_message_passes_axe(browser, served_site, scheme):
    context, page, dialog, field = open_search_panel(browser, served_site, scheme=scheme)
    assert page.locator("body").get_attribute("data-md-color-scheme") == MATERIAL_SCHEME[scheme]
    field.press_sequentially("suicide", delay=KEY_DELAY)
    expect(dialog.locator("[data-site-search-results] a").first).to_be_visible()
    results = Axe().run(page, context="[data-site-search-dialog]")
    context.close()
    assert results.violations_count == 0, results.generate_report()
