"""Is a local criteria set lower than the provincial one? (不得低于省级标准, 粤人社规〔2020〕33号)

``compare_criteria(local, provincial)`` decides whether every candidate eligible under ``local`` at
some level is also eligible under ``provincial`` at that level. It is **sound**: it never reports
"not lower" when a counterexample exists. For each level it:

1. compares the two sets key by key and names every place where the local set may be looser
   (fewer years, an extra education, a smaller ``at_least`` in a group or a condition, a wider
   match, an extra alternative or an extra condition, a different ``cqo_led_counts_as``, a missing
   group or level). When there is none, the local level is not lower: each local assignment of
   evidence is then a provincial one;
2. otherwise searches for a counterexample exactly. Evidence matters only through finitely many
   classes (kind, level, role, rank up to the thresholds used, scope, type, activity,
   ``cqo_led``), and a
   provincial level only gets easier with more evidence, so a counterexample exists if and only if
   some *minimal* local witness built from the weakest item classes fails the provincial level.
   Every counterexample found is checked by :func:`~zs_quality.rules.titles.assess_title` under
   both sets before it is reported. A search too large to finish reports "lower, not proven".

The sets compared are files, and a file may transcribe its document only in part
(:class:`~zs_quality.model.criteria.Transcription`). Where the provincial level (or the local one)
is not completely transcribed, what the missing text says could make either set stricter or
looser, so neither "not lower" nor "lower" follows from the files: the verdict is ``unknown``,
``lower`` stays true (not proven not lower), and the violations and any counterexample found
against the transcribed parts are kept as indicative. Two identical levels that transcribe the
same document are the one exception: whatever the missing text says, it says it to both.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from zs_quality.dates import Date
from zs_quality.model.criteria import (
    Alternative,
    Condition,
    ConditionGroup,
    Criteria,
    LevelCriteria,
    Match,
    TranscriptionGap,
    kind_fields,
)
from zs_quality.model.evidence import (
    EVIDENCE_TYPES,
    ContributionRole,
    Evidence,
    HonourLevel,
    PatentType,
    ReportActivity,
    StandardScope,
)
from zs_quality.model.labels import LabelledEnum
from zs_quality.model.roles import Education
from zs_quality.model.titles import Candidate, HeldTitle, TitleLevel
from zs_quality.rules.title_matching import groups_met
from zs_quality.rules.titles import CriteriaRef, assess_title

__all__ = [
    "COMPARISON_FORMAT",
    "ComparisonVerdict",
    "Counterexample",
    "CriteriaComparison",
    "LevelComparison",
    "Violation",
    "compare_criteria",
]

COMPARISON_FORMAT = "zs_quality.criteria-comparison/2"
"""The version of the comparison's JSON form. Version 2 adds ``verdict`` (``lower``,
``not_lower`` or ``unknown``) and the untranscribed parts of each level: ``lower: true`` now also
covers an ``unknown`` verdict, and a counterexample under ``unknown`` is indicative only."""

SEARCH_LIMIT = 200_000
"""The most local witnesses the search tries for one level before it gives up (and says lower)."""

_AS_OF = Date(2025, 7, 1)  # the assessment date of every counterexample


class ComparisonVerdict(LabelledEnum):
    """What a comparison can conclude: lower (proven by a checked counterexample), not lower
    (proven), or unknown (a partial transcription, or a search too large to finish)."""

    LOWER = "lower", "低于省级"
    NOT_LOWER = "not_lower", "不低于省级"
    UNKNOWN = "unknown", "无法判断"


@attrs.frozen(kw_only=True)
class Violation:
    """A place where the local set may accept what the provincial one refuses."""

    level: TitleLevel
    group: str | None
    condition: str | None
    key: str
    zh: str
    en: str

    @property
    def where(self) -> str:
        """The path of the key: ``levels[engineer].groups[g].conditions[c].any_of[1].at_least``."""
        parts = [f"levels[{self.level.value}]"]
        if self.group:
            parts.append(f"groups[{self.group}]")
        if self.condition:
            parts.append(f"conditions[{self.condition}]")
        return ".".join([*parts, self.key])


@attrs.frozen(kw_only=True)
class Counterexample:
    """A candidate eligible under the local set and not under the provincial one, on ``as_of``."""

    as_of: Date
    candidate: Candidate


@attrs.frozen(kw_only=True)
class LevelComparison:
    """The verdict for one level of the local set.

    ``verdict`` is ``not_lower`` (proven, by key-by-key proof or exhaustive search), ``lower``
    (proven by a checked counterexample) or ``unknown``: the provincial or the local level is
    not completely transcribed (``provincial_untranscribed``, ``local_untranscribed`` name what is
    missing), or the search could not finish. ``lower`` is true unless not lower is proven, and
    ``proven`` is true for ``lower`` and ``not_lower``. Under ``unknown`` the violations and any
    counterexample are indicative: they hold against the transcribed parts only.
    """

    level: TitleLevel
    verdict: ComparisonVerdict
    lower: bool
    proven: bool
    violations: tuple[Violation, ...]
    counterexample: Counterexample | None
    provincial_untranscribed: tuple[TranscriptionGap, ...] = ()
    local_untranscribed: tuple[TranscriptionGap, ...] = ()
    reason_zh: str
    reason_en: str


@attrs.frozen(kw_only=True)
class CriteriaComparison:
    """Whether ``local`` is lower than ``provincial`` at any level, level by level: ``verdict``
    is ``lower`` when some level is, else ``unknown`` when some level is, else ``not_lower``;
    ``lower`` is true unless every level is proven not lower."""

    verdict: ComparisonVerdict
    lower: bool
    local: CriteriaRef
    provincial: CriteriaRef
    levels: tuple[LevelComparison, ...]
    format: str = COMPARISON_FORMAT


# -- 1. key by key -------------------------------------------------------------------------------

_KEY_WORDS = {
    "kind": ("不限定成果类别或类别不同", "accepts another kind of evidence"),
    "min_level": ("级别要求更低或未限定", "accepts a lower level (min_level lower or removed)"),
    "max_rank": ("排名要求更宽或未限定", "accepts a lower rank (max_rank larger or removed)"),
    "roles": ("接受更多角色或未限定", "accepts more roles (roles wider or removed)"),
    "scopes": (
        "接受更多标准类别或未限定",
        "accepts more standard scopes (scopes wider or removed)",
    ),
    "types": ("接受更多专利类型或未限定", "accepts more patent types (types wider or removed)"),
    "activities": (
        "接受更多技术工作类别或未限定",
        "accepts more kinds of technical work (activities wider or removed)",
    ),
}


def _items(count: int) -> str:
    return f"{count} item{'' if count == 1 else 's'}"


def _alt_key(condition: Condition, index: int, key: str) -> str:
    base = f"any_of[{index}]." if len(condition.alternatives) > 1 else ""
    return f"{base}{key}"


def _subsumed(alt: Alternative, by: Alternative) -> bool:
    return by.at_least <= alt.at_least and not alt.match.loosened_keys(by.match)


def _condition_violations(
    level: TitleLevel, group: str, local: Condition, provincial: Condition
) -> list[Violation]:
    found = []
    for i, alt in enumerate(local.alternatives):
        if any(_subsumed(alt, p) for p in provincial.alternatives):
            continue
        if i >= len(provincial.alternatives):
            found.append(
                Violation(
                    level=level,
                    group=group,
                    condition=local.id,
                    key=f"any_of[{i}]",
                    zh="多出一个可选条件，且不被省级任何可选条件涵盖",
                    en="an extra alternative that no provincial alternative covers",
                )
            )
            continue
        p = provincial.alternatives[i]
        if alt.at_least < p.at_least:
            found.append(
                Violation(
                    level=level,
                    group=group,
                    condition=local.id,
                    key=_alt_key(local, i, "at_least"),
                    zh=f"数量要求{alt.at_least}低于省级{p.at_least}",
                    en=f"needs {_items(alt.at_least)} where the province needs {p.at_least}",
                )
            )
        for key in alt.match.loosened_keys(p.match):
            zh, en = _KEY_WORDS[key]
            found.append(
                Violation(
                    level=level,
                    group=group,
                    condition=local.id,
                    key=_alt_key(local, i, f"match.{key}"),
                    zh=zh,
                    en=en,
                )
            )
    return found


def _group_violations(
    level: TitleLevel, local: ConditionGroup, provincial: ConditionGroup
) -> list[Violation]:
    found = []
    if local.at_least < provincial.at_least:
        found.append(
            Violation(
                level=level,
                group=local.id,
                condition=None,
                key="at_least",
                zh=f"须满足{local.at_least}项，低于省级{provincial.at_least}项",
                en=f"needs {local.at_least} conditions where the province needs "
                f"{provincial.at_least}",
            )
        )
    by_id = {c.id: c for c in provincial.conditions}
    for condition in local.conditions:
        match = by_id.get(condition.id)
        if match is None:
            found.append(
                Violation(
                    level=level,
                    group=local.id,
                    condition=condition.id,
                    key="conditions",
                    zh="多出一个省级没有的条件，可替代省级条件计数",
                    en="an extra condition the province does not have, which can stand in for "
                    "one of the province's in this N-of-M group",
                )
            )
        else:
            found += _condition_violations(level, local.id, condition, match)
    return found


def _level_fault(level: TitleLevel, key: str, zh: str, en: str) -> Violation:
    """A violation of the level itself (no group or condition)."""
    return Violation(level=level, group=None, condition=None, key=key, zh=zh, en=en)


def _years_violations(lc: LevelCriteria, pc: LevelCriteria) -> list[Violation]:
    """The required title, and each education's years, against the province's."""
    if lc.requires_title is not pc.requires_title:
        held = lc.requires_title.value if lc.requires_title else "none"
        wanted = pc.requires_title.value if pc.requires_title else "none"
        return [
            _level_fault(
                lc.level,
                "requires_title",
                f"要求的现职称（{held}）与省级（{wanted}）不同",
                f"requires title {held} where the province requires {wanted}",
            )
        ]
    found = []
    for education, years in lc.min_years:
        wanted_years = pc.years.get(education)
        key = f"{lc.years_key}.{education.value}"
        if wanted_years is None:
            found.append(
                _level_fault(
                    lc.level,
                    key,
                    f"接受省级不接受的学历：{education.label}",
                    f"accepts education {education.value}, which the province does not",
                )
            )
        elif years < wanted_years:
            found.append(
                _level_fault(
                    lc.level,
                    key,
                    f"{education.label}年限{years}年，少于省级{wanted_years}年",
                    f"{education.value}: {years} years where the province needs {wanted_years}",
                )
            )
    return found


def _cqo_role_violations(
    local: Criteria, provincial: Criteria, lc: LevelCriteria, pc: LevelCriteria
) -> list[Violation]:
    """The role a CQO-led item counts with; it matters only where some match constrains roles."""
    roles_matter = any(
        alt.match.roles is not None
        for x in (lc, pc)
        for g in x.groups
        for c in g.conditions
        for alt in c.alternatives
    )
    if not roles_matter or local.cqo_led_counts_as is provincial.cqo_led_counts_as:
        return []
    mine = local.cqo_led_counts_as.value if local.cqo_led_counts_as else "unset"
    theirs = provincial.cqo_led_counts_as.value if provincial.cqo_led_counts_as else "unset"
    return [
        _level_fault(
            lc.level,
            "criteria.cqo_led_counts_as",
            f"首席质量官牵头成果按角色{mine}计，省级为{theirs}",
            f"evidence a CQO led counts with role {mine}, where the province says {theirs}",
        )
    ]


def _level_violations(
    local: Criteria, provincial: Criteria, lc: LevelCriteria, pc: LevelCriteria
) -> list[Violation]:
    found = _years_violations(lc, pc) + _cqo_role_violations(local, provincial, lc, pc)
    local_groups = {g.id: g for g in lc.groups}
    for group in pc.groups:
        mine_group = local_groups.get(group.id)
        if mine_group is None:
            found.append(
                Violation(
                    level=lc.level,
                    group=group.id,
                    condition=None,
                    key="groups",
                    zh=f"缺少省级条件组：{group.label}",
                    en=f"the province's group {group.id} has no local counterpart",
                )
            )
        else:
            found += _group_violations(lc.level, mine_group, group)
    return found


# -- 2. the exact search -------------------------------------------------------------------------


def _rank_values(*criteria: Criteria) -> list[int | None]:
    """One rank from each class of ranks that no ``max_rank`` tells apart, and ``None``."""
    limits = sorted(
        {
            alt.match.max_rank
            for c in criteria
            for lc in c.levels
            for g in lc.groups
            for cond in g.conditions
            for alt in cond.alternatives
            if alt.match.max_rank is not None
        }
    )
    return [None, *limits, (limits[-1] + 1) if limits else 1]


def _item_classes(ranks: list[int | None]) -> list[Evidence]:
    """One evidence record of every class that the matches can tell apart."""
    items: list[Evidence] = []
    for cls in EVIDENCE_TYPES:
        fields = attrs.fields_dict(cls)
        present = kind_fields(cls.KIND)
        domains: dict[str, list[Any]] = {"cqo_led": [False, True]}
        enums: tuple[tuple[str, list[Any]], ...] = (
            ("level", list(HonourLevel)),
            ("role", list(ContributionRole)),
            ("scope", list(StandardScope)),
            ("type", list(PatentType)),
            ("activity", list(ReportActivity)),
        )
        for name, members in enums:
            if name in present:
                domains[name] = members + ([None] if fields[name].default is None else [])
        if "rank" in present:
            domains["rank"] = ranks
        for combination in itertools.product(*domains.values()):
            kwargs = dict(zip(domains, combination, strict=True))
            items.append(cls(id="x", date=_AS_OF, **kwargs))  # type: ignore[arg-type]
    return items


def _signature(
    item: Evidence, level: LevelCriteria, counts_as: ContributionRole | None
) -> frozenset[tuple[str, int]]:
    return frozenset(
        (c.id, a)
        for g in level.groups
        for c in g.conditions
        for a, alt in enumerate(c.alternatives)
        if alt.match.accepts(item, counts_as)
    )


def _weakest(
    match: Match,
    items: Sequence[Evidence],
    signatures: Sequence[frozenset[tuple[str, int]]],
    counts_as: ContributionRole | None,
) -> list[int]:
    """Indices of items ``match`` accepts whose provincial signatures are minimal (one per sig)."""
    by_sig: dict[frozenset[tuple[str, int]], int] = {}
    for i, item in enumerate(items):
        if match.accepts(item, counts_as):
            by_sig.setdefault(signatures[i], i)
    return [i for s, i in by_sig.items() if not any(o < s for o in by_sig)]


Weakest = dict[tuple[str, int], list[int]]


def _usable(condition: Condition, weakest: Weakest) -> list[int]:
    """The alternatives of ``condition`` that some item class meets."""
    return [a for a in range(len(condition.alternatives)) if weakest[(condition.id, a)]]


def _group_choices(group: ConditionGroup, weakest: Weakest) -> list[list[tuple[Condition, int]]]:
    """Every way to meet ``group``: ``at_least`` usable conditions, each by one alternative."""
    usable = [c for c in group.conditions if _usable(c, weakest)]
    return [
        list(zip(combo, alts, strict=True))
        for combo in itertools.combinations(usable, group.at_least)
        for alts in itertools.product(*[_usable(c, weakest) for c in combo])
    ]


def _witnesses(lc: LevelCriteria, weakest: Weakest) -> Iterator[list[int]]:
    """Every minimal way to meet ``lc``, as item-class indices (one per evidence item needed)."""
    per_group = [_group_choices(group, weakest) for group in lc.groups]
    if not all(per_group):
        return
    for pick in itertools.product(*per_group):
        slots = [slot for group_pick in pick for slot in group_pick]
        for multisets in itertools.product(
            *[
                itertools.combinations_with_replacement(
                    weakest[(c.id, a)], c.alternatives[a].at_least
                )
                for c, a in slots
            ]
        ):
            yield [i for multiset in multisets for i in multiset]


def _candidate(lc: LevelCriteria, education: Education, evidence: Sequence[Evidence]) -> Candidate:
    years = lc.years[education]
    start = _AS_OF.subtract(years=years) if years else _AS_OF.subtract(days=1)
    dated: tuple[Evidence, ...] = tuple(
        attrs.evolve(item, id=f"e{n}", date=_AS_OF) for n, item in enumerate(evidence, start=1)
    )
    title = HeldTitle(level=lc.requires_title, obtained_on=start) if lc.requires_title else None
    return Candidate(
        name="反例 counterexample",
        education=education,
        current_title=title,
        graduated_on=None if lc.requires_title else start,
        evidence=dated,
    )


def _checked(
    local: Criteria, provincial: Criteria, candidate: Candidate, level: TitleLevel
) -> bool:
    """Whether ``candidate`` really is eligible locally and not provincially."""
    if not assess_title(candidate, local, level, _AS_OF).eligible:
        return False
    if provincial.level(level) is None:
        return True
    return not assess_title(candidate, provincial, level, _AS_OF).eligible


@attrs.frozen(kw_only=True)
class _LevelSearch:
    """The exhaustive search for a counterexample at one level: the item classes, their
    provincial signatures, the weakest classes each local alternative accepts, and the
    educations in the order they are tried."""

    local: Criteria
    provincial: Criteria
    lc: LevelCriteria
    pc: LevelCriteria | None
    violations: tuple[Violation, ...]
    items: list[Evidence]
    signatures: list[frozenset[tuple[str, int]]]
    weakest: Weakest

    @classmethod
    def of(
        cls,
        local: Criteria,
        provincial: Criteria,
        lc: LevelCriteria,
        violations: Sequence[Violation],
    ) -> _LevelSearch:
        pc = provincial.level(lc.level)
        items = _item_classes(_rank_values(local, provincial))
        p_counts = provincial.cqo_led_counts_as
        signatures = [_signature(item, pc, p_counts) if pc else frozenset() for item in items]
        weakest = {
            (c.id, a): _weakest(alt.match, items, signatures, local.cqo_led_counts_as)
            for g in lc.groups
            for c in g.conditions
            for a, alt in enumerate(c.alternatives)
        }
        return cls(
            local=local,
            provincial=provincial,
            lc=lc,
            pc=pc,
            violations=tuple(violations),
            items=items,
            signatures=signatures,
            weakest=weakest,
        )

    def years_fail(self, education: Education) -> bool:
        """Whether the years alone fail the province for ``education`` (any witness serves)."""
        pc = self.pc
        return (
            pc is None
            or self.lc.requires_title is not pc.requires_title
            or pc.years.get(education, 1 << 30) > self.lc.years[education]
        )

    def verdict(self, education: Education, evidence: list[Evidence]) -> LevelComparison | None:
        """ "Lower", with the counterexample, when the candidate is really eligible locally only."""
        candidate = _candidate(self.lc, education, evidence)
        if not _checked(self.local, self.provincial, candidate, self.lc.level):
            return None
        return LevelComparison(
            level=self.lc.level,
            verdict=ComparisonVerdict.LOWER,
            lower=True,
            proven=True,
            violations=self.violations,
            counterexample=Counterexample(as_of=_AS_OF, candidate=candidate),
            reason_zh="低于省级：反例申报人符合本地条件而不符合省级条件",
            reason_en="lower: the counterexample is eligible locally and not provincially",
        )

    def run(self) -> LevelComparison:
        # Educations whose years alone fail the province come first.
        education = sorted(self.lc.years, key=lambda e: not self.years_fail(e))[0]
        tried = 0
        seen: set[tuple[frozenset[tuple[str, int]], ...]] = set()
        for witness in _witnesses(self.lc, self.weakest):
            tried += 1
            if tried > SEARCH_LIMIT:
                return self.gave_up()
            evidence = [self.items[i] for i in witness]
            if not self.years_fail(education):
                key = tuple(sorted((self.signatures[i] for i in witness), key=sorted))
                if key in seen:
                    continue
                seen.add(key)
                assert self.pc is not None
                if groups_met(self.pc.groups, evidence, self.provincial.cqo_led_counts_as):
                    continue
            found = self.verdict(education, evidence)
            if found is not None:
                return found
        return self.not_lower(searched=tried > 0)

    def gave_up(self) -> LevelComparison:
        return LevelComparison(
            level=self.lc.level,
            verdict=ComparisonVerdict.UNKNOWN,
            lower=True,
            proven=False,
            violations=self.violations,
            counterexample=None,
            reason_zh=f"无法在搜索上限（{SEARCH_LIMIT}）内证明不低于省级，按低于处理",
            reason_en=f"could not prove it is not lower within the search limit ({SEARCH_LIMIT}); "
            "treated as lower",
        )

    def not_lower(self, *, searched: bool) -> LevelComparison:
        where = ", ".join(v.where for v in self.violations)
        if searched:
            zh = f"不低于省级：本地条件在{where}处不同，但穷举可知凡符合本地条件者均符合省级条件"
            en = (
                f"not lower: the local set differs at {where}, but an exhaustive search shows "
                "every candidate eligible locally is eligible provincially"
            )
        else:
            zh = "不低于省级：本级别本地条件无人能满足"
            en = "not lower: no candidate can meet the local conditions at this level"
        return LevelComparison(
            level=self.lc.level,
            verdict=ComparisonVerdict.NOT_LOWER,
            lower=False,
            proven=True,
            violations=(),
            counterexample=None,
            reason_zh=zh,
            reason_en=en,
        )


def _compare_as_written(
    local: Criteria, provincial: Criteria, lc: LevelCriteria, pc: LevelCriteria | None
) -> LevelComparison:
    """The verdict on the two files as written, whatever their transcription."""
    level = lc.level
    violations = (
        [
            _level_fault(
                level,
                "level",
                f"省级没有{level.label}的条件",
                f"the provincial set has no conditions for {level.value}",
            )
        ]
        if pc is None
        else _level_violations(local, provincial, lc, pc)
    )
    if not violations:
        return LevelComparison(
            level=level,
            verdict=ComparisonVerdict.NOT_LOWER,
            lower=False,
            proven=True,
            violations=(),
            counterexample=None,
            reason_zh="逐项不低于省级：每项本地条件都被省级相应条件涵盖",
            reason_en="not lower, key by key: every local condition is covered by the provincial "
            "one",
        )
    return _LevelSearch.of(local, provincial, lc, violations).run()


def _same_transcription(
    local: Criteria, provincial: Criteria, lc: LevelCriteria, pc: LevelCriteria
) -> bool:
    """Whether the two levels are one transcription of one document: whatever the missing text
    says, it says to both, so the local level cannot be lower."""
    return (
        lc == pc
        and local.reference == provincial.reference
        and local.cqo_led_counts_as is provincial.cqo_led_counts_as
    )


def _sides(
    provincial: tuple[TranscriptionGap, ...], local: tuple[TranscriptionGap, ...]
) -> tuple[str, str]:
    """Which sets are not completely transcribed, in Chinese and English."""
    if provincial and local:
        return "省级和本地", "provincial and local"
    return ("省级", "provincial") if provincial else ("本地", "local")


def _compare_level(local: Criteria, provincial: Criteria, lc: LevelCriteria) -> LevelComparison:
    pc = provincial.level(lc.level)
    found = _compare_as_written(local, provincial, lc, pc)
    p_gaps = pc.gaps() if pc is not None else ()
    l_gaps = lc.gaps()
    if not (p_gaps or l_gaps):
        return found
    if pc is not None and _same_transcription(local, provincial, lc, pc):
        return attrs.evolve(
            found,
            provincial_untranscribed=p_gaps,
            local_untranscribed=l_gaps,
            reason_zh="不低于省级：两者是同一文件的同一转录，未转录部分对两者相同",
            reason_en="not lower: both are the same transcription of the same document, so what "
            "the untranscribed parts say applies to both alike",
        )
    zh, en = _sides(p_gaps, l_gaps)
    return attrs.evolve(
        found,
        verdict=ComparisonVerdict.UNKNOWN,
        lower=True,
        proven=False,
        provincial_untranscribed=p_gaps,
        local_untranscribed=l_gaps,
        reason_zh=f"无法判断：{zh}本级别条件转录不完整，未转录部分可能更严或更宽，既不能证明不低于"
        f"省级，也不能证明低于省级。仅就已转录部分而言：{found.reason_zh}",
        reason_en=f"unknown: the {en} conditions of this level are not completely transcribed, "
        "and the missing text could make either set stricter or looser, so neither 'not lower' "
        f"nor 'lower' can be proven; against the transcribed parts only: {found.reason_en}",
    )


def compare_criteria(local: Criteria, provincial: Criteria) -> CriteriaComparison:
    """Whether ``local`` is lower than ``provincial``: some candidate eligible under ``local`` at a
    level is not eligible under ``provincial`` at that level.

    Sound: "not lower" is reported only when proven (key by key, or by an exhaustive search over
    every class of evidence) on completely transcribed levels; each "lower" names the level,
    group, condition and key, with a counterexample candidate where the search found one. A level
    that either set does not transcribe completely is ``unknown`` (see the module docs).
    """
    levels = tuple(_compare_level(local, provincial, lc) for lc in local.levels)
    verdicts = {lv.verdict for lv in levels}
    verdict = next(
        (v for v in (ComparisonVerdict.LOWER, ComparisonVerdict.UNKNOWN) if v in verdicts),
        ComparisonVerdict.NOT_LOWER,
    )
    return CriteriaComparison(
        verdict=verdict,
        lower=any(lv.lower for lv in levels),
        local=CriteriaRef(local.id, local.version, local.reference),
        provincial=CriteriaRef(provincial.id, provincial.version, provincial.reference),
        levels=levels,
    )
