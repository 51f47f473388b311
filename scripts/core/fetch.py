"""The one polite fetcher: every request the scripts make to the network goes through here.

- fetch_politely(): the status of many addresses (check_links --external, check_crisis_lines
  --fetch): hosts in parallel, one request at a time per host, `delay` seconds apart, HEAD
  then GET, retried on network errors and 429/5xx; add_fetch_options() gives a script the
  options that tune it.
- fetch_page(): one page with its body (the smoke test).

Standard library only: the smoke test runs with nothing else installed.
"""

from __future__ import annotations

import argparse
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

def fetch_status(url: str, timeout: float, retries: int) -> tuple[int | None, str]:
    """HTTP status of url (HEAD, then GET if HEAD is refused), retrying on network errors and 429/5xx."""
    headers = {"User-Agent": "steady-ground-link-check/1 (checks links of a static site by hand)"}
    for attempt in range(retries + 1):
        status, problem = None, ""
        for method in ("HEAD", "GET"):
            request = urllib.request.Request(url, method=method, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=timeout) as response:
                    return response.status, ""
            except urllib.error.HTTPError as error:
                status, problem = error.code, f"HTTP {error.code}"
                if error.code not in (403, 405, 501):  # some servers refuse HEAD only
                    break
            except (urllib.error.URLError, TimeoutError, OSError) as error:
                status, problem = None, str(getattr(error, "reason", error))
                break
        if status is not None and status not in (429, 500, 502, 503, 504):
            return status, problem
        if attempt < retries:
            time.sleep(2 ** attempt)
    return status, problem


def add_fetch_options(parser: argparse.ArgumentParser) -> None:
    """--timeout, --retries and --delay: how politely fetch_politely() fetches."""
    parser.add_argument("--timeout", type=float, default=15, help="seconds per request (default 15)")
    parser.add_argument("--retries", type=int, default=2, help="retries per address (default 2)")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds between requests to one host (default 1)")


def fetch_politely(urls, timeout: float, retries: int, delay: float) -> list[tuple[str, int | None, str]]:
    """(url, status, problem) for each address: hosts in parallel, but one request at a time
    per host, `delay` seconds apart."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in sorted(set(urls)):
        by_host[urlsplit(url).netloc].append(url)

    def visit(urls: list[str]) -> list[tuple[str, int | None, str]]:
        results = []
        for index, url in enumerate(urls):
            if index:
                time.sleep(delay)
            results.append((url, *fetch_status(url, timeout, retries)))
        return results

    with ThreadPoolExecutor(max_workers=4) as pool:
        return [result for results in pool.map(visit, by_host.values()) for result in results]


@dataclass
class Answer:
    url: str
    status: int | None
    content_type: str
    body: str
    problem: str = ""


def fetch_page(url: str, timeout: float, user_agent: str) -> Answer:
    """GET one page: its status, content type and text, or what went wrong (never raises)."""
    request = urllib.request.Request(url, headers={"User-Agent": user_agent})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Answer(url, response.status, response.headers.get_content_type(),
                          response.read().decode("utf-8", errors="replace"))
    except urllib.error.HTTPError as error:
        return Answer(url, error.code, error.headers.get_content_type(),
                      error.read().decode("utf-8", errors="replace"), f"HTTP {error.code}")
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        return Answer(url, None, "", "", str(getattr(error, "reason", error)))
