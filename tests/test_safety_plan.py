"""The safety plan (docs/safety-plan.md, assets/javascripts/safety-plan.js): private, printable,
built from the data, and empty again after Quick exit and Back.

The fields are filled with a marker in Chromium at a phone's and a desktop's width; no
request carries it, nothing is stored, the address stays, and the printout shows it with
no header, menu or footer. The lines come from data/crisis-lines.yml; without JavaScript
the page is a blank plan with every country's lines. The axe, keyboard, CSP, privacy and
print tests cover the page too, through tests/site_pages.py.
"""

import re

import pytest
from playwright.sync_api import expect
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import build_copy, crisis_lines, replace_once
from site_pages import PAGES, WIDTHS, fake_neutral_site, neutral_url
from test_content_security_policy import open_watched, violations

PLAN = PAGES["safety plan"]
FIELDS = "[data-plan] textarea"
CHROME = ("header.md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".site-quick-exit__button")


def data() -> dict:
    return crisis_lines()


def digits(number) -> str:
    return re.sub(r"\D", "", str(number))


def lines_of(country_id) -> str:
    """How the lines field starts for a country: "Australia: emergency 000" (its name and its
    first emergency number, from the data)."""
    country = next(c for c in data()["countries"] if c["id"] == country_id)
    return f"{country['name']}: emergency {country['emergency'][0]['number']}"


def lines_start(country_id) -> re.Pattern:
    return re.compile("^" + re.escape(lines_of(country_id)))


def plan_tree(site):
    return HTMLParser((site / "safety-plan/index.html").read_text(encoding="utf-8"))


def open_plan(browser, served_site, width=390, **options):
    context = browser.new_context(viewport={"width": width, "height": 800}, **options)
    page = context.new_page()
    page.goto(served_site + PLAN)
    return context, page


def fill_every_field(page) -> dict[str, str]:
    """Each field gets its own marker, typed as a person types; returns id -> marker."""
    markers = {}
    for field in page.locator(FIELDS).all():
        marker = f"MARKER-{field.get_attribute('id')}-7f3q"
        field.fill("")
        field.press_sequentially(marker, delay=5)
        markers[field.get_attribute("id")] = marker
    return markers


def field_values(page) -> dict[str, str]:
    return dict(page.locator(FIELDS).evaluate_all("fs => fs.map(f => [f.id, f.value])"))


# The built page -----------------------------------------------------------------------


def test_every_field_has_a_label_and_asks_the_browser_not_to_remember_it(built_site):
    tree = plan_tree(built_site)
    fields = tree.css("[data-plan] textarea")
    assert len(fields) >= 7
    labels = {label.attributes.get("for"): label.text(strip=True) for label in tree.css("label")}
    for field in fields:
        assert field.attributes.get("autocomplete") == "off", field.attributes
        assert labels.get(field.attributes["id"]), f"no <label for={field.attributes['id']}>"
    # No <form>: nothing can be submitted, so the address can never carry the plan.
    assert not tree.css("article form")


def test_the_plan_lists_every_countrys_emergency_numbers_and_lines_to_talk_to_from_the_data(built_site):
    help_data = data()
    items = plan_tree(built_site).css("[data-plan-lines] > [data-country]")
    assert [i.attributes["data-country"] for i in items] == [c["id"] for c in help_data["countries"]]
    for item, country in zip(items, help_data["countries"]):
        numbers = {a.attributes["href"].split(":")[1].split("?")[0] for a in item.css("a[href^='tel:'], a[href^='sms:']")}
        expected = {digits(e["number"]) for e in country["emergency"]}
        for line in help_data["lines"]:
            if line.get("home") and country["id"] in line["countries"]:
                expected |= {digits(c.get("call") or c.get("text")) for c in line["contact"] if c.get("call") or c.get("text")}
        assert numbers == expected, country["id"]


def test_only_the_plan_page_loads_the_plans_script(built_site):
    loading = sorted(str(p.relative_to(built_site)) for p in built_site.rglob("*.html")
                     if "safety-plan.js" in p.read_text(encoding="utf-8"))
    assert loading == ["safety-plan/index.html"]


def test_safety_in_a_relationship_links_a_services_own_guide_for_every_country(built_site):
    """Each country in the data has at least one domestic-abuse service's safety-planning
    guide, and each guide is also in the References (its source)."""
    tree = plan_tree(built_site)
    heading = tree.css_first("h2#safety-in-a-relationship")
    guides = {}
    node = heading.next
    while node is not None and node.tag != "h2":
        for item in node.css("li") if node.tag == "ul" else []:
            country = item.text(strip=True).split(":")[0]
            guides[country] = [a.attributes["href"] for a in item.css("a[href^='https://']")]
        node = node.next
    references = {a.attributes["href"] for a in tree.css("h2#references + ol a")}
    help_data = data()
    with_abuse_line = {c for line in help_data["lines"] if line["topic"] == "abuse" for c in line["countries"]}
    for country in help_data["countries"]:
        if country["id"] not in with_abuse_line:
            continue  # the guides are the abuse services' own: a country with none has no guide
        assert guides.get(country["name"]), f"no safety-planning guide for {country['name']}"
        for href in guides[country["name"]]:
            assert href in references, f"{href} is not in the References"


def test_a_number_changed_in_the_data_changes_the_plan(tmp_path):
    site = build_copy(tmp_path, lambda project: replace_once(
        project / "data/crisis-lines.yml", 'call: "13 11 14"', 'call: "13 00 00"'))
    item = plan_tree(site).css_first("[data-plan-lines] > [data-country=au]")
    links = {a.attributes["href"] for a in item.css("a")}
    assert "tel:130000" in links and "tel:131114" not in links


# In the browser -----------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_what_is_typed_is_never_sent_or_stored_and_prints_without_the_sites_chrome(browser, served_site, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    requests = []
    context.on("request", lambda r: requests.append(r))
    page = context.new_page()
    page.goto(served_site + PLAN)
    page.wait_for_load_state("networkidle")
    markers = fill_every_field(page)
    page.get_by_label("Which professionals and lines").press("Tab")
    page.emulate_media(media="print")
    page.wait_for_timeout(300)
    for marker in markers.values():
        assert any(marker in r.url or marker in (r.post_data or "") or marker in str(r.headers) for r in requests) is False
    assert page.url == served_site + PLAN
    assert context.cookies() == []
    stored = page.evaluate("""async () => ({
        local: localStorage.length, session: sessionStorage.length,
        databases: (await indexedDB.databases()).length,
        workers: (await navigator.serviceWorker.getRegistrations()).length,
        caches: (await caches.keys()).length })""")
    assert stored == {"local": 0, "session": 0, "databases": 0, "workers": 0, "caches": 0}
    # The printout: every marker, the date, the disclaimer; no header, menu or footer.
    for field_id, marker in markers.items():
        field = page.locator(f"#{field_id}")
        expect(field).to_be_visible()
        expect(field).to_have_value(marker)
    expect(page.locator("[data-plan-date]")).to_have_text(re.compile(r"^Plan made on .*\d{4}\.$"))
    expect(page.get_by_role("region", name="Disclaimer")).to_be_visible()
    for chrome in CHROME:
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.locator("article h1")).to_be_hidden()
    expect(page.get_by_role("heading", name="References")).to_be_hidden()
    context.close()


def test_after_quick_exit_from_the_help_page_back_shows_an_empty_plan(browser, served_site):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    asked = fake_neutral_site(context)
    page = context.new_page()
    page.goto(served_site + PLAN)
    before = field_values(page)
    markers = fill_every_field(page)
    assert field_values(page) == markers
    # On to the help page in the same tab, Quick exit there, then Back.
    page.locator("header").get_by_role("link", name="Get help now").click()
    expect(page).to_have_url(served_site + PAGES["help"])
    page.get_by_role("link", name="Quick exit").click()
    page.wait_for_url(neutral_url())
    assert asked
    page.go_back()
    expect(page).to_have_url(served_site + PLAN)
    page.wait_for_load_state("load")
    after = field_values(page)
    assert not [v for v in after.values() if "MARKER" in v], after
    assert after == before  # empty, and the lines field holds the reader's country's lines again
    context.close()


def test_coming_back_from_the_back_forward_cache_shows_an_empty_plan(browser, served_site):
    context, page = open_plan(browser, served_site)
    markers = fill_every_field(page)
    # What a page restored from the back/forward cache goes through: hidden, then shown.
    page.evaluate("""() => {
        window.dispatchEvent(new PageTransitionEvent("pagehide", {persisted: true}));
        window.dispatchEvent(new PageTransitionEvent("pageshow", {persisted: true}));
    }""")
    assert not [v for v in field_values(page).values() if v in markers.values()]
    context.close()


def test_the_lines_field_holds_the_readers_countrys_lines_and_follows_the_picker(browser, served_site):
    context, page = open_plan(browser, served_site, locale="en-AU")
    lines = page.get_by_label("Which professionals and lines")
    expect(lines).to_have_value(lines_start("au"))
    page.get_by_label("Your country:").select_option("ie")
    expect(lines).to_have_value(lines_start("ie"))
    lines.fill("My counsellor")
    page.get_by_label("Your country:").select_option("ca")
    expect(lines).to_have_value("My counsellor")  # what the reader wrote is theirs
    page.get_by_role("button", name="Clear the plan").click()
    expect(lines).to_have_value(lines_start("ca"))
    context.close()


def test_without_javascript_the_page_prints_a_blank_plan_with_every_countrys_lines(browser, served_site):
    context, page = open_plan(browser, served_site, java_script_enabled=False)
    page.emulate_media(media="print")
    for value in field_values(page).values():
        assert value == ""
    expect(page.locator(FIELDS).first).to_be_visible()
    expect(page.locator("[data-plan-date]")).to_contain_text("Date I made this plan")
    expect(page.locator("[data-plan-tools]")).to_be_hidden()
    items = page.locator("[data-plan-lines] > [data-country]")
    assert items.evaluate_all("ns => ns.map(n => n.dataset.country)") == [c["id"] for c in data()["countries"]]
    for item in items.all():
        expect(item).to_be_visible()
    for chrome in CHROME:
        expect(page.locator(chrome).first).to_be_hidden()
    context.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("js", [True, False], ids=["script", "no script"])
def test_the_printout_fits_on_one_or_two_pages(browser, served_site, paper, js):
    context, page = open_plan(browser, served_site, java_script_enabled=js)
    if js:
        fill_every_field(page)
    pdf = page.pdf(format=paper)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, pages
    context.close()


def test_tabbing_reaches_every_field_in_order(browser, served_site):
    context, page = open_plan(browser, served_site)
    ids = page.locator(FIELDS).evaluate_all("fs => fs.map(f => f.id)")
    page.get_by_role("button", name="Clear the plan").focus()
    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        if focused in ids and focused not in reached:
            reached.append(focused)
        if len(reached) == len(ids):
            break
    assert reached == ids
    context.close()


def test_no_policy_violation_while_typing_printing_or_leaving_with_quick_exit(browser, served_site):
    context, page, console = open_watched(browser)
    fake_neutral_site(context)
    page.goto(served_site + PLAN)
    fill_every_field(page)
    page.get_by_label("Your country:").select_option("uk")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="screen")
    seen = violations(page)
    # Quick exit by Shift pressed 3 times, from the plan itself
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(neutral_url())
    context.close()
    assert seen == []
    assert [m for m in console if "Content Security Policy" in m or "Refused" in m] == []


# Worried about someone? and the links to both pages ---------------------------------


def test_worried_about_someone_gives_the_readers_country_first(browser, served_site):
    context = browser.new_context(locale="en-IE", viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(served_site + PAGES["worried about someone"])
    found = page.locator("[data-plan-lines] > [data-country]").evaluate_all("ns => ns.map(n => n.dataset.country)")
    assert found[0] == "ie"
    assert sorted(found) == sorted(c["id"] for c in data()["countries"])
    expect(page.locator("[data-plan-lines] > [data-country]").first).to_contain_text(lines_of("ie"))
    context.close()


def links_in(site, page_dir, selector="article"):
    tree = HTMLParser((site / page_dir / "index.html").read_text(encoding="utf-8"))
    return {a.attributes.get("href") for a in tree.css(f"{selector} a[href]")}


def test_both_pages_are_linked_from_the_help_page_the_menu_and_the_posts(built_site):
    assert {"../safety-plan/", "../worried-about-someone/"} <= links_in(built_site, "help")
    assert {"safety-plan/", "worried-about-someone/"} <= links_in(built_site, ".", ".md-tabs")
    # The no-contact post, in the site's note that says to make a safety plan first
    assert "../../safety-plan/#safety-in-a-relationship" in links_in(built_site, "blog/the-healing-power-of-no-contact")
    # Every post that lists lines to talk to now points a worried friend on
    posts = [p.parent for p in (built_site / "blog").glob("*/index.html")
             if "site-help-talk" in p.read_text(encoding="utf-8")]
    assert posts
    for post in posts:
        assert "../../worried-about-someone/" in links_in(built_site, post.relative_to(built_site)), post
