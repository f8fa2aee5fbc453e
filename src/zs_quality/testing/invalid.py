"""Hypothesis strategies for invalid inputs, for applications that test their error handling.

Each strategy draws input that zs_quality must refuse, together with what the refusal names:
:func:`bad_uscc_texts` the rule of GB 32100-2015 that fails, :func:`malformed_submissions` and
:func:`dates_out_of_order` the model and the field path the :class:`~zs_quality.errors.InputError`
must point at. :func:`json_values` draws arbitrary JSON-like data, for fuzzing.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from zs_quality.convert import unstructure
from zs_quality.dates import Date
from zs_quality.model.evidence import CQOCertification, EvidenceKind
from zs_quality.model.roles import Appointment
from zs_quality.model.submission import Submission
from zs_quality.model.uscc import (
    CHARSET,
    PROVINCE_CODES,
    REGISTRATION_AUTHORITIES,
    check_character,
    organisation_check_digit,
)
from zs_quality.testing.strategies import (
    EARLIEST,
    LATEST,
    appointments,
    dates,
    evidence,
    integrity_cases,
    uscc_texts,
)

__all__ = [
    "STRICT_RULE",
    "USCC_RULES",
    "BadUSCC",
    "Malformed",
    "bad_uscc_texts",
    "dates_out_of_order",
    "json_values",
    "malformed_submissions",
]

USCC_RULES = ("length", "charset", "registration", "division", "check")
"""The rules of a code, in the order :meth:`~zs_quality.model.uscc.USCC.parse` checks them."""

STRICT_RULE = "organisation_code"
"""The rule only ``USCC.parse(text, strict=True)`` refuses: the GB 11714 check digit (position
17). ``bad_uscc_texts(STRICT_RULE)`` draws codes that break it and nothing else."""

# Characters outside the code's set even after USCC.parse trims and upper-cases the text.
_FOREIGN = "IOSVZios-_#中·"


@attrs.frozen
class BadUSCC:
    """A code that breaks ``rule`` (the first rule that fails) at 1-based ``position``."""

    text: str
    rule: str
    position: int | None


@attrs.frozen
class Malformed:
    """JSON-ready ``data`` that ``structure(data, model)`` refuses, with the ``path`` the error
    names (exactly: one of ``error.problems`` has it) and a word on the ``fault`` introduced."""

    model: type
    data: Any
    path: str
    fault: str


def bad_uscc_texts(rule: str | None = None) -> st.SearchStrategy[BadUSCC]:
    """Codes that break ``rule`` first (one of :data:`USCC_RULES` or :data:`STRICT_RULE`; any of
    :data:`USCC_RULES` when ``None``)."""
    if rule is not None and rule not in (*USCC_RULES, STRICT_RULE):
        raise ValueError(f"rule must be one of {(*USCC_RULES, STRICT_RULE)}, got {rule!r}")
    return _bad_uscc_texts(rule)


@st.composite
def _bad_uscc_texts(draw: st.DrawFn, rule: str | None) -> BadUSCC:
    chosen = rule if rule is not None else draw(st.sampled_from(USCC_RULES))
    good = draw(uscc_texts())
    if chosen == "length":
        size = draw(st.integers(min_value=0, max_value=29).map(lambda n: n + (n >= 18)))
        text = (good * 2)[:size]
        return BadUSCC(text, "length", None)
    if chosen == "charset":
        position = draw(st.integers(min_value=1, max_value=17))
        text = good[: position - 1] + draw(st.sampled_from(_FOREIGN)) + good[position:]
        return BadUSCC(text, "charset", position)
    if chosen == "registration":
        return draw(_bad_registration(good))
    if chosen == "division":
        return draw(_bad_division(good))
    if chosen == STRICT_RULE:
        right = organisation_check_digit(good[8:16])
        wrong = draw(st.sampled_from([c for c in "0123456789X" if c != right]))
        body = good[:16] + wrong
        return BadUSCC(body + check_character(body), STRICT_RULE, 17)
    right = check_character(good[:17])
    wrong = draw(st.sampled_from([c for c in CHARSET if c != right]))
    return BadUSCC(good[:17] + wrong, "check", 18)


@st.composite
def _bad_registration(draw: st.DrawFn, good: str) -> BadUSCC:
    # An authority outside GB 32100's table (position 1), or a category its authority does not
    # register (position 2); the check character is recomputed so that only this rule fails.
    unknown = [c for c in CHARSET if c not in REGISTRATION_AUTHORITIES]
    if draw(st.booleans()):
        head, position = draw(st.sampled_from(unknown)) + good[1], 1
    else:
        categories = REGISTRATION_AUTHORITIES[good[0]].categories
        head, position = (
            good[0] + draw(st.sampled_from([c for c in CHARSET if c not in categories])),
            2,
        )
    body = head + good[2:17]
    return BadUSCC(body + check_character(body), "registration", position)


@st.composite
def _bad_division(draw: st.DrawFn, good: str) -> BadUSCC:
    # A letter among positions 3-8, or digits whose first two name no province of GB/T 2260.
    if draw(st.booleans()):
        position = draw(st.integers(min_value=3, max_value=8))
        letter = draw(st.sampled_from([c for c in CHARSET if not c.isdigit()]))
        return BadUSCC(good[: position - 1] + letter + good[position:], "division", position)
    return foreign_division(good, draw(st.sampled_from(NON_PROVINCES)))


NON_PROVINCES = tuple(f"{n:02d}" for n in range(100) if f"{n:02d}" not in PROVINCE_CODES)
"""The two-digit prefixes that name no province of GB/T 2260."""


def foreign_division(good: str, prefix: str) -> BadUSCC:
    """``good`` with a division that begins with ``prefix`` (one of :data:`NON_PROVINCES`),
    never the national ``100000``, and its check character recomputed."""
    body = good[:2] + prefix + "0100" + good[8:17]
    return BadUSCC(body + check_character(body), "division", 3)


def _set(data: dict[str, Any], path: list[str | int], value: Any) -> None:
    target: Any = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


def _drop(data: dict[str, Any], path: list[str | int]) -> None:
    target: Any = data
    for step in path[:-1]:
        target = target[step]
    del target[path[-1]]


def _dotted(path: list[str | int]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


@st.composite
def malformed_submissions(draw: st.DrawFn) -> Malformed:
    """A valid submission's JSON with one fault: a required key dropped, an unknown key added,
    a value of the wrong type, a bad date or code, a missing category, or a record id reused."""
    case = draw(integrity_cases(max_records=4))
    data: dict[str, Any] = copy.deepcopy(unstructure(case.submission))
    records = len(data["records"])
    faults = ["missing", "unknown_key", "wrong_type", "bad_uscc", "no_category"]
    if records:
        faults += ["bad_date", "duplicate_id"]
    fault = draw(st.sampled_from(faults))
    index = draw(st.integers(min_value=0, max_value=max(records - 1, 0)))
    record_fields = ["id", "item", "document_date", "submitted_on"]
    if fault == "missing":
        choices: list[list[str | int]] = [["enterprise"], ["records"], ["enterprise", "uscc"]]
        choices += [["enterprise", "name"]]
        if records:
            choices += [["records", index, f] for f in record_fields]
        path = draw(st.sampled_from(choices))
        _drop(data, path)
    elif fault == "unknown_key":
        parents: list[list[str | int]] = [[], ["enterprise"]]
        if records:
            parents.append(["records", index])
        path = [*draw(st.sampled_from(parents)), "unexpected_key"]
        _set(data, path, draw(st.none() | st.integers() | st.text(max_size=5)))
    elif fault == "wrong_type":
        choices = [["enterprise"], ["records"], ["enterprise", "name"], ["enterprise", "sector"]]
        if records:
            choices += [["records", index, f] for f in record_fields]
        path = draw(st.sampled_from(choices))
        # A list where records go is refused at its first element (records[0]), not at records:
        # the path must be the one the error names, exactly.
        wrong = [12, Decimal("1.5"), True] + ([] if path == ["records"] else [["x"]])
        _set(data, path, draw(st.sampled_from(wrong)))
    elif fault == "bad_date":
        path = ["records", index, draw(st.sampled_from(["document_date", "submitted_on"]))]
        _set(data, path, draw(st.sampled_from(["2024-02-30", "2024/01/01", "yesterday", ""])))
    elif fault == "duplicate_id":
        path = ["records", records, "id"]
        data["records"].append(copy.deepcopy(data["records"][index]))
    elif fault == "no_category":
        path = ["enterprise", "category"]
        _drop(data, path)
    else:
        path = ["enterprise", "uscc"]
        _set(data, path, draw(bad_uscc_texts()).text)
    return Malformed(Submission, data, _dotted(path), fault)


@st.composite
def dates_out_of_order(
    draw: st.DrawFn, min_value: Date = EARLIEST, max_value: Date = LATEST
) -> Malformed:
    """An appointment that ends before it starts, or a CQO certification valid until a day
    before it was issued, as JSON; both dates fall from ``min_value`` to ``max_value``, which
    must be at least a day apart."""
    early = draw(dates(min_value, max_value.subtract(days=1)))  # leave room for a later day
    late = draw(dates(min_value=early.add(days=1), max_value=max_value))
    if draw(st.booleans()):
        data = unstructure(draw(appointments()))
        data |= {"appointed_on": late.isoformat(), "ended_on": early.isoformat()}
        return Malformed(Appointment, data, "ended_on", "ended before appointed")
    data = unstructure(draw(evidence(EvidenceKind.CQO_CERTIFICATION)))
    del data["kind"]  # read as a CQOCertification, not through the Evidence union
    data |= {"date": late.isoformat(), "valid_until": early.isoformat()}
    return Malformed(CQOCertification, data, "valid_until", "valid until before issued")


def json_values(*, max_leaves: int = 30) -> st.SearchStrategy[Any]:
    """Arbitrary JSON-like values: null, booleans, numbers (int, Decimal), text, lists, objects."""
    leaves = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.decimals(allow_nan=False, allow_infinity=False),
        st.text(max_size=20),
    )
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner),
        max_leaves=max_leaves,
    )
