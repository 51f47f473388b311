"""scripts/checks/check_crisis_lines.py: the real data passes; a line without hours, a checked
date or a way to reach it fails with one line naming it and the fix; an old check is a
warning; --fetch fails on a dead page (tried against a local server, never the network)."""

import re
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import REPO

from scripts.checks import check_content
from scripts.checks import check_crisis_lines

TODAY = "2026-12-02"  # pinned: an old check must never fail a build just because time passed
DATA = "data/crisis-lines.yml"


@pytest.fixture
def data(tmp_path):
    copy = tmp_path / "crisis-lines.yml"
    shutil.copy(REPO / DATA, copy)
    return copy


def run(path, capsys, today=TODAY, *extra):
    code = check_crisis_lines.main([str(path), "--today", today, *extra])
    return code, capsys.readouterr().out


def edit(path, pattern, new):
    """Replace the first match of a (multi-line) pattern; return the line it starts on."""
    text = path.read_text(encoding="utf-8")
    match = re.search(pattern, text, re.MULTILINE)
    assert match, f"{pattern!r} is not in {DATA}: the test needs updating"
    path.write_text(text[: match.start()] + new + text[match.end():], encoding="utf-8")
    return text.count("\n", 0, match.start()) + 1


def test_the_real_data_passes_with_no_warning(capsys):
    code, out = run(REPO / DATA, capsys)
    assert code == 0, out
    assert out == ""


# Samaritans' entry, in the real file: each mistake is made there.
SAMARITANS = r"^      - id: samaritans\n(?:        .*\n|          .*\n)+"


def samaritans_without(data, key_pattern):
    text = data.read_text(encoding="utf-8")
    entry = re.search(SAMARITANS, text, re.MULTILINE)
    start_line = text.count("\n", 0, entry.start()) + 1
    cut = re.sub(key_pattern, "", entry.group(0), count=1, flags=re.MULTILINE)
    assert cut != entry.group(0), key_pattern
    data.write_text(text[: entry.start()] + cut + text[entry.end():], encoding="utf-8")
    return start_line


@pytest.mark.parametrize(("key_pattern", "message", "fix"), [
    (r"^        hours: .*\n", "Samaritans (line samaritans) has no opening hours", "add `hours: 24/7`"),
    (r"^          date: .*\n", "Samaritans (line samaritans) has no checked date", "add `checked:` with `date: YYYY-MM-DD`"),
    (r"^        contact:\n          - call: .*\n", "Samaritans (line samaritans) has no way to reach it", "add `contact:`"),
    (r"^        for: .*\n", "Samaritans (line samaritans) does not say who it is for", "add `for:`"),
], ids=["no-hours", "no-checked-date", "no-contact", "no-for"])
def test_a_missing_field_is_one_line_naming_the_line_and_the_fix(data, capsys, key_pattern, message, fix):
    entry_line = samaritans_without(data, key_pattern)
    code, out = run(data, capsys)
    assert code == 1
    problems = [line for line in out.splitlines() if message in line]
    assert len(problems) == 1, out
    path, number, text = problems[0].split(":", 2)
    assert path == str(data)
    assert entry_line <= int(number) < entry_line + 20  # within Samaritans' entry
    assert fix in text
    assert "Traceback" not in out


@pytest.mark.parametrize(("pattern", "new", "message"), [
    (r'call: "116 123"', 'call: "116 12three"', "is not a phone number"),
    (r"date: \"?2026-12-02\"?", "date: 2026-02-30", "is not a real date"),
    (r"date: \"?2026-12-02\"?", "date: \"2027-01-05\"", "is in the future"),
    (r"by: service", "by: someone", "checked by 'someone' is not one of service, government, other"),
    (r"countries: \[uk, ie\]", "countries: [uk, zz]", "unknown country 'zz'"),
    (r"topic: crisis", "topic: sadness", "topic 'sadness' is not one of crisis, abuse"),
    (r"- id: uk-shout", "- id: samaritans", "id 'samaritans' is already used"),
    (r'          - number: "000"', '          - number: "triple zero"', "is not digits as dialled"),
    (r"chat: https://www.childline.org.uk", "chat: childline.org.uk", "is not a web address"),
    (r"regions: \[GB\]", "regions: [en-GB]", "is not a list of two-letter region codes"),
    (r"^        free: true$", "        free: false", "free is False; write `free: true` only where the service says "
     "it is free from every phone"),
    (r"^        free: true$", '        free: ""', "free is ''; write `free: true` only where"),
], ids=["bad-number", "impossible-date", "future-date", "unknown-by", "unknown-country", "unknown-topic",
        "duplicate-id", "bad-emergency-number", "chat-not-an-address", "bad-regions", "free-false", "free-empty"])
def test_other_mistakes_are_named_with_their_line(data, capsys, pattern, new, message):
    line = edit(data, pattern, new)
    code, out = run(data, capsys)
    assert code == 1
    problems = [p for p in out.splitlines() if message in p]
    assert problems, out
    assert problems[0].startswith(f"{data}:{line}: ") and "; " in problems[0]


def test_invalid_yaml_is_a_clear_message_not_a_traceback(data, capsys):
    line = edit(data, r"^        name: Samaritans$", "        name: Samaritans: the listening service")
    code, out = run(data, capsys)
    assert code == 1
    assert f"{data}:{line}: not valid YAML" in out and "Traceback" not in out


def test_an_old_check_is_a_warning_naming_the_line_and_date_never_a_failure(capsys):
    code, out = run(REPO / DATA, capsys, "2027-06-03")  # 6 months and a day after 2026-12-02
    assert code == 0, out
    warning = next(line for line in out.splitlines() if "(line samaritans)" in line)
    assert "warning: Samaritans (line samaritans): last checked on 2026-12-02, more than 6 months ago" in warning
    assert "https://www.samaritans.org/" in warning
    code, out = run(REPO / DATA, capsys, "2027-06-02")  # exactly 6 months: not yet due
    assert code == 0 and "warning" not in out


def test_check_content_runs_the_crisis_line_checks(data, capsys, tmp_path):
    """`make build` and `make check` run check_content.py, which checks the data file
    that mkdocs.yml inherits."""
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    (tmp_path / "data").mkdir()
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.move(data, tmp_path / DATA)
    samaritans_without(tmp_path / DATA, r"^        hours: .*\n")
    code = check_content.main([str(tmp_path / "docs"), "--config", str(tmp_path / "mkdocs.yml"),
                               "--today", TODAY, "--quiet"])
    out = capsys.readouterr().out
    assert code == 1
    assert "crisis-lines.yml:" in out and "has no opening hours" in out
    code = check_content.main([str(tmp_path / "docs"), "--config", str(tmp_path / "mkdocs.yml"),
                               "--today", "2027-07-01", "--quiet"])
    assert "warning: Samaritans (line samaritans): last checked on 2026-12-02" in capsys.readouterr().out


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        check_crisis_lines.main(["no/such/file.yml"])
    assert exit_info.value.code == 2


# --fetch -------------------------------------------------------------------------


class Pages(BaseHTTPRequestHandler):
    """/ok answers 200, anything else 404."""

    def do_HEAD(self):
        self.send_response(200 if self.path == "/ok" else 404)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


@pytest.fixture
def local_pages():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_fetch_fails_on_a_dead_page_naming_the_line(data, capsys, local_pages):
    text = re.sub(r"https?://[^\s\"']+", f"{local_pages}/ok", data.read_text(encoding="utf-8"))
    data.write_text(text, encoding="utf-8")
    code, out = run(data, capsys, TODAY, "--fetch", "--delay", "0", "--retries", "0")
    assert code == 0, out
    line = edit(data, r"page: \S+(?=\n          by: service\n          note: \"Open 24 hours a day, 365)",
                f"page: {local_pages}/gone")
    code, out = run(data, capsys, TODAY, "--fetch", "--delay", "0", "--retries", "0")
    assert code == 1
    assert f"{data}:{line}: the page Samaritans was checked against, {local_pages}/gone, answered HTTP 404" in out
