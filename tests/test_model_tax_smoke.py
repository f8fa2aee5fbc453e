"""A small run of ``benchmarks/model_tax.py``: what it builds holds the library's values (the
script checks that itself, and exits when not), and it reports each row (no timing is asserted:
the figures are the benchmark's, docs/performance.md)."""

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
        "mutable, as attrs.define makes them",
        "mutable, no hooks ",
        "mutable, no hooks, no checks",
        "the same values as tuples",
        "the tax of the frozen objects",
        "the tax of mutable objects as attrs.define makes them",
        "the tax of mutable objects without hooks",
        "1.3x the floor leaves",
        "1.5x the floor leaves",
    ):
        assert row in done.stdout
    scored = re.search(r"\(([\d,]+) scored", done.stdout)
    assert scored is not None, done.stdout
    assert int(scored[1].replace(",", "")) > 150, done.stdout
    # Every enterprise scored (up to 200) was built again and held the library's values.
    checked = f"objects hold the library's values (checked on {scored[1]} enterprises)"
    assert checked in done.stdout
