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
import itertools
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from typing import IO, Any, TypeVar, cast

import attrs

from zs_quality.convert import structure
from zs_quality.dates import Date, as_date, iso_date
from zs_quality.errors import ZsQualityError, join_path
from zs_quality.io.jsonio import (
    Line,
    dumps,
    read_block,
    read_json_or_blocks,
    read_json_or_lines,
    string_json,
)
from zs_quality.model.enterprise import Enterprise
from zs_quality.model.ruleset import Ruleset, RulesetHistory, RulesetRef
from zs_quality.model.submission import Submission
from zs_quality.parallel import chunked, ordered_chunks
from zs_quality.reading import DEFAULT_ENCODING, RawBlock, display_name
from zs_quality.rules.integrity import (
    IntegrityResult,
    IntegrityRule,
    Outcome,
    RecordResult,
    score_integrity,
)
from zs_quality.uscc_index import USCCIndex, repeated_uscc

__all__ = [
    "GROUP",
    "BatchCounts",
    "Joined",
    "Piece",
    "Rejected",
    "Render",
    "jsonl_line",
    "rejected_data",
    "result_data",
    "score_chunks",
    "score_file",
    "score_jsonl",
    "score_lines",
    "score_many",
    "score_one",
]

R = TypeVar("R")

GROUP = 32
"""How many submissions a batch takes at a time where nobody waits for each answer (a part of a
file, a file, lines already in memory): each step (reading, scoring, rendering) runs over the
whole group before the next starts. The interpreter then runs one step's code many times in a
row, nearly a tenth faster than every step for one submission before the next; larger groups
hold more objects at once and lose the gain (docs/performance.md, "Steps in groups")."""


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

    def add_scored(self, count: int) -> None:
        """Count ``count`` scored submissions at once (a chunk's results)."""
        self.read += count
        self.scored += count


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
        f'{{"uscc": {string_json(str(result.uscc))}, "as_of": "{iso_date(result.as_of)}", '
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
    model = (
        submission
        if isinstance(submission, Submission)
        else _submission(submission, file, position, path)
    )
    if isinstance(model, Rejected):
        return model
    try:
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
    group: int = 1,
) -> Iterator[IntegrityResult | Rejected]:
    """Score each line read from a file (parsed or not); a line that is not JSON is
    :class:`Rejected` too, at its line number. With ``seen``, an enterprise already in it is
    rejected as listed twice (:func:`score_file` checks so across worker processes too).

    The lines are taken ``group`` at a time (:data:`GROUP` is faster for lines nobody waits on);
    with 1, each line is answered before the next is taken, as a stream needs."""
    if group < 1:
        raise ValueError(f"group must be at least 1, not {group}")
    outcomes = _scored(lines, rules, as_of, file, _as_is, group=group)
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


@attrs.frozen
class Joined:
    """Consecutive results rendered as text and joined, encoded as UTF-8 (a lone surrogate, which
    no input can bring, written as its backslash escape): ``count`` results in one piece of
    ``data``, as ``score --jobs N --format jsonl`` writes them."""

    count: int
    data: bytes


Piece = Rejected | list[R] | Joined
"""A piece of a chunk of outcomes (:func:`score_chunks`): a rejected submission, or consecutive
results, each rendered (a list) or all joined (:class:`Joined`)."""


@attrs.frozen
class _ScoredChunk:
    """What a worker returns for a chunk of submissions: a few objects, whatever its size. Each
    scored submission's code, line number and path (``None`` when every path is empty), its
    rendered result (or all of them :class:`Joined`, with the offset where each result's text
    ends), and each rejected submission with the number of scored ones before it."""

    codes: list[str]
    numbers: list[int]
    paths: list[str] | None
    rendered: list[Any] | bytes
    ends: list[int]
    rejects: list[tuple[int, Rejected]]

    def run(self, start: int, stop: int) -> list[Any] | Joined:
        """The results from index ``start`` up to ``stop``, as one piece."""
        if isinstance(self.rendered, list):
            return self.rendered[start:stop]
        begin = self.ends[start - 1] if start else 0
        return Joined(stop - start, self.rendered[begin : self.ends[stop - 1]])

    def pieces(self, seen: USCCIndex, file: str) -> list[Piece[Any]]:
        """The chunk's outcomes in input order, an enterprise already in ``seen`` rejected as
        listed twice: as one piece when nothing in it was rejected, which is nearly always."""
        repeated = seen.first_of_each(self.codes, self.numbers)
        if not repeated and not self.rejects:
            return [self.run(0, len(self.codes))] if self.codes else []
        # A submission rejected by the worker comes before the result it precedes; a repeated
        # code takes its result's place.
        events: list[tuple[int, int, Any]] = [(i, 0, r) for i, r in self.rejects]
        events += [(i, 1, first) for i, first in repeated]
        events.sort(key=lambda event: event[:2])
        pieces: list[Piece[Any]] = []
        start = 0
        for index, kind, event in events:
            if index > start:
                pieces.append(self.run(start, index))
            if kind == 0:
                pieces.append(event)
                start = index
            else:
                path = "" if self.paths is None else self.paths[index]
                code, number = self.codes[index], self.numbers[index]
                pieces.append(_repeated(code, event, number, file, path))
                start = index + 1
        if len(self.codes) > start:
            pieces.append(self.run(start, len(self.codes)))
        return pieces


# What a part of a file is scored with: the rules, the day, the file's name, the render, whether
# it is named and whether the results are joined. Each worker process's is set once by
# _start_worker.
_PartState = tuple[Ruleset | RulesetHistory, Date, str, Any, bool, bool]
_worker: _PartState | None = None


def _start_worker(
    rules: Ruleset | RulesetHistory, as_of: Date, file: str, render: Any, named: bool, joined: bool
) -> None:
    global _worker
    _worker = (rules, as_of, file, render, named, joined)


def _packed(line: Line) -> Line | tuple[int, str]:
    # An unparsed line travels to the worker as a plain tuple: pickling a tuple costs a tenth of
    # pickling the attrs object.
    return line if line.text is None or line.path else (line.number, line.text)


# A worker's part of a JSON Lines file: about 1,250 submissions of the benchmark's population, a
# tenth of a second's work. Larger parts cost memory (four a worker are in flight, and their
# results), smaller ones more messages and a longer wait for the last.
_BLOCK_BYTES = 1 << 20


def _parts(
    path: str, encoding: str
) -> Generator[RawBlock | list[Line | tuple[int, str]], None, None]:
    """What the workers are sent: a JSON Lines file in blocks of its bytes (the main process only
    cuts them at line ends), any other form in lists of up to 1,024 of its records."""
    lines: list[Line | tuple[int, str]] = []
    for part in read_json_or_blocks(path, encoding=encoding, size=_BLOCK_BYTES):
        if isinstance(part, Line):
            lines.append(_packed(part))
            if len(lines) < 1024:
                continue
        if lines:
            yield lines
            lines = []
        if isinstance(part, RawBlock):
            yield part
    if lines:
        yield lines


# What _scored yields for a scored submission: its code, line and path (the main process checks
# that no enterprise comes twice) and the rendered result.
_Scored = tuple[str, int, str, Any]


def _submission(data: Any, file: str | None, number: int, path: str) -> Submission | Rejected:
    """The submission ``data`` holds, or why it cannot be read, placed at ``number`` (its line)
    and ``path`` in ``file``."""
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
    *,
    group: int = 1,
) -> Generator[_Scored | Rejected, None, None]:
    """Each line's outcome, in order: its rendered result, or why it was rejected. The lines are
    taken ``group`` (at least 1) at a time, each step over the whole group in turn (:data:`GROUP`);
    1 answers each line before the next is read, as a stream must."""
    for taken in chunked(lines, group):
        read: list[Submission | Rejected] = []
        for line in taken:
            parsed = line if line.text is None else line.parsed(file=file)
            if parsed.error is not None:
                read.append(Rejected(parsed.number, parsed.error.located()))
            else:
                read.append(_submission(parsed.data, file, parsed.number, parsed.path))
        outcomes = [
            data
            if isinstance(data, Rejected)
            else score_one(data, rules, as_of, position=line.number, file=file, path=line.path)
            for data, line in zip(read, taken, strict=True)
        ]
        for outcome, data, line in zip(outcomes, read, taken, strict=True):
            if isinstance(outcome, Rejected):
                yield outcome
            elif named:
                enterprise = cast(Submission, data).enterprise
                yield (outcome.uscc.value, line.number, line.path, render(outcome, enterprise))
            else:
                yield (outcome.uscc.value, line.number, line.path, render(outcome))


def _score_part(part: RawBlock | list[Line | tuple[int, str]]) -> _ScoredChunk:
    """A worker's work: :func:`_score_part_under` its state."""
    assert _worker is not None, "the pool initializer sets the worker state"
    return _score_part_under(_worker, part)


def _score_part_under(
    state: _PartState, part: RawBlock | list[Line | tuple[int, str]]
) -> _ScoredChunk:
    """Parse, score and render a part of the file (see :func:`_parts`)."""
    rules, as_of, file, render, named, joined = state
    if isinstance(part, RawBlock):
        lines: Iterable[Line] = read_block(part, file=file)
    else:
        lines = [i if isinstance(i, Line) else Line(i[0], text=i[1]) for i in part]
    codes: list[str] = []
    numbers: list[int] = []
    paths: list[str] = []
    rendered: list[Any] = []
    rejects: list[tuple[int, Rejected]] = []
    for outcome in _scored(lines, rules, as_of, file, render, named, group=GROUP):
        if isinstance(outcome, Rejected):
            rejects.append((len(codes), outcome))
            continue
        codes.append(outcome[0])
        numbers.append(outcome[1])
        paths.append(outcome[2])
        rendered.append(outcome[3])
    places = paths if any(paths) else None
    if not joined:
        return _ScoredChunk(codes, numbers, places, rendered, [], rejects)
    encoded = [text.encode("utf-8", "backslashreplace") for text in rendered]
    ends = list(itertools.accumulate(map(len, encoded)))
    return _ScoredChunk(codes, numbers, places, b"".join(encoded), ends, rejects)


def score_chunks(
    path: str,
    rules: Ruleset | RulesetHistory,
    as_of: Date | str,
    render: Render[R],
    *,
    jobs: int = 1,
    encoding: str = DEFAULT_ENCODING,
    named: bool = False,
    joined: bool = False,
) -> Generator[list[Piece[R]], None, None]:
    """:func:`score_file`'s outcomes in chunks, each a list of :data:`Piece`: a part of the file
    at a time (about 1 MiB of JSON Lines; usually one piece), scored by ``jobs`` worker
    processes, or by this one. With ``joined`` (``render`` returns text, and the caller writes
    bytes) a chunk's results are joined into one :class:`Joined`.

    Whoever writes the outcomes then does little for each submission: it checks each code once
    (:meth:`~zs_quality.uscc_index.USCCIndex.first_of_each`) and writes each chunk whole; with
    workers, the main process only cuts the file at line ends besides, so that the workers get
    the CPUs. A chunk is scored whole before it is handed on: for results as the lines come in,
    use :func:`score_file`."""
    name = display_name(path)
    state: _PartState = (rules, as_date(as_of), name, render, named, joined)
    parts = _parts(path, encoding)
    if jobs == 1:
        # One process scores the parts as a worker would: what writes the outcomes then runs
        # once a chunk rather than once a submission, which costs a few per cent of the time.
        chunks: Iterator[_ScoredChunk] = (_score_part_under(state, part) for part in parts)
    else:
        chunks = ordered_chunks(
            _score_part, parts, jobs=jobs, initializer=_start_worker, initargs=state
        )
    seen = USCCIndex()
    try:
        for chunk in chunks:
            yield chunk.pieces(seen, name)
    finally:
        # When the caller stops early: stops the workers (whose feeder closes the file), or
        # closes the file.
        cast("Generator[Any, None, None]", chunks).close()
        if jobs == 1:
            parts.close()


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

    With one process, results come as the input is read: a file :data:`GROUP` submissions at a
    time, standard input one at a time (each line answered before the next is read). With
    ``jobs`` above 1 the file is parsed, scored and rendered in that many worker processes
    (:func:`score_chunks`); ``render`` must then be a module-level function, and what it
    returns is sent back pickled (text is cheapest). With ``named``, ``render`` is called with
    the result and the enterprise of its submission. Memory stays constant either way, but for
    the codes already seen (:class:`~zs_quality.uscc_index.USCCIndex`: at most 48 bytes an
    enterprise).
    """
    if jobs == 1:
        name = display_name(path)
        # Standard input may be a program that waits for each answer before it writes the next
        # line; a file has nobody waiting, and is read a group ahead.
        group = 1 if path == "-" else GROUP
        lines = read_json_or_lines(path, encoding=encoding)
        outcomes = _scored(lines, rules, as_date(as_of), name, render, named, group=group)
        try:
            yield from _each_once(outcomes, USCCIndex(), name)
        finally:
            outcomes.close()
        return
    chunks = score_chunks(path, rules, as_of, render, jobs=jobs, encoding=encoding, named=named)
    try:
        for pieces in chunks:
            for piece in pieces:
                if isinstance(piece, list):
                    yield from piece
                else:
                    assert isinstance(piece, Rejected), "only joined chunks are Joined"
                    yield piece
    finally:
        chunks.close()


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
    (when ``errors`` is given) to ``errors``, in input order (a chunk at a time:
    :func:`score_chunks`); returns the counts."""
    counts = BatchCounts()
    chunks = score_chunks(path, rules, as_of, jsonl_line, jobs=jobs, encoding=encoding)
    try:
        for pieces in chunks:
            for piece in pieces:
                if isinstance(piece, Rejected):
                    counts.add(piece)
                    if errors is not None:
                        errors.write(dumps(rejected_data(piece)) + "\n")
                else:
                    assert isinstance(piece, list), "only joined chunks are Joined"
                    counts.add_scored(len(piece))
                    out.write("".join(piece))
    finally:
        chunks.close()
    return counts
