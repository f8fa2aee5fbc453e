"""The batch path's orjson reading gives exactly what the exact decoder gives: the same data,
the same refusals; and orjson's indented writing gives exactly what json writes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from zs_quality.errors import InputError
from zs_quality.io import jsonio
from zs_quality.io.jsonio import dumps, loads
from zs_quality.limits import MAX_DEPTH

# What a line read may hold: text, whole numbers within and beyond the limits, numbers with a
# fraction or exponent (floats, as json.dumps writes them), None, booleans, lists and objects.
_READ_VALUES = st.recursive(
    st.text()
    | st.integers(min_value=-(10**16), max_value=10**16)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.none()
    | st.booleans(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
_READ_OBJECTS = st.dictionaries(st.text(), _READ_VALUES, max_size=6)


def _exact(text: str) -> Any:
    """What the exact decoder alone reads (or the error it raises)."""
    try:
        return jsonio._DECODER.decode(text)
    except InputError:
        return "refused"


def _read(text: str) -> Any:
    try:
        return loads(text)
    except InputError:
        return "refused"


@given(_READ_OBJECTS, st.sampled_from(["", " ", "\t"]), st.sampled_from(["", " "]))
@settings(max_examples=300)
def test_orjson_reads_what_the_exact_decoder_reads(
    data: dict[str, Any], before: str, after: str
) -> None:
    text = json.dumps(data, ensure_ascii=False, separators=(",", f"{before}:{after}"))
    assert _read(text) == _exact(text)


@pytest.mark.parametrize(
    "text",
    [
        # A key twice, with a colon inside a string making up for the key orjson dropped.
        '{"a": "x:y", "a": 1}',
        # A key twice, with white space before the colons.
        '{"a" : 1, "a" : 2}',
        '{"a": {"b": 1, "b": 2}}',
        '[{"b": 1}, {"b": 1, "b": 2}]',
        '{"a": 1, "a": 1}',
    ],
)
def test_a_key_given_twice_is_refused_however_the_line_is_written(text: str) -> None:
    with pytest.raises(InputError, match="is given twice"):
        loads(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"n": 1.50}', {"n": Decimal("1.50")}),
        ('{"n": 1e2}', {"n": Decimal("1E+2")}),
        ('{"n": -0}', {"n": 0}),
        ('{"n": 999999999999999}', {"n": 999999999999999}),
        ('{"a:b": "c:d"}', {"a:b": "c:d"}),
        ('{"s": "\\u00e9"}', {"s": "é"}),
    ],
)
def test_numbers_and_escapes_are_read_exactly(text: str, expected: Any) -> None:
    assert loads(text) == expected
    assert _read(text) == _exact(text)


@pytest.mark.parametrize(
    "text",
    [
        '{"n": 1000000000000000}',
        '{"n": 18446744073709551616}',
        '{"n": NaN}',
        '{"s": "\\ud800"}',
        '{"s": "中\ud800"}',  # raw, in a text a caller built: orjson refuses it, so must the rest
        '["\udfff"]',
    ],
)
def test_what_the_exact_decoder_refuses_stays_refused(text: str) -> None:
    with pytest.raises(InputError):
        loads(text)


# JSON text written by hand, so that it can hold what json.dumps never writes: a key given twice,
# white space around a colon, colons and brackets in strings, deep nesting, exact numbers.
_KEY = st.sampled_from(["a", "b", "a:b", "[{", "名"])
_LEAF = st.one_of(
    st.sampled_from(["1", "-7", "1.50", "1e3", "12345678901234567890", "true", "null"]),
    st.text(st.sampled_from("ab:{[ ,中"), max_size=4).map(json.dumps),
)
_COLON = st.sampled_from([": ", ":", " : ", "\t:"])


def _json_text(leaf: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    pairs = st.lists(st.tuples(_KEY, _COLON, leaf), max_size=3)
    return st.one_of(
        st.lists(leaf, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        pairs.map(lambda ps: "{" + ", ".join(json.dumps(k) + c + v for k, c, v in ps) + "}"),
    )


_TEXT = st.recursive(_LEAF, _json_text, max_leaves=12)


def _reading(text: str, *, fast: bool) -> str:
    try:
        return repr(jsonio._loads(text, None, None, "", 0, fast=fast))
    except InputError as exc:
        return f"ERR: {exc}"


@example(text='{"a": 1, "a": 2}', depth=0)
@example(text='{"a" : 1, "b": "x:y"}', depth=0)
@example(text="[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), depth=0)
@example(text="[" + ", ".join(["{}"] * (2 * MAX_DEPTH)) + "]", depth=0)
@given(text=_TEXT, depth=st.integers(0, MAX_DEPTH + 2))
def test_orjsons_reading_is_taken_only_when_it_is_the_exact_one(text: str, depth: int) -> None:
    # The fast reading (orjson, checked by its colons, numbers and depth) must read every text as
    # the exact decoder alone does: the same value, or the same refusal.
    for candidate in (text, "[" * depth + text + "]" * depth):
        assert _reading(candidate, fast=True) == _reading(candidate, fast=False)


# What the library writes indented: text (every code point, half surrogate pairs and the three
# line-end characters among them), whole numbers within and beyond 64 bits, Decimals, None,
# booleans, lists, tuples and objects, whose keys are text or, now and then, what json turns
# into text (numbers, booleans, None), which orjson refuses.
_KEYS = st.text() | st.integers() | st.booleans() | st.none()
_WRITTEN = st.recursive(
    st.text(st.characters(codec=None, exclude_categories=()))
    | st.sampled_from(["\x85", "\u2028", "\u2029", "\x00\x1f\x7f", '"\\/', "中山"])
    | st.integers(min_value=-(2**66), max_value=2**66)
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.none()
    | st.booleans(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(), inner, max_size=4)
        | st.dictionaries(_KEYS, inner, max_size=3)
    ),
    max_leaves=20,
)


def _json_indented(data: Any) -> str:
    """What :func:`dumps` wrote with ``indent=2`` before orjson did: json's text, with the three
    line-end characters escaped."""
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    for char in "\x85\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


@example(data={"a": [], "b": {}, "c": [{}, [[]]], "中": "\u2028"})
@example(data={"big": 2**64, "small": -(2**63) - 1, "edge": 2**64 - 1})
@example(data={2: "a", True: "b", None: "c"})
@example(data=["\ud800"])
@example(data=[[[[[]]]]] * 3)
@given(data=_WRITTEN)
def test_indented_text_is_written_as_json_writes_it(data: Any) -> None:
    # Every indented output (score --format json, impact, schemas) goes through orjson, or
    # through json where orjson refuses the data: either way, the text json wrote.
    assert dumps(data, indent=2) == _json_indented(data)


@dataclasses.dataclass
class _Point:
    x: int


def test_what_json_cannot_write_is_refused_alike_when_indented() -> None:
    # orjson would write a date or a dataclass its own way, and refuse a set or another object in
    # its own words: each is refused as json refuses it.
    for value in ({"day": dt.date(2025, 6, 30)}, [_Point(1)], {"s": {1, 2}}, [object()]):
        with pytest.raises(TypeError, match="is not JSON data"):
            dumps(value, indent=2)
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular reference"):
        dumps(loop, indent=2)
