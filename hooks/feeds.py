"""Two fixes to mkdocs-rss-plugin's output.

- The RSS channel image must be an absolute URL, and site_url changes with each
  deployment (it comes from the environment), so it is built here.
- The JSON Feed writes `"image": null` for posts without an image; JSON Feed 1.1
  wants optional fields left out, not null, so nulls are dropped after the build.
"""

import json
from pathlib import Path

from mkdocs.plugins import event_priority

FEED_IMAGE = "assets/images/feed-icon.png"


@event_priority(100)  # before the rss plugin reads its own config
def on_config(config):
    rss = config.plugins.get("rss")
    if rss is not None and not rss.config.image:
        rss.config.image = config.site_url.rstrip("/") + "/" + FEED_IMAGE
    return config


def _without_nulls(value):
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


@event_priority(-100)  # after the rss plugin has written the feeds
def on_post_build(config):
    rss = config.plugins.get("rss")
    if rss is None:
        return
    for name in (rss.config.feeds_filenames.json_created, rss.config.feeds_filenames.json_updated):
        path = Path(config.site_dir) / name
        if path.exists():
            feed = json.loads(path.read_text(encoding="utf-8"))
            path.write_text(json.dumps(_without_nulls(feed), ensure_ascii=False), encoding="utf-8")
