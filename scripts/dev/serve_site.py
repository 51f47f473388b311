"""Serve a built site the way GitHub Pages serves a project site.

- under a sub-path (`/<repo>/`, taken from site_url by default), nothing at `/`;
- `dir/` serves `dir/index.html`, and `dir` redirects to `dir/`;
- a missing page gets the site's own `404.html` with status 404;
- text responses are gzip-compressed when the browser accepts it.

Used by the browser tests, the link checker's tests and the benchmark; also
handy by hand:  python -m scripts.dev.serve_site site --port 8001
"""

import gzip
import mimetypes
import sys
import threading
from contextlib import contextmanager
from functools import lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.core import config as site_config
from scripts.core.site_folder import site_parser

DEFAULT_BASE = site_config.sub_path(site_config.read())  # from site_url, as GitHub Pages serves it
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "application/feed+json", "application/rss+xml", "image/svg+xml", "application/wasm")
mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("image/svg+xml", ".svg")


def make_handler(root: Path, base: str):
    root = root.resolve()

    @lru_cache(maxsize=4096)
    def compressed(path: Path, mtime: float) -> bytes:
        return gzip.compress(path.read_bytes(), compresslevel=6)

    class Handler(BaseHTTPRequestHandler):
        server_version = "GitHubPagesLike/1"

        def log_message(self, *args):  # keep test output quiet
            pass

        def do_HEAD(self):
            self.do_GET(head=True)

        def do_GET(self, head=False):
            path = unquote(urlsplit(self.path).path)
            if not path.startswith(base):
                if path + "/" == base:
                    return self.redirect(base)
                return self.not_found(head)
            target = (root / path[len(base):]).resolve()
            if root not in (target, *target.parents):
                return self.not_found(head)
            if target.is_dir():
                if not path.endswith("/"):
                    return self.redirect(path + "/")
                target = target / "index.html"
            if not target.is_file():
                return self.not_found(head)
            self.send_file(target, HTTPStatus.OK, head)

        def redirect(self, location):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def not_found(self, head):
            page = root / "404.html"
            if page.is_file():
                return self.send_file(page, HTTPStatus.NOT_FOUND, head)
            self.send_error(HTTPStatus.NOT_FOUND)

        def send_file(self, path: Path, status, head):
            ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            body = path.read_bytes()
            gzipped = ctype.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", "")
            if gzipped:
                body = compressed(path, path.stat().st_mtime)
            self.send_response(status)
            self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            if gzipped:
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            if not head:
                self.wfile.write(body)

    return Handler


@contextmanager
def serving(root: Path, base: str = DEFAULT_BASE, port: int = 0):
    """Serve `root` under `base` in a background thread; yields the site's URL."""
    if not (base.startswith("/") and base.endswith("/")):
        raise ValueError(f"base must start and end with '/': {base!r}")
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(Path(root), base))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{base}"
    finally:
        server.shutdown()
        server.server_close()


def main(argv=None) -> int:
    parser = site_parser(__doc__)
    parser.add_argument("--base", default=DEFAULT_BASE, help=f"sub-path to serve under (default {DEFAULT_BASE})")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args(argv)
    with serving(args.site, args.base, args.port) as url:
        print(f"Serving {args.site} at {url} (Ctrl+C to stop)")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
