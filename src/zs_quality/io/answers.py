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

import attrs

from zs_quality.convert import unstructure
from zs_quality.dates import Date
from zs_quality.errors import InputError, Problem, USCCError, ZsQualityError
from zs_quality.model.enterprise import Sector
from zs_quality.model.size import SizeTier
from zs_quality.model.uscc import USCC
from zs_quality.rules.coverage import CoverageFigure, CoverageReport, EnterpriseCoverage

__all__ = [
    "CodeCheck",
    "CoverageDocument",
    "CoverageRow",
    "LineError",
    "RejectedElement",
    "code_check",
    "coverage_document",
    "rejected_element",
    "report_json",
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


def line_error(error: ZsQualityError, *, index: int | None = None) -> LineError:
    """The document of one unreadable line (or element, at ``index``)."""
    return LineError(file=error.file, line=error.line, index=index, problems=error.problems)


def coverage_document(report: CoverageReport, errors: Iterable[LineError] = ()) -> CoverageDocument:
    """The coverage document of ``report`` and the registry's unreadable lines."""
    return CoverageDocument(
        as_of=report.as_of,
        above_designated_manufacturing=report.above_designated_manufacturing,
        large_medium_manufacturing=report.large_medium_manufacturing,
        by_size=report.by_size,
        by_sector=report.by_sector,
        by_town=report.by_town,
        trained_cqos=report.trained_cqos,
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
