"""The author's no-contact post reads at about US grade 14, and its readers include
13-year-olds: the site puts a short plain summary, "In short", before her text. It is
marked as the site's, as the notes after her text are, and reads at grade 6 or below.
Her words are all still there (tests/test_content.py checks them against her original)."""

import re

import textstat
from selectolax.lexbor import LexborHTMLParser

POST = "blog/the-healing-power-of-no-contact"
GRADE = 6


def summary_and_article(built_site):
    article = LexborHTMLParser((built_site / POST / "index.html").read_text(encoding="utf-8")).css_first("article")
    boxes = article.css(".admonition.site-summary")
    assert len(boxes) == 1, "no In short box (or more than one)"
    return boxes[0], article


def test_the_summary_comes_after_the_title_and_before_the_authors_first_words(built_site):
    box, article = summary_and_article(built_site)
    html = article.html
    assert html.index("</h1>") < html.index(box.html) < html.index("<strong>Disclaimer:</strong>")
    assert html.index('class="site-content-note"') < html.index(box.html)  # the content note stays first


def test_the_summary_is_marked_as_the_sites(built_site):
    box, _ = summary_and_article(built_site)
    assert "In short" in box.css_first(".admonition-title").text()
    assert "from the site" in box.css_first(".admonition-title").text()
    assert "added by the site" in box.text() and "The author's own post starts below" in box.text()


def test_the_summary_is_3_to_5_points_on_what_no_contact_is_the_options_and_safety_first(built_site):
    box, _ = summary_and_article(built_site)
    points = [li.text(strip=True) for li in box.css("li")]
    assert 3 <= len(points) <= 5, points
    text = " ".join(points)
    assert "No contact means" in text
    assert "one choice among many" in text and "less contact" in text
    assert "safety plan first" in text
    assert box.css_first("a").attributes["href"] == "../../help/"


def test_the_summary_reads_at_grade_6_or_below(built_site):
    box, _ = summary_and_article(built_site)
    sentences = [li.text(separator=" ", strip=True) for li in box.css("li")]
    sentences += [p.text(separator=" ", strip=True) for p in box.css("p:not(.admonition-title)")]
    text = "\n".join(s if re.search(r"[.!?]$", s) else s + "." for s in sentences)
    grade = textstat.flesch_kincaid_grade(text)
    assert textstat.lexicon_count(text) >= 40, text  # enough words for a grade to mean something
    assert grade <= GRADE, f"reading grade {grade:.1f} (target {GRADE}): {text}"
