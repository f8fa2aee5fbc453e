"""Integrity results as clerks read them: CSV for Excel, the terminal table, the workbook's rows.

These are the formats for people (``--format csv``, ``table``, ``xlsx``): headers in Chinese
(``--lang zh``, the default) or English (``--lang en``), each enterprise's name beside its code,
and a record that earned points but does not count on the evaluation day saying so in words
(已过有效期，不计入). Values stay exact in both languages: points are the results' decimals,
dates ISO. JSON and JSON Lines are the machine formats and keep their English keys.

Each ``..._rows``/``..._text`` function renders one result with the enterprise of its submission;
they are module-level so that worker processes (``--jobs``) can run them.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Literal

from zs_quality.cli.table import printable, render_table
from zs_quality.dates import Date, is_long_term, iso_date
from zs_quality.model.enterprise import Enterprise
from zs_quality.rules.integrity import IntegrityResult, Outcome, RecordResult

__all__ = [
    "CSV_COLUMNS",
    "ENTERPRISE_COLUMNS",
    "LANGS",
    "RECORD_COLUMNS",
    "Cell",
    "Lang",
    "csv_headers",
    "csv_rows",
    "headers",
    "outcome_words",
    "table_text",
    "workbook_rows",
]

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

Cell = str | int | Decimal | Date | None
"""A cell of the workbook: text, a count, exact points, a calendar date, or empty."""

# Every column a clerk format shows, by its English id (the CSV's English header), with its
# Chinese header.
_ZH = {
    "uscc": "统一社会信用代码",
    "name": "企业名称",
    "town": "镇街",
    "category": "企业类别",
    "as_of": "评价日",
    "ruleset_id": "记分标准",
    "ruleset_version": "记分标准版本",
    "ruleset": "记分标准",
    "total": "加分合计",
    "records": "记录数",
    "record_id": "记录编号",
    "item": "加分项目",
    "outcome": "结果",
    "awarded": "得分",
    "counted_points": "计入分值",
    "effective_from": "生效日期",
    "valid_until": "有效期至",
    "filing_deadline": "申报截止日",
    "rule": "规则",
    "reason": "原因",
    "reason_zh": "原因（中文）",
    "reason_en": "原因（英文）",
}

CSV_COLUMNS = (
    "uscc",
    "name",
    "as_of",
    "ruleset_id",
    "ruleset_version",
    "total",
    "record_id",
    "item",
    "outcome",
    "awarded",
    "effective_from",
    "valid_until",
    "filing_deadline",
    "rule",
    "reason_zh",
    "reason_en",
)
"""The CSV's columns (their English headers): one row a record, the enterprise repeated."""

ENTERPRISE_COLUMNS = (
    "uscc",
    "name",
    "town",
    "category",
    "as_of",
    "ruleset",
    "total",
    "records",
    *(o.value for o in Outcome),
)
"""The workbook's sheet of enterprises: one row each, with its count of records by outcome."""

RECORD_COLUMNS = (
    "uscc",
    "name",
    "record_id",
    "item",
    "outcome",
    "awarded",
    "counted_points",
    "effective_from",
    "valid_until",
    "filing_deadline",
    "ruleset",
    "rule",
    "reason",
)
"""The workbook's sheet of records: every record's result and reason."""

_OUTCOME_ZH = {o.value: o.label for o in Outcome}


def headers(columns: tuple[str, ...], lang: Lang) -> list[str]:
    """The headers of ``columns`` in ``lang`` (an outcome column is headed by its label)."""
    if lang == "en":
        return list(columns)
    return [_ZH.get(c) or _OUTCOME_ZH[c] for c in columns]


def csv_headers(lang: Lang) -> list[str]:
    """The CSV's header row in ``lang``."""
    return headers(CSV_COLUMNS, lang)


def _iso(day: Date | None) -> str:
    return "" if day is None else iso_date(day)


def csv_rows(result: IntegrityResult, enterprise: Enterprise) -> list[list[str]]:
    """The CSV rows of one result (the same values whatever the header language)."""
    head = [
        str(result.uscc),
        enterprise.name,
        iso_date(result.as_of),
        result.ruleset.id,
        result.ruleset.version,
        str(result.total),
    ]
    if not result.records:
        # An enterprise with no records is scored too (total 0): one row, record columns empty.
        return [head + [""] * (len(CSV_COLUMNS) - len(head))]
    return [
        [
            *head,
            r.id,
            r.item,
            r.outcome.value,
            str(r.awarded),
            _iso(r.effective_from),
            _iso(r.valid_until),
            _iso(r.filing_deadline),
            r.rule,
            r.reason_zh,
            r.reason_en,
        ]
        for r in result.records
    ]


# A record that earned its points but is outside its validity period on the evaluation day: the
# outcome alone, beside the points, could be read as counted.
_NOT_COUNTED = {
    Outcome.EXPIRED: ("已过有效期，不计入", "expired, not counted"),
    Outcome.NOT_YET_EFFECTIVE: ("尚未生效，不计入", "not yet effective, not counted"),
}


def outcome_words(outcome: Outcome, lang: Lang) -> str:
    """The outcome as a clerk reads it: its label (``zh``) or id (``en``), and for a record that
    earned points but does not count on the evaluation day, that it does not count."""
    words = _NOT_COUNTED.get(outcome)
    if words is not None:
        return words[0] if lang == "zh" else words[1]
    return outcome.label if lang == "zh" else outcome.value


def _until(day: Date | None) -> str:
    if day is None:
        return "-"
    return "长期有效" if is_long_term(day) else iso_date(day)


_TABLE = {
    "zh": (
        "企业 {uscc}  {name}  评价日 {as_of}  记分标准 {ruleset}",
        ["记录", "加分项目", "结果", "得分", "有效期至", "原因"],
        "加分合计",
        "只计结果为“计分”的记录",
    ),
    "en": (
        "enterprise {uscc}  {name}  as of {as_of}  ruleset {ruleset}",
        ["record", "item", "outcome", "points", "valid until", "reason"],
        "total",
        "only the records with outcome counted",
    ),
}


def table_text(result: IntegrityResult, enterprise: Enterprise, lang: Lang = "zh") -> str:
    """A person-readable block for one result: the enterprise's code and name, every record
    with the points it earned and whether it counts, and the total of those that count."""
    title, columns, total, only = _TABLE[lang]
    zh = lang == "zh"
    rows = [
        [
            r.id,
            r.item,
            outcome_words(r.outcome, lang),
            str(r.awarded),
            _until(r.valid_until),
            r.reason_zh if zh else r.reason_en,
        ]
        for r in result.records
    ]
    rows.append([total, "", "", str(result.total), "", only])
    header = title.format(
        uscc=result.uscc,
        name=printable(enterprise.name),
        as_of=result.as_of,
        ruleset=printable(str(result.ruleset)),
    )
    return f"{header}\n{render_table(columns, rows, right=(3,))}\n"


def _counts(records: tuple[RecordResult, ...]) -> Iterator[int]:
    counts = dict.fromkeys(Outcome, 0)
    for r in records:
        counts[r.outcome] += 1
    return iter(counts.values())


def _record_row(r: RecordResult, head: list[Cell], lang: Lang) -> list[Cell]:
    return [
        *head,
        r.id,
        r.item,
        outcome_words(r.outcome, lang),
        r.awarded,
        r.awarded if r.counted else Decimal(0),
        r.effective_from,
        r.valid_until,
        r.filing_deadline,
        None if r.ruleset is None else str(r.ruleset),
        r.rule.value,
        r.reason_zh if lang == "zh" else r.reason_en,
    ]


def workbook_rows(
    result: IntegrityResult, enterprise: Enterprise, lang: Lang = "zh"
) -> tuple[list[Cell], list[list[Cell]]]:
    """One result as the workbook's rows: its row of enterprises (``ENTERPRISE_COLUMNS``) and its
    rows of records (``RECORD_COLUMNS``)."""
    category = enterprise.category
    head: list[Cell] = [str(result.uscc), enterprise.name]
    row: list[Cell] = [
        *head,
        enterprise.town,
        None if category is None else category.label if lang == "zh" else category.value,
        result.as_of,
        str(result.ruleset),
        result.total,
        len(result.records),
        *_counts(result.records),
    ]
    return row, [_record_row(r, head, lang) for r in result.records]
