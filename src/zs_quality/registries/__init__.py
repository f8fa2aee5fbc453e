"""Registries with lifecycles: typical cases, group standards, demonstration bases and
certifications (each entry a dated history of states), and training sessions."""

from zs_quality.registries.certifications import (
    CertificationEntry,
    CertificationState,
    certification_evidence,
    valid_certification,
)
from zs_quality.registries.demonstration_bases import (
    BaseState,
    DemonstrationBaseEntry,
    demonstration_base_evidence,
    demonstration_bases_on,
)
from zs_quality.registries.group_standards import GroupStandardEntry, StandardState
from zs_quality.registries.lifecycle import (
    Lifecycle,
    RegistryEntry,
    Transition,
    count_by_state,
    count_reached,
)
from zs_quality.registries.training import (
    Attendee,
    TrainingForm,
    TrainingRecord,
    TrainingSession,
    TrainingTotals,
    training_totals,
)
from zs_quality.registries.typical_cases import CaseState, TypicalCaseEntry, typical_case_evidence

__all__ = [
    "Attendee",
    "BaseState",
    "CaseState",
    "CertificationEntry",
    "CertificationState",
    "DemonstrationBaseEntry",
    "GroupStandardEntry",
    "Lifecycle",
    "RegistryEntry",
    "StandardState",
    "TrainingForm",
    "TrainingRecord",
    "TrainingSession",
    "TrainingTotals",
    "Transition",
    "TypicalCaseEntry",
    "certification_evidence",
    "count_by_state",
    "count_reached",
    "demonstration_base_evidence",
    "demonstration_bases_on",
    "training_totals",
    "typical_case_evidence",
    "valid_certification",
]
