"""The built pages validate with the Nu HTML Checker (scripts/checks/check_html.py; needs Java 17+)."""

import shutil

from scripts.checks import check_html
from selectolax.lexbor import LexborHTMLParser as HTMLParser


def test_built_pages_have_no_html_errors_but_the_listed_ones_in_materials_markup(capsys, built_site):
    code = check_html.main([str(built_site)])
    out, err = capsys.readouterr()
    assert (code, out) == (0, ""), out
    assert "matched nothing" not in err, "an entry in check_html_ignore.yml is stale: " + err


def test_an_html_error_fails_the_check_and_names_the_page_and_line(capsys, tmp_path, built_site):
    site = shutil.copytree(built_site, tmp_path / "site")
    page = site / "help/index.html"
    text = page.read_text(encoding="utf-8")
    heading = HTMLParser(text).css_first("article h2[id]").attributes["id"]
    line = text[: text.index("</article>")].count("\n") + 1
    page.write_text(text.replace("</article>", f'<p id="{heading}">Twice</p></article>', 1), encoding="utf-8")
    assert check_html.main([str(site)]) == 1
    findings = capsys.readouterr().out.splitlines()
    assert len(findings) == 1, findings
    assert findings[0].startswith(f"{page}:{line}: Duplicate ID “{heading}”."), findings
    assert "; fix the template in overrides/ or the Markdown that writes it" in findings[0]
