"""Every command's output on the example data and the scenario files, byte for byte.

The records in ``tests/golden/`` were written by ``python tests/golden/commands.py``; a change a
user can see must regenerate them (and the diff is the review of that change).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "golden"))
import commands


def test_every_case_has_a_record_and_every_record_a_case() -> None:
    recorded = {p.stem for p in commands.GOLDEN.glob("*.out")}
    assert recorded == set(commands.CASES)


@pytest.mark.parametrize("name", sorted(commands.CASES))
def test_output_is_unchanged(name: str) -> None:
    expected = commands.path_of(name).read_bytes()
    actual = commands.run(commands.CASES[name])
    assert actual.decode("utf-8", "replace") == expected.decode("utf-8", "replace")
    assert actual == expected
