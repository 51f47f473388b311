"""Templates copied from Material into overrides/ stay diffable against the pinned Material.

Each copy opens with a note, "Copied from Material for MkDocs x.y.z (path)", then what it
changed. The version must be the one pinned in requirements.txt (and installed), and the
copy keeps Material's own lines and line breaks, so that a diff against Material's file
shows only this site's changes: most of Material's lines are still there word for word,
and no changed stretch differs from Material's only in spacing or line breaks.
A partial with Material's name replaces Material's whole file, so it must say it is a copy.
"""

import difflib
import re
from importlib.metadata import version
from pathlib import Path

import material
import pytest

from conftest import REPO

OVERRIDES = REPO / "overrides"
MATERIAL = Path(material.__file__).parent / "templates"
NOTE = re.compile(r"Copied from Material for MkDocs (\S+) \(([^)]+)\)")
# Material's own first comment ("This file was automatically generated - do not edit") and
# the copy's note in its place: the opening {#- ... -#} comment of each file
OPENING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.S)
KEPT_AT_LEAST = 0.5  # share of Material's lines a copy keeps unchanged (a rewrite keeps almost none)


def pinned_material() -> str:
    pin = re.search(r"^mkdocs-material==(\S+)", (REPO / "requirements.txt").read_text(encoding="utf-8"), re.M)
    assert pin, "requirements.txt pins no mkdocs-material"
    return pin.group(1)


def copies() -> dict[str, tuple[str, str]]:
    """Each copy in overrides/ -> (the version and the Material path its note names)."""
    found = {}
    for path in sorted(OVERRIDES.rglob("*.html")):
        note = NOTE.search(path.read_text(encoding="utf-8"))
        if note:
            found[path.relative_to(OVERRIDES).as_posix()] = (note.group(1), note.group(2))
    return found


COPIES = copies()


def body(text: str) -> list[str]:
    """The file's lines after its opening comment."""
    return OPENING_COMMENT.sub("", text, count=1).splitlines()


def test_the_pinned_material_is_the_installed_one():
    assert version("mkdocs-material") == pinned_material()


def test_there_are_copies_and_every_partial_that_replaces_materials_says_it_is_one():
    assert len(COPIES) >= 5
    for path in sorted((OVERRIDES / "partials").glob("*.html")):
        if (MATERIAL / "partials" / path.name).exists():
            assert f"partials/{path.name}" in COPIES, f"overrides/partials/{path.name} replaces Material's: add the note"


@pytest.mark.parametrize("copy", COPIES)
def test_each_copy_names_the_pinned_version(copy):
    named, material_path = COPIES[copy]
    assert named == pinned_material(), f"overrides/{copy} says it is from Material {named}; " \
        f"re-derive it from Material {pinned_material()}'s {material_path} and update the note"
    assert (MATERIAL / material_path).exists(), material_path


@pytest.mark.parametrize("copy", COPIES)
def test_each_copy_keeps_materials_lines_so_a_diff_shows_only_the_changes(copy):
    ours = body((OVERRIDES / copy).read_text(encoding="utf-8"))
    theirs = body((MATERIAL / COPIES[copy][1]).read_text(encoding="utf-8"))
    matcher = difflib.SequenceMatcher(None, theirs, ours, autojunk=False)
    kept = sum(block.size for block in matcher.get_matching_blocks())
    assert kept >= KEPT_AT_LEAST * len(theirs), f"overrides/{copy} keeps {kept} of Material's {len(theirs)} lines"
    # Every changed stretch changes words: none only re-indents or re-wraps Material's lines
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace":
            assert " ".join(theirs[i1:i2]).split() != " ".join(ours[j1:j2]).split(), \
                f"overrides/{copy} lines {j1 + 1}-{j2} (after the note) differ from Material's only in spacing or line breaks"
