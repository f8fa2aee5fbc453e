"""zs_quality: Zhongshan's chief-quality-officer (首席质量官, CQO) policy as importable rules.

The source is the Zhongshan Market Supervision Administration's reply 中市监函〔2024〕179号. The
package holds the domain model (:mod:`zs_quality.model`), the rules (:mod:`zs_quality.rules`),
the policy data they read, and the converter and command line at the edges.
"""

from importlib.metadata import PackageNotFoundError, version

from zs_quality.convert import converter, structure, unstructure
from zs_quality.dates import Date, end_of_period, parse_date, today
from zs_quality.errors import (
    InputError,
    Problem,
    RulesetError,
    TransitionError,
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
    Sector,
    Standard,
    StandardScope,
    TypicalCase,
)
from zs_quality.rules.size import (
    AboveSizeStatus,
    SizeClassification,
    SizeTier,
    above_designated_size,
    classify_size,
)

try:
    __version__ = version("zs_quality")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = [
    "USCC",
    "AboveSizeStatus",
    "Appointment",
    "Award",
    "CQOCertification",
    "ConstructionCategory",
    "ContributionRole",
    "Date",
    "DemonstrationBase",
    "Education",
    "Enterprise",
    "Evidence",
    "EvidenceKind",
    "HonourLevel",
    "InputError",
    "Paper",
    "Patent",
    "PatentType",
    "Person",
    "Problem",
    "Project",
    "QualityRole",
    "Report",
    "RulesetError",
    "Sector",
    "SizeClassification",
    "SizeTier",
    "Standard",
    "StandardScope",
    "TransitionError",
    "TypicalCase",
    "USCCError",
    "ZsQualityError",
    "__version__",
    "above_designated_size",
    "classify_size",
    "converter",
    "end_of_period",
    "parse_date",
    "structure",
    "today",
    "unstructure",
]
