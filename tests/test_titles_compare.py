"""compare_criteria: every way a local set can loosen the provincial one is caught and named,
each counterexample really is one, (by property tests) "not lower" is never wrong, and a level
either set does not transcribe completely is "unknown", never "not lower"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from titles_support import as_complete, criteria
from zs_quality.dates import Date
from zs_quality.model.criteria import (
    Alternative,
    Condition,
    ConditionGroup,
    Criteria,
    LevelCriteria,
    Match,
    Transcription,
)
from zs_quality.model.evidence import (
    ContributionRole,
    EvidenceKind,
    HonourLevel,
    PatentType,
    Project,
    ReportActivity,
    StandardScope,
)
from zs_quality.model.roles import Education
from zs_quality.model.titles import Candidate, HeldTitle, TitleLevel
from zs_quality.policy.criteria import load_criteria
from zs_quality.rules import criteria_comparison
from zs_quality.rules.criteria_comparison import (
    ComparisonVerdict,
    CriteriaComparison,
    compare_criteria,
)
from zs_quality.rules.titles import assess_title

SHIPPED = load_criteria()  # partial: the engineer and professorate partial, the rest stand-ins
GD = as_complete(SHIPPED)  # the same conditions, as if completely transcribed
ENGINEER = TitleLevel.ENGINEER
LOWER, NOT_LOWER, UNKNOWN = ComparisonVerdict


def _level(c: Criteria, level: TitleLevel = ENGINEER) -> LevelCriteria:
    found = c.level(level)
    assert found is not None
    return found


def with_level(c: Criteria, change: Callable[[LevelCriteria], LevelCriteria]) -> Criteria:
    """``c`` with its engineer level changed, as a municipal set."""
    levels = tuple(change(lc) if lc.level is ENGINEER else lc for lc in c.levels)
    return attrs.evolve(c, id="city", authority="municipal", levels=levels)


def with_group(
    c: Criteria, group: str, change: Callable[[ConditionGroup], ConditionGroup]
) -> Criteria:
    def level(lc: LevelCriteria) -> LevelCriteria:
        return attrs.evolve(lc, groups=tuple(change(g) if g.id == group else g for g in lc.groups))

    return with_level(c, level)


def with_condition(
    c: Criteria, group: str, condition: str, change: Callable[[Condition], Condition]
) -> Criteria:
    def in_group(g: ConditionGroup) -> ConditionGroup:
        return attrs.evolve(
            g, conditions=tuple(change(x) if x.id == condition else x for x in g.conditions)
        )

    return with_group(c, group, in_group)


def with_alternative(
    c: Criteria, group: str, condition: str, index: int, **changes: Any
) -> Criteria:
    def in_condition(x: Condition) -> Condition:
        alts = list(x.alternatives)
        match_changes = changes.pop("match", {})
        alts[index] = attrs.evolve(
            alts[index], match=attrs.evolve(alts[index].match, **match_changes), **changes
        )
        return attrs.evolve(x, alternatives=tuple(alts))

    return with_condition(c, group, condition, in_condition)


def _lower_at(result: CriteriaComparison, where: str) -> None:
    assert result.lower
    assert result.verdict is LOWER
    level = next(lv for lv in result.levels if lv.level is ENGINEER)
    assert level.lower
    assert level.proven
    assert level.verdict is LOWER
    assert where in [v.where for v in level.violations], [v.where for v in level.violations]
    example = level.counterexample
    assert example is not None
    assert isinstance(example.candidate, Candidate)


def _check_counterexample(
    local: Criteria, provincial: Criteria, result: CriteriaComparison
) -> None:
    for level in result.levels:
        if level.counterexample is not None:
            who, day = level.counterexample.candidate, level.counterexample.as_of
            assert assess_title(who, local, level.level, day).eligible
            if provincial.level(level.level) is not None:
                assert not assess_title(who, provincial, level.level, day).eligible


A = "levels[engineer].groups[achievements]"
LOOSENINGS: list[tuple[str, Criteria, str]] = [
    (
        "fewer years",
        with_level(GD, lambda lc: attrs.evolve(lc, min_years={**lc.years, Education.COLLEGE: 3})),
        "levels[engineer].min_years_in_title.college",
    ),
    (
        "an extra accepted education",
        with_level(GD, lambda lc: attrs.evolve(lc, min_years={**lc.years, Education.SECONDARY: 6})),
        "levels[engineer].min_years_in_title.secondary",
    ),
    (
        "another required title",
        with_level(GD, lambda lc: attrs.evolve(lc, requires_title=TitleLevel.TECHNICIAN)),
        "levels[engineer].requires_title",
    ),
    (
        "a smaller at_least in a group",
        with_group(GD, "achievements", lambda g: attrs.evolve(g, at_least=2)),
        f"{A}.at_least",
    ),
    (
        "a smaller at_least in a condition's alternative",
        with_alternative(GD, "achievements", "patents", 1, at_least=1),
        f"{A}.conditions[patents].any_of[1].at_least",
    ),
    (
        "one report for an activity that needs two",
        with_alternative(GD, "achievements", "technical_work", 0, at_least=1),
        f"{A}.conditions[technical_work].any_of[0].at_least",
    ),
    (
        "wider activities",
        with_alternative(
            GD,
            "achievements",
            "technical_work",
            1,
            match={
                "activities": (
                    ReportActivity.PROFICIENCY_TEST,
                    ReportActivity.INSPECTION_APPRAISAL,
                )
            },
        ),
        f"{A}.conditions[technical_work].any_of[1].match.activities",
    ),
    (
        "removed activities",
        with_alternative(GD, "achievements", "quality_system", 0, match={"activities": None}),
        f"{A}.conditions[quality_system].match.activities",
    ),
    (
        "an investigation below county level",
        with_alternative(
            GD, "achievements", "technical_work", 4, match={"min_level": HonourLevel.ASSOCIATION}
        ),
        f"{A}.conditions[technical_work].any_of[4].match.min_level",
    ),
    (
        "a removed max_rank",
        with_alternative(GD, "achievements", "standards", 1, match={"max_rank": None}),
        f"{A}.conditions[standards].any_of[1].match.max_rank",
    ),
    (
        "a larger max_rank",
        with_alternative(GD, "achievements", "standards", 2, match={"max_rank": 4}),
        f"{A}.conditions[standards].any_of[2].match.max_rank",
    ),
    (
        "a lower min_level",
        with_alternative(
            GD, "achievements", "award", 0, match={"min_level": HonourLevel.ASSOCIATION}
        ),
        f"{A}.conditions[award].match.min_level",
    ),
    (
        "wider scopes",
        with_alternative(
            GD,
            "achievements",
            "standards",
            0,
            match={"scopes": (StandardScope.NATIONAL, StandardScope.GROUP)},
        ),
        f"{A}.conditions[standards].any_of[0].match.scopes",
    ),
    (
        "wider types",
        with_alternative(
            GD,
            "achievements",
            "patents",
            0,
            match={"types": (PatentType.INVENTION, PatentType.DESIGN)},
        ),
        f"{A}.conditions[patents].any_of[0].match.types",
    ),
    (
        "wider roles",
        with_alternative(GD, "achievements", "projects", 2, match={"roles": None}),
        f"{A}.conditions[projects].any_of[2].match.roles",
    ),
    (
        "a removed kind",
        with_alternative(GD, "achievements", "projects", 2, match={"kind": None}),
        f"{A}.conditions[projects].any_of[2].match.kind",
    ),
    (
        "an extra alternative",
        with_condition(
            GD,
            "achievements",
            "patents",
            lambda x: attrs.evolve(
                x,
                alternatives=(
                    *x.alternatives,
                    Alternative(at_least=3, match=Match(kind=EvidenceKind.PATENT)),
                ),
            ),
        ),
        f"{A}.conditions[patents].any_of[2]",
    ),
    (
        "an extra alternative condition in an N-of-M group",
        with_group(
            GD,
            "achievements",
            lambda g: attrs.evolve(
                g,
                conditions=(
                    *g.conditions,
                    Condition(
                        id="cqo_case",
                        label="首席质量官典型案例",
                        alternatives=(
                            Alternative(at_least=1, match=Match(kind=EvidenceKind.TYPICAL_CASE)),
                        ),
                    ),
                ),
            ),
        ),
        f"{A}.conditions[cqo_case].conditions",
    ),
    (
        "a dropped group",
        with_level(GD, lambda lc: attrs.evolve(lc, groups=lc.groups[:1])),
        "levels[engineer].groups[academic].groups",
    ),
]


@pytest.mark.parametrize(("name", "local", "where"), LOOSENINGS, ids=[n for n, _, _ in LOOSENINGS])
def test_each_way_of_loosening_is_lower_and_named(name: str, local: Criteria, where: str) -> None:
    result = compare_criteria(local, GD)
    _lower_at(result, where)
    _check_counterexample(local, GD, result)


def test_counting_cqo_led_work_as_lead_is_lower_than_a_province_that_does_not() -> None:
    local = attrs.evolve(GD, id="city", cqo_led_counts_as=ContributionRole.LEAD)
    result = compare_criteria(local, GD)
    _lower_at(result, "levels[engineer].criteria.cqo_led_counts_as")
    _check_counterexample(local, GD, result)
    example = next(lv for lv in result.levels if lv.level is ENGINEER).counterexample
    assert example is not None
    assert any(e.cqo_led for e in example.candidate.evidence)


def test_a_level_the_province_lacks_is_lower() -> None:
    province = attrs.evolve(GD, levels=tuple(lc for lc in GD.levels if lc.level is not ENGINEER))
    result = compare_criteria(GD, province)
    level = next(lv for lv in result.levels if lv.level is ENGINEER)
    assert level.lower
    assert level.proven
    assert [v.key for v in level.violations] == ["level"]
    _check_counterexample(GD, province, result)


@pytest.mark.parametrize(
    "local",
    [
        GD,
        with_level(GD, lambda lc: attrs.evolve(lc, min_years={Education.BACHELOR: 5})),
        with_group(GD, "achievements", lambda g: attrs.evolve(g, at_least=4)),
        with_alternative(GD, "achievements", "standards", 1, match={"max_rank": 3}),
        with_alternative(GD, "achievements", "patents", 1, at_least=3),
        with_level(
            GD,
            lambda lc: attrs.evolve(
                lc,
                groups=(
                    *lc.groups,
                    ConditionGroup(
                        id="cqo",
                        label="首席质量官",
                        at_least=1,
                        conditions=(
                            Condition(
                                id="cert",
                                label="认证",
                                alternatives=(
                                    Alternative(
                                        at_least=1,
                                        match=Match(kind=EvidenceKind.CQO_CERTIFICATION),
                                    ),
                                ),
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ],
    ids=[
        "itself",
        "more years",
        "more conditions",
        "smaller max_rank",
        "more items",
        "extra group",
    ],
)
def test_tightening_is_not_lower_key_by_key(local: Criteria) -> None:
    result = compare_criteria(local, GD)
    assert not result.lower
    assert all(lv.proven and not lv.violations for lv in result.levels)


def test_a_difference_that_is_compensated_is_not_lower_by_exhaustive_search() -> None:
    # The local condition asks 1 report instead of 2, but a second local group asks 2 more.
    one = '\n[[levels.groups]]\nid = "g"\nlabel = "x"\nat_least = 1\n[[levels.groups.conditions]]\n'
    province = criteria(one + 'id = "r"\nlabel = "r"\nat_least = 2\nmatch = { kind = "report" }\n')
    local = criteria(
        one
        + 'id = "r"\nlabel = "r"\nat_least = 1\nmatch = { kind = "report" }\n'
        + '[[levels.groups]]\nid = "more"\nlabel = "x"\nat_least = 1\n[[levels.groups.conditions]]\n'
        + 'id = "r2"\nlabel = "r"\nat_least = 2\nmatch = { kind = "report" }\n'
    )
    result = compare_criteria(local, province)
    assert not result.lower
    assert result.levels[0].proven
    assert "levels[engineer].groups[g].conditions[r].at_least" in result.levels[0].reason_en
    # ... and without the second group it is lower.
    assert compare_criteria(
        attrs.evolve(
            local, levels=(attrs.evolve(local.levels[0], groups=local.levels[0].groups[:1]),)
        ),
        province,
    ).lower


# -- property tests ------------------------------------------------------------------------------

_MATCHES = [
    Match(kind=EvidenceKind.STANDARD),
    Match(kind=EvidenceKind.STANDARD, max_rank=3),
    Match(kind=EvidenceKind.STANDARD, scopes=(StandardScope.GROUP,), max_rank=5),
    Match(kind=EvidenceKind.STANDARD, scopes=(StandardScope.GROUP, StandardScope.INDUSTRY)),
    Match(kind=EvidenceKind.PATENT, types=(PatentType.INVENTION,)),
    Match(kind=EvidenceKind.PATENT),
    Match(kind=EvidenceKind.PROJECT, roles=(ContributionRole.LEAD,)),
    Match(kind=EvidenceKind.PROJECT, min_level=HonourLevel.PROVINCIAL),
    Match(kind=EvidenceKind.PROJECT, roles=(ContributionRole.LEAD, ContributionRole.MAIN)),
    Match(kind=EvidenceKind.REPORT, activities=(ReportActivity.NEW_TECHNOLOGY,)),
    Match(
        kind=EvidenceKind.REPORT,
        activities=(ReportActivity.PROFICIENCY_TEST, ReportActivity.ACCIDENT_INVESTIGATION),
        min_level=HonourLevel.COUNTY,
    ),
    Match(),
]
match_st = st.sampled_from(_MATCHES)
alt_st = st.builds(Alternative, at_least=st.integers(1, 2), match=match_st)


@st.composite
def provincial_st(draw: st.DrawFn) -> Criteria:
    groups = []
    n = 0
    for g in range(draw(st.integers(1, 2))):
        conditions = []
        for _ in range(draw(st.integers(1, 3))):
            alts = draw(st.lists(alt_st, min_size=1, max_size=2))
            conditions.append(Condition(id=f"c{n}", label="c", alternatives=alts))
            n += 1
        groups.append(
            ConditionGroup(
                id=f"g{g}",
                label="g",
                at_least=draw(st.integers(1, len(conditions))),
                conditions=conditions,
            )
        )
    years = draw(
        st.dictionaries(
            st.sampled_from([Education.MASTER, Education.BACHELOR, Education.COLLEGE]),
            st.integers(0, 4),
            min_size=1,
        )
    )
    level = LevelCriteria(
        level=ENGINEER,
        requires_title=TitleLevel.ASSISTANT_ENGINEER,
        min_years=years,
        groups=groups,
    )
    counts_as = draw(st.sampled_from([None, ContributionRole.LEAD]))
    return Criteria(
        id="p",
        version="1",
        jurisdiction="省",
        authority="provincial",
        reference="p",
        cqo_led_counts_as=counts_as,
        levels=(level,),
    )


@st.composite
def mutated_st(draw: st.DrawFn, base: Criteria) -> Criteria:
    """``base`` after a few random changes, each of which may loosen or tighten it."""
    lc = base.levels[0]
    for step in range(draw(st.integers(1, 3))):
        groups = list(lc.groups)
        op = draw(st.integers(0, 7))
        g = draw(st.integers(0, len(groups) - 1))
        group = groups[g]
        c = draw(st.integers(0, len(group.conditions) - 1))
        condition = group.conditions[c]
        conditions = list(group.conditions)
        if op == 0:
            education = draw(
                st.sampled_from([Education.MASTER, Education.BACHELOR, Education.COLLEGE])
            )
            lc = attrs.evolve(lc, min_years={**lc.years, education: draw(st.integers(0, 4))})
            continue
        if op == 1:
            groups[g] = attrs.evolve(group, at_least=draw(st.integers(1, len(conditions))))
        elif op == 2:
            alts = list(condition.alternatives)
            a = draw(st.integers(0, len(alts) - 1))
            alts[a] = attrs.evolve(alts[a], at_least=draw(st.integers(1, 3)))
            conditions[c] = attrs.evolve(condition, alternatives=alts)
        elif op == 3:
            alts = list(condition.alternatives)
            a = draw(st.integers(0, len(alts) - 1))
            alts[a] = attrs.evolve(alts[a], match=draw(match_st))
            conditions[c] = attrs.evolve(condition, alternatives=alts)
        elif op == 4:
            alts = [*condition.alternatives, draw(alt_st)]
            conditions[c] = attrs.evolve(condition, alternatives=alts)
        elif op == 5:
            # An id no other condition has: "x{len}{group}" could repeat once a condition was
            # deleted in between (found failing on a random seed).
            conditions.append(Condition(id=f"x{step}", label="x", alternatives=[draw(alt_st)]))
        elif op == 6 and len(conditions) > 1:
            del conditions[c]
            groups[g] = attrs.evolve(
                group, at_least=min(group.at_least, len(conditions)), conditions=conditions
            )
            lc = attrs.evolve(lc, groups=groups)
            continue
        elif op == 7:
            base = attrs.evolve(
                base,
                cqo_led_counts_as=draw(
                    st.sampled_from([None, ContributionRole.LEAD, ContributionRole.MAIN])
                ),
            )
            continue
        if op != 1:
            groups[g] = attrs.evolve(groups[g], conditions=conditions)
        lc = attrs.evolve(lc, groups=groups)
    return attrs.evolve(base, id="local", levels=(lc,))


_AS_OF = Date(2025, 1, 1)
item_st = st.one_of(
    st.builds(
        dict,
        kind=st.just("standard"),
        scope=st.sampled_from(["group", "industry", "national"]),
        rank=st.sampled_from([None, 1, 3, 4, 6]),
        role=st.sampled_from([None, "lead", "participant"]),
        cqo_led=st.booleans(),
    ),
    st.builds(
        dict,
        kind=st.just("patent"),
        type=st.sampled_from(["invention", "utility_model"]),
        cqo_led=st.booleans(),
    ),
    st.builds(
        dict,
        kind=st.just("project"),
        level=st.sampled_from([None, "municipal", "provincial"]),
        role=st.sampled_from(["lead", "main", "participant"]),
        cqo_led=st.booleans(),
    ),
    st.builds(
        dict,
        kind=st.just("report"),
        activity=st.sampled_from([None, "new_technology", "proficiency_test", "energy_audit"]),
        level=st.sampled_from([None, "association", "county", "municipal"]),
        cqo_led=st.booleans(),
    ),
)


@st.composite
def candidate_st(draw: st.DrawFn) -> Candidate:
    from zs_quality.convert import structure

    items = draw(st.lists(item_st, max_size=7))
    evidence = [{"id": f"e{i}", "date": "2024-01-01", **item} for i, item in enumerate(items)]
    data = {
        "name": "x",
        "education": draw(st.sampled_from(["master", "bachelor", "college"])),
        "current_title": {
            "level": "assistant_engineer",
            "obtained_on": draw(st.sampled_from(["2020-01-01", "2022-01-01", "2023-06-01"])),
        },
        "evidence": evidence,
    }
    return structure(data, Candidate)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_compare_is_sound(data: st.DataObject) -> None:
    provincial = data.draw(provincial_st())
    local = data.draw(mutated_st(provincial))
    result = compare_criteria(local, provincial)
    _check_counterexample(local, provincial, result)
    if result.lower:
        return
    for _ in range(20):
        who = data.draw(candidate_st())
        if assess_title(who, local, ENGINEER, _AS_OF).eligible:
            assert assess_title(who, provincial, ENGINEER, _AS_OF).eligible


@settings(max_examples=100, deadline=None)
@given(provincial_st())
def test_a_criteria_set_is_never_lower_than_itself(provincial: Criteria) -> None:
    result = compare_criteria(provincial, provincial)
    assert not result.lower
    assert all(lv.proven for lv in result.levels)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_every_lower_verdict_found_a_real_counterexample(data: st.DataObject) -> None:
    provincial = data.draw(provincial_st())
    local = data.draw(mutated_st(provincial))
    result = compare_criteria(local, provincial)
    if not result.lower:  # about half the pairs; no assume(), whose rejections count against us
        return
    level = result.levels[0]
    assert level.proven
    assert level.counterexample is not None
    _check_counterexample(local, provincial, result)


def test_counterexample_projects_are_real_records() -> None:
    result = compare_criteria(
        with_alternative(
            GD, "achievements", "projects", 0, match={"min_level": HonourLevel.MUNICIPAL}
        ),
        GD,
    )
    level = next(lv for lv in result.levels if lv.level is ENGINEER)
    assert level.counterexample is not None
    assert any(isinstance(e, Project) for e in level.counterexample.candidate.evidence)
    assert level.counterexample.candidate.current_title == HeldTitle(
        level=TitleLevel.ASSISTANT_ENGINEER, obtained_on=Date(2023, 7, 1)
    )


def test_a_smaller_at_least_in_a_single_alternative_condition_is_named_without_any_of() -> None:
    stricter = with_alternative(GD, "achievements", "quality_system", 0, at_least=2)
    _lower_at(compare_criteria(GD, stricter), f"{A}.conditions[quality_system].at_least")


# -- partial transcriptions: unknown, never "not lower" ------------------------------------------


def _mark(c: Criteria, level: TitleLevel, status: Transcription) -> Criteria:
    """``c`` with ``level`` (and, for a stand-in, its parts) marked ``status``."""

    def mark(lc: LevelCriteria) -> LevelCriteria:
        if status is not Transcription.UNTRANSCRIBED:
            return attrs.evolve(lc, transcription=status)
        groups = tuple(
            attrs.evolve(
                g,
                transcription=status,
                conditions=tuple(attrs.evolve(x, transcription=status) for x in g.conditions),
            )
            for g in lc.groups
        )
        return attrs.evolve(lc, transcription=status, groups=groups)

    return attrs.evolve(c, levels=tuple(mark(lc) if lc.level is level else lc for lc in c.levels))


def test_against_the_shipped_province_every_level_is_unknown() -> None:
    # A tightened copy of the shipped set: not lower on what is transcribed, yet no level of the
    # province is completely transcribed, so none can be proven not lower.
    local = attrs.evolve(
        with_group(SHIPPED, "achievements", lambda g: attrs.evolve(g, at_least=4)),
        reference="中山市〔2025〕1号",
    )
    result = compare_criteria(local, SHIPPED)
    assert result.verdict is UNKNOWN
    assert result.lower
    for level in result.levels:
        assert level.verdict is UNKNOWN, level.level
        assert level.lower
        assert not level.proven
        pc = SHIPPED.level(level.level)
        assert pc is not None
        assert level.provincial_untranscribed == pc.gaps()
        assert level.reason_en.startswith(
            "unknown: the provincial and local conditions of this level are not completely "
            "transcribed"
        )
    engineer = next(lv for lv in result.levels if lv.level is ENGINEER)
    assert "not lower, key by key" in engineer.reason_en  # what the transcribed parts show


def test_a_counterexample_against_a_partial_province_is_kept_as_indicative() -> None:
    local = attrs.evolve(
        with_level(
            SHIPPED, lambda lc: attrs.evolve(lc, min_years={**lc.years, Education.COLLEGE: 3})
        ),
        reference="中山市〔2025〕1号",
    )
    result = compare_criteria(local, SHIPPED)
    engineer = next(lv for lv in result.levels if lv.level is ENGINEER)
    assert engineer.verdict is UNKNOWN
    assert (engineer.lower, engineer.proven) == (True, False)
    assert [v.where for v in engineer.violations] == ["levels[engineer].min_years_in_title.college"]
    assert engineer.counterexample is not None  # eligible locally, not under the transcription
    _check_counterexample(local, SHIPPED, result)
    assert "lower: the counterexample is eligible locally" in engineer.reason_en


def test_the_shipped_set_is_not_lower_than_itself() -> None:
    # One transcription of one document: whatever the missing text says, it says to both.
    result = compare_criteria(SHIPPED, SHIPPED)
    assert result.verdict is NOT_LOWER
    assert not result.lower
    for level in result.levels:
        assert (level.verdict, level.lower, level.proven) == (NOT_LOWER, False, True)
        assert level.provincial_untranscribed == level.local_untranscribed != ()
        assert "same transcription of the same document" in level.reason_en


def test_the_same_conditions_for_another_document_are_unknown() -> None:
    city = attrs.evolve(SHIPPED, id="city", reference="中山市〔2025〕1号")
    assert compare_criteria(city, SHIPPED).verdict is UNKNOWN
    with_lead = attrs.evolve(SHIPPED, cqo_led_counts_as=ContributionRole.LEAD)
    assert compare_criteria(with_lead, SHIPPED).verdict is UNKNOWN


@pytest.mark.parametrize("status", [Transcription.PARTIAL, Transcription.UNTRANSCRIBED])
def test_one_level_not_complete_in_the_province_is_unknown_and_the_others_are_proven(
    status: Transcription,
) -> None:
    province = _mark(GD, ENGINEER, status)
    result = compare_criteria(GD, province)
    verdicts = {lv.level: lv.verdict for lv in result.levels}
    assert verdicts[ENGINEER] is UNKNOWN
    assert all(v is NOT_LOWER for level, v in verdicts.items() if level is not ENGINEER)
    assert result.verdict is UNKNOWN
    assert result.lower  # conservative: not proven not lower
    engineer = next(lv for lv in result.levels if lv.level is ENGINEER)
    assert engineer.local_untranscribed == ()
    assert [g.where for g in engineer.provincial_untranscribed] == ["level"]
    # ... and the same sets, completely transcribed, are proven not lower.
    assert compare_criteria(GD, GD).verdict is NOT_LOWER


def test_one_partial_condition_is_enough_for_unknown() -> None:
    one = '\n[[levels.groups]]\nid = "g"\nlabel = "x"\nat_least = 1\n[[levels.groups.conditions]]\n'
    body = 'id = "r"\nlabel = "r"\nat_least = 2\nmatch = { kind = "report" }\n'
    complete = criteria(one + body)
    partial = criteria('transcription = "partial"\n' + one + body + 'transcription = "partial"\n')
    assert compare_criteria(complete, complete).verdict is NOT_LOWER
    result = compare_criteria(complete, partial)
    assert result.verdict is UNKNOWN
    assert [g.where for g in result.levels[0].provincial_untranscribed] == ["g.r"]


def test_a_partial_local_level_is_unknown_too() -> None:
    local = attrs.evolve(_mark(GD, ENGINEER, Transcription.PARTIAL), id="city")
    result = compare_criteria(local, GD)
    engineer = next(lv for lv in result.levels if lv.level is ENGINEER)
    assert engineer.verdict is UNKNOWN
    assert engineer.provincial_untranscribed == ()
    assert [g.where for g in engineer.local_untranscribed] == ["level"]
    assert "the local conditions of this level" in engineer.reason_en


def test_a_level_lower_against_a_complete_province_makes_the_whole_lower() -> None:
    province = _mark(GD, TitleLevel.PROFESSORATE_SENIOR_ENGINEER, Transcription.PARTIAL)
    local = with_level(
        GD, lambda lc: attrs.evolve(lc, min_years={**lc.years, Education.COLLEGE: 3})
    )
    result = compare_criteria(local, province)
    verdicts = {lv.level: lv.verdict for lv in result.levels}
    assert verdicts[ENGINEER] is LOWER
    assert verdicts[TitleLevel.PROFESSORATE_SENIOR_ENGINEER] is UNKNOWN
    assert result.verdict is LOWER


def test_a_search_that_cannot_finish_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(criteria_comparison, "SEARCH_LIMIT", 0)
    local = with_alternative(GD, "achievements", "patents", 1, at_least=1)
    engineer = next(lv for lv in compare_criteria(local, GD).levels if lv.level is ENGINEER)
    assert (engineer.verdict, engineer.lower, engineer.proven) == (UNKNOWN, True, False)
    assert engineer.counterexample is None
    assert "could not prove it is not lower within the search limit" in engineer.reason_en


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_against_a_partial_province_nothing_is_proven_not_lower(data: st.DataObject) -> None:
    provincial = data.draw(provincial_st())
    local = data.draw(mutated_st(provincial))
    partial = _mark(provincial, ENGINEER, Transcription.PARTIAL)
    result = compare_criteria(local, partial)
    assert result.verdict is UNKNOWN
    assert result.lower
    assert all(not lv.proven for lv in result.levels)
    _check_counterexample(local, partial, result)
