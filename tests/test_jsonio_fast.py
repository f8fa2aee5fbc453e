"""The batch path's orjson reading gives exactly what the exact decoder gives: the same data,
the same refusals."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zs_quality.errors import InputError
from zs_quality.io import jsonio
from zs_quality.io.jsonio import loads

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
    ['{"n": 1000000000000000}', '{"n": 18446744073709551616}', '{"n": NaN}', '{"s": "\\ud800"}'],
)
def test_what_the_exact_decoder_refuses_stays_refused(text: str) -> None:
    with pytest.raises(InputError):
        loads(text)
