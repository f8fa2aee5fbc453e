"""Scoring many submissions as a stream: results come out as submissions go in.

Nothing is dropped silently: every submission read yields either an
:class:`~zs_quality.rules.integrity.IntegrityResult` or a :class:`Rejected` carrying its position
and the error, and :class:`BatchCounts` keeps ``scored + rejected == read``. A batch is one
population: an enterprise whose code was already scored is rejected, naming the line it was first
seen on (:mod:`zs_quality.uscc_index`).

:func:`score_many` scores any iterable of submissions; :func:`score_file` and :func:`score_jsonl`
read a JSON Lines file and, with ``jobs`` above 1, spread it over worker processes (results still
in input order). None of them holds more than a few thousand submissions in memory.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from typing import IO, Any, TypeVar

import attrs

from zs_quality.convert import structure
from zs_quality.dates import Date, as_date, iso_date
from zs_quality.errors import ZsQualityError, join_path
from zs_quality.io.jsonio import Line, dumps, read_json_or_lines, string_json
from zs_quality.model.enterprise import Enterprise
from zs_quality.model.ruleset import Ruleset, RulesetHistory, RulesetRef
from zs_quality.model.submission import Submission
from zs_quality.parallel import ordered_map
from zs_quality.reading import DEFAULT_ENCODING, display_name
from zs_quality.rules.integrity import (
    IntegrityResult,
    IntegrityRule,
    Outcome,
    RecordResult,
    score_integrity,
)
from zs_quality.uscc_index import USCCIndex, repeated_uscc

__all__ = [
    "BatchCounts",
    "Rejected",
    "Render",
    "jsonl_line",
    "rejected_data",
    "result_data",
    "score_file",
    "score_jsonl",
    "score_lines",
    "score_many",
    "score_one",
]

R = TypeVar("R")


@attrs.frozen
class Rejected:
    """A submission that could not be scored: its 1-based ``position`` (the line number, for
    files) and the error that says why."""

    position: int
    error: ZsQualityError


@attrs.define
class BatchCounts:
    """Running counts of a batch; ``scored + rejected == read`` at every step."""

    read: int = 0
    scored: int = 0
    rejected: int = 0

    def add(self, outcome: object) -> None:
        """Count one outcome: a :class:`Rejected`, or anything else for a scored submission (a
        result, or its rendered form)."""
        self.read += 1
        if isinstance(outcome, Rejected):
            self.rejected += 1
        else:
            self.scored += 1


def _ref_data(ref: RulesetRef | None) -> dict[str, str] | None:
    return None if ref is None else {"id": ref.id, "version": ref.version}


def result_data(result: IntegrityResult) -> dict[str, Any]:
    """The JSON form of one result: the same data as ``unstructure(result)``, built directly
    because a batch writes millions of them and the generic path is several times slower."""
    return {
        "uscc": str(result.uscc),
        "as_of": result.as_of.isoformat(),
        "ruleset": _ref_data(result.ruleset),
        "total": str(result.total),
        "records": [
            {
                "id": r.id,
                "item": r.item,
                "outcome": r.outcome.value,
                "awarded": str(r.awarded),
                "effective_from": None
                if r.effective_from is None
                else r.effective_from.isoformat(),
                "valid_until": None if r.valid_until is None else r.valid_until.isoformat(),
                "filing_deadline": None
                if r.filing_deadline is None
                else r.filing_deadline.isoformat(),
                "ruleset": _ref_data(r.ruleset),
                "rule": r.rule,
                "reason_zh": r.reason_zh,
                "reason_en": r.reason_en,
            }
            for r in result.records
        ],
        "trace": result.trace,
    }


def jsonl_line(result: IntegrityResult) -> str:
    """One result as a line of JSON Lines (with its newline): ``dumps(result_data(result))``,
    byte for byte, written straight from the result. A batch writes millions of lines, and
    building the dicts and encoding them costs nearly twice as long; each text is encoded as
    json.dumps encodes it (:func:`~zs_quality.io.jsonio.string_json`), and dates and Decimals
    are ASCII digits and signs that need no escape. tests/test_batch.py compares the two."""
    records = ", ".join(map(_record_json, result.records))
    line = (
        f'{{"uscc": {string_json(str(result.uscc))}, "as_of": "{result.as_of.isoformat()}", '
        f'"ruleset": {_ref_json(result.ruleset)}, "total": "{result.total!s}", '
        f'"records": [{records}], "trace": {string_json(result.trace)}}}\n'
    )
    # The three characters some readers take for line ends are escaped (see dumps).
    if "\x85" not in line and "\u2028" not in line and "\u2029" not in line:
        return line
    return dumps(result_data(result)) + "\n"


def _record_json(r: RecordResult) -> str:
    # str(), and a dict for the enums: an f-string formats a Decimal, and .value reads an enum
    # member's value, through Python code, several times slower.
    dates = _DATE_JSON
    return (
        f'{{"id": {string_json(r.id)}, "item": {string_json(r.item)}, '
        f'"outcome": "{_VALUES[r.outcome]}", "awarded": "{r.awarded!s}", '
        f'"effective_from": {dates[r.effective_from]}, "valid_until": {dates[r.valid_until]}, '
        f'"filing_deadline": {dates[r.filing_deadline]}, "ruleset": {_ref_json(r.ruleset)}, '
        f'"rule": "{_VALUES[r.rule]}", "reason_zh": {string_json(r.reason_zh)}, '
        f'"reason_en": {string_json(r.reason_en)}}}'
    )


_VALUES: dict[Outcome | IntegrityRule, str] = {m: m.value for m in (*Outcome, *IntegrityRule)}


class _DateJSON(dict[Date | None, str]):
    """Each date's JSON, written once: a batch's results hold a few thousand distinct dates.
    Cleared when it holds many more, so that no input makes it grow without bound."""

    def __missing__(self, day: Date | None) -> str:
        if len(self) > 16384:
            self.clear()
        text = self[day] = "null" if day is None else f'"{iso_date(day)}"'
        return text


_DATE_JSON = _DateJSON()


# A batch cites one or two ruleset versions: each one's JSON is written once.
@functools.lru_cache(maxsize=64)
def _ref_json(ref: RulesetRef | None) -> str:
    return "null" if ref is None else dumps(_ref_data(ref))


def rejected_data(rejected: Rejected) -> dict[str, Any]:
    """The JSON form of a rejected submission: where it was and every problem found."""
    error = rejected.error
    return {
        "line": rejected.position,
        "file": error.file,
        "error": str(error),
        "problems": error.problems_data(),
    }


def score_one(
    submission: Submission | Mapping[str, Any],
    rules: Ruleset | RulesetHistory,
    as_of: Date,
    *,
    position: int,
    file: str | None = None,
    path: str = "",
) -> IntegrityResult | Rejected:
    """Score one submission (a model or JSON-ready data); a bad one becomes :class:`Rejected`.
    ``path`` places the submission in its file (``[3]`` for an array's fourth element)."""
    try:
        model = (
            submission
            if isinstance(submission, Submission)
            else structure(submission, Submission, file=file, line=position)
        )
        return score_integrity(model, rules, as_of)
    except ZsQualityError as exc:
        return Rejected(position, exc.located(file=file, line=position, path=path))


def _once(
    outcome: IntegrityResult | Rejected,
    seen: USCCIndex,
    *,
    position: int,
    file: str | None,
    path: str,
) -> IntegrityResult | Rejected:
    if isinstance(outcome, Rejected):
        return outcome
    first = seen.first(outcome.uscc, position)
    return outcome if first is None else _repeated(outcome.uscc, first, position, file, path)


def _repeated(code: object, first: int, position: int, file: str | None, path: str) -> Rejected:
    where = join_path(path, "enterprise.uscc")
    return Rejected(position, repeated_uscc(str(code), first, file=file, line=position, path=where))


def score_many(
    submissions: Iterable[Submission | Mapping[str, Any]],
    rules: Ruleset | RulesetHistory,
    as_of: Date | str,
    *,
    counts: BatchCounts | None = None,
) -> Iterator[IntegrityResult | Rejected]:
    """Score each submission lazily, in input order; positions are 1-based. An enterprise
    already scored is :class:`Rejected` (a population lists each enterprise once).

    Pass a :class:`BatchCounts` to have it kept up to date as results are consumed.
    """
    day = as_date(as_of)
    seen = USCCIndex()
    for position, submission in enumerate(submissions, start=1):
        outcome = score_one(submission, rules, day, position=position)
        outcome = _once(outcome, seen, position=position, file=None, path="")
        if counts is not None:
            counts.add(outcome)
        yield outcome


def score_lines(
    lines: Iterable[Line],
    rules: Ruleset | RulesetHistory,
    as_of: Date,
    *,
    file: str,
    seen: USCCIndex | None = None,
) -> Iterator[IntegrityResult | Rejected]:
    """Score each line read from a file (parsed or not); a line that is not JSON is
    :class:`Rejected` too, at its line number. With ``seen``, an enterprise already in it is
    rejected as listed twice (:func:`score_file` checks so across worker processes too)."""
    outcomes = _scored(lines, rules, as_of, file, _as_is)
    if seen is not None:
        yield from _each_once(outcomes, seen, file)
        return
    for outcome in outcomes:
        yield outcome if isinstance(outcome, Rejected) else outcome[3]


def _as_is(result: IntegrityResult) -> IntegrityResult:
    return result


def _each_once(outcomes: Iterable[_Scored | Rejected], seen: USCCIndex, file: str) -> Iterator[Any]:
    """The rendered results, an enterprise already in ``seen`` rejected as listed twice."""
    for outcome in outcomes:
        if isinstance(outcome, Rejected):
            yield outcome
            continue
        code, number, where, rendered = outcome
        first = seen.first(code, number)
        yield rendered if first is None else _repeated(code, first, number, file, where)


Render = Callable[[IntegrityResult], R] | Callable[[IntegrityResult, Enterprise], R]
"""How :func:`score_file` renders a result: from the result alone, or (``named=True``) from the
result and the enterprise of its submission (the clerk formats show its name, town and category)."""

# What each worker process scores with, set once by _start_worker.
_worker: tuple[Ruleset | RulesetHistory, Date, str, Any, bool] | None = None


def _start_worker(
    rules: Ruleset | RulesetHistory, as_of: Date, file: str, render: Any, named: bool
) -> None:
    global _worker
    _worker = (rules, as_of, file, render, named)


def _packed(line: Line) -> Line | tuple[int, str]:
    # An unparsed line travels to the worker as a plain tuple: pickling a tuple costs a tenth of
    # pickling the attrs object, and the main process does this for every line.
    return line if line.text is None or line.path else (line.number, line.text)


# What a worker returns for a scored submission: its code, line and path (the main process checks
# that no enterprise comes twice) and the rendered result.
_Scored = tuple[str, int, str, Any]


def _submission(data: Any, file: str, number: int, path: str) -> Submission | Rejected:
    try:
        return structure(data, Submission, file=file, line=number)
    except ZsQualityError as exc:
        return Rejected(number, exc.located(file=file, line=number, path=path))


def _scored(
    lines: Iterable[Line],
    rules: Ruleset | RulesetHistory,
    as_of: Date,
    file: str,
    render: Any,
    named: bool = False,
) -> Generator[_Scored | Rejected, None, None]:
    for line in lines:
        parsed = line if line.text is None else line.parsed(file=file)
        if parsed.error is not None:
            yield Rejected(parsed.number, parsed.error)
            continue
        number, path = parsed.number, parsed.path
        data = _submission(parsed.data, file, number, path) if named else parsed.data
        if isinstance(data, Rejected):
            yield data
            continue
        outcome = score_one(data, rules, as_of, position=number, file=file, path=path)
        if isinstance(outcome, Rejected):
            yield outcome
        elif named:
            yield (outcome.uscc.value, number, path, render(outcome, data.enterprise))
        else:
            yield (outcome.uscc.value, number, path, render(outcome))


def _score_chunk(items: list[Line | tuple[int, str]]) -> list[_Scored | Rejected]:
    assert _worker is not None, "the pool initializer sets the worker state"
    rules, as_of, file, render, named = _worker
    lines = [i if isinstance(i, Line) else Line(i[0], text=i[1]) for i in items]
    return list(_scored(lines, rules, as_of, file, render, named))


def score_file(
    path: str,
    rules: Ruleset | RulesetHistory,
    as_of: Date | str,
    render: Render[R],
    *,
    jobs: int = 1,
    encoding: str = DEFAULT_ENCODING,
    named: bool = False,
) -> Generator[R | Rejected, None, None]:
    """Score every submission in a JSON Lines (or JSON) file, or ``-`` for standard input, in
    input order: each result passed through ``render``, each bad submission as :class:`Rejected`.
    The file is read as ``encoding`` (see :func:`~zs_quality.io.jsonio.read_json_or_lines`).

    With ``jobs`` above 1 the lines are parsed, scored and rendered in that many worker processes;
    ``render`` must then be a module-level function, and what it returns is sent back pickled
    (text is cheapest). With ``named``, ``render`` is called with the result and the enterprise
    of its submission. Memory stays constant either way, but for the codes already seen
    (:class:`~zs_quality.uscc_index.USCCIndex`: at most 48 bytes an enterprise).
    """
    day = as_date(as_of)
    name = display_name(path)
    if jobs == 1:
        outcomes: Generator[_Scored | Rejected, None, None] = _scored(
            read_json_or_lines(path, encoding=encoding), rules, day, name, render, named
        )
    else:
        outcomes = ordered_map(
            _score_chunk,
            map(_packed, read_json_or_lines(path, parse=False, encoding=encoding)),
            jobs=jobs,
            initializer=_start_worker,
            initargs=(rules, day, name, render, named),
        )
    try:
        yield from _each_once(outcomes, USCCIndex(), name)
    finally:
        outcomes.close()  # stops the workers (and closes the file) when the caller stops early


def score_jsonl(
    path: str,
    out: IO[str],
    rules: Ruleset | RulesetHistory,
    as_of: Date | str,
    *,
    jobs: int = 1,
    errors: IO[str] | None = None,
    encoding: str = DEFAULT_ENCODING,
) -> BatchCounts:
    """JSON Lines in, JSON Lines out: write each result to ``out`` and each rejected submission
    (when ``errors`` is given) to ``errors``, in input order; returns the counts."""
    counts = BatchCounts()
    for outcome in score_file(path, rules, as_of, jsonl_line, jobs=jobs, encoding=encoding):
        counts.add(outcome)
        if isinstance(outcome, Rejected):
            if errors is not None:
                errors.write(dumps(rejected_data(outcome)) + "\n")
        else:
            out.write(outcome)
    return counts
