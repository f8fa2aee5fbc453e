"""Title-evaluation criteria files (职称评价条件): decoding and the embedded sets.

A criteria file (``schema = 1``) has a ``[criteria]`` table and ``[[levels]]``, each with
``[[levels.groups]]`` and ``[[levels.groups.conditions]]``; each of the three may say how
completely it transcribes its source (``transcription``, and a level's ``untranscribed_parts``;
complete when left out). See the docs page *Writing your own conditions*. Every fault is reported
at once, each named by file, level, group, condition and key
(``levels[engineer].groups[achievements].conditions[patents].any_of[1].match.types[0]: 'utility'
is not one of: invention, utility_model, design``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, ClassVar

import attrs

from zs_quality.errors import Problem, UnknownReferenceError
from zs_quality.model.criteria import (
    Alternative,
    Authority,
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
    ReportActivity,
    StandardScope,
)
from zs_quality.model.roles import Education
from zs_quality.model.titles import TitleLevel
from zs_quality.policy.decode import (
    MAX_YEARS,
    AtLeast,
    AtMost,
    NotEmpty,
    Supported,
    decode,
    decode_toml,
)
from zs_quality.policy.toml import packaged_text, read_text
from zs_quality.reading import DEFAULT_ENCODING

__all__ = [
    "DEFAULT_CRITERIA",
    "SCHEMA",
    "criteria_from_data",
    "criteria_text",
    "embedded_criteria",
    "load_criteria",
    "parse_criteria",
]

SCHEMA = 1
"""The criteria file format this version of the library reads."""

DEFAULT_CRITERIA = "gd-quality-engineering"
"""The embedded default: Guangdong's conditions for quality engineering (粤人社规〔2019〕55号)."""

_PACKAGE = "zs_quality.data"
_DIR = "criteria"
_IN_TITLE, _SINCE_GRADUATION = "min_years_in_title", "min_years_since_graduation"
Count = Annotated[int, AtLeast(1)]
YearsByEducation = Mapping[Education, Annotated[int, AtLeast(0), AtMost(MAX_YEARS)]]
Parts = Annotated[tuple[str, ...], NotEmpty("must name at least one part, or be left out")]


@attrs.frozen(kw_only=True)
class MatchTable:
    """A ``match`` table: which evidence items a condition accepts."""

    MODEL: ClassVar[type] = Match

    kind: EvidenceKind | None = None
    min_level: HonourLevel | None = None
    roles: tuple[ContributionRole, ...] | None = None
    max_rank: Count | None = None
    scopes: tuple[StandardScope, ...] | None = None
    types: tuple[PatentType, ...] | None = None
    activities: tuple[ReportActivity, ...] | None = None


@attrs.frozen(kw_only=True)
class AlternativeTable:
    """An ``any_of`` entry: ``at_least`` items that ``match`` accepts."""

    MODEL: ClassVar[type] = Alternative

    at_least: Count
    match: MatchTable


@attrs.frozen(kw_only=True)
class ConditionTable:
    """A ``[[levels.groups.conditions]]`` table: ``at_least`` and ``match``, or ``any_of``."""

    LABEL: ClassVar[str] = "id"

    id: str
    label: str
    note: str | None = None
    transcription: Transcription = Transcription.COMPLETE
    any_of: tuple[AlternativeTable, ...] | None = None
    at_least: Count | None = None
    match: MatchTable | None = None

    @staticmethod
    def check(values: Mapping[str, Any], table: Mapping[str, Any]) -> Iterator[Problem]:
        if "any_of" in table:
            for key in ("at_least", "match"):
                if key in table:
                    yield Problem(key, "give either any_of, or at_least and match, not both")
            if table["any_of"] == []:
                yield Problem("any_of", "must list at least one alternative")
        else:
            for key in ("at_least", "match"):
                if key not in table:
                    yield Problem(key, "required key is missing")

    @staticmethod
    def build(values: Mapping[str, Any]) -> Condition:
        alternatives: tuple[Alternative, ...] = values.get("any_of") or (
            Alternative(at_least=values["at_least"], match=values["match"]),
        )
        return Condition(
            id=values["id"],
            label=values["label"],
            alternatives=alternatives,  # type: ignore[arg-type]  # attrs converter=tuple
            note=values.get("note"),
            transcription=values.get("transcription", Transcription.COMPLETE),
        )


@attrs.frozen(kw_only=True)
class GroupTable:
    """A ``[[levels.groups]]`` table: meet ``at_least`` of its conditions."""

    LABEL: ClassVar[str] = "id"
    MODEL: ClassVar[type] = ConditionGroup

    id: str
    label: str
    at_least: Count
    note: str | None = None
    transcription: Transcription = Transcription.COMPLETE
    conditions: tuple[ConditionTable, ...]


@attrs.frozen(kw_only=True)
class LevelTable:
    """A ``[[levels]]`` table: the title a candidate must hold, years by education (学历)
    (``min_years_in_title`` with ``requires_title``, else ``min_years_since_graduation``), and
    the groups of conditions."""

    LABEL: ClassVar[str] = "level"

    level: TitleLevel
    requires_title: TitleLevel | None = None
    min_years_in_title: YearsByEducation | None = None
    min_years_since_graduation: YearsByEducation | None = None
    note: str | None = None
    transcription: Transcription = Transcription.COMPLETE
    untranscribed_parts: Parts = ()
    groups: tuple[GroupTable, ...] = ()

    @staticmethod
    def _years_key(table: Mapping[str, Any]) -> tuple[str, str]:
        """The years key this level must use, and the one it must not."""
        if "requires_title" in table:
            return _IN_TITLE, _SINCE_GRADUATION
        return _SINCE_GRADUATION, _IN_TITLE

    @staticmethod
    def check(values: Mapping[str, Any], table: Mapping[str, Any]) -> Iterator[Problem]:
        expected, other = LevelTable._years_key(table)
        if other in table:
            why = "requires_title is set" if expected == _IN_TITLE else "no requires_title is set"
            yield Problem(other, f"use {expected} when {why}")
        if expected not in table:
            yield Problem(expected, "required key is missing")

    @staticmethod
    def build(values: Mapping[str, Any]) -> LevelCriteria:
        years = values.get(_IN_TITLE) or values.get(_SINCE_GRADUATION) or {}
        return LevelCriteria(
            level=values["level"],
            requires_title=values.get("requires_title"),
            min_years=dict(years),
            groups=values.get("groups", ()),
            note=values.get("note"),
            transcription=values.get("transcription", Transcription.COMPLETE),
            untranscribed_parts=values.get("untranscribed_parts", ()),
        )


@attrs.frozen(kw_only=True)
class CriteriaHead:
    """The ``[criteria]`` table: who set the criteria, under which document."""

    id: str
    version: str
    jurisdiction: str
    reference: str
    authority: Authority
    title: str | None = None
    note: str | None = None
    cqo_led_counts_as: ContributionRole | None = None


@attrs.frozen(kw_only=True)
class CriteriaFile:
    """A criteria file (职称评价条件): ``schema``, the ``[criteria]`` table and its ``[[levels]]``."""

    schema: Annotated[int, Supported(SCHEMA)]
    criteria: CriteriaHead
    levels: tuple[LevelTable, ...]

    @staticmethod
    def build(values: Mapping[str, Any]) -> Criteria:
        head: CriteriaHead = values["criteria"]
        return Criteria(**attrs.asdict(head, recurse=False), levels=values["levels"])


def parse_criteria(text: str, *, source: str) -> Criteria:
    """Parse and validate criteria TOML ``text``; ``source`` names it in errors.

    Every fault is collected and raised together as one :class:`~zs_quality.errors.RulesetError`.
    """
    return decode_toml(text, CriteriaFile, Criteria, source=source)


def criteria_from_data(data: Mapping[str, Any], *, source: str) -> Criteria:
    """Decode the data of a criteria file that came as JSON rather than TOML (the same tables,
    dates as ``YYYY-MM-DD`` text), with the checks and messages of :func:`parse_criteria`;
    ``source`` names it in errors."""
    built: object = decode(data, CriteriaFile, file=source)
    assert isinstance(built, Criteria)  # CriteriaFile.build makes one
    return built


@cache
def embedded_criteria() -> list[str]:
    """The ids of the criteria sets shipped inside the package."""
    folder = resources.files(_PACKAGE).joinpath(_DIR)
    return sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )


def criteria_text(criteria_id: str) -> str:
    """The TOML text of the embedded criteria set ``criteria_id``, as shipped; an unknown id is an
    :class:`~zs_quality.errors.UnknownReferenceError`."""
    if criteria_id not in embedded_criteria():
        raise UnknownReferenceError(
            f"no embedded criteria {criteria_id!r} (embedded: {', '.join(embedded_criteria())})"
        )
    return packaged_text(_PACKAGE, f"{_DIR}/{criteria_id}.toml")


def load_criteria(
    reference: str | Path = DEFAULT_CRITERIA, *, encoding: str = DEFAULT_ENCODING
) -> Criteria:
    """Load a criteria set from a ``.toml`` path (read as ``encoding``: UTF-8 with or without BOM
    by default), or the embedded set with id ``reference``.

    Faults raise :class:`~zs_quality.errors.RulesetError` naming the file and each bad key; an
    unknown embedded id raises :class:`~zs_quality.errors.UnknownReferenceError`.
    """
    path = Path(reference)
    if path.suffix == ".toml":
        return parse_criteria(read_text(path, encoding=encoding), source=str(path))
    text = criteria_text(str(reference))
    return parse_criteria(text, source=f"{_PACKAGE}/{_DIR}/{reference}.toml")
