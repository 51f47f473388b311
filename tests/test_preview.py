"""`make serve`'s live preview starts and serves the posts at the address it prints."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import REPO, front_matter

from scripts.core import config


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_preview_serves_a_post_at_the_printed_address(post_sources):
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        address, deadline, output = None, time.monotonic() + 120, []
        while address is None and time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            output.append(line)
            found = re.search(r"Serving on (http://\S+)", line)
            address = found and found.group(1)
        assert address, "".join(output)
        assert address.endswith(config.sub_path(config.read()))  # the same sub-path as GitHub Pages
        slug = front_matter(post_sources[0])["slug"]
        with urllib.request.urlopen(f"{address}blog/{slug}/", timeout=30) as response:
            html = response.read().decode("utf-8")
        assert response.status == 200
        assert front_matter(post_sources[0])["title"].split(":")[0] in html
    finally:
        server.terminate()
        server.wait(timeout=30)
