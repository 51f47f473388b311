"""Build the deployable site: the strict MkDocs build, then the post-build steps.

After MkDocs, in this order: the home page's latest articles listed (latest_posts.py),
the feeds finished (finish_feeds.py: full text, safety header, valid RSS), the style sheets minified (minify_css.py), the search
index written (search_index.py), and last, once no page changes any more, the
Content-Security-Policy of every page (content_security_policy.py).

`make build`, the tests (tests/conftest.py) and the benchmark all build with
this script, so they test exactly what the deploy workflow publishes.
Run it from the project folder (where mkdocs.yml is):

    python -m scripts.build.build_site                       # into site/
    python -m scripts.build.build_site --site-dir /tmp/site  # anywhere else

With --zensical PATH it builds the same docs/ with Zensical (PATH is its `zensical`
command, e.g. .venv-zensical/bin/zensical) instead of MkDocs, then runs the same steps:
`make build-zensical`. Zensical writes only inside the project folder, so --site-dir
must be there too (default for it: site-zensical).
"""

import os
import subprocess
import sys
from pathlib import Path

from scripts.build.content_security_policy import MATERIAL_TEMPLATES, secure_site
from scripts.build.finish_feeds import FEED_PROBLEMS, finish_feeds
from scripts.build.latest_posts import NoBlogIndex, fill_home
from scripts.build.minify_css import minify_site
from scripts.build.search_index import index_site
from scripts.core import cli


def zensical_templates(zensical: Path) -> Path | None:
    """Zensical's own theme templates, asked of the Python beside its `zensical` command: its
    base.html writes other inline scripts than Material's, so the policy reads them there."""
    python = zensical.parent / "python"
    where = subprocess.run(
        [str(python), "-c", "import pathlib, zensical; print(pathlib.Path(zensical.__file__).parent / 'templates')"],
        capture_output=True, text=True, check=False) if python.is_file() else None
    return Path(where.stdout.strip()) if where and where.returncode == 0 else None


def build_with_zensical(zensical: Path, config_file: Path, site_dir: Path) -> int:
    """`zensical build --strict` of mkdocs.yml into site_dir (relative to the project); its exit status.

    Zensical has no --site-dir option: it reads a copy of mkdocs.yml with site_dir added."""
    config = config_file.parent / ".zensical.yml"
    config.write_text(config_file.read_text(encoding="utf-8") + f"\nsite_dir: {site_dir.as_posix()}\n",
                      encoding="utf-8")
    try:
        return subprocess.run([str(zensical), "build", "--strict", "--config-file", config.name],
                              cwd=config.parent, check=False).returncode
    except OSError as error:
        print(f"build_site: cannot run Zensical ({error}); install it with make build-zensical", file=sys.stderr)
        return 1
    finally:
        config.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser(__doc__)
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="the MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument("-d", "--site-dir", type=Path, default=Path("site"),
                        help="where to write the site (default: site)")
    parser.add_argument("--zensical", type=Path, metavar="PATH",
                        help="build with Zensical, this `zensical` command, instead of MkDocs")
    args = parser.parse_args(argv)
    if not args.config_file.is_file():
        parser.error(f"{args.config_file} not found: run this from the project folder or pass --config-file")
    site_dir = args.site_dir.resolve()  # MkDocs would read a relative one from mkdocs.yml's folder

    if args.zensical:
        project = args.config_file.resolve().parent
        if not site_dir.is_relative_to(project):
            parser.error(f"Zensical writes only inside {project}: give a --site-dir there (e.g. site-zensical)")
        engine = build_with_zensical(args.zensical, args.config_file.resolve(), site_dir.relative_to(project))
        engine_templates = zensical_templates(args.zensical)
        if engine == 0 and engine_templates is None:
            print(f"build_site: cannot find Zensical's templates beside {args.zensical} (its venv's python); "
                  "install it with make build-zensical", file=sys.stderr)
            return 1
    else:
        engine_templates = MATERIAL_TEMPLATES
        engine = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict",
             "--config-file", str(args.config_file), "--site-dir", str(site_dir)],
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            check=False,
        ).returncode
    if engine != 0:
        return engine

    try:
        fill_home(site_dir)
    except NoBlogIndex as error:
        print(f"latest_posts: {error}", file=sys.stderr)
        return 1
    try:
        finish_feeds(site_dir)
    except FEED_PROBLEMS as error:
        print(f"finish_feeds: a feed mkdocs-rss-plugin wrote cannot be finished ({error}); "
              "run scripts/checks/check_content.py, which names the post that breaks it", file=sys.stderr)
        return 1
    minify_site(site_dir)
    index_site(site_dir)
    return 1 if secure_site(site_dir, args.config_file, engine_templates) else 0


if __name__ == "__main__":
    sys.exit(main())
