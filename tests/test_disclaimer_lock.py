"""The disclaimer banner cannot be folded away: its promise, held by behaviour.

On every page type, light and dark, phone and desktop, the banner's every part is
clicked, tapped, and given Enter and Space, and Escape is pressed; after each, the
disclaimer's full sentence must still be there, visible, on top and the same size
(its box in the document, to the pixel). The banner holds no details, summary,
[aria-expanded], hidden or other toggle, its only focusable element is the link to
the full disclaimer, and it prints. `banner_problems` is the check; the last tests
plant faults (the banner wrapped in <details open><summary>, a hidden toggle, a
script that hides it on a click, a style that hides it in print or shrinks it on
focus, a focusable paragraph) in a copy of the built site and show it catches each.

The "banner" is the Disclaimer region and any wrapper around it up to <body>, so
wrapping it in something that folds counts as part of it.
"""

from __future__ import annotations

import re
import shutil
from urllib.parse import urlsplit

import pytest
from conftest import REPO, site_url
from playwright.sync_api import expect
from scripts.dev.serve_site import serving

from site_pages import MATERIAL_SCHEME, PAGES, SCHEMES, WIDTHS


def disclaimer_text() -> str:
    """What the banner says, from the partial every page shows (the link as its words)."""
    text = (REPO / "overrides/partials/disclaimer.html").read_text(encoding="utf-8")
    text = re.sub(r"\{#.*?#\}", "", text, flags=re.S)
    text = re.sub(r"<a\b[^>]*>(.*?)</a>", r"\1", text, flags=re.S)
    return " ".join(text.split())


# A link's click would leave the page: the default is cancelled (only for links, so a
# <summary> or a button still does what it does), and everything else still runs.
STAY = """addEventListener("click", event => {
    if (event.target instanceof Element && event.target.closest("a[href]")) event.preventDefault();
}, true);"""

# Marks the banner's parts (data-banner-part = index) and returns what the static rules see.
MARK = """() => {
    const region = document.querySelector("section[aria-label=Disclaimer]");
    if (!region) return null;
    let root = region;
    while (root.parentElement && root.parentElement !== document.body) root = root.parentElement;
    const rendered = el => el.getClientRects().length > 0;
    const parts = [root, ...root.querySelectorAll("*")];
    parts.forEach((el, i) => el.setAttribute("data-banner-part", i));
    const focusable = parts.filter(el => rendered(el) && (el.tabIndex >= 0 || el.hasAttribute("tabindex")
        || el.isContentEditable || el.matches("summary, iframe, [contenteditable]")));
    const toggles = parts.concat(ancestors(region)).filter(el =>
        el.matches("details, summary, dialog, [aria-expanded], [hidden], [popover], [popovertarget], button, input, label, select, [role=button]"));
    function ancestors(el) { const up = []; while ((el = el.parentElement) && el !== document.body) up.push(el); return up; }
    return {
        focusable: focusable.map(el => el.outerHTML.slice(0, 80) + (el.matches("a[href]") ? " -> " + el.href : "")),
        toggles: toggles.map(el => el.outerHTML.slice(0, 80)),
    };
}"""

# The sentence as the reader sees it: its words, box in the document, whether it is drawn
# and on top; and where to click each part of the banner (null: not drawn). Options: first
# wait until any scrolling has stopped (Space scrolls the page, smoothly, a frame or two
# later), and afterwards focus a part (for the next key press).
STATE = """async ({settle, focus}) => {
    const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve()));
    for (let last = scrollY, still = 0, i = 0; settle && i < 120 && still < 4; i++) {
        await frame();
        still = scrollY === last ? still + 1 : 0;
        last = scrollY;
    }
    scrollTo({top: 0, left: 0, behavior: "instant"});
    const centres = [...document.querySelectorAll("[data-banner-part]")].map(el => {
        const box = el.getClientRects()[0];
        return box ? [box.x + Math.min(box.width / 2, 20), box.y + Math.min(box.height / 2, 6)] : null;
    });
    if (focus != null) document.querySelector(`[data-banner-part="${focus}"]`)?.focus();
    const text = document.querySelector("section[aria-label=Disclaimer] .site-disclaimer__text");
    if (!text) return {sentence: null, centres};
    const box = text.getBoundingClientRect();
    const middle = document.elementFromPoint(box.x + box.width / 2, box.y + Math.min(box.height / 2, 8));
    return {sentence: {
        words: text.innerText.split(/\\s+/).filter(Boolean).join(" "),
        box: [box.x + scrollX, box.y + scrollY, box.width, box.height].map(v => Math.round(v)),
        visible: text.checkVisibility({opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true}),
        on_top: !!middle && text.contains(middle),
    }, centres};
}"""

# The parts worth acting on: one per distinct (element a click lands on, focusable or not).
DISTINCT_PARTS = """() => {
    const seen = new Set(), parts = [];
    for (const el of document.querySelectorAll("[data-banner-part]")) {
        const box = el.getClientRects()[0];
        if (!box) continue;
        const hit = document.elementFromPoint(box.x + Math.min(box.width / 2, 20), box.y + Math.min(box.height / 2, 6));
        const key = (hit?.getAttribute("data-banner-part") ?? "outside") + (el.tabIndex >= 0 ? "+" + el.dataset.bannerPart : "");
        if (!seen.has(key)) { seen.add(key); parts.push(Number(el.dataset.bannerPart)); }
    }
    return parts;
}"""


COMBINATIONS = [(width, scheme) for width in WIDTHS.values() for scheme in SCHEMES]


def banner_problems(page, url: str, combinations=COMBINATIONS) -> list[str]:
    """Open `url` and, at each (width, scheme), do everything a reader can do to the banner;
    say what went wrong. One load per page: the width and the scheme change in place (the
    palette script follows the system scheme as it changes, as on a phone at dusk)."""
    page.goto(url)
    seen = page.evaluate(MARK)
    if seen is None:
        return [f"{url}: no Disclaimer region"]
    problems = []
    if seen["toggles"]:
        problems.append(f"{url}: the banner holds or sits in something that folds or toggles: {seen['toggles']}")
    link = [f for f in seen["focusable"] if f.endswith("about/#disclaimer")]
    if len(seen["focusable"]) != 1 or len(link) != 1:
        problems.append(f"{url}: the banner's focusable elements are {seen['focusable']}, "
                        "not only the link to the full disclaimer")
    for width, scheme in combinations:
        page.set_viewport_size({"width": width, "height": 800})
        page.emulate_media(media="screen", color_scheme=scheme)
        label = f"{url} ({width} px, {scheme})"
        try:  # the palette script follows the change a moment later
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", MATERIAL_SCHEME[scheme], timeout=2000)
        except AssertionError:
            problems.append(f"{label}: the page is not in the {scheme} scheme: this test checks nothing")
        problems += interaction_problems(page, label)
    return problems


def interaction_problems(page, label: str) -> list[str]:
    problems = []
    state = page.evaluate(STATE, {"settle": False, "focus": None})
    before = state["sentence"]
    if before is None or before["words"] != disclaimer_text() or not before["visible"] or not before["on_top"]:
        return [f"{label}: the disclaimer is not shown in full to start with: {before}"]

    def check(action: str, settle: bool = False, focus: int | None = None) -> list:
        now = page.evaluate(STATE, {"settle": settle, "focus": focus})
        if now["sentence"] != before:
            problems.append(f"{label}: after {action}, the disclaimer went from {before} to {now['sentence']}")
        return now["centres"]

    centres = state["centres"]
    for i in page.evaluate(DISTINCT_PARTS):
        part = f"part {i} of the banner"
        if centres[i] is None:
            continue
        page.mouse.click(*centres[i])
        centres = check(f"clicking {part}")
        if centres[i] is not None:
            page.touchscreen.tap(*centres[i])
        check(f"tapping {part}", focus=i)
        page.keyboard.press("Enter")
        check(f"Enter on {part}", focus=i)
        page.keyboard.press(" ")
        centres = check(f"Space on {part}", settle=True)
    page.keyboard.press("Escape")
    check("Escape")
    page.emulate_media(media="print")
    printed = page.evaluate(STATE, {"settle": False, "focus": None})["sentence"]
    page.emulate_media(media="screen")
    if not printed or printed["words"] != disclaimer_text() or not printed["visible"] or not printed["on_top"]:
        problems.append(f"{label}: printed, the disclaimer is not shown in full: {printed}")
    return problems


def open_banner_page(browser):
    context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": 800}, has_touch=True)
    context.add_init_script(STAY)
    return context, context.new_page()


def test_the_disclaimer_cannot_be_folded_away_on_any_page(browser, served_site):
    context, page = open_banner_page(browser)
    problems = []
    for path in PAGES.values():
        problems += banner_problems(page, served_site + path)
    context.close()
    assert problems == []


# Tests of the test: each fault planted in a copy of the built site must be caught ----------

REGION = re.compile(r'<section class="site-disclaimer".*?</section>', re.S)


def plant_in_post(site, change):
    page = site / PAGES["post"] / "index.html"
    html = page.read_text(encoding="utf-8")
    changed = change(html)
    assert changed != html, "the fault was not planted: the test needs updating"
    page.write_text(changed, encoding="utf-8")


def append_to(site, name: str, text: str):
    file = site / "assets" / name
    assert file.is_file(), f"{file} is gone: the test needs updating"
    file.write_text(file.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")


FAULTS = {
    "wrapped in details and summary": (
        lambda site: plant_in_post(site, lambda html: REGION.sub(
            lambda m: f"<details open><summary>Disclaimer</summary>{m.group(0)}</details>", html)),
        ["folds or toggles", "after clicking part"]),
    "a hidden close toggle": (
        lambda site: plant_in_post(site, lambda html: html.replace(
            '<section class="site-disclaimer" aria-label="Disclaimer">',
            '<section class="site-disclaimer" aria-label="Disclaimer"><button type="button" aria-expanded="true" '
            'hidden>Hide</button>', 1)),
        ["folds or toggles"]),
    "a script that hides it on a click": (
        lambda site: append_to(site, "javascripts/quick-exit.js",
                               'document.querySelector(".site-disclaimer").addEventListener("click", () => '
                               'document.querySelector(".site-disclaimer__text").style.display = "none");'),
        ["after clicking part 0"]),
    "a style that shrinks it on focus": (
        lambda site: append_to(site, "stylesheets/site.css",
                               ".site-disclaimer:focus-within .site-disclaimer__text{font-size:.4rem}"),
        ["after clicking part 2"]),
    "a style that hides it in print": (
        lambda site: append_to(site, "stylesheets/site.css", "@media print{.site-disclaimer{display:none}}"),
        ["printed, the disclaimer is not shown in full"]),
    "a focusable sentence": (
        lambda site: plant_in_post(site, lambda html: html.replace(
            '<p class="site-disclaimer__text md-grid">', '<p class="site-disclaimer__text md-grid" tabindex="0">', 1)),
        ["focusable elements are"]),
}


@pytest.fixture(scope="module")
def copies(built_site, tmp_path_factory):
    """A copy of the built site per fault, served."""
    root = tmp_path_factory.mktemp("banner-faults")
    for name, (plant, _) in FAULTS.items():
        site = root / re.sub(r"\W+", "-", name)
        shutil.copytree(built_site, site)
        plant(site)
    return root


ONE = [(WIDTHS["phone"], "light")]


def test_the_real_post_passes_the_same_check(browser, served_site):
    context, page = open_banner_page(browser)
    assert banner_problems(page, served_site + PAGES["post"], ONE) == []
    context.close()


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: re.sub(r"\W+", "-", f))
def test_a_planted_fault_is_caught(browser, copies, fault):
    _, expected = FAULTS[fault]
    with serving(copies / re.sub(r"\W+", "-", fault), urlsplit(site_url()).path) as url:
        context, page = open_banner_page(browser)
        problems = banner_problems(page, url + PAGES["post"], ONE)
        context.close()
    for words in expected:
        assert any(words in problem for problem in problems), (fault, words, problems)
