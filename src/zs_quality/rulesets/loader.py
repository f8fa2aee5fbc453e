"""Loading ruleset TOML files, validated, with amendments resolved against their base version.

A ruleset is named by a path to a ``.toml`` file or by an embedded reference: ``ID@VERSION`` for
one version, or ``ID`` alone for the latest version of that id that is in force. The embedded
rulesets are the ``*.toml`` files shipped in this package.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path

import attrs

from zs_quality.dates import Date
from zs_quality.errors import RulesetError
from zs_quality.io.tables import TableReader, build_from, parse_toml
from zs_quality.model.enterprise import ConstructionCategory
from zs_quality.model.evidence import HonourLevel
from zs_quality.rulesets.model import Item, Ruleset, RulesetHistory, RulesetStatus

__all__ = [
    "SCHEMA",
    "embedded_rulesets",
    "embedded_source",
    "load_history",
    "load_ruleset",
    "parse_ruleset",
]

SCHEMA = 1
"""The ruleset file format this version of the library reads."""


@attrs.frozen(kw_only=True)
class _Draft:
    """A ruleset as written in its file, before an amendment is merged with its base."""

    header: Ruleset
    own_items: tuple[Item, ...]
    submission_window_years: int | None


def _read_item(table: TableReader) -> Item | None:
    code = table.text("code")
    categories = table.choices("categories", ConstructionCategory)
    if categories is not None and not categories:
        table.fault("categories", "must name at least one enterprise category")
    level = table.choice("level", HonourLevel)
    description = table.text("description")
    points = table.decimal("points", positive=True)
    annual_cap = table.decimal("annual_cap", required=False, positive=True)
    validity = table.integer("validity_years", minimum=1)
    issuers = table.strings("issuers") or []
    proof = table.text("proof", required=False)
    note = table.text("note", required=False)
    assumed = table.boolean("assumed") or False
    grades: dict[str, Decimal] = {}
    grade_table = table.table("grades", required=False)
    if grade_table is not None:
        for grade in grade_table.data:
            value = grade_table.decimal(grade, positive=True)
            if value is not None and points is not None and value > points:
                grade_table.fault(
                    grade, f"grade points {value} are above the item's maximum {points}"
                )
            if value is not None:
                grades[grade] = value
    if points is not None and annual_cap is not None and annual_cap < points:
        table.fault("annual_cap", f"annual cap {annual_cap} is below the item's points {points}")
    if (
        code is None
        or not categories
        or level is None
        or description is None
        or points is None
        or validity is None
    ):
        return None
    return Item(
        code=code,
        categories=frozenset(categories),
        level=level,
        description=description,
        points=points,
        annual_cap=annual_cap,
        validity_years=validity,
        issuers=tuple(issuers),
        proof=proof,
        grades=grades,
        note=note,
        assumed=assumed,
    )


def _item_label(table: Mapping[str, object]) -> str:
    code = table.get("code")
    return code if isinstance(code, str) else ""


def _read_draft(root: TableReader, source: str) -> _Draft:
    schema = root.integer("schema")
    if schema is not None and schema != SCHEMA:
        root.fault("schema", f"this library reads schema {SCHEMA}, not {schema}")
    head = root.table("ruleset") or TableReader({}, "ruleset", root.problems)
    ruleset_id = head.text("id")
    version = head.text("version")
    title = head.text("title")
    jurisdiction = head.text("jurisdiction")
    reference = head.text("reference")
    status = head.choice("status", RulesetStatus)
    effective_from = head.date("effective_from")
    effective_until = head.date("effective_until", required=False)
    extends = head.text("extends", required=False)
    window = head.integer("submission_window_years", required=extends is None, minimum=1)
    remove = head.strings("remove") or []
    note = head.text("note", required=False)
    if remove and extends is None:
        head.fault("remove", "only an amendment (with `extends`) may remove items")
    if effective_from and effective_until and effective_until < effective_from:
        head.fault(
            "effective_until", f"{effective_until} is before effective_from {effective_from}"
        )
    head.finish()

    items: list[Item] = []
    seen: dict[str, str] = {}
    for table in root.tables("items", required=extends is None, label=_item_label):
        item = _read_item(table)
        table.finish()
        if item is None:
            continue
        if item.code in seen:
            table.fault("code", f"duplicate code {item.code!r} (also {seen[item.code]})")
            continue
        seen[item.code] = table.path
        items.append(item)
    header = Ruleset(
        id=ruleset_id or "",
        version=version or "",
        title=title or "",
        jurisdiction=jurisdiction or "",
        reference=reference or "",
        status=status or RulesetStatus.PROPOSED,
        effective_from=effective_from or Date(1, 1, 1),
        effective_until=effective_until,
        submission_window_years=window or 1,
        items={},
        extends=extends,
        removed=tuple(remove),
        note=note,
        source=source,
    )
    return _Draft(header=header, own_items=tuple(items), submission_window_years=window)


def _draft_of(text: str, source: str) -> _Draft:
    def read(root: TableReader) -> _Draft:
        return _read_draft(root, source)

    return build_from(parse_toml(text, file=source), read, file=source)


def parse_ruleset(text: str, *, source: str, bases: Iterable[Ruleset] = ()) -> Ruleset:
    """Parse and validate ruleset TOML ``text``; ``source`` names it in errors.

    An amendment's base is looked up among ``bases`` first, then among the embedded rulesets.
    """
    return _resolve(_draft_of(text, source), [*bases, *embedded_rulesets()])


def _resolve(draft: _Draft, candidates: Iterable[Ruleset]) -> Ruleset:
    header = draft.header
    own = {item.code: item for item in draft.own_items}
    if header.extends is None:
        return attrs.evolve(header, items=own)
    base = next((r for r in candidates if r.id == header.id and r.version == header.extends), None)
    if base is None:
        raise RulesetError(
            f"the base version {header.extends!r} of {header.id!r} was not found "
            "(embedded, or given with the amendment)",
            path="ruleset.extends",
            file=header.source,
        )
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
    return attrs.evolve(header, items=items, submission_window_years=window)


_PACKAGE = "zs_quality.rulesets"


@cache
def embedded_rulesets() -> tuple[Ruleset, ...]:
    """Every ruleset version shipped in the package, amendments resolved."""
    drafts = []
    for entry in sorted(resources.files(_PACKAGE).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            source = f"{_PACKAGE}/{entry.name}"
            text = entry.read_text(encoding="utf-8")
            drafts.append(_draft_of(text, source))
    return tuple(_resolve_all(drafts))


def _resolve_all(drafts: list[_Draft]) -> list[Ruleset]:
    """Resolve drafts in dependency order (a base before the amendments built on it)."""
    done: list[Ruleset] = []
    pending = list(drafts)
    while pending:
        ready = [
            d
            for d in pending
            if d.header.extends is None
            or any(r.id == d.header.id and r.version == d.header.extends for r in done)
        ]
        if not ready:
            # No progress: the first pending amendment names a missing (or circular) base.
            _resolve(pending[0], done)
        for draft in ready:
            done.append(_resolve(draft, done))
            pending.remove(draft)
    return done


def embedded_source(ruleset: Ruleset) -> str:
    """The TOML text of an embedded ruleset, as shipped."""
    if not ruleset.source or not ruleset.source.startswith(_PACKAGE + "/"):
        raise RulesetError(f"{ruleset.ref} is not an embedded ruleset")
    name = ruleset.source.removeprefix(_PACKAGE + "/")
    return resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def _find_embedded(reference: str) -> Ruleset:
    ruleset_id, _, version = reference.partition("@")
    same_id = [r for r in embedded_rulesets() if r.id == ruleset_id]
    if version:
        for ruleset in same_id:
            if ruleset.version == version:
                return ruleset
    else:
        in_force = [r for r in same_id if r.status is RulesetStatus.IN_FORCE]
        if in_force:
            return max(in_force, key=lambda r: r.effective_from)
    known = ", ".join(str(r.ref) for r in embedded_rulesets())
    raise RulesetError(
        f"no embedded ruleset {reference!r}"
        + (" in force; name a version with ID@VERSION" if same_id and not version else "")
        + f" (embedded: {known})"
    )


def load_ruleset(reference: str | Path) -> Ruleset:
    """Load one ruleset version from a ``.toml`` path, or an embedded ``ID`` or ``ID@VERSION``.

    An amendment read from a file finds its base among the ``.toml`` files beside it, then among
    the embedded rulesets.
    """
    path = Path(reference)
    if path.suffix != ".toml":
        return _find_embedded(str(reference))
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulesetError(f"cannot read: {exc.strerror}", file=str(path)) from None
    siblings = [p for p in sorted(path.parent.glob("*.toml")) if p.resolve() != path.resolve()]
    return parse_ruleset(text, source=str(path), bases=_sibling_bases(siblings))


def _sibling_bases(paths: list[Path]) -> list[Ruleset]:
    bases = []
    for sibling in paths:
        # Only well-formed non-amendments can serve as bases; others are not this file's concern.
        try:
            ruleset = parse_ruleset(sibling.read_text(encoding="utf-8"), source=str(sibling))
        except (RulesetError, OSError):
            continue
        bases.append(ruleset)
    return bases


def load_history(references: Iterable[str | Path]) -> Ruleset | RulesetHistory:
    """Load several versions of one ruleset id as a :class:`RulesetHistory`; one reference
    gives that :class:`Ruleset` itself."""
    rulesets = [load_ruleset(ref) for ref in references]
    if len(rulesets) == 1:
        return rulesets[0]
    return RulesetHistory.of(rulesets)
