"""Invariants of the integrity-score rules, checked on random submissions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from integrity_support import rec, ruleset, submission
from zs_quality.model.submission import IntegrityRecord, RecordStatus
from zs_quality.rules.integrity import Outcome, score_integrity

RULES = ruleset()
ITEMS = ["A", "P", "G", "N", "UNKNOWN"]


@st.composite
def records(draw: st.DrawFn, prefix: str = "r") -> list[IntegrityRecord]:
    count = draw(st.integers(min_value=0, max_value=12))
    result = []
    for i in range(count):
        doc = draw(st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2026, 12, 31)))
        lag = draw(st.integers(min_value=-3, max_value=500))
        item = draw(st.sampled_from(ITEMS))
        grade = (
            draw(st.sampled_from([None, None, "一等奖", "三等奖", "bad"])) if item == "G" else None
        )
        result.append(
            rec(
                f"{prefix}{i}",
                item,
                doc.isoformat(),
                (doc + dt.timedelta(days=lag)).isoformat(),
                grade=grade,
                document_no=draw(st.sampled_from([None, "D1", "D2", "D3"])),
                status=draw(st.sampled_from(list(RecordStatus) + [RecordStatus.APPROVED] * 4)),
            )
        )
    return result


as_of_dates = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2030, 12, 31))


@given(records(), as_of_dates)
def test_awards_in_one_item_and_year_never_exceed_the_cap(
    recs: list[IntegrityRecord], as_of: dt.date
) -> None:
    result = score_integrity(submission(*recs), RULES, as_of)
    awarded: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    documents = {r.id: r for r in recs}
    for r in result.records:
        awarded[(r.item, documents[r.id].document_date.year)] += r.awarded
    for (code, _year), total in awarded.items():
        item = RULES.items.get(code)
        if item is not None and item.annual_cap is not None:
            assert total <= item.annual_cap


@given(records(), as_of_dates, st.randoms(use_true_random=False))
def test_results_do_not_depend_on_record_order(
    recs: list[IntegrityRecord], as_of: dt.date, random: object
) -> None:
    shuffled = list(recs)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    a = score_integrity(submission(*recs), RULES, as_of)
    b = score_integrity(submission(*shuffled), RULES, as_of)
    assert a.total == b.total
    assert {r.id: r for r in a.records} == {r.id: r for r in b.records}


@given(records(), as_of_dates)
def test_every_record_gets_exactly_one_outcome_and_the_total_is_the_counted_sum(
    recs: list[IntegrityRecord], as_of: dt.date
) -> None:
    result = score_integrity(submission(*recs), RULES, as_of)
    assert [r.id for r in result.records] == [r.id for r in recs]
    assert result.total == sum(r.awarded for r in result.records if r.outcome is Outcome.COUNTED)
    for r in result.records:
        assert r.awarded >= 0
        if r.outcome not in (Outcome.COUNTED, Outcome.EXPIRED, Outcome.NOT_YET_EFFECTIVE):
            assert r.awarded == 0


@given(records(), as_of_dates, st.data())
@settings(max_examples=200)
def test_adding_a_record_to_an_item_and_year_that_had_none_never_lowers_the_total(
    recs: list[IntegrityRecord], as_of: dt.date, data: st.DataObject
) -> None:
    new = data.draw(records(prefix="new"))
    if not new:
        return
    extra = new[0]
    group = (extra.item, extra.document_date.year)
    if any((r.item, r.document_date.year) == group for r in recs):
        return
    # A document number shared with an existing record could make one of the two a duplicate.
    if extra.document_no is not None and any(r.document_no == extra.document_no for r in recs):
        extra = rec(
            extra.id, extra.item, extra.document_date.isoformat(), extra.submitted_on.isoformat()
        )
    before = score_integrity(submission(*recs), RULES, as_of).total
    after = score_integrity(submission(*recs, extra), RULES, as_of).total
    assert after >= before


def test_inside_one_item_and_year_a_new_record_can_lower_the_total() -> None:
    """Why: the cap is shared in document-date order and the award does not depend on the
    evaluation date. A new record dated earlier in the year takes cap room first; if it has
    already expired on the evaluation date, it adds nothing to the total, while the later record
    it displaced from the cap stops counting."""
    later = rec("later", "A", "2024-12-20")
    other = rec("other", "A", "2024-12-25")
    before = score_integrity(submission(later, other), RULES, "2027-12-22")
    # 2024-12-20 + 3 years = 2027-12-20: "later" expired; "other" (to 2027-12-25) counts 30.
    assert before.total == 30
    earlier = rec("earlier", "A", "2024-01-02")
    after = score_integrity(submission(later, other, earlier), RULES, "2027-12-22")
    outcomes = {r.id: r.outcome for r in after.records}
    assert outcomes == {
        "earlier": Outcome.EXPIRED,
        "later": Outcome.EXPIRED,
        "other": Outcome.CAPPED,
    }
    assert after.total == 0 < before.total
