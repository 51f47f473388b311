"""The argument every post-build step and site check takes: the built site folder."""

import argparse
from pathlib import Path

from scripts.core import cli


def built_site(value: str) -> Path:
    """argparse type: a folder holding a built site, or a one-line error saying to build it."""
    site = Path(value)
    if not (site / "index.html").is_file():
        raise argparse.ArgumentTypeError(f"{site} has no index.html: build the site first (make build)")
    return site


def site_parser(description: str | None) -> argparse.ArgumentParser:
    """A parser for a script whose first argument is the built site, with the script's docstring as its help."""
    parser = cli.parser(description)
    parser.add_argument("site", type=built_site, help="the built site folder (e.g. site)")
    return parser
