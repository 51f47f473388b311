"""Smoke-test a published copy of the site: do the pages a reader needs answer, and right?

Fetches, from the address given (the live site after a deploy, or a local server):
- the home page, the help page and a post (the newest in the RSS feed): 200, text/html;
  the home page's canonical link is the address the site was built for;
- the help page holds every emergency number in data/crisis-lines.yml as a tel: link;
- both RSS feeds (RSS 2.0, at least one item) and the JSON Feed (1.1): 200, with a
  feed's content type;
- a page that does not exist: 404, with the site's own "page not found" page.

A page that does not answer yet is asked again (--tries, --wait): GitHub Pages can take
a little while to serve a new deployment. Standard library and PyYAML only, so the
deploy workflow can run it with nothing else installed.

    python -m scripts.checks.smoke_test https://owner.github.io/repo/
    python -m scripts.checks.smoke_test http://127.0.0.1:8001/steady-ground/ --site-url http://127.0.0.1:8000/steady-ground/

Exit status: 0 when every check passes, 1 when one fails (each failure is one line
saying what was asked, what came back and what to look at), 2 on bad usage.
"""

from __future__ import annotations

import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from scripts.core import REPO, cli
from scripts.core.fetch import Answer, fetch_page

HTML = ("text/html",)
RSS = ("application/rss+xml", "application/xml", "text/xml")  # GitHub Pages serves .xml as application/xml
JSON_FEED = ("application/feed+json", "application/json")  # and .json as application/json


def fetch(url: str, timeout: float) -> Answer:
    return fetch_page(url, timeout, "steady-ground-smoke-test/1")


class Smoke:
    def __init__(self, url: str, site_url: str, tries: int, wait: float, timeout: float):
        self.url, self.site_url = url, site_url
        self.tries, self.wait, self.timeout = tries, wait, timeout
        self.failures: list[str] = []

    def get(self, what: str, path: str, status: int, types: tuple[str, ...]) -> Answer | None:
        """Fetch path under the site, asking again while the answer is wrong; None if it stays wrong."""
        url = urljoin(self.url, path)
        for attempt in range(self.tries):
            if attempt:
                time.sleep(self.wait)
            answer = fetch(url, self.timeout)
            if answer.status == status and answer.content_type in types:
                print(f"ok    {what}: {url} answered {status} {answer.content_type}")
                return answer
        got = f"answered {answer.status} {answer.content_type}".strip() if answer.status else f"did not answer ({answer.problem})"
        self.fail(f"{what}: {url} {got}, not {status} {' or '.join(types)}; "
                  + ("is the deployment finished, and is the page in the built site?" if status == 200
                     else "check 404.html in the built site"))
        return None

    def fail(self, message: str) -> None:
        print(f"FAIL  {message}")
        self.failures.append(message)

    def run(self, emergency_numbers: list[str]) -> None:
        home = self.get("home page", "", 200, HTML)
        if home:
            canonical = re.search(r'<link rel="canonical" href="([^"]+)"', home.body)
            if not canonical or canonical.group(1) != self.site_url:
                found = canonical.group(1) if canonical else "none"
                self.fail(f"home page: its canonical link is {found}, not {self.site_url}; "
                          "the site was built for another address: check SITE_URL in the deploy workflow")
        help_page = self.get("help page", "help/", 200, HTML)
        if help_page:
            links = {re.sub(r"\D", "", n) for n in re.findall(r'href="tel:([^"]+)"', help_page.body)}
            missing = [n for n in emergency_numbers if re.sub(r"\D", "", n) not in links]
            if missing:
                self.fail(f"help page: no tel: link for emergency number(s) {', '.join(missing)}; "
                          "the help page must list every number in data/crisis-lines.yml")
            else:
                print(f"ok    help page: tel: links for {', '.join(emergency_numbers)}")
        newest = None
        for name in ("feed_rss_created.xml", "feed_rss_updated.xml"):
            feed = self.get(f"RSS feed {name}", name, 200, RSS)
            if feed:
                newest = self.check_rss(name, feed) or newest
        feed = self.get("JSON Feed", "feed_json_created.json", 200, JSON_FEED)
        if feed:
            try:
                version = json.loads(feed.body).get("version")
            except (json.JSONDecodeError, AttributeError):
                version = None
            if version != "https://jsonfeed.org/version/1.1":
                self.fail(f"JSON Feed: {feed.url} is not JSON Feed 1.1 (version {version!r}); check scripts/build/finish_feeds.py")
        if newest:
            post = self.get("newest post", newest, 200, HTML)
            if post and "data-search-body" not in post.body:
                self.fail(f"newest post: {post.url} has no article text (data-search-body); check overrides/partials/content.html")
        self.get("missing page", "no-such-page-smoke-test/", 404, HTML)

    def check_rss(self, name: str, feed: Answer) -> str | None:
        """The newest post's path under the site, from a well-formed RSS 2.0 feed with items."""
        try:
            root = ET.fromstring(feed.body.encode("utf-8"))
        except ET.ParseError as error:
            self.fail(f"RSS feed {name}: not well-formed XML ({error}); check scripts/build/finish_feeds.py")
            return None
        links = [item.findtext("link", "").strip() for item in root.iter("item")]
        if root.tag != "rss" or root.get("version") != "2.0" or not links:
            self.fail(f"RSS feed {name}: not RSS 2.0 with items (root <{root.tag}>, {len(links)} items)")
            return None
        if not links[0].startswith(self.site_url):
            self.fail(f"RSS feed {name}: item link {links[0]} is not under {self.site_url}; check SITE_URL")
            return None
        return links[0][len(self.site_url):]


def emergency_numbers(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    countries = data["extra"]["help"]["countries"]
    numbers = [str(e["number"]) for country in countries for e in country.get("emergency") or []]
    return list(dict.fromkeys(numbers))


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser(__doc__)
    parser.add_argument("url", help="the site's address, e.g. https://owner.github.io/repo/")
    parser.add_argument("--site-url", help="the address the site was built for, if it is served elsewhere (default: url)")
    parser.add_argument("--crisis-lines", type=Path, default=REPO / "data/crisis-lines.yml",
                        help="where the emergency numbers are (default: data/crisis-lines.yml)")
    parser.add_argument("--tries", type=int, default=1, help="times to ask for each page before failing (default 1)")
    parser.add_argument("--wait", type=float, default=10, help="seconds between tries (default 10)")
    parser.add_argument("--timeout", type=float, default=20, help="seconds per request (default 20)")
    args = parser.parse_args(argv)
    url = args.url if args.url.endswith("/") else args.url + "/"
    site_url = args.site_url or url
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    for value in (url, site_url):
        if urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).netloc:
            parser.error(f"{value!r} is not an http(s) address")
    if args.tries < 1:
        parser.error("--tries must be 1 or more")
    try:
        numbers = emergency_numbers(args.crisis_lines)
    except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
        parser.error(f"cannot read the emergency numbers from {args.crisis_lines}: {error!r}")
    if not numbers:
        parser.error(f"{args.crisis_lines} lists no emergency numbers")

    smoke = Smoke(url, site_url, args.tries, args.wait, args.timeout)
    smoke.run(numbers)
    if smoke.failures:
        print(f"smoke_test: {len(smoke.failures)} check(s) failed at {url}")
        return 1
    print(f"smoke_test: every check passed at {url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
