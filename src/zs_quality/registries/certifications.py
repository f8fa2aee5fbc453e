"""The registry of CQO-system certifications (首席质量官制度体系认证).

Zhongshan supports bodies that certify enterprises' CQO systems (中市监函〔2024〕179号, part one),
and running the system with the CQO Association's certification is a proposed integrity-score bonus
item (part three). A certificate is issued with an expiry date, may be suspended and reinstated,
and may be withdrawn; past its expiry it is expired without any step being recorded. That
lifecycle is assumed (the usual states of a management-system certificate): the association has
published no certification rules.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import attrs

from zs_quality.dates import Date, as_date, as_optional_date
from zs_quality.errors import InputError
from zs_quality.model.enterprise import to_uscc
from zs_quality.model.evidence import CQOCertification
from zs_quality.model.labels import LabelledEnum
from zs_quality.model.uscc import USCC
from zs_quality.registries.lifecycle import Lifecycle, RegistryEntry

__all__ = [
    "CertificationEntry",
    "CertificationState",
    "certification_evidence",
    "valid_certification",
]


class CertificationState(LabelledEnum):
    """The states of a certificate; ``expired`` follows from ``valid_until``, never recorded."""

    ISSUED = "issued", "有效"
    SUSPENDED = "suspended", "暂停"
    WITHDRAWN = "withdrawn", "撤销"
    EXPIRED = "expired", "期满失效"


CERTIFICATION_LIFECYCLE: Lifecycle[CertificationState] = Lifecycle(
    name_zh="首席质量官制度体系认证",
    name_en="certification",
    states=CertificationState,
    initial=frozenset({CertificationState.ISSUED}),
    moves={
        CertificationState.ISSUED: frozenset(
            {CertificationState.SUSPENDED, CertificationState.WITHDRAWN}
        ),
        CertificationState.SUSPENDED: frozenset(
            {CertificationState.ISSUED, CertificationState.WITHDRAWN}
        ),
    },
)


@attrs.frozen(kw_only=True)
class CertificationEntry(RegistryEntry[CertificationState]):
    """One certificate; it is valid through ``valid_until`` (inclusive), with no end when ``None``."""

    LIFECYCLE = CERTIFICATION_LIFECYCLE
    enterprise: USCC = attrs.field(converter=to_uscc)
    issuer: str | None = None
    title: str = "首席质量官制度体系认证"
    valid_until: Date | None = attrs.field(default=None, converter=as_optional_date)

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        issued = self.history[0].on
        if self.valid_until is not None and self.valid_until < issued:
            raise InputError(
                f"valid until {self.valid_until}, before it was issued on {issued}",
                path="valid_until",
            )

    @property
    def issued_on(self) -> Date:
        """The issue date: the date of the first step."""
        return self.history[0].on

    def state_on(self, day: _dt.date | str) -> CertificationState | None:
        """The recorded state on ``day``, or ``expired`` once ``valid_until`` has passed."""
        state = super().state_on(day)
        if (
            state in (CertificationState.ISSUED, CertificationState.SUSPENDED)
            and self.valid_until is not None
            and as_date(day) > self.valid_until
        ):
            return CertificationState.EXPIRED
        return state


def certification_evidence(
    entry: CertificationEntry, on: _dt.date | str
) -> CQOCertification | None:
    """The certificate as an evidence record when it is valid on ``on`` (issued, not suspended,
    withdrawn or expired); else ``None``."""
    if entry.state_on(on) is not CertificationState.ISSUED:
        return None
    return CQOCertification(
        id=entry.id,
        date=entry.issued_on,
        title=entry.title,
        document_no=entry.history[0].document_no,
        issuer=entry.issuer,
        valid_until=entry.valid_until,
    )


def valid_certification(
    entries: Iterable[CertificationEntry], enterprise: USCC | str, on: _dt.date | str
) -> CQOCertification | None:
    """The certificate of ``enterprise`` valid on ``on`` (a document date), the latest issued
    when there are several; ``None`` when none is valid."""
    code = to_uscc(enterprise)
    valid = [
        c
        for c in (certification_evidence(e, on) for e in entries if e.enterprise == code)
        if c is not None
    ]
    return max(valid, key=lambda c: (c.date, c.id)) if valid else None
