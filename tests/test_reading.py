"""The one reader: encodings, BOM, line ends, JSON Lines / array / document, bounds (issue 11)."""

from __future__ import annotations

import io
import json
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from zs_quality import reading as text_module
from zs_quality.errors import InputError, RulesetError
from zs_quality.io.jsonio import Line, dumps, loads, read_json_or_lines, read_one, read_records
from zs_quality.limits import MAX_DEPTH
from zs_quality.model.numbers import to_decimal, whole_number
from zs_quality.policy.toml import parse_toml, read_toml_file
from zs_quality.reading import encoding_name, raw_lines, read_text
from zs_quality.rulesets import load_ruleset

ONE = {"a": "中山", "n": 1}
TWO = {"b": "小榄", "n": 2}


def records(data: bytes, encoding: str = "utf-8") -> list[tuple[int, str, Any]]:
    """(line, path, data or 'ERR: message') for each record of ``data``."""
    out = []
    lines = raw_lines(io.BytesIO(data), file="f", encoding=encoding_name(encoding))
    for line in read_records(lines, file="f"):
        value = line.data if line.error is None else f"ERR: {line.error}"
        out.append((line.number, line.path, value))
    return out


def jsonl(*values: Any, end: str = "\n", encoding: str = "utf-8") -> bytes:
    return end.join(json.dumps(v, ensure_ascii=False) for v in values).encode(encoding)


# --- Encodings, BOM, line ends ------------------------------------------------------------------


def test_bom_crlf_blank_lines_and_no_final_newline_are_all_fine() -> None:
    data = b"\xef\xbb\xbf" + jsonl(ONE, end="\r\n") + b"\r\n\r\n   \r\n" + jsonl(TWO)
    assert records(data) == [(1, "", ONE), (4, "", TWO)]


def test_a_bom_before_a_later_line_is_dropped_too() -> None:
    # What concatenating two files saved with a BOM leaves behind.
    data = jsonl(ONE) + b"\n\xef\xbb\xbf" + jsonl(TWO) + b"\n"
    assert records(data) == [(1, "", ONE), (2, "", TWO)]


def test_gbk_needs_its_encoding_and_an_undecodable_line_costs_only_itself() -> None:
    data = jsonl(ONE, TWO, encoding="gbk") + b"\n" + jsonl({"c": 3}) + b"\n"
    got = records(data)
    assert [r[0] for r in got] == [1, 2, 3]
    assert got[2] == (3, "", {"c": 3})
    first = got[0][2]
    assert first.startswith("ERR: f:1: cannot be read as utf-8: byte 0xd6 at byte offset 7")
    assert "try --encoding gb18030" in first
    # The offset is the file's: where line 2 starts plus where in it the first bad byte is.
    second = json.dumps(TWO, ensure_ascii=False).encode("gbk")
    with pytest.raises(UnicodeDecodeError) as bad:
        second.decode("utf-8")
    offset = len(jsonl(ONE, encoding="gbk")) + 1 + bad.value.start
    assert got[1][2].startswith(
        f"ERR: f:2: cannot be read as utf-8: byte 0x{second[bad.value.start]:02x} at byte offset {offset} "
    )
    assert records(data, "gb18030") == [(1, "", ONE), (2, "", TWO), (3, "", {"c": 3})]


@pytest.mark.parametrize("name", ["gbk", "GBK", "gb2312", "cp936", " gb18030 "])
def test_gbk_and_its_relatives_are_read_as_gb18030(name: str) -> None:
    assert encoding_name(name) == "gb18030"
    assert records(jsonl(ONE, encoding="gbk"), name) == [(1, "", ONE)]


def test_a_bom_says_which_encoding_a_file_is_in_whatever_name_was_given() -> None:
    assert records(b"\xef\xbb\xbf" + jsonl(ONE), "gb18030") == [(1, "", ONE)]
    assert records(b"\x84\x31\x95\x33" + jsonl(ONE, encoding="gb18030")) == [(1, "", ONE)]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("no-such-codec", "unknown encoding"),
        ("utf-16", "not supported"),
        ("cp037", "not supported"),
    ],
)
def test_unknown_and_non_ascii_compatible_encodings_are_refused(name: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        encoding_name(name)


def test_a_utf16_file_is_refused_with_a_message_that_says_so() -> None:
    with pytest.raises(InputError, match="the file is UTF-16"):
        records(json.dumps(ONE).encode("utf-16"))


def test_a_lone_carriage_return_does_not_start_a_line() -> None:
    # Regression: a stray \r split a line and shifted every later line number.
    data = b'{"a": 1,\r "b": 2}\n{bad\n' + jsonl(TWO) + b"\n"
    got = records(data)
    assert got[0] == (1, "", {"a": 1, "b": 2})
    assert got[1][0] == 2
    assert got[1][2].startswith("ERR: f:2: not valid JSON")
    assert got[2] == (3, "", TWO)


def test_a_line_longer_than_the_limit_is_refused_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_module, "MAX_RECORD_BYTES", 64)
    long = json.dumps({"x": "y" * 500}).encode()
    data = jsonl(ONE) + b"\n" + long + b"\n" + jsonl(TWO) + b"\n"
    reads: list[int] = []

    class Spy(io.BytesIO):
        def readline(self, size: int | None = -1) -> bytes:
            reads.append(-1 if size is None else size)
            return super().readline(size)

    lines = list(raw_lines(Spy(data), file="f"))
    assert [(raw.number, raw.error is None) for raw in lines] == [(1, True), (2, False), (3, True)]
    assert "longer than 64 bytes" in str(lines[1].error)
    assert all(0 < size <= 1 << 16 for size in reads)  # never "the whole line, however long"
    got = records(data)
    assert [(n, v) for n, _, v in got if not str(v).startswith("ERR")] == [(1, ONE), (3, TWO)]
    assert got[1][:2] == (2, "")


# --- JSON Lines, arrays, documents ----------------------------------------------------------------


@pytest.mark.parametrize(
    "first",
    [b"NaN", b"{bad", b"\xef\xbb\xbfNaN", b'{"a": tr', b'{"a": "unterminated'],
)
def test_a_bad_first_line_costs_only_itself(first: bytes) -> None:
    # Regression: a bad (or BOM-led) first line made the whole file one JSON document, and every
    # good line was lost ("read 1, scored 0, rejected 1").
    got = records(first + b"\n" + jsonl(ONE, TWO) + b"\n")
    assert [(n, v) for n, _, v in got[1:]] == [(2, ONE), (3, TWO)]
    assert got[0][2].startswith("ERR: f:1:")


def test_a_first_line_cut_short_costs_only_itself() -> None:
    # It opens an object it does not close, like a document over several lines would; the file
    # does not parse whole, but its other lines do: JSON Lines after all.
    got = records(b'{"a": {"b": 1,\n' + jsonl(ONE, TWO) + b"\n")
    assert [(n, v) for n, _, v in got[1:]] == [(2, ONE), (3, TWO)]


@pytest.mark.parametrize("data", [b"[]", b"[\n]", b"  [ ]\n", b"\xef\xbb\xbf[\r\n]\r\n"])
def test_an_empty_array_holds_no_record_however_it_is_written(data: bytes) -> None:
    # Regression: [] and [\n] were read differently.
    assert records(data) == []


def test_a_one_line_array_as_json_dump_writes_it_is_read() -> None:
    # Regression: json.dump's default output was refused ("expected an object, got a list").
    assert records(json.dumps([ONE, TWO]).encode()) == [(1, "[0]", ONE), (1, "[1]", TWO)]


def test_a_pretty_array_gives_each_element_its_index_and_first_line() -> None:
    data = json.dumps([ONE, {"z": [1, {"y": "]"}]}], indent=2).encode()
    assert records(data) == [(2, "[0]", ONE), (6, "[1]", {"z": [1, {"y": "]"}]})]


def test_a_bad_element_names_its_index_and_the_others_are_read() -> None:
    got = records(b'[{"a": 1}, {"b": 2 x}, {"c": 3},]')
    assert got[0] == (1, "[0]", {"a": 1})
    assert got[1][:2] == (1, "[1]")
    assert got[1][2] == "ERR: f:1: [1]: not valid JSON: Expecting ',' delimiter (column 20)"
    assert got[2] == (1, "[2]", {"c": 3})
    assert got[3][:2] == (1, "[3]")
    assert "empty element" in got[3][2]


def test_an_array_that_is_not_closed_or_has_text_after_it_says_so() -> None:
    assert "the JSON array is not closed" in records(b'[{"a": 1},\n{"b": 2}\n')[-1][2]
    assert records(b'[{"a": 1},\n{"b": 2}\n')[:2] == [(1, "[0]", {"a": 1}), (2, "[1]", {"b": 2})]
    got = records(b'[{"a": 1}]\n{"b": 2}\n')
    assert got == [(1, "[0]", {"a": 1}), (2, "", "ERR: f:2: text after the end of the JSON array")]


def test_a_document_written_over_several_lines_is_one_record() -> None:
    data = json.dumps(ONE | {"list": [1, 2]}, indent=2, ensure_ascii=False).encode() + b"\n"
    assert records(data) == [(1, "", ONE | {"list": [1, 2]})]


def test_read_one_reads_a_document_and_refuses_more_or_less(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(ONE, indent=4, ensure_ascii=False), encoding="utf-8-sig")
    assert read_one(path).data == ONE
    path.write_bytes(jsonl(ONE, TWO))
    with pytest.raises(InputError, match="expected one JSON record, found several"):
        read_one(path)
    path.write_bytes(b"\n\n")
    with pytest.raises(InputError, match="found none"):
        read_one(path)


def test_files_and_stdin_are_read_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"\xef\xbb\xbf" + jsonl(ONE, TWO, end="\r\n")
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    from_file = [(x.number, x.data) for x in read_json_or_lines(path)]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert (
        [(x.number, x.data) for x in read_json_or_lines("-")] == from_file == [(1, ONE), (2, TWO)]
    )


def test_unparsed_lines_carry_their_place_for_the_worker_that_parses_them() -> None:
    lines = raw_lines(io.BytesIO(b'[{"a": 1},\n {"b": }]'), file="f")
    unparsed = list(read_records(lines, file="f", parse=False))
    assert unparsed == [
        Line(1, text='{"a": 1}', path="[0]", column=1),
        Line(2, text='{"b": }', path="[1]", column=1),
    ]
    assert unparsed[1].parsed(file="f").error is not None
    assert str(unparsed[1].parsed(file="f").error).startswith("f:2: [1]: not valid JSON")


# --- What JSON does not define, and bounds ------------------------------------------------------


def test_a_key_given_twice_is_an_error_naming_the_key() -> None:
    # Regression: "records": [...], "records": [] silently kept the empty list.
    with pytest.raises(InputError, match="the key 'records' is given twice"):
        loads('{"records": [1], "records": []}')
    with pytest.raises(InputError, match="the key 'k' is given twice"):
        loads('{"a": {"k": 1, "k": 1}}')


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_constants_that_are_not_numbers_are_refused(constant: str) -> None:
    with pytest.raises(InputError, match="is not a number JSON allows"):
        loads(f'{{"revenue": {constant}}}')


@pytest.mark.parametrize(
    "number",
    ["1e9999999", "-1e9999999", "1e-9999999", "1" * 5000, "1" * 16, "1e15", "0.0000000000001"],
)
def test_numbers_beyond_the_limits_are_refused_at_once(number: str) -> None:
    # Regression: 1e9999999 took over a minute (decimal to int), 5,000 digits raised ValueError.
    start = time.perf_counter()
    with pytest.raises(InputError, match="numbers must be below 10\\^15"):
        loads(f'{{"employees": {number}}}')
    assert time.perf_counter() - start < 5  # a hang would be minutes; this is no benchmark


@pytest.mark.parametrize("number", ["999999999999999", "-999999999999999", "0.000000000001"])
def test_numbers_within_the_limits_are_read_exactly(number: str) -> None:
    value = loads(f"[{number}]")[0]
    assert value == Decimal(number)


def test_the_api_bounds_numbers_too() -> None:
    with pytest.raises(InputError, match="too large"):
        to_decimal(10**5000)
    with pytest.raises(InputError, match="too large"):
        whole_number(Decimal("1e9999999"))
    with pytest.raises(InputError, match="too many decimal places"):
        to_decimal("1e-13")
    assert whole_number(Decimal("12.000")) == 12


def test_nesting_deeper_than_the_limit_is_refused_before_parsing() -> None:
    # Regression: deep nesting raised RecursionError.
    loads("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    with pytest.raises(InputError, match=f"nested {MAX_DEPTH + 1} levels deep"):
        loads("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    with pytest.raises(InputError, match="nested 100000 levels deep"):
        loads("[" * 100_000 + "]" * 100_000)
    brackets = "[" * (2 * MAX_DEPTH)  # in a string: not nesting
    assert loads(json.dumps([brackets])) == [brackets]


def test_json_output_escapes_what_some_readers_take_for_line_ends() -> None:
    # Found by the CLI fuzz suite: a raw U+0085 in a JSON Lines record split it for splitlines().
    value = {"name": "a\x85b\u2028c\u2029d中"}
    text = dumps(value)
    assert text == '{"name": "a\\u0085b\\u2028c\\u2029d中"}'
    assert len(text.splitlines()) == 1
    assert loads(text) == value


# --- Policy files (TOML) ------------------------------------------------------------------------


def test_toml_floats_are_exact_and_bounded() -> None:
    assert parse_toml("a = 1_000.5", file="p.toml") == {"a": Decimal("1000.5")}
    for bad in ("a = nan", "a = -inf", "a = 1e400", "a = " + "1" * 5000, "a = 10000000000000000"):
        with pytest.raises(RulesetError) as caught:
            parse_toml(bad, file="p.toml")
        assert caught.value.file == "p.toml"


def test_toml_nesting_deeper_than_the_limit_is_refused() -> None:
    with pytest.raises(RulesetError, match="nested deeper than"):
        parse_toml("a = " + "[" * 100_000 + "]" * 100_000, file="p.toml")
    with pytest.raises(RulesetError, match="nested deeper than"):
        parse_toml("a = " + "[" * 40 + "]" * 40, file="p.toml")


def test_a_ruleset_file_with_a_bom_crlf_or_in_gb18030_is_read(tmp_path: Path) -> None:
    from integrity_support import ruleset_text

    text = ruleset_text().replace("\n", "\r\n")
    path = tmp_path / "r.toml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_ruleset(path).id == "test-rules"
    path.write_bytes(text.encode("gb18030"))
    with pytest.raises(RulesetError, match="cannot be read as utf-8"):
        load_ruleset(path)
    assert load_ruleset(path, encoding="gb18030").id == "test-rules"


def test_a_policy_file_larger_than_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_module, "MAX_DOCUMENT_BYTES", 10)
    path = tmp_path / "big.toml"
    path.write_text("a = 1\n" * 10, encoding="utf-8")
    with pytest.raises(RulesetError, match="larger than"):
        read_toml_file(path)
    with pytest.raises(InputError, match="larger than"):
        read_text(path)
