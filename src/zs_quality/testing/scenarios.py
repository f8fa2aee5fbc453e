"""Scenario files: policy cases written as TOML data, and the runner that checks them.

A scenario file holds ``[[cases]]``; each case names its ``kind`` (``integrity`` or
``coverage``), the ruleset (integrity), the evaluation day ``as_of``, the ``input`` (inline, or a
JSON / JSON Lines file relative to the scenario file) and what to ``expect``. The format is in
``docs/testing.md``. :func:`run_paths` is pure of output: it returns one :class:`CaseResult` per
case, and ``zs-quality test`` prints them. A malformed scenario file (a syntax error, an unknown
key, a wrong type) raises :class:`~zs_quality.errors.RulesetError` naming the file and key path.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, ClassVar, TypeVar

import attrs

from zs_quality.api import coverage
from zs_quality.convert import structure
from zs_quality.dates import Date
from zs_quality.errors import InputError, Problem, ZsQualityError, join_path
from zs_quality.io.jsonio import Line, read_one
from zs_quality.io.registry import EnterpriseRegistry, parse_registry, read_registry
from zs_quality.model.labels import LabelledEnum, choices
from zs_quality.model.submission import Submission
from zs_quality.model.titles import Candidate, TitleLevel
from zs_quality.policy.criteria import DEFAULT_CRITERIA, load_criteria
from zs_quality.policy.decode import AtLeast, Supported, decode, policy_converter
from zs_quality.policy.rulesets import load_history
from zs_quality.policy.toml import parse_toml, read_text
from zs_quality.reading import DEFAULT_ENCODING
from zs_quality.rules.coverage import CoverageFigure, CoverageReport
from zs_quality.rules.integrity import IntegrityResult, Outcome, score_integrity
from zs_quality.rules.titles import Verdict, assess_title, highest_eligible_level

__all__ = [
    "SCHEMA",
    "Case",
    "CaseResult",
    "Mismatch",
    "ScenarioKind",
    "format_result",
    "load_scenarios",
    "run_case",
    "run_paths",
    "scenario_files",
]

SCHEMA = 1
"""The scenario file format this version of the library reads."""

T = TypeVar("T")

_NONE = "none"  # a highest level of none: the candidate may apply for no level
_HEADLINES = ("above_designated_manufacturing", "large_medium_manufacturing", "trained_cqos")
_BREAKDOWNS = ("by_size", "by_sector", "by_town")


class ScenarioKind(LabelledEnum):
    """What a case checks."""

    INTEGRITY = "integrity", "诚信加分"
    COVERAGE = "coverage", "首席质量官覆盖率"
    TITLE = "title", "职称评价"


@attrs.frozen(kw_only=True)
class Case:
    """One case of a scenario file, read and checked.

    ``expect`` maps each field path (``outcomes.r1``, ``by_size.large.rate``) to its expected
    value; ``expect_error`` is the field path an input error must name, when the case expects
    the input to be refused.
    """

    file: str
    name: str
    kind: ScenarioKind
    rulesets: tuple[str, ...]
    criteria: str | None
    level: TitleLevel | None
    as_of: Date
    input: Any
    expect: Mapping[str, object]
    expect_error: str | None = None
    encoding: str = DEFAULT_ENCODING


@attrs.frozen
class Mismatch:
    """A field whose actual value differs from the expected one."""

    field: str
    expected: object
    actual: object

    def __str__(self) -> str:
        return f"{self.field}: expected {_show(self.expected)}, got {_show(self.actual)}"


@attrs.frozen(kw_only=True)
class CaseResult:
    """The result of one case: passed when there is neither a mismatch nor an error."""

    file: str
    name: str
    mismatches: tuple[Mismatch, ...] = ()
    error: str | None = None

    @property
    def passed(self) -> bool:
        """Whether every expected field matched and the case ran."""
        return not self.mismatches and self.error is None


class _Absent:
    """The actual value of a field the result does not have."""

    def __repr__(self) -> str:
        return "(no such field)"


ABSENT = _Absent()


def _show(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, LabelledEnum):
        return str(value.value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, str | _Absent):
        return repr(value)
    return str(value)


# --- Reading ----------------------------------------------------------------------------------

Count = Annotated[int, AtLeast(0)]


@attrs.frozen(kw_only=True)
class FigureTable:
    """An expected coverage figure: any of ``total``, ``covered`` and ``rate``."""

    total: Count | None = None
    covered: Count | None = None
    rate: Decimal | None = None

    @staticmethod
    def check(_values: Mapping[str, Any], table: Mapping[str, Any]) -> Iterator[Problem]:
        if not table:
            yield Problem("", "expect at least one of total, covered, rate")


def _figure_expect(prefix: str, figure: FigureTable | None) -> dict[str, object]:
    if figure is None:
        return {}
    fields = attrs.asdict(figure, recurse=False).items()
    return {f"{prefix}.{k}": v for k, v in fields if v is not None}


def _by_id(key: str, values: Mapping[str, object]) -> dict[str, object]:
    return {f"{key}.{name}": value for name, value in values.items()}


@attrs.frozen(kw_only=True)
class IntegrityExpect:
    """What an integrity case expects: the total and, by record id, outcomes, points and
    validity; or the field path of the input error."""

    total: Decimal | None = None
    outcomes: Mapping[str, Outcome] = attrs.field(factory=dict)
    awarded: Mapping[str, Decimal] = attrs.field(factory=dict)
    valid_until: Mapping[str, Date] = attrs.field(factory=dict)
    error: str | None = None

    def fields(self) -> dict[str, object]:
        expect: dict[str, object] = {} if self.total is None else {"total": self.total}
        for key in ("outcomes", "awarded", "valid_until"):
            expect |= _by_id(key, getattr(self, key))
        return expect


@attrs.frozen(kw_only=True)
class TitleExpect:
    """What a title case expects: eligibility, the verdict (which says whether the level is
    completely transcribed) and what is missing at the case's level, the highest level (or
    ``none``); or the field path of the input error."""

    eligible: bool | None = None
    verdict: Verdict | None = None
    missing: tuple[str, ...] | None = None
    highest_level: str | None = None
    error: str | None = None

    @staticmethod
    def check(values: Mapping[str, Any], _table: Mapping[str, Any]) -> Iterator[Problem]:
        highest = values.get("highest_level")
        if (
            highest is not None
            and highest != _NONE
            and highest not in {t.value for t in TitleLevel}
        ):
            yield Problem(
                "highest_level", f"{highest!r} is not one of: {_NONE}, {choices(TitleLevel)}"
            )

    def fields(self) -> dict[str, object]:
        expect: dict[str, object] = {}
        if self.eligible is not None:
            expect["eligible"] = self.eligible
        if self.verdict is not None:
            expect["verdict"] = self.verdict.value
        if self.missing is not None:
            expect["missing"] = tuple(sorted(self.missing))
        if self.highest_level is not None:
            expect["highest_level"] = self.highest_level
        return expect


@attrs.frozen(kw_only=True)
class CoverageExpect:
    """What a coverage case expects: headline figures, breakdowns, the uncovered enterprises and
    the registry's bad lines."""

    above_designated_manufacturing: FigureTable | None = None
    large_medium_manufacturing: FigureTable | None = None
    trained_cqos: FigureTable | None = None
    by_size: Mapping[str, FigureTable] = attrs.field(factory=dict)
    by_sector: Mapping[str, FigureTable] = attrs.field(factory=dict)
    by_town: Mapping[str, FigureTable] = attrs.field(factory=dict)
    uncovered: tuple[str, ...] | None = None
    bad_lines: tuple[int, ...] | None = None

    def fields(self) -> dict[str, object]:
        expect: dict[str, object] = {}
        for key in _HEADLINES:
            expect |= _figure_expect(key, getattr(self, key))
        for key in _BREAKDOWNS:
            for group, figure in getattr(self, key).items():
                expect |= _figure_expect(f"{key}.{group}", figure)
        for key in ("uncovered", "bad_lines"):
            if getattr(self, key) is not None:
                expect[key] = tuple(sorted(getattr(self, key)))
        return expect


_EXPECT: dict[ScenarioKind, type[IntegrityExpect | TitleExpect | CoverageExpect]] = {
    ScenarioKind.INTEGRITY: IntegrityExpect,
    ScenarioKind.TITLE: TitleExpect,
    ScenarioKind.COVERAGE: CoverageExpect,
}


def _kind_faults(kind: ScenarioKind | None, table: Mapping[str, Any]) -> Iterator[Problem]:
    if kind is not ScenarioKind.INTEGRITY and "ruleset" in table:
        yield Problem("ruleset", "only integrity cases name a ruleset")
    if kind is ScenarioKind.INTEGRITY and "ruleset" not in table:
        yield Problem("ruleset", "required key is missing")
    if kind is not ScenarioKind.TITLE:
        for key in ("criteria", "level"):
            if key in table:
                yield Problem(key, "only title cases name criteria and a level")


def _ruleset_faults(ruleset: object) -> Iterator[Problem]:
    refs = ruleset if isinstance(ruleset, list) else [ruleset]
    for index, ref in enumerate(refs):
        if not isinstance(ref, str) or not ref.strip():
            where = f"ruleset[{index}]" if isinstance(ruleset, list) else "ruleset"
            yield Problem(where, f"expected non-empty text, got {ref!r}")


def _expect_faults(kind: ScenarioKind | None, table: Mapping[str, Any]) -> Iterator[Problem]:
    """The expectations, structured for the case's kind."""
    raw = table.get("expect")
    if kind is None or not isinstance(raw, Mapping):
        return
    if kind is ScenarioKind.TITLE and "level" not in table:
        for key in ("eligible", "missing"):
            if key in raw:
                yield Problem(f"expect.{key}", "needs the case's level")
    try:
        expect = policy_converter.structure(raw, _EXPECT[kind])
    except InputError as exc:
        yield from (Problem(join_path("expect", p.path), p.message) for p in exc.problems)
        return
    fields, error = expect.fields(), getattr(expect, "error", None)
    if error is not None and fields:
        yield Problem("expect.error", "a case that expects an error expects nothing else")
    if not fields and error is None:
        yield Problem("expect", "expect at least one field")


@attrs.frozen(kw_only=True)
class CaseTable:
    """A ``[[cases]]`` table; ``expect`` is read by the case's kind."""

    LABEL: ClassVar[str] = "name"

    name: str
    kind: ScenarioKind
    ruleset: Any = None
    criteria: str | None = None
    level: TitleLevel | None = None
    as_of: Date
    note: str | None = None
    input: Any
    expect: Mapping[str, Any]

    @staticmethod
    def check(values: Mapping[str, Any], table: Mapping[str, Any]) -> Iterator[Problem]:
        yield from _kind_faults(values.get("kind"), table)
        if "ruleset" in table:
            yield from _ruleset_faults(table["ruleset"])
        data = table.get("input")
        if "input" in table and not isinstance(data, str | Mapping | list):
            yield Problem("input", "expected a table, an array of tables, or a file path")
        yield from _expect_faults(values.get("kind"), table)

    @staticmethod
    def build(values: Mapping[str, Any]) -> Case:
        kind: ScenarioKind = values["kind"]
        ruleset = values.get("ruleset")
        expect = policy_converter.structure(values["expect"], _EXPECT[kind])
        return Case(
            file="",
            name=values["name"],
            kind=kind,
            rulesets=tuple(ruleset if isinstance(ruleset, list) else [ruleset] if ruleset else []),
            criteria=(values.get("criteria") or DEFAULT_CRITERIA)
            if kind is ScenarioKind.TITLE
            else None,
            level=values.get("level"),
            as_of=values["as_of"],
            input=values["input"],
            expect=expect.fields(),
            expect_error=getattr(expect, "error", None),
        )


@attrs.frozen(kw_only=True)
class ScenarioFile:
    """A scenario file: ``schema``, a title, the documents it checks, and its cases."""

    schema: Annotated[int, Supported(SCHEMA)]
    title: str | None = None
    reference: str | None = None
    note: str | None = None
    cases: tuple[CaseTable, ...]

    @staticmethod
    def check(values: Mapping[str, Any], _table: Mapping[str, Any]) -> Iterator[Problem]:
        names: set[str] = set()
        for case in values.get("cases", ()):
            if case.name in names:
                yield Problem(f"cases[{case.name}].name", f"another case is named {case.name!r}")
            names.add(case.name)


def _placed(case: Case, file: str, encoding: str) -> Case:
    """A case read from ``file``: a path (a ruleset, criteria or input) is read relative to it, as
    ``encoding``; an embedded ID or ID@VERSION as it is."""
    folder = Path(file).parent

    def ref(name: str) -> str:
        return str(folder / name) if name.endswith(".toml") else name

    return attrs.evolve(
        case,
        file=file,
        rulesets=tuple(ref(r) for r in case.rulesets),
        criteria=None if case.criteria is None else ref(case.criteria),
        input=folder / case.input if isinstance(case.input, str) else case.input,
        encoding=encoding,
    )


def load_scenarios(path: str | Path, *, encoding: str = DEFAULT_ENCODING) -> tuple[Case, ...]:
    """Read and check a scenario file; any fault raises :class:`RulesetError` (file, key path).
    The file, and the files its cases name, are read as ``encoding`` (UTF-8 by default)."""
    file = str(path)
    data = parse_toml(read_text(path, encoding=encoding), file=file)
    scenario = decode(data, ScenarioFile, file=file)
    cases: tuple[Case, ...] = scenario.cases  # type: ignore[assignment]  # built by CaseTable.build
    return tuple(_placed(case, file, encoding) for case in cases)


# --- Running ----------------------------------------------------------------------------------


def _where(case: Case) -> str:
    return f"{case.file}: cases[{case.name}].input"


def _read_input(case: Case, model: type[T]) -> T:
    """The case's input as one ``model``: inline, or the one record of a JSON (Lines) file."""
    if isinstance(case.input, Path):
        record = read_one(case.input, encoding=case.encoding)
        file = str(case.input)
        return structure(record.data, model, file=file, line=record.number, path=record.path)
    return structure(case.input, model, file=_where(case))


def _integrity_facts(result: IntegrityResult) -> dict[str, object]:
    facts: dict[str, object] = {"total": result.total}
    for r in result.records:
        facts[f"outcomes.{r.id}"] = r.outcome
        facts[f"awarded.{r.id}"] = r.awarded
        facts[f"valid_until.{r.id}"] = r.valid_until
    return facts


def _registry(case: Case) -> EnterpriseRegistry:
    if isinstance(case.input, Path):
        return read_registry(str(case.input), encoding=case.encoding)
    rows = case.input if isinstance(case.input, list) else [case.input]
    lines = [Line(number, data) for number, data in enumerate(rows, start=1)]
    return parse_registry(lines, file=_where(case))


def _figure_facts(prefix: str, figure: CoverageFigure) -> dict[str, object]:
    return {
        f"{prefix}.total": figure.total,
        f"{prefix}.covered": figure.covered,
        f"{prefix}.rate": figure.rate,
    }


def _coverage_facts(report: CoverageReport, registry: EnterpriseRegistry) -> dict[str, object]:
    facts: dict[str, object] = {}
    for key in _HEADLINES:
        facts |= _figure_facts(key, getattr(report, key))
    for key in _BREAKDOWNS:
        for group, figure in getattr(report, key).items():
            facts |= _figure_facts(f"{key}.{group}", figure)
    facts["uncovered"] = tuple(sorted(str(r.enterprise.uscc) for r in report.uncovered))
    facts["bad_lines"] = tuple(sorted(e.line for e in registry.errors if e.line is not None))
    return facts


def _title_facts(case: Case, candidate: Candidate) -> dict[str, object]:
    assert case.criteria is not None
    criteria = load_criteria(case.criteria, encoding=case.encoding)
    facts: dict[str, object] = {}
    if case.level is not None:
        assessment = assess_title(candidate, criteria, case.level, case.as_of)
        facts["eligible"] = assessment.eligible
        facts["verdict"] = assessment.verdict.value
        facts["missing"] = tuple(sorted(m.where for m in assessment.missing))
    highest = highest_eligible_level(candidate, criteria, case.as_of)
    facts["highest_level"] = _NONE if highest is None else highest.value
    return facts


def _facts(case: Case) -> dict[str, object]:
    if case.kind is ScenarioKind.COVERAGE:
        registry = _registry(case)
        report = coverage(
            registry.enterprises, registry.appointments, case.as_of, trainings=registry.trainings
        )
        return _coverage_facts(report, registry)
    # Policy data first: a missing ruleset or criteria set is never the expected input error.
    rules = (
        load_history(case.rulesets, encoding=case.encoding)
        if case.kind is ScenarioKind.INTEGRITY
        else None
    )
    try:
        model = _read_input(case, Submission if rules is not None else Candidate)
    except InputError as exc:
        if case.expect_error is None:
            raise
        return {"error": tuple(p.path for p in exc.problems)}
    if isinstance(model, Submission) and rules is not None:
        return _integrity_facts(score_integrity(model, rules, case.as_of))
    assert isinstance(model, Candidate)
    return _title_facts(case, model)


def run_case(case: Case) -> CaseResult:
    """Run one case: compare each expected field with the actual result."""
    try:
        facts = _facts(case)
    except ZsQualityError as exc:
        return CaseResult(file=case.file, name=case.name, error=str(exc))
    if case.expect_error is not None:
        paths = facts.get("error", ())
        assert isinstance(paths, tuple)
        if case.expect_error in paths:
            return CaseResult(file=case.file, name=case.name)
        got = paths if paths else "no error"
        return CaseResult(
            file=case.file, name=case.name, mismatches=(Mismatch("error", case.expect_error, got),)
        )
    mismatches = tuple(
        Mismatch(key, expected, facts.get(key, ABSENT))
        for key, expected in case.expect.items()
        if facts.get(key, ABSENT) != expected
    )
    return CaseResult(file=case.file, name=case.name, mismatches=mismatches)


def scenario_files(paths: Iterable[str | Path]) -> list[Path]:
    """The scenario files named by ``paths``: a file as given, a folder's ``test_*.toml`` files
    (searched recursively, sorted). A folder with none is an :class:`InputError`."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            inside = sorted(path.rglob("test_*.toml"))
            if not inside:
                raise InputError("no scenario files (test_*.toml) in this folder", file=str(path))
            found += inside
        else:
            found.append(path)
    return found


def run_paths(paths: Iterable[str | Path], *, encoding: str = DEFAULT_ENCODING) -> list[CaseResult]:
    """Read every scenario file of ``paths`` (see :func:`scenario_files`), then run each case.

    Every file is read before any case runs, so that a malformed file stops the run at once.
    Files are read as ``encoding`` (UTF-8 by default).
    """
    files = scenario_files(paths)
    cases = [case for file in files for case in load_scenarios(file, encoding=encoding)]
    return [run_case(case) for case in cases]


def format_result(result: CaseResult) -> str:
    """A failing case as text: the file and case, then one line per mismatch (or the error)."""
    head = f"FAIL {result.file}: {result.name}"
    lines = [f"  error: {result.error}"] if result.error else []
    lines += [f"  {m}" for m in result.mismatches]
    return "\n".join([head, *lines])
