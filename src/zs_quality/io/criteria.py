"""Reading title-evaluation criteria (职称评价条件) from TOML files.

A criteria file (``schema = 1``) has a ``[criteria]`` table and ``[[levels]]``, each with
``[[levels.groups]]`` and ``[[levels.groups.conditions]]``; see the docs page *Writing your own
conditions*. Loading reads through :class:`~zs_quality.io.tables.TableReader`, like rulesets: it
checks every key and reports every fault at once, each named by file, level, group, condition and
key (``levels[engineer].groups[achievements].conditions[patents].any_of[1].match.types[0]: 'utility'
is not one of: invention, utility_model, design``).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from zs_quality.errors import InputError, Problem, RulesetError, join_path
from zs_quality.io.tables import TableReader, build_from, parse_toml, read_policy_file
from zs_quality.model.criteria import (
    Alternative,
    Authority,
    Condition,
    ConditionGroup,
    Criteria,
    LevelCriteria,
    Match,
)
from zs_quality.model.evidence import (
    ContributionRole,
    EvidenceKind,
    HonourLevel,
    PatentType,
    StandardScope,
)
from zs_quality.model.labels import choices
from zs_quality.model.roles import Education
from zs_quality.model.titles import TitleLevel

__all__ = [
    "DEFAULT_CRITERIA",
    "SCHEMA",
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
_YEARS_KEYS = ("min_years_in_title", "min_years_since_graduation")
T = TypeVar("T")


def _model(table: TableReader, before: int, make: Callable[..., T], **fields: Any) -> T | None:
    """``make(**fields)`` unless a fault was recorded since ``before``; the model's own faults
    are recorded under the table's path."""
    if len(table.problems) > before:
        return None
    try:
        return make(**fields)
    except InputError as exc:
        table.problems.extend(
            Problem(join_path(table.path, p.path), p.message) for p in exc.problems
        )
        return None


def _label_by(key: str) -> Callable[[Any], str]:
    def label(table: Any) -> str:
        value = table.get(key)
        return value if isinstance(value, str) else ""

    return label


def _optional_choices(table: TableReader, key: str, enum_type: Any) -> tuple[Any, ...] | None:
    values = table.choices(key, enum_type, required=False)
    return None if values is None else tuple(values)


def _match(table: TableReader) -> Match | None:
    before = len(table.problems)
    fields = {
        "kind": table.choice("kind", EvidenceKind, required=False),
        "min_level": table.choice("min_level", HonourLevel, required=False),
        "roles": _optional_choices(table, "roles", ContributionRole),
        "max_rank": table.integer("max_rank", required=False, minimum=1),
        "scopes": _optional_choices(table, "scopes", StandardScope),
        "types": _optional_choices(table, "types", PatentType),
    }
    table.finish()
    return _model(table, before, Match, **fields)


def _alternative(table: TableReader) -> Alternative | None:
    """``at_least`` and ``match`` of ``table`` (an ``any_of`` entry, or a condition itself)."""
    before = len(table.problems)
    at_least = table.integer("at_least", minimum=1)
    match_table = table.table("match")
    match = _match(match_table) if match_table is not None else None
    return _model(table, before, Alternative, at_least=at_least, match=match)


def _condition(table: TableReader) -> Condition | None:
    before = len(table.problems)
    ident = table.text("id")
    label = table.text("label")
    note = table.text("note", required=False)
    alternatives: list[Alternative | None]
    if table.has("any_of"):
        for key in ("at_least", "match"):
            if table.has(key):
                table.fault(key, "give either any_of, or at_least and match, not both")
        alternatives = []
        for entry in table.tables("any_of"):
            alternatives.append(_alternative(entry))
            entry.finish()
        if not alternatives:
            table.fault("any_of", "must list at least one alternative")
    else:
        alternatives = [_alternative(table)]
    table.finish()
    return _model(
        table, before, Condition, id=ident, label=label, alternatives=alternatives, note=note
    )


def _group(table: TableReader) -> ConditionGroup | None:
    before = len(table.problems)
    ident = table.text("id")
    label = table.text("label")
    at_least = table.integer("at_least", minimum=1)
    note = table.text("note", required=False)
    conditions = [_condition(t) for t in table.tables("conditions", label=_label_by("id"))]
    table.finish()
    return _model(
        table,
        before,
        ConditionGroup,
        id=ident,
        label=label,
        at_least=at_least,
        conditions=conditions,
        note=note,
    )


def _years(table: TableReader) -> dict[Education, int]:
    years = {}
    for key in list(table.data):
        count = table.integer(key, minimum=0)
        try:
            education = Education(key)
        except ValueError:
            table.fault(key, f"{key!r} is not an education (one of: {choices(Education)})")
            continue
        if count is not None:
            years[education] = count
    return years


def _level(table: TableReader) -> LevelCriteria | None:
    before = len(table.problems)
    level = table.choice("level", TitleLevel)
    requires = table.choice("requires_title", TitleLevel, required=False)
    expected, other = _YEARS_KEYS if table.has("requires_title") else _YEARS_KEYS[::-1]
    if table.has(other):
        why = "requires_title is set" if expected == _YEARS_KEYS[0] else "no requires_title is set"
        table.fault(other, f"use {expected} when {why}")
    years_table = table.table(expected)
    years = _years(years_table) if years_table is not None else None
    note = table.text("note", required=False)
    groups = [_group(t) for t in table.tables("groups", required=False, label=_label_by("id"))]
    table.finish()
    return _model(
        table,
        before,
        LevelCriteria,
        level=level,
        requires_title=requires,
        min_years=years,
        groups=groups,
        note=note,
    )


def _criteria(root: TableReader) -> Criteria | None:
    before = len(root.problems)
    schema = root.integer("schema")
    if schema is not None and schema != SCHEMA:
        root.fault("schema", f"this library reads schema {SCHEMA}, not {schema}")
    head = root.table("criteria") or TableReader({}, "criteria", root.problems)
    fields: dict[str, Any] = {
        k: head.text(k) for k in ("id", "version", "jurisdiction", "reference")
    }
    fields["authority"] = head.choice("authority", Authority)
    fields["title"] = head.text("title", required=False)
    fields["note"] = head.text("note", required=False)
    fields["cqo_led_counts_as"] = head.choice("cqo_led_counts_as", ContributionRole, required=False)
    head.finish()
    fields["levels"] = [_level(t) for t in root.tables("levels", label=_label_by("level"))]
    return _model(root, before, Criteria, **fields)


def _read(root: TableReader) -> Criteria:
    criteria = _criteria(root)
    if criteria is None and not root.problems:  # pragma: no cover - every None records a fault
        root.fault("", "not a criteria file")
    return criteria  # type: ignore[return-value]  # build_from raises when problems were recorded


def parse_criteria(text: str, *, source: str) -> Criteria:
    """Parse and validate criteria TOML ``text``; ``source`` names it in errors.

    Every fault is collected and raised together as one :class:`~zs_quality.errors.RulesetError`.
    """
    return build_from(parse_toml(text, file=source), _read, file=source)


def embedded_criteria() -> list[str]:
    """The ids of the criteria sets shipped inside the package."""
    folder = resources.files(_PACKAGE).joinpath(_DIR)
    return sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )


def criteria_text(criteria_id: str) -> str:
    """The TOML text of the embedded criteria set ``criteria_id``, as shipped."""
    if criteria_id not in embedded_criteria():
        raise RulesetError(
            f"no embedded criteria {criteria_id!r} (embedded: {', '.join(embedded_criteria())})"
        )
    return resources.files(_PACKAGE).joinpath(_DIR, f"{criteria_id}.toml").read_text("utf-8")


def load_criteria(reference: str | Path = DEFAULT_CRITERIA) -> Criteria:
    """Load a criteria set from a ``.toml`` path, or the embedded set with id ``reference``.

    Faults raise :class:`~zs_quality.errors.RulesetError` naming the file and each bad key.
    """
    path = Path(reference)
    if path.suffix == ".toml":
        return read_policy_file(path, _read)
    text = criteria_text(str(reference))
    return parse_criteria(text, source=f"{_PACKAGE}/{_DIR}/{reference}.toml")
