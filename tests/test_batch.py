"""Batch scoring: streaming, counts, the fast paths' equivalence, worker processes, progress."""

from __future__ import annotations

import io
import itertools
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from batch_support import comparable, parses, population
from zs_quality import convert
from zs_quality.batch import (
    GROUP,
    BatchCounts,
    Rejected,
    jsonl_line,
    result_data,
    score_chunks,
    score_file,
    score_jsonl,
    score_lines,
    score_many,
)
from zs_quality.cli import main
from zs_quality.cli.progress import Progress
from zs_quality.convert import structure, unstructure
from zs_quality.dates import parse_date
from zs_quality.errors import InputError
from zs_quality.examples import example_path
from zs_quality.io.jsonio import Line, dumps, read_json_or_lines
from zs_quality.model.enterprise import Enterprise
from zs_quality.model.submission import RecordStatus, Submission
from zs_quality.parallel import chunked, ordered_map
from zs_quality.rules.integrity import score_integrity
from zs_quality.rulesets import load_history
from zs_quality.testing.strategies import IntegrityCase, integrity_cases
from zs_quality.uscc_index import USCCIndex

RULES = load_history(["zhongshan-construction-good-behaviour"])
AS_OF = "2025-06-30"
LINES = population(300)


def _data(lines: list[str]) -> list[Any]:
    parsed = []
    for line in lines:
        try:
            parsed.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return parsed


def test_the_population_has_every_outcome_and_bad_submissions() -> None:
    outcomes = {
        r.outcome.value
        for o in score_many(_data(LINES), RULES, AS_OF)
        if not isinstance(o, Rejected)
        for r in o.records
    }
    assert outcomes >= {"counted", "capped", "expired", "late_submission", "duplicate", "invalid"}
    assert any(isinstance(o, Rejected) for o in score_many(_data(LINES), RULES, AS_OF))


def test_fast_structuring_builds_what_the_generated_hook_builds() -> None:
    for data in _data(LINES):
        try:
            detailed = convert._submission_hook(data, Submission)
        except Exception:
            with pytest.raises(InputError):
                structure(data, Submission)
            continue
        assert structure(data, Submission) == detailed


def test_fast_structuring_reports_exactly_what_the_generated_hook_reports() -> None:
    bad = {"enterprise": {"uscc": "91350100M000100Y4Z", "name": " "}, "records": [{"id": 1}]}
    with pytest.raises(InputError) as info:
        structure(bad, Submission)
    with pytest.raises(Exception) as detailed:  # noqa: PT011 - a cattrs validation tree
        convert._submission_hook(bad, Submission)
    assert info.value.problems == tuple(p for p, _ in convert._faults(detailed.value, ""))
    assert {p.path for p in info.value.problems} >= {"enterprise.uscc", "records[0].id"}


def test_an_explicit_null_status_is_refused_not_taken_as_approved() -> None:
    data = _data(LINES[:1])[0]
    data["records"] = [
        {"id": "r1", "item": "JJL-001", "document_date": "2024-05-01", "submitted_on": "2024-05-02"}
    ]
    assert structure(data, Submission).records[0].status is RecordStatus.APPROVED
    data["records"][0]["status"] = None
    with pytest.raises(InputError, match="status"):
        structure(data, Submission)


def test_a_bad_date_is_refused_every_time() -> None:
    for _ in range(2):
        with pytest.raises(InputError, match="no such day"):
            parse_date("2024-02-30")
    assert parse_date("2024-02-29") is parse_date("2024-02-29")


def test_result_data_is_the_converters_form() -> None:
    for outcome in score_many(_data(LINES), RULES, AS_OF):
        if not isinstance(outcome, Rejected):
            assert result_data(outcome) == unstructure(outcome)


def test_score_many_is_lazy_and_counts_every_submission() -> None:
    def submissions() -> Iterator[Any]:
        yield from _data(LINES[:3])
        raise AssertionError("read beyond what was asked")

    assert not isinstance(next(score_many(submissions(), RULES, AS_OF)), BatchCounts)
    counts = BatchCounts()
    outcomes = list(
        score_many([*_data(LINES[:2]), {"enterprise": {}}], RULES, AS_OF, counts=counts)
    )
    assert (counts.read, counts.scored, counts.rejected) == (3, 2, 1)
    last = outcomes[-1]
    assert isinstance(last, Rejected)
    assert last.position == 3


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "population.jsonl"
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    return path


def test_jsonl_in_jsonl_out_with_workers_matches_one_process(tmp_path: Path) -> None:
    path = _write(tmp_path, LINES)
    texts = []
    for jobs in (1, 2):
        out, errors = io.StringIO(), io.StringIO()
        counts = score_jsonl(str(path), out, RULES, AS_OF, jobs=jobs, errors=errors)
        assert counts.scored + counts.rejected == counts.read == len(LINES)
        texts.append((out.getvalue(), errors.getvalue()))
    assert texts[0] == texts[1]
    rejected = [json.loads(x) for x in texts[0][1].splitlines()]
    assert rejected
    assert all(r["file"] == str(path) for r in rejected)
    bad_lines = [n for n, line in enumerate(LINES, start=1) if '"remark"' in line]
    assert set(bad_lines) <= {r["line"] for r in rejected}


def test_a_whole_json_document_works_with_workers(tmp_path: Path) -> None:
    path = tmp_path / "array.json"
    path.write_text(json.dumps(_data(LINES[:20]), indent=2), encoding="utf-8")
    single = list(score_file(str(path), RULES, AS_OF, result_data))
    assert list(score_file(str(path), RULES, AS_OF, result_data, jobs=2)) == single


def test_ordered_map_keeps_order_and_reads_only_a_bounded_window() -> None:
    taken = list(
        itertools.islice(ordered_map(_doubled, itertools.count(), jobs=2, chunk_size=3), 20)
    )
    assert taken == [2 * n for n in range(20)]
    assert list(chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    with pytest.raises(ValueError, match="jobs"):
        next(ordered_map(_doubled, [1], jobs=0))


def _doubled(chunk: list[int]) -> list[int]:
    return [2 * n for n in chunk]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "table"])
def test_cli_jobs_gives_the_same_output_in_every_format(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, LINES[:60])
    seen = []
    for jobs in ("1", "2"):
        args = ["score", "--ruleset", "zhongshan-construction-good-behaviour", "--as-of", AS_OF]
        status = main([*args, "--format", fmt, "--jobs", jobs, str(path)])
        out = capsys.readouterr()
        seen.append((status, out.out, out.err))
    assert seen[0] == seen[1]
    assert "read 60" in seen[0][2]


def test_cli_jobs_must_be_a_positive_whole_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["score", "--ruleset", "x", "--as-of", AS_OF, "--jobs", "0", "-"])
    assert info.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_cli_without_a_terminal_shows_no_progress(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["score", "--ruleset", "zhongshan-construction-good-behaviour", "--as-of", AS_OF]
    main([*args, "--format", "jsonl", str(example_path("population.jsonl"))])
    assert "records/s" not in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_at_a_terminal_at_most_every_quarter_second() -> None:
    now = [0.0]
    stream = _Terminal()
    progress = Progress(stream, clock=lambda: now[0])
    counts = BatchCounts(read=10, scored=9, rejected=1)
    progress.update(counts)
    assert stream.getvalue() == ""
    now[0] = 2.0
    progress.update(counts)
    assert stream.getvalue().endswith("10 read, 5 records/s, 1 rejected")
    now[0] = 2.1
    progress.update(BatchCounts(read=20))
    assert "20 read" not in stream.getvalue()
    progress.clear()
    assert stream.getvalue().endswith("\r\x1b[K")
    silent = io.StringIO()
    Progress.on(silent).update(counts)
    assert silent.getvalue() == ""
    assert Progress.on(_Terminal()).stream is not None


# Text as a record id or document number may hold it: quotes, backslashes, control characters,
# the three characters some readers take for line ends, Chinese.
_AWKWARD = st.text(
    alphabet=st.sampled_from('a"\\\n\t\x00\x1f\x85\u2028\u2029中文 /'), min_size=1, max_size=6
).filter(lambda t: t.strip() != "")


@given(integrity_cases(), st.lists(_AWKWARD, max_size=4))
@settings(max_examples=200, deadline=None)
def test_a_jsonl_line_is_what_json_dumps_writes_for_result_data(
    case: IntegrityCase, ids: list[str]
) -> None:
    records = list(case.submission.records)
    for index, text in enumerate(ids[: len(records)]):
        records[index] = attrs.evolve(records[index], id=f"{text}{index}", item=text)
    submission = attrs.evolve(case.submission, records=records)
    result = score_integrity(submission, case.rules, case.as_of)
    assert jsonl_line(result) == dumps(result_data(result)) + "\n"


# Lines that are no submission: not JSON, not an object, no enterprise.
_BROKEN = ["{", "[1, 2]", "not json", '{"enterprise": {}, "records": []}']


def _named(result: Any, enterprise: Enterprise) -> tuple[str, str]:
    return jsonl_line(result), enterprise.name


def _scored_lines(path: Path, group: int) -> list[Any]:
    lines = read_json_or_lines(path)
    day = parse_date(AS_OF)
    return comparable(score_lines(lines, RULES, day, file="f", seen=USCCIndex(), group=group))


@given(
    st.lists(st.sampled_from(LINES[:60] + _BROKEN), max_size=80),
    st.sampled_from([2, 3, 5, GROUP]),
    st.booleans(),
)
@settings(max_examples=25, deadline=None)
def test_lines_scored_in_groups_give_what_scoring_line_by_line_gives(
    lines: list[str], group: int, as_array: bool
) -> None:
    # Each step runs over a group before the next; one line at a time is the reference. Lines are
    # drawn with repeats (an enterprise listed twice) and rejects fall on either side of groups'
    # edges; an array's elements carry their paths ([3]).
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "population.json"
        if as_array:
            path.write_text(f"[{', '.join(x for x in lines if parses(x))}]", encoding="utf-8")
        else:
            path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        one_by_one = _scored_lines(path, 1)
        assert _scored_lines(path, group) == one_by_one
        if not as_array and lines and lines[0] in LINES:  # else it may read as a JSON document
            assert len(one_by_one) == len(lines)


@given(st.lists(st.sampled_from(LINES[:60] + _BROKEN), max_size=80), st.booleans())
@settings(max_examples=15, deadline=None)
def test_a_file_scored_in_parts_gives_what_scoring_it_as_lines_gives(
    lines: list[str], named: bool
) -> None:
    # score_chunks reads the file in blocks of bytes, score_file with one process line by line.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "population.jsonl"
        path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        render: Any = _named if named else jsonl_line
        found: list[Any] = []
        for pieces in score_chunks(str(path), RULES, AS_OF, render, named=named):
            for piece in pieces:
                found.extend(piece if isinstance(piece, list) else [piece])
        as_lines = score_file(str(path), RULES, AS_OF, render, named=named)
        assert comparable(found) == comparable(as_lines)


def test_lines_one_at_a_time_are_each_answered_before_the_next_is_read() -> None:
    taken: list[int] = []

    def lines() -> Iterator[Line]:
        for number, text in enumerate(LINES[:5], start=1):
            taken.append(number)
            yield Line(number, text=text)

    outcomes = score_lines(lines(), RULES, parse_date(AS_OF), file="f")
    next(outcomes)
    assert taken == [1]
    next(outcomes)
    assert taken == [1, 2]
    with pytest.raises(ValueError, match="at least 1"):
        next(score_lines(lines(), RULES, parse_date(AS_OF), file="f", group=0))
