"""Construction integrity-score bonuses (诚信加分): which records count, and for how many points.

The semantics (the bureau-facing statement is in ``docs/integrity.md``, tested against this code):

1. Each record gets exactly one outcome: the rules of :class:`IntegrityRule` are applied in their
   order, and the first that rejects the record decides; each rule names the clause it
   implements, and a result's ``rule`` is that rule.
2. A record is judged by the ruleset version in force on the day it was submitted.
3. Periods end by Civil Code arts. 201-202 (:func:`~zs_quality.dates.end_of_period`): the filing
   deadline is the item's window from the document date (an item may set its own window, or none,
   or take the ruleset's default), moved past a rest day by art. 203 when the ruleset says so
   (:func:`~zs_quality.rest_days.extend_over_rest_days`); the bonus counts from the document date
   through ``valid_until``, all days inclusive. Validity periods never move.
4. The annual cap is shared by the records of one item whose documents are dated in one calendar
   year, taken in (document date, submission date, id) order.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import NamedTuple, cast

import attrs

from zs_quality.dates import Date, as_date, end_of_period, is_long_term, iso_date
from zs_quality.model.labels import CitedRule, LabelledEnum
from zs_quality.model.ruleset import (
    FilingWindow,
    Item,
    Ruleset,
    RulesetHistory,
    RulesetRef,
    WindowSource,
)
from zs_quality.model.submission import IntegrityRecord, RecordStatus, Submission
from zs_quality.model.uscc import USCC
from zs_quality.rest_days import FilingDeadline, RestDayCalendar, extend_over_rest_days

__all__ = [
    "TRACE_FORMAT",
    "IntegrityResult",
    "IntegrityRule",
    "Outcome",
    "RecordResult",
    "filing_deadline",
    "integrity_total",
    "repriced_totals",
    "score_integrity",
]

TRACE_FORMAT = "zs_quality.integrity/1"
"""The version of the result format; it changes whenever a result's meaning or shape does."""

_ZERO = Decimal(0)


class Outcome(LabelledEnum):
    """What became of a record, in order of precedence."""

    INVALID = "invalid", "无效"
    UNKNOWN_ITEM = "unknown_item", "无此加分项目"
    WRONG_CATEGORY = "wrong_category", "企业类别不适用"
    NOT_APPROVED = "not_approved", "未审核通过"
    LATE_SUBMISSION = "late_submission", "逾期申报"
    DUPLICATE = "duplicate", "重复申报"
    CAPPED = "capped", "已达年度封顶"
    NOT_YET_EFFECTIVE = "not_yet_effective", "尚未生效"
    EXPIRED = "expired", "已过有效期"
    COUNTED = "counted", "计分"


_JJL_NOTE = "《中山市建设工程企业诚信记分标准》良好行为标准JJL行加分说明"
_TABLE = "《中山市建设工程企业诚信记分标准》良好行为标准"
_CIVIL_CODE = "《中华人民共和国民法典》第二百零一条、第二百零二条"


class IntegrityRule(CitedRule):
    """A rule of the integrity score, in the order the rules are applied, with the clause it
    implements (``clause``; ``reading`` says when the clause is this library's reading of the
    platform rather than its words) and the outcomes it gives (``outcomes``).

    The value is the ``rule`` string of a result (``"submission_window"``), unchanged since the
    first result format.
    """

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        """The outcomes a record decided by this rule can have."""
        return self.details  # type: ignore[return-value]  # each member lists Outcomes

    DATES = (
        "dates",
        f"{_JJL_NOTE}：以证明材料的落款日期为起算时间（申报早于落款日期即无效）",
        True,
        Outcome.INVALID,
    )
    RULESET_IN_FORCE = (
        "ruleset_in_force",
        f"{_TABLE}版本号：按申报之日有效的版本记分",
        True,
        Outcome.UNKNOWN_ITEM,
    )
    ITEM = ("item", f"{_TABLE}：记分代码（加分项目）", False, Outcome.UNKNOWN_ITEM)
    GRADE = (
        "grade",
        f"{_JJL_NOTE}：奖项不划分等级的以该加分项最高分值加分（分等次的按等次分值）",
        False,
        Outcome.INVALID,
    )
    CATEGORY = ("category", f"{_TABLE}：按企业类别分列", False, Outcome.WRONG_CATEGORY)
    STATUS = ("status", "诚信平台：加分申请经审核通过方可记分", True, Outcome.NOT_APPROVED)
    SUBMISSION_WINDOW = (
        "submission_window",
        f"{_JJL_NOTE}：一年内可提交加分申请，逾期视为无效（JHNT行加分说明为“/”，未设申报期限）；"
        f"{_CIVIL_CODE}；截止日为法定休假日的顺延至休假日结束的次日（民法典第二百零三条，"
        "适用于申报期限为本库解读）",
        True,
        Outcome.LATE_SUBMISSION,
    )
    DUPLICATE = (
        "duplicate",
        "同一加分项目同一文号只计一次（重复申报不计分）",
        True,
        Outcome.DUPLICATE,
    )
    ANNUAL_CAP = (
        "annual_cap",
        f"{_TABLE}：每年封顶分值（按落款日期所在年度）",
        True,
        Outcome.CAPPED,
        Outcome.COUNTED,
    )
    VALIDITY = (
        "validity",
        f"{_TABLE}：使用有效期（自落款日期起算）；{_CIVIL_CODE}",
        True,
        Outcome.NOT_YET_EFFECTIVE,
        Outcome.EXPIRED,
        Outcome.COUNTED,
    )


# Not kw_only: a batch makes one for every record, and a call by keyword costs about half as much
# again; _reject and _judged give the fields by position.
@attrs.frozen
class RecordResult:
    """The outcome of one record, with the points awarded and the reason.

    ``awarded`` is what the record earned after the annual cap, whether or not it counts on the
    evaluation date; only ``counted`` records add to the total. ``rule`` is the
    :class:`IntegrityRule` that decided (a string: ``dates``, ``ruleset_in_force``, ``item``,
    ``grade``, ``category``, ``status``, ``submission_window``, ``duplicate``, ``annual_cap`` or
    ``validity``), whose ``clause`` is the source.
    """

    id: str
    item: str
    outcome: Outcome
    awarded: Decimal
    effective_from: Date | None
    valid_until: Date | None
    filing_deadline: Date | None
    ruleset: RulesetRef | None
    rule: IntegrityRule
    reason_zh: str
    reason_en: str

    @property
    def counted(self) -> bool:
        """Whether this record adds to the total."""
        return self.outcome is Outcome.COUNTED


@attrs.frozen  # not kw_only, as RecordResult
class IntegrityResult:
    """An enterprise's good-behaviour bonus on ``as_of``: the total and every record's result
    (in the order the records were given)."""

    uscc: USCC
    as_of: Date
    ruleset: RulesetRef
    total: Decimal
    records: tuple[RecordResult, ...]
    trace: str = TRACE_FORMAT


class _Eligible(NamedTuple):
    """A record that passed every check before ``duplicate``, with what it would earn and the
    words that say how it met its filing window. A named tuple, not an attrs class: one is made
    for nearly every record of a batch, and a tuple is made in a third of the time. ``order`` is
    (document date, submission date, id), unique in a submission (its ids are), so eligible
    records sort by it alone, compared as tuples without a key function; ``position`` is the
    record's place in the submission."""

    order: tuple[Date, Date, str]
    position: int
    record: IntegrityRecord
    ruleset: Ruleset
    item: Item
    points: Decimal
    deadline: Date | None
    window_zh: str
    window_en: str


def _label(item: Item) -> str:
    return f"{item.code}「{item.description}」"


def _reject(
    record: IntegrityRecord,
    outcome: Outcome,
    rule: IntegrityRule,
    zh: str,
    en: str,
    *,
    ruleset: Ruleset | None = None,
    deadline: Date | None = None,
) -> RecordResult:
    # By position, as in _judged: id, item, outcome, awarded, effective_from, valid_until,
    # filing_deadline, ruleset, rule, reason_zh, reason_en.
    ref = ruleset.ref if ruleset else None
    return RecordResult(
        record.id, record.item, outcome, _ZERO, None, None, deadline, ref, rule, zh, en
    )


def _check(
    record: IntegrityRecord, index: int, submission: Submission, rules: Ruleset | RulesetHistory
) -> RecordResult | _Eligible:
    """The checks before ``duplicate``: a final result, or the record's eligible form."""
    if record.submitted_on < record.document_date:
        submitted, dated = iso_date(record.submitted_on), iso_date(record.document_date)
        return _reject(
            record,
            Outcome.INVALID,
            IntegrityRule.DATES,
            f"申报日期{submitted}早于文件落款日期{dated}",
            f"submitted on {submitted}, before the document date {dated}",
        )
    ruleset = rules.version_on(record.submitted_on)
    if ruleset is None:
        submitted = iso_date(record.submitted_on)
        return _reject(
            record,
            Outcome.UNKNOWN_ITEM,
            IntegrityRule.RULESET_IN_FORCE,
            f"申报日期{submitted}无有效的记分标准版本",
            f"no version of the ruleset was in force on the submission date {submitted}",
        )
    cited = ruleset.cited
    item = ruleset.items.get(record.item)
    if item is None:
        return _reject(
            record,
            Outcome.UNKNOWN_ITEM,
            IntegrityRule.ITEM,
            f"记分标准{cited}中没有加分项目{record.item}",
            f"{cited} has no item {record.item}",
            ruleset=ruleset,
        )
    points = item.points_for(record.grade)
    if points is None:
        defined = "、".join(item.grades) or "无"
        return _reject(
            record,
            Outcome.INVALID,
            IntegrityRule.GRADE,
            f"{_label(item)}未设等次「{record.grade}」（已设：{defined}）（{cited}）",
            f"{item.code} defines no grade {record.grade!r} "
            f"(defined: {', '.join(item.grades) or 'none'}) ({cited})",
            ruleset=ruleset,
        )
    category = submission.enterprise.category
    assert category is not None  # Submission guarantees a category
    if category not in item.categories:
        allowed = "、".join(sorted(c.label for c in item.categories))
        return _reject(
            record,
            Outcome.WRONG_CATEGORY,
            IntegrityRule.CATEGORY,
            f"{_label(item)}适用于{allowed}，不适用于{category.label}（{cited}）",
            f"{item.code} applies to {', '.join(sorted(c.value for c in item.categories))}, "
            f"not to {category.value} ({cited})",
            ruleset=ruleset,
        )
    if record.status is not RecordStatus.APPROVED:
        return _reject(
            record,
            Outcome.NOT_APPROVED,
            IntegrityRule.STATUS,
            f"{_label(item)}记录状态为{record.status.label}，未审核通过（{cited}）",
            f"{item.code} record is {record.status.value}, not approved ({cited})",
            ruleset=ruleset,
        )
    window = ruleset.window_for(item)
    filing = _filing(record.document_date, window, ruleset)
    if filing is None:
        last_day, words = None, ("本项未设申报期限", "no filing window")
    elif record.submitted_on > filing.deadline.last_day:
        return _late(record, ruleset, item, window, filing.deadline)
    else:
        last_day = filing.deadline.last_day
        words = filing.words[record.submitted_on > filing.deadline.nominal]
    order = (record.document_date, record.submitted_on, record.id)
    # tuple.__new__: a named tuple's own constructor is Python code, and this runs per record.
    return tuple.__new__(_Eligible, (order, index, record, ruleset, item, points, last_day, *words))


def filing_deadline(document_date: Date, item: Item, ruleset: Ruleset) -> FilingDeadline | None:
    """The last day a record of ``item`` dated ``document_date`` may be filed under ``ruleset``:
    the item's window from the document date (Civil Code arts. 201-202), moved past a rest day
    when the ruleset has a rest-day calendar (art. 203); ``None`` when the item has no window."""
    filing = _filing(document_date, ruleset.window_for(item), ruleset)
    return None if filing is None else filing.deadline


class _Filing(NamedTuple):
    """The filing window of an item from one document date: its deadline, and the words that
    say how a record on time met it, indexed by whether it was filed after the nominal end
    (``words[True]``: the deadline moved by art. 203, which the words say)."""

    deadline: FilingDeadline
    words: tuple[tuple[str, str], tuple[str, str]]


def _filing(document_date: Date, window: FilingWindow, ruleset: Ruleset) -> _Filing | None:
    if window.years is None:
        return None
    try:
        # Cached by calendar: a calendar must not change once used (the library's two are
        # frozen; a plain class hashes by identity and would be remembered as it was).
        return _cached_filing(document_date, window.years, window.source, ruleset.rest_days)
    except TypeError:  # a calendar that cannot be hashed (a mutable attrs class) is asked anew
        return _filing_under(document_date, window.years, window.source, ruleset.rest_days)


def _filing_under(
    document_date: Date, years: int, source: WindowSource, calendar: RestDayCalendar | None
) -> _Filing:
    nominal = end_of_period(document_date, years=years)
    if calendar is None:
        deadline = FilingDeadline(nominal=nominal, last_day=nominal, covered=True)
    else:
        deadline = extend_over_rest_days(nominal, calendar)
    words = _window_words(years, source, deadline)
    if not deadline.moved:
        return _Filing(deadline, (words, words))
    # Filed after the nominal end and on time only because art. 203 moved the deadline: say so.
    zh, en = words
    moved = (f"{zh}（{deadline.reason_zh}）", f"{en} ({deadline.reason_en})")
    return _Filing(deadline, (words, moved))


# A batch asks for the same few thousand filing windows again and again; each is immutable. Typed
# once here (typing.cast is a call): a frozen calendar hashes, and _filing asks any other itself.
_cached_filing = cast(
    "Callable[[Date, int, WindowSource, RestDayCalendar | None], _Filing]",
    functools.lru_cache(maxsize=16384)(_filing_under),
)


_SOURCE_EN = {WindowSource.ITEM: "the item's own", WindowSource.RULESET: "the ruleset's default"}


def _window_words(years: int, source: WindowSource, deadline: FilingDeadline) -> tuple[str, str]:
    """How a record on time met its window: the window, where it was set, and its last day
    (:func:`_filing_under` adds the art. 203 move that let in a record filed after the nominal
    end)."""
    last_day = iso_date(deadline.last_day)
    zh = f"申报期限为落款日期起{years}年（{source.label}），截至{last_day}"
    en = (
        f"filing window {years} year(s) from the document date "
        f"({_SOURCE_EN[source]}), by {last_day}"
    )
    return zh, en


def _late(
    record: IntegrityRecord,
    ruleset: Ruleset,
    item: Item,
    window: FilingWindow,
    deadline: FilingDeadline,
) -> RecordResult:
    cited = ruleset.cited
    # Say why the deadline moved, or that the calendar could not tell whether it should have.
    note_zh = f"；{deadline.reason_zh}" if deadline.reason_zh else ""
    note_en = f"; {deadline.reason_en}" if deadline.reason_en else ""
    last_day, submitted = iso_date(deadline.last_day), iso_date(record.submitted_on)
    return _reject(
        record,
        Outcome.LATE_SUBMISSION,
        IntegrityRule.SUBMISSION_WINDOW,
        f"{_label(item)}应于文件落款日期起{window.years}年内（{window.source.label}，"
        f"截至{last_day}{note_zh}）申报，实际{submitted}申报，逾期无效（{cited}）",
        f"{item.code} had to be filed within {window.years} year(s) of the document date "
        f"({_SOURCE_EN[window.source]} window), by {last_day}{note_en}; "
        f"filed {submitted} ({cited})",
        ruleset=ruleset,
        deadline=deadline.last_day,
    )


# What the pricing of one eligible record gives: the record, the id of the record whose document
# it repeats (or None), its award, what its cap group had before it, and its validity's end.
_Price = tuple[_Eligible, str | None, Decimal, Decimal, Date | None]


def _priced(eligible: list[_Eligible], items: Mapping[str, Item] | None = None) -> Iterator[_Price]:
    """Duplicates and the annual cap, in (document date, submitted, id) order. With ``items``, a
    record of an item in it is priced by that item instead (its points for the record's grade,
    its cap): a sweep re-prices the records of one item without judging them again."""
    documents: dict[tuple[str, str], str] = {}
    so_far: dict[tuple[str, int], Decimal] = {}
    for e in sorted(eligible):
        record, item, points = e.record, e.item, e.points
        if items is not None and item.code in items:
            item = items[item.code]
            repriced = item.points_for(record.grade)
            # The grades are the ones the record was judged by: with_item_points keeps them.
            assert repriced is not None, f"{item.code} lost the grade {record.grade!r}"
            points = repriced
        if record.document_no is not None:
            document = (item.code, record.document_no.strip())
            first = documents.get(document)
            if first is not None:
                yield e, first, _ZERO, _ZERO, None
                continue
            documents[document] = record.id
        group = (item.code, record.document_date.year)
        before = so_far.get(group, _ZERO)
        if item.annual_cap is None:
            award = points
        else:
            award = max(_ZERO, min(points, item.annual_cap - before))
        so_far[group] = before + award
        valid_until = end_of_period(record.document_date, years=item.validity_years)
        yield e, None, award, before, valid_until


def _award(eligible: list[_Eligible], as_of: Date, results: list[RecordResult | None]) -> Decimal:
    """Duplicates, the annual cap and validity, in (document date, submitted, id) order: each
    eligible record's result put in its place in ``results``. Returns what the counted records
    add up to, summed from zero (sums of Decimals within the limits are exact, so in any order
    the same Decimal, written alike: :mod:`zs_quality.limits`)."""
    total = _ZERO
    for e, first, award, before, valid_until in _priced(eligible):
        if first is not None:
            record, item, cited = e.record, e.item, e.ruleset.cited
            results[e.position] = _reject(
                record,
                Outcome.DUPLICATE,
                IntegrityRule.DUPLICATE,
                f"{_label(item)}文号{record.document_no}已由记录{first}申报；{e.window_zh}"
                f"（{cited}）",
                f"{item.code} document {record.document_no} was already filed as record "
                f"{first}; {e.window_en} ({cited})",
                ruleset=e.ruleset,
                deadline=e.deadline,
            )
            continue
        assert valid_until is not None  # priced, not a duplicate
        result = results[e.position] = _judged(e, award, before, valid_until, as_of)
        if result.outcome is Outcome.COUNTED:
            total += award
    return total


def integrity_total(
    submission: Submission, rules: Ruleset | RulesetHistory, as_of: Date | str
) -> Decimal:
    """The ``total`` of :func:`score_integrity`, without the records' results and their reasons:
    for comparisons that need only totals (:mod:`zs_quality.rules.impact`). The records are
    judged and priced by the same rules; a record counts as there (not a duplicate, a non-zero
    award, valid on ``as_of``), and the awards are summed from zero in (document date,
    submitted, id) order. Sums of Decimals within the limits are exact (:mod:`zs_quality.limits`),
    so the order changes neither the value nor how it is written: the same Decimal."""
    _, eligible = _checked(submission, rules)
    return _counted(eligible, as_date(as_of))


def _checked(
    submission: Submission, rules: Ruleset | RulesetHistory
) -> tuple[list[RecordResult | None], list[_Eligible]]:
    """The checks before ``duplicate`` for every record: the results of the records they
    decide, each in its place (``None`` for the others), and the eligible records."""
    results: list[RecordResult | None] = [None] * len(submission.records)
    eligible: list[_Eligible] = []
    for index, record in enumerate(submission.records):
        checked = _check(record, index, submission, rules)
        if isinstance(checked, _Eligible):
            eligible.append(checked)
        else:
            results[index] = checked
    return results, eligible


def repriced_totals(
    submission: Submission, rules: Ruleset, as_of: Date | str, items: Iterable[Item]
) -> list[Decimal]:
    """The total :func:`score_integrity` gives ``submission`` under ``rules`` with each of
    ``items`` in turn in place of the item of its code, the records judged once.

    For a sweep (:func:`zs_quality.rules.impact.sweep_item`): each item must differ from the one
    it replaces only in its points, grade points and annual cap, which decide no check before
    the award. A record counts as in :func:`score_integrity`: not a duplicate, a non-zero award,
    and valid on ``as_of``; the awards are summed from zero as there, so each total is the same
    Decimal, written alike."""
    day = as_date(as_of)
    _, eligible = _checked(submission, rules)
    # Duplicates and caps are counted per item code, so the records of other items earn the same
    # whatever the swept item is worth: they are priced once, and each value re-prices only the
    # records of its item. Sums of Decimals within the limits are exact (zs_quality.limits), so
    # the order of the additions changes neither the value nor how it is written.
    by_code: dict[str, list[_Eligible]] = {}
    for e in eligible:
        by_code.setdefault(e.item.code, []).append(e)
    counted = {code: _counted(group, day) for code, group in by_code.items()}
    # What the other items add, per swept code: summed, not subtracted from the whole, which
    # could leave the swept item's decimal places (2.50) in a total it no longer adds to.
    others: dict[str, Decimal] = {}
    totals = []
    for item in items:
        if item.code not in others:
            others[item.code] = sum((t for c, t in counted.items() if c != item.code), _ZERO)
        group = by_code.get(item.code)
        if group is None:
            # No record of the item: the same total, one object, under every value (a sweep keeps
            # each value's total of every enterprise). Adding zero would only copy it: a sum from
            # zero within the limits (zs_quality.limits) is exact, its exponent at most 0, so
            # "+ 0" changes neither its value nor how it is written.
            totals.append(others[item.code])
        else:
            totals.append(others[item.code] + _counted(group, day, {item.code: item}))
    return totals


def _counted(
    eligible: list[_Eligible], day: Date, items: Mapping[str, Item] | None = None
) -> Decimal:
    """What ``eligible`` adds to a total on ``day``: the awards of the records that are not
    duplicates, earn something and are valid then."""
    total = _ZERO
    for e, _, award, _, valid_until in _priced(eligible, items):
        # valid_until is None for a duplicate, which earns nothing.
        if award and valid_until is not None and e.record.document_date <= day <= valid_until:
            total += award
    return total


# A batch's records share a few thousand validity periods; the words of each are made once.
@functools.lru_cache(maxsize=16384)
def _validity_words(start: Date, end: Date) -> tuple[str, str]:
    """How a reason states a validity period from ``start`` through ``end``."""
    first, last = iso_date(start), iso_date(end)
    if is_long_term(end):
        # The period would end after 9999-12-31, the calendar's last day (docs/periods.md).
        return f"有效期自{first}起长期有效", f"valid from {first} until further notice"
    return f"有效期{first}至{last}", f"valid {first} to {last}"


def _judged(
    e: _Eligible, award: Decimal, before: Decimal, valid_until: Date, as_of: Date
) -> RecordResult:
    record, item = e.record, e.item
    cap_zh = cap_en = ""
    if item.annual_cap is not None and award < e.points:
        year, cap, already = record.document_date.year, str(item.annual_cap), str(before)
        cap_zh = f"；{year}年度封顶{cap}分，此前已计{already}分"
        cap_en = f"; the {year} annual cap is {cap} and {already} was already awarded"

    # Each reason ends with how the record met its filing window and the version cited: written
    # in one piece with the rest (a reason is long, and joining it later copies it again).
    cited = e.ruleset.cited
    if award == 0:
        outcome, rule, awarded = Outcome.CAPPED, IntegrityRule.ANNUAL_CAP, _ZERO
        zh = f"{_label(item)}不计分{cap_zh}；{e.window_zh}（{cited}）"
        en = f"{item.code} earns nothing{cap_en}; {e.window_en} ({cited})"
    else:
        # str() first: an f-string formats a Decimal through its __format__, three times slower.
        points, awarded = str(award), award
        day = iso_date(as_of)
        period_zh, period_en = _validity_words(record.document_date, valid_until)
        if as_of < record.document_date:
            outcome, on_zh, on_en = Outcome.NOT_YET_EFFECTIVE, "尚未生效", "not yet effective on"
        elif as_of > valid_until:
            outcome, on_zh, on_en = Outcome.EXPIRED, "已过期", "expired by"
        else:
            outcome, on_zh, on_en = Outcome.COUNTED, "计入", "counted on"
        zh = (
            f"{_label(item)}得{points}分{cap_zh}，{period_zh}，评价日{day}{on_zh}"
            f"；{e.window_zh}（{cited}）"
        )
        en = (
            f"{item.code} earns {points} points{cap_en}, {period_en}; {on_en} {day}"
            f"; {e.window_en} ({cited})"
        )
        capped = cap_zh and outcome is Outcome.COUNTED
        rule = IntegrityRule.ANNUAL_CAP if capped else IntegrityRule.VALIDITY
    # By position, in the order _reject lists (made for nearly every record).
    return RecordResult(
        record.id,
        item.code,
        outcome,
        awarded,
        record.document_date,
        valid_until,
        e.deadline,
        e.ruleset.ref,
        rule,
        zh,
        en,
    )


def score_integrity(
    submission: Submission, rules: Ruleset | RulesetHistory, as_of: Date | str
) -> IntegrityResult:
    """Score one enterprise's submission on ``as_of`` under a ruleset or a ruleset history.

    Pure and deterministic: the result does not depend on the order of the records.
    """
    day = as_date(as_of)
    # Each record's result in its place: judged at once, or after the eligible ones are priced.
    results, eligible = _checked(submission, rules)
    # Only eligible records can count: the total is theirs.
    total = _award(eligible, day, results) if eligible else _ZERO
    records = cast("tuple[RecordResult, ...]", tuple(results))
    return IntegrityResult(submission.enterprise.uscc, day, rules.ref, total, records)
