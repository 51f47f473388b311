"""The site stays buildable by either engine: MkDocs + Material today, Zensical next.

Zensical reads the same mkdocs.yml but runs no MkDocs hooks, and renders templates with
MiniJinja, which has no Python interpreter: a template can use filters, tests, macros
and attribute lookups, but not call a Python method on a value. What hooks did is done
by post-build steps (scripts/build/build_site.py), which the home page's list checks here.
"""

import re
from datetime import date
from pathlib import Path

import yaml

from scripts.core import config as site_config
from conftest import REPO, front_matter
from selectolax.lexbor import LexborHTMLParser as HTMLParser

OVERRIDES = REPO / "overrides"

# Python methods templates used to call, or might: each fails in MiniJinja ("unknown
# method"), because the value is a plain string, list, map or date there, not a Python object.
PYTHON_METHODS = {
    "partition": "str.partition: no string methods; use the replace filter or a post-build step",
    "split": "str.split: no string methods (and Jinja has no split filter); slice or replace instead",
    "startswith": "str.startswith: use the `is startingwith` test? Jinja lacks it; compare a slice",
    "strip": "str.strip: use the trim filter",
    "lower": "str.lower: use the lower filter",
    "upper": "str.upper: use the upper filter",
    "format": "str.format: use the format filter or ~",
    "join": "str.join: use the join filter",
    "replace": "str.replace: use the replace filter",
    "strftime": "date.strftime: dates may be strings in Zensical; slice (value | string)[:10]",
    "isoformat": "date.isoformat: use value | string",
    "append": "list.append: no mutation; grow a namespace's list with +",
    "extend": "list.extend: no mutation; use +",
    "update": "dict.update: no mutation; use dict(mapping, key=value)",
    "items": "dict.items: use the items filter",
    "keys": "dict.keys: iterate the map itself",
    "values": "dict.values: use the items filter",
    "get": "dict.get: use value[key] or attribute lookup with | default",
    "pager": "Material's paginate object: Zensical gives pagination.items instead",
}
# Calls that both engines provide: Material's and Zensical's templates both call lang.t.
ENGINE_FUNCTIONS = {"lang.t"}

JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
COMMENT = re.compile(r"\{#.*?#\}", re.S)
CALL = re.compile(r"\b([A-Za-z_][\w.]*)\.([A-Za-z_]\w*)\s*\(")
IMPORT = re.compile(r"\bimport\s+\"[^\"]+\"\s+as\s+(\w+)")


def method_calls(text: str) -> list[tuple[int, str, str]]:
    """(line, object, method) for each `object.method(` inside {{ }} or {% %} of a template."""
    text = COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)
    modules = set(IMPORT.findall(text))  # {% import "..." as help_lists %}: calling its macros is fine
    found = []
    for block in JINJA.finditer(text):
        for call in CALL.finditer(block.group()):
            obj, method = call.groups()
            if obj in modules or f"{obj}.{method}" in ENGINE_FUNCTIONS:
                continue
            line = text.count("\n", 0, block.start() + call.start()) + 1
            found.append((line, obj, method))
    return found


def test_mkdocs_yml_names_no_hook():
    config = site_config.read(REPO / "mkdocs.yml")
    assert not config.get("hooks"), (
        "mkdocs.yml names hooks; Zensical runs none: do it as a post-build step in scripts/build/build_site.py")


def yaml_dates(value, where=""):
    """Every YAML date in `value`, as (where, date)."""
    if isinstance(value, date):
        return [(where, value)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in yaml_dates(item, f"{where}.{key}")]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in yaml_dates(item, f"{where}[{i}]")]
    return []


def test_data_files_hold_no_yaml_dates():
    """Zensical stops on a YAML date in mkdocs.yml's data (INHERIT); a quoted "YYYY-MM-DD" serves."""
    for path in sorted((REPO / "data").glob("*.yml")):
        found = yaml_dates(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert not found, f"{path.relative_to(REPO)}: quote these dates (date: \"2026-12-02\"): {found[:3]}"


def test_templates_call_no_python_method():
    problems = []
    for path in sorted(OVERRIDES.rglob("*.html")):
        for line, obj, method in method_calls(path.read_text(encoding="utf-8")):
            reason = PYTHON_METHODS.get(method, "not a macro of an imported template: MiniJinja cannot call it")
            problems.append(f"{path.relative_to(REPO)}:{line}: {obj}.{method}(...): {reason}")
    assert not problems, "\n".join(problems)


def test_the_method_check_finds_what_minijinja_rejects():
    template = ('{% import "partials/help/lists.html" as help_lists %}{{ help_lists.fill(x) }}\n'
                '{# value.strftime("%Y") in a comment #}{{ lang.t("a") }}\n'
                '{{ value.strftime("%B") }}{% set _ = data.update({}) %}')
    assert [(obj, method) for _, obj, method in method_calls(template)] == [("value", "strftime"), ("data", "update")]


def test_home_page_lists_the_three_newest_posts(built_site, post_sources):
    """Done by scripts/build/latest_posts.py after the build (it was a MkDocs hook)."""
    posts = sorted((front_matter(p) for p in post_sources if not front_matter(p).get("draft")),
                   key=lambda meta: meta["date"]["created"], reverse=True)[:3]
    home = HTMLParser((built_site / "index.html").read_text(encoding="utf-8"))
    section = home.css_first("section.site-latest")
    assert section is not None, "the home page has no Latest articles"
    assert section.css_first("h2").text() == "Latest articles"
    items = section.css("ul > li")
    assert [li.css_first("a").attributes["href"] for li in items] == [f"blog/{p['slug']}/" for p in posts]
    assert [li.css_first("a").text() for li in items] == [p["title"] for p in posts]
    assert [li.css_first("p").text() for li in items] == [p["description"] for p in posts]
    assert "<!-- latest-posts -->" not in (built_site / "index.html").read_text(encoding="utf-8")
