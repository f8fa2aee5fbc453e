"""USCC (统一社会信用代码) per GB 32100-2015: every way a code can be wrong."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zs_quality import USCC, USCCError
from zs_quality.model.uscc import CHARSET, check_character

STANDARD_EXAMPLE = "91350100M000100Y43"


def test_the_standards_own_example_is_valid() -> None:
    assert str(USCC.parse(STANDARD_EXAMPLE)) == STANDARD_EXAMPLE


def test_parse_trims_and_upper_cases() -> None:
    assert USCC.parse("  91350100m000100y43\n").value == STANDARD_EXAMPLE


def test_parts() -> None:
    code = USCC.parse(STANDARD_EXAMPLE)
    assert code.registration_authority == "9"
    assert code.organisation_type == "1"
    assert code.division_code == "350100"
    assert code.subject_identifier == "M000100Y4"


def test_weights_are_powers_of_three_mod_31() -> None:
    # 91350100M000100Y4 -> weighted sum 524; 524 mod 31 = 28; 31 - 28 = 3
    assert check_character("91350100M000100Y4") == "3"


def test_check_value_31_maps_to_zero() -> None:
    # Find a body whose weighted sum is a multiple of 31: the check character is then "0".
    body = "9144200000000000"
    for c in CHARSET:
        if check_character(body + c) == "0":
            break
    else:  # pragma: no cover - one of 31 characters always gives 0
        pytest.fail("no body ends in check 0")
    USCC(body + c + "0")


@pytest.mark.parametrize(
    ("text", "rule", "position", "message"),
    [
        ("", "length", None, "length: a code has 18 characters, got 0"),
        ("91350100M000100Y4", "length", None, "got 17"),
        ("91350100M000100Y433", "length", None, "got 19"),
        ("I1350100M000100Y43", "charset", 1, "position 1: 'I'"),
        ("91350100M0O0100Y43", "charset", 11, "position 11: 'O'"),
        ("91350100S000100Y43", "charset", 9, "position 9: 'S'"),
        ("91350100M000100V43", "charset", 16, "position 16: 'V'"),
        ("91350100M000100Y-3", "charset", 17, "position 17: '-'"),
        ("91A50100M000100Y43", "division", 3, "position 3:"),
        ("913501A0M000100Y43", "division", 7, "position 7:"),
        ("9135010AM000100Y43", "division", 8, "position 8:"),
        ("91350100M000100Y44", "check", 18, "position 18: check character is '4', expected '3'"),
        ("91350100M000100Y4Z", "check", 18, "position 18: check character is 'Z', expected '3'"),
    ],
)
def test_each_rule_names_itself_and_the_position(
    text: str, rule: str, position: int | None, message: str
) -> None:
    with pytest.raises(USCCError) as info:
        USCC.parse(text)
    assert info.value.rule == rule
    assert info.value.position == position
    assert message in str(info.value)


def test_constructor_does_not_normalize() -> None:
    with pytest.raises(USCCError):
        USCC("91350100m000100y43")


def test_non_text_is_refused() -> None:
    with pytest.raises(USCCError):
        USCC.parse(91350100)  # type: ignore[arg-type]


@given(st.text(alphabet=CHARSET, min_size=17, max_size=17).filter(lambda s: s[2:8].isdigit()))
def test_every_body_with_its_check_character_is_valid(body: str) -> None:
    code = USCC(body + check_character(body))
    assert code.value[:17] == body


@given(
    st.text(alphabet=CHARSET, min_size=17, max_size=17).filter(lambda s: s[2:8].isdigit()),
    st.sampled_from(CHARSET),
)
def test_a_single_wrong_check_character_is_caught(body: str, wrong: str) -> None:
    right = check_character(body)
    if wrong == right:
        return
    with pytest.raises(USCCError) as info:
        USCC(body + wrong)
    assert info.value.rule == "check"
