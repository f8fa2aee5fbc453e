"""Rulesets of construction integrity-score bonus items: the model, the loader, and the embedded
TOML files (the Zhongshan 2024 good-behaviour rows and the proposed CQO amendment)."""

from zs_quality.model.ruleset import Item, Ruleset, RulesetHistory, RulesetRef, RulesetStatus
from zs_quality.policy.rulesets import (
    SCHEMA,
    embedded_rulesets,
    embedded_source,
    load_history,
    load_ruleset,
    parse_ruleset,
)

__all__ = [
    "SCHEMA",
    "Item",
    "Ruleset",
    "RulesetHistory",
    "RulesetRef",
    "RulesetStatus",
    "embedded_rulesets",
    "embedded_source",
    "load_history",
    "load_ruleset",
    "parse_ruleset",
]
