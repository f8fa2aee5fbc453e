"""A small run of the benchmark: the CLI, the API and the hand-written floor agree (no timing)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RUNNER = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


def test_the_three_contenders_give_identical_totals(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(RUNNER), "--enterprises", "400", "--workdir", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "all contenders agree (totals and byte-identical output)" in done.stdout
    for contender in ("floor", "api", "cli", "cli --jobs 2"):
        assert f"\n{contender} " in done.stdout
