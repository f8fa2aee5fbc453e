"""CQO coverage: edge dates, size-derived above-size status, breakdowns, the registry command."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zs_quality.api import coverage
from zs_quality.cli import main
from zs_quality.dates import Date
from zs_quality.errors import InputError
from zs_quality.io.registry import read_registry
from zs_quality.model.enterprise import Enterprise, Sector
from zs_quality.model.roles import Appointment, Education, Person, QualityRole
from zs_quality.registries.training import TrainingRecord
from zs_quality.rules.coverage import coverage_rate
from zs_quality.rules.size import SizeTier
from zs_quality.testing.codes import example_uscc

AS_OF = "2024-06-30"


code = example_uscc


def firm(n: int, **kwargs: Any) -> Enterprise:
    fields: dict[str, Any] = {
        "name": f"企业{n}",
        "town": "小榄镇",
        "sector": Sector.MANUFACTURING,
        "employees": 400,
        "revenue": 8000,
        "total_assets": 5000,
    }
    fields.update(kwargs)
    return Enterprise(uscc=code(n), **fields)


def cqo(
    n: int,
    start: str,
    end: str | None = None,
    role: QualityRole = QualityRole.CHIEF_QUALITY_OFFICER,
) -> Appointment:
    return Appointment(
        role=role,
        person=Person(name=f"首席{n}", education=Education.BACHELOR),
        enterprise=code(n),
        appointed_on=start,
        ended_on=end,
    )


@pytest.mark.parametrize(
    ("start", "end", "covered"),
    [
        ("2024-06-30", None, True),  # appointed on as_of
        ("2024-07-01", None, False),  # appointed the day after
        ("2020-01-01", "2024-06-30", True),  # ends on as_of: still in office that day
        ("2020-01-01", "2024-06-29", False),  # ended the day before
    ],
)
def test_coverage_on_edge_dates(start: str, end: str | None, covered: bool) -> None:
    report = coverage([firm(1)], [cqo(1, start, end)], AS_OF)
    assert report.enterprises[0].covered is covered
    assert report.above_designated_manufacturing.covered == int(covered)
    assert len(report.uncovered) == int(not covered)


def test_a_later_appointment_covers_after_an_earlier_one_ended() -> None:
    appointments = [cqo(1, "2020-01-01", "2024-06-29"), cqo(1, "2024-06-30")]
    report = coverage([firm(1)], appointments, AS_OF)
    row = report.enterprises[0]
    assert row.covered
    assert row.cqo is not None
    assert row.cqo.appointed_on == Date(2024, 6, 30)


@pytest.mark.parametrize(
    ("revenue", "declared", "above"),
    [
        (Decimal("2000"), None, True),  # at the threshold: above (bound inclusive)
        (Decimal("1999.99"), None, False),
        (Decimal("1500"), True, True),  # the statistics bureau's list wins
        (Decimal("30000"), False, False),
    ],
)
def test_above_designated_size_is_derived_from_revenue_unless_declared(
    revenue: Decimal, declared: bool | None, above: bool
) -> None:
    report = coverage(
        [firm(1, employees=100, revenue=revenue, above_designated_size=declared)], [], AS_OF
    )
    assert report.enterprises[0].above_designated_size is above
    assert report.above_designated_manufacturing.total == int(above)


def test_large_and_medium_manufacturing_at_the_size_boundary() -> None:
    enterprises = [
        firm(1, employees=300, revenue=2000),  # medium: both bounds met
        firm(2, employees=299, revenue=50000),  # small: employees below 300
        firm(3, employees=1000, revenue=40000),  # large
        firm(4, sector=Sector.CONSTRUCTION, revenue=90000, total_assets=90000),  # large, not mfg
    ]
    report = coverage(enterprises, [cqo(1, "2024-01-01"), cqo(4, "2024-01-01")], AS_OF)
    sizes = [r.size for r in report.enterprises]
    assert sizes == [SizeTier.MEDIUM, SizeTier.SMALL, SizeTier.LARGE, SizeTier.LARGE]
    lm = report.large_medium_manufacturing
    assert (lm.total, lm.covered, lm.rate) == (2, 1, Decimal("0.5000"))
    assert report.by_size["large"].total == 2
    assert list(report.by_size) == ["large", "medium", "small"]
    assert report.by_sector["construction"].covered == 1


def test_unclassifiable_enterprises_are_counted_as_unknown() -> None:
    report = coverage(
        [firm(1, employees=None, revenue=None), firm(2, sector=Sector.OTHER)], [], AS_OF
    )
    assert list(report.by_size) == ["unknown"]
    assert report.enterprises[0].above_designated_size is None
    assert report.enterprises[1].above_designated_size is False
    assert report.above_designated_manufacturing.total == 0
    assert report.above_designated_manufacturing.rate is None


def test_by_town_uses_shipped_names_and_keeps_unknown_text() -> None:
    report = coverage(
        [firm(1, town="古镇"), firm(2, town="古镇镇"), firm(3, town="月球镇"), firm(4, town=None)],
        [cqo(1, "2024-01-01")],
        AS_OF,
    )
    assert list(report.by_town) == ["古镇镇", "月球镇", "unknown"]
    assert (report.by_town["古镇镇"].total, report.by_town["古镇镇"].covered) == (2, 1)
    assert "：月球镇企业1家" in report.by_town["月球镇"].reason_zh
    assert "：镇街未填写企业1家" in report.by_town["unknown"].reason_zh
    assert ": 1 enterprises with no town" in report.by_town["unknown"].reason_en


def test_other_roles_and_other_enterprises_do_not_cover() -> None:
    appointments = [
        cqo(1, "2024-01-01", role=QualityRole.QUALITY_SAFETY_DIRECTOR),
        cqo(9, "2024-01-01"),
    ]
    report = coverage([firm(1)], appointments, AS_OF)
    assert not report.enterprises[0].covered


def test_trained_cqos_count_training_on_or_before_the_date() -> None:
    trainings = [
        TrainingRecord(enterprise=code(1), person="首席1", completed_on=AS_OF),
        TrainingRecord(enterprise=code(2), person="首席2", completed_on="2024-07-01"),
        TrainingRecord(enterprise=code(3), person="别人", completed_on="2024-01-01"),
    ]
    report = coverage(
        [firm(1), firm(2), firm(3)],
        [cqo(1, "2024-01-01"), cqo(2, "2024-01-01"), cqo(3, "2024-01-01")],
        AS_OF,
        trainings=trainings,
    )
    assert [r.trained for r in report.enterprises] == [True, False, False]
    t = report.trained_cqos
    assert (t.total, t.covered, t.rate) == (3, 1, Decimal("0.3333"))


def test_an_enterprise_listed_twice_is_refused() -> None:
    with pytest.raises(InputError) as info:
        coverage([firm(1), firm(1)], [], AS_OF)
    assert info.value.path == "enterprises[1].uscc"


@pytest.mark.parametrize(
    ("covered", "total", "rate"),
    [
        (2, 3, "0.6667"),
        (1, 3, "0.3333"),
        (1, 8, "0.1250"),
        (4915, 4915, "1.0000"),
        (0, 5, "0.0000"),
    ],
)
def test_rates_are_exact_decimals_rounded_half_up(covered: int, total: int, rate: str) -> None:
    assert coverage_rate(covered, total) == Decimal(rate)
    assert str(coverage_rate(covered, total)) == rate


def test_half_up_rounding_at_the_fifth_place() -> None:
    # 1/32 = 0.03125 exactly: half up gives 0.0313 (banker's rounding would give 0.0312).
    assert coverage_rate(1, 32) == Decimal("0.0313")
    assert coverage_rate(0, 0) is None


@given(st.lists(st.tuples(st.booleans(), st.integers(min_value=-3, max_value=3)), max_size=12))
def test_covered_counts_match_appointments_in_force(rows: list[tuple[bool, int]]) -> None:
    day = Date(2024, 6, 30)
    enterprises = [firm(n) for n in range(len(rows))]
    appointments = [
        cqo(n, day.add(days=offset).isoformat()) for n, (has, offset) in enumerate(rows) if has
    ]
    report = coverage(enterprises, appointments, day)
    expected = sum(1 for has, offset in rows if has and offset <= 0)
    figure = report.above_designated_manufacturing
    assert figure.covered == expected
    assert figure.total == len(rows)
    assert len(report.uncovered) == len(rows) - expected
    if rows:
        assert figure.rate is not None
        assert Decimal(0) <= figure.rate <= Decimal(1)


# --- The registry file and the command --------------------------------------------------------


def _line(n: int, **overrides: Any) -> str:
    row: dict[str, Any] = {
        "uscc": str(code(n)),
        "name": f"企业{n}",
        "town": "小榄镇",
        "sector": "manufacturing",
        "employees": 400,
        "revenue": 8000,
        "total_assets": 5000,
        "cqo": {
            "name": f"首席{n}",
            "education": "bachelor",
            "quality_work_years": 6,
            "appointed_on": "2023-01-01",
            "trained_on": "2023-02-01",
        },
    }
    row.update(overrides)
    return json.dumps({k: v for k, v in row.items() if v is not ...}, ensure_ascii=False)


def _registry(tmp_path: Path) -> Path:
    lines = [
        _line(1),
        "{not json",
        _line(2, cqo=...),
        _line(3, colour="red"),
        _line(4, uscc="91442000MA5000004X"),
        _line(
            5,
            cqo={
                "name": "某",
                "education": "bachelor",
                "quality_work_years": 1,
                "appointed_on": "2024-02-01",
                "ended_on": "2024-01-01",
            },
        ),
        "",
        _line(1, name="重复"),
        _line(6, employees=None, revenue=2500),
        _line(7, sector="mining"),
    ]
    path = tmp_path / "registry.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_registry_with_bad_lines_reports_each_with_its_line(tmp_path: Path) -> None:
    registry = read_registry(str(_registry(tmp_path)))
    assert [e.enterprise.uscc for e in registry.entries] == [code(1), code(2), code(6)]
    bad = {e.line: e for e in registry.errors}
    assert sorted(bad) == [2, 4, 5, 6, 8, 10]
    assert bad[4].path == "colour"
    assert bad[5].path == "uscc"
    assert bad[6].path == "cqo.ended_on"
    assert "line 1" in bad[8].message
    assert bad[10].path == "sector"
    assert all(e.file == str(tmp_path / "registry.jsonl") for e in registry.errors)
    assert len(registry.appointments) == 2
    assert len(registry.trainings) == 2


def test_the_command_counts_the_good_lines_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["cqo", "coverage", "--as-of", "2024-06-30", str(_registry(tmp_path))])
    assert status == 1
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert report["as_of"] == "2024-06-30"
    assert report["above_designated_manufacturing"] == {
        **report["above_designated_manufacturing"],
        "total": 3,
        "covered": 2,
        "rate": "0.6667",
    }
    assert [e["line"] for e in report["errors"]] == [2, 4, 5, 6, 8, 10]
    assert [u["uscc"] for u in report["uncovered"]] == [str(code(2))]
    first = report["enterprises"][0]
    assert {k: first[k] for k in ("uscc", "size", "above_designated_size", "covered")} == {
        "uscc": str(code(1)),
        "size": "medium",
        "above_designated_size": True,
        "covered": True,
    }
    assert report["enterprises"][2]["size"] is None  # employees unknown
    assert report["enterprises"][2]["above_designated_size"] is True  # revenue 2500 >= 2000
    assert ":2:" in err
    assert ":10:" in err


def test_the_shipped_example(capsys: pytest.CaptureFixture[str]) -> None:
    example = resources.files("zs_quality.examples").joinpath("cqo_registry.jsonl")
    assert main(["cqo", "coverage", "--as-of", "2024-06-30", str(example)]) == 0
    report = json.loads(capsys.readouterr().out)
    headline = report["above_designated_manufacturing"]
    assert (headline["total"], headline["covered"], headline["rate"]) == (8, 5, "0.6250")
    lm = report["large_medium_manufacturing"]
    assert (lm["total"], lm["covered"], lm["rate"]) == (4, 3, "0.7500")
    assert len(report["uncovered"]) == 4
    assert report["errors"] == []
    # One day later the CQO appointed on 2024-07-01 is in office.
    assert main(["cqo", "coverage", "--as-of", "2024-07-01", str(example)]) == 0
    later = json.loads(capsys.readouterr().out)["above_designated_manufacturing"]
    assert (later["covered"], later["rate"]) == (6, "0.7500")


def test_the_table_format(capsys: pytest.CaptureFixture[str]) -> None:
    example = resources.files("zs_quality.examples").joinpath("cqo_registry.jsonl")
    assert (
        main(["cqo", "coverage", "--as-of", "2024-06-30", "--format", "table", str(example)]) == 0
    )
    out = capsys.readouterr().out
    assert "规上制造业" in out
    assert "0.6250" in out
    assert "Uncovered 未覆盖企业: 4" in out
    assert "已于2024-06-29离任" in out


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cqo", "coverage", "--as-of", "2024-06-30", str(tmp_path / "missing.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["cqo", "coverage", "--as-of", "2024-02-30", str(tmp_path / "x.jsonl")])
    assert info.value.code == 2
