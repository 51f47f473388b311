"""Minify the site's own style sheets in the built site (run by build_site.py).

Readers download assets/stylesheets/site.css on every first view (and search.css when
they search); its comments explain the theme to whoever maintains it, not to browsers.
rcssmin drops the comments and spaces from the copies in the built site (site.css goes
from 3.7 KB to 1.7 KB compressed); the files in docs/ stay as written. Material's own
style sheets (*.min.css) are minified already.

    python -m scripts.build.minify_css site

Exit status: 0 when done, 2 on bad usage.
"""

from __future__ import annotations

import sys
from pathlib import Path

import rcssmin

from scripts.core.site_folder import site_parser


def minify_site(site: Path) -> tuple[int, int, int]:
    """Minify every style sheet of `site` not already minified; print and return (files, bytes before, after)."""
    files = before = after = 0
    for path in sorted(site.rglob("*.css")):
        if path.name.endswith(".min.css"):
            continue
        text = path.read_text(encoding="utf-8")
        small = rcssmin.cssmin(text)
        path.write_text(small, encoding="utf-8")
        files, before, after = files + 1, before + len(text.encode()), after + len(small.encode())
    print(f"CSS: {files} style sheet(s) minified, {before:,} -> {after:,} bytes")
    return files, before, after


def main(argv: list[str] | None = None) -> int:
    parser = site_parser(__doc__)
    args = parser.parse_args(argv)
    minify_site(args.site)
    return 0


if __name__ == "__main__":
    sys.exit(main())
