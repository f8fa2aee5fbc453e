"""Title assessment: years at their boundaries, the evidence window, cqo_led, the exact search
(with cases where a greedy assignment fails), the engineer's technical work by activity, verdicts
at partly transcribed levels, plain-word shortfalls and the JSON form."""

from __future__ import annotations

import itertools

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from titles_support import HEAD, as_complete, candidate, criteria
from zs_quality.convert import unstructure
from zs_quality.errors import InputError, UnknownReferenceError
from zs_quality.model.criteria import (
    Alternative,
    Condition,
    ConditionGroup,
    Criteria,
    Match,
    Transcription,
)
from zs_quality.model.evidence import (
    ContributionRole,
    Evidence,
    EvidenceKind,
    Patent,
    PatentType,
    Standard,
    StandardScope,
)
from zs_quality.model.titles import TitleLevel
from zs_quality.policy.criteria import load_criteria
from zs_quality.rules.title_matching import best_assignment
from zs_quality.rules.titles import (
    ASSESSMENT_FORMAT,
    TitleAssessment,
    Verdict,
    assess_title,
    highest_eligible_level,
)
from zs_quality.testing import strategies as zs

PATENT = """
[[levels.groups]]
id = "g"
label = "业绩"
at_least = 1
[[levels.groups.conditions]]
id = "patents"
label = "专利"
any_of = [
  { at_least = 1, match = { kind = "patent", types = ["invention"] } },
  { at_least = 2, match = { kind = "patent", types = ["utility_model"] } },
]
"""
INVENTION = {"kind": "patent", "type": "invention"}


# -- years ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "met"), [("2024-06-30", False), ("2024-07-01", True), ("2024-07-02", True)]
)
def test_years_are_reached_on_the_civil_code_period_end(as_of: str, met: bool) -> None:
    result = assess_title(candidate(INVENTION), criteria(PATENT), "engineer", as_of)
    assert result.years.reached_on.isoformat() == "2024-07-01"  # type: ignore[union-attr]
    assert result.years.met is met
    assert result.eligible is met


@pytest.mark.parametrize(("as_of", "met"), [("2022-02-27", False), ("2022-02-28", True)])
def test_two_years_from_feb_29_end_on_feb_28(as_of: str, met: bool) -> None:
    who = candidate(
        {**INVENTION, "date": "2021-01-01"},
        education="master",
        current_title={"level": "assistant_engineer", "obtained_on": "2020-02-29"},
    )
    result = assess_title(who, criteria(PATENT), "engineer", as_of)
    assert result.years.met is met
    assert ("needs 2 years" in result.years.reason_en) is not met


def test_the_candidate_must_hold_exactly_the_required_title() -> None:
    for held in ("technician", "engineer"):
        who = candidate(INVENTION, current_title={"level": held, "obtained_on": "2010-01-01"})
        result = assess_title(who, criteria(PATENT), "engineer", "2024-07-01")
        assert not result.eligible
        assert result.missing[0].where == "years"
        assert f"holds {held}" in result.missing[0].en
    nobody = candidate(INVENTION, current_title=None)
    result = assess_title(nobody, criteria(PATENT), "engineer", "2024-07-01")
    assert "holds no title" in result.years.reason_en


def test_an_education_not_listed_may_not_apply() -> None:
    result = assess_title(
        candidate(INVENTION, education="secondary"), criteria(PATENT), "engineer", "2030-01-01"
    )
    assert not result.years.education_accepted
    assert not result.eligible
    assert "secondary may not apply" in result.years.reason_en


def test_entry_levels_count_years_from_graduation() -> None:
    gd = load_criteria()
    who = candidate(current_title=None, graduated_on="2023-07-01")
    assert not assess_title(who, gd, "assistant_engineer", "2024-06-30").eligible
    assert assess_title(who, gd, "assistant_engineer", "2024-07-01").eligible
    unknown = candidate(current_title=None)
    result = assess_title(unknown, gd, "assistant_engineer", "2024-07-01")
    assert not result.eligible
    assert "graduated_on is not given" in result.years.reason_en


# -- the evidence window -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "counts"),
    [("2020-06-30", False), ("2020-07-01", False), ("2020-07-02", True), ("2024-07-01", True)],
)
def test_only_evidence_after_the_title_and_by_as_of_counts(date: str, counts: bool) -> None:
    result = assess_title(
        candidate({**INVENTION, "date": date}), criteria(PATENT), "engineer", "2024-07-01"
    )
    assert result.eligible is counts
    assert [e.id for e in result.excluded] == ([] if counts else ["e1"])


def test_evidence_after_the_assessment_date_does_not_count() -> None:
    result = assess_title(
        candidate({**INVENTION, "date": "2024-07-02"}), criteria(PATENT), "engineer", "2024-07-01"
    )
    assert not result.eligible
    assert "after the assessment date" in result.excluded[0].reason_en


# -- cqo_led -------------------------------------------------------------------------------------

LEAD_PROJECT = """
[[levels.groups]]
id = "g"
label = "业绩"
at_least = 1
[[levels.groups.conditions]]
id = "projects"
label = "主持项目"
at_least = 1
match = { kind = "project", roles = ["lead"] }
"""


def _head(counts_as: str | None) -> str:
    return HEAD + (f'cqo_led_counts_as = "{counts_as}"\n' if counts_as else "")


@pytest.mark.parametrize(
    ("counts_as", "cqo_led", "eligible"),
    [(None, True, False), ("lead", True, True), ("lead", False, False), ("main", True, False)],
)
def test_cqo_led_evidence_counts_with_the_configured_role(
    counts_as: str | None, cqo_led: bool, eligible: bool
) -> None:
    rules = criteria(LEAD_PROJECT, head=_head(counts_as))
    item = {"kind": "project", "role": "participant", "cqo_led": cqo_led}
    assert assess_title(candidate(item), rules, "engineer", "2024-07-01").eligible is eligible


# -- the exact search ----------------------------------------------------------------------------

TWO_STANDARDS = """
[[levels.groups]]
id = "g"
label = "标准"
at_least = 2
[[levels.groups.conditions]]
id = "any_standard"
label = "行业或团体标准"
at_least = 1
match = { kind = "standard", scopes = ["industry", "group"] }
[[levels.groups.conditions]]
id = "industry"
label = "行业标准"
at_least = 1
match = { kind = "standard", scopes = ["industry"] }
"""


def _greedy(groups: tuple[ConditionGroup, ...], items: list[Evidence]) -> bool:
    """The tempting wrong way: each condition in order takes the first free items it accepts."""
    free = list(items)
    for group in groups:
        met = 0
        for condition in group.conditions:
            for alt in condition.alternatives:
                taken = [i for i in free if alt.match.accepts(i)][: alt.at_least]
                if len(taken) == alt.at_least:
                    free = [i for i in free if i not in taken]
                    met += 1
                    break
        if met < group.at_least:
            return False
    return True


def test_greedy_fails_where_the_search_finds_the_assignment() -> None:
    rules = criteria(TWO_STANDARDS)
    who = candidate(
        {"kind": "standard", "scope": "industry"}, {"kind": "standard", "scope": "group"}
    )
    lc = rules.levels[0]
    items = list(who.evidence)
    assert not _greedy(lc.groups, items)  # greedy gives the industry standard to the first
    result = assess_title(who, rules, "engineer", "2024-07-01")
    assert result.eligible
    assigned = {c.id: c.evidence for c in result.groups[0].conditions}
    assert assigned == {"any_standard": ("e2",), "industry": ("e1",)}


ALTERNATIVES = """
[[levels.groups]]
id = "g"
label = "业绩"
at_least = 2
[[levels.groups.conditions]]
id = "patents"
label = "专利"
any_of = [
  { at_least = 1, match = { kind = "patent", types = ["invention"] } },
  { at_least = 2, match = { kind = "patent" } },
]
[[levels.groups.conditions]]
id = "invention"
label = "发明"
at_least = 1
match = { kind = "patent", types = ["invention"] }
[[levels.groups.conditions]]
id = "design"
label = "外观"
at_least = 2
match = { kind = "patent", types = ["design"] }
"""


def test_greedy_fails_on_alternatives_and_the_choice_of_conditions() -> None:
    # One invention and two utility models: "patents" must use its second alternative so that
    # the invention is left for "invention"; greedy takes the first alternative.
    rules = criteria(ALTERNATIVES)
    who = candidate(
        INVENTION,
        {"kind": "patent", "type": "utility_model"},
        {"kind": "patent", "type": "utility_model"},
    )
    assert not _greedy(rules.levels[0].groups, list(who.evidence))
    result = assess_title(who, rules, "engineer", "2024-07-01")
    assert result.eligible
    assigned = {c.id: set(c.evidence) for c in result.groups[0].conditions if c.met}
    assert assigned == {"patents": {"e2", "e3"}, "invention": {"e1"}}


def test_one_item_never_counts_twice() -> None:
    rules = criteria(TWO_STANDARDS)
    result = assess_title(
        candidate({"kind": "standard", "scope": "industry"}), rules, "engineer", "2024-07-01"
    )
    assert not result.eligible
    assert result.groups[0].met_count == 1


_KINDS = st.sampled_from(
    [
        Patent(id="x", date="2022-01-01", type=PatentType.INVENTION),
        Patent(id="x", date="2022-01-01", type=PatentType.UTILITY_MODEL, rank=2),
        Standard(id="x", date="2022-01-01", scope=StandardScope.GROUP, rank=3),
        Standard(id="x", date="2022-01-01", scope=StandardScope.INDUSTRY, rank=6),
        Standard(id="x", date="2022-01-01", scope=StandardScope.NATIONAL),
    ]
)
_MATCHES = st.sampled_from(
    [
        Match(kind=EvidenceKind.PATENT),
        Match(kind=EvidenceKind.PATENT, types=(PatentType.INVENTION,)),
        Match(kind=EvidenceKind.STANDARD),
        Match(kind=EvidenceKind.STANDARD, max_rank=5),
        Match(kind=EvidenceKind.STANDARD, scopes=(StandardScope.INDUSTRY, StandardScope.GROUP)),
        Match(),
    ]
)


@st.composite
def _groups(draw: st.DrawFn) -> tuple[ConditionGroup, ...]:
    groups = []
    n = 0
    for g in range(draw(st.integers(1, 2))):
        conditions = []
        for _ in range(draw(st.integers(1, 3))):
            alts = draw(
                st.lists(
                    st.builds(Alternative, at_least=st.integers(1, 2), match=_MATCHES),
                    min_size=1,
                    max_size=2,
                )
            )
            conditions.append(Condition(id=f"c{n}", label="c", alternatives=alts))
            n += 1
        at_least = draw(st.integers(1, len(conditions)))
        groups.append(
            ConditionGroup(id=f"g{g}", label="g", at_least=at_least, conditions=conditions)
        )
    return tuple(groups)


def _brute_force(groups: tuple[ConditionGroup, ...], items: list[Evidence]) -> bool:
    """Try every way to give each item to one condition (or none)."""
    flat = [(g, c) for g, group in enumerate(groups) for c in group.conditions]
    for owners in itertools.product(range(len(flat) + 1), repeat=len(items)):
        met = [0] * len(groups)
        for k, (g, condition) in enumerate(flat):
            mine = [item for item, o in zip(items, owners, strict=True) if o == k]
            if any(
                all(alt.match.accepts(i) for i in mine) and len(mine) >= alt.at_least
                for alt in condition.alternatives
            ):
                met[g] += 1
        if all(m >= group.at_least for m, group in zip(met, groups, strict=True)):
            return True
    return False


@settings(max_examples=150, deadline=None)
@given(_groups(), st.lists(_KINDS, max_size=5))
def test_the_search_agrees_with_brute_force(
    groups: tuple[ConditionGroup, ...], kinds: list[Evidence]
) -> None:
    items: list[Evidence] = [attrs.evolve(k, id=f"e{i}") for i, k in enumerate(kinds)]
    assert best_assignment(groups, items).groups_met(groups) == _brute_force(groups, items)


# -- plain words, the highest level, the JSON form -----------------------------------------------


def test_missing_says_what_to_get_in_plain_words() -> None:
    gd = load_criteria()
    who = candidate(
        {"kind": "standard", "scope": "group", "rank": 3},
        INVENTION,
        {"kind": "award", "level": "municipal"},
        {"kind": "paper"},
    )
    result = assess_title(who, gd, "engineer", "2024-07-01")
    assert not result.eligible
    by_where = {m.where: m for m in result.missing}
    assert (
        by_where["achievements"].en == "achievements: 2 of 3 required conditions met; meet 1 more"
    )
    standards = by_where["achievements.standards"]
    assert standards.en.startswith(
        "standards: needs 1 more national standard, or 1 more industry, "
    )
    assert "1 more industry, local or group standard as a top-5 drafter" in standards.en
    assert "1项行业、地方或团体标准（排名前5）" in standards.zh
    conditions = {c.id: c for c in result.groups[0].conditions}
    assert conditions["standards"].evidence == ("e1",)  # counts toward its nearest alternative
    assert "academic" not in by_where


def test_a_complete_candidate_is_eligible_and_extra_conditions_show_as_met() -> None:
    gd = load_criteria()
    who = candidate(
        {"kind": "standard", "scope": "group", "rank": 3},
        {"kind": "standard", "scope": "local", "rank": 5},
        INVENTION,
        {"kind": "award", "level": "provincial"},
        {"kind": "project", "level": "municipal", "role": "participant", "rank": 4},
        {"kind": "paper"},
    )
    result = assess_title(who, gd, "engineer", "2024-07-01")
    assert result.eligible
    assert result.missing == ()
    assert result.groups[0].met_count == 4
    assert highest_eligible_level(who, gd, "2024-07-01") is TitleLevel.ENGINEER
    assert highest_eligible_level(who, gd, "2024-06-30") is None


def test_the_assessment_serializes_with_the_documented_keys() -> None:
    data = unstructure(
        assess_title(candidate(INVENTION), criteria(PATENT), "engineer", "2024-07-01")
    )
    assert set(data) == {
        "eligible",
        "verdict",
        "level",
        "as_of",
        "criteria",
        "transcription",
        "untranscribed",
        "years",
        "groups",
        "missing",
        "excluded",
        "format",
    }
    assert (data["eligible"], data["verdict"], data["transcription"]) == (
        True,
        "eligible",
        "complete",
    )
    assert data["untranscribed"] == []
    assert data["level"] == "engineer"
    assert data["as_of"] == "2024-07-01"
    assert data["groups"][0]["conditions"][0]["evidence"] == ["e1"]
    assert data["format"] == ASSESSMENT_FORMAT == "zs_quality.title-assessment/2"


def test_unknown_levels_are_lookup_errors() -> None:
    with pytest.raises(UnknownReferenceError, match="'chief' is not a title level") as info:
        assess_title(candidate(), criteria(PATENT), "chief", "2024-07-01")
    assert isinstance(info.value, LookupError)
    with pytest.raises(UnknownReferenceError, match="has no conditions for senior_engineer"):
        assess_title(candidate(), criteria(PATENT), "senior_engineer", "2024-07-01")


def test_duplicate_evidence_ids_are_refused_with_their_path() -> None:
    with pytest.raises(InputError) as caught:
        candidate(evidence=[{"id": "a", "date": "2022-01-01", **INVENTION}] * 2)
    assert str(caught.value) == "evidence[1].id: 'a' is used again (first at evidence[0])"


def test_roles_read_the_evidence_role() -> None:
    match = Match(kind=EvidenceKind.PROJECT, roles=(ContributionRole.LEAD,))
    lead = candidate({"kind": "project", "role": "lead"}).evidence[0]
    assert match.accepts(lead)


# -- the engineer's technical work (粤人社规〔2019〕55号, engineer (三)) -----------------------------

# Two conditions met besides technical work, and the academic stand-in: technical work decides.
_TWO_OTHERS = (INVENTION, {"kind": "award", "level": "municipal"}, {"kind": "paper"})


def _report(activity: str | None, level: str | None = None) -> dict[str, str]:
    return {
        "kind": "report",
        **({"activity": activity} if activity else {}),
        **({"level": level} if level else {}),
    }


@pytest.mark.parametrize(
    ("reports", "met"),
    [
        ([_report("proficiency_test")], True),
        ([_report("new_technology")], False),
        ([_report("new_technology")] * 2, True),
        ([_report("inspection_appraisal")], False),
        ([_report("inspection_appraisal")] * 2, True),
        ([_report("energy_audit")], False),
        ([_report("energy_audit")] * 2, True),
        ([_report("accident_investigation", "county")], True),
        ([_report("accident_investigation", "municipal")], True),
        ([_report("accident_investigation", "association")], False),
        ([_report("accident_investigation")], False),  # no level: not shown county or higher
        ([_report("new_technology"), _report("inspection_appraisal")], False),  # no mixing
        ([_report(None)] * 2, False),  # a report must say which kind of work it records
    ],
    ids=lambda v: v if isinstance(v, bool) else "+".join(r.get("activity", "none") for r in v),
)
def test_technical_work_asks_one_or_two_items_by_activity(
    reports: list[dict[str, str]], met: bool
) -> None:
    gd = load_criteria()
    result = assess_title(candidate(*_TWO_OTHERS, *reports), gd, "engineer", "2024-07-01")
    work = next(c for c in result.groups[0].conditions if c.id == "technical_work")
    assert work.met is met
    assert result.eligible is met
    assert result.verdict is (
        Verdict.ELIGIBLE_UNDER_PARTIAL_TRANSCRIPTION
        if met
        else Verdict.NOT_ELIGIBLE_UNDER_PARTIAL_TRANSCRIPTION
    )


def test_building_a_quality_system_is_not_technical_work_but_meets_quality_system() -> None:
    who = candidate(*_TWO_OTHERS, _report("system_building"))
    result = assess_title(who, load_criteria(), "engineer", "2024-07-01")
    met = {c.id for c in result.groups[0].conditions if c.met}
    assert met == {"award", "patents", "quality_system"}  # any role: 参加
    assert result.eligible


def test_technical_work_shortfalls_name_each_activity() -> None:
    result = assess_title(
        candidate(INVENTION, _report("new_technology")), load_criteria(), "engineer", "2024-07-01"
    )
    shortfall = next(m for m in result.missing if m.where == "achievements.technical_work")
    assert "1 more new-technology technical report" in shortfall.en
    assert "1 more proficiency-testing or inter-laboratory-comparison technical report" in (
        shortfall.en
    )
    assert "1 more county-level or higher accident-investigation technical report" in shortfall.en
    assert "1项县级以上（事故调查）技术报告" in shortfall.zh


# -- verdicts at partly transcribed levels -------------------------------------------------------


def _eligible_at_every_shipped_level() -> dict[TitleLevel, TitleAssessment]:
    gd = load_criteria()
    found = {}
    for lc in gd.levels:
        held = None
        if lc.requires_title is not None:
            held = {"level": lc.requires_title.value, "obtained_on": "2015-01-01"}
        evidence = [
            {"kind": "award", "level": "national", "rank": 1, "role": "lead"},
            {"kind": "standard", "scope": "national", "rank": 1, "role": "lead"},
            {"kind": "patent", "type": "invention", "rank": 1},
            {"kind": "project", "level": "national", "role": "lead", "rank": 1},
            {"kind": "project", "level": "national", "role": "lead", "rank": 1},
            {"kind": "report", "activity": "proficiency_test", "role": "lead"},
            {"kind": "report", "activity": "system_building", "role": "lead"},
            {"kind": "report", "activity": "new_technology", "role": "lead"},
            {"kind": "report", "activity": "new_technology", "role": "lead"},
            {"kind": "paper", "role": "lead"},
            {"kind": "paper", "role": "lead"},
        ]
        education = "college" if lc.level is TitleLevel.TECHNICIAN else "bachelor"
        who = candidate(
            *evidence, current_title=held, graduated_on="2010-07-01", education=education
        )
        found[lc.level] = assess_title(who, gd, lc.level, "2024-07-01")
    return found


def test_no_shipped_level_reports_a_bare_eligible() -> None:
    for level, result in _eligible_at_every_shipped_level().items():
        assert result.eligible, level
        assert result.verdict is Verdict.ELIGIBLE_UNDER_PARTIAL_TRANSCRIPTION, level
        assert result.transcription is not Transcription.COMPLETE
        assert result.untranscribed
        data = unstructure(result)
        assert data["verdict"] == "eligible_under_partial_transcription"
        assert data["transcription"] in ("partial", "untranscribed")


def test_the_json_names_what_is_not_transcribed() -> None:
    results = _eligible_at_every_shipped_level()
    senior = unstructure(results[TitleLevel.SENIOR_ENGINEER])
    assert senior["transcription"] == "untranscribed"
    assert [(g["where"], g["transcription"]) for g in senior["untranscribed"]] == [
        ("level", "untranscribed")
    ]
    top = unstructure(results[TitleLevel.PROFESSORATE_SENIOR_ENGINEER])
    assert top["transcription"] == "partial"
    assert {"业绩成果条件", "学术成果条件"} <= {g["label"] for g in top["untranscribed"]}
    assert "ability.centres_and_investigations" in [g["where"] for g in top["untranscribed"]]


def test_the_same_conditions_completely_transcribed_give_a_bare_verdict() -> None:
    gd = as_complete(load_criteria())
    who = candidate(*_TWO_OTHERS, _report("proficiency_test"))
    result = assess_title(who, gd, "engineer", "2024-07-01")
    assert (result.eligible, result.verdict, result.untranscribed) == (True, Verdict.ELIGIBLE, ())
    failing = assess_title(candidate(INVENTION), gd, "engineer", "2024-07-01")
    assert failing.verdict is Verdict.NOT_ELIGIBLE


@settings(max_examples=60, deadline=None)
@given(zs.candidates(), zs.criteria_sets(), zs.dates())
def test_only_a_complete_level_gives_a_bare_verdict(
    who: object, drawn: Criteria, day: object
) -> None:
    for lc in drawn.levels:
        result = assess_title(who, drawn, lc.level, day)  # type: ignore[arg-type]
        assert result.verdict is Verdict.of(result.eligible, lc.transcription)
        bare = result.verdict in (Verdict.ELIGIBLE, Verdict.NOT_ELIGIBLE)
        assert bare is (lc.transcription is Transcription.COMPLETE)
        assert bool(result.untranscribed) is not bare
