"""The scripts' layout holds: each job's folder (build, checks, author, dev) imports only
from scripts.core and from itself, never from another job's folder (and core from none);
nothing under scripts/ or tests/ edits sys.path to find a module (pytest.ini's
pythonpath does that)."""

import ast
from pathlib import Path

from scripts.core import REPO

SCRIPTS = REPO / "scripts"
JOBS = ("build", "checks", "author", "dev")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) for each import in a module of the scripts package,
    relative imports (`from ..core import x`, `from . import y`) resolved."""
    package = path.relative_to(REPO).with_suffix("").parts[:-1]  # e.g. ("scripts", "checks")
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from the package, up level - 1 folders
                base = package[: len(package) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            # `from scripts import checks` imports the folder itself
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
            found.append((node.lineno, module))
    return found


def cross_imports(scripts: Path = SCRIPTS) -> list[str]:
    """Each import of another job's folder by a job's folder (or by core), once per line."""
    problems = {}
    for folder in ("core", *JOBS):
        for path in sorted((scripts / folder).rglob("*.py")):
            for line, module in imported_modules(path):
                parts = module.split(".")
                if parts[0] == "scripts" and len(parts) > 1 and parts[1] in JOBS and parts[1] != folder:
                    problems.setdefault((path, line), f"{path.relative_to(REPO)}:{line}: imports scripts.{parts[1]}; "
                                        "move what both need into scripts/core/ and import it from there")
    return list(problems.values())


def test_no_job_folder_imports_from_another():
    problems = cross_imports()
    assert not problems, "\n".join(problems)


def test_every_folder_is_a_package_and_core_is_plain():
    for folder in ("", "core", *JOBS):
        assert (SCRIPTS / folder / "__init__.py").is_file(), folder
    # nothing but the package's own modules at the top: every script lives in its job's folder
    assert sorted(p.name for p in SCRIPTS.glob("*.py")) == ["__init__.py"]


def sys_path_edits(path: Path) -> list[int]:
    """Lines that call sys.path.insert/append/extend (or assign to sys.path)."""
    def is_sys_path(node) -> bool:
        return (isinstance(node, ast.Attribute) and node.attr == "path"
                and isinstance(node.value, ast.Name) and node.value.id == "sys")

    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("insert", "append", "extend") and is_sys_path(node.func.value)):
            lines.append(node.lineno)
        elif isinstance(node, ast.Assign) and any(is_sys_path(target) for target in node.targets):
            lines.append(node.lineno)
    return lines


def test_nothing_edits_sys_path():
    found = [f"{path.relative_to(REPO)}:{line}" for folder in (SCRIPTS, REPO / "tests")
             for path in sorted(folder.rglob("*.py")) for line in sys_path_edits(path)]
    assert found == [], "import the package (scripts.core...) instead of editing sys.path"
