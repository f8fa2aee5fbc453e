"""From outside the package: hypothesis finds zs_quality's strategies through the entry point."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path

# A downstream project's test: it imports hypothesis and the models, never zs_quality.testing.
DOWNSTREAM_TEST = textwrap.dedent(
    """
    import sys

    from hypothesis import given, settings, strategies as st

    from zs_quality import USCC, Enterprise, classify_size
    from zs_quality.model.evidence import Evidence
    from zs_quality.model.submission import Submission


    @settings(max_examples=50)
    @given(st.from_type(Enterprise))
    def test_enterprises_are_valid(enterprise):
        assert isinstance(enterprise, Enterprise)
        assert USCC.parse(str(enterprise.uscc)) == enterprise.uscc
        if enterprise.sector is not None and enterprise.sector.value != "other":
            classify_size(enterprise)


    @settings(max_examples=20)
    @given(st.from_type(Evidence), st.from_type(Submission))
    def test_other_models(evidence, submission):
        assert submission.enterprise.category is not None


    def test_the_strategies_came_through_the_plugin():
        # Nothing above imports zs_quality.testing: the plugin loaded it when a test drew.
        assert "zs_quality.testing.strategies" in sys.modules
    """
)


def test_the_entry_point_is_declared() -> None:
    hooks = [e for e in entry_points(group="hypothesis") if e.name == "zs_quality"]
    assert [e.value for e in hooks] == ["zs_quality.testing.hypothesis_plugin:register"]


def _run_downstream(
    folder: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    (folder / "test_downstream.py").write_text(DOWNSTREAM_TEST, encoding="utf-8")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args, str(folder)]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False, env=env)


def test_a_downstream_project_gets_valid_objects_from_st_from_type(tmp_path: Path) -> None:
    done = _run_downstream(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout


def test_without_the_plugin_hypothesis_cannot_build_an_enterprise(tmp_path: Path) -> None:
    """The control: the same test fails when plugins are off, so the entry point is what works."""
    done = _run_downstream(
        tmp_path,
        "-k",
        "test_enterprises_are_valid",
        env=os.environ | {"HYPOTHESIS_NO_PLUGINS": "1"},
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 failed" in done.stdout


def test_the_runner_and_the_plugin_module_import_without_hypothesis() -> None:
    """zs_quality[test] is optional: only the strategy modules need hypothesis."""
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "import zs_quality.cli, zs_quality.testing.scenarios, zs_quality.testing.hypothesis_plugin\n"
        "try:\n    import zs_quality.testing.strategies\nexcept ImportError:\n    print('needs')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, "needs\n"), done.stderr
