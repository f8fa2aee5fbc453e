"""Hypothesis strategies for valid models and whole inputs.

Every strategy here draws objects that pass the models' own validation, so a test can use them
as input without filtering. Once ``zs_quality[test]`` is installed, hypothesis also knows them
through its plugin entry point: ``st.from_type(Enterprise)`` draws from :func:`enterprises`
with no import of this module.

Size indicators are drawn near the tier bounds of the shipped size standard
(``data/size_standards.toml``): at each bound,
one below and one above, as well as anywhere. Integrity submissions are drawn record by record,
each aimed at one :class:`~zs_quality.rules.integrity.Outcome`; the rules decide the outcome,
so an aim can miss (two records aimed at ``counted`` in one item and year may share a cap).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from zs_quality.dates import Date, as_date
from zs_quality.model.criteria import (
    Alternative,
    Authority,
    Condition,
    ConditionGroup,
    Criteria,
    LevelCriteria,
    Match,
    Transcription,
    kind_fields,
)
from zs_quality.model.enterprise import ConstructionCategory, Enterprise, Sector
from zs_quality.model.evidence import (
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
from zs_quality.model.ruleset import Item, Ruleset, RulesetStatus
from zs_quality.model.size import SizeTier
from zs_quality.model.submission import IntegrityRecord, RecordStatus, Submission
from zs_quality.model.titles import Candidate, HeldTitle, TitleLevel
from zs_quality.model.uscc import (
    CHARSET,
    NATIONAL_DIVISION,
    PROVINCE_CODES,
    REGISTRATION_AUTHORITIES,
    USCC,
    check_character,
    organisation_check_digit,
)
from zs_quality.policy.rulesets import embedded_rulesets, parse_ruleset
from zs_quality.policy.sizes import default_size_standards
from zs_quality.policy.towns import default_towns
from zs_quality.registries.training import TrainingRecord
from zs_quality.rules.integrity import Outcome, filing_deadline

__all__ = [
    "EARLIEST",
    "LATEST",
    "IntegrityCase",
    "appointments",
    "bound_edges",
    "candidates",
    "criteria_sets",
    "dates",
    "enterprises",
    "evidence",
    "integrity_cases",
    "people",
    "ruleset_texts",
    "rulesets",
    "submissions",
    "texts",
    "training_records",
    "uscc_texts",
    "usccs",
]

T = TypeVar("T")

EARLIEST = Date(2000, 1, 1)
"""The earliest date the strategies draw unless told otherwise."""
LATEST = Date(2035, 12, 31)
"""The latest date the strategies draw unless told otherwise."""

_SIZED = (Sector.MANUFACTURING, Sector.CONSTRUCTION)
_BASIS = {Sector.MANUFACTURING: "industry", Sector.CONSTRUCTION: "construction"}
_INDICATORS = ("employees", "revenue", "total_assets")
# The tier above each tier, whose bounds a drawn enterprise must miss on one indicator.
_ABOVE = {
    SizeTier.MEDIUM: SizeTier.LARGE,
    SizeTier.SMALL: SizeTier.MEDIUM,
    SizeTier.MICRO: SizeTier.SMALL,
}
_SPAN = 200_000  # how far above a bound an open-ended indicator is drawn
_CENT = Decimal("0.01")


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def _with_visible(
    text: st.SearchStrategy[str], visible: st.SearchStrategy[str]
) -> st.SearchStrategy[str]:
    # Text around one visible character, built rather than filtered: a filter on drawn text
    # rejects by luck, and enough bad luck fails hypothesis's filter_too_much health check.
    return st.tuples(text, visible, text).map("".join)


# A character that stays after identity normalisation: not white space, not a control or an
# invisible format character (zs_quality.model.identity).
_VISIBLE = st.characters(exclude_categories=("Zs", "Zl", "Zp", "Cc", "Cf", "Cs"))


def texts(*, max_size: int = 30) -> st.SearchStrategy[str]:
    """Non-empty text with at least one visible character (what ``non_empty`` fields need, also
    after identity normalisation removes invisible characters)."""
    side = st.text(max_size=max(0, (max_size - 1) // 2))
    return _with_visible(side, _VISIBLE)


def _names() -> st.SearchStrategy[str]:
    plain = st.sampled_from(["中山市示例建设监理有限公司", "中山示例灯饰有限公司", "Example Co."])
    return plain | texts()


def dates(min_value: Date = EARLIEST, max_value: Date = LATEST) -> st.SearchStrategy[Date]:
    """Calendar dates (:class:`~zs_quality.dates.Date`) from ``min_value`` to ``max_value``."""
    return st.dates(min_value=min_value, max_value=max_value).map(as_date)


# --- Codes ----------------------------------------------------------------------------------


@st.composite
def uscc_texts(draw: st.DrawFn) -> str:
    """Valid 18-character codes (GB 32100-2015) as text: a registration authority and category
    of the standard's table, a division of a GB/T 2260 province (or the national 100000), a
    subject identifier whose GB 11714 check digit holds, and the check character."""
    authority = draw(st.sampled_from(sorted(REGISTRATION_AUTHORITIES)))
    category = draw(st.sampled_from(sorted(REGISTRATION_AUTHORITIES[authority].categories)))
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    digits = st.sampled_from("0123456789")
    division = draw(
        st.just(NATIONAL_DIVISION)
        | st.lists(digits, min_size=4, max_size=4).map(lambda d: province + "".join(d))
    )
    organisation = "".join(draw(st.lists(st.sampled_from(CHARSET), min_size=8, max_size=8)))
    body = authority + category + division + organisation + organisation_check_digit(organisation)
    return body + check_character(body)


def usccs() -> st.SearchStrategy[USCC]:
    """Valid :class:`~zs_quality.model.uscc.USCC` codes."""
    return uscc_texts().map(USCC)


# --- Enterprises near the size-tier bounds ---------------------------------------------------


@cache
def _size_table() -> dict[str, Any]:
    """The bounds of the latest shipped size standard, and the latest above-size threshold, as
    ``{basis: {"indicators": [...], tier: {indicator: bound}}, "above_designated_size": ...}``."""
    sizes = default_size_standards()
    table: dict[str, Any] = {
        b.basis: {
            "indicators": list(b.indicators),
            **{t.value: {k: int(v) for k, v in bounds.items()} for t, bounds in b.bounds.items()},
        }
        for b in sizes.standards[-1].bases
    }
    table["above_designated_size"] = {"industry": {"revenue": int(sizes.above_size[-1].revenue)}}
    return table


def _bounds(indicator: str, bases: tuple[str, ...]) -> set[int]:
    """Every bound of ``indicator`` in the size rules of ``bases``, and the industry
    above-size threshold when ``industry`` is one of them."""
    table = _size_table()
    found = {
        table[basis][tier][indicator]
        for basis in bases
        for tier in ("large", "medium", "small")
        if indicator in table[basis][tier]
    }
    above: Mapping[str, int] = table["above_designated_size"]["industry"]
    if indicator in above and "industry" in bases:
        found.add(above[indicator])
    return found


def bound_edges(
    indicator: str, low: int, top: int, bases: tuple[str, ...] = tuple(_BASIS.values())
) -> list[int]:
    """The whole values :func:`enterprises` draws ``indicator`` at on purpose, from ``low`` to
    ``top``: each bound of the size rules of ``bases``, one below and one above it, and both
    ends."""
    near = {b + d for b in _bounds(indicator, bases) for d in (-1, 0, 1)} | {low, top}
    return sorted(e for e in near if low <= e <= top)


def _near(
    indicator: str, low: int, below: int | None, bases: tuple[str, ...] = tuple(_BASIS.values())
) -> st.SearchStrategy[Any]:
    """Values of ``indicator`` from ``low`` up to (not including) ``below``: each bound of
    ``bases`` and its neighbours, and anything in the range. Employees are whole; amounts have
    cents."""
    bounds = _bounds(indicator, bases)
    top = below - 1 if below is not None else low + _SPAN
    edges = bound_edges(indicator, low, top, bases)
    whole = st.sampled_from(edges) | st.integers(min_value=low, max_value=top)
    if indicator == "employees":
        return whole
    ceiling = Decimal(top) if below is None else Decimal(below) - _CENT
    cents = [Decimal(b) - _CENT for b in bounds if low <= Decimal(b) - _CENT <= ceiling]
    return st.one_of(
        whole.map(Decimal),
        st.decimals(min_value=low, max_value=ceiling, places=2),
        *([st.sampled_from(cents)] if cents else []),
    )


@st.composite
def _indicators(draw: st.DrawFn, sector: Sector, tier: SizeTier) -> dict[str, Any]:
    """Indicators that put an enterprise of ``sector`` in ``tier``: every one at or above the
    tier's bound, and one below the bound of the tier above."""
    rules = _size_table()[_BASIS[sector]]
    used: list[str] = rules["indicators"]
    low = dict.fromkeys(used, 0) if tier is SizeTier.MICRO else rules[tier.value]
    basis = (_BASIS[sector],)
    values = {k: draw(_near(k, low[k], None, basis)) for k in used}
    if tier in _ABOVE:
        short = draw(st.sampled_from(used))
        values[short] = draw(_near(short, low[short], rules[_ABOVE[tier].value][short], basis))
    for k in _INDICATORS:
        if k not in used:
            values[k] = draw(_optional(_near(k, 0, None)))
    return values


def enterprises(
    *,
    sector: Sector | None = None,
    tier: SizeTier | None = None,
    category: ConstructionCategory | None = None,
) -> st.SearchStrategy[Enterprise]:
    """Valid enterprises.

    With ``tier`` (or a manufacturing or construction ``sector``), the enterprise has the
    indicators its sector's size rules need, drawn near the bounds so that
    :func:`~zs_quality.rules.size.classify_size` puts it in ``tier`` (drawn when not given).
    Otherwise any sector, or none, with indicators that may be missing. ``category`` fixes the
    construction-platform category (drawn, or none, when not given).
    """
    if tier is not None and sector is not None and sector not in _SIZED:
        raise ValueError(f"no size rules for sector {sector.value}; use one of {_SIZED}")
    return _enterprises(sector, tier, category)


@st.composite
def _enterprises(
    draw: st.DrawFn,
    sector: Sector | None,
    tier: SizeTier | None,
    category: ConstructionCategory | None,
) -> Enterprise:
    if sector is None:
        sector = (
            draw(st.sampled_from(_SIZED))
            if tier is not None
            else draw(_optional(st.sampled_from(Sector)))
        )
    if sector in _SIZED:
        chosen = tier if tier is not None else draw(st.sampled_from(SizeTier))
        values = draw(_indicators(sector, chosen))
    else:
        values = {k: draw(_optional(_near(k, 0, None))) for k in _INDICATORS}
    town_names = list(default_towns().names)
    return Enterprise(
        uscc=draw(usccs()),
        name=draw(_names()),
        town=draw(_optional(st.sampled_from(town_names) | texts(max_size=10))),
        sector=sector,
        category=category
        if category is not None
        else draw(_optional(st.sampled_from(ConstructionCategory))),
        above_designated_size=draw(st.sampled_from([None, None, None, True, False])),
        **values,
    )


# --- People, appointments, training -----------------------------------------------------------


def people() -> st.SearchStrategy[Person]:
    """People who may hold a quality role."""
    years = st.integers(min_value=0, max_value=40).map(Decimal) | st.decimals(
        min_value=0, max_value=40, places=1
    )
    return st.builds(
        Person,
        name=texts(max_size=10),
        education=st.sampled_from(Education),
        quality_work_years=years,
    )


@st.composite
def appointments(
    draw: st.DrawFn, *, enterprise: USCC | None = None, role: QualityRole | None = None
) -> Appointment:
    """Appointments to a quality role, ended or not (an end never precedes the start)."""
    start = draw(dates())
    return Appointment(
        role=role if role is not None else draw(st.sampled_from(QualityRole)),
        person=draw(people()),
        enterprise=enterprise if enterprise is not None else draw(usccs()),
        appointed_on=start,
        ended_on=draw(_optional(dates(min_value=start))),
        appointed_by=draw(_optional(st.sampled_from(["法定代表人", "legal representative"]))),
    )


def training_records(*, enterprise: USCC | None = None) -> st.SearchStrategy[TrainingRecord]:
    """Completed trainings for a quality role."""
    return st.builds(
        TrainingRecord,
        enterprise=st.just(enterprise) if enterprise is not None else usccs(),
        person=texts(max_size=10),
        kind=st.sampled_from(QualityRole),
        completed_on=dates(),
        session=_optional(texts(max_size=10)),
    )


# --- Evidence -------------------------------------------------------------------------------


def _common() -> dict[str, st.SearchStrategy[Any]]:
    return {
        "id": texts(max_size=12),
        "date": dates(),
        "title": st.text(max_size=20),
        "cqo_led": st.booleans(),
        "document_no": _optional(texts(max_size=16)),
        "issuer": _optional(texts(max_size=16)),
    }


def _ranks() -> st.SearchStrategy[int | None]:
    return _optional(st.integers(min_value=1, max_value=20))


def _roles() -> st.SearchStrategy[ContributionRole | None]:
    return _optional(st.sampled_from(ContributionRole))


def _levels() -> st.SearchStrategy[HonourLevel]:
    return st.sampled_from(HonourLevel)


@st.composite
def _certifications(draw: st.DrawFn) -> CQOCertification:
    fields = {k: draw(s) for k, s in _common().items()}
    until = draw(_optional(dates(min_value=fields["date"])))
    return CQOCertification(**fields, valid_until=until)


def _evidence_of(kind: EvidenceKind) -> st.SearchStrategy[Evidence]:
    common = _common()
    builders: dict[EvidenceKind, Callable[[], st.SearchStrategy[Any]]] = {
        EvidenceKind.AWARD: lambda: st.builds(
            Award,
            **common,
            level=_levels(),
            grade=_optional(st.sampled_from(["一等奖", "二等奖", "三等奖"])),
            rank=_ranks(),
            role=_roles(),
        ),
        EvidenceKind.STANDARD: lambda: st.builds(
            Standard, **common, scope=st.sampled_from(StandardScope), rank=_ranks(), role=_roles()
        ),
        EvidenceKind.PATENT: lambda: st.builds(
            Patent, **common, type=st.sampled_from(PatentType), rank=_ranks(), role=_roles()
        ),
        EvidenceKind.PROJECT: lambda: st.builds(
            Project,
            **common,
            level=_optional(_levels()),
            role=st.sampled_from(ContributionRole),
            rank=_ranks(),
        ),
        EvidenceKind.PAPER: lambda: st.builds(
            Paper, **common, level=_optional(_levels()), rank=_ranks(), role=_roles()
        ),
        EvidenceKind.REPORT: lambda: st.builds(
            Report,
            **common,
            activity=_optional(st.sampled_from(ReportActivity)),
            level=_optional(_levels()),
            role=_roles(),
            rank=_ranks(),
        ),
        EvidenceKind.TYPICAL_CASE: lambda: st.builds(TypicalCase, **common, level=_levels()),
        EvidenceKind.CQO_CERTIFICATION: _certifications,
        EvidenceKind.DEMONSTRATION_BASE: lambda: st.builds(
            DemonstrationBase, **common, level=_levels()
        ),
    }
    return builders[kind]()


def evidence(kind: EvidenceKind | None = None) -> st.SearchStrategy[Evidence]:
    """Evidence records of ``kind``, or of every kind when ``kind`` is ``None``."""
    if kind is not None:
        return _evidence_of(kind)
    return st.one_of(*(_evidence_of(k) for k in EvidenceKind))


# --- Rulesets -------------------------------------------------------------------------------

# Ruleset text is TOML: keep drawn strings to characters a TOML basic string takes unescaped.
_PLAIN_CHARS = "中山市建设工程诚信记分标准良好行为ABCxyz0123-（）〔〕号"
_PLAIN = _with_visible(
    st.text(alphabet=st.sampled_from(_PLAIN_CHARS + " "), max_size=9),
    st.sampled_from(_PLAIN_CHARS),
)


def _toml(value: object) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Sequence):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_toml(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    return str(value)


def _points(low: Decimal = Decimal("0.5"), high: Decimal = Decimal(200)) -> st.SearchStrategy[Any]:
    """Points in halves from ``low`` to ``high`` (TOML reads 12.5 exactly)."""
    return st.integers(min_value=int(low * 2), max_value=int(high * 2)).map(
        lambda n: Decimal(n) / 2
    )


@st.composite
def _item_table(draw: st.DrawFn, code: str) -> dict[str, object]:
    points = draw(_points(Decimal(1)))
    table: dict[str, object] = {
        "code": code,
        "categories": [
            c.value
            for c in draw(st.lists(st.sampled_from(ConstructionCategory), min_size=1, max_size=4))
        ],
        "level": draw(_levels()).value,
        "description": draw(_PLAIN),
        "points": points,
        "validity_years": draw(st.integers(min_value=1, max_value=5)),
    }
    cap = draw(_optional(_points(points, points * 4)))
    if cap is not None:
        table["annual_cap"] = cap
    grades = draw(
        st.dictionaries(st.sampled_from(["一等奖", "二等奖", "三等奖"]), _points(high=points))
    )
    if grades:
        table["grades"] = grades
    # The item's own filing window, none, or (left out) the ruleset's default.
    window = draw(st.sampled_from(["default", "none", "own"]))
    if window == "none":
        table["no_submission_window"] = True
    elif window == "own":
        table["submission_window_years"] = draw(st.integers(min_value=1, max_value=3))
    return table


@st.composite
def ruleset_texts(draw: st.DrawFn, *, max_items: int = 6) -> str:
    """Ruleset TOML text that :func:`~zs_quality.rulesets.parse_ruleset` accepts (not an
    amendment): one to ``max_items`` items with distinct codes, caps at or above the points,
    grades at or below them, each item's filing window its own, none or the default, deadlines
    moved over rest days or not, and an effective period in order."""
    start = draw(dates(Date(2015, 1, 1), Date(2030, 12, 31)))
    until = draw(_optional(dates(min_value=start)))
    codes = draw(
        st.lists(
            st.from_regex(r"[A-Z]{1,4}-[0-9]{3}", fullmatch=True),
            min_size=1,
            max_size=max_items,
            unique=True,
        )
    )
    head = {
        "id": draw(st.from_regex(r"[a-z][a-z0-9-]{2,20}", fullmatch=True)),
        "version": draw(st.from_regex(r"[0-9]{4}(-[a-z]{1,6})?", fullmatch=True)),
        "title": draw(_PLAIN),
        "jurisdiction": "中山市",
        "reference": draw(_PLAIN),
        "status": draw(st.sampled_from(RulesetStatus)).value,
        "effective_from": start.isoformat(),
        "submission_window_years": draw(st.integers(min_value=1, max_value=3)),
        "rest_day_extension": draw(st.booleans()),
    }
    lines = ["schema = 1", "", "[ruleset]"]
    lines += [f"{k} = {v if k == 'effective_from' else _toml(v)}" for k, v in head.items()]
    if until is not None:
        lines.append(f"effective_until = {until.isoformat()}")
    for code in codes:
        lines += ["", "[[items]]"]
        lines += [f"{k} = {_toml(v)}" for k, v in draw(_item_table(code)).items()]
    return "\n".join(lines) + "\n"


def rulesets(*, max_items: int = 6) -> st.SearchStrategy[Ruleset]:
    """Valid rulesets, parsed from :func:`ruleset_texts` (so valid means what the loader takes)."""
    return ruleset_texts(max_items=max_items).map(
        lambda text: parse_ruleset(text, source="<hypothesis>")
    )


# --- Integrity submissions aimed at each outcome ----------------------------------------------


@attrs.frozen(kw_only=True)
class IntegrityCase:
    """A submission to score under ``rules`` on ``as_of``; ``aims[i]`` is the outcome record
    ``i`` was drawn to reach (the rules decide the actual outcome)."""

    submission: Submission
    rules: Ruleset
    as_of: Date
    aims: tuple[Outcome, ...]


def _day(draw: st.DrawFn, low: Date, high: Date) -> Date | None:
    return None if low > high else draw(dates(low, high))


@attrs.frozen
class _Frame:
    """What every record of one case shares."""

    rules: Ruleset
    category: ConstructionCategory
    as_of: Date

    @property
    def start(self) -> Date:
        return self.rules.effective_from

    @property
    def stop(self) -> Date:
        return self.rules.effective_until or self.start.add(years=12)

    def items(self, fits: bool) -> list[Item]:
        return [i for i in self.rules.items.values() if (self.category in i.categories) == fits]


def _record(
    draw: st.DrawFn, frame: _Frame, item: Item, document: Date, **fields: Any
) -> dict[str, Any]:
    """A record of ``item`` dated ``document``, filed in time while the rules are in force."""
    deadline = filing_deadline(document, item, frame.rules)
    last = frame.stop if deadline is None else min(deadline.last_day, frame.stop)
    filed = _day(draw, max(document, frame.start), last) or document
    grade = draw(_optional(st.sampled_from(sorted(item.grades)))) if item.grades else None
    return {"item": item.code, "document_date": document, "submitted_on": filed, "grade": grade} | (
        fields
    )


Records = list[dict[str, Any]]


def _unknown_item(draw: st.DrawFn, frame: _Frame) -> Records:
    code = draw(st.from_regex(r"X[A-Z]{0,3}-[0-9]{3}", fullmatch=True))
    document = draw(dates(frame.start, frame.stop))
    return [{"item": code, "document_date": document, "submitted_on": document}]


def _invalid(draw: st.DrawFn, frame: _Frame, item: Item) -> Records:
    document = draw(dates(frame.start, frame.stop))
    if draw(st.booleans()):
        early = document.subtract(days=draw(st.integers(min_value=1, max_value=30)))
        return [{"item": item.code, "document_date": document, "submitted_on": early}]
    return [_record(draw, frame, item, document) | {"grade": "未设等次"}]


def _not_approved(draw: st.DrawFn, frame: _Frame, item: Item) -> Records:
    status = draw(st.sampled_from([RecordStatus.PENDING, RecordStatus.REJECTED]))
    return [_record(draw, frame, item, draw(dates(frame.start, frame.stop)), status=status)]


def _late(draw: st.DrawFn, frame: _Frame, _item: Item) -> Records | None:
    # Only an item with a filing window can be late.
    windowed = [i for i in frame.items(True) if frame.rules.window_for(i).years is not None]
    if not windowed:
        return None
    item = draw(st.sampled_from(windowed))
    document = draw(dates(frame.start, frame.stop))
    deadline = filing_deadline(document, item, frame.rules)
    assert deadline is not None
    late = deadline.last_day.add(days=draw(st.integers(min_value=1, max_value=400)))
    return [{"item": item.code, "document_date": document, "submitted_on": late}]


def _expired(draw: st.DrawFn, frame: _Frame, item: Item) -> Records | None:
    last = min(frame.stop, frame.as_of.subtract(years=item.validity_years, days=1))
    expired = _day(draw, frame.start, last)
    return None if expired is None else [_record(draw, frame, item, expired)]


def _not_yet_effective(draw: st.DrawFn, frame: _Frame, item: Item) -> Records | None:
    day = frame.as_of
    future = _day(draw, max(frame.start, day.add(days=1)), min(frame.stop, day.add(years=2)))
    return None if future is None else [_record(draw, frame, item, future)]


def _duplicate(draw: st.DrawFn, frame: _Frame, item: Item) -> Records:
    first = draw(dates(frame.start, frame.stop))
    second = draw(dates(first, min(frame.stop, first.add(days=200))))
    number = draw(texts(max_size=8))
    return [
        _record(draw, frame, item, first, document_no=number),
        # Surrounding spaces do not make a document number new.
        _record(draw, frame, item, second, document_no=f" {number}"),
    ]


def _capped(draw: st.DrawFn, frame: _Frame, _item: Item) -> Records | None:
    capped = [i for i in frame.items(True) if i.annual_cap is not None]
    if not capped:
        return None
    item = draw(st.sampled_from(capped))
    assert item.annual_cap is not None
    document = draw(dates(frame.start, frame.stop))
    count = int(item.annual_cap // item.points) + 1
    return [_record(draw, frame, item, document) | {"grade": None} for _ in range(count)]


def _counted(draw: st.DrawFn, frame: _Frame, item: Item) -> Records:
    """A record in force on the evaluation day (when the rules' period allows one)."""
    day = frame.as_of
    current = _day(
        draw, max(frame.start, day.subtract(years=item.validity_years)), min(frame.stop, day)
    )
    return [_record(draw, frame, item, current or draw(dates(frame.start, frame.stop)))]


# How to aim a record of an item that fits the category at each outcome; None: not reachable.
_AIMS: dict[Outcome, Callable[[st.DrawFn, _Frame, Item], Records | None]] = {
    Outcome.INVALID: _invalid,
    Outcome.NOT_APPROVED: _not_approved,
    Outcome.LATE_SUBMISSION: _late,
    Outcome.EXPIRED: _expired,
    Outcome.NOT_YET_EFFECTIVE: _not_yet_effective,
    Outcome.DUPLICATE: _duplicate,
    Outcome.CAPPED: _capped,
}


def _aimed(draw: st.DrawFn, frame: _Frame, aim: Outcome) -> Records:
    """One record aimed at ``aim`` (two for ``duplicate``, enough to pass the cap for
    ``capped``); an aim the rules cannot reach here falls back to ``counted``."""
    fitting, others = frame.items(True), frame.items(False)
    if not fitting:
        aim = Outcome.WRONG_CATEGORY if others else Outcome.UNKNOWN_ITEM
    if aim is Outcome.UNKNOWN_ITEM:
        return _unknown_item(draw, frame)
    if aim is Outcome.WRONG_CATEGORY and others:
        item = draw(st.sampled_from(others))
        return [_record(draw, frame, item, draw(dates(frame.start, frame.stop)))]
    item = draw(st.sampled_from(fitting or others))
    aimed = _AIMS.get(aim)
    records = None if aimed is None else aimed(draw, frame, item)
    return records if records is not None else _counted(draw, frame, item)


@st.composite
def integrity_cases(
    draw: st.DrawFn,
    rules: Ruleset | None = None,
    *,
    as_of: Date | None = None,
    aims: Sequence[Outcome] = tuple(Outcome),
    min_records: int = 0,
    max_records: int = 8,
) -> IntegrityCase:
    """A submission, the ruleset to score it under and the evaluation day, with records aimed
    at ``aims`` (from ``min_records`` to ``max_records`` aims; an aim may take two records).
    ``rules`` defaults to an embedded ruleset version; ``as_of`` is drawn from the ruleset's
    first day to four years after its end."""
    ruleset = rules if rules is not None else draw(st.sampled_from(embedded_rulesets()))
    categories = sorted({c for i in ruleset.items.values() for c in i.categories})
    category = draw(st.sampled_from(categories))
    start = ruleset.effective_from
    day = (
        as_of
        if as_of is not None
        else draw(dates(start, (ruleset.effective_until or start.add(years=6)).add(years=4)))
    )
    frame = _Frame(ruleset, category, day)
    chosen = draw(st.lists(st.sampled_from(aims), min_size=min_records, max_size=max_records))
    # Any: mypy cannot solve the type variable of the `tuple` converter on Submission.records.
    records: list[Any] = []
    record_aims: list[Outcome] = []
    for aim in chosen:
        for fields in _aimed(draw, frame, aim):
            index = len(records)
            fields.setdefault("document_no", f"文号{index}")
            records.append(IntegrityRecord(id=f"r{index}", **fields))
            record_aims.append(aim)
    enterprise = draw(enterprises(sector=Sector.CONSTRUCTION, category=category))
    return IntegrityCase(
        submission=Submission(enterprise=enterprise, records=records),
        rules=ruleset,
        as_of=day,
        aims=tuple(record_aims),
    )


def submissions(
    rules: Ruleset | None = None, *, as_of: Date | None = None
) -> st.SearchStrategy[Submission]:
    """Valid submissions whose records aim at every outcome (see :func:`integrity_cases`)."""
    return integrity_cases(rules, as_of=as_of).map(lambda case: case.submission)


# --- Title evaluation: candidates and criteria sets -------------------------------------------


@st.composite
def candidates(draw: st.DrawFn, *, max_evidence: int = 8) -> Candidate:
    """People applying for a title: an education, perhaps a title held, evidence of any kind
    (ids distinct)."""
    records = draw(st.lists(evidence(), max_size=max_evidence, unique_by=lambda e: e.id))
    held = draw(
        _optional(st.builds(HeldTitle, level=st.sampled_from(TitleLevel), obtained_on=dates()))
    )
    return Candidate(
        name=draw(texts(max_size=10)),
        education=draw(st.sampled_from(Education)),
        current_title=held,
        graduated_on=draw(_optional(dates())),
        evidence=records,
    )


# What each Match key reads from a record, and the values it may take.
_MATCH_KEYS: dict[str, tuple[str, st.SearchStrategy[Any]]] = {
    "min_level": ("level", st.sampled_from(HonourLevel)),
    "roles": ("role", st.lists(st.sampled_from(ContributionRole), min_size=1, unique=True)),
    "max_rank": ("rank", st.integers(min_value=1, max_value=10)),
    "scopes": ("scope", st.lists(st.sampled_from(StandardScope), min_size=1, unique=True)),
    "types": ("type", st.lists(st.sampled_from(PatentType), min_size=1, unique=True)),
    "activities": (
        "activity",
        st.lists(st.sampled_from(ReportActivity), min_size=1, unique=True),
    ),
}


@st.composite
def _matches(draw: st.DrawFn) -> Match:
    kind = draw(_optional(st.sampled_from(EvidenceKind)))
    fields = kind_fields(kind) if kind is not None else frozenset({"level", "role", "rank"})
    keys = {
        key: draw(_optional(values))
        for key, (field, values) in _MATCH_KEYS.items()
        if field in fields
    }
    return Match(kind=kind, **keys)


def _transcriptions(within: Transcription) -> st.SearchStrategy[Transcription]:
    """How completely a part of something transcribed as ``within`` may be transcribed: a
    complete whole has complete parts, a stand-in has stand-in parts, a partial whole any."""
    if within is Transcription.PARTIAL:
        return st.sampled_from(Transcription)
    return st.just(within)


@st.composite
def _condition(draw: st.DrawFn, ident: str, within: Transcription) -> Condition:
    # Any: mypy cannot solve the type variable of the `tuple` converters on the criteria models.
    alternatives: list[Any] = [
        Alternative(at_least=draw(st.integers(min_value=1, max_value=3)), match=draw(_matches()))
        for _ in range(draw(st.integers(min_value=1, max_value=2)))
    ]
    return Condition(
        id=ident,
        label=draw(_PLAIN),
        alternatives=alternatives,
        transcription=draw(_transcriptions(within)),
    )


@st.composite
def _group(draw: st.DrawFn, ids: Iterator[int], within: Transcription) -> ConditionGroup:
    status = draw(_transcriptions(within))
    # A stand-in group's conditions are stand-ins; a partial or complete group's may be anything
    # its level allows.
    inner = Transcription.UNTRANSCRIBED if status is Transcription.UNTRANSCRIBED else within
    conditions: list[Any] = [
        draw(_condition(f"c{next(ids)}", inner)) for _ in range(draw(st.integers(1, 4)))
    ]
    return ConditionGroup(
        id=f"g{next(ids)}",
        label=draw(_PLAIN),
        at_least=draw(st.integers(min_value=1, max_value=len(conditions))),
        conditions=conditions,
        transcription=status,
    )


@st.composite
def _level_criteria(draw: st.DrawFn, level: TitleLevel, ids: Iterator[int]) -> LevelCriteria:
    below = [t for t in TitleLevel if t.rank < level.rank]
    status = draw(st.sampled_from(Transcription))
    groups: list[Any] = [
        draw(_group(ids, status)) for _ in range(draw(st.integers(min_value=0, max_value=2)))
    ]
    parts: list[Any] = []
    if status is not Transcription.COMPLETE:
        parts = draw(st.lists(_PLAIN, max_size=2, unique=True))
    years = draw(
        st.dictionaries(
            st.sampled_from(Education), st.integers(min_value=0, max_value=8), min_size=1
        )
    )
    return LevelCriteria(
        level=level,
        requires_title=draw(_optional(st.sampled_from(below))) if below else None,
        min_years=years,
        groups=groups,
        transcription=status,
        untranscribed_parts=parts,
    )


@st.composite
def criteria_sets(draw: st.DrawFn) -> Criteria:
    """Valid criteria sets: one to five levels, each with its years by education and up to two
    groups of conditions whose matches use only keys the evidence kind has, each level, group and
    condition transcribed completely, partly or not at all (consistently: see
    :class:`~zs_quality.model.criteria.LevelCriteria`)."""
    chosen = draw(st.lists(st.sampled_from(TitleLevel), min_size=1, unique=True))
    ids = itertools.count(1)
    levels: list[Any] = [
        draw(_level_criteria(level, ids)) for level in sorted(chosen, key=lambda t: t.rank)
    ]
    return Criteria(
        id=draw(st.from_regex(r"[a-z][a-z0-9-]{2,20}", fullmatch=True)),
        version=draw(st.from_regex(r"[0-9]{4}", fullmatch=True)),
        jurisdiction=draw(st.sampled_from(["广东省", "中山市", "示例企业"])),
        authority=draw(st.sampled_from(Authority)),
        reference=draw(_PLAIN),
        cqo_led_counts_as=draw(_optional(st.sampled_from(ContributionRole))),
        levels=levels,
    )
