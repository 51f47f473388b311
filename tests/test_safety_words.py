"""What the site promises a reader at risk is exactly what happens (issue 16, "Say only
what is true"). Each wording is read from the BUILT pages, so a reverted sentence fails;
where a browser can observe the promise (Quick exit and Back, what search requests), the
test observes it in Chromium first and then checks that the words say what it saw."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import crisis_lines
from scripts.build.search_index import terms
from site_pages import PAGES, fake_neutral_site, neutral_url
from test_crisis_search import KEY_DELAY, crisis_help, open_search_panel


def data() -> dict:
    return crisis_lines()


def article(site, path):
    return HTMLParser((site / path / "index.html").read_text(encoding="utf-8")).css_first("article")


def text_of(node) -> str:
    return " ".join(node.text(separator=" ").split())


def section(node, heading_id) -> str:
    """The text from <h2 id=heading_id> to the next <h2>."""
    heading = node.css_first(f"h2#{heading_id}")
    assert heading is not None, f"no section #{heading_id}"
    parts, sibling = [], heading.next
    while sibling is not None and sibling.tag != "h2":
        parts.append(sibling.text(separator=" "))
        sibling = sibling.next
    return " ".join(" ".join(parts).split())


# Quick exit: what Back shows after it, in Chromium, and what the words say ------------

EARLIER_PAGES_STAY = "Pages of this site you opened before it in the same tab are still one Back press away."
NO_JS_PLAIN_LINK = "Without JavaScript, the button is a plain link: the page you left also stays one Back press away."
UNTRUE = "The Back button will not bring you back here"


def quick_exit_words(page, served_site) -> dict[str, str]:
    """The Quick exit sections of About and Browse safely, as Chromium shows them."""
    found = {}
    for path, heading in (("about/", "quick-exit"), ("browse-safely/", "what-quick-exit-does-and-what-it-cannot-do")):
        page.goto(served_site + path)
        found[path] = page.evaluate("""id => {
            const parts = [];
            for (let n = document.getElementById(id).nextElementSibling; n && n.tagName !== 'H2'; n = n.nextElementSibling)
              parts.push(n.innerText);
            return parts.join(' ').replace(/\\s+/g, ' ');
        }""", heading)
    return found


def test_quick_exit_leaves_earlier_pages_one_back_press_away_and_the_words_say_so(browser, served_site):
    context = browser.new_context(viewport={"width": 390, "height": 740})
    asked = fake_neutral_site(context)
    page = context.new_page()
    page.goto(served_site)  # two pages of this site, one tab
    page.goto(served_site + PAGES["post"])
    page.get_by_role("link", name="Quick exit").click()
    expect(page).to_have_url(re.compile("^" + re.escape(neutral_url())))
    assert asked
    page.go_back()
    back_on_this_site = page.url.startswith(served_site)
    assert back_on_this_site, f"Back went to {page.url}"  # what the words below must admit
    assert page.url == served_site, "Back should show the page read before the one Quick exit replaced"
    for path, words in quick_exit_words(page, served_site).items():
        assert EARLIER_PAGES_STAY in words, path
        assert UNTRUE not in words, path
        assert "needs JavaScript and a keyboard" in words, path
    context.close()


def test_without_javascript_quick_exit_is_a_plain_link_the_shortcut_does_nothing_and_the_words_say_so(
        browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    fake_neutral_site(context)
    page = context.new_page()
    page.goto(served_site + PAGES["post"])
    for _ in range(3):
        page.keyboard.press("Shift")
    assert page.url == served_site + PAGES["post"], "the Shift shortcut worked without JavaScript"
    page.get_by_role("link", name="Quick exit").click()
    expect(page).to_have_url(re.compile("^" + re.escape(neutral_url())))
    page.go_back()
    assert page.url == served_site + PAGES["post"]  # the page left is one Back press away
    words = quick_exit_words(page, served_site)
    context.close()
    for path, text in words.items():
        assert NO_JS_PLAIN_LINK in text, path
        assert "needs JavaScript" in text, path


# Search: what the browser asks for while a crisis word is typed -----------------------

def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", text)


def test_search_requests_only_first_letters_from_the_site_itself_and_the_words_say_exactly_that(
        browser, served_site, built_site):
    typed = "I want to kill myself"
    context, page, dialog, field = open_search_panel(browser, served_site)
    page.wait_for_load_state("networkidle")
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    field.press_sequentially(typed, delay=KEY_DELAY)
    expect(crisis_help(dialog)).to_be_visible()
    # The search waits for a pause in typing before it fetches: wait until it has asked
    # for an index part (or 10 s pass), then until the network is quiet.
    for _ in range(100):
        if any("/search/data/terms/" in url for url in requests):
            break
        page.wait_for_timeout(100)
    page.wait_for_load_state("networkidle")
    context.close()
    site = urlsplit(served_site)
    shards = set()
    for url in requests:
        parts = urlsplit(url)
        assert (parts.scheme, parts.netloc) == (site.scheme, site.netloc), f"a request to another host: {url}"
        for word in typed.lower().split():
            if len(word) > 2:
                assert word not in url.lower(), f"the whole word {word!r} was sent: {url}"
        found = re.search(r"/search/data/terms/([a-z0-9]+)\.json", parts.path)
        if found:
            shards.add(found.group(1))
    first_letters = {term[:2] for term in terms(typed)}
    assert shards, "no index part was requested: then the words about first letters are untrue"
    assert shards <= first_letters, f"index parts {shards} are not named by the typed words' first letters"
    for path in ("browse-safely", "about"):
        text = text_of(article(built_site, path))
        assert "first two letters of a word you type" in text, path
        assert "can see those first letters, but not the whole word" in text, path
        for sentence in sentences(text):
            if re.search(r"\bsearch|\btype", sentence, re.IGNORECASE):
                assert not re.search(r"\b(not|never|nothing)\b[^.]*\bsent\b", sentence), f"{path}: {sentence}"


# UK emergency calls: press 55 -----------------------------------------------------------

def test_every_mention_of_pressing_55_says_mobile_only_no_location_and_stay_on_a_landline(built_site):
    mentions = 0
    for html in built_site.rglob("*.html"):
        tree = HTMLParser(html.read_text(encoding="utf-8"))
        for node in tree.css("li, p"):
            text = text_of(node)
            inner = [n for n in node.traverse() if n.tag in ("li", "p") and n.mem_id != node.mem_id]
            if node.parent is not None and "site-emergency-sources" in (node.parent.attributes.get("class") or ""):
                continue  # the record of where the numbers were checked, not advice to a caller
            if re.search(r"\bpress(ing)? 55\b", text, re.IGNORECASE) and not inner:
                mentions += 1
                assert "works only from a mobile" in text, f"{html}: {text}"
                assert "does not tell the police where you are" in text, f"{html}: {text}"
                assert "cough or tap the phone when you are asked" in text, f"{html}: {text}"
                assert "On a landline, stay on the line" in text, f"{html}: {text}"
    assert mentions, "no page mentions pressing 55 any more: check this test"


# Calls and texts leave traces ------------------------------------------------------------

TRACES = ["A call stays in your phone's list of recent calls.", "A text stays in your messages app.",
          "Someone who checks your phone can see them.", "The steps may differ on your phone."]


def test_the_help_page_says_calls_and_texts_leave_traces_next_to_the_numbers(built_site):
    body = article(built_site, "help")
    crisis = section(body, "crisis-lines")
    intro = crisis.split(data()["countries"][0]["name"])[0]  # before the first country's lines
    for words in TRACES:
        assert words in intro, words
    assert "browse-safely/#calls-and-texts" in " ".join(a.attributes.get("href") or "" for a in body.css("a"))


# Lines that say calls or texts to them do not appear on a bill, and the source each
# statement rests on (the reference's address, which the page must list).
NOT_ON_THE_BILL = {
    "Samaritans": "samaritans.org/news/samaritans-in-northern-ireland-answer-one-million-calls",
    "Childline": "paperzz.com/doc/8851563",
    "Crisis Text Line": "vox.com/2015/7/7/11564144",
}


def test_browse_safely_says_what_calls_and_texts_leave_and_which_lines_are_not_on_the_bill(built_site):
    body = article(built_site, "browse-safely")
    calls = section(body, "calls-and-texts")
    for words in TRACES:
        assert words in calls, words
    references = [a.attributes.get("href") or "" for a in body.css("h2#references + ol a")]
    for line, source in NOT_ON_THE_BILL.items():
        said = [s for s in sentences(calls) if line in s and "bill" in s]
        assert said, f"{line}: no sentence about the bill"
        assert any(source in href for href in references), f"{line}: its source {source} is not in the references"


# Free ---------------------------------------------------------------------------------

# Lines whose own page (or, for 0800/0808 numbers, the UK rule that they are free from
# every landline and mobile since July 2015) says they are free from every phone.
FREE_FROM_EVERY_PHONE = {
    "samaritans",  # samaritans.org: free from landlines and mobiles, including pay-as-you-go
    "uk-childline",  # 0800; Childline's booklet: free to call
    "uk-domestic-abuse-helpline",  # 0808; Refuge calls it a freephone helpline
    "uk-lifeline-ni",  # 0808; lifelinehelpline.info: calls to Lifeline are free
    "uk-nhs-111-wales",  # NHS 111 Wales, quoted by ITV: free from a landline or a mobile, even with no credit
    "nz-1737",  # the Minister of Health: free from any landline or mobile
    "nz-womens-refuge",  # govt.nz: free from any phone
    "nz-shine",  # govt.nz: free from any phone
    "au-kids-helpline",  # kidshelpline.com.au: free from mobile phones, landlines and public telephones
}


def test_free_is_shown_only_where_free_from_every_phone_and_otherwise_in_the_services_words(built_site):
    body = article(built_site, "help")
    lines = data()["lines"]
    assert {line["id"] for line in lines if line.get("free") is True} <= FREE_FROM_EVERY_PHONE
    for line in lines:
        for item in body.css(f'li[data-line="{line["id"]}"]'):
            cost = item.css_first(".site-line__cost")
            free = line.get("free")
            if free is True:
                assert cost is not None and text_of(cost) == "Free from any phone.", line["id"]
            elif free:
                assert cost is not None and text_of(cost) == free, line["id"]
            else:
                assert cost is None, line["id"]
            other = " ".join(text_of(p) for p in item.css("p") if not (p.attributes.get("class") or "").startswith("site-line__"))
            if cost is not None:
                other = other.replace(text_of(cost), "")
            assert not re.search(r"\bfree\b", other, re.IGNORECASE), f"{line['id']}: {other}"


def test_the_home_box_and_the_help_pages_description_do_not_call_every_line_free(built_site):
    box = text_of(article(built_site, ".").css_first(".site-help-box"))
    assert not re.search(r"\bfree\b", box, re.IGNORECASE), box
    tree = HTMLParser((built_site / "help/index.html").read_text(encoding="utf-8"))
    description = tree.css_first('meta[name="description"]').attributes["content"]
    assert not re.search(r"\bfree (crisis )?lines\b", description, re.IGNORECASE), description


# Which line does what -----------------------------------------------------------------

def test_the_help_intro_helps_a_reader_pick_a_line_instead_of_calling_them_all_listening_services(built_site):
    crisis = section(article(built_site, "help"), "crisis-lines")
    intro = crisis.split("United States")[0]
    assert "These services are there to listen" not in crisis
    assert "Each line says who it is for" in intro
    assert "Some, like Samaritans, are there mainly to listen." in intro
    assert "PAPYRUS" in intro and "NHS 111's mental health option is for urgent help" in intro


def test_papyrus_shows_its_own_older_page_and_its_2025_word_with_dates(built_site):
    item = article(built_site, "help").css_first('li[data-line="uk-papyrus"]')
    text = text_of(item)
    assert "9am to midnight" in text and "24 hours a day, 7 days a week" in text
    assert "February 2025" in text and "older FAQ page" in text


# Browse safely: more traces --------------------------------------------------------------

def test_browse_safely_names_the_other_traces_and_what_clearing_cookies_really_does(built_site):
    body = article(built_site, "browse-safely")
    text = text_of(body)
    links = [a.attributes.get("href") or "" for a in body.css("a")]
    for words in ("A Google or Microsoft account can also keep your searches", "Screen Time", "Family Link",
                  "Keyboard suggestions and autofill", "Location sharing",
                  "Deleting all your cookies signs you out of websites",
                  "It does not delete the passwords your browser has saved", "may differ"):
        assert words in text, words
    assert "can also delete saved passwords" not in text
    for address in ("https://myactivity.google.com", "https://account.microsoft.com/privacy",
                    "https://support.google.com/accounts/answer/465"):
        assert address in links, address


# Posts: the site's notes say exactly what the studies found --------------------------------

def test_campbell_2003_is_an_association_and_helplines_help_people_leave_more_safely(built_site):
    text = text_of(article(built_site, "blog/the-healing-power-of-no-contact"))
    assert "raised their risk" not in text
    assert "was linked to a higher risk" in text
    assert "helpline can help you plan to leave more safely" in text
    assert "https://doi.org/10.1521/jscp.2012.31.5.488" in text  # Mason 2012's DOI, in the references


def test_self_care_says_reach_out_now_before_the_two_week_guidance_and_cites_nimh_by_address(built_site):
    body = article(built_site, "blog/self-care-strategies")
    text = text_of(body)
    now = text.find("If you are thinking about death or hurting yourself, reach out now")
    weeks = text.find("two weeks or more")
    assert 0 <= now < weeks, (now, weeks)
    assert "The two weeks are for other symptoms" in text
    links = [a.attributes.get("href") or "" for a in body.css("h2#references + ol a")]
    assert "https://www.nimh.nih.gov/health/publications/my-mental-health-do-i-need-help" in links
    assert "NIH Publication No. 20-MH-8134" in text


# Checked records -------------------------------------------------------------------------

def test_checked_records_show_the_pages_own_date_and_own_faq_where_one_exists(built_site):
    body = article(built_site, "help")
    shout = text_of(body.css_first('li[data-line="uk-shout"] .site-line__checked'))
    assert "Page updated 4 November 2024" in shout
    ctl = body.css_first('li[data-line="us-crisis-text-line"] .site-line__checked')
    assert ctl.css_first("a").attributes["href"] == "https://www.crisistextline.org/faq"
    assert "Not found on Crisis Text Line's own site" not in text_of(ctl)


# What a check covers ------------------------------------------------------------------

def test_the_help_page_says_what_each_lines_check_covers(built_site):
    """Each line shows the day and the page it was checked against; the page says that
    every detail shown was checked there unless the line's note names another source."""
    about = " ".join(section(article(built_site, "help"), "about-these-numbers").split())
    assert ("Everything we show for the line (number, hours, who it is for, cost) was checked on that page, "
            "unless \"What the check found\" names another source for it.") in about
