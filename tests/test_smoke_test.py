"""scripts/checks/smoke_test.py, which the deploy workflow runs against the live site, works here first."""

import shutil
from urllib.parse import urlsplit

import pytest
from conftest import REPO, crisis_lines, site_url
from scripts.dev.serve_site import serving

from scripts.checks import smoke_test


def run(capsys, url, *args):
    code = smoke_test.main([url, "--site-url", site_url(), *args])
    return code, capsys.readouterr().out


def test_passes_against_the_local_server(capsys, served_site):
    code, out = run(capsys, served_site)
    assert code == 0, out
    for what in ("home page", "help page", "RSS feed feed_rss_created.xml", "RSS feed feed_rss_updated.xml",
                 "JSON Feed", "newest post", "missing page"):
        assert f"ok    {what}: " in out, out
    numbers = smoke_test.emergency_numbers(REPO / "data/crisis-lines.yml")
    assert set(numbers) == {e["number"] for country in crisis_lines()["countries"] for e in country["emergency"]}
    assert f"ok    help page: tel: links for {', '.join(numbers)}" in out
    assert "FAIL" not in out


@pytest.fixture
def broken_copy(tmp_path, built_site):
    return shutil.copytree(built_site, tmp_path / "site")


def test_fails_against_a_site_with_a_missing_page(capsys, broken_copy):
    (broken_copy / "help/index.html").unlink()
    with serving(broken_copy, urlsplit(site_url()).path) as url:
        code, out = run(capsys, url)
    assert code == 1
    failures = [line for line in out.splitlines() if line.startswith("FAIL")]
    assert failures == [f"FAIL  help page: {url}help/ answered 404 text/html, not 200 text/html; "
                        "is the deployment finished, and is the page in the built site?"], out
    assert "smoke_test: 1 check(s) failed" in out


def test_fails_when_the_help_page_lost_an_emergency_number(capsys, broken_copy):
    page = broken_copy / "help/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('href="tel:999"', 'href="#"'), encoding="utf-8")
    with serving(broken_copy, urlsplit(site_url()).path) as url:
        code, out = run(capsys, url)
    assert code == 1
    assert "FAIL  help page: no tel: link for emergency number(s) 999; " in out


def test_fails_when_the_site_was_built_for_another_address(capsys, served_site):
    code = smoke_test.main([served_site, "--site-url", "https://example.org/elsewhere/"])
    out = capsys.readouterr().out
    assert code == 1
    assert "its canonical link is" in out and "check SITE_URL in the deploy workflow" in out


def test_asks_again_before_failing(capsys, monkeypatch):
    asked = []
    monkeypatch.setattr(smoke_test, "fetch", lambda url, timeout: asked.append(url) or smoke_test.Answer(url, None, "", "", "refused"))
    monkeypatch.setattr(smoke_test.time, "sleep", lambda seconds: None)
    code = smoke_test.main(["https://example.org/site/", "--tries", "3"])
    assert code == 1
    assert asked.count("https://example.org/site/") == 3
    assert "FAIL  home page: https://example.org/site/ did not answer (refused), not 200 text/html; " in capsys.readouterr().out


def test_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        smoke_test.main(["not-an-address"])
    assert exit_.value.code == 2
