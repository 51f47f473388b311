"""Lock every built page down: a Content-Security-Policy and a referrer policy.

Run by build_site.py after the search index; MkDocs and its successors never see it.
Into the <head> of each HTML page of the built site, before any script, it writes

    <meta http-equiv="Content-Security-Policy" content="...">
    <meta name="referrer" content="no-referrer">

The policy lets scripts, styles, images, fonts and connections come only from the
site itself. An inline script runs only if the policy names the sha256 hash of its
exact text, and the policy names only the inline scripts the site's own templates
write: those in TEMPLATE_SCRIPTS below, each known by the template that writes it.
A script block that is not JavaScript, such as type="application/ld+json", never
runs and needs no hash. The referrer policy means a helpline or a journal a reader
goes on to never learns which article they came from.

What each listed script may be is read from its template, as the theme finds it
(the custom_dir of mkdocs.yml, overrides/, first, then Material's templates), so
editing a template's script, or including it on more pages, needs nothing else
here. A template's script is compared with the built one as a pattern: its text
exactly, except that a Jinja expression `{{ ... }}` (Material's base.html puts the
site's address in one) matches any text without quotes, backslashes, < > or line
breaks, and must stand alone in quotes ("{{ ... }}"), so that whatever it renders
to stays a JavaScript string. Jinja statements and comments inside a listed script
are refused: the built text could then be anything. Data a script needs from the
build goes in data- attributes on the page instead (as the help page's picker does).
A pattern, not a list of hashes: the hashes of the scripts on each page are still
worked out from the page, so nothing has to be updated by hand.

Anything else fails the build, with where it comes from and the fix: an inline
script that no listed template writes (in a post's raw HTML, a title that slipped
past the content check, a changed template or plugin), and anything on a page that
the policy would silently block: a style="..." attribute or <style> block, an
on...="..." handler, a javascript: link, or a script, stylesheet, image, font or
frame from another site. Each problem is one line: the Markdown file or template
and line it can be found at (else the built page and its line), the built page, and
the fix; in GitHub Actions also an annotation. Running it again on a processed site
replaces the policy.

    python -m scripts.build.content_security_policy site

Exit status: 0 when every page was written cleanly, 1 on any problem, 2 on bad usage.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import material
from selectolax.lexbor import LexborHTMLParser

from scripts.core import config as site_config
from scripts.core.content_rules import EVENT_HANDLERS
from scripts.core.posts import markdown_sources
from scripts.core.problems import at
from scripts.core.site_folder import site_parser

# The policy, directive by directive. Measured on the built site (Material 9.8.1):
# no style attributes and no <style> blocks, so styles need no 'unsafe-inline'
# (scripts that set element.style through the DOM are not affected by style-src).
# Material's stylesheets draw their icons from data: SVG images, hence img-src data:.
# frame-ancestors, report-uri and sandbox are left out: a <meta> policy cannot carry them.
POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],  # + the page's inline script hashes
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],  # search downloads its index from the site
    "manifest-src": ["'self'"],
    "form-action": ["'self'"],  # the search form goes to the site's search page
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
REFERRER = "no-referrer"
# The only inline scripts a page may run: template (as {% include %} names it) -> what it does.
TEMPLATE_SCRIPTS = {
    "partials/javascripts/base.html": "Material's storage helpers (__md_get, __md_set), used by the palette toggle",
    "partials/javascripts/content.html": "Material's: checks the tab a #address names",
    "partials/javascripts/palette.html": "the light/dark toggle",
    "partials/javascripts/menu.html": "the phone menu's keyboard support",
    "partials/javascripts/help-country.html": "the reader's country first in every list of countries (defined in the head)",
    "partials/javascripts/help-country-here.html": "runs it right after each list of countries, before the list is drawn",
}
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
MOVE_SCRIPT = "move it to a file under docs/assets/javascripts/, or remove it"
# Script types a browser runs (everything else, like application/ld+json, is data).
JAVASCRIPT_TYPES = {"", "module", "importmap", "speculationrules", "text/javascript", "application/javascript",
                    "application/ecmascript", "text/ecmascript"}
# (selector, attribute) of everything a page loads as it is drawn.
LOADED = [
    ("script[src]", "src"), ("link[href]", "href"), ("img[src]", "src"), ("img[srcset]", "srcset"),
    ("source[src]", "src"), ("source[srcset]", "srcset"), ("video[src]", "src"), ("video[poster]", "poster"),
    ("audio[src]", "src"), ("track[src]", "src"), ("iframe[src]", "src"), ("frame[src]", "src"),
    ("object[data]", "data"), ("embed[src]", "src"), ("input[src]", "src"),
]
# <link> relations that load something (alternate, canonical, next... only point).
LOADING_RELS = {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload", "prefetch", "manifest"}
# The two tags as this script writes them (each on a line of its own), to replace them on a re-run
OWN_TAGS = re.compile(r'\n[ \t]*<meta\s+(?:http-equiv="Content-Security-Policy"|name="referrer")[^>]*>', re.IGNORECASE)
HEAD_START = re.compile(r"<head\b[^>]*>(\s*<meta\s+charset=[^>]*>)?", re.IGNORECASE)


def script_hash(text: str) -> str:
    """The CSP source for an inline script: sha256 of its text as the browser reads it."""
    digest = hashlib.sha256(normalised(text).encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")  # the HTML parser normalises line endings


@dataclass
class TemplateScript:
    """One inline script a listed template writes, as a pattern of its built text."""

    template: Path
    pattern: re.Pattern


TEMPLATE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
# What a Jinja expression inside quotes may render to: text that cannot end the string or the script.
RENDERED = r"""[^"'`\\<>\n\r]*"""


def theme_dirs(config_file: Path | None, engine_templates: Path = MATERIAL_TEMPLATES) -> list[Path]:
    """Where the theme's templates come from, first match wins: custom_dir, then the
    engine's own (Material's; Zensical's when it builds the site)."""
    dirs = []
    if config_file is not None and config_file.is_file():
        theme = site_config.read(config_file).get("theme") or {}
        if isinstance(theme, dict) and theme.get("custom_dir"):
            dirs.append(config_file.parent / theme["custom_dir"])
    dirs.append(engine_templates)
    return [d for d in dirs if d.is_dir()]


def template_scripts(dirs: list[Path]) -> tuple[list[TemplateScript], list[str]]:
    """The allowed inline scripts, read from the templates; and problems with the templates."""
    scripts, problems = [], []
    for name in TEMPLATE_SCRIPTS:
        template = next((d / name for d in dirs if (d / name).is_file()), None)
        if template is None:
            continue  # not in this theme: nothing of it is allowed
        text = normalised(template.read_text(encoding="utf-8-sig"))
        for match in TEMPLATE_SCRIPT.finditer(text):
            attributes = LexborHTMLParser(f"<script{match.group(1)}></script>").css_first("script").attributes
            if "src" in attributes or (attributes.get("type") or "").strip().lower() not in JAVASCRIPT_TYPES:
                continue
            line = text.count("\n", 0, match.start()) + 1
            pattern, problem = script_pattern(match.group(2))
            if problem:
                problems.append(f"{display(template)}:{line}: {problem}")
            else:
                scripts.append(TemplateScript(template, pattern))
    return scripts, problems


def script_pattern(text: str) -> tuple[re.Pattern | None, str]:
    """A template's script as a pattern of what the build writes, or why it cannot be one."""
    if "{%" in text or "{#" in text:
        return None, ("a Jinja statement or comment inside an inline script, so its built text could be "
                      "anything; put the data the script needs in data- attributes, and the comment outside <script>")
    parts, last = [], 0
    for expression in JINJA_EXPRESSION.finditer(text):
        before, after = text[last:expression.start()], text[expression.end():expression.end() + 1]
        if not before or before[-1] not in "\"'" or after != before[-1]:
            return None, (f"the Jinja expression {expression.group(0)} in an inline script is not alone in quotes, "
                          "so it could write code; write it as \"{{ ... }}\", or put the value in a data- attribute")
        parts += [re.escape(before), RENDERED]
        last = expression.end()
    parts.append(re.escape(text[last:]))
    return re.compile("".join(parts)), ""


def inline_scripts(tree):
    """The page's inline scripts a browser would run."""
    for script in tree.css("script:not([src])"):
        if (script.attributes.get("type") or "").strip().lower() in JAVASCRIPT_TYPES:
            yield script


def known(text: str, allowed: list[TemplateScript]) -> bool:
    return any(script.pattern.fullmatch(normalised(text)) for script in allowed)


def policy_for(tree, allowed: list[TemplateScript]) -> str:
    hashes = []
    for script in inline_scripts(tree):
        text = script.text(deep=True)
        if known(text, allowed) and script_hash(text) not in hashes:
            hashes.append(script_hash(text))
    directives = {**POLICY, "script-src": POLICY["script-src"] + hashes}
    return "; ".join(" ".join([name, *values]) for name, values in directives.items())


def unknown_scripts(tree, allowed: list[TemplateScript]) -> list[tuple[str, str, str]]:
    """Inline scripts no listed template writes: (what, text to find it by, fix)."""
    found = []
    for script in inline_scripts(tree):
        text = script.text(deep=True)
        if known(text, allowed):
            continue
        lines = [line.strip() for line in normalised(text).split("\n") if line.strip()]
        needle = max(lines, key=len)[:80] if lines else "<script"
        shown = " ".join(" ".join(lines).split())
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        found.append((f"an inline script ({shown or 'empty'}) that none of the site's templates writes "
                      "(scripts/build/content_security_policy.py, TEMPLATE_SCRIPTS)", needle, MOVE_SCRIPT))
    return found


def is_foreign(url: str) -> bool:
    """An address on another site (an absolute or protocol-relative URL)."""
    return bool(re.match(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", url, re.IGNORECASE))


def blocked(tree) -> list[tuple[str, str, str]]:
    """What the policy would block on this page: (what, text to find it by, fix)."""
    found = []
    fix_style = "give the element a class and style it in docs/assets/stylesheets/site.css"
    for node in tree.css("[style]"):
        found.append((f"a style attribute on <{node.tag}> (style=\"{node.attributes['style']}\")", "style=", fix_style))
    for node in tree.css("style"):
        found.append(("a <style> block", "<style", "move its rules to docs/assets/stylesheets/site.css"))
    for node in tree.css("*"):
        for name, value in node.attributes.items():
            if name.lower() in EVENT_HANDLERS:
                found.append((f"an event handler attribute {name}=\"{value}\" on <{node.tag}>", f"{name}=",
                              "move the script into a file under docs/assets/javascripts/, or remove it"))
            elif name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                found.append((f"a javascript: address on <{node.tag}>", "javascript:",
                              "link to a real page, or move the script to a file under docs/assets/javascripts/, or remove it"))
    for selector, attribute in LOADED:
        for node in tree.css(selector):
            if node.tag == "link" and not set((node.attributes.get("rel") or "").lower().split()) & LOADING_RELS:
                continue
            for url in re.split(r",\s+", node.attributes.get(attribute) or "") if attribute.endswith("srcset") \
                    else [node.attributes.get(attribute) or ""]:
                url = url.strip().split()[0] if url.strip() else ""
                if url and is_foreign(url):
                    found.append((f"<{node.tag}> loads {url} from another site, which the site never does",
                                  url, "save the file under docs/assets/ and link to it there"))
    return found


def secure_page(path: Path, allowed: list[TemplateScript]) -> list[tuple[str, str, str]]:
    """Write the policy into one page; return what on it the policy would block."""
    html = path.read_bytes().decode("utf-8")
    html = OWN_TAGS.sub("", html)
    tree = LexborHTMLParser(html)
    tags = (f'\n    <meta http-equiv="Content-Security-Policy" content="{policy_for(tree, allowed)}">'
            f'\n    <meta name="referrer" content="{REFERRER}">')
    head = HEAD_START.search(html)
    if head is None:
        return [("no <head> to put the policy in", "", "build the page from the theme's templates (main.html)")]
    if head.end() > html.find("<script") > -1:
        return [("a script comes before the page's <head>, where the policy must come first", "<script",
                 "move the script into the page's head or body blocks")]
    path.write_bytes((html[: head.end()] + tags + html[head.end():]).encode("utf-8"))
    return unknown_scripts(tree, allowed) + blocked(tree)


def line_in(path: Path, needle: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8-sig", errors="replace").splitlines(), 1):
        if needle in line:
            return number
    return None


def where(page: str, needle: str, sources: dict[str, Path], templates: list[Path], site: Path) -> tuple[str, bool]:
    """Where to find the needle: (`file:line` in the page's Markdown, any Markdown file or a
    template, True), else (the built page and its line, False)."""
    source = sources.get(page)
    if needle:
        candidates = ([source] if source else []) + [s for s in sources.values() if s != source] + templates
        for candidate in candidates:
            number = line_in(candidate, needle)
            if number:
                return f"{display(candidate)}:{number}", True
        number = line_in(site / page, needle)
        if number:
            return f"{page}:{number} (not found in docs/ or overrides/)", False
    hint = f" (made from {display(source)})" if source is not None else " (from the theme: look in overrides/)"
    return f"{page}{hint}", False


def display(path: Path) -> str:
    path = path.absolute()
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


def secure_site(site: Path, config_file: Path | None = Path("mkdocs.yml"),
                engine_templates: Path = MATERIAL_TEMPLATES) -> int:
    """Write the policy into every page of `site`; print each problem; return how many."""
    dirs = theme_dirs(config_file, engine_templates)
    allowed, problems = template_scripts(dirs)
    found = []
    pages = sorted(site.rglob("*.html"))
    for path in pages:
        page = path.relative_to(site).as_posix()
        found += [(page, *problem) for problem in secure_page(path, allowed)]
    sources: dict[str, Path] = {}  # which Markdown file made each page: read only to name a problem's line
    templates: list[Path] = []  # the site's own templates (custom_dir), to find a problem a template writes
    if found and config_file is not None and config_file.is_file():
        config = site_config.read(config_file)
        docs = site_config.docs_dir(config_file, config)
        sources = markdown_sources(docs, config) if docs.is_dir() else {}
        templates = sorted(p for d in dirs if d != engine_templates for p in d.rglob("*.html"))
    grouped: dict[tuple[str, str, str], list[str]] = {}  # one line per place and problem, naming its pages
    for page, what, needle, fix in found:
        location, in_source = where(page, needle, sources, templates, site)
        grouped.setdefault((location, what + (", in {pages}," if in_source else ""), fix), []).append(page)
    for (location, what, fix), on in grouped.items():
        pages_named = on[0] + (f" and {len(on) - 1} other page(s)" if len(on) > 1 else "")
        problems.append(at(location, f"{what.format(pages=pages_named)} would be blocked by the "
                                         f"Content-Security-Policy; {fix}"))
    for problem in problems:
        print(problem)
    print(f"Content-Security-Policy: {len(pages)} pages locked down" +
          (f", {len(problems)} problem(s)" if problems else ""), file=sys.stderr if problems else sys.stdout)
    return len(problems)


def main(argv: list[str] | None = None) -> int:
    parser = site_parser(__doc__)
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                        help="mkdocs.yml, to name the Markdown file a problem comes from (default: mkdocs.yml)")
    args = parser.parse_args(argv)
    return 1 if secure_site(args.site, args.config) else 0


if __name__ == "__main__":
    sys.exit(main())
