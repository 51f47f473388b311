"""The one way a check reports a problem: `file:line: what; how to fix`.

In GitHub Actions (GITHUB_ACTIONS=true) each problem is followed by an annotation line
(`::error file=...,line=...::...`), so the run shows it on that line of the file.
Standard library only: the smoke test runs with nothing else installed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

LOCATION = re.compile(r"^([^\s:]+):(\d+)$")  # `file:line`, nothing else


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def annotation(level: str, path: str | Path, line: int | None, message: str) -> str:
    """GitHub's workflow command for one problem: `::error file=F,line=L::message`."""
    where = f"file={path}" + (f",line={line}" if line else "")
    return f"::{level} {where}::{message}"


def problem(path: str | Path, line: int | None, message: str, level: str = "error") -> str:
    """`path:line: message` (`path: message` without a line); in GitHub Actions also its annotation."""
    text = f"{path}:{line}: {message}" if line else f"{path}: {message}"
    if in_github_actions():
        text += "\n" + annotation(level, path, line, message)
    return text


def warning(path: str | Path, line: int | None, message: str) -> str:
    """A problem that does not fail the check: `path:line: warning: message`."""
    return problem(path, line, f"warning: {message}", level="warning")


def at(location: str, message: str) -> str:
    """`location: message`, where location is `file:line` (annotated in CI) or any other
    description of a place (a built page, "made from ..."), which is not annotated."""
    found = LOCATION.match(location)
    if found:
        return problem(found.group(1), int(found.group(2)), message)
    return f"{location}: {message}"
