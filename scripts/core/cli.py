"""The one command-line convention every script follows.

Each script is run as `python -m scripts.<folder>.<name>` from the repository root, has
--help (its docstring), and a `main(argv) -> int` that returns 0 when all is well and 1
when it found a problem (argparse exits 2 on bad usage).
"""

from __future__ import annotations

import argparse


def parser(description: str | None) -> argparse.ArgumentParser:
    """A parser whose --help is the script's docstring, kept as written."""
    return argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)

