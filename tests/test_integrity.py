"""The integrity-score bonus rules, pinned at their boundaries."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from integrity_support import rec, ruleset, submission
from zs_quality import InputError, parse_date
from zs_quality.model.submission import IntegrityRecord, RecordStatus
from zs_quality.rules.integrity import IntegrityResult, Outcome, RecordResult, score_integrity
from zs_quality.rulesets import RulesetHistory

RULES = ruleset()


def outcome(record_or_records: object, as_of: str = "2024-12-31", **kw: object) -> list[Outcome]:
    records = record_or_records if isinstance(record_or_records, list) else [record_or_records]
    result = score_integrity(submission(*records, **kw), RULES, as_of)  # type: ignore[arg-type]
    return [r.outcome for r in result.records]


# --- filing deadline: end_of_period(document_date, 1 year), inclusive ---------------------------


def test_filed_on_the_deadline_day_counts() -> None:
    assert outcome(rec("r", document_date="2024-05-01", submitted_on="2025-05-01")) == [
        Outcome.COUNTED
    ]


def test_filed_the_day_after_the_deadline_is_late() -> None:
    result = score_integrity(
        submission(rec("r", document_date="2024-05-01", submitted_on="2025-05-02")),
        RULES,
        "2024-12-31",
    )
    record = result.records[0]
    assert record.outcome is Outcome.LATE_SUBMISSION
    assert record.filing_deadline == parse_date("2025-05-01")
    assert record.awarded == 0
    assert result.total == 0


def test_deadline_from_29_february_is_28_february() -> None:
    doc = "2024-02-29"
    assert outcome(rec("r", document_date=doc, submitted_on="2025-02-28")) == [Outcome.COUNTED]
    assert outcome(rec("r", document_date=doc, submitted_on="2025-03-01")) == [
        Outcome.LATE_SUBMISSION
    ]


def test_filed_on_the_document_date_is_fine_and_the_day_before_is_invalid() -> None:
    assert outcome(rec("r", document_date="2024-05-01", submitted_on="2024-05-01")) == [
        Outcome.COUNTED
    ]
    assert outcome(rec("r", document_date="2024-05-01", submitted_on="2024-04-30")) == [
        Outcome.INVALID
    ]


# --- validity: document_date through end_of_period(document_date, validity_years) --------------


def test_counts_on_valid_until_and_expires_the_day_after() -> None:
    r = rec("r", "A", document_date="2024-05-01")  # 3 years
    assert outcome(r, as_of="2027-05-01") == [Outcome.COUNTED]
    assert outcome(r, as_of="2027-05-02") == [Outcome.EXPIRED]


def test_counts_from_the_document_date_not_the_day_before() -> None:
    r = rec("r", "A", document_date="2024-05-01", submitted_on="2024-05-10")
    assert outcome(r, as_of="2024-05-01") == [Outcome.COUNTED]
    assert outcome(r, as_of="2024-04-30") == [Outcome.NOT_YET_EFFECTIVE]


def test_validity_from_29_february() -> None:
    r = rec("r", "N", document_date="2024-02-29")  # 1 year
    result = score_integrity(submission(r), RULES, "2025-02-28")
    assert result.records[0].valid_until == parse_date("2025-02-28")
    assert result.records[0].outcome is Outcome.COUNTED
    assert outcome(r, as_of="2025-03-01") == [Outcome.EXPIRED]


def test_not_yet_effective_and_expired_records_keep_their_award_but_not_in_the_total() -> None:
    result = score_integrity(submission(rec("r", "A", "2024-05-01")), RULES, "2030-01-01")
    assert result.records[0].awarded == 30
    assert result.records[0].outcome is Outcome.EXPIRED
    assert result.total == 0


# --- points and grades ---------------------------------------------------------------------------


def test_no_grade_earns_the_maximum_and_a_grade_its_points() -> None:
    result = score_integrity(
        submission(
            rec("a", "G", "2024-01-10"),
            rec("b", "G", "2023-01-10", grade="三等奖"),
            rec("c", "G", "2022-01-10", grade="二等奖"),
        ),
        RULES,
        "2022-06-01",
    )
    assert [r.awarded for r in result.records] == [Decimal(100), Decimal("12.5"), Decimal(80)]


def test_a_grade_the_item_does_not_define_is_invalid() -> None:
    result = score_integrity(submission(rec("a", "G", grade="特等奖")), RULES, "2024-12-31")
    assert result.records[0].outcome is Outcome.INVALID
    assert result.records[0].rule == "grade"
    assert outcome(rec("a", "A", grade="一等奖")) == [Outcome.INVALID]


# --- annual cap ----------------------------------------------------------------------------------


def test_partial_cap_then_capped() -> None:
    # P: 40 points, cap 100 a year: 40, 40, then 20 of 40, then nothing.
    records = [rec(f"r{i}", "P", f"2024-0{i}-01") for i in range(1, 5)]
    result = score_integrity(submission(*records), RULES, "2024-12-31")
    assert [r.awarded for r in result.records] == [40, 40, 20, 0]
    assert [r.outcome for r in result.records] == [
        Outcome.COUNTED,
        Outcome.COUNTED,
        Outcome.COUNTED,
        Outcome.CAPPED,
    ]
    assert result.records[2].rule == "annual_cap"
    assert "封顶100分" in result.records[2].reason_zh
    assert result.total == 100


def test_the_cap_is_per_calendar_year_of_the_document_date() -> None:
    records = [
        rec("a", "A", "2024-03-01"),
        rec("b", "A", "2024-12-31"),
        rec("c", "A", "2024-06-01"),
    ]
    records.append(rec("d", "A", "2025-01-01"))  # a new year, a new cap
    result = score_integrity(submission(*records), RULES, "2025-06-01")
    awarded = {r.id: r.awarded for r in result.records}
    assert awarded == {"a": 30, "c": 30, "b": 0, "d": 30}


def test_cap_order_is_document_date_then_submitted_on_then_id() -> None:
    records = [
        rec("z", "A", "2024-05-01", "2024-05-02"),
        rec("y", "A", "2024-05-01", "2024-05-03"),
        rec("x", "A", "2024-05-01", "2024-05-03"),
    ]
    result = score_integrity(submission(*records), RULES, "2024-12-31")
    assert {r.id: r.outcome for r in result.records} == {
        "z": Outcome.COUNTED,
        "x": Outcome.COUNTED,
        "y": Outcome.CAPPED,
    }


def test_the_award_does_not_depend_on_the_evaluation_date() -> None:
    # The first record has expired by 2027-06-01, yet it still used up the 2024 cap.
    records = [
        rec("old", "A", "2024-01-05"),
        rec("mid", "A", "2024-02-05"),
        rec("new", "A", "2024-09-05"),
    ]
    early = score_integrity(submission(*records), RULES, "2024-12-31")
    late = score_integrity(submission(*records), RULES, "2027-06-01")
    assert [r.awarded for r in early.records] == [r.awarded for r in late.records] == [30, 30, 0]
    assert late.total == 0


def test_items_without_a_cap_are_never_capped() -> None:
    records = [rec(f"r{i}", "N", f"2024-0{i}-01") for i in range(1, 9)]
    result = score_integrity(submission(*records), RULES, "2024-08-01")
    assert {r.outcome for r in result.records} <= {Outcome.COUNTED, Outcome.EXPIRED}
    assert all(r.awarded == 20 for r in result.records)


# --- duplicates ----------------------------------------------------------------------------------


def test_the_same_document_for_the_same_item_counts_once() -> None:
    records = [
        rec("second", "N", "2024-05-01", "2024-06-01", document_no="中住建〔2024〕1号"),
        rec("first", "N", "2024-05-01", "2024-05-02", document_no="中住建〔2024〕1号 "),
        rec("other-item", "P", "2024-05-01", document_no="中住建〔2024〕1号"),
        rec("no-number", "N", "2024-05-01"),
        rec("no-number-2", "N", "2024-05-01"),
    ]
    result = score_integrity(submission(*records), RULES, "2024-12-31")
    assert [r.outcome for r in result.records] == [
        Outcome.DUPLICATE,
        Outcome.COUNTED,
        Outcome.COUNTED,
        Outcome.COUNTED,
        Outcome.COUNTED,
    ]
    assert "first" in result.records[0].reason_en


def test_a_rejected_earlier_filing_does_not_make_the_refiling_a_duplicate() -> None:
    records = [
        rec("r1", "N", "2024-05-01", "2024-05-02", document_no="X1", status=RecordStatus.REJECTED),
        rec("r2", "N", "2024-05-01", "2024-05-09", document_no="X1"),
    ]
    assert outcome(records) == [Outcome.NOT_APPROVED, Outcome.COUNTED]


# --- precedence: each record gets the first outcome that applies ---------------------------------


@pytest.mark.parametrize(
    ("record", "category", "expected"),
    [
        # invalid beats unknown_item
        (rec("r", "NOPE", "2024-05-01", "2024-04-01"), "supervision", Outcome.INVALID),
        # unknown_item beats wrong_category and not_approved
        (rec("r", "NOPE", status=RecordStatus.PENDING), "design", Outcome.UNKNOWN_ITEM),
        # a bad grade (invalid) beats wrong_category
        (rec("r", "G", grade="x"), "design", Outcome.INVALID),
        # wrong_category beats not_approved and late
        (
            rec("r", "P", "2024-01-01", "2025-06-01", status=RecordStatus.PENDING),
            "construction_contractor",
            Outcome.WRONG_CATEGORY,
        ),
        # not_approved beats late
        (
            rec("r", "P", "2024-01-01", "2025-06-01", status=RecordStatus.REJECTED),
            "supervision",
            Outcome.NOT_APPROVED,
        ),
        # late beats (would-be) expired
        (rec("r", "N", "2022-01-01", "2023-06-01"), "supervision", Outcome.LATE_SUBMISSION),
    ],
)
def test_precedence(record: object, category: str, expected: Outcome) -> None:
    assert outcome(record, category=category) == [expected]


def test_late_beats_duplicate_and_duplicate_beats_capped() -> None:
    records = [
        rec("a", "A", "2024-01-01", document_no="D"),
        rec("b", "A", "2024-02-01"),
        rec("late", "A", "2024-01-01", "2025-03-01", document_no="D"),  # late and a duplicate
        rec("dup", "A", "2024-03-01", document_no="D"),  # a duplicate that would be capped
    ]
    assert outcome(records) == [
        Outcome.COUNTED,
        Outcome.COUNTED,
        Outcome.LATE_SUBMISSION,
        Outcome.DUPLICATE,
    ]


def test_capped_beats_expired() -> None:
    records = [rec(f"r{i}", "A", f"2020-0{i}-01") for i in range(1, 4)]
    assert outcome(records, as_of="2026-01-01") == [
        Outcome.EXPIRED,
        Outcome.EXPIRED,
        Outcome.CAPPED,
    ]


def test_wrong_category_names_the_categories() -> None:
    result = score_integrity(submission(rec("r", "P"), category="design"), RULES, "2024-12-31")
    record = result.records[0]
    assert record.outcome is Outcome.WRONG_CATEGORY
    assert "监理企业" in record.reason_zh
    assert "设计企业" in record.reason_zh


# --- versions ------------------------------------------------------------------------------------

V2_ITEMS = """
[[items]]
code = "A"
categories = ["supervision"]
level = "national"
description = "国家级通报表扬（2025版提高分值）"
points = 50
annual_cap = 100
validity_years = 3

[[items]]
code = "NEW"
categories = ["supervision"]
level = "municipal"
description = "2025版新增项目"
points = 5
validity_years = 1
"""


def history() -> RulesetHistory:
    return RulesetHistory.of(
        [
            ruleset(version="2025", start="2025-01-01", items=V2_ITEMS),
            ruleset(version="2024", start="2024-01-01", until="2024-12-31"),
        ]
    )


def test_each_record_is_judged_by_the_version_in_force_when_submitted() -> None:
    records = [
        rec("old", "A", "2024-12-01", "2024-12-31"),  # 2024 version: 30 points
        rec("new", "A", "2024-12-01", "2025-01-01"),  # 2025 version: 50 points
        rec("new-item-too-early", "NEW", "2024-12-01", "2024-12-20"),
        rec("new-item", "NEW", "2025-02-01", "2025-02-03"),
        rec("before-any", "A", "2023-12-01", "2023-12-30"),
    ]
    result = score_integrity(submission(*records), history(), "2025-03-01")
    by_id = {r.id: r for r in result.records}
    assert by_id["old"].awarded == 30
    assert by_id["old"].ruleset.version == "2024"
    assert by_id["new"].awarded == 50
    assert by_id["new"].ruleset.version == "2025"
    assert by_id["new-item-too-early"].outcome is Outcome.UNKNOWN_ITEM
    assert by_id["new-item"].outcome is Outcome.COUNTED
    assert by_id["before-any"].outcome is Outcome.UNKNOWN_ITEM
    assert by_id["before-any"].rule == "ruleset_in_force"
    assert result.ruleset.version == "2024+2025"


def test_a_single_ruleset_is_applied_only_in_its_effective_period() -> None:
    rules = ruleset(start="2024-06-01", status="proposed")
    result = score_integrity(
        submission(
            rec("a", "A", "2024-05-01", "2024-05-31"), rec("b", "A", "2024-05-01", "2024-06-01")
        ),
        rules,
        "2024-12-31",
    )
    assert [r.outcome for r in result.records] == [Outcome.UNKNOWN_ITEM, Outcome.COUNTED]


# --- results -------------------------------------------------------------------------------------


def test_result_explains_itself() -> None:
    result = score_integrity(submission(rec("r1", "A", "2024-05-01")), RULES, "2024-12-31")
    record = result.records[0]
    assert result.trace == "zs_quality.integrity/1"
    assert str(result.ruleset) == "test-rules@1"
    assert record.ruleset is not None
    assert str(record.ruleset) == "test-rules@1"
    assert record.effective_from == parse_date("2024-05-01")
    assert record.valid_until == parse_date("2027-05-01")
    assert record.reason_zh == (
        "A「国家级通报表扬」得30分，有效期2024-05-01至2027-05-01，评价日2024-12-31计入；"
        "申报期限为落款日期起1年（记分标准默认），截至2025-05-01（test-rules@1）"
    )
    assert record.reason_en == (
        "A earns 30 points, valid 2024-05-01 to 2027-05-01; counted on 2024-12-31; "
        "filing window 1 year(s) from the document date (the ruleset's default), by 2025-05-01 "
        "(test-rules@1)"
    )


def test_total_sums_counted_records_exactly() -> None:
    records = [
        rec("a", "G", "2024-01-01", grade="三等奖"),
        rec("b", "N", "2024-02-01"),
        rec("c", "P", "2024-03-01"),
    ]
    result = score_integrity(submission(*records), RULES, "2024-12-31")
    assert result.total == Decimal("72.5")


def test_an_empty_submission_scores_zero() -> None:
    result = score_integrity(submission(), RULES, "2024-12-31")
    assert result.total == 0
    assert result.records == ()


def test_submissions_need_unique_record_ids_and_a_category() -> None:
    with pytest.raises(InputError) as info:
        submission(rec("r1"), rec("r2"), rec("r1"))
    assert info.value.path == "records[2].id"
    assert "also records[0]" in info.value.message
    from zs_quality import Enterprise
    from zs_quality.model.submission import Submission

    with pytest.raises(InputError) as missing:
        Submission(enterprise=Enterprise(uscc="91350100M000100Y43", name="x"), records=())
    assert missing.value.path == "enterprise.category"


# --- the classes a batch builds by position (not kw_only) ------------------------------------


def test_the_classes_built_by_position_keep_their_field_order() -> None:
    # convert._plain_record, _reject, _judged and score_integrity give these fields by position;
    # their order is part of the API since they may be given so.
    def names(cls: type) -> list[str]:
        return [field.name for field in attrs.fields(cls)]

    assert names(IntegrityRecord) == [
        "id", "item", "document_date", "submitted_on", "grade", "document_no", "issuer", "status"
    ]  # fmt: skip
    assert names(RecordResult) == [
        "id", "item", "outcome", "awarded", "effective_from", "valid_until", "filing_deadline",
        "ruleset", "rule", "reason_zh", "reason_en",
    ]  # fmt: skip
    assert names(IntegrityResult) == ["uscc", "as_of", "ruleset", "total", "records", "trace"]
    record = IntegrityRecord("r1", "JJL-003", "2024-05-01", "2024-06-01")
    assert record == IntegrityRecord(
        id="r1", item="JJL-003", document_date="2024-05-01", submitted_on="2024-06-01"
    )
