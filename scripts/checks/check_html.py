"""Validate the built pages with the Nu HTML Checker (vnu.jar, from the vnu-jar npm package).

Every error is one line, `site/page.html:line: message; how to fix it`, except
those listed with their reason in scripts/checks/check_html_ignore.yml (errors in
Material's own markup that cannot be fixed without breaking something).
Needs Java 17 or newer; `make test` runs it (tests/test_html_valid.py).

    python -m scripts.checks.check_html site
    python -m scripts.checks.check_html --find-java    # print the java to use, installing one if needed
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from scripts.core import REPO, cli
from scripts.core.problems import problem
from scripts.core.site_folder import built_site

VNU_JAR = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
IGNORE_FILE = Path(__file__).with_name("check_html_ignore.yml")
JAVA_PACKAGE = "default-jre-headless"  # Debian's: Java 17 on bookworm


def java_version(java: str) -> int | None:
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60, check=False).stderr
    except OSError:
        return None
    match = re.search(r'version "(\d+)', out)
    return int(match.group(1)) if match else None


def find_java(install: bool) -> str | None:
    """A Java 17+ binary: $JAVA_HOME's, then the one on PATH; with install, Debian's package."""
    candidates = [str(Path(os.environ["JAVA_HOME"]) / "bin/java")] if os.environ.get("JAVA_HOME") else []
    candidates.append(shutil.which("java") or "")
    for java in filter(None, candidates):
        if (java_version(java) or 0) >= 17:
            return java
    if install and os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], stdout=sys.stderr, env=env, check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", JAVA_PACKAGE],
                       stdout=sys.stderr, env=env, check=False)
        return find_java(install=False)
    return None


def load_ignores(path: Path) -> list[dict]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not entry.get("message") or not entry.get("reason"):
            raise ValueError(f"entry {number} needs a `message` and a `reason`")
        for key in ("message", "extract"):
            if key in entry:
                re.compile(entry[key])
    return entries


def ignored_by(message: dict, page: str, ignores: list[dict]) -> dict | None:
    for entry in ignores:
        if (re.search(entry["message"], message.get("message", ""))
                and re.search(entry.get("extract", ""), message.get("extract", ""))
                and fnmatch.fnmatch(page, entry.get("pages", "*"))):
            return entry
    return None


def main(argv=None) -> int:
    parser = cli.parser(__doc__)
    parser.add_argument("site", nargs="?", type=built_site, help="the built site folder (e.g. site)")
    parser.add_argument("--ignore", type=Path, default=IGNORE_FILE, help="the list of errors not counted, with reasons")
    parser.add_argument("--find-java", action="store_true",
                        help=f"print the path of a Java 17+, installing {JAVA_PACKAGE} with apt-get if none (as root)")
    args = parser.parse_args(argv)

    if args.find_java:
        java = find_java(install=True)
        if not java:
            print(f"check_html: no Java 17 or newer found; install one (Debian/Ubuntu: apt-get install "
                  f"{JAVA_PACKAGE}; macOS: brew install openjdk) or set JAVA_HOME", file=sys.stderr)
            return 1
        print(java)
        return 0
    if args.site is None:
        parser.error("give the built site folder, e.g. site")
    if not VNU_JAR.is_file():
        parser.error(f"{VNU_JAR} is missing: run `make install` (npm ci installs the vnu-jar package)")
    try:
        ignores = load_ignores(args.ignore)
    except (OSError, yaml.YAMLError, ValueError, re.error) as error:
        parser.error(f"{args.ignore}: {error}".replace("\n", " "))
    java = os.environ.get("JAVA_PATH") or find_java(install=False)
    if not java:
        parser.error(f"no Java 17 or newer found: run it through `make test`, or install one ({JAVA_PACKAGE})")

    pages = sorted(str(p) for p in args.site.rglob("*.html"))
    run = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout", *pages],
                         capture_output=True, text=True, check=False)
    try:
        messages = json.loads(run.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        print(f"check_html: the checker did not run: {(run.stderr or run.stdout).strip()[:500]}", file=sys.stderr)
        return 2

    root = args.site.absolute()
    findings, used = [], set()
    for message in messages:
        page_path = Path(unquote(urlsplit(message.get("url", "")).path))
        page = page_path.relative_to(root).as_posix() if page_path.is_relative_to(root) else str(page_path)
        entry = ignored_by(message, page, ignores)
        if entry is not None:
            used.add(id(entry))
            continue
        shown = os.path.relpath(page_path) if page_path.is_relative_to(Path.cwd()) else str(page_path)
        line = message.get("lastLine") or message.get("firstLine")
        extract = " ".join((message.get("extract") or "").split())
        text = " ".join(message.get("message", "").split())
        findings.append(problem(shown, line, f"{text} (in: {extract[:120]}); fix the template in overrides/ or the "
                                             f"Markdown that writes it, or if it is Material's own markup that cannot "
                                             f"change, list it with the reason in {args.ignore.name}"))
    for finding in findings:
        print(finding)
    for entry in ignores:
        if id(entry) not in used:
            print(f"{args.ignore}: warning: the entry for {entry['message']!r} matched nothing; remove it",
                  file=sys.stderr)
    print(f"check_html: {len(pages)} pages, {len(findings)} errors "
          f"({len(messages) - len(findings)} known ones in Material's markup not counted)", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
