"""Ruleset files (记分标准): decoding, amendments resolved against their base, the embedded ones.

A ruleset is named by a path to a ``.toml`` file or by an embedded reference: ``ID@VERSION`` for
one version, or ``ID`` alone for the latest version of that id that is in force. The embedded
rulesets are the ``*.toml`` files shipped in :mod:`zs_quality.rulesets`.

An amendment (``extends = "VERSION"``) names the version of the same id it builds on. A load reads
only the files its chain needs: the base's file is ``extends_file`` when the amendment gives it
(a path relative to the amendment's folder), else ``<id>-<VERSION>.toml`` beside the amendment when
that file exists, else the embedded version. Other files in the folder are never opened. A chain
that comes back to a version already in it, or a version that extends itself, is an error naming
the chain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, ClassVar

import attrs

from zs_quality.dates import Date
from zs_quality.errors import Problem, RulesetError, UnknownReferenceError
from zs_quality.model.enterprise import ConstructionCategory
from zs_quality.model.evidence import HonourLevel
from zs_quality.model.ruleset import Item, Ruleset, RulesetHistory, RulesetRef, RulesetStatus
from zs_quality.policy.decode import (
    MAX_YEARS,
    AtLeast,
    AtMost,
    NotEmpty,
    Positive,
    Supported,
    decode,
)
from zs_quality.policy.rest_days import state_council_schedule
from zs_quality.policy.toml import packaged_text, parse_toml, read_text
from zs_quality.reading import DEFAULT_ENCODING
from zs_quality.rest_days import RestDayCalendar
from zs_quality.rules.integrity import IntegrityRule

__all__ = [
    "SCHEMA",
    "embedded_rulesets",
    "embedded_source",
    "load_history",
    "load_ruleset",
    "parse_ruleset",
    "pick_version",
]

SCHEMA = 1
"""The ruleset file format this version of the library reads."""

_PACKAGE = "zs_quality.rulesets"
Years = Annotated[int, AtLeast(1), AtMost(MAX_YEARS)]


# --- The file, as written -------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ItemTable:
    """One ``[[items]]`` table: a bonus item (加分项目), its points (分值), annual cap
    (每年封顶分值) and validity in years (使用有效期)."""

    LABEL: ClassVar[str] = "code"

    code: str
    categories: Annotated[
        tuple[ConstructionCategory, ...], NotEmpty("must name at least one enterprise category")
    ]
    level: HonourLevel
    description: str
    points: Annotated[Decimal, Positive()]
    annual_cap: Annotated[Decimal, Positive()] | None = None
    validity_years: Years
    issuers: tuple[str, ...] = ()
    proof: str | None = None
    note: str | None = None
    assumed: bool = False
    grades: Mapping[str, Annotated[Decimal, Positive()]] = attrs.field(factory=dict)
    submission_window_years: Years | None = None
    no_submission_window: bool = False
    assumed_keys: tuple[str, ...] = ()

    @staticmethod
    def check(values: Mapping[str, Any], table: Mapping[str, Any]) -> Iterator[Problem]:
        for index, key in enumerate(values.get("assumed_keys", ())):
            if key not in _ITEM_KEYS:
                yield Problem(f"assumed_keys[{index}]", f"{key!r} is not a key of an item")
        if values.get("no_submission_window") and "submission_window_years" in table:
            yield Problem(
                "no_submission_window",
                "an item either sets submission_window_years or has no_submission_window, not both",
            )
        points = values.get("points")
        if points is None:
            return
        for grade, value in values.get("grades", {}).items():
            if value > points:
                yield Problem(
                    f"grades.{grade}", f"grade points {value} are above the item's maximum {points}"
                )
        cap = values.get("annual_cap")
        if cap is not None and cap < points:
            yield Problem("annual_cap", f"annual cap {cap} is below the item's points {points}")

    @staticmethod
    def build(values: Mapping[str, Any]) -> Item:
        return Item(
            **{
                "annual_cap": None,
                **values,
                "categories": frozenset(values["categories"]),
                "assumed": values.get("assumed", False) or bool(values.get("assumed_keys")),
            }
        )


_ITEM_KEYS = frozenset(f.name for f in attrs.fields(ItemTable))


@attrs.frozen(kw_only=True)
class HeaderTable:
    """The ``[ruleset]`` table: what the version is, where it comes from, when it is in force. An
    amendment names the version it ``extends`` and may ``remove`` its items."""

    id: str
    version: str
    title: str
    jurisdiction: str
    reference: str
    status: RulesetStatus
    effective_from: Date
    effective_until: Date | None = None
    extends: str | None = None
    extends_file: str | None = None
    submission_window_years: Years | None = None
    rest_day_extension: bool | None = None
    remove: tuple[str, ...] = ()
    note: str | None = None
    readings: Mapping[str, str] = attrs.field(factory=dict)

    @staticmethod
    def check(values: Mapping[str, Any], table: Mapping[str, Any]) -> Iterator[Problem]:
        for rule in values.get("readings", {}):
            if rule not in _RULES:
                yield Problem(
                    f"readings.{rule}",
                    f"not an integrity rule (one of: {', '.join(sorted(_RULES))})",
                )
        extends = values.get("extends")
        if extends is None:
            if "submission_window_years" not in table:
                yield Problem("submission_window_years", "required key is missing")
            if values.get("remove"):
                yield Problem("remove", "only an amendment (with `extends`) may remove items")
            if "extends_file" in values:
                yield Problem("extends_file", "only an amendment (with `extends`) has a base file")
        elif extends == values.get("version"):
            yield Problem("extends", f"version {extends!r} cannot extend itself")
        start, until = values.get("effective_from"), values.get("effective_until")
        if start and until and until < start:
            yield Problem("effective_until", f"{until} is before effective_from {start}")


_RULES = frozenset(rule.value for rule in IntegrityRule)


@attrs.frozen(kw_only=True)
class _Draft:
    """A ruleset as written in its file, before an amendment is merged with its base."""

    header: Ruleset
    own_items: tuple[Item, ...]
    submission_window_years: int | None
    rest_day_extension: bool | None = None
    extends_file: str | None = None


@attrs.frozen(kw_only=True)
class RulesetFile:
    """A ruleset file (记分标准): ``schema``, the ``[ruleset]`` table and its ``[[items]]``
    (required unless the file is an amendment)."""

    schema: Annotated[int, Supported(SCHEMA)]
    ruleset: HeaderTable
    items: tuple[ItemTable, ...] = ()

    @staticmethod
    def check(values: Mapping[str, Any], table: Mapping[str, Any]) -> Iterator[Problem]:
        head = table.get("ruleset")
        extends = head.get("extends") if isinstance(head, Mapping) else None
        if extends is None and "items" not in table:
            yield Problem("items", "required key is missing")
        seen: set[str] = set()
        for item in values.get("items", ()):
            if item.code in seen:
                yield Problem(
                    f"items[{item.code}].code",
                    f"duplicate code {item.code!r} (also items[{item.code}])",
                )
            seen.add(item.code)


def _draft(text: str, source: str) -> _Draft:
    table = decode(parse_toml(text, file=source), RulesetFile, file=source)
    head = table.ruleset
    items: tuple[Item, ...] = table.items  # type: ignore[assignment]  # ItemTable.build
    header = Ruleset(
        id=head.id,
        version=head.version,
        title=head.title,
        jurisdiction=head.jurisdiction,
        reference=head.reference,
        status=head.status,
        effective_from=head.effective_from,
        effective_until=head.effective_until,
        submission_window_years=head.submission_window_years or 1,
        items={},
        extends=head.extends,
        removed=head.remove,
        note=head.note,
        source=source,
        rest_days=_calendar(head.rest_day_extension),
        readings=dict(head.readings),
    )
    return _Draft(
        header=header,
        own_items=items,
        submission_window_years=head.submission_window_years,
        rest_day_extension=head.rest_day_extension,
        extends_file=head.extends_file,
    )


def _calendar(extension: bool | None) -> RestDayCalendar | None:
    # `rest_day_extension = true`: filing deadlines move past rest days by the State Council's
    # schedules (Civil Code art. 203, this library's reading for the platform's filing window).
    return state_council_schedule() if extension else None


# --- Amendments -----------------------------------------------------------------------------------

# Finds the base of an amendment: given the draft and the chain so far, the resolved base or None.
BaseFinder = Callable[[_Draft, tuple[str, ...]], Ruleset | None]


def _merge(draft: _Draft, base: Ruleset) -> Ruleset:
    header = draft.header
    own = {item.code: item for item in draft.own_items}
    missing = [code for code in header.removed if code not in base.items]
    if missing:
        raise RulesetError(
            f"cannot remove {missing}: not items of version {base.version}",
            path="ruleset.remove",
            file=header.source,
        )
    # An amendment's own item with a base item's code replaces that item.
    items = {c: i for c, i in base.items.items() if c not in header.removed} | own
    window = draft.submission_window_years or base.submission_window_years
    # An amendment that says nothing of rest days keeps its base's setting.
    rest_days = base.rest_days if draft.rest_day_extension is None else header.rest_days
    return attrs.evolve(
        header,
        items=items,
        submission_window_years=window,
        rest_days=rest_days,
        readings={**base.readings, **header.readings},
    )


def _resolve(draft: _Draft, find_base: BaseFinder, chain: tuple[str, ...] = ()) -> Ruleset:
    header = draft.header
    if header.extends is None:
        return attrs.evolve(header, items={item.code: item for item in draft.own_items})
    chain = (*chain, f"{header.ref} ({header.source})")
    wanted = str(RulesetRef(header.id, header.extends))
    if any(step.startswith(wanted + " (") for step in chain):
        raise RulesetError(
            f"the extends chain comes back to {wanted}: {' -> '.join(chain)}",
            path="ruleset.extends",
            file=header.source,
        )
    base = find_base(draft, chain)
    if base is None:
        raise RulesetError(
            f"the base version {header.extends!r} of {header.id!r} was not found "
            f"(as {header.id}-{header.extends}.toml beside the file, by extends_file, or "
            "embedded)",
            path="ruleset.extends",
            file=header.source,
        )
    if (base.id, base.version) != (header.id, header.extends):
        raise RulesetError(
            f"the base file {base.source} holds {base.ref}, not {wanted}",
            path="ruleset.extends_file",
            file=header.source,
        )
    return _merge(draft, base)


def _among(rulesets: Iterable[Ruleset]) -> BaseFinder:
    def find(draft: _Draft, _chain: tuple[str, ...]) -> Ruleset | None:
        wanted = (draft.header.id, draft.header.extends)
        return next((r for r in rulesets if (r.id, r.version) == wanted), None)

    return find


def _beside(folder: Path, fallback: BaseFinder, encoding: str = DEFAULT_ENCODING) -> BaseFinder:
    """Find a base as a file: ``extends_file``, or ``<id>-<version>.toml`` in ``folder``, read
    as ``encoding``."""

    def find(draft: _Draft, chain: tuple[str, ...]) -> Ruleset | None:
        header = draft.header
        if draft.extends_file is not None:
            path = folder / draft.extends_file
        else:
            path = folder / f"{header.id}-{header.extends}.toml"
            if not path.is_file():
                return fallback(draft, chain)
        base = _draft(read_text(path, encoding=encoding), str(path))
        return _resolve(base, _beside(path.parent, fallback, encoding), chain)

    return find


def parse_ruleset(text: str, *, source: str, bases: Iterable[Ruleset] = ()) -> Ruleset:
    """Parse and validate ruleset TOML ``text``; ``source`` names it in errors.

    An amendment's base is looked up among ``bases`` first, then among the embedded rulesets.
    """
    given = list(bases)

    def find(draft: _Draft, chain: tuple[str, ...]) -> Ruleset | None:
        return _among(given)(draft, chain) or _among(embedded_rulesets())(draft, chain)

    return _resolve(_draft(text, source), find)


# --- Embedded rulesets ----------------------------------------------------------------------------


@cache
def _embedded_drafts() -> dict[str, _Draft]:
    drafts = {}
    for entry in sorted(resources.files(_PACKAGE).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            source = f"{_PACKAGE}/{entry.name}"
            draft = _draft(entry.read_text(encoding="utf-8"), source)
            drafts[str(draft.header.ref)] = draft
    return drafts


def _embedded_base(draft: _Draft, chain: tuple[str, ...]) -> Ruleset | None:
    found = _embedded_drafts().get(str(RulesetRef(draft.header.id, draft.header.extends or "")))
    return None if found is None else _resolve(found, _embedded_base, chain)


@cache
def embedded_rulesets() -> tuple[Ruleset, ...]:
    """Every ruleset version shipped in the package, amendments resolved, each base before the
    amendments built on it."""
    drafts = _embedded_drafts()

    def depth(draft: _Draft) -> int:
        base = drafts.get(str(RulesetRef(draft.header.id, draft.header.extends or "")))
        return 0 if draft.header.extends is None or base is None else 1 + depth(base)

    resolved = [_resolve(d, _embedded_base) for d in drafts.values()]  # refuses a cycle first
    ordered = sorted(zip(drafts.values(), resolved, strict=True), key=lambda p: depth(p[0]))
    return tuple(ruleset for _, ruleset in ordered)


def embedded_source(ruleset: Ruleset) -> str:
    """The TOML text of an embedded ruleset, as shipped."""
    if not ruleset.source or not ruleset.source.startswith(_PACKAGE + "/"):
        raise UnknownReferenceError(f"{ruleset.ref} is not an embedded ruleset")
    return packaged_text(_PACKAGE, ruleset.source.removeprefix(_PACKAGE + "/"))


def pick_version(rulesets: Iterable[Ruleset], reference: str) -> Ruleset | None:
    """The ruleset ``reference`` names among ``rulesets``: ``ID@VERSION`` exactly, or for ``ID``
    its latest version in force (by ``effective_from``); ``None`` when there is none."""
    ruleset_id, _, version = reference.partition("@")
    same_id = [r for r in rulesets if r.id == ruleset_id]
    if version:
        return next((r for r in same_id if r.version == version), None)
    in_force = [r for r in same_id if r.status is RulesetStatus.IN_FORCE]
    return max(in_force, key=lambda r: r.effective_from) if in_force else None


def _find_embedded(reference: str) -> Ruleset:
    found = pick_version(embedded_rulesets(), reference)
    if found is not None:
        return found
    ruleset_id, _, version = reference.partition("@")
    same_id = [r for r in embedded_rulesets() if r.id == ruleset_id]
    known = ", ".join(str(r.ref) for r in embedded_rulesets())
    raise UnknownReferenceError(
        f"no embedded ruleset {reference!r}"
        + (" in force; name a version with ID@VERSION" if same_id and not version else "")
        + f" (embedded: {known})"
    )


def load_ruleset(reference: str | Path, *, encoding: str = DEFAULT_ENCODING) -> Ruleset:
    """Load one ruleset version from a ``.toml`` path (read as ``encoding``: UTF-8 with or without
    BOM by default), or an embedded ``ID`` or ``ID@VERSION``.

    An amendment read from a file finds its base as the module docs say: ``extends_file``, or
    ``<id>-<version>.toml`` beside it, or the embedded version. An unknown embedded reference is
    an :class:`~zs_quality.errors.UnknownReferenceError`; a malformed file, a missing base or a
    circular chain a :class:`~zs_quality.errors.RulesetError`.
    """
    path = Path(reference)
    if path.suffix != ".toml":
        return _find_embedded(str(reference))
    draft = _draft(read_text(path, encoding=encoding), str(path))
    return _resolve(draft, _beside(path.parent, _embedded_base, encoding))


def load_history(
    references: Iterable[str | Path], *, encoding: str = DEFAULT_ENCODING
) -> Ruleset | RulesetHistory:
    """Load several versions of one ruleset id as a :class:`RulesetHistory`; one reference
    gives that :class:`Ruleset` itself. Files are read as ``encoding``."""
    rulesets = [load_ruleset(ref, encoding=encoding) for ref in references]
    if len(rulesets) == 1:
        return rulesets[0]
    return RulesetHistory.of(rulesets)
