"""The unified social credit code (统一社会信用代码, USCC) of GB 32100-2015.

A code has 18 characters: position 1 the registration authority (登记管理部门), 2 the category
(机构类别), 3-8 the registering authority's administrative-division code (行政区划码, GB/T 2260),
9-17 the subject identifier (主体标识码, the organisation code of GB 11714 with its own check digit
in position 17) and 18 the check character.

:meth:`USCC.parse` refuses a code that breaks the structure of GB 32100-2015. The GB 11714 check
digit of position 17 is reported as a warning (:attr:`USCC.warnings`), not refused, unless
``strict=True``: codes issued when organisation codes were converted may not all satisfy it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Self

import attrs

from zs_quality.errors import USCCError, shown
from zs_quality.model.identity import identity_text

__all__ = [
    "CHARSET",
    "NATIONAL_DIVISION",
    "PROVINCE_CODES",
    "REGISTRATION_AUTHORITIES",
    "USCC",
    "RegistrationAuthority",
    "check_character",
    "organisation_check_digit",
]

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 characters a code may use, in value order 0-30 (GB 32100-2015; no I, O, S, V, Z)."""

_VALUE = {c: i for i, c in enumerate(CHARSET)}
_LENGTH = 18


@attrs.frozen
class RegistrationAuthority:
    """A registration authority (登记管理部门, position 1) and the categories (机构类别, position 2)
    it registers, each code with its name."""

    code: str
    name: str
    categories: Mapping[str, str]


def _authority(code: str, name: str, **categories: str) -> tuple[str, RegistrationAuthority]:
    table = {key.removeprefix("c"): label for key, label in categories.items()}
    return code, RegistrationAuthority(code, name, MappingProxyType(table))


REGISTRATION_AUTHORITIES: Mapping[str, RegistrationAuthority] = MappingProxyType(
    dict(
        [
            _authority(
                "1",
                "机构编制",
                c1="机关",
                c2="事业单位",
                c3="中央编办直接管理机构编制的群众团体",
                c9="其他",
            ),
            _authority("2", "外交", c1="外国常住新闻机构", c9="其他"),
            _authority(
                "3",
                "司法行政",
                c1="律师执业机构",
                c2="公证处",
                c3="基层法律服务所",
                c4="司法鉴定机构",
                c5="仲裁委员会",
                c9="其他",
            ),
            _authority("4", "文化", c1="外国在华文化中心", c9="其他"),
            _authority("5", "民政", c1="社会团体", c2="民办非企业单位", c3="基金会", c9="其他"),
            _authority(
                "6",
                "旅游",
                c1="外国旅游部门常驻代表机构",
                c2="港澳台地区旅游部门常驻内地（大陆）代表机构",
                c9="其他",
            ),
            _authority("7", "宗教", c1="宗教活动场所", c2="宗教院校", c9="其他"),
            _authority("8", "工会", c1="基层工会", c9="其他"),
            _authority("9", "工商", c1="企业", c2="个体工商户", c3="农民专业合作社"),
            _authority("A", "中央军委改革和编制办公室", c1="军队事业单位", c9="其他"),
            _authority(
                "N",
                "农业",
                c1="组级集体经济组织",
                c2="村级集体经济组织",
                c3="乡镇级集体经济组织",
                c9="其他",
            ),
            _authority("Y", "其他", c1="其他"),
        ]
    )
)
"""GB 32100-2015's table of registration authorities (position 1) and their categories (position 2)."""

PROVINCE_CODES: Mapping[str, str] = MappingProxyType(
    {
        "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
        "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
        "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省",
        "36": "江西省", "37": "山东省",
        "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区",
        "46": "海南省",
        "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区",
        "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区",
        "65": "新疆维吾尔自治区",
        "71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区",
    }
)  # fmt: skip
"""The province-level codes of GB/T 2260 (the first two digits of an administrative division)."""

NATIONAL_DIVISION = "100000"
"""Positions 3-8 of a code registered by a national (central) authority, e.g. 12100000400000624D."""


def check_character(body: str) -> str:
    """The check character (position 18) for the first 17 characters ``body``.

    GB 32100-2015: ``C18 = 31 - (sum(C_i * W_i) mod 31)``, where a result of 31 stands for 0.
    """
    if len(body) != _LENGTH - 1 or any(c not in _VALUE for c in body):
        raise USCCError(
            f"expected the 17 leading characters of a code, got {body!r}", rule="length"
        )
    return _check_of(body)


# GB 32100-2015 §4.3: the weight of position i (1-based) is 3^(i-1) mod 31. Each character of
# CHARSET is written as the base-34 digit of its value (0-9, then a for 10 ... u for 30): as
# 34 = 3 (mod 31), the weighted sum mod 31 is the body, reversed (position 1 the units), read as
# a base-34 number, mod 31. int() reads it in C: this runs for every code of a batch, at less
# than half the cost of summing the products.
_BASE_34 = str.maketrans(CHARSET, "0123456789abcdefghijklmnopqrstu")


def _check_of(body: str) -> str:
    """The check character of 17 characters of :data:`CHARSET` (§4.3: 31 minus the weighted
    sum mod 31, 31 written 0)."""
    return CHARSET[-int(body.translate(_BASE_34)[::-1], 34) % 31]


# GB 11714: digits count as their value and letters as A=10 ... Z=35; weights of positions 1-8.
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def organisation_check_digit(code: str) -> str:
    """The GB 11714 check digit of an organisation code's first eight characters ``code``.

    ``c = 11 - (sum(C_i * W_i) mod 11)`` with weights 3, 7, 9, 10, 5, 8, 4, 2; 10 is written ``X``
    and 11 is written ``0``.
    """
    if len(code) != 8 or not code.isascii() or not code.isalnum():
        raise USCCError(f"expected 8 digits or capital letters, got {code!r}", rule="length")
    total = sum(int(c, 36) * w for c, w in zip(code.upper(), _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


# A valid code in one regular-expression match and one sum; the checks below run only to say what
# is wrong with an invalid one.
_PAIRS = [a + c for a, authority in REGISTRATION_AUTHORITIES.items() for c in authority.categories]
_VALID_SHAPE = re.compile(
    f"(?:{'|'.join(_PAIRS)})"
    f"(?:(?:{'|'.join(PROVINCE_CODES)})[0-9]{{4}}|{NATIONAL_DIVISION})"
    f"[{CHARSET}]{{10}}"
)


def _registration_fault(text: str) -> USCCError | None:
    authority = REGISTRATION_AUTHORITIES.get(text[0])
    if authority is None:
        known = ", ".join(f"{a.code} {a.name}" for a in REGISTRATION_AUTHORITIES.values())
        return USCCError(
            f"position 1: {text[0]!r} is not a registration authority of GB 32100-2015 ({known})",
            rule="registration",
            position=1,
        )
    if text[1] not in authority.categories:
        allowed = ", ".join(f"{c} {name}" for c, name in authority.categories.items())
        return USCCError(
            f"position 2: {text[1]!r} is not a category of registration authority "
            f"{authority.code} {authority.name} ({allowed})",
            rule="registration",
            position=2,
        )
    return None


def _division_fault(text: str) -> USCCError | None:
    for pos in range(3, 9):
        char = text[pos - 1]
        if not char.isdigit():
            return USCCError(
                f"position {pos}: the administrative-division code (positions 3-8) "
                f"must be digits, got {char!r}",
                rule="division",
                position=pos,
            )
    division = text[2:8]
    if division[:2] not in PROVINCE_CODES and division != NATIONAL_DIVISION:
        return USCCError(
            f"positions 3-4: {division[:2]!r} is not a province code of GB/T 2260 "
            f"(division {division}; a national registration is {NATIONAL_DIVISION})",
            rule="division",
            position=3,
        )
    return None


def _validate(text: str) -> None:
    if _VALID_SHAPE.fullmatch(text) and text[17] == _check_of(text[:17]):
        return
    if len(text) != _LENGTH:
        raise USCCError(f"length: a code has {_LENGTH} characters, got {len(text)}", rule="length")
    # Position 18 is judged by the check rule below, so a wrong character there is reported with
    # the character that was expected.
    for pos, char in enumerate(text[:17], start=1):
        if char not in _VALUE:
            raise USCCError(
                f"position {pos}: {char!r} is not in the code's character set "
                "(digits and capital letters except I, O, S, V, Z)",
                rule="charset",
                position=pos,
            )
    fault = _registration_fault(text) or _division_fault(text)
    if fault is not None:
        raise fault
    expected = _check_of(text[:17])
    if text[17] != expected:
        raise USCCError(
            f"position 18: check character is {text[17]!r}, expected {expected!r}",
            rule="check",
            position=18,
        )


def _check(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str):
        raise USCCError(f"{shown(value)} is not a text code", rule="length")
    _validate(value)


@attrs.frozen(order=True)
class USCC:
    """A unified social credit code (统一社会信用代码), valid by GB 32100-2015.

    Construct with :meth:`parse` for text typed by a person; the constructor itself takes only a
    code that is already normalized and raises :class:`~zs_quality.errors.USCCError` otherwise.
    """

    value: str = attrs.field(validator=_check)

    @classmethod
    def parse(cls, text: str, *, strict: bool = False) -> Self:
        """Normalise as identity text (invisible characters removed, full-width characters made
        plain, surrounding white space trimmed: :mod:`zs_quality.model.identity`), upper-case,
        then validate.

        The rules are checked in this order and the first that fails is reported: the length
        (18), the character set, the registration authority and category (positions 1-2), the
        administrative division (positions 3-8: digits, of a province of GB/T 2260), the check
        character (18). With ``strict=True`` the GB 11714 check digit (position 17) must hold too
        (rule ``organisation_code``); otherwise a wrong one is only listed in :attr:`warnings`.
        """
        if not isinstance(text, str):
            raise USCCError(f"{shown(text)} is not a text code", rule="length")
        # ASCII, the common case, without the normalisation's cost.
        normal = text if text.isascii() else identity_text(text)
        assert isinstance(normal, str)
        code = cls(normal.strip().upper())
        if strict and code.warnings:
            raise USCCError(code.warnings[0], rule="organisation_code", position=17)
        return code

    @property
    def registration_authority(self) -> str:
        """Position 1: the registration-management authority (登记管理部门) code."""
        return self.value[0]

    @property
    def organisation_type(self) -> str:
        """Position 2: the organisation-type (机构类别) code."""
        return self.value[1]

    @property
    def registration_labels(self) -> tuple[str, str]:
        """The names of the registration authority and the category, e.g. ``("工商", "企业")``."""
        authority = REGISTRATION_AUTHORITIES[self.value[0]]
        return authority.name, authority.categories[self.value[1]]

    @property
    def division_code(self) -> str:
        """Positions 3-8: the registering authority's administrative-division code (行政区划码)."""
        return self.value[2:8]

    @property
    def subject_identifier(self) -> str:
        """Positions 9-17: the subject identifier (主体标识码, the former organisation code)."""
        return self.value[8:17]

    @property
    def warnings(self) -> tuple[str, ...]:
        """Faults that GB 32100-2015 codes in circulation may carry and :meth:`parse` tolerates
        unless ``strict``: a GB 11714 check digit (position 17) that does not hold."""
        subject = self.subject_identifier
        expected = organisation_check_digit(subject[:8])
        if subject[8] == expected:
            return ()
        return (
            f"position 17: the organisation-code (GB 11714) check digit is {subject[8]!r}, "
            f"expected {expected!r}",
        )

    def __str__(self) -> str:
        return self.value
