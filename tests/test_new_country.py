"""A new country needs only its data: add one to a copy of data/crisis-lines.yml (its
emergency number and one line to talk to) and the help page, the home page's box, the
posts' "talk to someone" lists, the safety plan and the smoke test all show it, with no
other edit. Then the data-driven tests themselves, run on that copy with only the line's
row added to the per-service table of tests/test_help_page.py, pass unchanged.

Testland (id zz, region ZZ) and its numbers are made up, exist only in the temporary
copy, and use digits no listed country uses. The 555 numbers are from the range kept
for fiction in North America.
"""

import os
import subprocess
import sys
from datetime import date
from urllib.parse import urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import REPO, build_copy, copy_project, crisis_lines, replace_once, site_url
from scripts.dev.serve_site import serving

# The smoke test as a command, run from the repository (one place to change if it moves)
SMOKE_TEST = [sys.executable, "-m", "scripts.checks.smoke_test"]

TODAY = date.today().isoformat()
COUNTRY = f"""      - id: zz
        name: Testland
        regions: [ZZ]
        emergency:
          - number: "555"
        checked:
          date: "{TODAY}"
          page: https://example.org/testland/emergency
          by: government
"""
LINE = f"""      - id: zz-talk
        name: Testland Talkline
        countries: [zz]
        topic: crisis
        for: "Anyone in Testland."
        contact:
          - call: "555 0100"
          - text: "555 0199"
            keyword: TALK
        hours: 24/7
        home: true
        checked:
          date: "{TODAY}"
          page: https://example.org/testland/talkline
          by: service
"""
EMERGENCY_LINK = "tel:555"
LINE_LINKS = {"tel:5550100", "sms:5550199?body=TALK"}
# The one deliberate test edit: the line's row in the per-service table
TABLE_ROW = '    "zz-talk": ({"zz"}, {"tel:5550100", "sms:5550199?body=TALK"}),\n'


def add_testland(project) -> None:
    data = project / "data/crisis-lines.yml"
    replace_once(data, "\n    lines:\n", "\n" + COUNTRY + "\n    lines:\n" + LINE)


def test_testland_is_made_up_and_not_in_the_data():
    help_data = crisis_lines()
    assert "zz" not in {country["id"] for country in help_data["countries"]}
    numbers = {e["number"] for country in help_data["countries"] for e in country["emergency"]}
    assert "555" not in numbers
    assert "555" not in (REPO / "data/crisis-lines.yml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def testland(tmp_path_factory):
    """The project copy with Testland added, and its built site."""
    tmp = tmp_path_factory.mktemp("testland")
    site = build_copy(tmp, add_testland)
    return tmp / "project", site


def article(site, path):
    return HTMLParser((site / path / "index.html").read_text(encoding="utf-8")).css_first("article")


def links(node) -> set[str]:
    return {a.attributes["href"] for a in node.css("a[href]")}


def zz_item(list_node):
    items = [child for child in list_node.iter() if child.attributes.get("data-country") == "zz"]
    assert len(items) == 1, list_node.html[:200]
    assert items[0].attributes.get("data-regions") == "ZZ"
    return items[0]


def test_the_help_page_shows_testland_its_emergency_number_and_its_line(testland):
    _, site = testland
    body = article(site, "help")
    emergency = zz_item(body.css_first("ul.site-emergency"))
    assert EMERGENCY_LINK in links(emergency) and "Testland" in emergency.text()
    crisis = zz_item(body.css_first("[data-help-topic=crisis]"))
    line = crisis.css_first('li[data-line="zz-talk"]')
    assert line is not None and "Testland Talkline" in line.text()
    assert LINE_LINKS <= links(line)
    assert "Anyone in Testland." in line.text()
    assert body.css_first('[data-help-picker] option[value="zz"]').text(strip=True) == "Testland"


def test_the_home_box_shows_testland(testland):
    _, site = testland
    item = zz_item(article(site, ".").css_first(".site-help-box [data-help-countries]"))
    assert item.css_first("strong").text() == "Testland:"
    assert EMERGENCY_LINK in links(item) and LINE_LINKS & links(item)
    assert "Testland Talkline" in item.text()


def test_every_posts_talk_list_shows_testland(testland):
    _, site = testland
    posts = [page for page in (site / "blog").glob("*/index.html")
             if 'class="site-help-talk"' in page.read_text(encoding="utf-8")]
    assert posts
    for page in posts:
        talk = HTMLParser(page.read_text(encoding="utf-8")).css_first(".site-help-talk")
        item = zz_item(talk)
        assert item.css_first("strong").text() == "Testland:", page
        assert "Testland Talkline" in item.text() and LINE_LINKS & links(item), page


def test_the_safety_plan_lists_testland(testland):
    _, site = testland
    item = zz_item(article(site, "safety-plan").css_first("[data-plan-lines]"))
    assert {EMERGENCY_LINK} | LINE_LINKS <= links(item)


def test_the_smoke_test_checks_testlands_emergency_number(testland):
    project, site = testland
    with serving(site, urlsplit(site_url()).path) as url:
        result = subprocess.run([*SMOKE_TEST, url, "--site-url", site_url(),
                                 "--crisis-lines", str(project / "data/crisis-lines.yml")],
                                cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    checked = next(line for line in result.stdout.splitlines() if line.startswith("ok    help page: tel: links"))
    assert checked.endswith(", 555"), checked  # the data's last country is checked too


def test_the_data_driven_tests_pass_on_the_copy_with_only_the_tables_new_row(tmp_path):
    """The suite's own tests, copied with the project: only the line's row is added."""
    project = copy_project(tmp_path / "project", ("mkdocs.yml", "data", "docs", "overrides", "scripts", "tests",
                                                 "pytest.ini"))
    add_testland(project)
    replace_once(project / "tests/test_help_page.py", '    "find-a-helpline": (',
                 TABLE_ROW + '    "find-a-helpline": (')
    tests = ["tests/test_help_page.py", "tests/test_country_first.py", "tests/test_content.py",
             "tests/test_safety_plan.py", "tests/test_crisis_search.py",
             "tests/test_smoke_test.py::test_passes_against_the_local_server"]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *tests],
        cwd=project, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
