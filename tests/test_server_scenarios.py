"""The scenario files' cases, asked of the HTTP service: it answers each exactly as the command line
does, and its answers meet every expectation of the case."""

from __future__ import annotations

import datetime as _dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from zs_quality.cli import main
from zs_quality.io.jsonio import read_json_or_lines
from zs_quality.model.labels import LabelledEnum
from zs_quality.model.titles import TitleLevel
from zs_quality.rulesets import load_ruleset
from zs_quality.testing.scenarios import Case, ScenarioKind, load_scenarios

SCENARIOS = Path(__file__).parent / "scenarios"
CASES = [case for path in sorted(SCENARIOS.glob("test_*.toml")) for case in load_scenarios(path)]


def _rows(case: Case) -> list[Any]:
    """The case's input as JSON data: the records of its file, or the inline tables."""
    if isinstance(case.input, Path):
        return [line.data for line in read_json_or_lines(str(case.input))]
    raw = case.input if isinstance(case.input, list) else [case.input]
    return [json.loads(json.dumps(row, default=_plain)) for row in raw]


def _plain(value: object) -> object:
    # TOML dates and numbers, as their JSON text.
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(value)


def _expected(value: object) -> object:
    """An expectation as the JSON answers write it."""
    if isinstance(value, LabelledEnum):
        return value.value
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return tuple(_expected(v) for v in value)
    return value


def _write(folder: Path, rows: list[Any]) -> str:
    path = folder / "input.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return str(path)


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(list(args))
    return status, capsys.readouterr().out


def _check(case: Case, facts: dict[str, object]) -> None:
    for key, expected in case.expect.items():
        want, actual = _expected(expected), facts.get(key)
        if isinstance(want, Decimal) and isinstance(actual, str):
            actual = Decimal(actual)  # decimals are text in JSON answers
        assert actual == want, f"{case.name}: {key}"


def _integrity(
    case: Case, client: httpx.Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    refs = [str(load_ruleset(r).ref) if r.endswith(".toml") else r for r in case.rulesets]
    [submission] = _rows(case)
    errors = tmp_path / "errors.jsonl"
    args = [arg for ref in case.rulesets for arg in ("--ruleset", ref)]
    status, out = _cli(
        capsys,
        "score",
        *args,
        "--as-of",
        str(case.as_of),
        "--errors",
        str(errors),
        _write(tmp_path, [submission]),
    )
    answer = client.post(
        "/integrity/score", params={"ruleset": refs, "as_of": str(case.as_of)}, json=submission
    )
    if status == 1:
        [rejected] = [json.loads(line) for line in errors.read_text("utf-8").splitlines()]
        assert answer.status_code == 422
        assert answer.json()["problems"] == rejected["problems"]
        paths = [p["path"] for p in rejected["problems"]]
        assert case.expect_error in paths
        return
    assert status == 0
    result = answer.json()
    assert answer.status_code == 200
    assert result == json.loads(out)
    facts: dict[str, object] = {"total": result["total"]}
    for record in result["records"]:
        facts[f"outcomes.{record['id']}"] = record["outcome"]
        facts[f"awarded.{record['id']}"] = record["awarded"]
        facts[f"valid_until.{record['id']}"] = record["valid_until"]
    _check(case, facts)


def _coverage(
    case: Case, client: httpx.Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _rows(case)
    _, out = _cli(capsys, "cqo", "coverage", "--as-of", str(case.as_of), _write(tmp_path, rows))
    expected = json.loads(out)
    answer = client.post("/cqo/coverage", params={"as_of": str(case.as_of)}, json=rows).json()
    # The same document; a bad element is named by its index, a bad line by its number.
    cli_errors, errors = expected.pop("errors"), answer.pop("errors")
    assert answer == expected
    assert [(e["index"] + 1, e["problems"]) for e in errors] == [
        (e["line"], e["problems"]) for e in cli_errors
    ]
    facts: dict[str, object] = {}
    for key in ("above_designated_manufacturing", "large_medium_manufacturing", "trained_cqos"):
        facts |= {f"{key}.{k}": answer[key][k] for k in ("total", "covered", "rate")}
    for key in ("by_size", "by_sector", "by_town"):
        for group, figure in answer[key].items():
            facts |= {f"{key}.{group}.{k}": figure[k] for k in ("total", "covered", "rate")}
    facts["uncovered"] = tuple(sorted(r["uscc"] for r in answer["uncovered"]))
    facts["bad_lines"] = tuple(sorted(e["index"] + 1 for e in errors))
    _check(case, facts)


def _title(
    case: Case, client: httpx.Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert case.criteria is not None
    [candidate] = _rows(case)
    path = tmp_path / "candidate.json"
    path.write_text(json.dumps(candidate, ensure_ascii=False), "utf-8")
    levels = [case.level] if case.level is not None else []
    if "highest_level" in case.expect or case.expect_error is not None:
        levels = sorted(TitleLevel, key=lambda t: t.rank, reverse=True)
    facts: dict[str, object] = {}
    highest = "none"
    for level in levels:
        query = {"level": level.value, "as_of": str(case.as_of), "criteria": case.criteria}
        answer = client.post("/titles/assess", params=query, json=candidate)
        args = ["titles", "assess", "--level", level.value, "--as-of", str(case.as_of)]
        status, out = _cli(capsys, *args, "--criteria", case.criteria, str(path))
        if case.expect_error is not None:
            assert status == 2
            assert answer.status_code == 422
            assert case.expect_error in [p["path"] for p in answer.json()["problems"]]
            return
        assessment = answer.json()
        assert assessment == json.loads(out)
        if assessment["eligible"] and highest == "none":
            highest = level.value
        if level is case.level:
            facts["eligible"] = assessment["eligible"]
            facts["verdict"] = assessment["verdict"]
            facts["missing"] = tuple(sorted(m["where"] for m in assessment["missing"]))
    facts["highest_level"] = highest
    _check(case, facts)


_RUN = {
    ScenarioKind.INTEGRITY: _integrity,
    ScenarioKind.COVERAGE: _coverage,
    ScenarioKind.TITLE: _title,
}


def test_every_scenario_is_asked() -> None:
    assert len(CASES) >= 34
    assert {c.kind for c in CASES} == set(ScenarioKind)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_service_answers_the_scenario_as_the_cli(
    case: Case, service: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with httpx.Client(base_url=service, timeout=60) as client:
        _RUN[case.kind](case, client, tmp_path, capsys)
