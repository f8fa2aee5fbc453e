"""JSON Schemas: the shipped files match the models, and real documents validate against them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from zs_quality.batch import result_data
from zs_quality.cli import main
from zs_quality.convert import structure, unstructure
from zs_quality.examples import example_path
from zs_quality.io.answers import ProblemDetails, code_check, rejected_element
from zs_quality.io.jsonio import loads
from zs_quality.io.registry import RegistryLine
from zs_quality.model.submission import Submission
from zs_quality.model.titles import Candidate
from zs_quality.rules.integrity import score_integrity
from zs_quality.schemas import (
    CATALOGUE,
    Direction,
    generate_schema,
    load_schema,
    schema_names,
    schema_text,
    write_schemas,
)
from zs_quality.testing.strategies import candidates, integrity_cases

CRITERIA = "gd-quality-engineering"
POPULATION = str(example_path("population.jsonl"))
REGISTRY = str(example_path("cqo_registry.jsonl"))
BASE = "zhongshan-construction-good-behaviour@2024"
REFORM = "zhongshan-construction-good-behaviour@2024-cqo"


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(name), format_checker=FormatChecker())


def assert_valid(name: str, document: Any) -> None:
    errors = sorted(validator(name).iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_the_shipped_files_are_the_generated_schemas(tmp_path: Path) -> None:
    # After a model changes: python -m zs_quality.schemas
    for path in write_schemas(tmp_path):
        assert schema_text(path.stem) == path.read_text(encoding="utf-8"), (
            f"{path.stem}.json is stale: run python -m zs_quality.schemas"
        )


@pytest.mark.parametrize("name", schema_names())
def test_each_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    Draft202012Validator.check_schema(load_schema(name))
    assert load_schema(name) == generate_schema(name)


@pytest.mark.parametrize("entry", [s for s in CATALOGUE if s.example], ids=lambda s: s.name)
def test_examples_validate_and_the_library_reads_them(entry: Any) -> None:
    for example in entry.examples():
        assert_valid(entry.name, example)
        structure(loads(json.dumps(example)), entry.root)


def test_every_input_and_policy_file_has_an_example() -> None:
    assert {s.name for s in CATALOGUE if s.direction is not Direction.OUTPUT} == {
        s.name for s in CATALOGUE if s.example
    }


def test_enumerations_carry_their_chinese_labels() -> None:
    status = load_schema("submission")["$defs"]["RecordStatus"]
    assert status["enum"] == ["approved", "pending", "rejected"]
    assert status["x-enum-descriptions"] == ["审核通过", "待审核", "不予通过"]


def test_inputs_require_what_the_converter_requires() -> None:
    record = load_schema("submission")["$defs"]["IntegrityRecord"]
    assert record["required"] == ["id", "item", "document_date", "submitted_on"]
    assert record["additionalProperties"] is False
    line = load_schema("registry-line")["$defs"]["RegistryLine"]
    # No default: the key must be there, though its value may be null.
    assert "town" in line["required"]
    assert "above_designated_size" not in line["required"]


def test_outputs_require_every_field() -> None:
    result = load_schema("integrity-result")["$defs"]["IntegrityResult"]
    assert result["required"] == list(result["properties"])


def test_an_unknown_key_is_refused_by_the_schema_and_the_library() -> None:
    data = json.loads((example_path("population.jsonl")).read_text("utf-8").splitlines()[0])
    data["records"][0]["colour"] = "red"
    assert not validator("submission").is_valid(data)
    with pytest.raises(ValueError, match="colour: unknown key"):
        structure(data, Submission)


def test_evidence_is_a_tagged_union() -> None:
    schema = load_schema("candidate")
    evidence = schema["$defs"]["Evidence"]
    assert evidence["discriminator"]["propertyName"] == "kind"
    assert set(evidence["discriminator"]["mapping"]) == {
        "award",
        "standard",
        "patent",
        "project",
        "paper",
        "report",
        "typical_case",
        "cqo_certification",
        "demonstration_base",
    }
    bad = {"name": "x", "education": "bachelor", "evidence": [{"id": "a", "kind": "prize"}]}
    assert not validator("candidate").is_valid(bad)


@settings(max_examples=40)
@given(st.from_type(Submission))
def test_any_submission_written_by_the_library_is_valid_input(submission: Submission) -> None:
    assert_valid("submission", unstructure(submission))


@settings(max_examples=40)
@given(candidates())
def test_any_candidate_written_by_the_library_is_valid_input(candidate: Candidate) -> None:
    assert_valid("candidate", unstructure(candidate))


@settings(max_examples=40)
@given(integrity_cases())
def test_any_integrity_result_is_valid_output(case: Any) -> None:
    result = score_integrity(case.submission, case.rules, case.as_of)
    data = result_data(result)
    assert data == unstructure(result)
    assert_valid("integrity-result", data)


def test_registry_lines_of_the_example_registry_validate() -> None:
    for text in Path(REGISTRY).read_text("utf-8").splitlines():
        data = json.loads(text)
        assert_valid("registry-line", data)
        structure(loads(text), RegistryLine)


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    main(list(args))
    return json.loads(capsys.readouterr().out)


def test_cli_outputs_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scored = _cli(capsys, "score", "--ruleset", REFORM, "--as-of", "2025-06-30", POPULATION)
    assert len(scored) == 12
    for result in scored:
        assert_valid("integrity-result", result)
    assert_valid("coverage", _cli(capsys, "cqo", "coverage", "--as-of", "2024-06-30", REGISTRY))
    impact = ("impact", "--baseline", BASE, "--reform", REFORM, "--as-of", "2025-06-30")
    assert_valid("impact", _cli(capsys, *impact, POPULATION))
    assert_valid("sweep", _cli(capsys, *impact, "--sweep", "JCQO-001=5,10,20", POPULATION))
    candidate = tmp_path / "candidate.json"
    candidate.write_text(
        json.dumps(json.loads(schema_text("candidate"))["examples"][0]), encoding="utf-8"
    )
    for level in ("technician", "engineer", "senior_engineer"):
        assessed = _cli(
            capsys, "titles", "assess", "--level", level, "--as-of", "2024-07-01", str(candidate)
        )
        assert_valid("title-assessment", assessed)
    for code in ("91350100M000100Y43", "91350100M000100Y4Z", "x"):
        main(["uscc", code])
        assert_valid("code-check", json.loads(capsys.readouterr().out))


def test_a_comparison_with_a_counterexample_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from zs_quality.policy.criteria import criteria_text

    lower = tmp_path / "lower.toml"
    text = criteria_text(CRITERIA).replace("at_least = 3", "at_least = 2", 1)
    lower.write_text(text.replace('id = "gd-quality-engineering"', 'id = "local"'), "utf-8")
    main(["titles", "compare", str(lower), CRITERIA])
    comparison = json.loads(capsys.readouterr().out)
    assert comparison["lower"] is True
    assert any(level["counterexample"] for level in comparison["levels"])
    assert_valid("criteria-comparison", comparison)


def test_answer_documents_validate() -> None:
    assert_valid("code-check", unstructure(code_check(" 91350100m000100y43")))
    try:
        structure({"enterprise": {}}, Submission)
    except ValueError as exc:
        element = unstructure(rejected_element(3, exc))  # type: ignore[arg-type]
    assert element["index"] == 3
    assert_valid("rejected-element", element)
    problem = ProblemDetails(
        type="urn:zs-quality:problem:invalid-body",
        title="t",
        status=422,
        detail="d",
        instance="/x",
        problems=(),
    )
    assert_valid("problem-details", unstructure(problem))


def test_the_input_reference_lists_every_field_with_labels_and_examples() -> None:
    from zs_quality.schemas.reference import input_reference

    text = input_reference()
    for entry in CATALOGUE:
        if entry.direction is Direction.OUTPUT:
            continue
        defs = load_schema(entry.name)["$defs"]
        for name, body in defs.items():
            if "properties" in body:
                assert f"### `{name}`" in text, name
                for field in body["properties"]:
                    assert f"| `{field}` |" in text, (name, field)
            for value, label in zip(
                body.get("enum", []), body.get("x-enum-descriptions", []), strict=True
            ):
                assert f"`{value}` {label}" in text
    # An example from the example document, and the required column.
    assert '| `document_no` | text, or null | no |  | `"建质〔2024〕1号"` |' in text
    assert '| `kind` | always `"patent"` | yes |' in text


def test_the_docs_name_every_schema() -> None:
    page = (Path(__file__).parent.parent / "docs" / "schemas.md").read_text("utf-8")
    for name in schema_names():
        assert f"`{name}`" in page, name


def _toml_as_json(text: str) -> Any:
    import datetime as _dt
    import tomllib

    def plain(value: object) -> object:
        if isinstance(value, _dt.date):
            return value.isoformat()
        raise TypeError(value)

    return json.loads(json.dumps(tomllib.loads(text), default=plain))


def _policy_files() -> list[Path]:
    root = Path(__file__).parent.parent
    return [
        *sorted((root / "src" / "zs_quality" / "rulesets").glob("*.toml")),
        *sorted((root / "src" / "zs_quality" / "data" / "criteria").glob("*.toml")),
        *sorted((root / "tests" / "scenarios" / "rulesets").glob("*.toml")),
    ]


@pytest.mark.parametrize("path", _policy_files(), ids=lambda p: p.name)
def test_every_policy_file_validates_against_its_schema(path: Path) -> None:
    data = _toml_as_json(path.read_text("utf-8"))
    assert_valid("ruleset-file" if "ruleset" in data else "criteria-file", data)


@settings(max_examples=40)
@given(st.data())
def test_any_ruleset_file_the_library_reads_is_valid(data: st.DataObject) -> None:
    from zs_quality.rulesets import parse_ruleset
    from zs_quality.testing.strategies import ruleset_texts

    text = data.draw(ruleset_texts())
    parse_ruleset(text, source="drawn")
    assert_valid("ruleset-file", _toml_as_json(text))


def test_the_criteria_example_is_read_by_the_library() -> None:
    from zs_quality.policy.criteria import criteria_from_data

    [example] = load_schema("criteria-file")["examples"]
    criteria = criteria_from_data(loads(json.dumps(example)), source="example")
    assert [lc.level.value for lc in criteria.levels] == ["technician", "engineer"]


@pytest.mark.parametrize(
    ("name", "change"),
    [
        ("ruleset-file", lambda d: d["items"][0].update(colour="red")),
        ("ruleset-file", lambda d: d["items"][0].update(points="100")),
        ("ruleset-file", lambda d: d["items"][0].update(categories=[])),
        ("ruleset-file", lambda d: d["ruleset"].update(note=None)),
        ("criteria-file", lambda d: d["levels"][1].update(min_years_in_title={"phd": 2})),
        ("criteria-file", lambda d: d.update(schema=2)),
        ("criteria-file", lambda d: d["criteria"].update(id="")),
    ],
)
def test_policy_file_faults_are_refused_by_the_schema(name: str, change: Any) -> None:
    [example] = load_schema(name)["examples"]
    data = json.loads(json.dumps(example))
    assert validator(name).is_valid(data)
    change(data)
    assert not validator(name).is_valid(data)
