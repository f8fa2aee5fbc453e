"""USCC (统一社会信用代码) per GB 32100-2015: every way a code can be wrong."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zs_quality import USCC, USCCError
from zs_quality.model.uscc import (
    CHARSET,
    PROVINCE_CODES,
    REGISTRATION_AUTHORITIES,
    check_character,
    organisation_check_digit,
)
from zs_quality.testing.strategies import uscc_texts

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


@given(st.text(alphabet=CHARSET, min_size=17, max_size=17))
def test_the_check_character_is_the_standards_weighted_sum(body: str) -> None:
    # §4.3 as written: C18 = 31 - (sum of value(C_i) * 3^(i-1) mod 31) mod 31, 31 written 0.
    total = sum(CHARSET.index(c) * pow(3, i, 31) for i, c in enumerate(body))
    assert check_character(body) == CHARSET[(31 - total % 31) % 31]


def test_check_value_31_maps_to_zero() -> None:
    # Find a body whose weighted sum is a multiple of 31: the check character is then "0". Vary
    # position 16 and keep the GB 11714 digit of position 17 right, so the code passes strict.
    head = "914420000000000"
    for c in CHARSET:
        body = head + c + organisation_check_digit((head + c)[8:16])
        if check_character(body) == "0":
            break
    else:  # pragma: no cover - the search covers enough sums to reach a multiple of 31
        pytest.fail("no body ends in check 0")
    USCC.parse(body + "0", strict=True)


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
        ("01350100M000100Y43", "registration", 1, "position 1: '0' is not a registration"),
        ("B1350100M000100Y43", "registration", 1, "position 1: 'B'"),
        ("94350100M000100Y43", "registration", 2, "position 2: '4' is not a category of"),
        ("Y2350100M000100Y43", "registration", 2, "registration authority Y 其他 (1 其他)"),
        ("00000000000000000", "length", None, "got 17"),
        ("91A50100M000100Y43", "division", 3, "position 3:"),
        ("91000000M000100Y43", "division", 3, "positions 3-4: '00' is not a province code"),
        ("91990000M000100Y43", "division", 3, "positions 3-4: '99'"),
        ("91200000M000100Y43", "division", 3, "positions 3-4: '20'"),
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


@given(uscc_texts())
def test_every_well_formed_body_with_its_check_character_is_valid(text: str) -> None:
    code = USCC.parse(text, strict=True)
    assert code.value[:17] == text[:17]
    assert code.warnings == ()


@given(uscc_texts(), st.sampled_from(CHARSET))
def test_a_single_wrong_check_character_is_caught(text: str, wrong: str) -> None:
    if wrong == text[17]:
        return
    with pytest.raises(USCCError) as info:
        USCC(text[:17] + wrong)
    assert info.value.rule == "check"


# --- GB 32100-2015 structure: positions 1-2, 3-8, and the GB 11714 digit in 9-17 -------------

# Real public codes that satisfy every rule (project domain notes §4), and the standard's example.
REAL_CODES = (
    "9144030071526726XG",
    "914403001922038216",
    "12100000400000624D",
    "91442000MA4UNN6R9A",
    STANDARD_EXAMPLE,
)


@pytest.mark.parametrize("text", REAL_CODES)
def test_real_public_codes_pass_every_rule(text: str) -> None:
    code = USCC.parse(text, strict=True)
    assert code.warnings == ()


def test_registration_labels() -> None:
    assert USCC.parse("12100000400000624D").registration_labels == ("机构编制", "事业单位")
    assert USCC.parse(STANDARD_EXAMPLE).registration_labels == ("工商", "企业")


def _with_check(body: str) -> str:
    return body + check_character(body)


@pytest.mark.parametrize(
    ("authority", "category"),
    [(a, c) for a, auth in REGISTRATION_AUTHORITIES.items() for c in auth.categories],
)
def test_every_pair_of_the_table_is_accepted(authority: str, category: str) -> None:
    USCC(_with_check(authority + category + "350100M000100Y4"))


@pytest.mark.parametrize("authority", sorted(set(CHARSET) - set(REGISTRATION_AUTHORITIES)))
def test_every_other_authority_is_refused_at_position_1(authority: str) -> None:
    with pytest.raises(USCCError) as info:
        USCC(_with_check(authority + "1350100M000100Y4"))
    assert (info.value.rule, info.value.position) == ("registration", 1)


@pytest.mark.parametrize(
    ("authority", "category"),
    [
        (a, c)
        for a, auth in REGISTRATION_AUTHORITIES.items()
        for c in CHARSET
        if c not in auth.categories
    ],
)
def test_every_category_outside_its_authoritys_list_is_refused_at_position_2(
    authority: str, category: str
) -> None:
    with pytest.raises(USCCError) as info:
        USCC(_with_check(authority + category + "350100M000100Y4"))
    assert (info.value.rule, info.value.position) == ("registration", 2)


@pytest.mark.parametrize("prefix", [f"{n:02d}" for n in range(100)])
def test_division_prefixes_are_the_provinces_of_gb_t_2260(prefix: str) -> None:
    text = _with_check(f"91{prefix}0100M000100Y4")  # 100100 is not the national 100000
    if prefix in PROVINCE_CODES:
        USCC(text)
    else:
        with pytest.raises(USCCError) as info:
            USCC(text)
        assert (info.value.rule, info.value.position) == ("division", 3)


def test_a_national_registration_is_division_100000_only() -> None:
    USCC(_with_check("12100000400000624"))
    with pytest.raises(USCCError, match="'10' is not a province code"):
        USCC(_with_check("12100100400000624"))


@pytest.mark.parametrize(
    ("code", "digit"),
    [
        ("MA4UNN6R", "9"),
        ("M000100Y", "4"),
        ("71526726", "X"),  # 11 - sum mod 11 == 10 is written X
        ("19220382", "1"),
        ("40000062", "4"),
    ],
)
def test_organisation_check_digit_of_gb_11714(code: str, digit: str) -> None:
    assert organisation_check_digit(code) == digit


def test_organisation_check_digit_11_is_written_0() -> None:
    # Sum a multiple of 11: 3*0 + ... + 2*0 = 0, so c = 11, written 0.
    assert organisation_check_digit("00000000") == "0"


def test_a_wrong_organisation_check_digit_is_a_warning_by_default_and_an_error_when_strict() -> (
    None
):
    text = _with_check("91442000MA4UNN6R8")  # 8 where GB 11714 gives 9
    code = USCC.parse(text)
    assert code.warnings == (
        "position 17: the organisation-code (GB 11714) check digit is '8', expected '9'",
    )
    with pytest.raises(USCCError) as info:
        USCC.parse(text, strict=True)
    assert (info.value.rule, info.value.position) == ("organisation_code", 17)


@given(uscc_texts(), st.sampled_from(CHARSET))
def test_any_other_digit_in_position_17_is_warned_of(text: str, digit: str) -> None:
    if digit == text[16]:
        return
    code = USCC(_with_check(text[:16] + digit))
    assert len(code.warnings) == 1
