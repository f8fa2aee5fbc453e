"""A sweep re-prices only the records of its item, and gives what scoring each value separately
gives; a comparison's totals are those of scoring: properties over drawn populations, items and
values."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from integrity_support import rec, ruleset, submission
from zs_quality.api import compare_rulesets, sweep_item
from zs_quality.dates import Date
from zs_quality.model.submission import Submission
from zs_quality.model.towns import Gazetteer
from zs_quality.policy.rulesets import embedded_rulesets
from zs_quality.rules import impact as impact_module
from zs_quality.rules.impact import with_item_points
from zs_quality.rules.integrity import integrity_total, repriced_totals, score_integrity
from zs_quality.rulesets import Ruleset, RulesetHistory, RulesetStatus
from zs_quality.testing.strategies import integrity_cases

# The construction rulesets: the baseline and the reform whose item is swept.
CONSTRUCTION = [r for r in embedded_rulesets() if r.id == "zhongshan-construction-good-behaviour"]
AS_OF = Date(2025, 6, 30)


def _population(rules: Ruleset) -> st.SearchStrategy[list[Submission]]:
    case = integrity_cases(rules, as_of=AS_OF, max_records=6)
    return st.lists(case.map(lambda c: c.submission), max_size=6)


def _figures(impact: Any) -> tuple[Any, ...]:
    moves = impact.rank_moves
    return (
        impact.enterprises,
        impact.changed,
        impact.total_delta,
        impact.mean_delta,
        moves.changed,
        moves.entering_top10,
        moves.leaving_top10,
        len(impact.only_in_baseline),
        len(impact.only_in_reform),
        len(impact.rejected),
    )


@st.composite
def _sweeps(draw: st.DrawFn) -> tuple[Ruleset, Ruleset, str, list[Decimal], list[Submission]]:
    baseline = draw(st.sampled_from(CONSTRUCTION))
    reform = draw(st.sampled_from(CONSTRUCTION))
    item = draw(st.sampled_from(sorted(reform.items)))
    values = draw(
        st.lists(
            st.decimals(min_value=Decimal("0.5"), max_value=Decimal(120), places=1),
            min_size=1,
            max_size=4,
        )
    )
    # Submissions aimed at the reform's items, so that the swept item is often among them.
    population = draw(_population(reform))
    return baseline, reform, item, values, population


@given(_sweeps())
@settings(max_examples=60, deadline=None)
def test_a_sweep_gives_what_scoring_each_value_separately_gives(
    sweep_case: tuple[Ruleset, Ruleset, str, list[Decimal], list[Submission]],
) -> None:
    baseline, reform, item, values, population = sweep_case
    sweep = sweep_item(population, baseline, reform, item, values, AS_OF)
    assert [p.value for p in sweep.points] == values
    for value, point in zip(values, sweep.points, strict=True):
        single = compare_rulesets(
            population, baseline, with_item_points(reform, item, value), AS_OF
        )
        assert point.reform == single.reform
        assert (
            point.enterprises,
            point.changed,
            point.total_delta,
            point.mean_delta,
            point.rank_changed,
            point.entering_top10,
            point.leaving_top10,
            point.only_in_baseline,
            point.only_in_reform,
            point.rejected,
        ) == _figures(single)


@given(_sweeps())
@settings(max_examples=60, deadline=None)
def test_each_enterprise_has_the_same_totals_repriced_as_rescored(
    sweep_case: tuple[Ruleset, Ruleset, str, list[Decimal], list[Submission]],
) -> None:
    baseline, reform, item, values, population = sweep_case
    candidates = [with_item_points(reform, item, v) for v in values]
    towns = Gazetteer(towns=())  # by-town figures are not compared here
    repriced = impact_module._run(
        population, baseline, candidates, AS_OF, towns, None, sweep=(reform, item)
    )
    rescored = impact_module._run(population, baseline, candidates, AS_OF, towns, None)
    for fast, slow in zip(repriced, rescored, strict=True):
        # The same numbers, written alike (a Decimal keeps its exponent: 30 is not 30.0).
        assert [(fast.whos[w], str(b), str(n)) for w, b, n in fast.compared] == [
            (slow.whos[w], str(b), str(n)) for w, b, n in slow.compared
        ]
        assert [(o.position, o.total) for o in fast.only_in_baseline] == [
            (o.position, o.total) for o in slow.only_in_baseline
        ]
        assert [o.position for o in fast.only_in_reform] == [
            o.position for o in slow.only_in_reform
        ]
        assert [r.position for r in fast.rejected] == [r.position for r in slow.rejected]


@given(integrity_cases(max_records=8), st.booleans())
@settings(max_examples=150, deadline=None)
def test_the_total_alone_is_the_total_of_the_scoring(case: Any, as_history: bool) -> None:
    rules: Ruleset | RulesetHistory = case.rules
    if as_history and case.rules.status is not RulesetStatus.PROPOSED:
        rules = RulesetHistory.of([case.rules])
    # The same Decimal, written alike (30 is not 30.0): comparisons print these totals.
    assert str(integrity_total(case.submission, rules, case.as_of)) == str(
        score_integrity(case.submission, rules, case.as_of).total
    )


def test_a_total_the_swept_item_cannot_change_is_kept_once_for_every_value() -> None:
    # A sweep keeps every value's total of every enterprise: one without a record of the swept
    # item keeps one object, not one a value (docs/performance.md, "A sweep keeps one total
    # where a value cannot change it").
    rules = ruleset()
    values = [Decimal(5), Decimal("7.5"), Decimal(50)]
    items = [with_item_points(rules, "N", v).items["N"] for v in values]
    without = submission(rec("r1", item="A"), rec("r2", item="P", document_date="2024-06-01"))
    totals = repriced_totals(without, rules, AS_OF, items)
    assert [str(t) for t in totals] == ["70", "70", "70"]
    assert all(t is totals[0] for t in totals)
    with_item = submission(rec("r1", item="A"), rec("r2", item="N", document_date="2025-01-10"))
    assert [str(t) for t in repriced_totals(with_item, rules, AS_OF, items)] == [
        "35",
        "37.5",
        "80",
    ]
