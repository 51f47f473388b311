"""Shared by every job: the site's configuration, posts, problems, fetching and command-line convention."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]  # the repository root: mkdocs.yml, docs/, scripts/
