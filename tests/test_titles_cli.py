"""``zs-quality titles``: assess, compare, check and show, with their exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from titles_support import complete_text
from zs_quality.cli import main
from zs_quality.policy.criteria import DEFAULT_CRITERIA, criteria_text

CANDIDATE = {
    "name": "李四",
    "education": "bachelor",
    "current_title": {"level": "assistant_engineer", "obtained_on": "2020-07-01"},
    "evidence": [
        {"id": "s1", "kind": "standard", "scope": "group", "rank": 3, "date": "2022-05-01"},
        {"id": "s2", "kind": "standard", "scope": "industry", "rank": 5, "date": "2023-05-01"},
        {"id": "p1", "kind": "patent", "type": "invention", "date": "2023-01-01"},
        {"id": "a1", "kind": "award", "level": "municipal", "date": "2023-03-01"},
        {"id": "pa", "kind": "paper", "date": "2019-01-01"},
    ],
}


@pytest.fixture
def candidate_file(tmp_path: Path) -> Path:
    path = tmp_path / "candidate.json"
    path.write_text(json.dumps(CANDIDATE, ensure_ascii=False), encoding="utf-8")
    return path


def _assess(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(["titles", "assess", "--level", "engineer", *args])
    return status, capsys.readouterr().out


def test_assess_prints_json_and_exits_0_when_not_eligible(
    candidate_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = _assess(capsys, "--as-of", "2024-07-01", str(candidate_file))
    assert status == 0
    data = json.loads(out)
    assert data["eligible"] is False
    assert data["level"] == "engineer"
    assert [m["where"] for m in data["missing"]] == ["academic", "academic.papers"]
    assert data["excluded"][0]["id"] == "pa"


def _eligible_file(tmp_path: Path) -> Path:
    path = tmp_path / "c.json"
    data = {
        **CANDIDATE,
        "evidence": [*CANDIDATE["evidence"], {"id": "pb", "kind": "paper", "date": "2024-01-01"}],
    }  # type: ignore[list-item]
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_assess_exits_0_when_eligible_and_says_the_transcription_is_partial(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _eligible_file(tmp_path)
    status, out = _assess(capsys, "--as-of", "2024-07-01", "--format", "table", str(path))
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == (
        "工程师 engineer：符合已转录的申报条件（转录不完整） eligible under a partial transcription"
    )
    assert "符合申报条件 eligible" not in out
    assert lines[2].startswith("  转录 transcription: 部分转录 partial。本级别条件只转录了一部分")
    assert lines[3].startswith("    This level's conditions are only partly transcribed")
    assert "    - academic (untranscribed): 学术成果" in lines
    assert "[✓] 学术成果 (academic): 1/1" in out
    status, out = _assess(capsys, "--as-of", "2024-07-01", str(path))
    data = json.loads(out)
    assert (data["eligible"], data["verdict"], data["transcription"]) == (
        True,
        "eligible_under_partial_transcription",
        "partial",
    )
    assert "academic" in [g["where"] for g in data["untranscribed"]]


def test_assess_is_plainly_eligible_under_a_complete_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    province = tmp_path / "province.toml"
    province.write_text(complete_text(criteria_text(DEFAULT_CRITERIA)), encoding="utf-8")
    path = _eligible_file(tmp_path)
    args = ["--as-of", "2024-07-01", "--criteria", str(province), "--format", "table", str(path)]
    status, out = _assess(capsys, *args)
    assert status == 0
    assert out.splitlines()[0] == "工程师 engineer：符合申报条件 eligible"
    assert "转录 transcription" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2024-07-01", "missing.json"], "cannot read"),
        (["--as-of", "2024-07-01", "--criteria", "nowhere", "CAND"], "no embedded criteria"),
    ],
)
def test_assess_bad_input_exits_2(
    args: list[str], message: str, candidate_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [str(candidate_file) if a == "CAND" else a for a in args]
    status = main(["titles", "assess", "--level", "engineer", *args])
    assert status == 2
    assert message in capsys.readouterr().err


def test_a_malformed_candidate_names_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    bad = {
        **CANDIDATE,
        "evidence": [{"id": "x", "kind": "patent", "type": "utility", "date": "2023-02-30"}],
    }
    path.write_text(json.dumps(bad), encoding="utf-8")
    assert (
        main(["titles", "assess", "--level", "engineer", "--as-of", "2024-07-01", str(path)]) == 2
    )
    err = capsys.readouterr().err
    assert "evidence[0].type" in err
    assert "evidence[0].date" in err


def test_a_bad_date_is_a_usage_error(
    candidate_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(
            [
                "titles",
                "assess",
                "--level",
                "engineer",
                "--as-of",
                "2024-13-01",
                str(candidate_file),
            ]
        )
    assert caught.value.code == 2
    assert "'2024-13-01' is not a date" in capsys.readouterr().err


def _local(tmp_path: Path, old: str, new: str, *, complete: bool = False) -> Path:
    text = criteria_text(DEFAULT_CRITERIA)
    assert old in text
    path = tmp_path / "city.toml"
    text = text.replace(old, new, 1)
    path.write_text(complete_text(text) if complete else text, encoding="utf-8")
    return path


def _province(tmp_path: Path) -> str:
    """The shipped conditions as a completely transcribed file."""
    path = tmp_path / "province.toml"
    path.write_text(complete_text(criteria_text(DEFAULT_CRITERIA)), encoding="utf-8")
    return str(path)


def test_compare_exits_1_when_lower_with_the_key_and_a_counterexample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    local = _local(
        tmp_path,
        'scopes = ["industry", "local", "group"], max_rank = 5',
        'scopes = ["industry", "local", "group"]',
        complete=True,
    )
    assert main(["titles", "compare", str(local), _province(tmp_path)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["lower"], data["verdict"]) == (True, "lower")
    assert data["format"] == "zs_quality.criteria-comparison/2"
    engineer = next(lv for lv in data["levels"] if lv["level"] == "engineer")
    assert (engineer["verdict"], engineer["proven"]) == ("lower", True)
    assert engineer["violations"][0]["condition"] == "standards"
    assert engineer["violations"][0]["key"] == "any_of[1].match.max_rank"
    assert engineer["counterexample"]["candidate"]["current_title"]["level"] == "assistant_engineer"


def _tightened(tmp_path: Path) -> Path:
    """A complete city set asking more years than the province and no college route."""
    return _local(
        tmp_path,
        "min_years_in_title = { master = 2, bachelor = 4, college = 4 }",
        "min_years_in_title = { master = 3, bachelor = 4 }",
        complete=True,
    )


def test_compare_exits_0_when_not_lower(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    local, province = _tightened(tmp_path), _province(tmp_path)
    assert main(["titles", "compare", "--format", "table", str(local), province]) == 0
    out = capsys.readouterr().out
    assert "不低于省级 not lower" in out.splitlines()[0]


def test_compare_exits_1_with_unknown_against_the_shipped_province(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The same tightening as above, against the shipped (partly transcribed) province.
    local = _tightened(tmp_path)
    assert main(["titles", "compare", "--format", "table", str(local), DEFAULT_CRITERIA]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith(": 无法判断 UNKNOWN")
    assert "[?] 工程师 engineer: 无法判断 unknown" in out
    assert "省级未完整转录 provincial not transcribed:" in out
    assert main(["titles", "compare", str(local), DEFAULT_CRITERIA]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["lower"], data["verdict"]) == (True, "unknown")
    assert {lv["verdict"] for lv in data["levels"]} == {"unknown"}


def test_the_counterexample_of_compare_can_be_assessed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    local = _local(tmp_path, "college = 4 }", "college = 3 }")
    assert main(["titles", "compare", str(local), DEFAULT_CRITERIA]) == 1
    engineer = next(
        lv for lv in json.loads(capsys.readouterr().out)["levels"] if lv["level"] == "engineer"
    )
    # Indicative against the partly transcribed province: it holds for the transcribed parts.
    assert (engineer["verdict"], engineer["proven"]) == ("unknown", False)
    assert engineer["violations"][0]["key"] == "min_years_in_title.college"
    example = tmp_path / "example.json"
    example.write_text(json.dumps(engineer["counterexample"]["candidate"]), encoding="utf-8")
    as_of = engineer["counterexample"]["as_of"]
    for criteria, eligible in ((str(local), True), (DEFAULT_CRITERIA, False)):
        args = ["titles", "assess", "--level", "engineer", "--as-of", as_of, "--criteria", criteria]
        assert main([*args, str(example)]) == 0
        assert json.loads(capsys.readouterr().out)["eligible"] is eligible


def test_compare_a_bad_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    local = _local(tmp_path, 'authority = "provincial"', 'authority = "city"')
    assert main(["titles", "compare", str(local), DEFAULT_CRITERIA]) == 2
    assert "criteria.authority" in capsys.readouterr().err


def test_check_and_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _local(tmp_path, "college = 4 }", "college = 5 }")
    assert main(["titles", "check", str(good)]) == 0
    assert "ok (gd-quality-engineering 2019" in capsys.readouterr().out
    bad = tmp_path / "bad.toml"
    bad.write_text(
        criteria_text(DEFAULT_CRITERIA).replace("at_least = 3", "at_least = 7"), encoding="utf-8"
    )
    assert main(["titles", "check", str(good), str(bad)]) == 2
    assert (
        "levels[engineer].groups[achievements].at_least: 7 conditions needed but the group has 6"
        in capsys.readouterr().out
    )
    assert main(["titles", "show"]) == 0
    assert capsys.readouterr().out.split() == [DEFAULT_CRITERIA]
    assert main(["titles", "show", DEFAULT_CRITERIA]) == 0
    assert capsys.readouterr().out == criteria_text(DEFAULT_CRITERIA)
