"""Lock every built page down: a Content-Security-Policy and a referrer policy.

Run by build_site.py after the search index; MkDocs and its successors never see it.
Into the <head> of each HTML page of the built site, before any script, it writes

    <meta http-equiv="Content-Security-Policy" content="...">
    <meta name="referrer" content="no-referrer">

The policy lets scripts, styles, images, fonts and connections come only from the
site itself. An inline script runs only if the policy names the sha256 hash of its
exact text, so each page gets the hashes of its own inline scripts (Material's
base.html has two small ones; the palette toggle and the phone menu's keyboard
support are inline too). A script block that is not JavaScript, such as
type="application/ld+json", never runs and needs no hash. The referrer policy
means a helpline or a journal a reader goes on to never learns which article
they came from.

Anything on a page that the policy would silently block is an error here instead,
with where it comes from and the fix: a style="..." attribute or <style> block, an
on...="..." handler, a javascript: link, or a script, stylesheet, image, font or
frame from another site. Running it again on a processed site replaces the policy.

    python scripts/content_security_policy.py site

Exit status: 0 when every page was written cleanly, 1 on any problem, 2 on bad usage.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from check_links import load_config, markdown_sources
from site_folder import site_parser

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
# Event handler attributes a browser runs (onclick=...). Listed, not guessed from "on...":
# an unescaped quote in a meta description leaves words such as `ones."` as attributes.
EVENT_HANDLERS = frozenset("on" + name for name in """
    abort afterprint animationcancel animationend animationiteration animationstart auxclick
    beforeinput beforematch beforeprint beforetoggle beforeunload blur cancel canplay
    canplaythrough change click close contextlost contextmenu contextrestored copy cuechange
    cut dblclick drag dragend dragenter dragleave dragover dragstart drop durationchange
    emptied ended error focus focusin focusout formdata fullscreenchange fullscreenerror
    gotpointercapture hashchange input invalid keydown keypress keyup languagechange load
    loadeddata loadedmetadata loadstart lostpointercapture message messageerror mousedown
    mouseenter mouseleave mousemove mouseout mouseover mouseup offline online pagehide
    pagereveal pageshow pageswap paste pause play playing pointercancel pointerdown
    pointerenter pointerleave pointermove pointerout pointerover pointerup popstate progress
    ratechange rejectionhandled reset resize scroll scrollend securitypolicyviolation seeked
    seeking select selectionchange selectstart slotchange stalled storage submit suspend
    timeupdate toggle touchcancel touchend touchmove touchstart transitioncancel
    transitionend transitionrun transitionstart unhandledrejection unload volumechange
    waiting wheel
""".split())
# <link> relations that load something (alternate, canonical, next... only point).
LOADING_RELS = {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload", "prefetch", "manifest"}
# The two tags as this script writes them (each on a line of its own), to replace them on a re-run
OWN_TAGS = re.compile(r'\n[ \t]*<meta\s+(?:http-equiv="Content-Security-Policy"|name="referrer")[^>]*>', re.IGNORECASE)
HEAD_START = re.compile(r"<head\b[^>]*>(\s*<meta\s+charset=[^>]*>)?", re.IGNORECASE)


def script_hash(text: str) -> str:
    """The CSP source for an inline script: sha256 of its text as the browser reads it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # the HTML parser normalises line endings
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy_for(tree) -> str:
    hashes = []
    for script in tree.css("script:not([src])"):
        kind = (script.attributes.get("type") or "").strip().lower()
        if kind in JAVASCRIPT_TYPES:
            source = script_hash(script.text(deep=True))
            if source not in hashes:
                hashes.append(source)
    directives = {**POLICY, "script-src": POLICY["script-src"] + hashes}
    return "; ".join(" ".join([name, *values]) for name, values in directives.items())


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
                              "move the script into a file under docs/assets/javascripts/ and list it in extra_javascript"))
            elif name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                found.append((f"a javascript: address on <{node.tag}>", "javascript:",
                              "link to a real page, or move the script into a file under docs/assets/javascripts/"))
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


def secure_page(path: Path) -> list[tuple[str, str, str]]:
    """Write the policy into one page; return what on it the policy would block."""
    html = path.read_bytes().decode("utf-8")
    html = OWN_TAGS.sub("", html)
    tree = LexborHTMLParser(html)
    tags = (f'\n    <meta http-equiv="Content-Security-Policy" content="{policy_for(tree)}">'
            f'\n    <meta name="referrer" content="{REFERRER}">')
    head = HEAD_START.search(html)
    if head is None:
        return [("no <head> to put the policy in", "", "build the page from the theme's templates (main.html)")]
    if head.end() > html.find("<script") > -1:
        return [("a script comes before the page's <head>, where the policy must come first", "<script",
                 "move the script into the page's head or body blocks")]
    path.write_bytes((html[: head.end()] + tags + html[head.end():]).encode("utf-8"))
    return blocked(tree)


def where(page: str, needle: str, sources: dict[str, Path]) -> str:
    """`docs/file.md:line` if the page's Markdown contains the needle, else the built page."""
    source = sources.get(page)
    if source is not None and needle:
        for number, line in enumerate(source.read_text(encoding="utf-8-sig").splitlines(), 1):
            if needle in line:
                return f"{display(source)}:{number}"
    hint = f" (made from {display(source)})" if source is not None else " (from the theme: look in overrides/)"
    return f"{page}{hint}"


def display(path: Path) -> str:
    path = path.absolute()
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


def secure_site(site: Path, config_file: Path | None = Path("mkdocs.yml")) -> int:
    """Write the policy into every page of `site`; print each problem; return how many."""
    found = []
    pages = sorted(site.rglob("*.html"))
    for path in pages:
        page = path.relative_to(site).as_posix()
        found += [(page, *problem) for problem in secure_page(path)]
    sources: dict[str, Path] = {}  # which Markdown file made each page: read only to name a problem's line
    if found and config_file is not None and config_file.is_file():
        config = load_config(config_file)
        docs = config_file.parent / (config.get("docs_dir") or "docs")
        sources = markdown_sources(docs, config) if docs.is_dir() else {}
    problems = [f"{where(page, needle, sources)}: {what} would be blocked by the Content-Security-Policy; {fix}"
                for page, what, needle, fix in found]
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
