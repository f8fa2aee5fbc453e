"""``--jobs``: the main process cuts a JSON Lines file into blocks of raw lines, workers decode,
score and render a block and send it back as one chunk, and the main process checks each code
once and writes the chunk at once. Whatever the cut, the output is the single process's, byte for
byte, rejections included and in input order."""

from __future__ import annotations

import io
import itertools
import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from batch_support import comparable, parses, population
from zs_quality import batch
from zs_quality import reading as reading_module
from zs_quality.batch import Joined, Rejected, jsonl_line, result_data, score_file, score_jsonl
from zs_quality.cli import main
from zs_quality.errors import InputError
from zs_quality.io import jsonio
from zs_quality.reading import LineReader, RawBlock, RawLine, block_lines, raw_lines
from zs_quality.rulesets import load_history
from zs_quality.uscc_index import USCCIndex

RULES_ID = "zhongshan-construction-good-behaviour"
RULES = load_history([RULES_ID])
AS_OF = "2025-06-30"
LINES = population(80, seed=5)


def _messy(lines: list[str]) -> bytes:
    """A population as a bureau's files come: enterprises listed again (in the same block and far
    apart), blank lines, CRLF, a byte-order mark inside (files concatenated), a line that is not
    JSON, a byte that is not UTF-8, and no newline at the end."""
    rows = [line.encode() for line in lines]
    rows.insert(3, rows[2])  # the same enterprise on the next line
    rows.insert(40, rows[1])  # ... and many lines later
    rows.insert(60, rows[59] + b"   ")
    rows.insert(10, b"")
    rows.insert(20, b"   \t")
    rows.insert(30, b'{"enterprise": ')
    rows.insert(50, b'{"enterprise": {"name": "\xff"}}')
    rows[25] = b"\xef\xbb\xbf" + rows[25]
    ends = itertools.cycle([b"\n", b"\r\n", b"\n"])
    return b"".join(row + end for row, end in zip(rows[:-1], ends, strict=False)) + rows[-1]


def _cli(path: Path, jobs: str, fmt: str, capsys: pytest.CaptureFixture[str]) -> tuple[Any, ...]:
    errors = path.with_suffix(f".{jobs}.{fmt}.errors")
    status = main(
        [
            *("score", "--ruleset", RULES_ID, "--as-of", AS_OF, "--format", fmt),
            *("--errors", str(errors), "--jobs", jobs, str(path)),
        ]
    )
    out = capsys.readouterr()
    return status, out.out, out.err, errors.read_text(encoding="utf-8")


@pytest.mark.parametrize("block", [1, 700, 5000, 1 << 20])
def test_jobs_2_writes_what_one_process_writes_whatever_the_blocks(
    block: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(batch, "_BLOCK_BYTES", block)
    path = tmp_path / "messy.jsonl"
    path.write_bytes(_messy(LINES))
    single = _cli(path, "1", "jsonl", capsys)
    assert _cli(path, "2", "jsonl", capsys) == single
    status, _, err, errors = single
    assert status == 1
    assert err.count("is listed twice") == 3
    assert "(first at line 3)" in err  # each repeat names the line it was first seen on
    assert "(first at line 2)" in err
    assert "cannot be read as utf-8" in err
    assert [json.loads(row)["line"] for row in errors.splitlines()] == sorted(
        json.loads(row)["line"] for row in errors.splitlines()
    )


def test_bad_and_blank_lines_before_the_first_record_change_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "_BLOCK_BYTES", 4000)
    path = tmp_path / "head.jsonl"
    path.write_bytes(b"\x80 not text\n\n  \r\n" + _messy(LINES))
    single = _cli(path, "1", "jsonl", capsys)
    assert _cli(path, "2", "jsonl", capsys) == single
    assert ":1: cannot be read as utf-8" in single[2]


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_jobs_2_in_every_format_with_repeats_and_rejects(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "_BLOCK_BYTES", 3000)
    path = tmp_path / "messy.jsonl"
    path.write_bytes(_messy(LINES))
    assert _cli(path, "2", fmt, capsys) == _cli(path, "1", fmt, capsys)


def test_an_array_file_with_repeats_and_a_bad_element_works_with_workers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = [json.loads(line) for line in LINES[:30] if parses(line)]
    elements = [json.dumps(d, ensure_ascii=False, indent=1) for d in data]
    elements[4:4] = [elements[1], '{"enterprise": }']
    path = tmp_path / "array.json"
    path.write_text("[\n" + ",\n".join(elements) + "\n]\n", encoding="utf-8")
    single = _cli(path, "1", "jsonl", capsys)
    assert _cli(path, "2", "jsonl", capsys) == single
    assert "[4].enterprise.uscc" in single[2]  # the repeat is placed in the array
    outcomes = comparable(score_file(str(path), RULES, AS_OF, result_data, jobs=2))
    assert outcomes == comparable(score_file(str(path), RULES, AS_OF, result_data))


def test_gb18030_with_a_byte_order_mark_is_read_alike_by_workers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "_BLOCK_BYTES", 2000)
    text = "\n".join(line for line in LINES[:20] if parses(line)) + "\n"
    path = tmp_path / "gb.jsonl"
    path.write_bytes(b"\x84\x31\x95\x33" + text.encode("gb18030"))  # the GB18030 BOM
    single = _cli(path, "1", "jsonl", capsys)
    assert single[0] == 0
    assert _cli(path, "2", "jsonl", capsys) == single


def test_the_library_api_is_unchanged_by_the_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "_BLOCK_BYTES", 1500)
    path = tmp_path / "messy.jsonl"
    path.write_bytes(_messy(LINES))
    single = list(score_file(str(path), RULES, AS_OF, jsonl_line))
    assert comparable(score_file(str(path), RULES, AS_OF, jsonl_line, jobs=2)) == comparable(single)
    assert sum(isinstance(o, Rejected) for o in single) >= 5
    texts = []
    for jobs in (1, 2):
        out, errors = io.StringIO(), io.StringIO()
        counts = score_jsonl(str(path), out, RULES, AS_OF, jobs=jobs, errors=errors)
        assert counts.read == counts.scored + counts.rejected == len(single)
        texts.append((out.getvalue(), errors.getvalue()))
    assert texts[0] == texts[1]


def test_workers_start_from_a_fork_server_while_threads_run(tmp_path: Path) -> None:
    # A process running threads (a service) must not fork: the workers then come from a fork
    # server, which is sent the rules and the renderer pickled.
    path = tmp_path / "messy.jsonl"
    path.write_bytes(_messy(LINES))
    single = comparable(score_file(str(path), RULES, AS_OF, jsonl_line))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert comparable(score_file(str(path), RULES, AS_OF, jsonl_line, jobs=2)) == single
    finally:
        stop.set()
        thread.join()


def test_standard_input_with_workers_writes_what_one_process_writes(tmp_path: Path) -> None:
    data = _messy(LINES)
    seen = []
    for jobs in ("1", "2"):
        done = subprocess.run(
            [
                *(sys.executable, "-m", "zs_quality", "score", "--ruleset", RULES_ID),
                *("--as-of", AS_OF, "--format", "jsonl", "--jobs", jobs, "-"),
            ],
            input=data,
            capture_output=True,
            check=False,
        )
        # (a machine with one CPU says first that it uses one)
        err = b"".join(line for line in done.stderr.splitlines(True) if b"--jobs" not in line)
        seen.append((done.returncode, done.stdout, err))
    assert seen[0][0] == 1
    assert seen[1] == seen[0]


# --- the pieces of a chunk -----------------------------------------------------------------------


def _rejected(number: int) -> Rejected:
    return Rejected(number, InputError("bad", file="f", line=number))


CODES = ["91350100M000100Y43", "91442000MA4UNN6R9A", "9144030071526726XG"]


@pytest.mark.parametrize("joined", [False, True])
def test_a_chunk_puts_rejects_and_repeats_in_input_order(joined: bool) -> None:
    texts = ["a\n", "中\n", "c\n", "d\n"]
    rendered: list[str] | bytes = texts
    ends: list[int] = []
    if joined:
        rendered = "".join(texts).encode()
        ends = list(itertools.accumulate(len(t.encode()) for t in texts))
    seen = USCCIndex()
    assert seen.first(CODES[2], 1) is None
    chunk = batch._ScoredChunk(
        codes=[CODES[0], CODES[2], CODES[0], CODES[1]],
        numbers=[3, 5, 6, 8],
        paths=None,
        rendered=rendered,
        ends=ends,
        rejects=[(0, _rejected(2)), (2, _rejected(6)), (4, _rejected(9))],
    )
    pieces = chunk.pieces(seen, "f")
    kinds = [
        p.position if isinstance(p, Rejected) else p.data if isinstance(p, Joined) else p
        for p in pieces
    ]

    def ran(*texts: str) -> Any:
        return "".join(texts).encode() if joined else list(texts)

    assert kinds == [2, ran("a\n"), 5, 6, 6, ran("d\n"), 9]
    repeats = [p for p in pieces if isinstance(p, Rejected) and "twice" in str(p.error)]
    assert [p.position for p in repeats] == [5, 6]
    assert "first at line 1" in str(repeats[0].error)
    assert "first at line 3" in str(repeats[1].error)
    whole = batch._ScoredChunk([CODES[1]], [1], None, [["x"]], [], [])
    assert whole.pieces(USCCIndex(), "f") == [[["x"]]]


def test_the_index_checks_a_chunk_of_codes_as_it_checks_each() -> None:
    codes = [*CODES, CODES[1], CODES[1], CODES[0]]
    one, many = USCCIndex(capacity=2), USCCIndex(capacity=2)  # it grows on the way
    singly = [(i, f) for i, c in enumerate(codes) if (f := one.first(c, i + 10)) is not None]
    assert many.first_of_each(codes, range(10, 10 + len(codes))) == singly
    assert singly == [(3, 11), (4, 11), (5, 10)]
    assert len(many) == len(one) == 3


_CODE = st.text("0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=18, max_size=18)


@given(
    pool=st.lists(_CODE, min_size=1, max_size=40, unique_by=lambda c: c[:17]),
    picks=st.lists(st.integers(0, 39), max_size=300),
    cut=st.integers(1, 50),
)
def test_the_index_remembers_where_each_code_was_first_seen(
    pool: list[str], picks: list[int], cut: int
) -> None:
    codes = [pool[i % len(pool)] for i in picks]
    model: dict[str, int] = {}
    expected = [(i, model[c]) for i, c in enumerate(codes, 1) if model.setdefault(c, i) != i]
    index = USCCIndex(capacity=4)
    got = []
    for start in range(0, len(codes), cut):
        part = codes[start : start + cut]
        positions = range(start + 1, start + 1 + len(part))
        got += [(start + 1 + i, first) for i, first in index.first_of_each(part, positions)]
    assert got == expected
    assert len(index) == len(model)


# --- blocks of raw lines -------------------------------------------------------------------------


_LINE = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=30).map(str.encode),
    st.sampled_from([b"", b"\xef\xbb\xbf{}", b"a\xffb", b"x" * 70, b"y\r", b"z" * 41]),
)


@given(
    rows=st.lists(st.tuples(_LINE, st.sampled_from([b"\n", b"\r\n"])), max_size=25),
    last=_LINE,
    size=st.integers(1, 120),
    head=st.integers(0, 3),
    bom=st.booleans(),
)
def test_blocks_read_as_the_lines_do(
    rows: list[tuple[bytes, bytes]], last: bytes, size: int, head: int, bom: bool
) -> None:
    data = (b"\xef\xbb\xbf" if bom else b"") + b"".join(a + b for a, b in rows) + last
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reading_module, "MAX_RECORD_BYTES", 40)  # some lines are too long
        expected = list(raw_lines(io.BytesIO(data), file="f"))
        reader = LineReader(io.BytesIO(data), file="f")
        got: list[RawLine] = list(itertools.islice(reader, head))
        for part in reader.blocks(size):
            if isinstance(part, RawBlock):
                got.extend(block_lines(part, file="f"))
            else:
                got.append(part)
    assert [_line(raw) for raw in got] == [_line(raw) for raw in expected]


def _line(raw: RawLine) -> tuple[Any, ...]:
    return (*raw[:3], None if raw.error is None else str(raw.error), raw.whole)


# --- a UTF-8 block read from its bytes ------------------------------------------------------------

_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**17), 10**17),
    st.decimals(allow_nan=False, allow_infinity=False, places=2).map(lambda d: json.loads(str(d))),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8),
)
_VALUE = st.recursive(
    _SCALAR,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=8,
)


_AWKWARD = [
    b'{"a": 1, "a": 2}',  # a key twice
    b'{"a": "\\u00e9", "b": "\\ud800"}',  # escapes; half a surrogate pair
    b'{"a": 1.50, "b": 1e3, "c": 12345678901234567890}',  # exact numbers, out of bounds
    b'{"a": "\xff"}',  # not UTF-8
    b'{"a": "\xed\xa0\x80"}',  # a surrogate written as UTF-8
    b'{"a": "\xc0\x80", "b": "\xf4\x90\x80\x80"}',  # an overlong form; beyond U+10FFFF
    b'{"a": 1}\r{"b": 2}',  # a carriage return that ends no line
    b'{"a": "\x00"}',
    b'\xef\xbb\xbf{"a": 1}',  # a byte-order mark (files concatenated)
    b'{"a": [[[[[1]]]]], "b": "[[[["}',  # deep, and brackets in a string
    b'{"a": 1}\x0c',  # what JSON does not take for white space
    b"\x1c",  # what Python takes for white space
    "\u3000".encode(),
    b"  ",
    b"",
    b'{"a": ',
    b'{"k": "' + b"x" * 60 + b'"}',  # too long (the limit is lowered below)
]
_JSON_LINE = st.one_of(
    st.tuples(_VALUE, st.booleans()).map(lambda v: json.dumps(v[0], ensure_ascii=v[1]).encode()),
    st.sampled_from(_AWKWARD),
)


@example(rows=[(line, b"\r\n") for line in _AWKWARD], last=b'{"z": 0}\r', number=1)
@given(
    rows=st.lists(st.tuples(_JSON_LINE, st.sampled_from([b"\n", b"\r\n"])), max_size=12),
    last=st.sampled_from([b"", b"\r", b'{"z": 0}', b'{"z": 0}\r', b'{"z": ']),
    number=st.integers(1, 5),
)
def test_a_utf8_block_is_read_from_its_bytes_as_its_text_is(
    rows: list[tuple[bytes, bytes]], last: bytes, number: int
) -> None:
    block = RawBlock(number, 100, b"".join(a + b for a, b in rows) + last, "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        for module in (reading_module, jsonio):
            patch.setattr(module, "MAX_RECORD_BYTES", 50)
        patch.setattr(jsonio, "MAX_DEPTH", 4)
        got = list(jsonio.read_block(block, file="f"))
        text = list(jsonio._json_lines(block_lines(block, file="f"), "f", parse=True))
    assert [_parsed(line) for line in got] == [_parsed(line) for line in text]


def _parsed(line: Any) -> tuple[Any, ...]:
    # repr: a Decimal is not a float, nor 1 True.
    return (line.number, repr(line.data), None if line.error is None else str(line.error))
