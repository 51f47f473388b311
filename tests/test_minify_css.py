"""The built site's own style sheets are minified (scripts/build/minify_css.py, run by the build):
no comments or spare spaces reach readers, and every rule still does the same thing."""

import pytest

from conftest import REPO
from scripts.build.minify_css import main as minify_main


def test_the_built_style_sheets_are_minified_and_keep_every_rule(built_site):
    source = (REPO / "docs/assets/stylesheets/site.css").read_text(encoding="utf-8")
    built = (built_site / "assets/stylesheets/site.css").read_text(encoding="utf-8")
    assert "/*" not in built and "\n" not in built.strip()
    assert len(built) < len(source) * 0.7
    # A space between selectors is a descendant combinator and must stay
    assert ".md-header :focus-visible" in built and ".md-header:focus-visible" not in built
    assert built.count("{") == source.count("{")


def test_only_the_sites_own_style_sheets_are_minified(tmp_path, capsys):
    (tmp_path / "index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    (tmp_path / "own.css").write_text("/* why */\na  b { color : red ; }\n", encoding="utf-8")
    (tmp_path / "theme.min.css").write_text("/* kept */ a{color:blue}", encoding="utf-8")
    assert minify_main([str(tmp_path)]) == 0
    assert (tmp_path / "own.css").read_text(encoding="utf-8") == "a b{color:red}"
    assert (tmp_path / "theme.min.css").read_text(encoding="utf-8") == "/* kept */ a{color:blue}"
    assert "1 style sheet(s) minified" in capsys.readouterr().out


def test_usage_errors_exit_2(tmp_path):
    with pytest.raises(SystemExit) as exit_:
        minify_main([str(tmp_path / "nowhere")])
    assert exit_.value.code == 2
