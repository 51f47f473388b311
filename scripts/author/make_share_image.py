"""Draw the default share image: the picture a chat or social app shows with a link.

1200 x 630 pixels by default (extra.share_image in mkdocs.yml; the size Open Graph and Twitter's large card expect), PNG:
the site's logo and name on a calm teal background, and nothing else. It has
no topic words on purpose: someone glancing at a chat should not learn what
the reader was reading about. A post can name its own picture instead
(`image:` in its front matter; see README, "Share previews").

The image is drawn by headless Chromium from the HTML below, with a system font
and the site's own logo, so nothing is fetched from the network. The result is
committed; run this again only to change the design:

    python -m scripts.author.make_share_image            # writes docs/assets/images/share.png
    python -m scripts.author.make_share_image --output /tmp/share.png
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from scripts.core import REPO, cli, config as site_config

CONFIG = site_config.read()
SHARE_IMAGE = site_config.share_image(CONFIG)  # extra.share_image in mkdocs.yml
WIDTH, HEIGHT = SHARE_IMAGE["width"], SHARE_IMAGE["height"]
DEFAULT_OUTPUT = REPO / "docs" / SHARE_IMAGE["path"]
TEAL, DEEP_TEAL, SAND = "#00695c", "#004d40", "#e0f2f1"  # Material's teal 800, 900, 50

PAGE = """<!doctype html>
<meta charset="utf-8">
<style>
  html, body {{ margin: 0; width: {width}px; height: {height}px; overflow: hidden; }}
  body {{ background: {teal}; color: {sand}; display: flex; flex-direction: column;
         align-items: center; justify-content: center; gap: 28px;
         font: 600 96px/1 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; letter-spacing: 1px; }}
  .logo {{ width: 150px; height: 150px; color: {sand}; }}
  .ground {{ position: absolute; left: 0; right: 0; bottom: 0; height: 90px; background: {deep}; }}
</style>
<div class="logo">{logo}</div>
<div>{name}</div>
<div class="ground"></div>
"""


def browser_path() -> str:
    path = os.environ.get("CHROMIUM_PATH")
    if path:
        return path
    found = subprocess.run([sys.executable, "-m", "scripts.core.find_browser"], cwd=REPO,
                           capture_output=True, text=True, check=False)
    if found.returncode != 0:
        raise SystemExit(found.stdout + found.stderr)
    return found.stdout.strip()


def draw(output: Path) -> None:
    from playwright.sync_api import sync_playwright

    logo = (REPO / "docs/assets/images/logo.svg").read_text(encoding="utf-8")
    html = PAGE.format(width=WIDTH, height=HEIGHT, teal=TEAL, deep=DEEP_TEAL, sand=SAND, logo=logo, name=CONFIG["site_name"])
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=browser_path(), args=["--headless", "--no-sandbox"])
        page = chromium.new_page(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1)
        page.route("**/*", lambda route: route.abort())  # nothing from the network, ever
        page.set_content(html)
        output.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(output), type="png")
        chromium.close()


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser(__doc__)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help=f"where to write it (default: {DEFAULT_OUTPUT.relative_to(REPO)})")
    args = parser.parse_args(argv)
    draw(args.output)
    print(f"Wrote {args.output} ({WIDTH} x {HEIGHT}, {args.output.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
