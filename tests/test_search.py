"""Search in a real browser: from the header, by keyboard, on the search page, and what it downloads.

The site is built as `make build` builds it (scripts/build/build_site.py) and served under its
sub-path like GitHub Pages. Words to search for are taken from the posts' sources, so
the tests follow the content.
"""

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import REPO, front_matter, site_url
from scripts.build.search_index import STOP_WORDS, terms

POSTS = sorted((REPO / "docs/blog/posts").glob("*.md"))
PAGES_ON_LOAD = ["", "blog/", "help/", "about/"]


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3 and w not in STOP_WORDS}


def markdown_body(path) -> str:
    """The text a reader sees: no front matter, link targets, URLs or comments."""
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    return re.sub(r"\]\([^)]*\)|https?://\S+|<!--.*?-->|\{[^}]*\}", " ", body, flags=re.S)


def title_word(path) -> str:
    """A word of this post's title that is in no other post's title."""
    others = set().union(*(words(front_matter(p)["title"]) for p in POSTS if p != path))
    return sorted(words(front_matter(path)["title"]) - others, key=len)[-1]


def body_word(path) -> str:
    """A word only this post's text uses: not in its title or description, nor in any other page."""
    meta = front_matter(path)
    elsewhere = words(meta["title"] + " " + meta["description"])
    for other in [*REPO.glob("docs/*.md"), *POSTS]:
        if other != path:
            elsewhere |= words(other.read_text(encoding="utf-8"))
    # A search word also finds longer words it starts, so no term elsewhere may start with it.
    taken = {t for w in elsewhere for t in terms(w)}
    unique = [w for w in words(markdown_body(path)) - elsewhere
              if terms(w) and not any(t.startswith(terms(w)[0]) for t in taken)]
    return max(unique, key=lambda w: (len(w), w))


def post_url(path) -> str:
    return f"blog/{front_matter(path)['slug']}/"


def open_page(browser, url, width=1280, js=True):
    context = browser.new_context(viewport={"width": width, "height": 800}, java_script_enabled=js)
    page = context.new_page()
    errors = []

    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    return context, page, errors


def search_button(page):
    # .first: while search is open, its own "Search" (submit) button follows in the header
    return page.locator("header").get_by_role("button", name="Search").first


def search_from_header(page, query):
    search_button(page).click()
    dialog = page.get_by_role("dialog", name="Search articles")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Search for").fill(query)
    return dialog


def result_links(dialog):
    return dialog.get_by_role("list", name="Results").get_by_role("link")


@pytest.mark.parametrize("post", POSTS, ids=[p.stem for p in POSTS])
def test_search_from_the_header_finds_a_post_by_a_word_of_its_title(browser, served_site, post):
    context, page, errors = open_page(browser, served_site + "help/")
    dialog = search_from_header(page, title_word(post))
    expect(result_links(dialog).first).to_be_visible()
    expect(dialog.get_by_role("link", name=front_matter(post)["title"])).to_have_attribute(
        "href", served_site + post_url(post))
    assert not errors
    context.close()


@pytest.mark.parametrize("post", POSTS, ids=[p.stem for p in POSTS])
def test_search_finds_a_post_by_a_word_only_its_text_uses_and_opens_it(browser, served_site, post):
    context, page, errors = open_page(browser, served_site)
    dialog = search_from_header(page, body_word(post))
    expect(dialog.get_by_role("status")).to_have_text("1 article found.")
    result_links(dialog).first.click()
    expect(page).to_have_url(served_site + post_url(post))
    assert not errors
    context.close()


def test_search_opens_and_closes_by_keyboard_and_focus_returns_to_the_button(browser, served_site):
    context, page, errors = open_page(browser, served_site + post_url(POSTS[0]))
    button = search_button(page)
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Search articles")
    expect(dialog).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(dialog.get_by_label("Search for")).to_be_focused()
    page.keyboard.type(title_word(POSTS[0]))
    expect(result_links(dialog).first).to_be_visible()
    page.keyboard.press("Tab")  # the Search button
    page.keyboard.press("Tab")
    expect(result_links(dialog).first).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Space")
    expect(dialog).to_be_visible()
    assert not errors
    context.close()


def test_a_search_with_no_match_says_so_kindly_and_offers_all_articles_and_help(browser, served_site):
    context, page, errors = open_page(browser, served_site + "help/", width=390)
    dialog = search_from_header(page, "qwxzvbnm")
    status = dialog.get_by_role("status")
    expect(status).to_have_text("Sorry, no articles match “qwxzvbnm”. Try another word.")
    assert status.get_attribute("aria-live") in (None, "polite")  # role=status is polite
    expect(dialog.get_by_role("list", name="Results")).to_be_hidden()
    expect(dialog.get_by_role("link", name="all articles")).to_be_visible()
    offer = dialog.locator("[data-site-search-browse]").get_by_role("link", name="Get help now")
    expect(offer).to_be_visible()
    assert offer.evaluate("a => a.href") == served_site + "help/"
    assert not errors
    context.close()


def test_open_search_with_results_passes_axe(browser, served_site):
    context, page, _ = open_page(browser, served_site + post_url(POSTS[0]), width=390)
    dialog = search_from_header(page, title_word(POSTS[0]))
    expect(result_links(dialog).first).to_be_visible()
    results = Axe().run(page, context="[data-site-search-dialog]")
    assert results.violations_count == 0, results.generate_report()
    context.close()


def test_quick_exit_stays_in_view_and_clickable_while_search_is_open(browser, served_site):
    context, page, _ = open_page(browser, served_site + "help/", width=390)
    search_from_header(page, title_word(POSTS[0]))
    quick_exit = page.locator("header").get_by_role("link", name="Quick exit")
    expect(quick_exit).to_be_in_viewport()
    box = quick_exit.bounding_box()
    on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('a')?.textContent.trim()",
                           [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    assert on_top == "Quick exit"
    context.close()


def test_the_search_index_is_not_requested_on_page_load(browser, served_site):
    context = browser.new_context()
    page = context.new_page()
    requested = []
    page.on("request", lambda r: requested.append(urlsplit(r.url).path))
    for path in [*PAGES_ON_LOAD, post_url(POSTS[0])]:
        page.goto(served_site + path)
        page.wait_for_load_state("networkidle")
    base = urlsplit(served_site).path
    assert base + "assets/search/search.js" in requested  # the button is wired...
    assert not [p for p in requested if p.startswith(base + "search/") or "search_index" in p  # ...but no index,
                or p.endswith(("search-ui.js", "search.css"))]  # nor the rest of search
    context.close()


def test_one_search_downloads_one_term_file_and_the_titles_it_shows(browser, served_site):
    context, page, _ = open_page(browser, served_site + "help/")
    page.wait_for_load_state("networkidle")
    requested = []
    page.on("request", lambda r: requested.append(urlsplit(r.url).path.split("/search/data/")[-1]))
    word = body_word(POSTS[0])
    dialog = search_from_header(page, word)
    expect(dialog.get_by_role("status")).to_have_text("1 article found.")
    page.wait_for_load_state("networkidle")
    data = sorted(p for p in requested if p.startswith(("meta", "terms/", "pages/")))
    assert data == ["meta.json", "pages/0.json", f"terms/{terms(word)[0][:2]}.json"]
    context.close()


def test_search_page_searches_its_address_query_keeps_the_query_in_the_address_and_passes_axe(browser, served_site):
    word = title_word(POSTS[0])
    context, page, errors = open_page(browser, f"{served_site}search/?q={word}")
    expect(page).to_have_title(re.compile("^Search"))
    main = page.locator("article")
    expect(main.get_by_role("link", name=front_matter(POSTS[0])["title"])).to_be_visible()
    main.get_by_label("Search for").fill(body_word(POSTS[1]))
    expect(main.get_by_role("status")).to_have_text("1 article found.")
    assert page.url == f"{served_site}search/?q={body_word(POSTS[1])}"
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert not errors
    context.close()


def test_without_javascript_the_header_links_to_the_search_page_which_says_search_needs_it(browser, served_site):
    context, page, _ = open_page(browser, served_site + "help/", js=False)
    page.locator("header").get_by_role("link", name="Search").click()
    expect(page).to_have_url(served_site + "search/")
    expect(page.locator("article")).to_contain_text("Search needs JavaScript")
    expect(page.locator("article").get_by_role("link", name="all articles")).to_have_attribute("href", "../blog/")
    expect(page.get_by_role("search")).to_have_count(0)  # no form that cannot work
    context.close()


def test_the_search_page_is_a_page_with_its_canonical_address(built_site):
    """Built from docs/search.md (not a static template), so either engine builds it, with
    a canonical link and og:url like every other page."""
    tree = HTMLParser((built_site / "search/index.html").read_text(encoding="utf-8"))
    address = site_url() + "search/"
    assert tree.css_first("link[rel=canonical]").attributes["href"] == address
    assert tree.css_first('meta[property="og:url"]').attributes["content"] == address
    assert tree.css_first("title").text().startswith("Search")


def test_python_and_javascript_split_text_into_the_same_terms(browser, served_site):
    samples = ["Don’t worry: friends' worries, sleeping & helped!", "Café naïve RÉSUMÉ 24/7 self-care",
               "The boundaries of no-contact; grey rock, texting 988", "a I is ss us bus glasses stories caring cared",
               "Straße øre"]
    context, page, _ = open_page(browser, served_site)
    in_js = page.evaluate("""async ([samples, stopWords]) => {
        const { terms } = await import(new URL("search-ui.js", document.querySelector('script[src$="search/search.js"]').src));
        return samples.map(s => terms(s, new Set(stopWords)));
    }""", [samples, sorted(STOP_WORDS)])
    assert in_js == [terms(s) for s in samples]
    context.close()
