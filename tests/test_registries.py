"""Registries with lifecycles: every legal and illegal move, dated states, counts, evidence."""

from __future__ import annotations

from collections import deque
from itertools import product
from typing import Any

import pytest

from zs_quality.convert import structure
from zs_quality.dates import Date
from zs_quality.errors import InputError, TransitionError
from zs_quality.examples import example_path
from zs_quality.io.jsonio import read_json_or_lines
from zs_quality.model.evidence import CQOCertification, DemonstrationBase, HonourLevel
from zs_quality.model.roles import QualityRole
from zs_quality.registries import (
    Attendee,
    BaseState,
    CaseState,
    CertificationEntry,
    CertificationState,
    DemonstrationBaseEntry,
    GroupStandardEntry,
    RegistryEntry,
    StandardState,
    TrainingForm,
    TrainingSession,
    Transition,
    TypicalCaseEntry,
    certification_evidence,
    count_by_state,
    count_reached,
    demonstration_base_evidence,
    demonstration_bases_on,
    training_totals,
    typical_case_evidence,
    valid_certification,
)
from zs_quality.testing.codes import example_uscc

code = example_uscc


def step(state: Any, on: str, document_no: str | None = None) -> Transition[Any]:
    return Transition(state=state, on=Date.fromisoformat(on), document_no=document_no)


def make(cls: type[RegistryEntry[Any]], states: list[Any], start: str = "2024-01-01") -> Any:
    first = Date.fromisoformat(start)
    history = [Transition(state=s, on=first.add(days=i)) for i, s in enumerate(states)]
    extra: dict[str, Any] = {}
    if cls is not GroupStandardEntry:
        extra["enterprise"] = code(1)
    return cls(id="e1", history=history, **extra)


ENTRY_TYPES: list[type[RegistryEntry[Any]]] = [
    TypicalCaseEntry,
    GroupStandardEntry,
    DemonstrationBaseEntry,
    CertificationEntry,
]


def path_to(cls: type[RegistryEntry[Any]], target: Any) -> list[Any] | None:
    """The shortest legal history that ends in ``target`` (None when it cannot be reached)."""
    lifecycle = cls.LIFECYCLE
    queue: deque[list[Any]] = deque([s] for s in lifecycle.initial)
    seen = set()
    while queue:
        path = queue.popleft()
        if path[-1] == target:
            return path
        if path[-1] in seen:
            continue
        seen.add(path[-1])
        queue.extend([*path, nxt] for nxt in lifecycle.moves.get(path[-1], ()))
    return None


def all_moves() -> list[tuple[type[RegistryEntry[Any]], Any, Any]]:
    cases = []
    for cls in ENTRY_TYPES:
        states = list(cls.LIFECYCLE.states)
        for a, b in product(states, states):
            if path_to(cls, a) is not None:
                cases.append((cls, a, b))
    return cases


@pytest.mark.parametrize(
    ("cls", "source", "target"),
    all_moves(),
    ids=lambda v: v.__name__ if isinstance(v, type) else str(v),
)
def test_every_move_is_legal_exactly_when_the_lifecycle_says(
    cls: type[RegistryEntry[Any]], source: Any, target: Any
) -> None:
    history = path_to(cls, source)
    assert history is not None
    entry = make(cls, history)
    assert entry.state is source
    if target in cls.LIFECYCLE.moves.get(source, frozenset()):
        moved = entry.advance(target, entry.history[-1].on.add(days=1))
        assert moved.state is target
        assert entry.state is source  # the original is unchanged
    else:
        with pytest.raises(TransitionError) as info:
            entry.advance(target, entry.history[-1].on.add(days=1))
        message = str(info.value)
        assert source.value in message
        assert target.value in message
        assert info.value.path == f"history[{len(history)}].state"


def test_legal_paths_through_each_lifecycle() -> None:
    case = make(
        TypicalCaseEntry,
        [CaseState.COLLECTED, CaseState.SUBMITTED, CaseState.SELECTED_PROVINCIAL],
    )
    assert case.advance(CaseState.SELECTED_NATIONAL, "2024-02-01").state is (
        CaseState.SELECTED_NATIONAL
    )
    standard = make(
        GroupStandardEntry,
        [
            StandardState.REGISTERED,
            StandardState.DRAFTING,
            StandardState.PUBLISHED,
            StandardState.IN_FORCE,
            StandardState.WITHDRAWN,
        ],
    )
    assert standard.state is StandardState.WITHDRAWN
    base = make(
        DemonstrationBaseEntry,
        [
            BaseState.NOMINATED,
            BaseState.CULTIVATING,
            BaseState.ACCEPTED,
            BaseState.AWARDED,
            BaseState.REVOKED,
        ],
    )
    assert base.state is BaseState.REVOKED
    cert = make(
        CertificationEntry,
        [CertificationState.ISSUED, CertificationState.SUSPENDED, CertificationState.ISSUED],
    )
    assert cert.advance(CertificationState.WITHDRAWN, "2024-03-01").state is (
        CertificationState.WITHDRAWN
    )


@pytest.mark.parametrize("cls", ENTRY_TYPES, ids=lambda c: c.__name__)
def test_a_history_must_start_in_an_initial_state(cls: type[RegistryEntry[Any]]) -> None:
    not_initial = next(s for s in cls.LIFECYCLE.states if s not in cls.LIFECYCLE.initial)
    with pytest.raises(TransitionError) as info:
        make(cls, [not_initial])
    assert info.value.path == "history[0].state"
    assert not_initial.value in str(info.value)


def test_an_empty_history_and_a_history_going_back_in_time_are_refused() -> None:
    with pytest.raises(InputError, match="at least one"):
        GroupStandardEntry(id="s", history=[])
    with pytest.raises(InputError) as info:
        GroupStandardEntry(
            id="s",
            history=[
                step(StandardState.REGISTERED, "2023-05-02"),
                step(StandardState.DRAFTING, "2023-05-01"),
            ],
        )
    assert info.value.path == "history[1].on"


def test_a_state_of_another_lifecycle_is_refused() -> None:
    with pytest.raises(InputError) as info:
        GroupStandardEntry(id="s", history=[step(BaseState.NOMINATED, "2023-05-01")])
    assert info.value.path == "history[0].state"


def test_two_steps_on_one_day_are_allowed_and_the_later_one_wins() -> None:
    entry = GroupStandardEntry(
        id="s",
        history=[
            step(StandardState.REGISTERED, "2023-05-01"),
            step(StandardState.DRAFTING, "2023-05-01"),
        ],
    )
    assert entry.state_on("2023-05-01") is StandardState.DRAFTING


def test_state_on_counts_a_step_from_its_own_date() -> None:
    entry = GroupStandardEntry(
        id="s",
        history=[
            step(StandardState.REGISTERED, "2023-03-01"),
            step(StandardState.DRAFTING, "2023-04-01"),
            step(StandardState.PUBLISHED, "2023-10-15"),
        ],
    )
    assert entry.state_on("2023-02-28") is None
    assert entry.state_on("2023-03-01") is StandardState.REGISTERED
    assert entry.state_on("2023-10-14") is StandardState.DRAFTING
    assert entry.state_on("2023-10-15") is StandardState.PUBLISHED
    assert entry.entered_on(StandardState.PUBLISHED) == Date(2023, 10, 15)
    assert entry.entered_on(StandardState.PUBLISHED, "2023-10-14") is None


def _association_standards() -> list[GroupStandardEntry]:
    """Six standards registered in 2022-2023, five published by end-2023, one still drafting."""
    entries = []
    for n in range(1, 7):
        history = [
            step(StandardState.REGISTERED, f"2022-0{n}-10"),
            step(StandardState.DRAFTING, f"2022-0{n}-20"),
        ]
        if n <= 5:
            history.append(step(StandardState.PUBLISHED, f"2023-0{n}-15"))
        if n <= 3:
            history.append(step(StandardState.IN_FORCE, f"2023-0{n + 1}-15"))
        entries.append(GroupStandardEntry(id=f"T/ZSCQO 00{n}", history=history))
    return entries


def test_count_reached_reproduces_six_registered_five_published() -> None:
    # 中市监函〔2024〕179号, part two: by end-2023, 6 group standards registered, 5 published.
    reached = count_reached(_association_standards(), "2023-12-31")
    assert reached[StandardState.REGISTERED] == 6
    assert reached[StandardState.PUBLISHED] == 5
    assert reached[StandardState.WITHDRAWN] == 0


def test_count_by_state_counts_current_states_with_zeros() -> None:
    counts = count_by_state(_association_standards(), "2023-12-31")
    assert counts == {
        StandardState.REGISTERED: 0,
        StandardState.DRAFTING: 1,
        StandardState.PUBLISHED: 2,
        StandardState.IN_FORCE: 3,
        StandardState.WITHDRAWN: 0,
    }
    assert count_by_state(_association_standards(), "2021-12-31") == dict.fromkeys(StandardState, 0)
    assert count_by_state([], "2023-12-31") == {}


def test_counting_entries_of_two_registries_together_is_refused() -> None:
    mixed: list[Any] = [
        make(GroupStandardEntry, [StandardState.REGISTERED]),
        make(DemonstrationBaseEntry, [BaseState.NOMINATED]),
    ]
    with pytest.raises(InputError, match="different registries"):
        count_by_state(mixed, "2024-12-31")


def test_typical_case_evidence_once_selected() -> None:
    case = TypicalCaseEntry(
        id="case-1",
        enterprise=code(1),
        title="质量变革创新实践",
        history=[
            step(CaseState.COLLECTED, "2023-03-01"),
            step(CaseState.SUBMITTED, "2023-04-01"),
            step(CaseState.SELECTED_NATIONAL, "2023-11-20", "市监质发〔2023〕X号"),
        ],
    )
    assert typical_case_evidence(case, "2023-11-19") is None
    evidence = typical_case_evidence(case, "2023-11-20")
    assert evidence is not None
    assert evidence.level is HonourLevel.NATIONAL
    assert evidence.date == Date(2023, 11, 20)
    assert evidence.document_no == "市监质发〔2023〕X号"


def _base() -> DemonstrationBaseEntry:
    return DemonstrationBaseEntry(
        id="base-1",
        enterprise=code(2),
        issuer="中山市企业首席质量官协会",
        history=[
            step(BaseState.NOMINATED, "2024-01-10"),
            step(BaseState.CULTIVATING, "2024-02-01"),
            step(BaseState.ACCEPTED, "2025-01-15"),
            step(BaseState.AWARDED, "2025-03-01", "中首质协〔2025〕1号"),
            step(BaseState.REVOKED, "2026-06-01"),
        ],
    )


def test_demonstration_base_evidence_only_while_awarded() -> None:
    base = _base()
    assert demonstration_base_evidence(base, "2025-02-28") is None
    evidence = demonstration_base_evidence(base, "2025-03-01")
    assert evidence == DemonstrationBase(
        id="base-1",
        date=Date(2025, 3, 1),
        title="首席质量官制度示范基地",
        document_no="中首质协〔2025〕1号",
        issuer="中山市企业首席质量官协会",
        level=HonourLevel.ASSOCIATION,
    )
    assert demonstration_base_evidence(base, "2026-05-31") is not None
    assert demonstration_base_evidence(base, "2026-06-01") is None
    assert demonstration_bases_on([base], code(2), "2025-06-01") == (evidence,)
    assert demonstration_bases_on([base], code(3), "2025-06-01") == ()


def _certificate(**kwargs: Any) -> CertificationEntry:
    history = kwargs.pop(
        "history",
        [
            step(CertificationState.ISSUED, "2024-05-01", "ZSCQO-C-001"),
            step(CertificationState.SUSPENDED, "2024-09-01"),
            step(CertificationState.ISSUED, "2024-10-01"),
        ],
    )
    return CertificationEntry(
        id=kwargs.pop("id", "cert-1"),
        enterprise=code(3),
        issuer="中山市企业首席质量官协会",
        valid_until=kwargs.pop("valid_until", "2027-04-30"),
        history=history,
        **kwargs,
    )


def test_certification_states_on_dates() -> None:
    cert = _certificate()
    assert cert.state_on("2024-04-30") is None
    assert cert.state_on("2024-05-01") is CertificationState.ISSUED
    assert cert.state_on("2024-09-15") is CertificationState.SUSPENDED
    assert cert.state_on("2024-10-01") is CertificationState.ISSUED
    assert cert.state_on("2027-04-30") is CertificationState.ISSUED
    assert cert.state_on("2027-05-01") is CertificationState.EXPIRED


def test_certification_evidence_valid_on_a_document_date() -> None:
    cert = _certificate()
    assert certification_evidence(cert, "2024-09-15") is None  # suspended
    evidence = certification_evidence(cert, "2025-01-01")
    assert evidence == CQOCertification(
        id="cert-1",
        date=Date(2024, 5, 1),
        title="首席质量官制度体系认证",
        document_no="ZSCQO-C-001",
        issuer="中山市企业首席质量官协会",
        valid_until=Date(2027, 4, 30),
    )
    assert certification_evidence(cert, "2027-05-01") is None  # expired
    withdrawn = cert.advance(CertificationState.WITHDRAWN, "2025-06-01")
    assert certification_evidence(withdrawn, "2025-05-31") is not None
    assert certification_evidence(withdrawn, "2025-06-01") is None


def test_valid_certification_picks_the_latest_valid_certificate() -> None:
    old = _certificate(
        id="old",
        history=[step(CertificationState.ISSUED, "2021-05-01")],
        valid_until="2024-04-30",
    )
    new = _certificate(id="new")
    assert valid_certification([old, new], code(3), "2024-04-30") == certification_evidence(
        old, "2024-04-30"
    )
    chosen = valid_certification([old, new], code(3), "2025-01-01")
    assert chosen is not None
    assert chosen.id == "new"
    assert valid_certification([old, new], code(3), "2024-09-15") is None
    assert valid_certification([old, new], code(4), "2025-01-01") is None


def test_a_certificate_cannot_expire_before_it_was_issued() -> None:
    with pytest.raises(InputError) as info:
        _certificate(valid_until="2024-04-30")
    assert info.value.path == "valid_until"


def _sessions() -> list[TrainingSession]:
    return [
        TrainingSession(
            id="s1",
            date="2023-03-10",
            town="小榄镇",
            kind=QualityRole.CHIEF_QUALITY_OFFICER,
            attendees=[
                Attendee(enterprise=code(1), name="李明"),
                Attendee(enterprise=code(2), name="陈芳"),
            ],
        ),
        TrainingSession(
            id="s2",
            date="2023-06-30",
            town="古镇镇",
            kind=QualityRole.QUALITY_SAFETY_DIRECTOR,
            attendees=[
                Attendee(enterprise=code(1), name="赵刚"),
                Attendee(enterprise=code(3), name="周静"),
            ],
        ),
        TrainingSession(
            id="s3",
            date="2023-07-01",
            town="古镇镇",
            kind=QualityRole.QUALITY_SAFETY_OFFICER,
            attendees=[Attendee(enterprise=code(4), name="吴强")],
        ),
    ]


def test_training_totals_by_period_and_kind() -> None:
    half = training_totals(_sessions(), "2023-01-01", "2023-06-30")
    assert (half.sessions, half.person_times, half.enterprises) == (2, 4, 3)
    year = training_totals(_sessions(), "2023-01-01", "2023-12-31")
    assert (year.sessions, year.person_times, year.enterprises) == (3, 5, 4)
    cqo = training_totals(
        _sessions(), "2023-01-01", "2023-12-31", kind=QualityRole.CHIEF_QUALITY_OFFICER
    )
    assert (cqo.sessions, cqo.person_times, cqo.enterprises) == (1, 2, 2)
    assert "人次" in year.reason_zh
    with pytest.raises(InputError):
        training_totals(_sessions(), "2023-12-31", "2023-01-01")


def test_sessions_and_classes_are_counted_apart() -> None:
    held = [
        *_sessions(),
        TrainingSession(id="c1", date="2023-05-01", form=TrainingForm.CLASS, headcount=40),
        TrainingSession(
            id="c2",
            date="2023-05-02",
            form=TrainingForm.CLASS,
            attendees=[Attendee(enterprise=code(9), name="林青")],
        ),
    ]
    year = training_totals(held, "2023-01-01", "2023-12-31")
    assert (year.sessions, year.classes, year.person_times) == (3, 2, 5 + 40 + 1)
    # Enterprises come from attendee lists only: c1 is known by its headcount alone.
    assert (year.enterprises, year.unlisted) == (5, 1)
    assert "培训3场、培训班2期，46人次" in year.reason_zh
    assert "企业数为下限" in year.reason_zh
    assert "lower bound" in year.reason_en
    classes = training_totals(held, "2023-01-01", "2023-12-31", form=TrainingForm.CLASS)
    assert (classes.sessions, classes.classes, classes.person_times) == (0, 2, 41)
    # A class for quality staff in general has no kind: a role filter leaves it out.
    cqo = training_totals(held, "2023-01-01", "2023-12-31", kind=QualityRole.CHIEF_QUALITY_OFFICER)
    assert (cqo.sessions, cqo.classes) == (1, 0)
    assert cqo.unlisted == 0
    assert "企业数为下限" not in cqo.reason_zh


def test_a_headcount_must_agree_with_the_attendees_listed() -> None:
    attendees = [Attendee(enterprise=code(1), name="李明")]
    TrainingSession(id="s", date="2023-03-10", attendees=attendees, headcount=1)
    with pytest.raises(InputError) as info:
        TrainingSession(id="s", date="2023-03-10", attendees=attendees, headcount=2)
    assert info.value.path == "headcount"
    with pytest.raises(InputError) as negative:
        TrainingSession(id="s", date="2023-03-10", headcount=-1)
    assert negative.value.path == "headcount"
    assert TrainingSession(id="s", date="2023-03-10", headcount=0).person_times == 0


def test_a_session_for_quality_staff_in_general_gives_no_role_records() -> None:
    general = TrainingSession(
        id="c", date="2023-03-10", attendees=[Attendee(enterprise=code(1), name="李明")]
    )
    assert list(general.records()) == []


def _association_training() -> list[TrainingSession]:
    path = example_path("association_training.jsonl")
    return [
        structure(line.data, TrainingSession, file=str(path), line=line.number)
        for line in read_json_or_lines(str(path))
    ]


def test_the_example_reproduces_the_replys_training_figures() -> None:
    # 中市监函〔2024〕179号, part two: since 2023, 8 town sessions (场), 20-odd quality-management
    # talent classes (期), 1,000-odd person-times (人次), up to the reply of 2024-07-10.
    held = _association_training()
    since_2023 = training_totals(held, "2023-01-01", "2024-07-10")
    assert since_2023.sessions == 8
    assert since_2023.classes > 20
    assert len({s.town for s in held if s.form is TrainingForm.SESSION}) == 8
    classes = training_totals(held, "2023-01-01", "2024-07-10", form=TrainingForm.CLASS)
    assert classes.person_times > 1000
    assert (since_2023.classes, classes.person_times) == (21, 1044)


def test_a_session_lists_each_attendee_once_and_yields_records() -> None:
    with pytest.raises(InputError) as info:
        TrainingSession(
            id="s",
            date="2023-03-10",
            kind=QualityRole.CHIEF_QUALITY_OFFICER,
            attendees=[
                Attendee(enterprise=code(1), name="李明"),
                Attendee(enterprise=code(1), name="李明"),
            ],
        )
    assert info.value.path == "attendees[1]"
    records = list(_sessions()[0].records())
    assert [(r.person, r.completed_on, r.session) for r in records] == [
        ("李明", Date(2023, 3, 10), "s1"),
        ("陈芳", Date(2023, 3, 10), "s1"),
    ]


@pytest.mark.parametrize(
    ("cls", "states", "target"),
    [
        (TypicalCaseEntry, [CaseState.COLLECTED], CaseState.SELECTED_NATIONAL),
        (
            TypicalCaseEntry,
            [CaseState.COLLECTED, CaseState.SUBMITTED, CaseState.NOT_SELECTED],
            CaseState.SELECTED_PROVINCIAL,
        ),
        (GroupStandardEntry, [StandardState.REGISTERED], StandardState.PUBLISHED),
        (
            GroupStandardEntry,
            [StandardState.REGISTERED, StandardState.WITHDRAWN],
            StandardState.DRAFTING,
        ),
        (DemonstrationBaseEntry, [BaseState.NOMINATED], BaseState.AWARDED),
        (DemonstrationBaseEntry, [BaseState.NOMINATED, BaseState.CULTIVATING], BaseState.REVOKED),
        (
            CertificationEntry,
            [CertificationState.ISSUED, CertificationState.WITHDRAWN],
            CertificationState.ISSUED,
        ),
        (CertificationEntry, [CertificationState.ISSUED], CertificationState.EXPIRED),
    ],
)
def test_named_illegal_moves(cls: type[RegistryEntry[Any]], states: list[Any], target: Any) -> None:
    entry = make(cls, states)
    with pytest.raises(TransitionError, match=f"from {states[-1].value} .* to {target.value}"):
        entry.advance(target, "2025-01-01")
