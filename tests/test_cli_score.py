"""The score, ruleset and demo commands: formats, batch errors, exit statuses."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from integrity_support import ruleset_text
from zs_quality.cli import main
from zs_quality.examples import example_path

PROPOSAL = "zhongshan-construction-good-behaviour@2024-cqo"
OTHER_USCC = "91442000MA4UNN6R9A"
POPULATION = str(example_path("population.jsonl"))

GOOD = {
    "enterprise": {
        "uscc": "91350100M000100Y43",
        "name": "测试监理有限公司",
        "category": "supervision",
    },
    "records": [
        {
            "id": "r1",
            "item": "JJL-004",
            "document_date": "2024-05-01",
            "submitted_on": "2024-05-03",
        },
        {
            "id": "r2",
            "item": "JJL-004",
            "document_date": "2024-06-01",
            "submitted_on": "2024-06-03",
        },
        {
            "id": "r3",
            "item": "JJL-004",
            "document_date": "2024-07-01",
            "submitted_on": "2024-07-03",
        },
    ],
}


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    out = capsys.readouterr()
    return status, out.out, out.err


def test_single_json_submission_prints_one_object(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(GOOD, ensure_ascii=False, indent=2), encoding="utf-8")
    status, out, err = run(
        ["score", "--ruleset", PROPOSAL, "--as-of", "2025-01-01", str(path)], capsys
    )
    assert status == 0
    assert err == ""
    result = json.loads(out)
    assert result["uscc"] == "91350100M000100Y43"
    assert result["as_of"] == "2025-01-01"
    assert result["ruleset"] == {
        "id": "zhongshan-construction-good-behaviour",
        "version": "2024-cqo",
    }
    assert result["total"] == "60"
    assert [r["outcome"] for r in result["records"]] == ["counted", "counted", "capped"]
    assert set(result["records"][0]) >= {
        "id",
        "outcome",
        "awarded",
        "effective_from",
        "valid_until",
        "reason_zh",
        "reason_en",
    }


def test_jsonl_batch_reports_bad_lines_and_carries_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad_date = json.loads(json.dumps(GOOD))
    bad_date["records"][2]["document_date"] = "2024-13-01"
    other = json.loads(json.dumps(GOOD))
    other["enterprise"]["uscc"] = OTHER_USCC
    lines = [json.dumps(GOOD), "{not json", "", json.dumps(bad_date), json.dumps(other)]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    status, out, err = run(
        [
            "score",
            "--ruleset",
            PROPOSAL,
            "--as-of",
            "2025-01-01",
            "--format",
            "jsonl",
            "--errors",
            str(errors),
            str(path),
        ],
        capsys,
    )
    assert status == 1
    assert [json.loads(x)["total"] for x in out.splitlines()] == ["60", "60"]
    assert f"{path}:2: not valid JSON" in err
    assert f"{path}:4: records[2].document_date: '2024-13-01' is not a date (no such day)" in err
    assert "read 4, scored 2, rejected 2" in err
    rejected = [json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines()]
    assert [r["line"] for r in rejected] == [2, 4]
    assert rejected[1]["problems"] == [
        {"path": "records[2].document_date", "message": "'2024-13-01' is not a date (no such day)"}
    ]


def test_json_format_with_many_is_an_array(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        ["score", "--ruleset", PROPOSAL, "--as-of", "2025-06-30", POPULATION], capsys
    )
    assert status == 0
    results = json.loads(out)
    assert len(results) == 12
    assert results[0]["total"] == "90"


def test_csv_has_a_row_per_record(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        [
            "score",
            "--ruleset",
            PROPOSAL,
            "--as-of",
            "2025-06-30",
            "--format",
            "csv",
            "--lang",
            "en",
            POPULATION,
        ],
        capsys,
    )
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    # A row per record, and one (record columns empty) for an enterprise without records.
    assert len(rows) == sum(
        max(1, len(json.loads(x)["records"]))
        for x in Path(POPULATION).read_text("utf-8").splitlines()
    )
    assert rows[0]["outcome"] == "counted"
    assert rows[0]["ruleset_version"] == "2024-cqo"


def test_table_uses_chinese_labels(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        ["score", "--ruleset", PROPOSAL, "--as-of", "2025-06-30", "--format", "table", POPULATION],
        capsys,
    )
    assert status == 0
    assert re.search(r"^加分合计 +90 +只计结果为“计分”的记录$", out, re.MULTILINE)
    assert "已达年度封顶" in out


def test_stdin_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(GOOD) + "\n"))
    status, out, _ = run(["score", "--ruleset", PROPOSAL, "--as-of", "2025-01-01", "-"], capsys)
    assert status == 0
    assert json.loads(out)["total"] == "60"


def test_bad_ruleset_exits_2_naming_every_fault(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        ruleset_text()
        .replace("annual_cap = 60", "annual_cap = 5")
        .replace("validity_years = 2", "validity_years = 0"),
        "utf-8",
    )
    status, out, err = run(
        ["score", "--ruleset", str(path), "--as-of", "2025-01-01", POPULATION], capsys
    )
    assert status == 2
    assert out == ""
    assert f"{path}: 2 problems" in err
    assert "items[A].annual_cap: annual cap 5 is below the item's points 30" in err
    assert "items[P].validity_years: must be at least 1, got 0" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["score", "--ruleset", PROPOSAL, "--as-of", "2025-02-30", POPULATION])
    assert info.value.code == 2
    assert "'2025-02-30' is not a date" in capsys.readouterr().err
    assert main(["score", "--ruleset", PROPOSAL, "--as-of", "2025-01-01", "/no/such/file"]) == 2


def test_ruleset_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.toml"
    good.write_text(ruleset_text(), "utf-8")
    status, out, _ = run(["ruleset", "check", str(good)], capsys)
    assert status == 0
    assert "ok: test-rules@1 (in_force), 4 items" in out
    bad = tmp_path / "bad.toml"
    bad.write_text(ruleset_text().replace('code = "P"', 'code = "A"'), "utf-8")
    status, _, err = run(["ruleset", "check", str(bad)], capsys)
    assert status == 2
    assert "items[A].code: duplicate code 'A'" in err


def test_ruleset_show_and_list(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["ruleset", "show", PROPOSAL], capsys)
    assert status == 0
    assert 'code = "JCQO-001"' in out
    assert "ASSUMED" in out
    status, out, _ = run(["ruleset", "list"], capsys)
    assert status == 0
    assert "zhongshan-construction-good-behaviour@2024 " in out
    assert "proposed" in out


def test_demo_compares_the_2024_rules_with_the_proposal(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["demo", "--format", "json"], capsys)
    assert status == 0
    data = json.loads(out)
    assert data["as_of"] == "2025-06-30"
    deltas = {e["uscc"]: e["delta"] for e in data["enterprises"]}
    assert deltas["91442000MA506K7X80"] == "30"  # contractor: certification 10 + base 20
    assert sum(1 for d in deltas.values() if d != "0") == 4
    status, out, _ = run(["demo"], capsys)
    assert status == 0
    assert "含CQO拟议项目" in out
    assert "assumed" in out
