"""Scenario files: the repository's own pass, and a wrong expectation fails readably."""

from __future__ import annotations

from pathlib import Path

import pytest

from zs_quality.cli import main
from zs_quality.errors import RulesetError
from zs_quality.testing.scenarios import load_scenarios, run_paths

SCENARIOS = Path(__file__).parent / "scenarios"

HEAD = """
schema = 1

[[cases]]
name = "one national honour"
kind = "integrity"
ruleset = "zhongshan-construction-good-behaviour@2024"
as_of = 2025-06-30
[cases.input.enterprise]
uscc = "91350100M000100Y43"
name = "中山示例工程监理有限公司"
category = "supervision"
[[cases.input.records]]
id = "r1"
item = "JJL-001"
document_date = 2024-03-01
submitted_on = 2024-03-15
"""


def write(folder: Path, expect: str, *, head: str = HEAD, name: str = "test_case.toml") -> Path:
    path = folder / name
    path.write_text(head + "[cases.expect]\n" + expect, encoding="utf-8")
    return path


def test_every_shipped_scenario_passes() -> None:
    results = run_paths([SCENARIOS])
    assert len(results) >= 34
    failures = [r for r in results if not r.passed]
    assert not failures, failures


def test_the_shipped_scenarios_cover_every_kind() -> None:
    kinds = {
        case.kind.value for path in SCENARIOS.glob("test_*.toml") for case in load_scenarios(path)
    }
    assert kinds == {"integrity", "coverage", "title"}


def test_a_passing_file_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, 'total = 100\noutcomes = { r1 = "counted" }\n')
    assert main(["test", "-v", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"ok   {path}: one national honour" in out
    assert "1 cases: 1 passed, 0 failed" in out


def test_a_wrong_expectation_fails_with_expected_and_actual(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        'total = 95\noutcomes = { r1 = "expired", r9 = "counted" }\n'
        "valid_until = { r1 = 2027-03-01 }\n",
    )
    assert main(["test", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [
        f"FAIL {path}: one national honour",
        "  total: expected 95, got 100",
        "  outcomes.r1: expected expired, got counted",
        "  outcomes.r9: expected counted, got (no such field)",
        "1 cases: 0 passed, 1 failed",
    ]


def test_a_case_that_cannot_run_fails_with_its_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = HEAD.replace("@2024", "@1999")
    path = write(tmp_path, "total = 100\n", head=head)
    assert main(["test", str(path)]) == 1
    out = capsys.readouterr().out
    assert "  error: no embedded ruleset 'zhongshan-construction-good-behaviour@1999'" in out


def test_an_expected_error_that_does_not_come_is_a_mismatch(tmp_path: Path) -> None:
    path = write(tmp_path, 'error = "records[1].id"\n')
    [result] = run_paths([path])
    assert [str(m) for m in result.mismatches] == [
        "error: expected 'records[1].id', got 'no error'"
    ]


def test_an_error_at_another_path_is_a_mismatch(tmp_path: Path) -> None:
    head = HEAD.replace('category = "supervision"\n', "")
    path = write(tmp_path, 'error = "records[0].id"\n', head=head)
    [result] = run_paths([path])
    assert [str(m) for m in result.mismatches] == [
        "error: expected 'records[0].id', got ['enterprise.category']"
    ]


def test_unknown_keys_are_named_with_their_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = HEAD.replace("as_of = 2025-06-30\n", 'as_of = 2025-06-30\ncolour = "red"\n')
    path = write(tmp_path, "total = 100\ntotl = 100\n", head=head)
    with pytest.raises(RulesetError) as caught:
        load_scenarios(path)
    assert caught.value.file == str(path)
    assert sorted(p.path for p in caught.value.problems) == [
        "cases[one national honour].colour",
        "cases[one national honour].expect.totl",
    ]
    assert main(["test", str(path)]) == 2
    assert "unknown key" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (("schema = 1", "schema = 2"), "schema", "reads schema 1, not 2"),
        (
            ('kind = "integrity"', 'kind = "titles"'),
            "cases[one national honour].kind",
            "not one of",
        ),
        (("as_of = 2025-06-30", 'as_of = "soon"'), "cases[one national honour].as_of", "date"),
        (
            ('ruleset = "zhongshan-construction-good-behaviour@2024"', "ruleset = 3"),
            "cases[one national honour].ruleset",
            "non-empty text",
        ),
    ],
)
def test_malformed_cases_are_refused(
    tmp_path: Path, change: tuple[str, str], path: str, message: str
) -> None:
    file = write(tmp_path, "total = 100\n", head=HEAD.replace(*change))
    with pytest.raises(RulesetError) as caught:
        load_scenarios(file)
    assert any(p.path == path and message in p.message for p in caught.value.problems), (
        caught.value.problems
    )


def test_a_coverage_case_names_no_ruleset_and_an_input_must_be_data(tmp_path: Path) -> None:
    head = """
schema = 1
[[cases]]
name = "c"
kind = "coverage"
ruleset = "x"
as_of = 2024-06-30
input = 3
"""
    file = write(tmp_path, "uncovered = []\n", head=head)
    with pytest.raises(RulesetError) as caught:
        load_scenarios(file)
    assert {p.path: p.message for p in caught.value.problems} == {
        "cases[c].ruleset": "only integrity cases name a ruleset",
        "cases[c].input": "expected a table, an array of tables, or a file path",
    }


def test_an_error_expectation_stands_alone(tmp_path: Path) -> None:
    file = write(tmp_path, 'total = 1\nerror = "records"\n')
    with pytest.raises(RulesetError, match="expects nothing else"):
        load_scenarios(file)


def test_two_cases_may_not_share_a_name(tmp_path: Path) -> None:
    file = write(tmp_path, "total = 100\n", head=HEAD + "[cases.expect]\ntotal = 100\n" + HEAD[12:])
    with pytest.raises(RulesetError, match="another case is named"):
        load_scenarios(file)


def test_a_folder_without_scenario_files_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "total = 100\n", name="case.toml")
    assert main(["test", str(tmp_path)]) == 2
    assert "no scenario files (test_*.toml)" in capsys.readouterr().err


def test_a_folder_runs_its_test_files_only(tmp_path: Path) -> None:
    write(tmp_path, "total = 100\n")
    (tmp_path / "rules.toml").write_text("not a scenario", encoding="utf-8")
    assert [r.passed for r in run_paths([tmp_path])] == [True]


def test_title_expectations_are_checked(tmp_path: Path) -> None:
    head = """
schema = 1
[[cases]]
name = "t"
kind = "title"
criteria = "gd-quality-engineering"
as_of = 2024-07-01
[cases.input]
name = "黄工"
education = "bachelor"
graduated_on = 2023-07-01
"""
    bad = write(tmp_path, 'eligible = true\nhighest_level = "chief"\n', head=head)
    with pytest.raises(RulesetError) as caught:
        load_scenarios(bad)
    assert {p.path: p.message for p in caught.value.problems} == {
        "cases[t].expect.eligible": "needs the case's level",
        "cases[t].expect.highest_level": "'chief' is not one of: none, technician, "
        "assistant_engineer, engineer, senior_engineer, professorate_senior_engineer",
    }
    wrong = write(tmp_path, 'highest_level = "none"\n', head=head, name="test_wrong.toml")
    [result] = run_paths([wrong])
    assert [str(m) for m in result.mismatches] == [
        "highest_level: expected 'none', got 'assistant_engineer'"
    ]


def test_only_title_cases_name_criteria(tmp_path: Path) -> None:
    head = HEAD.replace(
        'kind = "integrity"', 'kind = "integrity"\ncriteria = "x"\nlevel = "engineer"'
    )
    with pytest.raises(RulesetError) as caught:
        load_scenarios(write(tmp_path, "total = 100\n", head=head))
    assert [p.path for p in caught.value.problems] == [
        "cases[one national honour].criteria",
        "cases[one national honour].level",
    ]
