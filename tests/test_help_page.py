"""The help page and the home page's "Need help now?" box, built from data/crisis-lines.yml.

The data drives every number: each service's entry is checked against a table written
here by hand (so a mistyped number in the data fails, even when another service has the
right one), every number on either page is in the data, and a number changed in the
data changes both pages. In Chromium, the reader's country comes first (from the
browser's language), the picker changes it, nothing is stored, and without JavaScript
every country shows in a fixed order. It prints cleanly.
"""

import re
from datetime import date

import pytest
from playwright.sync_api import expect
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import build_copy, crisis_lines, replace_once
from site_pages import PAGES

# Each line's countries and the links a phone opens, copied from each service's own
# page (see `checked:` in the data), not from the data. "anywhere" is "Anywhere else".
LINES = {
    "us-988": ({"us"}, {"tel:988", "sms:988", "https://988lifeline.org/chat"}),
    "us-crisis-text-line": ({"us"}, {"sms:741741?body=HOME"}),
    "us-trevor-project": ({"us"}, {"tel:18664887386", "sms:678678?body=START", "https://www.thetrevorproject.org"}),
    "us-loveisrespect": ({"us"}, {"tel:18663319474", "sms:22522?body=LOVEIS", "https://www.loveisrespect.org"}),
    "us-domestic-violence-hotline": ({"us"}, {"tel:18007997233", "sms:88788?body=START", "https://www.thehotline.org"}),
    "us-childhelp": ({"us"}, {"tel:18004224453", "sms:18004224453"}),
    "samaritans": ({"uk", "ie"}, {"tel:116123"}),
    "uk-shout": ({"uk"}, {"sms:85258?body=SHOUT"}),
    "uk-childline": ({"uk"}, {"tel:08001111", "https://www.childline.org.uk"}),
    "uk-nhs-111": ({"uk"}, {"tel:111"}),
    "uk-nhs-111-wales": ({"uk"}, {"tel:111"}),
    "uk-nhs-24-scotland": ({"uk"}, {"tel:111"}),
    "uk-lifeline-ni": ({"uk"}, {"tel:08088088000"}),
    "uk-papyrus": ({"uk"}, {"tel:08000684141"}),
    "uk-domestic-abuse-helpline": ({"uk"}, {"tel:08082000247", "https://www.nationaldahelpline.org.uk"}),
    "uk-scotland-domestic-abuse": ({"uk"}, {"tel:08000271234", "https://sdafmh.org.uk"}),
    "uk-wales-live-fear-free": ({"uk"}, {"tel:08088010800", "sms:07860077333"}),
    "uk-ni-domestic-sexual-abuse": ({"uk"}, {"tel:08088021414"}),
    "uk-mens-advice-line": ({"uk"}, {"tel:08088010327"}),
    "ie-50808": ({"ie"}, {"sms:50808"}),
    "ie-pieta": ({"ie"}, {"tel:1800247247", "sms:51444?body=HELP"}),
    "ie-childline": ({"ie"}, {"tel:1800666666", "https://www.childline.ie"}),
    "ie-womens-aid": ({"ie"}, {"tel:1800341900"}),
    "ca-988": ({"ca"}, {"tel:988", "sms:988"}),
    "ca-kids-help-phone": ({"ca"}, {"tel:18006686868", "sms:686868?body=CONNECT"}),
    "ca-sheltersafe": ({"ca"}, {"https://sheltersafe.ca"}),
    "au-lifeline": ({"au"}, {"tel:131114", "sms:0477131114", "https://www.lifeline.org.au"}),
    "au-kids-helpline": ({"au"}, {"tel:1800551800"}),
    "au-13yarn": ({"au"}, {"tel:139276"}),
    "au-1800respect": ({"au"}, {"tel:1800737732", "sms:0458737732", "https://www.1800respect.org.au"}),
    "nz-1737": ({"nz"}, {"tel:1737", "sms:1737"}),
    "nz-youthline": ({"nz"}, {"tel:0800376633", "sms:234"}),
    "nz-lifeline": ({"nz"}, {"tel:0800543354"}),
    "nz-womens-refuge": ({"nz"}, {"tel:0800733843"}),
    "nz-shine": ({"nz"}, {"tel:0508744633"}),
    "find-a-helpline": ({"anywhere"}, {"https://findahelpline.com"}),
}


def data() -> dict:
    return crisis_lines()


def digits(text) -> str:
    return re.sub(r"\D", "", str(text))


# The countries in the data's order: the order every list shows without JavaScript
FIXED_ORDER = [country["id"] for country in data()["countries"]]
# Each country's emergency numbers as the links that dial them, in the data's order
EMERGENCY = {country["id"]: [f"tel:{digits(e['number'])}" for e in country["emergency"]]
             for country in data()["countries"]}
# Browser language -> the country whose lines come first: English with each of a country's
# region codes (en-GB), and a few other languages and scripts, which must work the same way
LANGUAGES = {f"en-{region}": country["id"] for country in data()["countries"] for region in country["regions"]}
LANGUAGES |= {"fr-CA": "ca", "ga-IE": "ie", "zh-Hant-AU": "au", "mi-NZ": "nz"}


def article(site, path):
    return HTMLParser((site / path / "index.html").read_text(encoding="utf-8")).css_first("article")


def phone_links(node) -> set[str]:
    return {a.attributes["href"] for a in node.css('a[href^="tel:"], a[href^="sms:"]')}


def country_of(item) -> str:
    node = item.parent
    while node is not None and node.tag != "section":
        node = node.parent
    return (node.attributes.get("data-country") if node is not None else None) or "anywhere"


# The built pages ---------------------------------------------------------------------


def test_every_line_in_the_data_is_in_the_table_of_this_test():
    """A new line needs its own row above, checked against the service's own page."""
    assert {line["id"] for line in data()["lines"]} == set(LINES)


@pytest.mark.parametrize("line_id", LINES)
def test_each_service_shows_its_own_numbers_under_its_own_countries(built_site, line_id):
    countries, links = LINES[line_id]
    items = article(built_site, "help").css(f'li[data-line="{line_id}"]')
    assert {country_of(item) for item in items} == countries
    for item in items:
        found = {a.attributes["href"] for a in item.css(".site-line__ways a")}
        assert found == links, f"{line_id} under {country_of(item)}"
        for a in item.css('.site-line__ways a[href^="tel:"]'):
            assert digits(a.text()) == a.attributes["href"][4:], f"{a.text()} dials {a.attributes['href']}"


@pytest.mark.parametrize("line_id", LINES)
def test_each_line_says_when_it_is_open_who_it_is_for_and_when_it_was_checked(built_site, line_id):
    line = next(line for line in data()["lines"] if line["id"] == line_id)
    item = article(built_site, "help").css_first(f'li[data-line="{line_id}"]')
    text = " ".join(item.text().split())
    assert f"For: {line['for']}" in text
    hours = "Open 24 hours a day, 7 days a week." if line["hours"] == "24/7" else line["hours"]
    assert hours in text
    checked = item.css_first(".site-line__checked")
    day = date.fromisoformat(str(line["checked"]["date"]))  # a YAML date or a quoted "YYYY-MM-DD"
    assert checked.css_first("time").attributes["datetime"] == day.isoformat()
    assert f"Checked on {day.day} {day.strftime('%B %Y')} against" in checked.text()
    link = checked.css_first("a")
    assert link.attributes["href"] == line["checked"]["page"]
    # A page not run by the service is never passed off as the service's own.
    own = {"service": "the service's own page", "government": "a government page",
           "other": "a page not run by the service"}
    assert link.text() == own[line["checked"]["by"]]


def test_emergency_numbers_come_first_for_every_country(built_site):
    body = article(built_site, "help")
    emergency = body.css_first("ul.site-emergency")
    assert [li.attributes["data-country"] for li in emergency.css("li[data-country]")] == FIXED_ORDER
    for country, links in EMERGENCY.items():
        item = emergency.css_first(f'li[data-country="{country}"]')
        assert [a.attributes["href"] for a in item.css("li > a")] == links  # then its line to talk to
    all_tel = [a.attributes["href"] for a in body.css('a[href^="tel:"]')]
    assert all_tel[: len(EMERGENCY[FIXED_ORDER[0]])] == EMERGENCY[FIXED_ORDER[0]]
    assert [a.attributes["href"] for a in emergency.css("li[data-country] > a")] == [
        link for c in FIXED_ORDER for link in EMERGENCY[c]]


def with_lines_on(topic) -> list[str]:
    """The countries with a line on `topic` (crisis or abuse), in the fixed order."""
    return [c for c in FIXED_ORDER if any(line["topic"] == topic and c in line["countries"] for line in data()["lines"])]


def test_not_safe_at_home_lists_every_country_with_such_a_line_in_the_fixed_order(built_site):
    body = article(built_site, "help")
    heading = body.css_first("h2#if-you-are-not-safe-at-home-or-in-a-relationship")
    node = heading.next
    while node is not None and node.tag != "h2" and (node.attributes or {}).get("data-help-topic") != "abuse":
        node = node.next
    assert node is not None and node.tag != "h2", "no lines under 'If you are not safe at home or in a relationship'"
    assert len(with_lines_on("abuse")) > 1
    assert [s.attributes["data-country"] for s in node.css("section[data-country]")] == with_lines_on("abuse")


def data_numbers() -> set[str]:
    help_data = data()
    numbers = {f"tel:{digits(e['number'])}" for c in help_data["countries"] for e in c["emergency"]}
    for line in help_data["lines"]:
        for way in line["contact"]:
            if "call" in way:
                numbers.add(f"tel:{digits(way['call'])}")
            if "text" in way:
                keyword = f"?body={way['keyword']}" if way.get("keyword") else ""
                numbers.add(f"sms:{digits(way['text'])}{keyword}")
    return numbers


@pytest.mark.parametrize("page", ["help", "."])
def test_every_number_on_the_help_and_home_pages_is_in_the_data(built_site, page):
    found = phone_links(article(built_site, page))
    assert found, "no tel:/sms: links at all"
    assert found <= data_numbers(), f"not in data/crisis-lines.yml: {found - data_numbers()}"


def test_every_number_on_every_page_is_in_the_data(built_site):
    """Posts, the search panel's crisis message, every page: no number typed by hand."""
    pages = sorted(built_site.rglob("*.html"))
    found = {page: phone_links(HTMLParser(page.read_text(encoding="utf-8"))) for page in pages}
    assert len([page for page, links in found.items() if links]) > 3
    for page, links in found.items():
        assert links <= data_numbers(), f"{page}: not in data/crisis-lines.yml: {links - data_numbers()}"


@pytest.mark.parametrize("slug", ["navigating-the-modern-maze", "self-care-strategies"])
def test_posts_that_say_reach_out_now_list_a_line_to_talk_to_for_every_country(built_site, slug):
    talk = article(built_site, f"blog/{slug}").css_first(".site-help-talk")
    assert talk is not None, "the post lost its <!-- help:talk --> list"
    help_data = data()
    for item, country in zip(talk.css("li"), help_data["countries"], strict=True):
        assert item.css_first("strong").text() == f"{country['name']}:"
        home_lines = [line for line in help_data["lines"] if line.get("home") and country["id"] in line["countries"]]
        assert home_lines and all(line["name"] in item.text() for line in home_lines), country["id"]
        assert phone_links(item) and phone_links(item) <= set().union(*(LINES[line["id"]][1] for line in home_lines))


@pytest.mark.parametrize(("where", "page", "selector"), [("home box", ".", ".site-help-box"),
                                                       ("post", "blog/self-care-strategies", ".site-help-talk")])
def test_every_countrys_lines_to_talk_to_include_one_that_takes_texts(built_site, where, page, selector):
    """The posts say "call or text": a reader who cannot speak out loud has a line to text in every country."""
    box = article(built_site, page).css_first(selector)
    for item, country in zip(box.css("li"), data()["countries"], strict=True):
        assert item.css_first('a[href^="sms:"]') is not None, f"{where}: no line to text for {country['name']}"


def test_the_help_page_shows_every_number_in_the_data(built_site):
    assert data_numbers() <= phone_links(article(built_site, "help"))


def test_the_home_box_gives_each_countrys_emergency_numbers_and_a_line_to_talk_to(built_site):
    box = article(built_site, ".").css_first(".site-help-box")
    assert box is not None
    help_data = data()
    for item, country in zip(box.css("li"), help_data["countries"], strict=True):
        assert item.css_first("strong").text() == f"{country['name']}:"
        links = [a.attributes["href"] for a in item.css("a")]
        assert links[: len(EMERGENCY[country["id"]])] == EMERGENCY[country["id"]]
        home_lines = [line for line in help_data["lines"] if line.get("home") and country["id"] in line["countries"]]
        assert home_lines, f"no line to talk to for {country['name']}"
        for line in home_lines:
            assert line["name"] in item.text()
            assert {link for link in links if link in LINES[line["id"]][1]}
    assert box.css_first('a[href="help/"]') is not None


def test_a_number_changed_in_the_data_changes_the_help_page_the_home_page_and_the_posts(tmp_path):
    site = build_copy(tmp_path, lambda project: replace_once(
        project / "data/crisis-lines.yml", 'call: "116 123"', 'call: "116 000"'))
    for page in ("help", ".", "blog/self-care-strategies"):
        links = phone_links(article(site, page))
        assert "tel:116000" in links and "tel:116123" not in links, page


# In the browser ----------------------------------------------------------------------

CRISIS = "[data-help-topic=crisis] > [data-country]"
EMERGENCY_ITEMS = "ul.site-emergency > [data-country]"
ABUSE = "[data-help-topic=abuse] > [data-country]"
# Each list's countries in the fixed order: every country has emergency numbers, not every
# country has lines on both topics
LISTS = {EMERGENCY_ITEMS: FIXED_ORDER, CRISIS: with_lines_on("crisis"), ABUSE: with_lines_on("abuse")}


def order(page, selector):
    return page.locator(selector).evaluate_all("nodes => nodes.map(n => n.dataset.country)")


@pytest.mark.parametrize(("language", "country"), LANGUAGES.items(), ids=LANGUAGES.keys())
def test_the_readers_country_comes_first_from_the_browsers_language(browser, served_site, language, country):
    context = browser.new_context(locale=language, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(served_site + PAGES["help"])
    assert page.evaluate("navigator.language") == language
    for selector, countries in LISTS.items():
        found = order(page, selector)
        if country in countries:
            assert found[0] == country, selector
        assert found == [country] * (country in countries) + [c for c in countries if c != country], selector
    # The first crisis line after the emergency numbers is that country's own.
    first_line = page.locator("[data-help-topic=crisis] li[data-line]").first
    assert country in LINES[first_line.get_attribute("data-line")][0]
    expect(page.get_by_label("Your country:")).to_have_value(country)
    context.close()


def test_the_country_is_first_before_any_script_file_arrives(browser, served_site):
    """Nothing moves under the reader's finger: the lists are in order and the picker is
    shown as the page is read in, not when a script file has loaded (which, on a slow
    phone, moved them after they were drawn)."""
    context = browser.new_context(locale="en-AU", viewport={"width": 390, "height": 800})
    context.route(re.compile(r"\.js(\?|$)"), lambda route: None)  # every script file: never answered
    page = context.new_page()
    page.goto(served_site + PAGES["help"], wait_until="commit")  # the page never finishes loading
    expect(page.get_by_label("Your country:")).to_be_visible()
    for selector in (EMERGENCY_ITEMS, CRISIS, ABUSE):
        assert order(page, selector)[0] == "au", selector
    context.close()


def test_a_language_without_one_of_these_countries_keeps_the_fixed_order(browser, served_site):
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    page.goto(served_site + PAGES["help"])
    assert order(page, CRISIS) == LISTS[CRISIS]
    expect(page.get_by_label("Your country:")).to_have_value(FIXED_ORDER[0])
    context.close()


def test_the_picker_puts_another_country_first_says_so_and_stores_nothing(browser, served_site):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served_site + PAGES["help"])
    page.wait_for_load_state("networkidle")
    before = len(requests)
    picker = page.get_by_label("Your country:")
    picker.focus()
    picker.select_option("au")
    for selector, countries in LISTS.items():
        assert order(page, selector) == ["au"] + [c for c in countries if c != "au"], selector
    expect(page.get_by_role("status").filter(has_text="Australia")).to_have_text("Showing lines for Australia first.")
    expect(picker).to_be_focused()  # the script leaves the focus where the reader is
    picker.select_option("uk")
    assert order(page, CRISIS)[0] == "uk"
    # Nothing sent, nothing stored: a watched reader leaves no trace of the country.
    assert len(requests) == before
    assert page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    assert context.cookies() == []
    context.close()


def test_the_picker_works_from_the_keyboard(browser, served_site):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(served_site + PAGES["help"])
    picker = page.get_by_label("Your country:")
    picker.focus()
    page.keyboard.press("ArrowDown")  # the next country: United Kingdom
    assert order(page, CRISIS)[0] == "uk"
    context.close()


def test_without_javascript_every_country_shows_in_the_fixed_order_and_no_picker(browser, served_site):
    context = browser.new_context(locale="en-AU", java_script_enabled=False, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(served_site + PAGES["help"])
    expect(page.locator("[data-help-picker]")).to_be_hidden()
    for selector, countries in LISTS.items():
        assert order(page, selector) == countries
    for country in FIXED_ORDER:
        expect(page.locator(f"section[data-country={country}]").first).to_be_visible()
    expect(page.locator('#au-lifeline a[href="tel:131114"]')).to_be_visible()
    context.close()


def test_the_help_page_prints_every_country_without_the_picker(browser, served_site):
    context = browser.new_context(locale="en-GB", viewport={"width": 800, "height": 1100})
    page = context.new_page()
    page.goto(served_site + PAGES["help"])
    page.emulate_media(media="print")
    expect(page.locator("[data-help-picker]")).to_be_hidden()
    for country in FIXED_ORDER:
        expect(page.locator(f"section[data-country={country}]").first).to_be_visible()
    for link in ("tel:116123", "tel:131114", "sms:50808", "tel:18006686868", "tel:988"):
        expect(page.locator(f'article a[href="{link}"]').first).to_be_visible()
    expect(page.locator(".site-line__checked").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    context.close()
