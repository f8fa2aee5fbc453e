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
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs

from zs_quality.convert import structure
from zs_quality.dates import Date
from zs_quality.errors import InputError, ZsQualityError
from zs_quality.policy.criteria import DEFAULT_CRITERIA, load_criteria
from zs_quality.io.jsonio import Line, read_json_or_lines
from zs_quality.io.registry import EnterpriseRegistry, parse_registry, read_registry
from zs_quality.io.tables import TableReader, read_policy_file
from zs_quality.model.labels import LabelledEnum, choices
from zs_quality.model.submission import Submission
from zs_quality.model.titles import Candidate, TitleLevel
from zs_quality.rules.cqo import CoverageFigure, CoverageReport, coverage
from zs_quality.rules.integrity import IntegrityResult, Outcome, score_integrity
from zs_quality.rules.titles import assess_title, highest_eligible_level
from zs_quality.policy.rulesets import load_history

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


def _figure(table: TableReader, prefix: str, expect: dict[str, object]) -> None:
    for key in ("total", "covered"):
        if table.has(key):
            expect[f"{prefix}.{key}"] = table.integer(key, minimum=0)
    if table.has("rate"):
        expect[f"{prefix}.rate"] = table.decimal("rate")
    if not table.data:
        table.fault("", "expect at least one of total, covered, rate")
    table.finish()


def _by_id(
    table: TableReader, key: str, read: Callable[[TableReader, str], object]
) -> dict[str, object]:
    sub = table.table(key, required=False)
    if sub is None:
        return {}
    return {f"{key}.{name}": read(sub, name) for name in sub.data}


def _integrity_expect(table: TableReader) -> dict[str, object]:
    expect: dict[str, object] = {}
    if table.has("total"):
        expect["total"] = table.decimal("total")
    expect |= _by_id(table, "outcomes", lambda t, k: t.choice(k, Outcome))
    expect |= _by_id(table, "awarded", lambda t, k: t.decimal(k))
    expect |= _by_id(table, "valid_until", lambda t, k: t.date(k))
    return expect


def _title_expect(table: TableReader, level: TitleLevel | None) -> dict[str, object]:
    expect: dict[str, object] = {}
    if table.has("eligible"):
        expect["eligible"] = table.boolean("eligible")
    missing = table.strings("missing")
    if missing is not None:
        expect["missing"] = tuple(sorted(missing))
    for key in ("eligible", "missing"):
        if key in table.data and level is None:
            table.fault(key, "needs the case's level")
    highest = table.text("highest_level", required=False)
    if highest is not None:
        if highest != _NONE and highest not in {t.value for t in TitleLevel}:
            table.fault(
                "highest_level", f"{highest!r} is not one of: {_NONE}, {choices(TitleLevel)}"
            )
        expect["highest_level"] = highest
    return expect


def _coverage_expect(table: TableReader) -> dict[str, object]:
    expect: dict[str, object] = {}
    for key in _HEADLINES:
        figure = table.table(key, required=False)
        if figure is not None:
            _figure(figure, key, expect)
    for key in _BREAKDOWNS:
        groups = table.table(key, required=False)
        for group in () if groups is None else groups.data:
            assert groups is not None
            figure = groups.table(group)
            if figure is not None:
                _figure(figure, f"{key}.{group}", expect)
    uncovered = table.strings("uncovered")
    if uncovered is not None:
        expect["uncovered"] = tuple(sorted(uncovered))
    if table.has("bad_lines"):
        lines = table.data["bad_lines"]
        if isinstance(lines, list) and all(type(n) is int for n in lines):
            expect["bad_lines"] = tuple(sorted(lines))
        else:
            table.fault("bad_lines", f"expected a list of line numbers, got {lines!r}")
    return expect


def _rulesets(case: TableReader, kind: ScenarioKind | None, folder: Path) -> tuple[str, ...]:
    if kind is not ScenarioKind.INTEGRITY:
        if case.has("ruleset"):
            case.fault("ruleset", "only integrity cases name a ruleset")
        return ()
    raw = case.data.get("ruleset")
    refs = case.strings("ruleset", required=True) if isinstance(raw, list) else None
    if refs is None:
        one = case.text("ruleset")
        refs = [] if one is None else [one]
    # A path is read relative to the scenario file; an embedded ID or ID@VERSION as it is.
    return tuple(str(folder / r) if r.endswith(".toml") else r for r in refs)


def _criteria(case: TableReader, kind: ScenarioKind | None, folder: Path) -> str | None:
    if kind is not ScenarioKind.TITLE:
        for key in ("criteria", "level"):
            if case.has(key):
                case.fault(key, "only title cases name criteria and a level")
        return None
    ref = case.text("criteria", required=False) or DEFAULT_CRITERIA
    return str(folder / ref) if ref.endswith(".toml") else ref


def _case(table: TableReader, file: str) -> Case | None:
    folder = Path(file).parent
    name = table.text("name")
    kind = table.choice("kind", ScenarioKind)
    refs = _rulesets(table, kind, folder)
    criteria = _criteria(table, kind, folder)
    level = table.choice("level", TitleLevel, required=False) if criteria else None
    as_of = table.date("as_of")
    table.text("note", required=False)
    data: Any = None
    if table.has("input"):
        data = table.data["input"]
        if isinstance(data, str):
            data = folder / data
        elif not isinstance(data, Mapping | list):
            table.fault("input", "expected a table, an array of tables, or a file path")
    else:
        table.fault("input", "required key is missing")
    expect_table = table.table("expect")
    expect: dict[str, object] = {}
    error = None
    if expect_table is not None and kind is ScenarioKind.COVERAGE:
        expect = _coverage_expect(expect_table)
    elif expect_table is not None and kind is not None:
        if kind is ScenarioKind.INTEGRITY:
            expect = _integrity_expect(expect_table)
        else:
            expect = _title_expect(expect_table, level)
        error = expect_table.text("error", required=False)
        if error is not None and expect:
            expect_table.fault("error", "a case that expects an error expects nothing else")
    if expect_table is not None:
        if kind is not None and not expect and error is None:
            expect_table.fault("", "expect at least one field")
        expect_table.finish()
    table.finish()
    if name is None or kind is None or as_of is None or expect_table is None:
        return None
    return Case(
        file=file,
        name=name,
        kind=kind,
        rulesets=refs,
        criteria=criteria,
        level=level,
        as_of=as_of,
        input=data,
        expect=expect,
        expect_error=error,
    )


def _case_label(table: Mapping[str, Any]) -> str:
    name = table.get("name")
    return name if isinstance(name, str) else ""


def load_scenarios(path: str | Path) -> tuple[Case, ...]:
    """Read and check a scenario file; any fault raises :class:`RulesetError` (file, key path)."""
    file = str(path)

    def build(root: TableReader) -> tuple[Case, ...]:
        schema = root.integer("schema")
        if schema is not None and schema != SCHEMA:
            root.fault("schema", f"this library reads schema {SCHEMA}, not {schema}")
        root.text("title", required=False)
        root.text("reference", required=False)
        root.text("note", required=False)
        cases = [_case(t, file) for t in root.tables("cases", label=_case_label)]
        names: set[str] = set()
        for index, case in enumerate(cases):
            if case is not None and case.name in names:
                root.fault(f"cases[{index}].name", f"another case is named {case.name!r}")
            if case is not None:
                names.add(case.name)
        return tuple(c for c in cases if c is not None)

    return read_policy_file(path, build)


# --- Running ----------------------------------------------------------------------------------


def _where(case: Case) -> str:
    return f"{case.file}: cases[{case.name}].input"


def _read_input(case: Case, model: type[T]) -> T:
    """The case's input as one ``model``: inline, or the one record of a JSON (Lines) file."""
    if isinstance(case.input, Path):
        lines = list(read_json_or_lines(str(case.input)))
        if len(lines) != 1:
            raise InputError(f"expected one record, found {len(lines)}", file=str(case.input))
        if lines[0].error is not None:
            raise lines[0].error
        return structure(lines[0].data, model, file=str(case.input), line=lines[0].number)
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
        return read_registry(str(case.input))
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
    criteria = load_criteria(case.criteria)
    facts: dict[str, object] = {}
    if case.level is not None:
        assessment = assess_title(candidate, criteria, case.level, case.as_of)
        facts["eligible"] = assessment.eligible
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
    rules = load_history(case.rulesets) if case.kind is ScenarioKind.INTEGRITY else None
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


def run_paths(paths: Iterable[str | Path]) -> list[CaseResult]:
    """Read every scenario file of ``paths`` (see :func:`scenario_files`), then run each case.

    Every file is read before any case runs, so that a malformed file stops the run at once.
    """
    cases = [case for file in scenario_files(paths) for case in load_scenarios(file)]
    return [run_case(case) for case in cases]


def format_result(result: CaseResult) -> str:
    """A failing case as text: the file and case, then one line per mismatch (or the error)."""
    head = f"FAIL {result.file}: {result.name}"
    lines = [f"  error: {result.error}"] if result.error else []
    lines += [f"  {m}" for m in result.mismatches]
    return "\n".join([head, *lines])
