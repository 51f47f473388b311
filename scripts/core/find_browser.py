"""Find a Chromium for the browser tests, installing one if none is found.

Prints the browser's path and exits 0, or explains what to do and exits 1.
Order: $CHROMIUM_PATH; a system Chromium or Chrome; Debian's `chromium`
package (when running as root with apt-get, as on the CI machine); last,
Playwright's own download (`playwright install chromium`), for machines that
can reach it.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from scripts.core import cli

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def system_browser() -> str | None:
    for name in CANDIDATES:
        path = shutil.which(name)
        # Ubuntu's /usr/bin/chromium-browser can be a stub that asks for snap.
        if path and "snap" not in Path(path).resolve().as_posix():
            return path
    return None


def playwright_browser() -> str | None:
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            path = p.chromium.executable_path
        return path if Path(path).exists() else None
    except Exception:  # any failure means "not available"
        return None


def run(cmd: list[str]) -> bool:
    print("find_browser: running", " ".join(cmd), file=sys.stderr)
    return subprocess.run(cmd, stdout=sys.stderr, check=False).returncode == 0


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser(__doc__)
    parser.add_argument("--no-install", action="store_true", help="only look, never install")
    args = parser.parse_args(argv)

    found = os.environ.get("CHROMIUM_PATH") or system_browser() or playwright_browser()
    if not found and not args.no_install:
        if os.geteuid() == 0 and shutil.which("apt-get"):
            env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
            subprocess.run(["apt-get", "update", "-qq"], stdout=sys.stderr, env=env, check=False)
            subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], stdout=sys.stderr, env=env, check=False)
            found = system_browser()
        if not found and run([sys.executable, "-m", "playwright", "install", "chromium"]):
            found = playwright_browser()
    if not found or not Path(found).exists():
        print(
            "find_browser: no Chromium found. Install Debian's `chromium` package "
            "(apt-get install chromium) or run `.venv/bin/python -m playwright install chromium`, "
            "or set CHROMIUM_PATH to a Chromium or Chrome binary.",
            file=sys.stderr,
        )
        return 1
    print(found)
    return 0


if __name__ == "__main__":
    sys.exit(main())
