"""Each rule names its clause, and the docs state the rules in the code's order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from integrity_support import rec, ruleset, submission
from zs_quality.model.submission import RecordStatus
from zs_quality.rules.integrity import IntegrityRule, Outcome, score_integrity
from zs_quality.rules.titles import TitleRule

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _table_rows(text: str, heading: str) -> list[list[str]]:
    """The rows of the first Markdown table after ``heading``, as lists of cells."""
    after = text[text.index(heading) :]
    rows = []
    for line in after.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not set("".join(cells)) <= {"-"}:
                rows.append(cells)
        elif rows:
            break
    return rows[1:]  # without the header


def test_every_rule_names_a_clause() -> None:
    for rule in [*IntegrityRule, *TitleRule]:
        assert rule.clause.strip(), rule
        assert isinstance(rule.reading, bool)


def test_rule_strings_are_the_result_values_of_the_first_format() -> None:
    assert [r.value for r in IntegrityRule] == [
        "dates",
        "ruleset_in_force",
        "item",
        "grade",
        "category",
        "status",
        "submission_window",
        "duplicate",
        "annual_cap",
        "validity",
    ]
    assert IntegrityRule.VALIDITY == "validity"
    assert str(IntegrityRule.SUBMISSION_WINDOW) == "submission_window"


def test_the_docs_rule_table_is_the_codes() -> None:
    rows = _table_rows((DOCS / "integrity.md").read_text("utf-8"), "The rules, in the order")
    assert [row[1].strip("`") for row in rows] == [r.value for r in IntegrityRule]
    for row, rule in zip(rows, IntegrityRule, strict=True):
        assert row[0] == str(list(IntegrityRule).index(rule) + 1)
        assert re.findall(r"`(\w+)`", row[2]) == [o.value for o in rule.outcomes]
        assert row[3].removesuffix(" *(reading)*") == rule.clause
        assert row[3].endswith("*(reading)*") == rule.reading


def test_the_docs_title_rule_table_is_the_codes() -> None:
    rows = _table_rows((DOCS / "titles.md").read_text("utf-8"), "The rules, in the order")
    assert [row[1].strip("`") for row in rows] == [r.value for r in TitleRule]
    for row, rule in zip(rows, TitleRule, strict=True):
        assert row[2].removesuffix(" *(reading)*") == rule.clause
        assert row[2].endswith("*(reading)*") == rule.reading


def test_the_docs_outcome_table_is_in_the_codes_order() -> None:
    rows = _table_rows((DOCS / "integrity.md").read_text("utf-8"), "**One outcome per record.**")
    assert [row[0].strip("`") for row in rows] == [o.value for o in Outcome]
    assert [row[1] for row in rows] == [o.label for o in Outcome]


def test_every_outcome_comes_from_a_rule() -> None:
    assert {o for r in IntegrityRule for o in r.outcomes} == set(Outcome)


# A record that breaks every rule from ``first`` on is decided by ``first``: the rules apply in
# their order. Each break: the record's fields (and the enterprise's category) that make it.
BREAKS: dict[IntegrityRule, dict[str, object]] = {
    IntegrityRule.DATES: {"document_date": "2024-05-01", "submitted_on": "2024-04-30"},
    IntegrityRule.RULESET_IN_FORCE: {"document_date": "2019-05-01", "submitted_on": "2019-05-02"},
    IntegrityRule.ITEM: {"item": "NO-SUCH"},
    IntegrityRule.GRADE: {"item": "G", "grade": "特等奖"},
    IntegrityRule.CATEGORY: {"category": "design"},
    IntegrityRule.STATUS: {"status": RecordStatus.PENDING},
    IntegrityRule.SUBMISSION_WINDOW: {"document_date": "2022-05-01", "submitted_on": "2024-05-02"},
}


@pytest.mark.parametrize("first", list(BREAKS), ids=str)
def test_the_first_rule_broken_decides(first: IntegrityRule) -> None:
    later = list(BREAKS)[list(BREAKS).index(first) :]
    fields: dict[str, object] = {}
    for rule in reversed(later):  # the earlier rule's fields win where two set the same field
        fields |= BREAKS[rule]
    category = str(fields.pop("category", "supervision"))
    result = score_integrity(
        submission(rec("r", **fields), category=category), ruleset(), "2025-06-30"
    )
    [record] = result.records
    assert record.rule is first
    assert record.outcome in first.outcomes
