"""What-if comparison of two rulesets: every figure on a small population worked out by hand."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from impact_support import (
    AS_OF,
    BASELINE,
    ITEM_C,
    K1,
    K2,
    POPULATION,
    REFORM,
    S1,
    S2,
    S3,
    S4,
    S5,
    S6,
    X1,
    X2,
    sub,
)
from integrity_support import ITEMS, ruleset_text
from zs_quality.api import compare_rulesets, sweep_item
from zs_quality.cli import main
from zs_quality.convert import unstructure
from zs_quality.errors import InputError, RulesetError
from zs_quality.examples import example_path
from zs_quality.rules import impact as impact_module
from zs_quality.rules.impact import with_item_points
from zs_quality.rules.statistics import (
    Bucket,
    competition_ranks,
    histogram,
    nearest_rank_quantiles,
    top_size,
)
from zs_quality.rulesets import Ruleset


def test_per_enterprise_totals_deltas_and_competition_ranks() -> None:
    impact = compare_rulesets(POPULATION, BASELINE, REFORM, AS_OF)
    rows = {str(e.uscc): e for e in impact.per_enterprise}
    assert [str(e.uscc) for e in impact.per_enterprise] == [S1, S2, S3, S4, S5, S6, K1, K2]
    expected = {
        S1: ("30", "70", "40", 1, 1, 0),
        S2: ("30", "30", "0", 1, 4, -3),
        S3: ("20", "20", "0", 3, 5, -2),
        S4: ("0", "40", "40", 5, 3, 2),
        S5: ("0", "0", "0", 5, 6, -1),
        S6: ("20", "60", "40", 3, 2, 1),
        K1: ("30", "30", "0", 1, 2, -1),
        K2: ("0", "40", "40", 2, 1, 1),
    }
    for uscc, (base, new, delta, rank_b, rank_r, move) in expected.items():
        row = rows[uscc]
        assert (row.baseline_total, row.reform_total, row.delta) == (
            Decimal(base),
            Decimal(new),
            Decimal(delta),
        )
        assert (row.baseline_rank, row.reform_rank, row.rank_move) == (rank_b, rank_r, move)


def test_headline_figures() -> None:
    impact = compare_rulesets(POPULATION, BASELINE, REFORM, AS_OF)
    assert (impact.read, impact.enterprises, impact.changed, impact.unchanged) == (8, 8, 4, 4)
    assert impact.total_delta == Decimal(160)
    assert str(impact.mean_delta) == "20.0000"
    # Nearest rank over 0,0,0,0,40,40,40,40: the median is the 4th value (interpolation: 20).
    q = impact.quantiles
    assert (q.min, q.p10, q.p25, q.median, q.p75, q.p90, q.max) == tuple(
        Decimal(v) for v in (0, 0, 0, 0, 40, 40, 40)
    )
    # Span 40: width 1 and 2 give more than 10 buckets, 5 gives 9.
    assert impact.histogram.width == Decimal(5)
    assert impact.histogram.edges == tuple(Decimal(5 * i) for i in range(10))
    counts = [b.count for b in impact.histogram.buckets]
    assert counts == [4, 0, 0, 0, 0, 0, 0, 0, 4]
    assert impact.reason_zh.startswith("评价日2024-12-31")


def test_rank_moves_and_top_ten_percent_with_ties_at_the_boundary() -> None:
    impact = compare_rulesets(POPULATION, BASELINE, REFORM, AS_OF)
    moves = impact.rank_moves
    assert (moves.changed, moves.up, moves.down) == (7, 3, 4)
    # Supervision: 6 enterprises, top group rank <= ceil(0.6) = 1: S1 and S2 tie at 1 in the
    # baseline, so both are in it; S2 falls to 4 and leaves. Contractor: K2 overtakes K1.
    assert (moves.entering_top10, moves.leaving_top10) == (1, 2)
    rows = {str(e.uscc): e for e in impact.per_enterprise}
    in_top = {u: (rows[u].baseline_top10, rows[u].reform_top10) for u in (S1, S2, S3, K1, K2)}
    assert in_top == {
        S1: (True, True),
        S2: (True, False),
        S3: (False, False),
        K1: (True, False),
        K2: (False, True),
    }
    # Largest first, upward before downward at equal size, then by code.
    assert [(str(m.uscc), m.move) for m in moves.largest] == [
        (S2, -3),
        (S4, 2),
        (S3, -2),
        (S6, 1),
        (K2, 1),
        (S5, -1),
        (K1, -1),
    ]
    limited = compare_rulesets(POPULATION, BASELINE, REFORM, AS_OF, largest=2)
    assert len(limited.rank_moves.largest) == 2


def test_by_category_and_by_town() -> None:
    impact = compare_rulesets(POPULATION, BASELINE, REFORM, AS_OF)
    categories = {g.key: g for g in impact.by_category}
    assert list(categories) == ["supervision", "construction_contractor"]
    sup, con = categories["supervision"], categories["construction_contractor"]
    assert sup.label == "监理企业"
    assert (sup.enterprises, sup.changed, sup.total_delta, str(sup.mean_delta)) == (
        6,
        3,
        Decimal(120),
        "20.0000",
    )
    assert (sup.rank_changed, sup.entering_top10, sup.leaving_top10, sup.top10_size) == (5, 0, 1, 1)
    assert (con.enterprises, con.changed, con.total_delta, con.rank_changed) == (2, 1, 40, 2)
    assert (con.entering_top10, con.leaving_top10) == (1, 1)
    # The alias 小榄 is the town 小榄镇; enterprises with no town are `unknown`, listed last.
    towns = {g.key: g for g in impact.by_town}
    assert list(towns) == ["小榄镇", "unknown"]
    assert (towns["小榄镇"].enterprises, towns["小榄镇"].total_delta) == (2, Decimal(40))
    assert towns["unknown"].label == "未知"
    assert towns["unknown"].top10_size is None


def test_mean_delta_is_rounded_half_up_to_four_places() -> None:
    # One gain of 40 among three enterprises: 13.333... -> 13.3333; 40 / 6 = 6.666... -> 6.6667.
    three = compare_rulesets([sub(S4, "C"), sub(S5), sub(S3, "N")], BASELINE, REFORM, AS_OF)
    assert str(three.mean_delta) == "13.3333"
    six = [*POPULATION[3:5], sub(S1), sub(S2), sub(S3), sub(S6)]
    assert str(compare_rulesets(six, BASELINE, REFORM, AS_OF).mean_delta) == "6.6667"


def test_rejected_rows_and_one_sided_results_are_reported_and_counts_add_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = impact_module.integrity_total

    def integrity_total(submission: Any, rules: Ruleset, *args: Any, **kw: Any) -> Any:
        # Stand-in for a ruleset that rejects a submission the other accepts.
        uscc = str(submission.enterprise.uscc)
        if (uscc == X1 and rules is REFORM) or (uscc == X2 and rules is BASELINE):
            raise InputError("not scorable here")
        return real(submission, rules, *args, **kw)

    monkeypatch.setattr(impact_module, "integrity_total", integrity_total)
    bad = sub(S5)
    bad["enterprise"]["category"] = "no-such-category"
    population = [*POPULATION, sub(X1, "A"), sub(X2, "C"), bad, sub(S1)]
    impact = compare_rulesets(population, BASELINE, REFORM, AS_OF, file="pop.jsonl")
    assert [(o.position, str(o.uscc), o.total) for o in impact.only_in_baseline] == [
        (9, X1, Decimal(30))
    ]
    assert [(o.position, str(o.uscc), o.total) for o in impact.only_in_reform] == [
        (10, X2, Decimal(40))
    ]
    assert "not scorable here" in impact.only_in_baseline[0].error
    # The bad category and the second listing of S1 are rejected, each with its line.
    assert [r.position for r in impact.rejected] == [11, 12]
    assert "pop.jsonl:11" in impact.rejected[0].error
    assert "is listed twice (first at line 1)" in impact.rejected[1].error
    assert impact.read == 12
    assert impact.read == (
        impact.enterprises
        + len(impact.only_in_baseline)
        + len(impact.only_in_reform)
        + len(impact.rejected)
    )
    # The one-sided enterprises do not enter the ranking: the figures are those of the eight.
    assert (impact.enterprises, impact.total_delta) == (8, Decimal(160))


def test_an_empty_population() -> None:
    impact = compare_rulesets([], BASELINE, REFORM, AS_OF)
    assert (impact.read, impact.enterprises, impact.changed, impact.total_delta) == (0, 0, 0, 0)
    assert impact.mean_delta is None
    assert impact.quantiles.median is None
    assert impact.histogram.buckets == ()
    assert impact.histogram.edges == ()
    assert impact.by_category == ()
    assert impact.rank_moves.largest == ()
    data = unstructure(impact)
    assert data["mean_delta"] is None
    assert data["per_enterprise"] == []


def test_competition_ranks_share_the_best_rank() -> None:
    assert competition_ranks([Decimal(v) for v in (10, 20, 20, 5, 10)]) == [3, 1, 1, 5, 3]
    assert competition_ranks([Decimal("10"), Decimal("10.0")]) == [1, 1]
    assert competition_ranks([]) == []


@pytest.mark.parametrize(
    ("size", "top"), [(0, 0), (1, 1), (9, 1), (10, 1), (11, 2), (20, 2), (21, 3)]
)
def test_top_ten_percent_is_ceil_of_a_tenth(size: int, top: int) -> None:
    assert top_size(size) == top


def test_nearest_rank_quantiles() -> None:
    q = nearest_rank_quantiles(Decimal(v) for v in range(10, 0, -1))
    # Positions ceil(p * 10 / 100): p10 -> 1, p25 -> 3 (interpolation: 3.25), median -> 5.
    assert (q.min, q.p10, q.p25, q.median, q.p75, q.p90, q.max) == tuple(
        Decimal(v) for v in (1, 1, 3, 5, 8, 9, 10)
    )
    assert nearest_rank_quantiles([Decimal("-2.5")]).p90 == Decimal("-2.5")


def test_histogram_buckets_include_the_lower_edge_only() -> None:
    h = histogram([Decimal(v) for v in ("-3", "0", "2", "2.5", "5")], Decimal("2.5"))
    assert h.edges == tuple(Decimal(v) for v in ("-5", "-2.5", "0", "2.5", "5", "7.5"))
    assert h.buckets[1] == Bucket(Decimal("-2.5"), Decimal(0), 0)
    assert [b.count for b in h.buckets] == [1, 0, 2, 1, 1]
    # Chosen width: span 0.5 -> 0.1 (0.01, 0.02, 0.05 give more than 10 buckets).
    chosen = histogram([Decimal("1.1"), Decimal("1.6")])
    assert chosen.width == Decimal("0.1")
    assert [b.count for b in chosen.buckets] == [1, 0, 0, 0, 0, 1]
    assert histogram([Decimal(7)] * 3).buckets == (Bucket(Decimal(7), Decimal(8), 3),)
    with pytest.raises(InputError, match="positive"):
        histogram([Decimal(1)], Decimal(0))


def test_with_item_points_raises_the_cap_and_lowers_grades_above_the_value() -> None:
    low = with_item_points(REFORM, "C", Decimal(30))
    item = low.items["C"]
    assert (item.points, item.annual_cap) == (Decimal(30), Decimal(40))
    assert dict(item.grades) == {"优秀": Decimal(30), "合格": Decimal(25)}
    assert low.version == "reform+C=30"
    high = with_item_points(REFORM, "C", Decimal(50))
    assert (high.items["C"].points, high.items["C"].annual_cap) == (Decimal(50), Decimal(50))
    assert REFORM.items["C"].points == Decimal(40)  # the reform itself is unchanged
    with pytest.raises(RulesetError, match="no item 'X'"):
        with_item_points(REFORM, "X", Decimal(5))
    with pytest.raises(RulesetError, match="positive"):
        with_item_points(REFORM, "C", Decimal(0))


def test_sweep_reads_once_and_matches_single_comparisons() -> None:
    reads = 0

    def population() -> Any:
        nonlocal reads
        reads += 1
        yield from POPULATION

    values = [Decimal(10), Decimal(40)]
    sweep = sweep_item(population(), BASELINE, REFORM, "C", values, AS_OF)
    assert reads == 1
    assert sweep.item == "C"
    assert sweep.read == 8
    at10, at40 = sweep.points
    # C at 10: supervision S1 40, S2 30, S6 30, S3 20, S4 10, S5 0 -> S2, S6, S3, S5 move.
    assert (at10.changed, at10.total_delta, str(at10.mean_delta)) == (4, Decimal(40), "5.0000")
    assert (at10.rank_changed, at10.entering_top10, at10.leaving_top10) == (4, 0, 1)
    assert (at40.total_delta, at40.rank_changed, at40.entering_top10) == (Decimal(160), 7, 1)
    assert at10.reform.version == "reform+C=10"
    single = compare_rulesets(
        POPULATION, BASELINE, with_item_points(REFORM, "C", Decimal(10)), AS_OF
    )
    assert (single.total_delta, single.rank_moves.changed) == (at10.total_delta, 4)
    with pytest.raises(RulesetError, match="no item"):
        sweep_item(POPULATION, BASELINE, REFORM, "JX", values, AS_OF)


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _rulesets(tmp_path: Path) -> list[str]:
    (tmp_path / "base.toml").write_text(ruleset_text(version="base"), "utf-8")
    (tmp_path / "reform.toml").write_text(
        ruleset_text(version="reform", status="proposed", items=ITEMS + ITEM_C), "utf-8"
    )
    return ["--baseline", str(tmp_path / "base.toml"), "--reform", str(tmp_path / "reform.toml")]


def test_cli_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    population = _write(tmp_path / "pop.jsonl", POPULATION)
    status = main(["impact", *_rulesets(tmp_path), "--as-of", AS_OF, str(population)])
    data = json.loads(capsys.readouterr().out)
    assert status == 0
    assert data["baseline"] == {"id": "test-rules", "version": "base"}
    assert data["reform"] == {"id": "test-rules", "version": "reform"}
    assert (data["as_of"], data["enterprises"], data["changed"]) == (AS_OF, 8, 4)
    assert (data["total_delta"], data["mean_delta"]) == ("160", "20.0000")
    assert data["histogram"]["buckets"][0] == {"lower": "0", "upper": "5", "count": 4}
    assert data["by_category"][0]["key"] == "supervision"
    assert data["rank_moves"]["largest"][0]["move"] == -3
    first = data["per_enterprise"][0]
    assert {k: first[k] for k in ("uscc", "baseline_total", "reform_total", "delta")} == {
        "uscc": S1,
        "baseline_total": "30",
        "reform_total": "70",
        "delta": "40",
    }


def test_cli_reports_bad_lines_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    population = tmp_path / "pop.jsonl"
    _write(population, POPULATION)
    with population.open("a", encoding="utf-8") as out:
        out.write("{not json\n")
    status = main(
        ["impact", *_rulesets(tmp_path), "--as-of", AS_OF, "--format", "table", str(population)]
    )
    captured = capsys.readouterr()
    assert status == 1
    assert f"{population}:9" in captured.err
    assert "加分变化合计" in captured.out
    assert "均未计分" in captured.out


def test_cli_sweep(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    population = _write(tmp_path / "pop.jsonl", POPULATION)
    args = ["impact", *_rulesets(tmp_path), "--as-of", AS_OF, str(population)]
    assert main([*args, "--sweep", "C=10,40"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(p["value"], p["total_delta"]) for p in data["points"]] == [("10", "40"), ("40", "160")]
    assert main([*args, "--sweep", "JX=10"]) == 2
    assert "no item 'JX'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([*args, "--sweep", "C=ten"])


def test_the_reform_changes_nothing_against_itself() -> None:
    impact = compare_rulesets(POPULATION, REFORM, attrs.evolve(REFORM, version="again"), AS_OF)
    assert (impact.changed, impact.total_delta, impact.rank_moves.changed) == (0, 0, 0)
    assert impact.histogram.buckets[0].count == 8


def test_the_guide_shows_the_figures_of_the_shipped_example(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    guide = (Path(__file__).parent.parent / "docs" / "impact.md").read_text("utf-8")
    monkeypatch.chdir(example_path("population.jsonl").parent)
    args = [
        "impact",
        "--baseline",
        "zhongshan-construction-good-behaviour@2024",
        "--reform",
        "zhongshan-construction-good-behaviour@2024-cqo",
        "--as-of",
        "2025-06-30",
        "--format",
        "table",
        "population.jsonl",
    ]
    for extra in ([], ["--sweep", "JCQO-001=5,10,15,20"]):
        assert main([*args, *extra]) == 0
        shown = capsys.readouterr().out.rstrip("\n")
        assert f"```text\n{shown}\n```" in guide


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0", "must be a positive number"),
        ("-5", "must be a positive number"),
        ("nan", "not a finite number"),
        ("1e999999999", "too large"),
        ("0.0099", "must be at least 0.01 points"),
        ("x", "not a number"),
    ],
)
def test_a_bin_width_is_bounded(text: str, message: str) -> None:
    # One parser for --bin-width and the service's ?bin_width= (zs_quality.io.arguments).
    from zs_quality.errors import InputError
    from zs_quality.io.arguments import bin_width
    from zs_quality.limits import MIN_BIN_WIDTH

    assert bin_width(str(MIN_BIN_WIDTH)) == MIN_BIN_WIDTH
    with pytest.raises(InputError, match=message):
        bin_width(text)


def test_a_sweep_tries_at_most_max_sweep_values_each_at_most_max_points() -> None:
    from zs_quality.errors import InputError
    from zs_quality.io.arguments import sweep_values
    from zs_quality.limits import MAX_POINTS, MAX_SWEEP_VALUES

    most = ",".join(["1"] * MAX_SWEEP_VALUES)
    assert len(sweep_values(f"A={most}")[1]) == MAX_SWEEP_VALUES
    with pytest.raises(InputError, match=f"at most {MAX_SWEEP_VALUES} values"):
        sweep_values(f"A={most},1")
    assert sweep_values(f" A = {MAX_POINTS}") == ("A", (MAX_POINTS,))
    with pytest.raises(InputError, match=f"must be at most {MAX_POINTS} points"):
        sweep_values(f"A=1,{MAX_POINTS + 1}")
    with pytest.raises(InputError, match="expected ITEM=V1,V2"):
        sweep_values("A")


def test_a_sweep_judges_each_submission_twice_whatever_the_number_of_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []

    def counting(name: str) -> Any:
        real = getattr(impact_module, name)

        def counted(*args: Any) -> Any:
            calls.append(name)
            return real(*args)

        return counted

    for name in ("integrity_total", "repriced_totals"):
        monkeypatch.setattr(impact_module, name, counting(name))
    values = [Decimal(v) for v in range(1, 11)]
    sweep_item(POPULATION, BASELINE, REFORM, "C", values, AS_OF)
    # The 8 submissions are judged once under the baseline (their total) and once under the
    # reform, whose records of C (S1, S4, S6 and K2 have one) are re-priced for each of the 10
    # values (tests/test_sweep_repricing.py checks that this gives what scoring each value gives).
    assert sorted(calls) == ["integrity_total"] * 8 + ["repriced_totals"] * 8


def test_a_sweep_in_worker_processes_is_the_sweep_in_one() -> None:
    # A repeated enterprise and a submission that cannot be read, among plain ones.
    population = [*POPULATION, POPULATION[0], {"enterprise": {}, "records": []}, *POPULATION[:2]]
    values = [Decimal(10), Decimal("40.5")]
    one = sweep_item(population, BASELINE, REFORM, "C", values, AS_OF)
    two = sweep_item(population, BASELINE, REFORM, "C", values, AS_OF, jobs=2)
    assert two == one
    assert one.points[0].rejected == 4  # the repeat of S1, the unreadable one, S1 and S2 again


def test_cli_sweep_with_jobs_writes_what_one_process_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [*POPULATION, POPULATION[3]]
    source = _write(tmp_path / "population.jsonl", rows)
    with source.open("a", encoding="utf-8") as out:
        out.write('{"enterprise": \n')  # a line that is not JSON
    args = [
        "impact",
        *_rulesets(tmp_path),
        "--as-of",
        str(AS_OF),
        "--sweep",
        "C=10,40",
        "--format",
        "json",
        str(source),
    ]
    first = main(args)
    one = capsys.readouterr()
    second = main([*args[:-1], "--jobs", "2", args[-1]])
    two = capsys.readouterr()
    assert (second, two.out, two.err) == (first, one.out, one.err)
    assert first == 1
