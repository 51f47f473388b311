"""The one reader of the site's configuration: mkdocs.yml, with the crisis-line data it
inherits (INHERIT: data/crisis-lines.yml), read by MkDocs' own YAML loader, so `!ENV`
(e.g. site_url from $SITE_URL) and INHERIT mean here what they mean to the build.

Every fact the scripts and tests need from it is read here: the site's address and the
sub-path it is served under, the blog's folder, post addresses and categories, the
share image, the crisis lines.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load

from scripts.core import REPO

CONFIG_FILE = REPO / "mkdocs.yml"
# What reading it can raise: a missing file, bad YAML (MkDocs wraps it), a missing INHERIT file
CONFIG_PROBLEMS = (OSError, yaml.YAMLError, ConfigurationError)


def read(config_file: Path = CONFIG_FILE) -> dict:
    """mkdocs.yml as data, as MkDocs reads it: `!ENV` resolved, the INHERITed file merged in."""
    with open(config_file, "rb") as source:
        return yaml_load(source)


def inherited_file(config_file: Path = CONFIG_FILE) -> Path | None:
    """The file mkdocs.yml inherits from (INHERIT: the crisis lines), or None."""
    own = yaml_load(Path(config_file).read_text(encoding="utf-8-sig"))  # text: INHERIT is not followed
    inherit = own.get("INHERIT") if isinstance(own, dict) else None
    return Path(config_file).parent / inherit if isinstance(inherit, str) else None


def site_url(config: dict) -> str:
    """The address the site is built for, ending in /."""
    url = config.get("site_url") or ""
    return url if url.endswith("/") else url + "/"


def default_site_url(config_file: Path = CONFIG_FILE) -> str:
    """site_url as mkdocs.yml sets it when $SITE_URL is not set: its `!ENV` default."""

    class Defaults(yaml.SafeLoader):
        pass

    def env_default(loader, node):
        values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
        return values[-1] if len(values) > 1 else None

    Defaults.add_constructor("!ENV", env_default)
    return site_url(yaml.load(Path(config_file).read_text(encoding="utf-8-sig"), Loader=Defaults) or {})


def sub_path(config: dict) -> str:
    """The path the site is served under (GitHub Pages: /<repository>/), from site_url."""
    return urlsplit(site_url(config)).path or "/"


def docs_dir(config_file: Path, config: dict) -> Path:
    return Path(config_file).parent / (config.get("docs_dir") or "docs")


def blog(config: dict) -> dict | None:
    """The blog plugin's options, or None if the site has no blog."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and ("blog" in plugin or "material/blog" in plugin):
            return plugin.get("blog") or plugin.get("material/blog") or {}
    return None


def blog_settings(config: dict) -> tuple[str, str]:
    """(the blog's folder, its post_url_format); ("blog", "{slug}") without a blog plugin."""
    options = blog(config)
    if options is None:
        return "blog", "{slug}"
    return options.get("blog_dir", "blog").strip("/"), options.get("post_url_format", "{date}/{slug}")


def categories(config: dict) -> list[str]:
    """The categories a post may have: the blog plugin's categories_allowed, in their order."""
    return list((blog(config) or {}).get("categories_allowed") or [])


def extra(config: dict) -> dict:
    return config.get("extra") or {}


def share_image(config: dict) -> dict:
    """The default share picture: {"path": under docs/, "width": px, "height": px}."""
    return extra(config)["share_image"]


def crisis_lines(config: dict) -> dict:
    """The crisis-line data (extra.help: countries and lines), from data/crisis-lines.yml."""
    return extra(config)["help"]
