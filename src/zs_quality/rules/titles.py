"""Title evaluation (职称评价): may a candidate apply for a level, and what is missing.

The rules are those of a :class:`~zs_quality.model.criteria.Criteria` set, by default Guangdong's
conditions for quality engineering (粤人社规〔2019〕55号). For one level:

* the candidate must hold exactly the required title, have an education the level lists, and have
  held the title for the years listed for that education: the years are reached when
  ``as_of >= end_of_period(obtained_on, years=N)`` (Civil Code arts. 201-202);
* only evidence dated after the title was obtained and on or before ``as_of`` counts;
* each evidence item counts toward at most one condition, and the level is met when one
  assignment of evidence to conditions meets every group at once. The assignment is searched
  exactly (bipartite matching inside a bounded search), never greedily;
* a level that the criteria set does not transcribe completely gives a verdict that says so
  (:class:`Verdict`): "eligible" alone is said only of a completely transcribed level.

Each point is a :class:`TitleRule` naming its clause. The search lives in
:mod:`zs_quality.rules.title_matching`, the plain words in :mod:`zs_quality.rules.title_wording`.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from zs_quality.dates import Date, as_date, end_of_period
from zs_quality.errors import UnknownReferenceError
from zs_quality.model.criteria import (
    Condition,
    ConditionGroup,
    Criteria,
    LevelCriteria,
    Transcription,
    TranscriptionGap,
)
from zs_quality.model.evidence import ContributionRole, Evidence
from zs_quality.model.labels import CitedRule, LabelledEnum
from zs_quality.model.roles import Education
from zs_quality.model.titles import Candidate, TitleLevel
from zs_quality.rules.title_matching import Assignment, best_assignment
from zs_quality.rules.title_wording import describe_alternatives

__all__ = [
    "ASSESSMENT_FORMAT",
    "ConditionResult",
    "CriteriaRef",
    "ExcludedEvidence",
    "GroupResult",
    "Shortfall",
    "TitleAssessment",
    "TitleRule",
    "Verdict",
    "YearsCheck",
    "assess_title",
    "highest_eligible_level",
]

ASSESSMENT_FORMAT = "zs_quality.title-assessment/2"
"""The version of the assessment's JSON form; it changes when a key changes meaning. Version 2:
``eligible`` means "meets every condition the criteria set encodes", which is the source's
conditions only where ``transcription`` is ``complete``; ``verdict`` says which."""

_CRITERIA = "职称评价条件（如粤人社规〔2019〕55号）"


class TitleRule(CitedRule):
    """A rule of title evaluation, in the order the assessment applies them, with the clause it
    implements (``reading`` marks this library's reading of a clause). ``years`` is also the
    ``where`` of the shortfall it gives."""

    YEARS = (
        "years",
        f"{_CRITERIA}申报条件：现任所需职称，学历在列，取得现职称（或毕业）后满规定年限；"
        "《中华人民共和国民法典》第二百零一条、第二百零二条",
        False,
    )
    EVIDENCE_WINDOW = (
        "evidence_window",
        f"{_CRITERIA}：业绩成果须为取得现职称后（评价日前）取得",
        False,
    )
    ONE_CONDITION_PER_ITEM = (
        "one_condition_per_item",
        "同一项业绩成果只计入一项条件",
        True,
    )
    GROUPS = ("groups", f"{_CRITERIA}：具备下列条件中的N项", False)


class Verdict(LabelledEnum):
    """What an assessment may say: plainly eligible or not only at a completely transcribed level;
    at a partial or untranscribed one, only that the candidate meets (or fails) the conditions as
    transcribed, which the source's full text may make stricter or looser."""

    ELIGIBLE = "eligible", "符合申报条件"
    NOT_ELIGIBLE = "not_eligible", "不符合申报条件"
    ELIGIBLE_UNDER_PARTIAL_TRANSCRIPTION = (
        "eligible_under_partial_transcription",
        "符合已转录的申报条件（转录不完整）",
    )
    NOT_ELIGIBLE_UNDER_PARTIAL_TRANSCRIPTION = (
        "not_eligible_under_partial_transcription",
        "不符合已转录的申报条件（转录不完整）",
    )

    @property
    def english(self) -> str:
        """The verdict in English words."""
        return _VERDICT_EN[self.value]

    @classmethod
    def of(cls, eligible: bool, transcription: Transcription) -> Verdict:
        """The verdict for ``eligible`` at a level transcribed as ``transcription``."""
        if transcription is Transcription.COMPLETE:
            return cls.ELIGIBLE if eligible else cls.NOT_ELIGIBLE
        if eligible:
            return cls.ELIGIBLE_UNDER_PARTIAL_TRANSCRIPTION
        return cls.NOT_ELIGIBLE_UNDER_PARTIAL_TRANSCRIPTION


_VERDICT_EN = {
    "eligible": "eligible",
    "not_eligible": "not eligible",
    "eligible_under_partial_transcription": "eligible under a partial transcription",
    "not_eligible_under_partial_transcription": "not eligible under a partial transcription",
}

# -- results -------------------------------------------------------------------------------------


@attrs.frozen
class CriteriaRef:
    """Which criteria set an assessment used."""

    id: str
    version: str
    reference: str


@attrs.frozen
class YearsCheck:
    """The title, education and years part of a level (申报资格)."""

    met: bool
    required_title: TitleLevel | None
    held_title: TitleLevel | None
    education: Education
    education_accepted: bool
    years_required: int | None
    counted_from: Date | None
    reached_on: Date | None
    reason_zh: str
    reason_en: str


@attrs.frozen
class ConditionResult:
    """One condition: met or not, the evidence ids counted toward it, and what it asks.

    For a met condition ``evidence`` is its share of the assignment (no item is in two met
    conditions). For a condition not met, it lists the unused items that count toward its
    nearest alternative.
    """

    id: str
    label: str
    met: bool
    evidence: tuple[str, ...]
    requires_zh: str
    requires_en: str


@attrs.frozen
class GroupResult:
    """One group of conditions: ``met_count`` of its conditions are met, ``at_least`` needed."""

    id: str
    label: str
    at_least: int
    met_count: int
    met: bool
    conditions: tuple[ConditionResult, ...]


@attrs.frozen
class Shortfall:
    """One thing missing, in plain words; ``where`` is ``years``, a group id or ``group.condition``."""

    where: str
    zh: str
    en: str


@attrs.frozen
class ExcludedEvidence:
    """An evidence item that cannot count at this level, and why (its date)."""

    id: str
    reason_zh: str
    reason_en: str


@attrs.frozen
class TitleAssessment:
    """Whether a candidate may apply for ``level`` on ``as_of``, with every reason.

    ``eligible`` is true when the candidate meets every condition the criteria set encodes;
    ``transcription`` says how completely those conditions transcribe the source and
    ``untranscribed`` names what they leave out, and ``verdict`` puts the two together: a level
    not completely transcribed is never reported plainly eligible.
    """

    eligible: bool
    verdict: Verdict
    level: TitleLevel
    as_of: Date
    criteria: CriteriaRef
    transcription: Transcription
    untranscribed: tuple[TranscriptionGap, ...]
    years: YearsCheck
    groups: tuple[GroupResult, ...]
    missing: tuple[Shortfall, ...]
    excluded: tuple[ExcludedEvidence, ...]
    format: str = ASSESSMENT_FORMAT


# -- assessment ----------------------------------------------------------------------------------


def _title_faults(candidate: Candidate, lc: LevelCriteria) -> tuple[list[str], list[str]]:
    """What keeps the candidate's title and education from this level (Chinese, English)."""
    held = candidate.current_title.level if candidate.current_title else None
    zh: list[str] = []
    en: list[str] = []
    if lc.requires_title is not None and held is not lc.requires_title:
        zh.append(f"须现任{lc.requires_title.label}（现为{held.label if held else '无职称'}）")
        en.append(
            f"must hold {lc.requires_title.value} (holds {held.value if held else 'no title'})"
        )
    education = candidate.education
    if education not in lc.years:
        accepted = ", ".join(e.value for e in lc.years)
        zh.append(
            f"学历{education.label}不在本级别可申报之列（可申报：{'、'.join(e.label for e in lc.years)}）"
        )
        en.append(
            f"education {education.value} may not apply for this level (accepted: {accepted})"
        )
    return zh, en


def _counted_from(candidate: Candidate, lc: LevelCriteria) -> tuple[Date | None, str, str]:
    """The day the years count from (``None`` when unknown or the title is not held), and
    "since when" in Chinese and English."""
    if lc.requires_title is None:
        return candidate.graduated_on, "毕业后", "since graduation"
    title = candidate.current_title
    start = title.obtained_on if title is not None and title.level is lc.requires_title else None
    return start, f"取得{lc.requires_title.label}后", f"after obtaining {lc.requires_title.value}"


def _years_check(candidate: Candidate, lc: LevelCriteria, as_of: Date) -> YearsCheck:
    """The title, education and years part of a level (申报资格): TitleRule.YEARS."""
    education = candidate.education
    years = lc.years.get(education)
    zh, en = _title_faults(candidate, lc)
    start, since_zh, since_en = _counted_from(candidate, lc)
    if lc.requires_title is None and start is None and years is not None:
        zh.append("未提供毕业时间，无法计算年限")
        en.append("graduated_on is not given, so the years cannot be counted")
    reached = None if start is None or years is None else end_of_period(start, years=years)
    if reached is not None and as_of < reached:
        zh.append(f"{since_zh}须满{years}年，{reached}方满（评价日{as_of}）")
        en.append(f"needs {years} years {since_en}, reached on {reached} (as of {as_of})")
    met = not zh
    if met:
        zh.append(f"{since_zh}满{years}年（{reached}已满），学历{education.label}可申报")
        en.append(
            f"{years} years {since_en} reached on {reached}; education {education.value} is accepted"
        )
    return YearsCheck(
        met=met,
        required_title=lc.requires_title,
        held_title=candidate.current_title.level if candidate.current_title else None,
        education=education,
        education_accepted=years is not None,
        years_required=years,
        counted_from=start,
        reached_on=reached,
        reason_zh="；".join(zh),
        reason_en="; ".join(en),
    )


def _window(
    candidate: Candidate, requires_title: TitleLevel | None, as_of: Date
) -> tuple[list[Evidence], list[ExcludedEvidence]]:
    """The evidence that may count, and the rest with the reason (TitleRule.EVIDENCE_WINDOW)."""
    after = None
    if requires_title is not None and candidate.current_title is not None:
        after = candidate.current_title.obtained_on
    counted: list[Evidence] = []
    excluded: list[ExcludedEvidence] = []
    for item in candidate.evidence:
        if after is not None and item.date <= after:
            excluded.append(
                ExcludedEvidence(
                    item.id,
                    f"日期{item.date}不晚于取得现职称之日{after}",
                    f"dated {item.date}, not after the title was obtained on {after}",
                )
            )
        elif item.date > as_of:
            excluded.append(
                ExcludedEvidence(
                    item.id,
                    f"日期{item.date}晚于评价日{as_of}",
                    f"dated {item.date}, after the assessment date {as_of}",
                )
            )
        else:
            counted.append(item)
    return counted, excluded


def _level_criteria(criteria: Criteria, level: TitleLevel | str) -> LevelCriteria:
    try:
        wanted = TitleLevel(level)
    except ValueError:
        raise UnknownReferenceError(
            f"{level!r} is not a title level ({', '.join(t.value for t in TitleLevel)})",
            path="level",
        ) from None
    lc = criteria.level(wanted)
    if lc is None:
        covered = ", ".join(x.level.value for x in criteria.levels)
        raise UnknownReferenceError(
            f"criteria {criteria.id} has no conditions for {wanted.value} (it covers: {covered})",
            path="level",
        )
    return lc


@attrs.frozen(kw_only=True)
class _Standing:
    """What the conditions of a level are judged with: the evidence that may count, how a
    CQO-led item counts, and the best assignment of items to conditions."""

    items: Sequence[Evidence]
    counts_as: ContributionRole | None
    assignment: Assignment


def _unmet(condition: Condition, standing: _Standing) -> tuple[list[int], list[int]]:
    """For a condition not met: the unused items toward its nearest alternative, and how many
    each alternative still needs."""
    used = standing.assignment.used
    leftover = [
        [
            i
            for i, item in enumerate(standing.items)
            if i not in used and alt.match.accepts(item, standing.counts_as)
        ][: alt.at_least]
        for alt in condition.alternatives
    ]
    shorts = [
        alt.at_least - len(left) for alt, left in zip(condition.alternatives, leftover, strict=True)
    ]
    nearest = min(range(len(shorts)), key=lambda a: (shorts[a], -len(leftover[a])))
    return leftover[nearest], shorts


def _group_result(
    g: int, group: ConditionGroup, standing: _Standing, missing: list[Shortfall]
) -> GroupResult:
    """One group's result (TitleRule.GROUPS); its shortfalls are added to ``missing``."""
    met_count = standing.assignment.met_per_group[g]
    group_met = met_count >= group.at_least
    if not group_met:
        short = group.at_least - met_count
        missing.append(
            Shortfall(
                group.id,
                f"{group.label}：已满足{met_count}项，须满足{group.at_least}项，还需{short}项",
                f"{group.id}: {met_count} of {group.at_least} required conditions met; "
                f"meet {short} more",
            )
        )
    results = []
    for c, condition in enumerate(group.conditions):
        requires_zh, requires_en = describe_alternatives(condition.alternatives)
        chosen = standing.assignment.chosen.get((g, c))
        if chosen is not None:
            held, met = chosen[1], True
        else:
            held, shorts = _unmet(condition, standing)
            met = False
            if not group_met:
                zh, en = describe_alternatives(condition.alternatives, shorts, more=True)
                missing.append(
                    Shortfall(
                        f"{group.id}.{condition.id}",
                        f"{condition.label}：还需{zh}",
                        f"{condition.id}: needs {en}",
                    )
                )
        ids = tuple(standing.items[i].id for i in held)
        results.append(
            ConditionResult(condition.id, condition.label, met, ids, requires_zh, requires_en)
        )
    return GroupResult(group.id, group.label, group.at_least, met_count, group_met, tuple(results))


def assess_title(
    candidate: Candidate, criteria: Criteria, level: TitleLevel | str, as_of: Date | str
) -> TitleAssessment:
    """Assess whether ``candidate`` may apply for ``level`` under ``criteria`` on ``as_of``.

    The result says whether the candidate is eligible (and, in ``verdict``, whether that rests on
    a partial transcription of the source), the years check, each group and condition
    with the evidence ids assigned, and what is missing in Chinese and English. A level that is
    not a title level, or that the criteria do not cover, raises
    :class:`~zs_quality.errors.UnknownReferenceError` (an :class:`InputError` too).
    """
    day = as_date(as_of)
    lc = _level_criteria(criteria, level)
    years = _years_check(candidate, lc, day)
    items, excluded = _window(candidate, lc.requires_title, day)
    counts_as = criteria.cqo_led_counts_as
    standing = _Standing(
        items=items,
        counts_as=counts_as,
        assignment=best_assignment(lc.groups, items, counts_as),
    )
    missing: list[Shortfall] = []
    if not years.met:
        missing.append(Shortfall(TitleRule.YEARS.value, years.reason_zh, years.reason_en))
    groups = tuple(_group_result(g, group, standing, missing) for g, group in enumerate(lc.groups))
    eligible = years.met and standing.assignment.groups_met(lc.groups)
    return TitleAssessment(
        eligible=eligible,
        verdict=Verdict.of(eligible, lc.transcription),
        level=lc.level,
        as_of=day,
        criteria=CriteriaRef(criteria.id, criteria.version, criteria.reference),
        transcription=lc.transcription,
        untranscribed=lc.gaps(),
        years=years,
        groups=groups,
        missing=tuple(missing),
        excluded=tuple(excluded),
    )


def highest_eligible_level(
    candidate: Candidate, criteria: Criteria, as_of: Date | str
) -> TitleLevel | None:
    """The highest level of ``criteria`` whose encoded conditions ``candidate`` meets on ``as_of``,
    or ``None``; the assessment at that level says whether it is completely transcribed."""
    for lc in sorted(criteria.levels, key=lambda x: x.level.rank, reverse=True):
        if assess_title(candidate, criteria, lc.level, as_of).eligible:
            return lc.level
    return None
