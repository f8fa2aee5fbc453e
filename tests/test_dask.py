"""zs_quality.dask: a bag read from JSON Lines partitions, on the local multiprocess scheduler,
gives the single-process totals."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from batch_support import population
from zs_quality.batch import BatchCounts, Rejected, jsonl_line, score_file
from zs_quality.rulesets import load_history

dask = pytest.importorskip("dask")
bags = pytest.importorskip("dask.bag")
zdask = pytest.importorskip("zs_quality.dask")

RULES = load_history(["zhongshan-construction-good-behaviour"])
AS_OF = "2025-06-30"


def test_score_bag_on_processes_matches_the_single_process_path(tmp_path: Path) -> None:
    lines = population(240, seed=5)
    parts = [lines[0:80], lines[80:160], [*lines[160:], "", "{broken"]]
    for index, part in enumerate(parts):
        (tmp_path / f"part-{index}.jsonl").write_text("\n".join(part) + "\n", encoding="utf-8")
    whole = tmp_path / "whole.jsonl"
    whole.write_text("\n".join([*lines, "{broken"]) + "\n", encoding="utf-8")

    expected = BatchCounts()
    expected_total = Decimal(0)
    expected_lines = []
    for outcome in score_file(str(whole), RULES, AS_OF, lambda r: r):
        expected.add(outcome)
        if not isinstance(outcome, Rejected):
            expected_total += outcome.total
            expected_lines.append(jsonl_line(outcome))

    outcomes = zdask.score_bag(bags.read_text(str(tmp_path / "part-*.jsonl")), RULES, AS_OF)
    with dask.config.set(scheduler="processes", num_workers=2):
        counts, total, scored = dask.compute(
            zdask.count_outcomes(outcomes),
            zdask.total_points(outcomes),
            outcomes.filter(zdask.is_result).map(jsonl_line),
        )
    assert counts == expected
    assert counts.scored + counts.rejected == counts.read == len(lines) + 1
    assert total == expected_total
    assert list(scored) == expected_lines


def test_rejected_elements_name_their_partition_and_position() -> None:
    good = json.loads(next(line for line in population(5, seed=5) if '"remark"' not in line))
    bag = bags.from_sequence([good, {"enterprise": {}}, good, "not json"], npartitions=2)
    outcomes = zdask.score_bag(bag, RULES, AS_OF).compute(scheduler="sync")
    rejected = [o for o in outcomes if isinstance(o, Rejected)]
    assert [(r.error.file, r.position) for r in rejected] == [
        ("partition 0", 2),
        ("partition 1", 2),
    ]


def test_a_bad_date_fails_before_anything_runs() -> None:
    with pytest.raises(ValueError, match="not a date"):
        zdask.score_bag(bags.from_sequence([]), RULES, "30/06/2025")
