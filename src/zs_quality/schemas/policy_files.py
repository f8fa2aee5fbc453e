"""The tables of the policy files (rulesets, criteria sets) as attrs classes, for their JSON Schemas.

The files are TOML, read key by key with every fault named (:mod:`zs_quality.rulesets.loader`,
:mod:`zs_quality.io.criteria`); these classes state the same tables so that the schemas
``ruleset-file`` and ``criteria-file`` can be generated like the others, for editors that check
a TOML file against a JSON Schema and for systems that write policy files. The tests validate
every shipped and test policy file against them, so a key added to a reader and not here fails.
Rules across keys (an amendment's ``extends``, ``any_of`` or ``at_least`` and ``match``, the
years key that goes with ``requires_title``) are the readers'.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Literal

import attrs

from zs_quality.dates import Date
from zs_quality.model.checks import positive
from zs_quality.model.criteria import Authority
from zs_quality.model.enterprise import ConstructionCategory
from zs_quality.model.evidence import (
    ContributionRole,
    EvidenceKind,
    HonourLevel,
    PatentType,
    StandardScope,
)
from zs_quality.model.roles import Education
from zs_quality.model.titles import TitleLevel
from zs_quality.rulesets.model import RulesetStatus

__all__ = ["CriteriaFile", "RulesetFile"]

_SOME: Any = attrs.validators.min_len(1)
_SOME_OR_NONE: Any = attrs.validators.optional(_SOME)


@attrs.frozen(kw_only=True)
class ItemTable:
    """An ``[[items]]`` table: a bonus item (加分项目), its points (分值), annual cap (每年封顶分值)
    and validity in years (使用有效期)."""

    code: str
    categories: tuple[ConstructionCategory, ...] = attrs.field(validator=_SOME)
    level: HonourLevel
    description: str
    points: Decimal = attrs.field(validator=positive)
    annual_cap: Decimal | None = attrs.field(default=None, validator=positive)
    validity_years: int = attrs.field(validator=positive)
    issuers: tuple[str, ...] = ()
    proof: str | None = None
    grades: Mapping[str, Decimal] = attrs.field(factory=dict)
    note: str | None = None
    assumed: bool = False


@attrs.frozen(kw_only=True)
class HeaderTable:
    """The ``[ruleset]`` table: which version, from which document, in force when. An amendment
    names the version it ``extends`` and may ``remove`` its items."""

    id: str
    version: str
    title: str
    jurisdiction: str
    reference: str
    status: RulesetStatus
    effective_from: Date
    effective_until: Date | None = None
    extends: str | None = None
    submission_window_years: int | None = attrs.field(default=None, validator=positive)
    remove: tuple[str, ...] = ()
    note: str | None = None


@attrs.frozen(kw_only=True)
class RulesetFile:
    """A ruleset file (记分标准): ``schema``, the ``[ruleset]`` table and its ``[[items]]``
    (required unless the file is an amendment)."""

    schema: Literal[1]
    ruleset: HeaderTable
    items: tuple[ItemTable, ...] = ()


@attrs.frozen(kw_only=True)
class MatchTable:
    """A ``match`` table: which evidence items a condition accepts."""

    kind: EvidenceKind | None = None
    min_level: HonourLevel | None = None
    roles: tuple[ContributionRole, ...] | None = attrs.field(default=None, validator=_SOME_OR_NONE)
    max_rank: int | None = attrs.field(default=None, validator=positive)
    scopes: tuple[StandardScope, ...] | None = attrs.field(default=None, validator=_SOME_OR_NONE)
    types: tuple[PatentType, ...] | None = attrs.field(default=None, validator=_SOME_OR_NONE)


@attrs.frozen(kw_only=True)
class AlternativeTable:
    """An ``any_of`` entry: ``at_least`` items that ``match`` accepts."""

    at_least: int = attrs.field(validator=positive)
    match: MatchTable


@attrs.frozen(kw_only=True)
class ConditionTable:
    """A ``[[levels.groups.conditions]]`` table: ``at_least`` and ``match``, or ``any_of``."""

    id: str
    label: str
    note: str | None = None
    any_of: tuple[AlternativeTable, ...] | None = attrs.field(default=None, validator=_SOME_OR_NONE)
    at_least: int | None = attrs.field(default=None, validator=positive)
    match: MatchTable | None = None


@attrs.frozen(kw_only=True)
class GroupTable:
    """A ``[[levels.groups]]`` table: meet ``at_least`` of its conditions."""

    id: str
    label: str
    at_least: int = attrs.field(validator=positive)
    note: str | None = None
    conditions: tuple[ConditionTable, ...] = attrs.field(validator=_SOME)


@attrs.frozen(kw_only=True)
class LevelTable:
    """A ``[[levels]]`` table: the title a candidate must hold, years by education
    (``min_years_in_title`` with ``requires_title``, else ``min_years_since_graduation``), and
    the groups of conditions."""

    level: TitleLevel
    requires_title: TitleLevel | None = None
    min_years_in_title: Mapping[Education, int] | None = None
    min_years_since_graduation: Mapping[Education, int] | None = None
    note: str | None = None
    groups: tuple[GroupTable, ...] = ()


@attrs.frozen(kw_only=True)
class CriteriaHead:
    """The ``[criteria]`` table: who set the criteria, under which document."""

    id: str
    version: str
    jurisdiction: str
    authority: Authority
    reference: str
    title: str | None = None
    cqo_led_counts_as: ContributionRole | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class CriteriaFile:
    """A criteria file (职称评价条件): ``schema``, the ``[criteria]`` table and its ``[[levels]]``."""

    schema: Literal[1]
    criteria: CriteriaHead
    levels: tuple[LevelTable, ...] = attrs.field(validator=_SOME)
