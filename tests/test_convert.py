"""The converter: exact round trips for every model, and errors that name the field path."""

from __future__ import annotations

import gc
import types
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zs_quality import (
    Appointment,
    Enterprise,
    Evidence,
    InputError,
    Person,
    Submission,
    TransitionError,
    structure,
    unstructure,
)
from zs_quality.io.jsonio import dumps, loads
from zs_quality.model import EVIDENCE_TYPES

CODE = "91350100M000100Y43"

EXAMPLES: list[tuple[type, dict[str, Any]]] = [
    (
        Enterprise,
        {
            "uscc": CODE,
            "name": "中山某建设有限公司",
            "town": "小榄镇",
            "sector": "construction",
            "category": "construction_contractor",
            "employees": 120,
            "revenue": "6500.5",
            "total_assets": "5000",
            "above_designated_size": None,
        },
    ),
    (Person, {"name": "黄工", "education": "college", "quality_work_years": "3.5"}),
    (
        Appointment,
        {
            "role": "chief_quality_officer",
            "person": {"name": "黄工", "education": "master", "quality_work_years": "8"},
            "enterprise": CODE,
            "appointed_on": "2024-02-29",
            "ended_on": None,
            "appointed_by": "法定代表人",
        },
    ),
]

EVIDENCE_EXAMPLES: list[dict[str, Any]] = [
    {"kind": "award", "level": "national", "grade": "一等奖"},
    {"kind": "standard", "scope": "group", "rank": 3},
    {"kind": "patent", "type": "invention"},
    {"kind": "project", "level": "municipal", "role": "lead"},
    {"kind": "project", "role": "main"},
    {"kind": "paper", "rank": 1},
    {"kind": "report", "role": "lead"},
    {"kind": "typical_case", "level": "national"},
    {"kind": "cqo_certification", "valid_until": "2027-07-10"},
    {"kind": "demonstration_base", "level": "association"},
]


@pytest.mark.parametrize(("cls", "data"), EXAMPLES)
def test_models_round_trip_exactly(cls: type, data: dict[str, Any]) -> None:
    obj = structure(data, cls)
    assert structure(unstructure(obj), cls) == obj
    assert unstructure(obj) == {**data, **_canonical(data)}


def _canonical(data: dict[str, Any]) -> dict[str, Any]:
    # Defaults the example left out are written back.
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize("fields", EVIDENCE_EXAMPLES, ids=lambda f: f["kind"])
def test_evidence_round_trips_with_its_kind(fields: dict[str, Any]) -> None:
    data = {
        "id": "e1",
        "date": "2024-05-01",
        "cqo_led": True,
        "document_no": "X〔2024〕1号",
        **fields,
    }
    obj = structure(data, Evidence)  # type: ignore[arg-type]
    out = unstructure(obj)
    assert out["kind"] == fields["kind"]
    assert structure(out, Evidence) == obj  # type: ignore[arg-type]
    assert structure(loads(dumps(out)), Evidence) == obj  # type: ignore[arg-type]


def test_every_evidence_kind_has_an_example() -> None:
    assert {e["kind"] for e in EVIDENCE_EXAMPLES} == {str(t.KIND.value) for t in EVIDENCE_TYPES}


@given(
    st.decimals(allow_nan=False, allow_infinity=False, min_value=0, max_value=10**9, places=4),
    st.integers(min_value=0, max_value=10**6),
)
def test_decimals_survive_json_exactly(revenue: Decimal, employees: int) -> None:
    e = Enterprise(uscc=CODE, name="x", revenue=revenue, employees=employees)
    back = structure(loads(dumps(unstructure(e))), Enterprise)
    assert back == e
    assert back.revenue == revenue
    assert str(back.revenue) == str(revenue)


def test_json_numbers_are_read_as_decimals_not_floats() -> None:
    data = loads(f'{{"uscc": "{CODE}", "name": "x", "revenue": 0.1}}')
    assert structure(data, Enterprise).revenue == Decimal("0.1")


def test_errors_name_every_bad_field_with_its_path() -> None:
    data = {
        "role": "ceo",
        "person": {"name": "x", "education": "bachelor", "quality_work_years": "many"},
        "enterprise": "91350100M000100Y44",
        "appointed_on": "2024-13-01",
        "salary": 1,
    }
    with pytest.raises(InputError) as info:
        structure(data, Appointment, file="a.json", line=7)
    err = info.value
    paths = {p.path: p.message for p in err.problems}
    assert paths["role"].startswith("'ceo' is not one of: chief_quality_officer")
    assert paths["person.quality_work_years"] == "'many' is not a number"
    assert paths["enterprise"] == "position 18: check character is '4', expected '3'"
    assert paths["appointed_on"] == "'2024-13-01' is not a date (no such day)"
    assert paths["salary"] == "unknown key"
    assert str(err).startswith("a.json:7: ")
    assert (err.file, err.line) == ("a.json", 7)


def test_list_items_are_indexed_and_prefixed() -> None:
    with pytest.raises(InputError) as info:
        structure(
            [{"kind": "standard", "id": "a", "date": "2024-01-01"}],
            tuple[Evidence, ...],
            path="evidence",
        )  # type: ignore[arg-type]
    assert info.value.path == "evidence[0].scope"
    assert info.value.message == "required key is missing"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("text", "expected an object, got a string 'text'"),
        ([], r"expected an object, got an array \[\]"),
        (None, "expected an object, got null"),
        ({"uscc": CODE, "name": 5}, "expected a string, got a number 5"),
        ({"uscc": CODE, "name": None}, "expected a string, got null"),
        ({"uscc": CODE, "name": "x", "employees": True}, "expected a whole number, got true"),
        ({"uscc": CODE, "name": "x", "employees": "12"}, "expected a whole number, got a string"),
        ({"uscc": CODE, "name": "x", "employees": 1.5}, "expected a whole number"),
        ({"uscc": CODE, "name": "x", "revenue": "NaN"}, "not a finite number"),
        ({"uscc": CODE}, "required key is missing"),
    ],
)
def test_bad_shapes_are_input_errors(data: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        structure(data, Enterprise)


def test_a_rule_violation_after_structuring_names_its_field() -> None:
    with pytest.raises(InputError) as info:
        structure({"uscc": CODE, "name": "x", "employees": -3}, Enterprise, path="enterprise")
    assert info.value.path == "enterprise.employees"


def test_json_errors_carry_file_and_line() -> None:
    with pytest.raises(InputError) as info:
        loads("{bad", file="in.jsonl", line=4)
    assert str(info.value).startswith("in.jsonl:4: not valid JSON")
    with pytest.raises(InputError, match="NaN is not a number"):
        loads('{"a": NaN}')


def test_generic_registry_entries_round_trip() -> None:
    from zs_quality.registries import GroupStandardEntry

    data = {
        "id": "s1",
        "title": "首席质量官评价规范",
        "code": None,
        "history": [
            {"state": "registered", "on": "2023-01-01", "document_no": None, "note": ""},
            {"state": "drafting", "on": "2023-02-01", "document_no": None, "note": ""},
        ],
    }
    entry = structure(data, GroupStandardEntry)
    assert unstructure(entry) == data
    with pytest.raises(InputError) as info:
        structure(
            {**data, "history": [data["history"][0], {"state": "in_force", "on": "2023-02-01"}]},
            GroupStandardEntry,
        )
    assert info.value.path == "history[1].state"
    assert "cannot move from registered (立项) to in_force (实施)" in info.value.message
    assert isinstance(info.value, TransitionError)


def test_a_set_is_written_as_a_sorted_list() -> None:
    from zs_quality.rulesets import load_ruleset

    item = load_ruleset("zhongshan-construction-good-behaviour@2024-cqo").items["JCQO-001"]
    categories = unstructure(item)["categories"]
    assert categories == sorted(c.value for c in item.categories)
    assert len(categories) > 1


def _refused(data: Any) -> None:
    try:
        structure(data, Submission)
    except InputError:
        return
    pytest.fail("the submission was accepted")


@pytest.mark.parametrize(
    "bad",
    [
        # A record's impossible date, an enterprise without a name, a bad code: each goes
        # through cattrs' detailed validation, which keeps sub-exceptions in its frames.
        {
            "enterprise": {"uscc": "91442000000000019L", "name": "甲", "category": "supervision"},
            "records": [
                {
                    "id": "r1",
                    "item": "JJL-003",
                    "document_date": "2024-02-30",
                    "submitted_on": "2024-03-01",
                }
            ],
        },
        {"enterprise": {"uscc": "91442000000000019L", "category": "supervision"}, "records": []},
        {"enterprise": {"uscc": "91442000000000010L", "name": "甲"}, "records": [], "x": 1},
    ],
)
def test_a_refused_submission_leaves_no_reference_cycle(bad: dict[str, Any]) -> None:
    # A cycle would hold every frame down the stack until the cyclic collector runs: a batch's
    # chunk of results with them, and Python 3.13 runs it rarely enough that memory grew with
    # the population. structure() clears the frames of what it refuses.
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            _refused(bad)
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        # Only the library's and cattrs' frames: garbage another thread may leave is not ours.
        left = [
            o.f_code.co_name
            for o in gc.garbage
            if isinstance(o, types.FrameType)
            and any(part in o.f_code.co_filename for part in ("zs_quality", "cattrs"))
        ]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert left == []
