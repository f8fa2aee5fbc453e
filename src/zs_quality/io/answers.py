"""The JSON documents the command line and the HTTP service answer with, beyond the models.

Most answers are a model unstructured by the one converter (an integrity result, a title
assessment, an impact comparison). The classes here describe the others, so that each has one
definition that both writes it and generates its JSON Schema (:mod:`zs_quality.schemas`): a
code check (``zs-quality uscc``), the coverage document (``zs-quality cqo coverage``), a rejected
element of a list, the RFC 9457 problem details of a refused request, and the service's
ruleset and health documents.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

import attrs

from zs_quality.convert import unstructure
from zs_quality.dates import Date
from zs_quality.errors import InputError, Problem, USCCError, ZsQualityError
from zs_quality.model.enterprise import Sector
from zs_quality.model.labels import LabelledEnum
from zs_quality.model.ruleset import Item, Ruleset, RulesetStatus
from zs_quality.model.size import SizeTier
from zs_quality.model.uscc import USCC
from zs_quality.rules.coverage import CoverageFigure, CoverageReport, EnterpriseCoverage

T = TypeVar("T")

__all__ = [
    "CodeCheck",
    "CoverageDocument",
    "CoverageRow",
    "Health",
    "LineError",
    "Origin",
    "ProblemDetails",
    "RejectedElement",
    "RulesetCheck",
    "RulesetDetail",
    "RulesetSummary",
    "code_check",
    "coverage_document",
    "element_error",
    "line_error",
    "rejected_element",
    "report_json",
    "ruleset_check",
    "ruleset_detail",
    "ruleset_summary",
]


@attrs.frozen(kw_only=True)
class CodeCheck:
    """A unified social credit code (统一社会信用代码) checked against GB 32100-2015: the text as
    given, whether it is valid, the code as normalized (trimmed, upper case) or the first rule
    that failed (its message and its name), and the warnings of a valid code (a GB 11714
    organisation-code check digit that does not hold)."""

    input: str
    valid: bool
    normalized: USCC | None
    error: str | None
    rule: str | None
    warnings: tuple[str, ...]


def code_check(text: str, *, strict: bool = False) -> CodeCheck:
    """Check ``text`` as a code; an invalid one is an answer (``valid`` false), not an error.
    With ``strict``, a wrong organisation-code check digit is an error, not a warning."""
    try:
        code = USCC.parse(text, strict=strict)
    except USCCError as exc:
        return CodeCheck(
            input=text, valid=False, normalized=None, error=exc.message, rule=exc.rule, warnings=()
        )
    return CodeCheck(
        input=text, valid=True, normalized=code, error=None, rule=None, warnings=code.warnings
    )


@attrs.frozen(kw_only=True)
class CoverageRow:
    """One enterprise of a coverage document: who it is, its size tier and above-size status
    with their reasons, and its CQO (首席质量官) on the day, if any."""

    uscc: USCC
    name: str
    town: str | None
    town_known: bool
    sector: Sector | None
    size: SizeTier | None
    size_reason_zh: str
    size_reason_en: str
    above_designated_size: bool | None
    above_reason_zh: str
    above_reason_en: str
    covered: bool
    cqo: str | None
    cqo_since: Date | None
    trained: bool
    reason_zh: str
    reason_en: str


@attrs.frozen(kw_only=True)
class LineError:
    """An input line or element that could not be read, with every problem found in it.

    ``file`` and ``line`` locate a line of a file; ``index`` (0-based) an element of a request
    body's array. What is not known is ``null``.
    """

    file: str | None
    line: int | None
    index: int | None = None
    problems: tuple[Problem, ...]


@attrs.frozen(kw_only=True)
class CoverageDocument:
    """CQO coverage (首席质量官覆盖情况) on ``as_of``: headline figures, breakdowns by size,
    sector and town, every enterprise, the uncovered ones, and the input lines that could not
    be read."""

    as_of: Date
    above_designated_manufacturing: CoverageFigure
    large_medium_manufacturing: CoverageFigure
    by_size: Mapping[str, CoverageFigure]
    by_sector: Mapping[str, CoverageFigure]
    by_town: Mapping[str, CoverageFigure]
    trained_cqos: CoverageFigure
    enterprises: tuple[CoverageRow, ...]
    uncovered: tuple[CoverageRow, ...]
    errors: tuple[LineError, ...]


def _row(row: EnterpriseCoverage) -> CoverageRow:
    enterprise = row.enterprise
    cqo = row.cqo
    return CoverageRow(
        uscc=enterprise.uscc,
        name=enterprise.name,
        town=enterprise.town,
        town_known=row.town_known,
        sector=enterprise.sector,
        size=row.size,
        size_reason_zh=row.size_reason_zh,
        size_reason_en=row.size_reason_en,
        above_designated_size=row.above_designated_size,
        above_reason_zh=row.above_reason_zh,
        above_reason_en=row.above_reason_en,
        covered=row.covered,
        cqo=None if cqo is None else cqo.person.name,
        cqo_since=None if cqo is None else cqo.appointed_on,
        trained=row.trained,
        reason_zh=row.reason_zh,
        reason_en=row.reason_en,
    )


def line_error(error: ZsQualityError) -> LineError:
    """The document of one unreadable line of a file."""
    return LineError(file=error.file, line=error.line, index=None, problems=error.problems)


def element_error(error: ZsQualityError) -> LineError:
    """The document of one unreadable element of a request's list: its 0-based index (the
    error's 1-based position less one), no file or line."""
    index = None if error.line is None else error.line - 1
    return LineError(file=None, line=None, index=index, problems=error.problems)


def coverage_document(report: CoverageReport, errors: Iterable[LineError] = ()) -> CoverageDocument:
    """The coverage document of ``report`` and the registry's unreadable lines."""
    return _of(
        CoverageDocument,
        report,
        enterprises=tuple(_row(r) for r in report.enterprises),
        uncovered=tuple(_row(r) for r in report.uncovered),
        errors=tuple(errors),
    )


def report_json(report: CoverageReport, errors: tuple[InputError, ...] = ()) -> dict[str, object]:
    """The JSON document of the coverage command for ``report`` and the registry's bad lines."""
    data: dict[str, object] = unstructure(
        coverage_document(report, (line_error(e) for e in errors))
    )
    return data


@attrs.frozen(kw_only=True)
class RejectedElement:
    """An element of a request's list that could not be processed: its 0-based ``index`` in the
    list, the whole error as one line, and every problem with its field path (relative to the
    element)."""

    index: int
    error: str
    problems: tuple[Problem, ...]


def rejected_element(index: int, error: ZsQualityError) -> RejectedElement:
    """The answer for the element at ``index`` that ``error`` refused."""
    return RejectedElement(
        index=index, error="; ".join(str(p) for p in error.problems), problems=error.problems
    )


# --- The HTTP service's own documents -----------------------------------------------------------


@attrs.frozen(kw_only=True)
class ProblemDetails:
    """A refused request, as RFC 9457 problem details (``application/problem+json``).

    ``type`` names the kind of problem (``urn:zs-quality:problem:invalid-body`` ...), ``title``
    says it in words, ``status`` repeats the HTTP status, ``detail`` explains this occurrence and
    ``instance`` is the request's path. ``problems`` lists every fault found, each with its field
    path (in the body, or the parameter's name) and message, as the command line reports them.
    """

    type: str
    title: str
    status: int
    detail: str
    instance: str
    problems: tuple[Problem, ...]


class Origin(LabelledEnum):
    """Where the service found a ruleset or criteria set."""

    EMBEDDED = "embedded", "内置"
    RULESET_DIR = "ruleset_dir", "启动时从 --ruleset-dir 读入"


@attrs.frozen(kw_only=True)
class RulesetSummary:
    """A ruleset version the service can score with, named in requests by ``ref``
    (``ID@VERSION``)."""

    ref: str
    id: str
    version: str
    title: str
    status: RulesetStatus
    effective_from: Date
    effective_until: Date | None
    items: int
    origin: Origin


@attrs.frozen(kw_only=True)
class RulesetDetail:
    """One ruleset version with its items resolved (an amendment's base items included), and
    the TOML text it was read from."""

    ref: str
    id: str
    version: str
    title: str
    jurisdiction: str
    reference: str
    status: RulesetStatus
    effective_from: Date
    effective_until: Date | None
    submission_window_years: int
    extends: str | None
    removed: tuple[str, ...]
    note: str | None
    origin: Origin
    items: tuple[Item, ...]
    toml: str


def _of(cls: type[T], source: object, **own: object) -> T:
    """A ``cls`` whose fields are ``source``'s attributes of the same names, but for ``own``."""
    names = [f.name for f in attrs.fields(cls)]  # type: ignore[arg-type]  # cls is an attrs class
    shared = {name: getattr(source, name) for name in names if name not in own}
    return cls(**shared, **own)


def ruleset_summary(ruleset: Ruleset, origin: Origin) -> RulesetSummary:
    """The list entry of ``ruleset``."""
    return _of(
        RulesetSummary, ruleset, ref=str(ruleset.ref), items=len(ruleset.items), origin=origin
    )


def ruleset_detail(ruleset: Ruleset, origin: Origin, toml: str) -> RulesetDetail:
    """The full document of ``ruleset`` (items resolved), read from the TOML text ``toml``."""
    return _of(
        RulesetDetail,
        ruleset,
        ref=str(ruleset.ref),
        items=tuple(ruleset.items.values()),
        origin=origin,
        toml=toml,
    )


@attrs.frozen(kw_only=True)
class RulesetCheck:
    """A ruleset file checked: valid or not; when valid, what it is (``ref``, ``status``, how
    many items, which carry *assumed* values); when not, every fault with its key path."""

    valid: bool
    ref: str | None
    status: RulesetStatus | None
    items: int | None
    assumed: tuple[str, ...]
    problems: tuple[Problem, ...]


def ruleset_check(ruleset: Ruleset | None, error: ZsQualityError | None = None) -> RulesetCheck:
    """The check of a file that gave ``ruleset``, or that ``error`` refused."""
    if ruleset is None:
        assert error is not None, "a refused file has its error"
        return RulesetCheck(
            valid=False, ref=None, status=None, items=None, assumed=(), problems=error.problems
        )
    return RulesetCheck(
        valid=True,
        ref=str(ruleset.ref),
        status=ruleset.status,
        items=len(ruleset.items),
        assumed=tuple(sorted(code for code, item in ruleset.items.items() if item.assumed)),
        problems=(),
    )


@attrs.frozen(kw_only=True)
class Health:
    """The service is up: its version and how many rulesets and criteria sets it serves."""

    status: str
    version: str
    rulesets: int
    criteria: int
