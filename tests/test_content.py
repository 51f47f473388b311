"""What a reader finds in the built pages: the three posts, help lines, glossary, safe wording."""

import re

import pytest
from conftest import REPO, crisis_lines
from selectolax.lexbor import LexborHTMLParser as HTMLParser

POSTS = {
    "the-healing-power-of-no-contact": "The Healing Power of No Contact: Understanding the Psychological Concept",
    "navigating-the-modern-maze": "Navigating the Modern Maze: Unique Challenges Faced by Today's Teens",
    "self-care-strategies": "Self-Care Strategies",
}
AUTHOR_HEADINGS = [
    "Defining No Contact",
    "Breaking the Emotional Bond",
    "Reclaiming Independence",
    "Emotional Healing and Clarity",
    "Setting Boundaries and Prioritizing Mental Health",
    "Overcoming the Fear of Loss",
]
# Every line in the content brief's "Help now" table, as the link a phone opens.
HELP_LINKS = {
    "tel:911", "tel:999", "tel:112", "tel:000",  # emergency services
    "tel:988", "sms:988", "https://988lifeline.org/chat",  # 988 Lifeline (US), 9-8-8 (Canada)
    "sms:741741?body=HOME",  # Crisis Text Line
    "tel:18663319474", "sms:22522?body=LOVEIS",  # loveisrespect
    "tel:18007997233", "sms:88788?body=START",  # National Domestic Violence Hotline
    "tel:18664887386",  # The Trevor Project
    "tel:116123",  # Samaritans
    "sms:85258?body=SHOUT",  # Shout
    "tel:08001111",  # Childline
    "tel:08082000247",  # National Domestic Abuse Helpline
    "tel:18006686868", "sms:686868?body=CONNECT",  # Kids Help Phone
    "tel:131114",  # Lifeline Australia
    "tel:1800551800",  # Kids Helpline
    "https://findahelpline.com",  # everywhere else
    "tel:18004224453", "sms:18004224453",  # Childhelp National Child Abuse Hotline
    "sms:678678?body=START",  # The Trevor Project, text
    "tel:1800247247", "sms:51444?body=HELP",  # Pieta
    "tel:08088010327",  # Men's Advice Line
    "tel:08088088000",  # Lifeline (Northern Ireland)
    "tel:111",  # NHS 111 press 2 (Wales), NHS 24 (Scotland); New Zealand's emergency number
    "tel:139276",  # 13YARN
    "tel:1737", "sms:1737",  # 1737 Need to talk? (New Zealand)
}
# Every country's emergency numbers, as the links that dial them (from the data)
EMERGENCY_LINKS = {"tel:" + re.sub(r"\D", "", e["number"]) for c in crisis_lines()["countries"] for e in c["emergency"]}
GLOSSARY_IDS = ["no-contact", "low-contact", "boundaries", "grey-rock", "estrangement", "rumination", "self-care", "psychoeducation"]


def article(built_site, path):
    return HTMLParser((built_site / path / "index.html").read_text(encoding="utf-8")).css_first("article")


def heading(node):
    """A heading's text without its permalink."""
    return node.text(strip=True).removesuffix("¶").strip()


def words(text):
    return " ".join(text.split())


@pytest.mark.parametrize("slug", POSTS)
def test_post_has_its_exact_title_and_links_to_the_other_two(built_site, slug):
    body = article(built_site, f"blog/{slug}")
    assert heading(body.css_first("h1")) == POSTS[slug]
    links = {a.attributes.get("href") for a in body.css("a")}
    for other in POSTS:
        if other != slug:
            assert f"../{other}/" in links, f"{slug} does not link to {other}"


@pytest.mark.parametrize("slug", POSTS)
def test_post_has_a_references_section_with_sources(built_site, slug):
    body = article(built_site, f"blog/{slug}")
    heading = body.css_first("h2#references")
    assert heading is not None
    sources = heading.next
    while sources is not None and sources.tag not in ("ol", "ul"):
        sources = sources.next
    assert sources is not None and len(sources.css("li")) >= 3


@pytest.mark.parametrize("slug", POSTS)
def test_post_links_a_glossary_term(built_site, slug):
    hrefs = [a.attributes.get("href", "") for a in article(built_site, f"blog/{slug}").css("a")]
    assert any(re.search(r"glossary/#[a-z-]+$", h) for h in hrefs)


def test_authors_post_keeps_her_six_headings_and_wording_in_order(built_site):
    seed = REPO / "tests/fixtures/authors-original-no-contact.txt"  # the author's text as she sent it
    body = article(built_site, "blog/the-healing-power-of-no-contact")
    headings = [heading(h) for h in body.css("h2")]
    assert headings[:6] == AUTHOR_HEADINGS
    text = words(body.text(separator=" "))
    paragraphs = [p.text(separator=" ") for p in body.css("p")]
    author_text = words(" ".join(paragraphs))
    lines = [words(l.replace("\u00a0", " ")) for l in seed.read_text(encoding="utf-8").splitlines()]
    prose = [l for l in lines if len(l) > 80]
    assert len(prose) == 9
    last = -1
    for paragraph in prose:
        position = author_text.find(paragraph.removeprefix("Disclaimer: "))
        assert position > last, f"missing or out of order: {paragraph[:60]}"
        last = position
    assert "not a substitute for treatment from a licensed mental health professional" in text


def test_sites_notes_come_after_the_authors_text_and_are_set_apart(built_site):
    body = article(built_site, "blog/the-healing-power-of-no-contact")
    html = body.html
    # The "In short" summary before the author's text is the site's too (tests/test_post_summary.py)
    first_note = re.search(r'class="admonition(?=[ "])(?![^"]*site-summary)', html)
    assert html.index("Overcoming the Fear of Loss") < first_note.start()
    notes = " ".join(a.text() for a in body.css(".admonition:not(.site-summary)"))
    assert "safety plan" in notes and "children" in notes
    read_next = [a.text(strip=True) for a in body.css(".admonition a")]
    assert POSTS["navigating-the-modern-maze"] in read_next and POSTS["self-care-strategies"] in read_next


def test_help_page_lists_every_crisis_line_as_a_working_link(built_site):
    body = article(built_site, "help")
    hrefs = [a.attributes.get("href", "").rstrip("/") for a in body.css("a")]
    missing = HELP_LINKS - set(hrefs)
    assert not missing
    for a in body.css('a[href^="tel:"]'):
        digits = re.sub(r"\D", "", a.text())
        assert digits == a.attributes["href"][4:], f"{a.text()} dials {a.attributes['href']}"
    for a in body.css('a[href^="sms:"]'):
        keyword = re.search(r"body=(\w+)", a.attributes["href"])
        assert not keyword or keyword.group(1) in a.text(), "the keyword to text must be visible too"


def test_help_page_puts_emergency_numbers_first(built_site):
    body = article(built_site, "help")
    # The first numbers on the page are emergency numbers (each country's item then names
    # its line to talk to, after its emergency numbers).
    first = body.css_first('a[href^="tel:"]').attributes["href"]
    assert first in EMERGENCY_LINKS
    for item in body.css("ul.site-emergency > li"):
        numbers = [a.attributes["href"] for a in item.css('a[href^="tel:"]')]
        emergency = [a.attributes["href"] for a in item.css('a[href^="tel:"]')
                     if a.parent is None or "site-emergency__talk" not in (a.parent.attributes.get("class") or "")]
        assert numbers[:len(emergency)] == emergency and set(emergency) <= EMERGENCY_LINKS


def test_every_glossary_term_is_defined_with_a_source(built_site):
    body = article(built_site, "glossary")
    for term in GLOSSARY_IDS:
        title = body.css_first(f"h2#{term}")
        assert title is not None, term
        section = []
        node = title.next
        while node is not None and node.tag != "h2":
            if node.tag != "-text":
                section.append(node.text(separator=" "))
            node = node.next
        text = words(" ".join(section))
        assert len(text.split()) >= 12, f"{term} has no real definition"
        assert "Source" in text, f"{term} has no source"


def test_about_page_has_disclaimer_privacy_and_accessibility(built_site):
    body = article(built_site, "about")
    for section in ("disclaimer", "privacy", "accessibility"):
        assert body.css_first(f"h2#{section}") is not None, section
    text = words(body.text())
    assert "not a replacement for help from a licensed professional" in text and "cookies" in text


def test_no_page_describes_itself_with_unsafe_wording(built_site):
    for page in built_site.rglob("*.html"):
        main = HTMLParser(page.read_text(encoding="utf-8")).css_first("article")
        if main is None:
            continue
        text = words(main.text()).lower()
        prose = text.split("references", 1)[0]
        for phrase in ("committed suicide", "skyrocket"):
            assert phrase not in prose, f"{page}: {phrase}"
