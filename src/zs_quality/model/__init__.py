"""The domain model: frozen value classes, validated on construction, with no I/O."""

from zs_quality.model.enterprise import ConstructionCategory, Enterprise, Sector
from zs_quality.model.evidence import (
    EVIDENCE_TYPES,
    Award,
    ContributionRole,
    CQOCertification,
    DemonstrationBase,
    Evidence,
    EvidenceKind,
    HonourLevel,
    Paper,
    Patent,
    PatentType,
    Project,
    Report,
    ReportActivity,
    Standard,
    StandardScope,
    TypicalCase,
)
from zs_quality.model.roles import Appointment, Education, Person, QualityRole
from zs_quality.model.towns import Gazetteer, Town
from zs_quality.model.uscc import USCC

__all__ = [
    "EVIDENCE_TYPES",
    "USCC",
    "Appointment",
    "Award",
    "CQOCertification",
    "ConstructionCategory",
    "ContributionRole",
    "DemonstrationBase",
    "Education",
    "Enterprise",
    "Evidence",
    "EvidenceKind",
    "Gazetteer",
    "HonourLevel",
    "Paper",
    "Patent",
    "PatentType",
    "Person",
    "Project",
    "QualityRole",
    "Report",
    "ReportActivity",
    "Sector",
    "Standard",
    "StandardScope",
    "Town",
    "TypicalCase",
]
