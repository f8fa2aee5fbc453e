"""Evidence and honours (业绩成果、荣誉): dated, typed records of what an enterprise or person achieved.

Each kind is its own class; in JSON a record names its kind in ``"kind"``. Every record may say
that the enterprise's CQO led it (``cqo_led``, 首席质量官牵头组织获得), which lets it serve as
evidence in that CQO's title evaluation (中市监函〔2024〕179号, part three).
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from zs_quality.dates import Date, as_date, as_optional_date
from zs_quality.errors import InputError
from zs_quality.model.checks import non_empty, positive
from zs_quality.model.identity import identity_text
from zs_quality.model.labels import LabelledEnum

__all__ = [
    "EVIDENCE_TYPES",
    "Award",
    "CQOCertification",
    "ContributionRole",
    "DemonstrationBase",
    "Evidence",
    "EvidenceKind",
    "HonourLevel",
    "Paper",
    "Patent",
    "PatentType",
    "Project",
    "Report",
    "ReportActivity",
    "Standard",
    "StandardScope",
    "TypicalCase",
]


class HonourLevel(LabelledEnum):
    """The level of the body that grants an honour, runs a project or organises a piece of work,
    lowest first. County (县级) sits between an association and a city: 粤人社规〔2019〕55号 asks for
    an accident investigation organised by a department "at county level or higher" (县级以上)."""

    ASSOCIATION = "association", "协会级"
    COUNTY = "county", "县级"
    MUNICIPAL = "municipal", "市级"
    PROVINCIAL = "provincial", "省级"
    NATIONAL = "national", "国家级"
    INTERNATIONAL = "international", "国际级"

    @property
    def rank(self) -> int:
        """Higher is a higher level: association 0, county 1, municipal 2 ... international 5."""
        return list(HonourLevel).index(self)


class StandardScope(LabelledEnum):
    """The scope of a standard (标准类别)."""

    INTERNATIONAL = "international", "国际标准"
    NATIONAL = "national", "国家标准"
    INDUSTRY = "industry", "行业标准"
    LOCAL = "local", "地方标准"
    GROUP = "group", "团体标准"
    ENTERPRISE = "enterprise", "企业标准"


class PatentType(LabelledEnum):
    """The type of a Chinese patent (专利类型)."""

    INVENTION = "invention", "发明专利"
    UTILITY_MODEL = "utility_model", "实用新型专利"
    DESIGN = "design", "外观设计专利"


class ContributionRole(LabelledEnum):
    """A person's role in a project or achievement."""

    LEAD = "lead", "主持/牵头"
    MAIN = "main", "主要完成人"
    PARTICIPANT = "participant", "参与"


class ReportActivity(LabelledEnum):
    """The kind of technical work a report records (技术工作类别), as the alternatives of
    粤人社规〔2019〕55号 tell them apart: each alternative names its own activities and count."""

    NEW_TECHNOLOGY = "new_technology", "新技术引进、新产品开发、新技术成果推广"
    PROFICIENCY_TEST = "proficiency_test", "能力验证、实验室比对"
    INSPECTION_APPRAISAL = (
        "inspection_appraisal",
        "质量仲裁检验、风险监测、质量鉴定、事故技术鉴定、型式评价、安全评价、技术评审",
    )
    ENERGY_AUDIT = "energy_audit", "能源计量技术审核"
    ACCIDENT_INVESTIGATION = "accident_investigation", "事故调查"
    SYSTEM_BUILDING = "system_building", "标准体系、质量体系建立"
    DEMONSTRATION = "demonstration", "新技术、新材料、新产品、新工艺开发示范项目"


class EvidenceKind(LabelledEnum):
    """The kinds of evidence record, as written in the ``kind`` key of JSON."""

    AWARD = "award", "奖项/荣誉"
    STANDARD = "standard", "标准"
    PATENT = "patent", "专利"
    PROJECT = "project", "项目"
    PAPER = "paper", "论文/著作"
    REPORT = "report", "技术报告"
    TYPICAL_CASE = "typical_case", "典型案例入选"
    CQO_CERTIFICATION = "cqo_certification", "首席质量官制度体系认证"
    DEMONSTRATION_BASE = "demonstration_base", "首席质量官制度示范基地"


@attrs.frozen(kw_only=True)
class _Record:
    """Fields every evidence record has: an id, the date on its proof document, and provenance."""

    KIND: ClassVar[EvidenceKind]

    id: str = attrs.field(converter=identity_text, validator=non_empty)
    date: Date = attrs.field(converter=as_date)
    title: str = ""
    cqo_led: bool = False
    document_no: str | None = attrs.field(default=None, converter=identity_text)
    issuer: str | None = None

    @property
    def kind(self) -> EvidenceKind:
        """The kind of this record."""
        return self.KIND


@attrs.frozen(kw_only=True)
class Award(_Record):
    """An award or honour (奖项、荣誉) at a level, with an optional grade (一等奖 ...)."""

    KIND = EvidenceKind.AWARD
    level: HonourLevel
    grade: str | None = None
    rank: int | None = attrs.field(default=None, validator=positive)
    role: ContributionRole | None = None


@attrs.frozen(kw_only=True)
class Standard(_Record):
    """A published standard (标准); ``rank`` is the drafter's place among its drafters (1 = first)."""

    KIND = EvidenceKind.STANDARD
    scope: StandardScope
    rank: int | None = attrs.field(default=None, validator=positive)
    role: ContributionRole | None = None


@attrs.frozen(kw_only=True)
class Patent(_Record):
    """A granted patent (授权专利); ``rank`` is the inventor's place among the inventors."""

    KIND = EvidenceKind.PATENT
    type: PatentType
    rank: int | None = attrs.field(default=None, validator=positive)
    role: ContributionRole | None = None


@attrs.frozen(kw_only=True)
class Project(_Record):
    """A project (项目) at a level, or the employer's own project when ``level`` is ``None``."""

    KIND = EvidenceKind.PROJECT
    level: HonourLevel | None = None
    role: ContributionRole
    rank: int | None = attrs.field(default=None, validator=positive)


@attrs.frozen(kw_only=True)
class Paper(_Record):
    """A paper or book (论文、著作); ``rank`` is the author's place."""

    KIND = EvidenceKind.PAPER
    level: HonourLevel | None = None
    rank: int | None = attrs.field(default=None, validator=positive)
    role: ContributionRole | None = None


@attrs.frozen(kw_only=True)
class Report(_Record):
    """A technical report (技术报告) on a piece of technical work: ``activity`` says which kind
    (new technology, proficiency testing, inspection or appraisal, energy audit, accident
    investigation, system building, a demonstration project); ``level`` is the level of the body
    that organised, accepted or adopted the work (an accident investigation organised by a county
    department is ``county``). A report without an ``activity`` meets no condition that names
    activities."""

    KIND = EvidenceKind.REPORT
    activity: ReportActivity | None = None
    level: HonourLevel | None = None
    role: ContributionRole | None = None
    rank: int | None = attrs.field(default=None, validator=positive)


@attrs.frozen(kw_only=True)
class TypicalCase(_Record):
    """Selection of a CQO quality-change and innovation typical case (首席质量官典型案例)."""

    KIND = EvidenceKind.TYPICAL_CASE
    level: HonourLevel


def _valid_after_issue(instance: CQOCertification, _attribute: object, value: Date | None) -> None:
    if value is not None and value < instance.date:
        raise InputError(
            f"valid until {value}, before it was issued on {instance.date}", path="valid_until"
        )


@attrs.frozen(kw_only=True)
class CQOCertification(_Record):
    """A certification of the enterprise's CQO system (首席质量官制度体系认证), e.g. by the
    Zhongshan CQO Association; ``date`` is the issue date."""

    KIND = EvidenceKind.CQO_CERTIFICATION
    valid_until: Date | None = attrs.field(
        default=None, converter=as_optional_date, validator=_valid_after_issue
    )


@attrs.frozen(kw_only=True)
class DemonstrationBase(_Record):
    """The honour of CQO-system demonstration base (首席质量官制度示范基地); ``date`` is the award."""

    KIND = EvidenceKind.DEMONSTRATION_BASE
    level: HonourLevel = HonourLevel.ASSOCIATION


Evidence = (
    Award
    | Standard
    | Patent
    | Project
    | Paper
    | Report
    | TypicalCase
    | CQOCertification
    | DemonstrationBase
)
"""Any evidence record; JSON tells the kinds apart by ``"kind"``."""

EVIDENCE_TYPES: tuple[type[_Record], ...] = (
    Award,
    Standard,
    Patent,
    Project,
    Paper,
    Report,
    TypicalCase,
    CQOCertification,
    DemonstrationBase,
)
