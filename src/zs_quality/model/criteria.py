"""Title-evaluation criteria (职称评价条件) as data: levels, condition groups, conditions, matches.

A criteria set says, for each title level, which title a candidate must hold and for how many
years (by education), then groups of conditions: "meet ``at_least`` of the following". A
condition is met by ``at_least`` evidence items that a :class:`Match` accepts, or, for a condition
with alternatives ("A **or** B"), by any one alternative. Each evidence item counts toward at
most one condition of a level.

Each level, group and condition says how completely it transcribes its source
(:class:`Transcription`): a set read from an incomplete public copy says so, and an assessment or a
comparison built on it says so too.

The classes are validated on construction; a fault raises :class:`~zs_quality.errors.InputError`
with the path of the bad key. :mod:`zs_quality.policy.criteria` reads them from TOML files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import attrs

from zs_quality.errors import InputError, Problem
from zs_quality.model.checks import non_empty, positive
from zs_quality.model.evidence import (
    EVIDENCE_TYPES,
    ContributionRole,
    Evidence,
    EvidenceKind,
    HonourLevel,
    PatentType,
    ReportActivity,
    StandardScope,
)
from zs_quality.model.labels import LabelledEnum
from zs_quality.model.roles import Education
from zs_quality.model.titles import TitleLevel

__all__ = [
    "Alternative",
    "Authority",
    "Condition",
    "ConditionGroup",
    "Criteria",
    "LevelCriteria",
    "Match",
    "Transcription",
    "TranscriptionGap",
    "kind_fields",
]


class Authority(LabelledEnum):
    """Who set a criteria set: the province, a city, or an employer (用人单位)."""

    PROVINCIAL = "provincial", "省级"
    MUNICIPAL = "municipal", "市级"
    EMPLOYER = "employer", "用人单位"


class Transcription(LabelledEnum):
    """How completely a level, group or condition transcribes its source (转录程度).

    ``complete``: everything the source asks is encoded (conditions no evidence record can carry,
    such as ethics or annual assessments, are outside every criteria set). ``partial``: the source
    was read, but part of it is missing from the copy consulted or cannot be expressed by the
    model, so the encoded conditions may be looser or stricter than the source. ``untranscribed``:
    no source text was found; what is encoded is an *assumed* stand-in.
    """

    COMPLETE = "complete", "完整转录"
    PARTIAL = "partial", "部分转录"
    UNTRANSCRIBED = "untranscribed", "未转录（假定的替代条件）"


# What a Match key constrains: the evidence attribute it reads.
_KEY_FIELD = {
    "min_level": "level",
    "roles": "role",
    "max_rank": "rank",
    "scopes": "scope",
    "types": "type",
    "activities": "activity",
}
# The attributes only one kind of record has: a key reading them needs that kind.
_ONLY_IN = {"scope": "standard", "type": "patent", "activity": "report"}


@cache
def kind_fields(kind: EvidenceKind) -> frozenset[str]:
    """The attributes that records of ``kind`` have among level, role, rank, scope, type and
    activity."""
    cls = next(t for t in EVIDENCE_TYPES if t.KIND is kind)
    return frozenset(attrs.fields_dict(cls)) & frozenset(_KEY_FIELD.values())


def _distinct(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    assert isinstance(value, tuple)
    if not value:
        raise InputError("must list at least one value", path=attribute.name)
    if len(set(value)) != len(value):
        raise InputError("lists a value twice", path=attribute.name)


def _optional_tuple(value: Iterable[Any] | None) -> tuple[Any, ...] | None:
    return None if value is None else tuple(value)


@attrs.frozen(kw_only=True)
class Match:
    """Which evidence items a condition accepts; every key given must hold, absent keys don't.

    ``kind`` the evidence kind; ``min_level`` the lowest level (association < municipal <
    provincial < national < international); ``roles`` the accepted roles; ``max_rank`` the
    lowest accepted place (5 = a top-5 drafter, inventor or author); ``scopes`` standard scopes;
    ``types`` patent types; ``activities`` the kinds of technical work a report records. A record
    without the attribute a key reads is not accepted.
    """

    kind: EvidenceKind | None = None
    min_level: HonourLevel | None = None
    roles: tuple[ContributionRole, ...] | None = attrs.field(
        default=None, converter=_optional_tuple, validator=_distinct
    )
    max_rank: int | None = attrs.field(default=None, validator=positive)
    scopes: tuple[StandardScope, ...] | None = attrs.field(
        default=None, converter=_optional_tuple, validator=_distinct
    )
    types: tuple[PatentType, ...] | None = attrs.field(
        default=None, converter=_optional_tuple, validator=_distinct
    )
    activities: tuple[ReportActivity, ...] | None = attrs.field(
        default=None, converter=_optional_tuple, validator=_distinct
    )

    def __attrs_post_init__(self) -> None:
        problems = []
        for key, field in _KEY_FIELD.items():
            if getattr(self, key) is None:
                continue
            if self.kind is None and field in _ONLY_IN:
                problems.append(Problem(key, f"needs kind = {_ONLY_IN[field]!r}"))
            elif self.kind is not None and field not in kind_fields(self.kind):
                problems.append(Problem(key, f"{self.kind.value} records have no {field}"))
        if problems:
            raise InputError(problems)

    def keys(self) -> dict[str, Any]:
        """The keys that are set, by name."""
        return {k: v for k, v in attrs.asdict(self, recurse=False).items() if v is not None}

    def accepts(self, item: Evidence, counts_as: ContributionRole | None = None) -> bool:
        """Whether ``item`` meets every key; a ``cqo_led`` item has role ``counts_as`` if given."""
        if self.kind is not None and item.KIND is not self.kind:
            return False
        return (
            self._level_accepts(item)
            and self._role_accepts(item, counts_as)
            and self._rank_accepts(item)
            and (self.scopes is None or getattr(item, "scope", None) in self.scopes)
            and (self.types is None or getattr(item, "type", None) in self.types)
            and (self.activities is None or getattr(item, "activity", None) in self.activities)
        )

    def _level_accepts(self, item: Evidence) -> bool:
        if self.min_level is None:
            return True
        level = getattr(item, "level", None)
        return level is not None and level.rank >= self.min_level.rank

    def _role_accepts(self, item: Evidence, counts_as: ContributionRole | None) -> bool:
        if self.roles is None:
            return True
        role = counts_as if counts_as is not None and item.cqo_led else getattr(item, "role", None)
        return role in self.roles

    def _rank_accepts(self, item: Evidence) -> bool:
        if self.max_rank is None:
            return True
        rank = getattr(item, "rank", None)
        return rank is not None and rank <= self.max_rank

    def loosened_keys(self, other: Match) -> list[str]:
        """The keys of this match that may accept an item ``other`` refuses.

        Empty means every item this match accepts, ``other`` accepts too (a syntactic proof).
        """
        loose = []
        if other.kind is not None and self.kind is not other.kind:
            loose.append("kind")
        if other.min_level is not None and (
            self.min_level is None or self.min_level.rank < other.min_level.rank
        ):
            loose.append("min_level")
        if other.max_rank is not None and (self.max_rank is None or self.max_rank > other.max_rank):
            loose.append("max_rank")
        for key in ("roles", "scopes", "types", "activities"):
            wanted = getattr(other, key)
            given = getattr(self, key)
            if wanted is not None and (given is None or not set(given) <= set(wanted)):
                loose.append(key)
        return loose


@attrs.frozen(kw_only=True)
class TranscriptionGap:
    """A part of a level that is not completely transcribed: ``where`` is ``level``,
    ``untranscribed_parts``, a group id or ``group.condition``; ``label`` the Chinese words of
    the part; ``note`` what the criteria file says about it."""

    where: str
    transcription: Transcription
    label: str
    note: str | None = None


@attrs.frozen(kw_only=True)
class Alternative:
    """``at_least`` distinct evidence items that ``match`` accepts."""

    at_least: int = attrs.field(validator=positive)
    match: Match


def _unique(what: str, key: str = "id") -> Any:
    def check(_instance: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        if not value:
            raise InputError(f"must have at least one {what}", path=attribute.name)
        seen: set[object] = set()
        for item in value:
            ident = getattr(item, key)
            if ident in seen:
                raise InputError(f"{what} {ident!s} appears twice", path=attribute.name)
            seen.add(ident)

    return check


@attrs.frozen(kw_only=True)
class Condition:
    """One condition (条件) of a group: met when any one alternative is met.

    A condition written with a single ``at_least`` and ``match`` has one alternative.
    """

    id: str = attrs.field(validator=non_empty)
    label: str = attrs.field(validator=non_empty)
    alternatives: tuple[Alternative, ...] = attrs.field(converter=tuple)
    note: str | None = None
    transcription: Transcription = Transcription.COMPLETE

    @alternatives.validator
    def _some(self, _attribute: object, value: tuple[Alternative, ...]) -> None:
        if not value:
            raise InputError("needs at least one alternative", path="any_of")


@attrs.frozen(kw_only=True)
class ConditionGroup:
    """A group of conditions of which ``at_least`` must be met (满足下列条件中的N项).

    Its ``transcription`` is that of the group itself (its heading, its number, which conditions
    it has): a group whose list may go on beyond the copy consulted is ``partial``. An
    ``untranscribed`` group is a stand-in, and so are its conditions.
    """

    id: str = attrs.field(validator=non_empty)
    label: str = attrs.field(validator=non_empty)
    at_least: int = attrs.field(validator=positive)
    conditions: tuple[Condition, ...] = attrs.field(converter=tuple, validator=_unique("condition"))
    note: str | None = None
    transcription: Transcription = Transcription.COMPLETE

    def __attrs_post_init__(self) -> None:
        problems = []
        if self.at_least > len(self.conditions):
            problems.append(
                Problem(
                    "at_least",
                    f"{self.at_least} conditions needed but the group has {len(self.conditions)}",
                )
            )
        if self.transcription is Transcription.UNTRANSCRIBED:
            problems += [
                Problem(
                    f"conditions[{c.id}].transcription",
                    f"is {c.transcription.value} in an untranscribed group (a stand-in has no "
                    "source text): mark it untranscribed",
                )
                for c in self.conditions
                if c.transcription is not Transcription.UNTRANSCRIBED
            ]
        if problems:
            raise InputError(problems)


def _years_map(
    value: Mapping[Education, int] | Iterable[tuple[Education, int]],
) -> tuple[tuple[Education, int], ...]:
    pairs = dict(value.items() if isinstance(value, Mapping) else value)
    return tuple(sorted(pairs.items(), key=lambda p: -p[0].rank))


@attrs.frozen(kw_only=True)
class LevelCriteria:
    """The conditions to apply for one title level.

    A candidate must hold exactly ``requires_title`` (``None``: no title needed) and have an
    education listed in ``min_years`` (education -> years); an education not listed may not
    apply. The years count from the day the required title was obtained, or from graduation for
    a level that requires no title. Then every group must be met.

    ``transcription`` says how completely the level transcribes its source, and
    ``untranscribed_parts`` names the parts of the source not found (e.g. a list of conditions
    the copy consulted breaks off before). A ``complete`` level has only complete groups and
    conditions and no untranscribed parts; an ``untranscribed`` level is a stand-in throughout.
    """

    level: TitleLevel
    requires_title: TitleLevel | None
    min_years: tuple[tuple[Education, int], ...] = attrs.field(converter=_years_map)
    groups: tuple[ConditionGroup, ...] = attrs.field(default=(), converter=tuple)
    note: str | None = None
    transcription: Transcription = Transcription.COMPLETE
    untranscribed_parts: tuple[str, ...] = attrs.field(default=(), converter=tuple)

    def __attrs_post_init__(self) -> None:
        problems = self._transcription_faults()
        if self.requires_title is not None and self.requires_title.rank >= self.level.rank:
            problems.append(
                Problem("requires_title", f"{self.requires_title.value} is not below {self.level}")
            )
        if not self.min_years:
            problems.append(Problem(self.years_key, "must accept at least one education"))
        problems += [
            Problem(f"{self.years_key}.{e.value}", f"{n} is negative")
            for e, n in self.min_years
            if isinstance(n, bool) or not isinstance(n, int) or n < 0
        ]
        group_ids: set[str] = set()
        group_of: dict[str, str] = {}  # condition id -> the group it first appeared in
        for group in self.groups:
            if group.id in group_ids:
                problems.append(Problem(f"groups[{group.id}]", "group id appears twice"))
            group_ids.add(group.id)
            for condition in group.conditions:
                first = group_of.setdefault(condition.id, group.id)
                if first != group.id:
                    problems.append(
                        Problem(
                            f"groups[{group.id}].conditions[{condition.id}]",
                            f"condition id already used in group {first}",
                        )
                    )
        if problems:
            raise InputError(problems)

    def _transcription_faults(self) -> list[Problem]:
        """A level claiming to be more complete than its parts, or a stand-in claiming source text."""
        problems = []
        if self.transcription is Transcription.COMPLETE and self.untranscribed_parts:
            problems.append(
                Problem("untranscribed_parts", "a complete level has no untranscribed parts")
            )
        if len(set(self.untranscribed_parts)) != len(self.untranscribed_parts) or not all(
            part.strip() for part in self.untranscribed_parts
        ):
            problems.append(Problem("untranscribed_parts", "lists an empty or repeated part"))
        if self.transcription is Transcription.PARTIAL:
            return problems
        wanted = self.transcription
        for group in self.groups:
            parts = [(f"groups[{group.id}]", group.transcription)] + [
                (f"groups[{group.id}].conditions[{c.id}]", c.transcription)
                for c in group.conditions
            ]
            problems += [
                Problem(
                    f"{path}.transcription",
                    f"is {status.value} in a level marked {wanted.value}: "
                    + (
                        "mark the level partial"
                        if wanted is Transcription.COMPLETE
                        else "a stand-in level has no source text, mark it untranscribed"
                    ),
                )
                for path, status in parts
                if status is not wanted
            ]
        return problems

    def gaps(self) -> tuple[TranscriptionGap, ...]:
        """What this level does not transcribe completely, for an assessment or comparison to
        name: the whole level when it is a stand-in; otherwise each untranscribed part, each
        group or condition not complete (a stand-in group once, without its conditions), and
        the level itself when it is partial with nothing more specific to name."""
        if self.transcription is Transcription.COMPLETE:
            return ()
        whole = TranscriptionGap(
            where="level",
            transcription=self.transcription,
            label=f"{self.level.label}的申报条件",
            note=self.note,
        )
        if self.transcription is Transcription.UNTRANSCRIBED:
            return (whole,)
        found = [
            TranscriptionGap(
                where="untranscribed_parts", transcription=Transcription.UNTRANSCRIBED, label=part
            )
            for part in self.untranscribed_parts
        ]
        for group in self.groups:
            if group.transcription is not Transcription.COMPLETE:
                found.append(
                    TranscriptionGap(
                        where=group.id,
                        transcription=group.transcription,
                        label=group.label,
                        note=group.note,
                    )
                )
            if group.transcription is Transcription.UNTRANSCRIBED:
                continue
            found += [
                TranscriptionGap(
                    where=f"{group.id}.{c.id}",
                    transcription=c.transcription,
                    label=c.label,
                    note=c.note,
                )
                for c in group.conditions
                if c.transcription is not Transcription.COMPLETE
            ]
        return tuple(found) or (whole,)

    @property
    def years_key(self) -> str:
        """The TOML key of the years: ``min_years_in_title`` or ``min_years_since_graduation``."""
        return "min_years_in_title" if self.requires_title else "min_years_since_graduation"

    @property
    def years(self) -> dict[Education, int]:
        """Years needed by education; an education not here may not apply."""
        return dict(self.min_years)


@attrs.frozen(kw_only=True)
class Criteria:
    """A criteria set: who issued it, under which document, and its levels.

    ``cqo_led_counts_as``: when set, an evidence item with ``cqo_led = true`` matches as if its
    role were this role (中市监函〔2024〕179号: achievements a CQO led may serve as evidence).
    """

    id: str = attrs.field(validator=non_empty)
    version: str = attrs.field(validator=non_empty)
    jurisdiction: str = attrs.field(validator=non_empty)
    authority: Authority
    reference: str = attrs.field(validator=non_empty)
    title: str | None = None
    cqo_led_counts_as: ContributionRole | None = None
    note: str | None = None
    levels: tuple[LevelCriteria, ...] = attrs.field(
        converter=tuple, validator=_unique("level", "level")
    )

    def level(self, level: TitleLevel) -> LevelCriteria | None:
        """The conditions of ``level``, or ``None`` when this set has none for it."""
        return next((lc for lc in self.levels if lc.level is level), None)
