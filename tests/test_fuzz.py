"""Fuzzing: reading and scoring never raise anything but ZsQualityError, whatever the input.

The default run draws hypothesis's default number of examples; the long run draws 10,000 per
test: ``pytest -m fuzz --hypothesis-profile=fuzz`` (docs/testing.md).
"""

from __future__ import annotations

import contextlib
import copy
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zs_quality.api import coverage
from zs_quality.batch import Rejected, score_one
from zs_quality.convert import structure, unstructure
from zs_quality.errors import RulesetError, ZsQualityError
from zs_quality.io.jsonio import Line
from zs_quality.io.registry import parse_registry
from zs_quality.model.submission import Submission
from zs_quality.policy.rulesets import embedded_rulesets
from zs_quality.rules.integrity import IntegrityResult, score_integrity
from zs_quality.rulesets import Ruleset, parse_ruleset
from zs_quality.testing import strategies as zs
from zs_quality.testing.invalid import json_values

pytestmark = pytest.mark.fuzz

RULES = embedded_rulesets()


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a node of a JSON-like tree, the root included."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def mutated(draw: st.DrawFn, data: Any, *, max_mutations: int = 3) -> Any:
    """``data`` with a few random changes: a node replaced, removed, or given a new key."""
    result = copy.deepcopy(data)
    for _ in range(draw(st.integers(min_value=1, max_value=max_mutations))):
        path = draw(st.sampled_from(_paths(result)))
        if not path:
            return draw(json_values())
        parent = result
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "remove", "add_key"]))
        if action == "remove":
            del parent[path[-1]]
        elif action == "add_key" and isinstance(parent[path[-1]], dict):
            parent[path[-1]][draw(st.text(max_size=8))] = draw(json_values(max_leaves=3))
        else:
            parent[path[-1]] = draw(json_values(max_leaves=5))
    return result


def _score(data: Any, rules: Ruleset, as_of: Any) -> None:
    with contextlib.suppress(ZsQualityError):
        score_integrity(structure(data, Submission), rules, as_of)


@given(json_values(), st.sampled_from(RULES), zs.dates())
def test_arbitrary_json_is_read_and_scored_or_refused(data: Any, rules: Ruleset, day: Any) -> None:
    _score(data, rules, day)


@given(json_values(), json_values(), st.sampled_from(RULES), zs.dates())
def test_arbitrary_enterprise_and_records_are_read_and_scored_or_refused(
    enterprise: Any, records: Any, rules: Ruleset, day: Any
) -> None:
    _score({"enterprise": enterprise, "records": records}, rules, day)


@given(zs.integrity_cases(max_records=4), st.data())
def test_near_valid_submissions_are_read_and_scored_or_refused(
    case: zs.IntegrityCase, data: st.DataObject
) -> None:
    bad = data.draw(mutated(unstructure(case.submission)))
    _score(bad, case.rules, case.as_of)


@given(zs.integrity_cases(max_records=4), st.data())
def test_batch_scoring_never_raises(case: zs.IntegrityCase, data: st.DataObject) -> None:
    bad = data.draw(mutated(unstructure(case.submission)))
    outcome = score_one(bad, case.rules, case.as_of, position=7, file="in.jsonl")
    assert isinstance(outcome, IntegrityResult | Rejected)
    if isinstance(outcome, Rejected):
        assert (outcome.position, outcome.error.file, outcome.error.line) == (7, "in.jsonl", 7)


REGISTRY_LINE = {
    "uscc": "91350100M000100Y43",
    "name": "中山示例有限公司",
    "town": "古镇",
    "sector": "manufacturing",
    "employees": 300,
    "revenue": 2000,
    "total_assets": 1000,
    "cqo": {
        "name": "李明",
        "education": "bachelor",
        "quality_work_years": 5,
        "appointed_on": "2024-01-01",
        "trained_on": "2024-02-01",
    },
}


@given(st.lists(json_values() | mutated(REGISTRY_LINE), max_size=4), zs.dates())
def test_registry_lines_are_read_or_reported_and_coverage_never_raises(
    rows: list[Any], day: Any
) -> None:
    registry = parse_registry([Line(n, row) for n, row in enumerate(rows, 1)], file="r.jsonl")
    assert len(registry.entries) + len(registry.errors) == len(rows)
    report = coverage(
        registry.enterprises, registry.appointments, day, trainings=registry.trainings
    )
    assert len(report.enterprises) == len(registry.entries)


_KEY = re.compile(r"^(\w+) = ")
TOML_VALUES = ['"x"', '""', "-1", "0", "1.5", "true", "[]", "{}", '[1, "a"]', "2024-02-30"]
TOML_VALUES += ["1979-05-27T07:32:00", "nan", "inf", "1e400", '"2024-01-01"']


@given(zs.ruleset_texts(max_items=3), st.data())
def test_mutated_ruleset_files_are_read_or_refused_as_ruleset_errors(
    text: str, data: st.DataObject
) -> None:
    lines = text.splitlines()
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        index = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = data.draw(st.sampled_from(["value", "drop", "repeat"]))
        if action == "drop":
            del lines[index]
        elif action == "repeat":
            lines.insert(index, lines[index])
        else:
            key = _KEY.match(lines[index])
            if key:
                lines[index] = f"{key.group(1)} = {data.draw(st.sampled_from(TOML_VALUES))}"
        if not lines:
            break
    with contextlib.suppress(RulesetError):
        parse_ruleset("\n".join(lines), source="fuzz.toml")
