"""Shared builders for the impact tests: two rulesets and a population worked out by hand."""

from __future__ import annotations

from typing import Any

from integrity_support import ITEMS, ruleset_text
from zs_quality.rulesets import parse_ruleset

# Baseline: A 30 (supervision, contractor), N 20 (supervision) and the other shared test items.
# Reform: the same plus C, 40 points (supervision, contractor), with a grade above a sweep value.
ITEM_C = """
[[items]]
code = "C"
categories = ["supervision", "construction_contractor"]
level = "association"
description = "首席质量官制度体系认证"
points = 40
annual_cap = 40
validity_years = 3
grades = { "优秀" = 40, "合格" = 25 }
"""
BASELINE = parse_ruleset(ruleset_text(version="base"), source="base.toml")
REFORM = parse_ruleset(
    ruleset_text(version="reform", status="proposed", items=ITEMS + ITEM_C), source="reform.toml"
)
AS_OF = "2024-12-31"

S1, S2, S3 = "91442000MA501K7X0G", "91442000MA502K7X6T", "91442000MA503K7X13"
S4, S5, S6 = "91442000MA504K7X7D", "91442000MA505K7X2M", "91442000MA506K7X80"
K1, K2 = "91442000MA507K7X38", "91442000MA508K7X9J"
X1, X2 = "91442000MA509K7X4T", "91442000MA510K7X6X"


def sub(
    uscc: str, *items: str, category: str = "supervision", town: str | None = None
) -> dict[str, Any]:
    records = [
        {"id": f"r{i}", "item": item, "document_date": "2024-05-01", "submitted_on": "2024-05-10"}
        for i, item in enumerate(items, start=1)
    ]
    enterprise = {"uscc": uscc, "name": f"企业{uscc[-4:]}", "category": category}
    if town is not None:
        enterprise["town"] = town
    return {"enterprise": enterprise, "records": records}


# Baseline totals / reform totals / ranks (competition, within category):
#   supervision  S1 30/70 1→1, S2 30/30 1→4, S3 20/20 3→5, S4 0/40 5→3, S5 0/0 5→6, S6 20/60 3→2
#   contractor   K1 30/30 1→2, K2 0/40 2→1
POPULATION = [
    sub(S1, "A", "C", town="小榄镇"),
    sub(S2, "A", town="小榄"),
    sub(S3, "N"),
    sub(S4, "C"),
    sub(S5),
    sub(S6, "N", "C"),
    sub(K1, "A", category="construction_contractor"),
    sub(K2, "C", category="construction_contractor"),
]
