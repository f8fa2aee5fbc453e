"""Identity text, periods past 9999-12-31, and each enterprise once per population (issue 11)."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path

import pytest

from zs_quality import structure
from zs_quality.api import compare_rulesets
from zs_quality.batch import Rejected, jsonl_line, score_file, score_many
from zs_quality.dates import LONG_TERM, Date, end_of_period, is_long_term
from zs_quality.errors import InputError
from zs_quality.io.jsonio import Line
from zs_quality.io.registry import parse_registry
from zs_quality.model.evidence import Award
from zs_quality.model.identity import identity_text
from zs_quality.model.submission import IntegrityRecord, Submission
from zs_quality.model.uscc import CHARSET, USCC, check_character
from zs_quality.rules.duty import check_duty_records
from zs_quality.rules.integrity import Outcome, score_integrity
from zs_quality.rulesets import load_ruleset
from zs_quality.uscc_index import USCCIndex

RULES = load_ruleset("zhongshan-construction-good-behaviour@2024-cqo")
CODE = "91350100M000100Y43"
OTHER = "91442000MA4UNN6R9A"


def submission(code: str = CODE, **record: str) -> dict[str, object]:
    fields = {"id": "r1", "item": "JJL-002", "document_date": "2024-05-01"}
    fields |= {"submitted_on": "2024-05-03"} | record
    return {
        "enterprise": {"uscc": code, "name": "测试监理有限公司", "category": "supervision"},
        "records": [fields],
    }


# --- Identity text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("粤建〔2024〕1号\u200b", "粤建〔2024〕1号"),
        ("\ufeff粤建〔2024〕1号", "粤建〔2024〕1号"),
        ("粤建\u202e〔2024〕1号", "粤建〔2024〕1号"),
        ("粤建〔２０２４〕１号", "粤建〔2024〕1号"),
        ("\u3000 r1\u00a0", "r1"),
        ("r1", "r1"),
    ],
)
def test_identity_text_drops_invisible_characters_and_unifies_forms(
    typed: str, normal: str
) -> None:
    assert identity_text(typed) == normal
    assert identity_text(identity_text(typed)) == normal


def test_a_zero_width_space_no_longer_makes_a_document_new() -> None:
    # Regression: a U+200B in document_no defeated the duplicate rule (50 points became 100).
    data = submission(document_no="粤建〔2024〕1号")
    second = dict(data["records"][0]) | {"id": "r2", "document_no": "粤建〔2024〕1号\u200b"}  # type: ignore[index]
    data["records"] = [data["records"][0], second]  # type: ignore[index]
    result = score_integrity(structure(data, Submission), RULES, "2025-01-01")
    assert [r.outcome for r in result.records] == [Outcome.COUNTED, Outcome.DUPLICATE]
    assert result.total == Decimal(50)


def test_ids_are_normalised_so_invisible_differences_are_duplicates() -> None:
    record = {"item": "JJL-002", "document_date": "2024-05-01", "submitted_on": "2024-05-03"}
    with pytest.raises(InputError, match="duplicate record id 'r1'"):
        structure(
            submission() | {"records": [record | {"id": "r1"}, record | {"id": "r1\u200b"}]},
            Submission,
        )
    assert (
        IntegrityRecord(
            id=" ｒ1 ", item="A", document_date="2024-01-01", submitted_on="2024-01-01"
        ).id
        == "r1"
    )
    assert (
        Award(id="a\u200b", date="2024-01-01", level="national", document_no="\ufeffX").document_no
        == "X"
    )


def test_an_identity_of_invisible_characters_only_is_empty_and_refused() -> None:
    with pytest.raises(InputError, match="must be non-empty text"):
        IntegrityRecord(
            id="\u200b", item="A", document_date="2024-01-01", submitted_on="2024-01-01"
        )


def test_a_uscc_typed_full_width_or_with_invisible_characters_is_read() -> None:
    assert USCC.parse("９１３５０１００Ｍ０００１００Ｙ４３").value == CODE
    assert USCC.parse(f"\u200b{CODE}\ufeff").value == CODE


# --- Periods past 9999-12-31 ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "years", "months"),
    [
        (Date(9999, 12, 31), 1, 0),
        (Date(9999, 1, 1), 1, 0),
        (Date(2024, 2, 29), 100_000, 0),
        (Date(9999, 12, 1), 0, 1),
        (Date(1, 1, 1), 10**30, 0),
    ],
)
def test_a_period_that_would_end_past_9999_ends_on_the_last_day(
    start: Date, years: int, months: int
) -> None:
    end = end_of_period(start, years=years, months=months)
    assert end == LONG_TERM == Date(9999, 12, 31)
    assert is_long_term(end)


def test_a_period_ending_inside_the_calendar_is_unchanged() -> None:
    assert end_of_period(Date(9998, 12, 31), years=1) == Date(9999, 12, 31)
    assert end_of_period(Date(9999, 11, 30), months=1) == Date(9999, 12, 30)
    assert not is_long_term(Date(9999, 12, 30))


def test_records_dated_near_9999_are_scored_and_the_batch_goes_on(tmp_path: Path) -> None:
    # Regression: "year 10000 is out of range" aborted the batch mid-stream.
    path = tmp_path / "long.jsonl"
    near = submission(document_date="9999-12-31", submitted_on="9999-12-31")
    path.write_text(json.dumps(near) + "\n" + json.dumps(submission(OTHER)) + "\n", "utf-8")
    outcomes = list(score_file(str(path), RULES, "9999-12-31", lambda r: r))
    assert not any(isinstance(o, Rejected) for o in outcomes)
    record = outcomes[0].records[0]  # type: ignore[union-attr]
    assert record.valid_until == LONG_TERM
    assert record.filing_deadline == LONG_TERM
    assert record.outcome is Outcome.COUNTED
    assert "有效期自9999-12-31起长期有效" in record.reason_zh
    assert "valid from 9999-12-31 until further notice" in record.reason_en


def test_the_last_iso_week_of_the_calendar_ends_with_it() -> None:
    gaps = check_duty_records([], "9999-12-27", "9999-12-31")
    assert gaps.missing_weeks[-1].end == LONG_TERM


# --- Each enterprise once ------------------------------------------------------------------------


def _codes(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    found: set[str] = set()
    while len(found) < count:
        body = rng.choice("19") + "1" + "".join(rng.choice("0123456789") for _ in range(6))
        body += "".join(rng.choice(CHARSET) for _ in range(9))
        found.add(body + check_character(body))
    return sorted(found)


def test_the_index_is_exact_across_growth() -> None:
    codes = _codes(5000, seed=7)
    index = USCCIndex(capacity=4)
    assert all(index.first(code, n) is None for n, code in enumerate(codes, start=1))
    assert [index.first(code, 99_999) for code in codes] == list(range(1, 5001))
    assert len(index) == 5000
    assert index.nbytes <= 48 * len(index) + 16 * 1024


def test_a_position_the_index_cannot_hold_is_kept_as_the_nearest_it_can() -> None:
    # A slot keeps a position in 40 bits, and a stored position of zero would read as an empty
    # slot: 0 is kept as 1, and anything beyond 2**40 - 1 as 2**40 - 1.
    index = USCCIndex()
    assert index.first(CODE, 0) is None
    assert index.first(OTHER, 2**41) is None
    assert (index.first(CODE, 7), index.first(OTHER, 7)) == (1, 2**40 - 1)
    assert len(index) == 2


def test_a_chunk_stopped_by_what_is_not_a_code_keeps_the_codes_before_it() -> None:
    index = USCCIndex()
    with pytest.raises(ValueError, match="base 36"):
        index.first_of_each([CODE, "not-a-code-at-all!", OTHER], [1, 2, 3])
    assert len(index) == 1
    assert (index.first(CODE, 9), index.first(OTHER, 9)) == (1, None)


def test_codes_that_share_their_last_characters_do_not_collide() -> None:
    bodies = [f"{a}{b}442000MA4UNN6R9" for a in "159" for b in "123"]
    codes = [b + check_character(b) for b in bodies]
    index = USCCIndex()
    assert [index.first(c, n) for n, c in enumerate(codes, start=1)] == [None] * len(codes)


MESSAGE = "is listed twice (first at line 1): a population lists each enterprise once"


def test_score_rejects_a_repeated_uscc_like_impact_and_cqo_coverage(tmp_path: Path) -> None:
    # Regression: score accepted the same USCC twice while impact and cqo coverage refused it.
    path = tmp_path / "twice.jsonl"
    path.write_text("\n".join(json.dumps(submission(c)) for c in (CODE, OTHER, CODE)), "utf-8")
    for jobs in (1, 2):
        outcomes = list(score_file(str(path), RULES, "2025-01-01", jsonl_line, jobs=jobs))
        assert [isinstance(o, Rejected) for o in outcomes] == [False, False, True]
        error = outcomes[2].error  # type: ignore[union-attr]
        assert (error.line, error.path) == (3, "enterprise.uscc")
        assert MESSAGE in error.message
    lines = [Line(n, submission(c)) for n, c in enumerate((CODE, OTHER, CODE), start=1)]
    impact = compare_rulesets(lines, RULES, RULES, "2025-01-01", file=str(path))
    assert [r.position for r in impact.rejected] == [3]
    assert MESSAGE in impact.rejected[0].error
    registry_line = {
        "uscc": CODE,
        "name": "x",
        "town": None,
        "sector": "manufacturing",
        "employees": 1,
        "revenue": 1,
        "total_assets": 1,
    }
    registry = parse_registry([Line(1, registry_line), Line(2, registry_line)], file="r.jsonl")
    assert [str(e) for e in registry.errors] == [f"r.jsonl:2: uscc: enterprise {CODE} {MESSAGE}"]


def test_score_many_rejects_a_repeat_by_position() -> None:
    outcomes = list(score_many([submission(), submission()], RULES, "2025-01-01"))
    assert isinstance(outcomes[1], Rejected)
    assert "(first at position 1)" in outcomes[1].error.message


def test_a_repeat_inside_an_array_names_its_element(tmp_path: Path) -> None:
    path = tmp_path / "pop.json"
    path.write_text(json.dumps([submission(), submission(OTHER), submission()]), "utf-8")
    outcomes = list(score_file(str(path), RULES, "2025-01-01", lambda r: r))
    assert str(outcomes[2].error).startswith(  # type: ignore[union-attr]
        f"{path}:1: [2].enterprise.uscc: enterprise {CODE} is listed twice"
    )
