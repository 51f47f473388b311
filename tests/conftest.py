"""Shared by the tests: the real site built once per test session (built_site), served as
GitHub Pages serves it (served_site), headless Chromium (browser), and helpers to build a
copy of the project (copy_project, build)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.core import REPO, config, posts
from scripts.dev.serve_site import serving

DEFAULT_SITE_URL = config.default_site_url()  # mkdocs.yml's site_url without $SITE_URL


def site_url() -> str:
    """The site_url the build uses: $SITE_URL in the deploy workflow, else mkdocs.yml's default."""
    return config.site_url(config.read())


def build(project: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Build `project` into `site_dir` as `make build` does (scripts/build/build_site.py: the
    strict MkDocs build, then the post-build steps); return the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "scripts.build.build_site", "--site-dir", str(site_dir)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO), **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


def crisis_lines(project: Path = REPO) -> dict:
    """The crisis-line data (`extra.help`, which mkdocs.yml takes from data/crisis-lines.yml by
    INHERIT): `countries` in the order the site shows them, and `lines`. Tests read countries,
    regions and numbers from here rather than typing them."""
    return config.crisis_lines(config.read(project / "mkdocs.yml"))


SITE_SOURCES = ("mkdocs.yml", "data", "docs", "overrides")


def copy_project(dest: Path, names=SITE_SOURCES) -> Path:
    """Copy the project's sources (by default what the build reads) into `dest`, mtimes kept."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    return dest


def build_copy(tmp_path: Path, edit) -> Path:
    """Copy the project's sources into tmp_path/project, let `edit(project)` change them, build
    the copy into tmp_path/site (the build must succeed) and return the built site."""
    project = copy_project(tmp_path / "project")
    edit(project)
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def replace_once(path: Path, old: str, new: str) -> None:
    """Replace the one `old` in the file at `path` with `new` (it must be there exactly once)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: {old!r} is there {text.count(old)} times, not once"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site as `make build` makes it, in a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    result = build(REPO, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def post_sources() -> list[Path]:
    return posts.post_files()


front_matter = posts.read  # the YAML front matter of a Markdown file


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site served like GitHub Pages, under site_url's sub-path (gzip, 404.html)."""
    from urllib.parse import urlsplit

    with serving(built_site, urlsplit(site_url()).path) as url:
        yield url


CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium via Playwright. A missing browser fails the run; it never skips."""
    from playwright.sync_api import sync_playwright

    path = os.environ.get("CHROMIUM_PATH")
    if not path:
        found = subprocess.run(
            [sys.executable, "-m", "scripts.core.find_browser", "--no-install"], cwd=REPO,
            capture_output=True, text=True, check=False,
        )
        path = found.stdout.strip()
    if not path:
        pytest.fail("No Chromium found: run the tests with `make test`, which finds or installs one.")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()
