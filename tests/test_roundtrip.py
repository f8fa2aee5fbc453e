"""Serialization round-trips for every model: structure(unstructure(x)) == x, also through JSON
text (numbers exact, dates ISO, evidence tagged by kind)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zs_quality import structure, unstructure
from zs_quality.io.jsonio import dumps, loads
from zs_quality.model.criteria import Criteria
from zs_quality.model.enterprise import Enterprise
from zs_quality.model.evidence import Evidence
from zs_quality.model.roles import Appointment, Person
from zs_quality.model.submission import IntegrityRecord, Submission
from zs_quality.model.titles import Candidate
from zs_quality.model.uscc import USCC
from zs_quality.registries.training import TrainingRecord
from zs_quality.testing import strategies as zs

MODELS: list[tuple[Any, st.SearchStrategy[Any]]] = [
    (USCC, zs.usccs()),
    (Enterprise, zs.enterprises()),
    (Person, zs.people()),
    (Appointment, zs.appointments()),
    (TrainingRecord, zs.training_records()),
    (Evidence, zs.evidence()),
    (Submission, zs.submissions()),
    (Candidate, zs.candidates()),
    (Criteria, zs.criteria_sets()),
    (
        IntegrityRecord,
        zs.integrity_cases(min_records=1).map(lambda case: case.submission.records[0]),
    ),
]


@pytest.mark.parametrize(("model", "strategy"), MODELS, ids=lambda v: getattr(v, "__name__", ""))
def test_structure_inverts_unstructure(model: Any, strategy: st.SearchStrategy[Any]) -> None:
    @settings(max_examples=60)
    @given(strategy)
    def round_trip(value: object) -> None:
        data = unstructure(value)
        assert structure(data, model) == value
        assert structure(loads(dumps(data)), model) == value

    round_trip()
