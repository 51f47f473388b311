"""Every key reachable, every focus visible (WCAG 2.2 AA), tried as a keyboard user would:
Tab through each page type, in light and dark, on a phone (390 px, where the menu is a
drawer) and a desktop. Focus never lands on something off screen, hidden in the closed
menu or covered by the sticky header; every stop shows a ring of 2 px or more, 3:1
against what is around it, that no scrolling box cuts off. The menu opens and closes from
the keyboard. Nothing scrolls sideways at 320 px, and WCAG's text-spacing settings clip
no text.
"""

import time

import pytest
from playwright.sync_api import expect

from site_pages import MATERIAL_SCHEME, PAGES, SCHEMES, WIDTHS

MAX_STOPS = 250  # more Tab presses than any page has stops: the walk ends back at the start

# What a sighted keyboard user sees of the element that has focus.
FOCUS = """() => {
  let el = document.activeElement;
  if (!el || el === document.body) return null;
  const hidden = el.matches("input.md-option");
  if (hidden) el = el.nextElementSibling;  // the light/dark toggle: its input is hidden, its label shows the focus
  const box = el.getBoundingClientRect();
  const line = el.getClientRects()[0] || box;  // a link that wraps: its first line
  const style = getComputedStyle(el);
  const name = `<${el.tagName.toLowerCase()}${el.className && el.className.baseVal === undefined ? "." + el.className.trim().split(/\\s+/).join(".") : ""}> ${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 40)}`;

  // On screen, and on top: what is at the focused element's first line is the element itself
  const inView = box.width > 0 && box.height > 0 && box.left >= -1 && box.right <= innerWidth + 1
    && line.top >= -1 && line.bottom <= innerHeight + 1;
  const pointer = el.style.pointerEvents;
  el.style.pointerEvents = "auto";  // the current page's menu entry takes no clicks, but is still seen
  const onTop = [line.top + line.height / 2, line.top + 2, line.bottom - 2].every(y => {
    const x = Math.min(Math.max(line.left + line.width / 2, 0), innerWidth - 1);
    const hit = document.elementFromPoint(x, Math.min(Math.max(y, 0), innerHeight - 1));
    return hit && (hit === el || el.contains(hit));
  });
  el.style.pointerEvents = pointer;
  const inMenu = !!el.closest(".md-sidebar--primary");

  // The ring: its width, and its contrast with the colours around it
  const width = style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth);
  const offset = parseFloat(style.outlineOffset);
  const rgba = c => (c.match(/[\\d.]+/g) || [0, 0, 0, 0]).map(Number).concat([1]).slice(0, 4);
  const behind = node => {  // the colour behind a point of `node`, through every see-through layer
    const layers = [];
    for (let n = node; n; n = n.parentElement) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let [r, g, b] = [255, 255, 255];
    for (const [lr, lg, lb, la] of layers.reverse()) [r, g, b] = [lr * la + r * (1 - la), lg * la + g * (1 - la), lb * la + b * (1 - la)];
    return [r, g, b];
  };
  const luminance = ([r, g, b]) => [r, g, b].map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ringColour = rgba(style.outlineColor).slice(0, 3);
  const around = behind(offset >= 0 ? el.parentElement : el);
  const [light, dark] = [luminance(ringColour), luminance(around)].sort((a, b) => b - a);
  const contrast = (light + 0.05) / (dark + 0.05);

  // No scrolling box (nor the window) cuts the ring off
  const reach = Math.max(offset + width, 0);
  const ring = { left: box.left - reach, right: box.right + reach, top: box.top - reach, bottom: box.bottom + reach };
  let clipped = ring.left < -0.5 || ring.right > innerWidth + 0.5 || ring.top < -0.5 || ring.bottom > innerHeight + 0.5 ? "the window" : null;
  for (let n = el.parentElement; n && n !== document.body && !clipped; n = n.parentElement) {  // the window is checked above
    const s = getComputedStyle(n);
    if (s.overflowX === "visible" && s.overflowY === "visible") continue;
    const r = n.getBoundingClientRect();
    const [left, top] = [r.left + n.clientLeft, r.top + n.clientTop];
    if (ring.left < left - 0.5 || ring.right > left + n.clientWidth + 0.5 || ring.top < top - 0.5 || ring.bottom > top + n.clientHeight + 0.5)
      clipped = `<${n.tagName.toLowerCase()}.${[...n.classList].join(".")}>`;
  }
  return { name, inView, onTop, inMenu, width, contrast: Math.round(contrast * 100) / 100, clipped,
           key: el === document.activeElement || hidden ? el.outerHTML.slice(0, 200) + box.top + box.left : "" };
}"""


def walk(page, max_stops=MAX_STOPS):
    """Press Tab until focus comes back round; return what each stop looked like."""
    stops, seen = [], set()
    for _ in range(max_stops):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS)
        if stop is None:  # back at the page itself: the walk has gone round
            break
        if stop["key"] in seen:
            break
        seen.add(stop["key"])
        stops.append(stop)
    return stops


def until(page, condition, timeout=5):
    """Wait for a JavaScript condition (page.wait_for_function would eval it, which the policy refuses)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(condition):
        assert time.monotonic() < deadline, f"still not true after {timeout} s: {condition}"
        page.wait_for_timeout(50)


def open_page(browser, url, width, scheme="light"):
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    page.goto(url)
    assert page.locator("body").get_attribute("data-md-color-scheme") == MATERIAL_SCHEME[scheme]
    return context, page


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_tabbing_through_the_page_every_stop_is_in_view_on_top_and_shows_a_clear_ring(browser, served_site, path, width, scheme):
    context, page = open_page(browser, served_site + path, width, scheme)
    stops = walk(page)
    context.close()
    assert len(stops) >= 8, stops  # the header alone has more: the walk really walked
    problems = []
    for stop in stops:
        if stop["inMenu"] and width < 1220:
            problems.append(f"{stop['name']}: in the closed menu")
        if not stop["inView"]:
            problems.append(f"{stop['name']}: off screen")
        elif not stop["onTop"]:
            problems.append(f"{stop['name']}: covered (by the header?)")
        if stop["width"] < 2:
            problems.append(f"{stop['name']}: no focus ring")
        elif stop["contrast"] < 3:
            problems.append(f"{stop['name']}: focus ring contrast {stop['contrast']}:1")
        if stop["clipped"]:
            problems.append(f"{stop['name']}: focus ring cut off by {stop['clipped']}")
    assert problems == []


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_focus_brought_into_view_from_below_is_not_left_under_the_sticky_header(browser, served_site, width):
    # Chromium centres what Tab reaches; Firefox and Safari bring it just into view, at the
    # nearest edge: coming back up the page, that edge is under the sticky header.
    context, page = open_page(browser, served_site + PAGES["post"], width)
    links = page.locator("article p a[href]")
    link = links.nth(links.count() // 2)
    page.evaluate("window.scrollTo({top: document.documentElement.scrollHeight, behavior: 'instant'})")
    link.evaluate("a => { a.scrollIntoView({block: 'nearest', behavior: 'instant'}); a.focus({preventScroll: true}); }")
    stop = page.evaluate(FOCUS)
    context.close()
    assert stop["inView"] and stop["onTop"], stop


def menu_button(page):
    return page.locator("header").get_by_role("button", name="Menu")


def focused_name(page):
    return page.evaluate("document.activeElement.textContent.trim() || document.activeElement.getAttribute('aria-label')")


def test_the_phone_menu_opens_from_the_keyboard_takes_focus_only_while_open_and_closes(browser, served_site):
    context, page = open_page(browser, served_site + PAGES["help"], WIDTHS["phone"])
    drawer = page.locator(".md-sidebar--primary")
    button = menu_button(page)
    expect(button).to_have_attribute("aria-expanded", "false")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    until(page, "document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")  # slid in
    assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null"), "focus did not move into the menu"
    in_menu = []
    for _ in range(30):
        stop = page.evaluate(FOCUS)
        if not stop["inMenu"]:
            break
        in_menu.append(stop)
        page.keyboard.press("Tab")
    assert [s["name"] for s in in_menu if not (s["inView"] and s["onTop"])] == []
    assert any("Browse safely" in s["name"] for s in in_menu)
    # Tabbing on out of the menu closed it: once it has slid away, nothing is under it
    expect(button).to_have_attribute("aria-expanded", "false")
    until(page, "getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility === 'hidden'")
    stop = page.evaluate(FOCUS)
    assert not stop["inMenu"] and stop["inView"] and stop["onTop"], stop
    # Escape closes it and puts focus back on the button
    button.focus()
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(drawer).not_to_be_in_viewport()
    context.close()


def test_a_sub_menu_opens_and_goes_back_from_the_keyboard(browser, served_site):
    context, page = open_page(browser, served_site + PAGES["post"], WIDTHS["phone"])
    menu_button(page).focus()
    page.keyboard.press("Enter")
    archive = page.locator(".md-sidebar--primary").get_by_role("button", name="Archive").first
    archive.focus()
    expect(archive).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(archive).to_have_attribute("aria-expanded", "true")
    year = page.locator(".md-sidebar--primary").get_by_role("link", name="2026")
    expect(year).to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(year).to_be_focused()
    page.keyboard.press("Shift+Tab")  # the sub-menu's heading, which goes back
    page.keyboard.press("Enter")
    expect(archive).to_be_focused()
    expect(archive).to_have_attribute("aria-expanded", "false")
    expect(year).to_be_hidden()
    context.close()


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_nothing_scrolls_sideways_at_320_px(browser, served_site, path):
    context, page = open_page(browser, served_site + path, 320)
    wide = page.evaluate("""() => [...document.querySelectorAll("body *")]
        .filter(el => el.getBoundingClientRect().right > innerWidth + 1 && getComputedStyle(el).visibility === "visible"
                      && !el.closest(".md-sidebar--primary, [hidden]"))
        .map(el => el.tagName + "." + [...el.classList].join(".")).slice(0, 5)""")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, wide
    context.close()


# WCAG 1.4.12 Text Spacing, as its bookmarklet sets it. A reader's own style sheet is not
# bound by the page's Content-Security-Policy, so this context bypasses it to add one.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
CLIPPED = """() => [...document.querySelectorAll("body *")].filter(el => {
    const s = getComputedStyle(el);
    if (s.visibility !== "visible" || el.closest("[hidden], .md-sidebar--primary, .site-visually-hidden, .md-skip, .headerlink, dialog:not([open])")) return false;
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) return false;  // holds text itself
    for (let n = el; n; n = n.parentElement) if (getComputedStyle(n).opacity === "0") return false;  // never shown
    const clips = [s.overflowX, s.overflowY].some(o => o !== "visible" && o !== "auto" && o !== "scroll");
    return clips && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
  }).map(el => el.tagName + "." + [...el.classList].join(".") + ": " + el.textContent.trim().slice(0, 40))"""


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_wcag_text_spacing_clips_no_text(browser, served_site, path, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(served_site + path)
    page.add_style_tag(content=TEXT_SPACING)
    assert page.evaluate("getComputedStyle(document.querySelector('article p, article h1')).letterSpacing") != "normal"
    assert page.evaluate(CLIPPED) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
