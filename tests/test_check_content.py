"""scripts/checks/check_content.py passes the real site and fails, with the right message, on each broken rule."""

import shutil

import pytest
from conftest import REPO

from scripts.checks import check_content
from scripts.author import new_post
from scripts.core import config
from scripts.core.content_rules import PLACEHOLDERS

CATEGORIES = config.categories(config.read())

TODAY = "2026-12-02"  # pinned (on or after every page's last_reviewed): an overdue review must never fail a build just because time passed
POST = "blog/posts/self-care-strategies.md"


@pytest.fixture
def docs(tmp_path):
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    return tmp_path / "docs"


def run(docs, capsys, today=TODAY):
    code = check_content.main([str(docs), "--config", str(REPO / "mkdocs.yml"), "--today", today, "--quiet"])
    return code, capsys.readouterr().out


def edit(docs, old, new, path=POST):
    file = docs / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_real_site_passes(capsys):
    code = check_content.main(["docs", "--config", "mkdocs.yml", "--today", TODAY])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "navigating-the-modern-maze.md" in out and "grade" in out


def test_table_lists_each_page_with_words_and_grade(capsys, docs):
    check_content.main([str(docs), "--config", str(REPO / "mkdocs.yml"), "--today", TODAY])
    rows = [line.split() for line in capsys.readouterr().out.splitlines() if line.endswith((".md", "exempt")) or ".md " in line]
    names = {row[0].split("/docs/")[-1] for row in rows}
    assert {"help.md", "about.md", "glossary.md", POST} <= names


# (what is broken, text in the post, what it becomes, the problem reported, how to fix it, as printed)
BROKEN = [
    ("missing description", 'description: "', "descr: \"", "front matter has no description", 'add `description: "One sentence for feeds and search results."`'),
    ("impossible date", "created: 2026-11-24", "created: 2026-02-30", "date.created is '2026-02-30', not a real date", "write it as YYYY-MM-DD, e.g. 2026-11-24"),
    ("flat date form", "date:\n  created: 2026-11-24", "date: 2026-11-24", "date must be written as `date:`", "the feeds read only that form"),
    ("future date", "created: 2026-11-24", "created: 2027-03-01", "is in the future", "use today's date (2026-12-02) or add `draft: true`"),
    ("unknown category", "  - Self-care\n", "  - Wellness\n", "unknown category 'Wellness'", f"use one of: {', '.join(sorted(CATEGORIES))}"),
    ("unknown author", "  - site-author", "  - dr-nobody", "unknown author 'dr-nobody'", "use a key from docs/blog/.authors.yml, or add the author there"),
    ("next review before last", "next_review: 2027-12-02", "next_review: 2026-01-01", "next_review 2026-01-01 is not after last_reviewed 2026-12-02", "set it later, usually 12 months on"),
    ("missing references", "## References", "## Sources we like", "no `## References` section", "add one at the end listing the sources behind the post"),
    ("missing excerpt marker", "<!-- more -->", "", "no excerpt marker", "put `<!-- more -->` on its own line after the first paragraph or two"),
    ("missing content note", "content_note:", "old_note:", "but has no content_note", 'add `content_note: "This post mentions ..."` to the front matter'),
    ("bad slug", "slug: self-care-strategies", "slug: Self Care!", "must be lowercase letters, digits and hyphens", "e.g. self-care-strategies"),
    ("unsafe wording", "<!-- more -->", "<!-- more -->\n\nRates have skyrocketed.", "avoid 'skyrocketed' (safe-messaging guidelines)", "describe the change plainly, with its numbers"),
    ("review claimed without a reviewer", "last_reviewed:", "clinically_reviewed: 2026-11-20\nlast_reviewed:", "clinically_reviewed is set but extra.clinical_reviewer in mkdocs.yml is empty", "name the reviewer there, or remove the date"),
    ("invalid YAML", 'title: "Self-Care Strategies"', 'title: "Self-Care Strategies', "front matter is not valid YAML", "check the indentation, and put quotes around values that contain a colon"),
    ("raw script", "<!-- more -->", "<!-- more -->\n\n<script>alert(1)</script>", "raw HTML <script> would not run: the site runs only its own scripts; remove it, or put the script in a file under docs/assets/javascripts/", "remove it, or put the script in a file under docs/assets/javascripts/ and list it in extra_javascript"),
    ("raw iframe", "<!-- more -->", '<!-- more -->\n\n<IFRAME src="https://example.org/video"></IFRAME>', "raw HTML <iframe> would show nothing", "remove it and link to the page instead"),
    ("raw object", "<!-- more -->", '<!-- more -->\n\n<object data="guide.pdf"></object>', "raw HTML <object> would show nothing", "remove it and link to the file instead, or show a picture with ![what it shows](file.png)"),
    ("raw embed", "<!-- more -->", '<!-- more -->\n\n<embed src="guide.pdf">', "raw HTML <embed> would show nothing", "remove it and link to the file instead, or show a picture with ![what it shows](file.png)"),
    ("event handler", "<!-- more -->", '<!-- more -->\n\n<a href="#" onclick="go()">Go</a>', "the event handler onclick= in raw HTML would not run", "remove it, or put the script in a file under docs/assets/javascripts/ and list it in extra_javascript"),
    ("event handler on an image", "<!-- more -->", '<!-- more -->\n\n<img alt="" src="x.png" OnError="go()">', "the event handler OnError= in raw HTML would not run", "remove it, or put the script in a file under docs/assets/javascripts/ and list it in extra_javascript"),
]


@pytest.mark.parametrize(("old", "new", "message", "fix"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_fails_with_one_line_naming_file_line_and_fix(docs, capsys, old, new, message, fix):
    edit(docs, old, new)
    code, out = run(docs, capsys)
    assert code == 1
    problems = [line for line in out.splitlines() if message in line]
    assert problems, out
    path, line, text = problems[0].split(":", 2)
    assert path.endswith(POST) and int(line) >= 1
    assert text.endswith((f"; {fix}", f", {fix}")), text  # the problem, then how to fix it
    assert "Traceback" not in out


def test_reports_the_line_of_the_broken_key(docs, capsys):
    edit(docs, "  - Self-care\n", "  - Wellness\n")
    _, out = run(docs, capsys)
    source = (docs / POST).read_text(encoding="utf-8").split("\n")
    line = int(next(l for l in out.splitlines() if "unknown category" in l).split(":")[1])
    assert source[line - 1].startswith("categories:")


def test_duplicate_slug_names_the_other_post(docs, capsys):
    edit(docs, "slug: self-care-strategies", "slug: navigating-the-modern-maze")
    code, out = run(docs, capsys)
    assert code == 1
    assert "slug 'navigating-the-modern-maze' is already used by" in out


def test_empty_post_fails(docs, capsys):
    text = (docs / POST).read_text(encoding="utf-8")
    (docs / POST).write_text(text[: text.index("\n---\n") + 5], encoding="utf-8")
    code, out = run(docs, capsys)
    assert code == 1
    assert "the post has no text" in out


@pytest.mark.parametrize(("content", "message"), [("", "the file is empty"), ("Just some words.\n", "no front matter")])
def test_empty_file_or_missing_front_matter_is_one_clear_problem(docs, capsys, content, message):
    (docs / "blog/posts/draft.md").write_text(content, encoding="utf-8")
    code, out = run(docs, capsys)
    problems = [line for line in out.splitlines() if "draft.md" in line]
    assert code == 1
    assert len(problems) == 1 and message in problems[0], problems


def test_reading_grade_over_target_fails(docs, capsys):
    hard = (
        "Notwithstanding considerable methodological heterogeneity, contemporaneous epidemiological "
        "investigations demonstrate substantial associations between problematic technological "
        "engagement and psychopathological symptomatology among adolescents internationally. "
    ) * 40
    edit(docs, "<!-- more -->", "<!-- more -->\n\n" + hard)
    code, out = run(docs, capsys)
    assert code == 1
    assert "reading grade" in out and "is over the target of 8" in out


def test_authors_own_post_is_exempt_but_the_sites_notes_are_not(docs, capsys):
    post = "blog/posts/the-healing-power-of-no-contact.md"
    hard = "Notwithstanding considerable methodological heterogeneity, contemporaneous investigations demonstrate associations. " * 30
    edit(docs, "In the realm of psychology,", hard + "\n\nIn the realm of psychology,", path=post)
    code, out = run(docs, capsys)
    assert code == 0, out
    edit(docs, "!!! info \"A note on words\"", hard + "\n\n!!! info \"A note on words\"", path=post)
    code, out = run(docs, capsys)
    assert code == 1 and "reading grade" in out


def test_overdue_review_is_a_warning_not_a_failure(docs, capsys):
    code, out = run(docs, capsys, today="2028-01-01")
    assert code == 0, out
    assert f"{POST}:" in out.replace("\\", "/")
    assert "warning: review overdue since 2027-12-02" in out


def test_windows_line_endings_and_bom_are_read(docs, capsys):
    file = docs / POST
    file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes().replace(b"\n", b"\r\n"))
    code, out = run(docs, capsys)
    assert code == 0, out


def test_new_post_passes_once_written(tmp_path, docs, capsys):
    assert new_post.main(["Saying No Kindly", "--posts", str(docs / "blog/posts"), "--today", TODAY]) == 0
    created = docs / "blog/posts/saying-no-kindly.md"
    code, out = run(docs, capsys)
    assert code == 1 and "stand-in text from `make post`" in out
    text = created.read_text(encoding="utf-8")
    for placeholder in PLACEHOLDERS:
        text = text.replace(placeholder, "Saying no can be kind. It protects your time and your energy.")
    created.write_text(text, encoding="utf-8")
    code, out = run(docs, capsys)
    assert code == 0, out
    assert f"created: {TODAY}" in text and "next_review: 2027-12-02" in text


def test_new_post_refuses_to_overwrite(docs, capsys):
    assert new_post.main(["Self-Care Strategies", "--posts", str(docs / "blog/posts")]) == 1
    assert "already exists" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        check_content.main(["no-such-folder"])
    assert exit_info.value.code == 2


GOOD_MARKUP = [
    ("decorative image, on purpose", "\n\n![](../../assets/images/share.png){ alt=\"\" }"),
    ("described image", "\n\n![A calm teal card](../../assets/images/share.png)"),
    ("HTML image with empty alt", "\n\n<img src=\"../../assets/images/share.png\" alt=\"\">"),
    ("heading-like text in code", "\n\n```\n#### not a heading\n![](x.png) <img src=x.png>\n```"),
    ("one level deeper", "\n\n### A smaller point\n\nText.\n\n#### Smaller still\n\nText.\n\n## Back up two"),
    ("a share image", None),
    ("HTML named in code", "\n\nA `<script>` or `<iframe onload=x>` in code is only text. <!-- <script> -->"),
    ("a script in a fenced code block", "\n\n```html\n<script>alert(1)</script>\n```"),
    ("a form", '\n\n<form action="." method="get"><label for="q">Word</label> <input id="q" name="q" '
               'type="text"> <textarea name="t" aria-label="Notes"></textarea> <button type="button">Save</button></form>'),
    ("words that start with on", '\n\n<p class="note" title="once=only">Only one = one.</p>'),
]


@pytest.mark.parametrize("addition", [g[1] for g in GOOD_MARKUP], ids=[g[0] for g in GOOD_MARKUP])
def test_markup_that_is_right_passes(docs, capsys, addition):
    if addition is None:
        edit(docs, "slug: self-care-strategies", 'slug: self-care-strategies\nimage: assets/images/share.png\nimage_alt: "Steady Ground"')
    else:
        edit(docs, "\n## References", addition + "\n\n## References")
    code, out = run(docs, capsys)
    assert code == 0, out


def test_a_page_that_is_not_a_post_is_checked_for_markup_too(docs, capsys):
    edit(docs, 'title: "Get help now"', 'title: "Get <em>help</em> now"', path="help.md")
    edit(docs, "## Crisis lines", "#### Crisis lines", path="help.md")
    code, out = run(docs, capsys)
    assert code == 1
    assert "help.md:2: title 'Get <em>help</em> now' contains HTML" in out
    assert "heading #### Crisis lines skips from level 2 to 4; use ###" in out


# Pages held to a reading grade (grade_target:), like the safety plan, are checked like posts

PLAN = "safety-plan.md"


def test_a_page_with_a_grade_target_is_held_to_it(docs, capsys):
    edit(docs, "grade_target: 6", "grade_target: 2", path=PLAN)
    code, out = run(docs, capsys)
    assert code == 1
    assert "safety-plan.md:7: reading grade" in out and "over this page's grade_target of 2" in out


@pytest.mark.parametrize(("old", "new", "message"), [
    ("## References", "## Sources we like", "no `## References` section"),
    ("content_note:", "old_note:", "but has no content_note; add `content_note: \"This page mentions"),
    ("grade_target: 6", "grade_target: six", "grade_target 'six' must be a number"),
], ids=["references", "content note", "not a number"])
def test_a_page_with_a_grade_target_needs_references_and_a_content_note(docs, capsys, old, new, message):
    edit(docs, old, new, path=PLAN)
    code, out = run(docs, capsys)
    assert code == 1
    assert message in out, out


def test_a_page_without_a_grade_target_needs_neither(docs, capsys):
    edit(docs, "grade_target: 6\n", "", path=PLAN)
    edit(docs, "content_note:", "old_note:", path=PLAN)
    edit(docs, "## References", "## Sources we like", path=PLAN)
    code, out = run(docs, capsys)
    assert code == 0, out
