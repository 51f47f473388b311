"""The site builds the same from a full clone, a shallow clone, and a copy with no .git."""

import subprocess

import pytest
from conftest import build, copy_project


def feed_items(site):
    """The feed's items, without the channel's build timestamps."""
    return (site / "feed_rss_created.xml").read_text(encoding="utf-8").split("<item>", 1)[1]


def git(*args, cwd):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args], cwd=cwd, check=True, capture_output=True)


def test_builds_without_git(tmp_path, built_site):
    project = copy_project(tmp_path / "tarball")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert feed_items(tmp_path / "site") == feed_items(built_site)


@pytest.mark.parametrize("depth", ["--depth=1", "--no-single-branch"], ids=["shallow", "full"])
def test_builds_from_a_clone(tmp_path, built_site, depth):
    origin = copy_project(tmp_path / "origin")
    git("init", "-q", "-b", "main", cwd=origin)
    git("add", ".", cwd=origin)
    git("commit", "-q", "-m", "snapshot", cwd=origin)
    git("clone", "-q", depth, f"file://{origin}", str(tmp_path / "clone"), cwd=tmp_path)
    result = build(tmp_path / "clone", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert feed_items(tmp_path / "site") == feed_items(built_site)
