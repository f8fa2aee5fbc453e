"""Shared builders for the integrity tests: a small ruleset with every kind of item."""

from __future__ import annotations

from typing import Any

from zs_quality import ConstructionCategory, Enterprise
from zs_quality.model.submission import IntegrityRecord, Submission
from zs_quality.rulesets import Ruleset, parse_ruleset

CODE = "91350100M000100Y43"

HEADER = """
schema = 1
[ruleset]
id = "test-rules"
version = "{version}"
title = "测试记分标准"
jurisdiction = "中山市"
reference = "测试〔2024〕1号"
status = "{status}"
effective_from = {start}
{until}
submission_window_years = 1
"""

ITEMS = """
[[items]]
code = "A"
categories = ["supervision", "construction_contractor"]
level = "national"
description = "国家级通报表扬"
points = 30
annual_cap = 60
validity_years = 3

[[items]]
code = "P"
categories = ["supervision"]
level = "provincial"
description = "省级荣誉"
points = 40
annual_cap = 100
validity_years = 2

[[items]]
code = "G"
categories = ["supervision"]
level = "national"
description = "分等次奖项"
points = 100
annual_cap = 100
validity_years = 1
grades = { "一等奖" = 100, "二等奖" = 80, "三等奖" = 12.5 }

[[items]]
code = "N"
categories = ["supervision"]
level = "municipal"
description = "无封顶"
points = 20
validity_years = 1
"""


def ruleset_text(
    *,
    version: str = "1",
    status: str = "in_force",
    start: str = "2020-01-01",
    until: str | None = None,
    items: str = ITEMS,
) -> str:
    return (
        HEADER.format(
            version=version,
            status=status,
            start=start,
            until=f"effective_until = {until}" if until else "",
        )
        + items
    )


def ruleset(**kw: Any) -> Ruleset:
    return parse_ruleset(ruleset_text(**kw), source="test.toml")


def rec(
    id: str,
    item: str = "A",
    document_date: str = "2024-05-01",
    submitted_on: str | None = None,
    **kw: Any,
) -> IntegrityRecord:
    return IntegrityRecord(
        id=id,
        item=item,
        document_date=document_date,
        submitted_on=submitted_on or document_date,
        **kw,
    )


def submission(*records: IntegrityRecord, category: str = "supervision") -> Submission:
    enterprise = Enterprise(
        uscc=CODE, name="测试监理有限公司", category=ConstructionCategory(category)
    )
    return Submission(enterprise=enterprise, records=records)
