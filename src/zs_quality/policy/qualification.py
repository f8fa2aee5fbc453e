"""CQO qualification-rule files (首席质量官任职条件): decoding and the shipped default.

The shipped default is ``zs_quality/data/cqo_qualification.toml``; a city that fixes its own rules
ships a file with the same keys. Each fault is named by file and key path, all at once:
``groups[large_medium].training_valid_years: must be at least 1, got 0``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated, Any, ClassVar

import attrs

from zs_quality.dates import Date
from zs_quality.errors import Problem
from zs_quality.model.qualification import (
    QualificationGroup,
    QualificationRules,
    QualificationSource,
)
from zs_quality.model.roles import Education
from zs_quality.model.size import SizeTier
from zs_quality.policy.decode import (
    MAX_YEARS,
    AtLeast,
    AtMost,
    NotEmpty,
    Supported,
    decode_toml,
)
from zs_quality.policy.toml import packaged_text, read_text

__all__ = [
    "SCHEMA",
    "default_qualification_rules",
    "load_qualification_rules",
    "qualification_rules_from_toml",
]

SCHEMA = 1
"""The qualification-rule file format this version of the library reads."""

_PACKAGE, _FILE = "zs_quality.data", "cqo_qualification.toml"
_GROUP_FIELDS = frozenset(a.name for a in attrs.fields(QualificationGroup))
_RULES_FIELDS = frozenset(a.name for a in attrs.fields(QualificationRules))


@attrs.frozen(kw_only=True)
class SourceTable:
    """A ``[[sources]]`` table: a document the rules cite."""

    LABEL: ClassVar[str] = "id"
    MODEL: ClassVar[type] = QualificationSource

    id: str
    reference: str
    summary: str = ""


@attrs.frozen(kw_only=True)
class GroupTable:
    """A ``[[groups]]`` table: the requirements for some size tiers."""

    LABEL: ClassVar[str] = "id"
    MODEL: ClassVar[type] = QualificationGroup

    id: str
    label: str
    sizes: Annotated[tuple[SizeTier, ...], NotEmpty("must name at least one size")]
    min_education: Education
    min_quality_work_years: Annotated[Decimal, AtLeast(0)]
    training_required: bool
    training_valid_years: Annotated[int, AtLeast(1), AtMost(MAX_YEARS)]
    appointed_by: tuple[str, ...] = ()
    sources: Annotated[tuple[str, ...], NotEmpty("a group must cite at least one source")]
    assumed: tuple[str, ...] = ()

    @staticmethod
    def check(values: Mapping[str, Any], _table: Mapping[str, Any]) -> Iterator[Problem]:
        for name in values.get("assumed", ()):
            if name not in _GROUP_FIELDS:
                yield Problem("assumed", f"{name!r} is not a field of a group")


@attrs.frozen(kw_only=True)
class QualificationFile:
    """A qualification-rule file."""

    MODEL: ClassVar[type] = QualificationRules

    schema: Annotated[int, Supported(SCHEMA)]
    title: str
    effective_from: Date
    effective_until: Date | None = None
    when_size_unknown: SizeTier
    when_size_unknown_assumed: bool = False
    assumed: tuple[str, ...] = ()
    sources: tuple[SourceTable, ...]
    groups: tuple[GroupTable, ...]

    @staticmethod
    def check(values: Mapping[str, Any], _table: Mapping[str, Any]) -> Iterator[Problem]:
        start, until = values.get("effective_from"), values.get("effective_until")
        if start and until and until < start:
            yield Problem("effective_until", f"{until} is before effective_from {start}")
        for name in values.get("assumed", ()):
            if name not in _RULES_FIELDS:
                yield Problem("assumed", f"{name!r} is not a key of the rules")
        yield from _group_faults(values)


def _group_faults(values: Mapping[str, Any]) -> Iterator[Problem]:
    """Each group cites known sources, and each size tier is in exactly one group."""
    source_ids = {s.id for s in values.get("sources", ())}
    groups: tuple[QualificationGroup, ...] = values.get("groups", ())
    seen: dict[SizeTier, str] = {}
    for group in groups:
        where = f"groups[{group.id}]"
        if "sources" in values:
            for name in group.sources:
                if name not in source_ids:
                    yield Problem(f"{where}.sources", f"no source with id {name!r}")
        for tier in group.sizes:
            if tier in seen:
                yield Problem(
                    f"{where}.sizes", f"size {tier.value} is already in group {seen[tier]!r}"
                )
            seen.setdefault(tier, group.id)
    missing = [t.value for t in SizeTier if t not in seen]
    if "groups" in values and missing:
        yield Problem("groups", f"no group for sizes: {', '.join(missing)}")


def qualification_rules_from_toml(text: str, *, file: str) -> QualificationRules:
    """Qualification rules from the TOML ``text`` of ``file``; any fault raises
    :class:`~zs_quality.errors.RulesetError` naming the file and each key path (unknown keys
    included)."""
    rules = decode_toml(text, QualificationFile, QualificationRules, source=file)
    return attrs.evolve(rules, file=file)


def load_qualification_rules(path: str | Path) -> QualificationRules:
    """Qualification rules from the TOML file at ``path``."""
    return qualification_rules_from_toml(read_text(path), file=str(path))


@cache
def default_qualification_rules() -> QualificationRules:
    """The shipped default (``zs_quality/data/cqo_qualification.toml``)."""
    return qualification_rules_from_toml(
        packaged_text(_PACKAGE, _FILE), file=f"zs_quality/data/{_FILE}"
    )
