"""A small run of ``benchmarks/model_tax.py``: it builds what the library builds and reports each
row (no timing is asserted: the figures are the benchmark's, docs/performance.md)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "model_tax.py"


def test_the_model_tax_script_reports_every_row(tmp_path: Path) -> None:
    small = ["--enterprises", "200", "--repeat", "1", "--workdir", str(tmp_path)]
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *small],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for row in (
        "floor, whole run",
        "library (score_jsonl), whole run",
        "frozen objects (the library's)",
        "mutable objects",
        "mutable, no checks",
        "the same values as tuples",
        "the tax of frozen objects",
        "1.3x the floor leaves",
    ):
        assert row in done.stdout
    scored = re.search(r"\(([\d,]+) scored", done.stdout)
    assert scored is not None, done.stdout
    assert int(scored[1].replace(",", "")) > 150, done.stdout
