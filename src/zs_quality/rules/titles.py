"""Title evaluation (职称评价): may a candidate apply for a level, and what is missing.

The rules are those of a :class:`~zs_quality.model.criteria.Criteria` set, by default Guangdong's
conditions for quality engineering (粤人社规〔2019〕55号). For one level:

* the candidate must hold exactly the required title, have an education the level lists, and have
  held the title for the years listed for that education: the years are reached when
  ``as_of >= end_of_period(obtained_on, years=N)`` (Civil Code arts. 201-202);
* only evidence dated after the title was obtained and on or before ``as_of`` counts;
* each evidence item counts toward at most one condition, and the level is met when one
  assignment of evidence to conditions meets every group at once. The assignment is searched
  exactly (bipartite matching inside a bounded search), never greedily.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from zs_quality.dates import Date, as_date, end_of_period
from zs_quality.errors import InputError
from zs_quality.model.criteria import (
    Alternative,
    ConditionGroup,
    Criteria,
    LevelCriteria,
    Match,
)
from zs_quality.model.evidence import ContributionRole, Evidence, EvidenceKind
from zs_quality.model.roles import Education
from zs_quality.model.titles import Candidate, TitleLevel

__all__ = [
    "ASSESSMENT_FORMAT",
    "Assignment",
    "ConditionResult",
    "CriteriaRef",
    "ExcludedEvidence",
    "GroupResult",
    "Shortfall",
    "TitleAssessment",
    "YearsCheck",
    "assess_title",
    "best_assignment",
    "describe_alternatives",
    "describe_match",
    "groups_met",
    "highest_eligible_level",
]

ASSESSMENT_FORMAT = "zs_quality.title-assessment/1"
"""The version of the assessment's JSON form; it changes when a key changes meaning."""


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
    """Whether a candidate may apply for ``level`` on ``as_of``, with every reason."""

    eligible: bool
    level: TitleLevel
    as_of: Date
    criteria: CriteriaRef
    years: YearsCheck
    groups: tuple[GroupResult, ...]
    missing: tuple[Shortfall, ...]
    excluded: tuple[ExcludedEvidence, ...]
    format: str = ASSESSMENT_FORMAT


# -- plain words ---------------------------------------------------------------------------------

_NOUNS: dict[EvidenceKind | None, tuple[str, str, str]] = {
    None: ("evidence item", "evidence items", "项成果"),
    EvidenceKind.AWARD: ("award", "awards", "奖项"),
    EvidenceKind.STANDARD: ("standard", "standards", "标准"),
    EvidenceKind.PATENT: ("patent", "patents", "专利"),
    EvidenceKind.PROJECT: ("project", "projects", "项目"),
    EvidenceKind.PAPER: ("paper or book", "papers or books", "论文或著作"),
    EvidenceKind.REPORT: ("technical report", "technical reports", "技术报告"),
    EvidenceKind.TYPICAL_CASE: (
        "typical-case selection",
        "typical-case selections",
        "典型案例入选",
    ),
    EvidenceKind.CQO_CERTIFICATION: (
        "CQO-system certification",
        "CQO-system certifications",
        "首席质量官制度体系认证",
    ),
    EvidenceKind.DEMONSTRATION_BASE: (
        "demonstration-base honour",
        "demonstration-base honours",
        "首席质量官制度示范基地荣誉",
    ),
}
_PERSON = {
    EvidenceKind.STANDARD: "drafter",
    EvidenceKind.PATENT: "inventor",
    EvidenceKind.PAPER: "author",
}
_ROLE_EN = {
    ContributionRole.LEAD: "lead",
    ContributionRole.MAIN: "main contributor",
    ContributionRole.PARTICIPANT: "participant",
}


def _or_list(words: Sequence[str], conjunction: str = "or") -> str:
    words = list(words)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _zh_list(words: Sequence[str]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else f"{'、'.join(words[:-1])}或{words[-1]}"


def describe_match(match: Match, count: int, *, more: bool = False) -> tuple[str, str]:
    """``count`` items of ``match`` in Chinese and English: ``("2项发明专利", "2 invention patents")``.

    With ``more``, the words say how many more are needed (``"1 more ..."``).
    """
    singular, plural, noun_zh = _NOUNS[match.kind]
    before_en: list[str] = []
    before_zh = ""
    if match.min_level is not None:
        before_en.append(f"{match.min_level.value}-level or higher")
        before_zh += f"{match.min_level.label}以上"
    if match.scopes is not None:
        before_en.append(_or_list([s.value.replace("_", " ") for s in match.scopes]))
        before_zh += _zh_list([s.label.removesuffix("标准") for s in match.scopes])
    if match.types is not None:
        before_en.append(_or_list([t.value.replace("_", " ") for t in match.types]))
        before_zh += _zh_list([t.label.removesuffix("专利") for t in match.types])
    after_en: list[str] = []
    after_zh: list[str] = []
    if match.roles is not None:
        after_en.append("as " + _or_list([_ROLE_EN[r] for r in match.roles]))
        after_zh.append(_zh_list([r.label for r in match.roles]))
    if match.max_rank is not None:
        person = _PERSON.get(match.kind, "contributor") if match.kind else "contributor"
        after_en.append(
            f"ranked in the top {match.max_rank}"
            if match.roles is not None
            else f"as a top-{match.max_rank} {person}"
        )
        after_zh.append(f"排名前{match.max_rank}")
    words = " ".join([*before_en, plural if count > 1 else singular])
    en = f"{count} {'more ' if more else ''}{words}{' ' + ', '.join(after_en) if after_en else ''}"
    zh = f"{count}项{before_zh}{noun_zh}{'（' + '，'.join(after_zh) + '）' if after_zh else ''}"
    return zh, en


def describe_alternatives(
    alternatives: Sequence[Alternative], counts: Sequence[int] | None = None, *, more: bool = False
) -> tuple[str, str]:
    """What a condition needs: each alternative joined by "or" (或); ``counts`` override at_least."""
    parts = [
        describe_match(alt.match, alt.at_least if counts is None else counts[i], more=more)
        for i, alt in enumerate(alternatives)
    ]
    return "；或".join(p[0] for p in parts), ", or ".join(p[1] for p in parts)


# -- the exact assignment ------------------------------------------------------------------------


def _assign(needs: Sequence[tuple[Sequence[int], int]], item_count: int) -> list[list[int]] | None:
    """Give each need ``(acceptable item indices, count)`` its count of distinct items, or ``None``.

    A bipartite b-matching by augmenting paths (Kuhn's algorithm): exact, so it finds an
    assignment whenever one exists, which a greedy pass does not.
    """
    owner = [-1] * item_count
    held: list[list[int]] = [[] for _ in needs]

    def augment(need: int, seen: set[int]) -> bool:
        for item in needs[need][0]:
            if item in seen:
                continue
            seen.add(item)
            previous = owner[item]
            if previous == -1 or augment(previous, seen):
                if previous != -1:
                    held[previous].remove(item)
                owner[item] = need
                held[need].append(item)
                return True
        return False

    for need, (_, count) in enumerate(needs):
        for _ in range(count):
            if not augment(need, set()):
                return None
    return held


@attrs.frozen
class Assignment:
    """An assignment: for each flat condition index (conditions of all groups in order), the
    alternative used and the indices of the items given to it."""

    chosen: dict[int, tuple[int, list[int]]]
    met_per_group: list[int]

    def groups_met(self, groups: Sequence[ConditionGroup]) -> bool:
        """Whether every group has its ``at_least`` conditions met."""
        return all(m >= g.at_least for m, g in zip(self.met_per_group, groups, strict=True))


class _Search:
    """Branch and bound over which conditions to meet, and by which alternative.

    Each choice is checked by :func:`_assign`; a branch stops when even meeting every remaining
    usable condition could not beat the best score found.
    """

    def __init__(
        self,
        groups: Sequence[ConditionGroup],
        items: Sequence[Evidence],
        counts_as: ContributionRole | None,
    ) -> None:
        self.item_count = len(items)
        self.flat = [(g, c) for g, group in enumerate(groups) for c in group.conditions]
        self.accepted = [
            [
                [i for i, item in enumerate(items) if alt.match.accepts(item, counts_as)]
                for alt in condition.alternatives
            ]
            for _, condition in self.flat
        ]
        self.options = [
            [a for a, alt in enumerate(c.alternatives) if len(self.accepted[k][a]) >= alt.at_least]
            for k, (_, c) in enumerate(self.flat)
        ]
        self.need = [group.at_least for group in groups]
        self.target = sum(self.need)
        # remaining[k][g]: conditions of group g at flat index >= k with a usable alternative.
        self.remaining = [[0] * len(groups) for _ in range(len(self.flat) + 1)]
        for k in range(len(self.flat) - 1, -1, -1):
            self.remaining[k] = self.remaining[k + 1].copy()
            if self.options[k]:
                self.remaining[k][self.flat[k][0]] += 1
        self.met = [0] * len(groups)
        self.chosen: list[tuple[int, int]] = []
        self.best_score = -1
        self.best: tuple[list[tuple[int, int]], list[list[int]]] = ([], [])

    def assign(self, pairs: Sequence[tuple[int, int]]) -> list[list[int]] | None:
        needs = [(self.accepted[k][a], self.flat[k][1].alternatives[a].at_least) for k, a in pairs]
        return _assign(needs, self.item_count)

    def run(self, k: int = 0, score: int = 0, held: list[list[int]] | None = None) -> bool:
        """Search from flat index ``k``; true once every group is met (the search stops)."""
        if score > self.best_score:
            self.best_score, self.best = score, (list(self.chosen), held or [])
            if score == self.target:
                return True
        left = zip(self.need, self.met, self.remaining[k], strict=True)
        if k == len(self.flat) or score + sum(min(n - m, r) for n, m, r in left) <= self.best_score:
            return False
        g = self.flat[k][0]
        if self.met[g] < self.need[g]:
            for a in self.options[k]:
                self.chosen.append((k, a))
                found = self.assign(self.chosen)
                if found is not None:
                    self.met[g] += 1
                    done = self.run(k + 1, score + 1, found)
                    self.met[g] -= 1
                    if done:
                        return True
                self.chosen.pop()
        return self.run(k + 1, score, held)

    def extended(self) -> tuple[list[tuple[int, int]], list[list[int]]]:
        """The best assignment, with every further condition that unused items can still meet."""
        pairs, held = self.best
        for k in range(len(self.flat)):
            if any(k == taken for taken, _ in pairs):
                continue
            for a in self.options[k]:
                found = self.assign([*pairs, (k, a)])
                if found is not None:
                    pairs, held = [*pairs, (k, a)], found
                    break
        return pairs, held


def best_assignment(
    groups: Sequence[ConditionGroup],
    items: Sequence[Evidence],
    counts_as: ContributionRole | None = None,
    *,
    extend: bool = True,
) -> Assignment:
    """An assignment of ``items`` to conditions that meets as many required conditions as possible.

    The score is the sum over groups of ``min(conditions met, at_least)``; when every group can be
    met at once, the result meets them all. The search is exact. With ``extend``, conditions
    beyond what the groups need are then met too where unused items allow, to show the
    candidate's full standing.
    """
    search = _Search(groups, items, counts_as)
    search.run()
    pairs, held = search.extended() if extend else search.best
    per_group = [0] * len(groups)
    for k, _ in pairs:
        per_group[search.flat[k][0]] += 1
    return Assignment({k: (a, held[i]) for i, (k, a) in enumerate(pairs)}, per_group)


def groups_met(
    groups: Sequence[ConditionGroup],
    items: Sequence[Evidence],
    counts_as: ContributionRole | None = None,
) -> bool:
    """Whether one assignment of ``items`` meets every group at once."""
    return best_assignment(groups, items, counts_as, extend=False).groups_met(groups)


# -- assessment ----------------------------------------------------------------------------------


def _years_check(candidate: Candidate, lc: LevelCriteria, as_of: Date) -> YearsCheck:
    held = candidate.current_title.level if candidate.current_title else None
    education = candidate.education
    years = lc.years.get(education)
    title_ok = lc.requires_title is None or held is lc.requires_title
    zh: list[str] = []
    en: list[str] = []
    if not title_ok:
        assert lc.requires_title is not None
        zh.append(f"须现任{lc.requires_title.label}（现为{held.label if held else '无职称'}）")
        en.append(
            f"must hold {lc.requires_title.value} (holds {held.value if held else 'no title'})"
        )
    if years is None:
        accepted = ", ".join(e.value for e in lc.years)
        zh.append(
            f"学历{education.label}不在本级别可申报之列（可申报：{'、'.join(e.label for e in lc.years)}）"
        )
        en.append(
            f"education {education.value} may not apply for this level (accepted: {accepted})"
        )
    if lc.requires_title is not None:
        start = (
            candidate.current_title.obtained_on if title_ok and candidate.current_title else None
        )
        since_zh, since_en = (
            f"取得{lc.requires_title.label}后",
            f"after obtaining {lc.requires_title.value}",
        )
    else:
        start = candidate.graduated_on
        since_zh, since_en = "毕业后", "since graduation"
        if start is None and years is not None:
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
        held_title=held,
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
    """The evidence that may count, and the rest with the reason."""
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


def assess_title(
    candidate: Candidate, criteria: Criteria, level: TitleLevel | str, as_of: Date | str
) -> TitleAssessment:
    """Assess whether ``candidate`` may apply for ``level`` under ``criteria`` on ``as_of``.

    The result says whether the candidate is eligible, the years check, each group and condition
    with the evidence ids assigned, and what is missing in Chinese and English. A level the
    criteria do not cover raises :class:`~zs_quality.errors.InputError`.
    """
    day = as_date(as_of)
    try:
        wanted = TitleLevel(level)
    except ValueError:
        raise InputError(
            f"{level!r} is not a title level ({', '.join(t.value for t in TitleLevel)})",
            path="level",
        ) from None
    lc = criteria.level(wanted)
    if lc is None:
        covered = ", ".join(x.level.value for x in criteria.levels)
        raise InputError(
            f"criteria {criteria.id} has no conditions for {wanted.value} (it covers: {covered})",
            path="level",
        )
    years = _years_check(candidate, lc, day)
    items, excluded = _window(candidate, lc.requires_title, day)
    counts_as = criteria.cqo_led_counts_as
    assignment = best_assignment(lc.groups, items, counts_as)
    used = {i for _, held in assignment.chosen.values() for i in held}
    missing: list[Shortfall] = []
    if not years.met:
        missing.append(Shortfall("years", years.reason_zh, years.reason_en))
    groups: list[GroupResult] = []
    k = 0
    for g, group in enumerate(lc.groups):
        met_count = assignment.met_per_group[g]
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
        for condition in group.conditions:
            requires_zh, requires_en = describe_alternatives(condition.alternatives)
            if k in assignment.chosen:
                ids = tuple(items[i].id for i in assignment.chosen[k][1])
                results.append(
                    ConditionResult(
                        condition.id, condition.label, True, ids, requires_zh, requires_en
                    )
                )
            else:
                leftover = [
                    [
                        i
                        for i, item in enumerate(items)
                        if i not in used and alt.match.accepts(item, counts_as)
                    ][: alt.at_least]
                    for alt in condition.alternatives
                ]
                shorts = [
                    alt.at_least - len(left)
                    for alt, left in zip(condition.alternatives, leftover, strict=True)
                ]
                nearest = min(range(len(shorts)), key=lambda a: (shorts[a], -len(leftover[a])))
                ids = tuple(items[i].id for i in leftover[nearest])
                results.append(
                    ConditionResult(
                        condition.id, condition.label, False, ids, requires_zh, requires_en
                    )
                )
                if not group_met:
                    zh, en = describe_alternatives(condition.alternatives, shorts, more=True)
                    missing.append(
                        Shortfall(
                            f"{group.id}.{condition.id}",
                            f"{condition.label}：还需{zh}",
                            f"{condition.id}: needs {en}",
                        )
                    )
            k += 1
        groups.append(
            GroupResult(group.id, group.label, group.at_least, met_count, group_met, tuple(results))
        )
    return TitleAssessment(
        eligible=years.met and assignment.groups_met(lc.groups),
        level=wanted,
        as_of=day,
        criteria=CriteriaRef(criteria.id, criteria.version, criteria.reference),
        years=years,
        groups=tuple(groups),
        missing=tuple(missing),
        excluded=tuple(excluded),
    )


def highest_eligible_level(
    candidate: Candidate, criteria: Criteria, as_of: Date | str
) -> TitleLevel | None:
    """The highest level of ``criteria`` that ``candidate`` may apply for on ``as_of``, or ``None``."""
    for lc in sorted(criteria.levels, key=lambda x: x.level.rank, reverse=True):
        if assess_title(candidate, criteria, lc.level, as_of).eligible:
            return lc.level
    return None
