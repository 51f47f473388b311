"""A locked-down page: every built page carries a Content-Security-Policy and a
no-referrer policy (scripts/build/content_security_policy.py, run by the build), nothing
the site does in normal use breaks it, and a script from another site is refused.

The browser tests listen for `securitypolicyviolation` events from before the page's
first script (an init script, which the policy does not apply to), and the pages'
console: Chromium reports every refused resource there too.
"""

import base64
import hashlib
import re
import shutil
from urllib.parse import urlsplit

import pytest
from conftest import REPO, build, copy_project, site_url
from playwright.sync_api import expect
from selectolax.lexbor import LexborHTMLParser
from scripts.dev.serve_site import serving

from scripts.build.content_security_policy import TEMPLATE_SCRIPTS, main as secure_main
from site_pages import PAGES, WIDTHS, neutral_url

LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => window.__violations.push(
    `${event.effectiveDirective} refused ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`));
"""
FOREIGN = "https://example.org/tracker.js"


def policy_of(tree) -> dict[str, list[str]]:
    meta = tree.css_first('head meta[http-equiv="Content-Security-Policy"]')
    assert meta is not None, "no Content-Security-Policy"
    return {name: values for name, *values in (d.split() for d in meta.attributes["content"].split(";"))}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# In the built site ------------------------------------------------------------


def test_every_built_page_carries_the_policy_before_any_script(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= len(PAGES)
    for path in pages:
        html = path.read_text(encoding="utf-8")
        tree = LexborHTMLParser(html)
        policy = policy_of(tree)
        page = path.relative_to(built_site)
        assert policy["default-src"] == ["'none'"], page
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"], page
        for kind in ("script-src", "style-src", "img-src", "font-src", "connect-src"):
            assert policy[kind][0] == "'self'" and not [v for v in policy[kind] if v.startswith(("http", "*"))], page
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"], page
        assert tree.css_first('head meta[name="referrer"]').attributes["content"] == "no-referrer", page
        assert html.index('http-equiv="Content-Security-Policy"') < html.index("<script"), page
        inline = [s for s in tree.css("script:not([src])") if s.attributes.get("type") in (None, "", "module")]
        assert inline, f"{page}: no inline script (the palette toggle is one): this test checks nothing"
        hashes = {sha256(s.text()) for s in inline}
        assert hashes == {v for v in policy["script-src"] if v.startswith("'sha256-")}, page


# The script on its own ----------------------------------------------------------


PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>t</title>
</head>
<body>
<script>let a = 1;</script>
<script type="application/ld+json">{"@type": "WebPage"}</script>
<script type="module">import("./x.js");</script>
<script src="own.js"></script>
%s
</body>
</html>
"""


# The page's two inline scripts, as two of the templates the policy trusts write them
TEMPLATES = {
    "palette.html": "{#- the toggle -#}\n<script>let a = 1;</script>\n",
    "menu.html": '<script type="module">import("./x.js");</script>\n',
}


def write_site(root, extra: str = "", markdown: str | None = None, templates: dict = TEMPLATES):
    """A two-page site in root/site, with the docs folder, mkdocs.yml and templates it came from."""
    (root / "site/post").mkdir(parents=True)
    (root / "site/index.html").write_text(PAGE % "", encoding="utf-8")
    (root / "site/post/index.html").write_text(PAGE % extra, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text("site_name: t\ntheme:\n  name: material\n  custom_dir: overrides\n",
                                     encoding="utf-8")
    (root / "docs/post.md").write_text(markdown or "# Post\n", encoding="utf-8")
    (root / "overrides/partials/javascripts").mkdir(parents=True)
    for name, text in templates.items():
        (root / "overrides/partials/javascripts" / name).write_text(text, encoding="utf-8")
    return root / "site"


def test_inline_scripts_are_allowed_by_hash_and_data_blocks_are_not(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    site = write_site(tmp_path)
    assert secure_main([str(site)]) == 0
    policy = policy_of(LexborHTMLParser((site / "post/index.html").read_text(encoding="utf-8")))
    assert policy["script-src"] == ["'self'", sha256("let a = 1;"), sha256('import("./x.js");')]


def test_running_it_again_leaves_the_page_as_it_was(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    site = write_site(tmp_path)
    secure_main([str(site)])
    once = (site / "post/index.html").read_text(encoding="utf-8")
    secure_main([str(site)])
    assert (site / "post/index.html").read_text(encoding="utf-8") == once
    assert once.count("Content-Security-Policy") == 1


@pytest.mark.parametrize("markdown, message", [
    ('# Post\n\nSome <span style="color: red">red</span> words.\n',
     r"^docs/post\.md:3: a style attribute on <span> .*would be blocked by the Content-Security-Policy; .*site\.css$"),
    ('# Post\n\n<a href="#" onclick="go()">Go</a>\n',
     r"^docs/post\.md:3: an event handler attribute onclick=.*; move the script into a file under docs/assets/"),
    ('# Post\n\n<a href="javascript:go()">Go</a>\n', r"^docs/post\.md:3: a javascript: address .*; link to a real page"),
    ('# Post\n\n<script src="https://cdn.example.org/w.js"></script>\n',
     r"^docs/post\.md:3: <script> loads https://cdn\.example\.org/w\.js from another site.*; save the file under docs/assets/"),
    ('# Post\n\n![A lake](//images.example.org/lake.png)\n',
     r"^docs/post\.md:3: <img> loads //images\.example\.org/lake\.png from another site"),
], ids=["style-attribute", "event-handler", "javascript-link", "foreign-script", "foreign-image"])
def test_what_the_policy_would_block_fails_with_the_file_line_and_fix(tmp_path, monkeypatch, capsys, markdown, message):
    monkeypatch.chdir(tmp_path)
    html = re.sub(r"^# Post\n\n", "", markdown).replace("![A lake](", '<img alt="A lake" src="').replace(".png)", '.png">')
    site = write_site(tmp_path, html, markdown)
    assert secure_main([str(site)]) == 1
    out = capsys.readouterr().out
    assert re.search(message, out, re.MULTILINE), out
    assert "Traceback" not in out


def test_a_link_or_canonical_address_on_another_site_or_a_stray_on_word_is_not_a_problem(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    site = write_site(tmp_path, '<a href="https://findahelpline.com">Find a helpline</a>'
                                '<link rel="canonical" href="https://example.org/post/">'
                                '<meta name="description" content="Say "no" to ones you love.">')  # words, not handlers
    assert secure_main([str(site)]) == 0


MOVE = "move it to a file under docs/assets/javascripts/, or remove it"


def test_an_inline_script_no_template_writes_fails_and_gets_no_hash(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    site = write_site(tmp_path, "<p>Hello</p>\n<script>alert(1)</script>")
    assert secure_main([str(site)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"^post/index\.html:15 \(not found in docs/ or overrides/\): an inline script \(alert\(1\)\) "
                     r"that none of the site's templates writes .*; " + re.escape(MOVE) + "$", out, re.MULTILINE), out
    policy = policy_of(LexborHTMLParser((site / "post/index.html").read_text(encoding="utf-8")))
    assert sha256("alert(1)") not in policy["script-src"]
    assert policy["script-src"] == ["'self'", sha256("let a = 1;"), sha256('import("./x.js");')]


def test_a_script_found_in_the_markdown_names_its_line_and_the_page(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    site = write_site(tmp_path, "<script>track(reader)</script>", "# Post\n\n<script>track(reader)</script>\n")
    assert secure_main([str(site)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"^docs/post\.md:3: an inline script \(track\(reader\)\) .*, in post/index\.html, "
                     r"would be blocked .*; " + re.escape(MOVE) + "$", out, re.MULTILINE), out


def test_in_github_actions_each_problem_is_also_an_annotation_on_its_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    site = write_site(tmp_path, "<script>track(reader)</script>", "# Post\n\n<script>track(reader)</script>\n")
    assert secure_main([str(site)]) == 1
    assert re.search(r"^::error file=docs/post\.md,line=3::an inline script \(track\(reader\)\) .*; " + re.escape(MOVE) + "$",
                     capsys.readouterr().out, re.MULTILINE)


def test_a_template_script_is_allowed_as_its_template_writes_it_and_not_otherwise(tmp_path, monkeypatch, capsys):
    """A Jinja expression in quotes may render to any address, but not break out of its string."""
    monkeypatch.chdir(tmp_path)
    template = {"base.html": '<script>go(new URL("{{ config.extra.scope | d(base_url) }}",location))</script>\n'}
    site = write_site(tmp_path, '<script>go(new URL("../..",location))</script>', templates={**TEMPLATES, **template})
    assert secure_main([str(site)]) == 0, capsys.readouterr().out
    policy = policy_of(LexborHTMLParser((site / "post/index.html").read_text(encoding="utf-8")))
    assert sha256('go(new URL("../..",location))') in policy["script-src"]
    (site / "post/index.html").write_text((site / "post/index.html").read_text(encoding="utf-8").replace(
        '"../.."', '"",alert(1),""'), encoding="utf-8")
    assert secure_main([str(site)]) == 1
    assert "an inline script (go(new URL(\"\",alert(1),\"\",location)))" in capsys.readouterr().out


@pytest.mark.parametrize("script, message", [
    ("<script>{% if x %}go(){% endif %}</script>", "a Jinja statement or comment inside an inline script"),
    ("<script>var n = {{ page.title }};</script>", "the Jinja expression {{ page.title }} in an inline script is not alone in quotes"),
])
def test_a_template_script_that_could_write_anything_fails(tmp_path, monkeypatch, capsys, script, message):
    monkeypatch.chdir(tmp_path)
    site = write_site(tmp_path, templates={**TEMPLATES, "help-country.html": "\n" + script + "\n"})
    assert secure_main([str(site)]) == 1
    assert re.search(rf"^overrides/partials/javascripts/help-country\.html:2: {re.escape(message)}.*; ",
                     capsys.readouterr().out, re.MULTILINE)


def test_the_trusted_scripts_are_the_site_templates_scripts():
    """Each listed template exists (here or in Material) and writes a script: the list is not stale."""
    from scripts.build.content_security_policy import template_scripts, theme_dirs

    scripts, problems = template_scripts(theme_dirs(REPO / "mkdocs.yml"))
    assert problems == []
    assert {s.template.relative_to(s.template.parents[2]).as_posix() for s in scripts} == set(TEMPLATE_SCRIPTS)


def test_scripts_planted_in_a_post_and_a_template_fail_the_build_and_an_edited_trusted_one_does_not(tmp_path):
    """The build of a copy: raw HTML in a post, a script in a post's title, a new script in a
    template, and the palette toggle's template edited (its new text must be trusted, with no list to update)."""
    project = copy_project(tmp_path / "project")
    post = project / "docs/blog/posts/self-care-strategies.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("\n## References", "\n<script>window.planted = 'post';</script>\n\n## References", 1),
                    encoding="utf-8")
    post_line = 1 + post.read_text(encoding="utf-8").split("\n").index("<script>window.planted = 'post';</script>")
    main = project / "overrides/main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        '{% include "partials/javascripts/menu.html" %}',
        '{% include "partials/javascripts/menu.html" %}\n  <script>window.planted = "template";</script>'), encoding="utf-8")
    template_line = 1 + main.read_text(encoding="utf-8").split("\n").index('  <script>window.planted = "template";</script>')
    other = project / "docs/blog/posts/navigating-the-modern-maze.md"  # a title past the content check (not run here)
    other.write_text(re.sub(r'(?m)^title: "(.*)"$', r'title: "\1 <script>window.planted = 1</script>"',
                            other.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    title_line = 1 + other.read_text(encoding="utf-8").split("\n").index(
        next(line for line in other.read_text(encoding="utf-8").split("\n") if "window.planted = 1" in line))
    palette = project / "overrides/partials/javascripts/palette.html"
    palette.write_text(palette.read_text(encoding="utf-8").replace("<script>\n", "<script>\n// edited\n"), encoding="utf-8")

    result = build(project, tmp_path / "site")
    assert result.returncode == 1, result.stdout[-2000:]
    out = result.stdout
    assert re.search(rf"^docs/blog/posts/self-care-strategies\.md:{post_line}: an inline script "
                     r"\(window\.planted = 'post';\) .*, in blog/self-care-strategies/index\.html, would be blocked "
                     r"by the Content-Security-Policy; " + re.escape(MOVE) + "$", out, re.MULTILINE), out
    assert re.search(rf"^overrides/main\.html:{template_line}: an inline script \(window\.planted = \"template\";\) "
                     r".*, in 404\.html and \d+ other page\(s\), would be blocked .*; " + re.escape(MOVE) + "$",
                     out, re.MULTILINE), out
    assert re.search(rf"^docs/blog/posts/navigating-the-modern-maze\.md:{title_line}: an inline script "
                     r"\(window\.planted = 1\) .*, in .*, would be blocked .*; " + re.escape(MOVE) + "$",
                     out, re.MULTILINE), out
    assert "palette" not in out and "// edited" not in out
    home = LexborHTMLParser((tmp_path / "site/index.html").read_text(encoding="utf-8"))
    edited = next(s.text() for s in home.css("script:not([src])") if s.text().startswith("\n// edited"))
    assert sha256(edited) in policy_of(home)["script-src"]
    assert sha256('window.planted = "template";') not in policy_of(home)["script-src"]


def test_usage_errors_exit_2(tmp_path):
    with pytest.raises(SystemExit) as exit_:
        secure_main([str(tmp_path / "nowhere")])
    assert exit_.value.code == 2


# In the browser -------------------------------------------------------------------


def open_watched(browser, width=390, **options):
    context = browser.new_context(viewport={"width": width, "height": 800}, **options)
    context.add_init_script(LISTEN)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    return context, page, console


def violations(page) -> list[str]:
    return page.evaluate("window.__violations")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_no_page_type_raises_a_policy_violation_in_normal_use(browser, served_site, width):
    context, page, console = open_watched(browser, width)
    seen = {}
    for name, path in PAGES.items():
        page.goto(served_site + path)
        page.wait_for_load_state("networkidle")
        # The light/dark toggle, twice round
        for _ in range(3):
            page.locator("header [data-md-component=palette] label:visible").click()
        # Search, typed as a person types, from the header or on the search page
        if name == "search":
            field = page.locator("article").get_by_label("Search for")
        else:
            page.locator("header").get_by_role("button", name="Search").first.click()
            field = page.get_by_role("dialog", name="Search articles").get_by_label("Search for")
        field.press_sequentially("help", delay=30)
        page.wait_for_load_state("networkidle")
        page.keyboard.press("Escape")
        # Any choice the page offers (the help page's country picker is a <select>)
        pickers = page.locator("article select").all()
        if name == "help":
            assert pickers, "the help page's country picker is gone: this test no longer uses it"
        for picker in pickers:
            for value in picker.locator("option").evaluate_all("options => options.map(o => o.value)"):
                picker.select_option(value)
        seen[name] = violations(page)
    # Quick exit, with the neutral site's page cancelled so this page stays to be asked
    context.route(re.compile("^" + re.escape(neutral_url())), lambda route: route.abort("aborted"))
    page.goto(served_site + PAGES["post"])
    page.get_by_role("link", name="Quick exit").click()
    expect(page.get_by_role("alert")).to_have_text("Loading.")
    seen["quick exit"] = violations(page)
    context.close()
    assert {name: found for name, found in seen.items() if found} == {}
    assert [m for m in console if "Content Security Policy" in m or "Refused" in m] == []


def test_a_script_injected_from_another_site_is_refused_and_never_requested(browser, served_site):
    context, page, console = open_watched(browser)
    asked = []
    context.route("https://example.org/**", lambda route: (asked.append(route.request.url), route.fulfill(
        status=200, content_type="text/javascript", body="window.__foreign = true;")))
    page.goto(served_site + PAGES["post"])
    page.evaluate("""url => {
        const script = document.createElement("script");
        script.src = url;
        document.head.append(script);
        const inline = document.createElement("script");
        inline.textContent = "window.__inline = true;";
        document.head.append(inline);
    }""", FOREIGN)
    for _ in range(100):  # (not wait_for_function: it polls with eval, which the policy refuses)
        if len(violations(page)) >= 2:
            break
        page.wait_for_timeout(50)
    found = violations(page)
    assert any(v.startswith("script-src-elem refused " + FOREIGN) for v in found), found
    assert any(v.startswith("script-src-elem refused inline") for v in found), found
    assert page.evaluate("[window.__foreign, window.__inline]") == [None, None]
    assert asked == []
    context.close()


def test_following_a_link_to_another_site_tells_it_nothing_about_the_page(browser, served_site):
    context, page, _ = open_watched(browser)
    sent = []
    context.route("https://findahelpline.com/**", lambda route: (sent.append(route.request.headers), route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><title>Helplines</title>")))
    page.goto(served_site + PAGES["help"])
    page.locator("article a[href^='https://findahelpline.com']").first.click()
    expect(page).to_have_title("Helplines")
    assert sent and "referer" not in sent[0], sent
    context.close()


def test_a_script_added_to_the_built_html_after_the_policy_does_not_run(browser, built_site, tmp_path, monkeypatch, capsys):
    """A page that gains an inline script after the build (a plugin, a deploy step, a tampered
    file): Chromium refuses to run it, and running the policy step again fails on it."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page_file = site / PAGES["post"] / "index.html"
    html = page_file.read_text(encoding="utf-8")
    assert "</article>" in html
    page_file.write_text(html.replace("</article>", "<script>window.__planted = true;</script></article>", 1),
                         encoding="utf-8")
    with serving(site, urlsplit(site_url()).path) as url:
        context, page, _ = open_watched(browser)
        page.goto(url + PAGES["post"])
        page.wait_for_load_state("load")
        found = violations(page)
        assert page.evaluate("window.__planted") is None
        assert any(v.startswith("script-src-elem refused inline") for v in found), found
        context.close()
    monkeypatch.chdir(REPO)
    assert secure_main([str(site)]) == 1
    line = 1 + page_file.read_text(encoding="utf-8").split("\n").index(
        next(l for l in page_file.read_text(encoding="utf-8").split("\n") if "window.__planted" in l))
    assert re.search(rf"^{re.escape(PAGES['post'])}index\.html:{line} \(not found in docs/ or overrides/\): an inline "
                     r"script \(window\.__planted = true;\) .*; " + re.escape(MOVE) + "$",
                     capsys.readouterr().out, re.MULTILINE)
