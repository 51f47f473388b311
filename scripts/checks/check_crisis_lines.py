"""Check the crisis lines in data/crisis-lines.yml (what the help page shows).

Every line needs a name, its countries, who it is for, at least one way to reach it
(call, text, chat or web), its opening hours, and when and against which page it was
last checked. Each problem is one line, `file:line: what is wrong; how to fix it`.
A line (or a country's emergency numbers) last checked more than 6 months before
--today is a warning, never a failure: the build must not break because time passed.

scripts/checks/check_content.py runs these checks too (so `make build` and `make check` do).
With --fetch, it also fetches every page the data links to (the pages each line was
checked against, its chat and web addresses), politely, and fails if one is dead:
the scheduled workflow .github/workflows/check-links.yml runs that every week.

Exit status: 0 when clean (warnings allowed), 1 on any problem, 2 on bad usage.
"""

from __future__ import annotations

import calendar
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from scripts.core import cli, config as site_config, problems
from scripts.core.fetch import add_fetch_options, fetch_politely  # HEAD then GET, retries on 429/5xx and network errors

DATA = Path("data/crisis-lines.yml")
RECHECK_MONTHS = 6
TOPICS = ("crisis", "abuse")
CHECKED_BY = ("service", "government", "other")
WAYS = ("call", "text", "chat", "web")
ANYWHERE = "anywhere"
PHONE = re.compile(r"^\+?[0-9][0-9 ()-]*$")
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Located(dict):
    """A YAML mapping that remembers its line, and each key's line."""

    line = 1
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _Loader(yaml.SafeLoader):
    """YAML with line numbers, and dates as text (so a bad date gets a clear message)."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}


def _mapping(loader, node):
    mapping = Located(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {key.value: key.start_mark.line + 1 for key, _ in node.value
                         if isinstance(key, yaml.ScalarNode)}
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


@dataclass
class Report:
    path: Path
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, line: int, message: str) -> None:
        self.errors.append(problems.problem(self.path, line, message))

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(problems.warning(self.path, line, message))


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_url(value) -> bool:
    parts = urlsplit(str(value))
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def load(path: Path, report: Report) -> Located | None:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as err:
        report.error(1, f"cannot be read ({err.strerror}); restore the file from git")
        return None
    except UnicodeDecodeError as err:
        report.error(1, f"is not UTF-8 ({err.reason}); save it as UTF-8")
        return None
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or "cannot be read"
        report.error(mark.line + 1 if mark else 1, f"not valid YAML ({problem}); check the indentation, "
                     "and put quotes around values that contain a colon")
        return None
    help_data = (data or {}).get("extra", {}).get("help") if isinstance(data, dict) else None
    if not isinstance(help_data, Located):
        report.error(1, "no `extra: help:` section; the help page is built from extra.help.countries and extra.help.lines")
        return None
    return help_data


def check_checked(report: Report, owner: Located, what: str, today: date) -> None:
    """The `checked:` block of a line or a country: date, page, by."""
    checked = owner.get("checked")
    if not isinstance(checked, Located) or checked.get("date") in (None, ""):
        line = checked.line if isinstance(checked, Located) else owner.line_of("checked")
        report.error(line, f"{what} has no checked date; add `checked:` with `date: YYYY-MM-DD` (the day you "
                     "checked it on the service's own page), `page:` and `by:`")
        return
    line = checked.line_of("date")
    try:
        day = date.fromisoformat(str(checked["date"]).strip())
    except ValueError:
        report.error(line, f"{what}: checked date {checked['date']!r} is not a real date; write it as YYYY-MM-DD")
        return
    if day > today:
        report.error(line, f"{what}: checked date {day} is in the future; use the day you checked it (today is {today})")
    elif add_months(day, RECHECK_MONTHS) < today:
        page = checked.get("page") or "the service's own site"
        report.warn(line, f"{what}: last checked on {day}, more than {RECHECK_MONTHS} months ago; check its "
                    f"numbers and hours on {page}, then set its checked date to the day you did")
    if not is_url(checked.get("page")):
        report.error(checked.line_of("page"), f"{what}: checked page {checked.get('page')!r} is not a web address; "
                     "give the address (https://...) of the page you checked it against")
    if checked.get("by") not in CHECKED_BY:
        report.error(checked.line_of("by"), f"{what}: checked by {checked.get('by')!r} is not one of "
                     f"{', '.join(CHECKED_BY)}; say whose page it is: the service's own, a government's, or other")


def check_way(report: Report, item, what: str) -> None:
    if not isinstance(item, Located) or sum(key in item for key in WAYS) != 1:
        line = item.line if isinstance(item, Located) else 1
        report.error(line, f"{what}: each contact item needs exactly one of {', '.join(WAYS)}; "
                     "e.g. `- call: \"0800 1111\"` or `- text: \"85258\"` with `keyword: SHOUT`")
        return
    for key in ("call", "text"):
        if key in item and not PHONE.match(str(item[key]).strip()):
            report.error(item.line_of(key), f"{what}: {key} {item[key]!r} is not a phone number; write the digits "
                         "as the service shows them, in quotes, e.g. \"0800 1111\" or \"1-800-668-6868\"")
    if "keyword" in item and not re.match(r"^[A-Za-z0-9]+$", str(item["keyword"])):
        report.error(item.line_of("keyword"), f"{what}: keyword {item['keyword']!r} is not one word; write the "
                     "word the service asks you to text, letters and digits only")
    for key in ("chat", "web"):
        if key in item and not is_url(item[key]):
            report.error(item.line_of(key), f"{what}: {key} {item[key]!r} is not a web address; give it in full, "
                         "https://...")


def check_line(report: Report, line, countries: set[str], today: date, seen: dict) -> None:
    if not isinstance(line, Located):
        report.error(1, "every item under `lines:` must be a line (`- id: ...` with its fields); see the "
                     "comment at the top of the file")
        return
    what = f"line {line.get('id') or line.get('name') or '(no id)'!s}"
    if line.get("name") and line.get("id"):
        what = f"{line['name']} (line {line['id']})"
    line_id = line.get("id")
    if not isinstance(line_id, str) or not ID.match(line_id):
        report.error(line.line_of("id"), f"{what}: id {line_id!r} is not lowercase letters, digits and hyphens; "
                     "use e.g. uk-childline")
    elif line_id in seen:
        report.error(line.line_of("id"), f"{what}: id {line_id!r} is already used on line {seen[line_id]}; "
                     "give each line its own id")
    else:
        seen[line_id] = line.line
    if not line.get("name"):
        report.error(line.line, f"{what} has no name; add `name:` with the service's name")
    listed = line.get("countries")
    if not isinstance(listed, list) or not listed:
        report.error(line.line_of("countries"), f"{what} has no countries; add `countries: [uk]` (ids from "
                     f"`countries:` above: {', '.join(sorted(countries))}, or {ANYWHERE})")
    else:
        for country in listed:
            if country not in countries | {ANYWHERE}:
                report.error(line.line_of("countries"), f"{what}: unknown country {country!r}; use one of "
                             f"{', '.join(sorted(countries))} or {ANYWHERE}, or add the country under `countries:`")
    if line.get("topic") not in TOPICS:
        report.error(line.line_of("topic"), f"{what}: topic {line.get('topic')!r} is not one of {', '.join(TOPICS)}; "
                     "crisis lines go under 'Crisis lines', abuse lines under 'If you are not safe'")
    if not str(line.get("for") or "").strip():
        report.error(line.line_of("for"), f"{what} does not say who it is for; add `for:` with the ages or groups "
                     "the service helps (\"Anyone ...\" if it does not limit them)")
    contact = line.get("contact")
    if not isinstance(contact, list) or not contact:
        report.error(line.line_of("contact"), f"{what} has no way to reach it; add `contact:` with at least one "
                     "`- call:`, `- text:`, `- chat:` or `- web:`")
    else:
        for item in contact:
            check_way(report, item, what)
    if not str(line.get("hours") or "").strip():
        report.error(line.line_of("hours"), f"{what} has no opening hours; add `hours: 24/7`, or the hours with "
                     "their time zone, as the service gives them")
    free = line.get("free")
    if "free" in line and free is not True and not (isinstance(free, str) and free.strip()):
        report.error(line.line_of("free"), f"{what}: free is {free!r}; write `free: true` only where the service "
                     "says it is free from every phone, else a short sentence saying when it is free (\"Free with "
                     "most networks, says the service.\"), or leave it out")
    check_checked(report, line, what, today)


def check_country(report: Report, country, today: date, ids: set[str]) -> None:
    if not isinstance(country, Located):
        report.error(1, "an item under `countries:` is not a country; give each `id:`, `name:` and `emergency:`")
        return
    what = f"country {country.get('id') or country.get('name') or '(no id)'!s}"
    if country.get("name") and country.get("id"):
        what = f"{country['name']} (country {country['id']})"
    if not isinstance(country.get("id"), str) or not ID.match(country["id"]):
        report.error(country.line_of("id"), f"{what}: id {country.get('id')!r} is not a short lowercase id; use e.g. uk")
    elif country["id"] in ids:
        report.error(country.line_of("id"), f"{what}: id {country['id']!r} is used twice; give each country its own")
    else:
        ids.add(country["id"])
    if not country.get("name"):
        report.error(country.line, f"{what} has no name; add `name:` as readers know it, e.g. United Kingdom")
    numbers = country.get("emergency")
    if not isinstance(numbers, list) or not numbers:
        report.error(country.line_of("emergency"), f"{what} has no emergency numbers; add `emergency:` with "
                     "`- number: \"999\"` (digits as dialled)")
    else:
        for item in numbers:
            number = item.get("number") if isinstance(item, Located) else None
            if not re.match(r"^[0-9]+$", str(number or "")):
                line = item.line if isinstance(item, Located) else country.line_of("emergency")
                report.error(line, f"{what}: emergency number {number!r} is not digits as dialled; write it "
                             "in quotes, e.g. \"000\"")
    regions = country.get("regions")
    if not isinstance(regions, list) or not all(isinstance(r, str) and re.match(r"^[A-Z]{2}$", r) for r in regions):
        report.error(country.line_of("regions"), f"{what}: regions {regions!r} is not a list of two-letter region codes; "
                     "write e.g. `regions: [GB]`, the codes browser languages use for the country (en-GB)")
    if country.get("emergency_note_summary") and not country.get("emergency_note"):
        report.error(country.line_of("emergency_note_summary"), f"{what}: emergency_note_summary folds a note, but "
                     "there is no `emergency_note:`; add the note or remove the summary")
    if "checked" in country:
        check_checked(report, country, f"emergency numbers of {what}", today)


def check(path: Path, today: date) -> Report:
    report = Report(path)
    data = load(path, report)
    if data is None:
        return report
    countries = data.get("countries")
    ids: set[str] = set()
    if not isinstance(countries, list) or not countries:
        report.error(data.line_of("countries"), "no `countries:`; list each country with its id, name and emergency numbers")
    else:
        for country in countries:
            check_country(report, country, today, ids)
    lines = data.get("lines")
    if not isinstance(lines, list) or not lines:
        report.error(data.line_of("lines"), "no `lines:`; list the crisis lines the help page shows")
        return report
    seen: dict = {}
    for line in lines:
        check_line(report, line, ids, today, seen)
    return report


def data_file(config: Path) -> Path | None:
    """The crisis-lines file mkdocs.yml inherits from (INHERIT), if it does."""
    try:
        return site_config.inherited_file(config)
    except site_config.CONFIG_PROBLEMS:
        return None


# ------------------------------------------------------- --fetch: dead pages --

def addresses(path: Path) -> list[tuple[str, int, str]]:
    """Every web address in the data: (address, line in the file, what it is for)."""
    data = load(path, Report(path))
    found = []
    for country in (data or {}).get("countries") or []:
        checked = country.get("checked") if isinstance(country, Located) else None
        if isinstance(checked, Located) and is_url(checked.get("page")):
            found.append((checked["page"], checked.line_of("page"), f"the page {country.get('name')}'s emergency numbers were checked against"))
    for line in (data or {}).get("lines") or []:
        if not isinstance(line, Located):
            continue
        checked = line.get("checked")
        if isinstance(checked, Located) and is_url(checked.get("page")):
            found.append((checked["page"], checked.line_of("page"), f"the page {line.get('name')} was checked against"))
        for item in line.get("contact") or []:
            for key in ("chat", "web"):
                if isinstance(item, Located) and is_url(item.get(key)):
                    found.append((item[key], item.line_of(key), f"{line.get('name')}'s {key} address"))
    return found


def fetch_all(path: Path, timeout: float, retries: int, delay: float) -> list[str]:
    """Fetch each address once, one request at a time per host, `delay` seconds apart."""
    where = defaultdict(list)
    for url, line, what in addresses(path):
        where[url].append((line, what))
    report = Report(path)
    for url, status, problem in fetch_politely(where, timeout, retries, delay):
        if status is not None and status < 400:
            continue
        for line, what in where[url]:
            report.error(line, f"{what}, {url}, answered {problem or 'nothing'}; open it in a browser, find "
                         "the service's current page, re-check the line there and update it")
    print(f"check_crisis_lines: fetched {len(where)} addresses", file=sys.stderr)
    return sorted(report.errors)


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser(__doc__)
    parser.add_argument("data", nargs="?", type=Path, default=DATA, help=f"the crisis lines (default: {DATA})")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today(),
                        help="date to check against, YYYY-MM-DD (default: today)")
    parser.add_argument("--fetch", action="store_true", help="also fetch every web address in the data (uses the network)")
    add_fetch_options(parser)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        parser.error(f"{args.data} not found")

    report = check(args.data, args.today)
    problems = list(report.errors)
    if args.fetch and not problems:
        problems += fetch_all(args.data, args.timeout, args.retries, args.delay)
    for line in report.warnings + problems:
        print(line)
    if problems:
        print(f"check_crisis_lines: {len(problems)} problem(s) found")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
