"""zs_quality: Zhongshan's chief-quality-officer (首席质量官, CQO) policy as importable rules.

The source is the Zhongshan Market Supervision Administration's reply 中市监函〔2024〕179号. The
package holds the domain model (:mod:`zs_quality.model`), the rules (:mod:`zs_quality.rules`),
the policy data they read, and the converter and command line at the edges.
"""

from zs_quality.api import (
    above_designated_size,
    check_cqo,
    classify_size,
    compare_rulesets,
    coverage,
    sweep_item,
)
from zs_quality.batch import BatchCounts, Rejected, score_jsonl, score_many
from zs_quality.convert import converter, structure, unstructure
from zs_quality.dates import Date, end_of_period, parse_date, today
from zs_quality.errors import (
    InputError,
    Problem,
    RulesetError,
    TransitionError,
    UnknownReferenceError,
    USCCError,
    ZsQualityError,
)
from zs_quality.model import (
    USCC,
    Appointment,
    Award,
    ConstructionCategory,
    ContributionRole,
    CQOCertification,
    DemonstrationBase,
    Education,
    Enterprise,
    Evidence,
    EvidenceKind,
    HonourLevel,
    Paper,
    Patent,
    PatentType,
    Person,
    Project,
    QualityRole,
    Report,
    ReportActivity,
    Sector,
    Standard,
    StandardScope,
    TypicalCase,
)
from zs_quality.model.criteria import Criteria
from zs_quality.model.size import SizeTier
from zs_quality.model.submission import IntegrityRecord, RecordStatus, Submission
from zs_quality.model.titles import Candidate, HeldTitle, TitleLevel
from zs_quality.policy.criteria import load_criteria
from zs_quality.rules.coverage import CoverageReport
from zs_quality.rules.criteria_comparison import CriteriaComparison, compare_criteria
from zs_quality.rules.impact import Impact
from zs_quality.rules.integrity import IntegrityResult, Outcome, RecordResult, score_integrity
from zs_quality.rules.qualification import CQOCheck
from zs_quality.rules.size import AboveSizeStatus, SizeClassification
from zs_quality.rules.titles import TitleAssessment, assess_title, highest_eligible_level
from zs_quality.rulesets import (
    Item,
    Ruleset,
    RulesetHistory,
    RulesetRef,
    RulesetStatus,
    load_history,
    load_ruleset,
)

__version__ = "0.1.0"
"""The package's version; hatchling reads it from here for the distribution's metadata."""

__all__ = [
    "USCC",
    "AboveSizeStatus",
    "Appointment",
    "Award",
    "BatchCounts",
    "CQOCertification",
    "CQOCheck",
    "Candidate",
    "ConstructionCategory",
    "ContributionRole",
    "CoverageReport",
    "Criteria",
    "CriteriaComparison",
    "Date",
    "DemonstrationBase",
    "Education",
    "Enterprise",
    "Evidence",
    "EvidenceKind",
    "HeldTitle",
    "HonourLevel",
    "Impact",
    "InputError",
    "IntegrityRecord",
    "IntegrityResult",
    "Item",
    "Outcome",
    "Paper",
    "Patent",
    "PatentType",
    "Person",
    "Problem",
    "Project",
    "QualityRole",
    "RecordResult",
    "RecordStatus",
    "Rejected",
    "Report",
    "ReportActivity",
    "Ruleset",
    "RulesetError",
    "RulesetHistory",
    "RulesetRef",
    "RulesetStatus",
    "Sector",
    "SizeClassification",
    "SizeTier",
    "Standard",
    "StandardScope",
    "Submission",
    "TitleAssessment",
    "TitleLevel",
    "TransitionError",
    "TypicalCase",
    "USCCError",
    "UnknownReferenceError",
    "ZsQualityError",
    "__version__",
    "above_designated_size",
    "assess_title",
    "check_cqo",
    "classify_size",
    "compare_criteria",
    "compare_rulesets",
    "converter",
    "coverage",
    "end_of_period",
    "highest_eligible_level",
    "load_criteria",
    "load_history",
    "load_ruleset",
    "parse_date",
    "score_integrity",
    "score_jsonl",
    "score_many",
    "structure",
    "sweep_item",
    "today",
    "unstructure",
]
