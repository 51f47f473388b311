"""Posts and pages show their editorial details: author, review dates, content note, clinical review."""

import re
from datetime import date

import pytest
from babel.dates import format_date
from playwright.sync_api import expect
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import REPO, build, copy_project, front_matter
from site_pages import a_post

PAGES_WITH_DATES = ["help", "about", "glossary"]
NOT_REVIEWED = "This article has not been reviewed by a clinician."


def shown(day) -> str:
    """A date as the site shows it (the blog's post_date_format: long, English)."""
    return format_date(day, format="long", locale="en")


def text_of(node) -> str:
    return " ".join(node.text(separator=" ").split())


def article(site, path):
    tree = HTMLParser((site / path / "index.html").read_text(encoding="utf-8"))
    return tree.css_first("article.md-content__inner")


def authors():
    import yaml

    return yaml.safe_load((REPO / "docs/blog/.authors.yml").read_text(encoding="utf-8"))["authors"]


def test_every_post_shows_author_publication_and_review_dates_under_its_title(built_site, post_sources):
    for source in post_sources:
        meta = front_matter(source)
        byline = article(built_site, f"blog/{meta['slug']}").css_first("h1 ~ .site-byline")
        assert byline is not None, source.name
        text = text_of(byline)
        names = ", ".join(authors()[key]["name"] for key in meta["authors"])
        assert f"By {names}" in text, source.name
        assert f"Published {shown(meta['date']['created'])}" in text, source.name
        assert f"Last reviewed {shown(meta['last_reviewed'])} · Next review due {shown(meta['next_review'])}" in text, source.name


def test_post_with_a_content_note_shows_it_labelled_before_the_article_text(built_site, post_sources):
    with_note = [front_matter(p) for p in post_sources if front_matter(p).get("content_note")]
    assert with_note, "no post has a content note to check"
    for meta in with_note:
        body = article(built_site, f"blog/{meta['slug']}")
        note = body.css_first(".site-content-note")
        assert note is not None, meta["slug"]
        assert text_of(note) == f"Content note: {meta['content_note']}"
        # Right after the title and the byline: nothing of the article comes before it.
        children = [n for n in body.iter(include_text=False) if n.tag != "-comment"]
        after_title = [n.tag + "." + (n.attributes.get("class") or "") for n in children][[n.tag for n in children].index("h1") + 1:]
        assert after_title[0] == "div.site-byline", after_title[:3]
        assert after_title[1] == "div.site-content-note", after_title[:3]


@pytest.mark.parametrize("name", PAGES_WITH_DATES)
def test_page_shows_its_review_dates_at_the_end(built_site, name):
    meta = front_matter(REPO / "docs" / f"{name}.md")
    dates = article(built_site, name).css_first(".site-review-dates--end")
    assert dates is not None
    assert text_of(dates) == f"Last reviewed {shown(meta['last_reviewed'])} · Next review due {shown(meta['next_review'])}"


def test_posts_say_plainly_they_were_not_clinically_reviewed_while_no_reviewer_is_set(built_site, post_sources):
    for source in post_sources:
        text = text_of(article(built_site, f"blog/{front_matter(source)['slug']}"))
        assert NOT_REVIEWED in text
        assert "Clinically reviewed by" not in text


def test_only_posts_that_record_a_review_name_the_clinical_reviewer(tmp_path, post_sources):
    project = tmp_path / "project"
    copy_project(project)
    config = project / "mkdocs.yml"
    text, count = re.subn(r'^(\s*clinical_reviewer:).*$', r'\1 "Dr Example Reviewer, clinical psychologist"', config.read_text(encoding="utf-8"), flags=re.M)
    assert count == 1, "extra.clinical_reviewer not found in mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    reviewed, *unreviewed = post_sources
    copy = project / "docs/blog/posts" / reviewed.name
    copy.write_text(copy.read_text(encoding="utf-8").replace("last_reviewed:", "clinically_reviewed: 2026-11-20\nlast_reviewed:", 1), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    text = text_of(article(tmp_path / "site", f"blog/{front_matter(reviewed)['slug']}"))
    assert "Clinically reviewed by Dr Example Reviewer, clinical psychologist on " + shown(date(2026, 11, 20)) in text
    assert NOT_REVIEWED not in text
    for source in unreviewed:
        text = text_of(article(tmp_path / "site", f"blog/{front_matter(source)['slug']}"))
        assert "Clinically reviewed by" not in text
        assert NOT_REVIEWED in text


def test_author_and_review_line_are_visible_on_a_phone(browser, served_site):
    post = a_post()
    page = browser.new_page(viewport={"width": 390, "height": 740})
    page.goto(f"{served_site}blog/{post['slug']}/")
    byline = page.locator("article .site-byline")
    expect(byline).to_be_visible()
    expect(byline).to_contain_text(f"By {authors()[post['authors'][0]]['name']}")
    expect(byline).to_contain_text(NOT_REVIEWED)
    expect(page.locator("article .site-content-note")).to_be_visible()
    page.close()
