"""The convenient API: the pure rules with the shipped policy data filled in, input decoded.

The rules in :mod:`zs_quality.rules` take their policy data (size standards, the town list,
qualification rules) as arguments and their population as models. The functions here, exported
from :mod:`zs_quality`, are the same rules with the package's defaults loaded at the edge
(:mod:`zs_quality.policy`) and, for the population functions, JSON data or lines read from files
accepted and decoded (:mod:`zs_quality.io.population`). Pass your own data to any of them by
keyword.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from decimal import Decimal

from zs_quality.dates import Date, as_date, today
from zs_quality.io.jsonio import Line
from zs_quality.io.population import PopulationItem, read_population
from zs_quality.model.enterprise import Enterprise
from zs_quality.model.qualification import QualificationRules
from zs_quality.model.roles import Appointment
from zs_quality.model.ruleset import Ruleset
from zs_quality.model.size import SizeStandards
from zs_quality.model.towns import Gazetteer
from zs_quality.parallel import ordered_map
from zs_quality.policy.sizes import default_size_standards
from zs_quality.policy.towns import default_towns
from zs_quality.registries.training import TrainingRecord
from zs_quality.rules import coverage as _coverage
from zs_quality.rules import impact as _impact
from zs_quality.rules import qualification as _qualification
from zs_quality.rules import size as _size

__all__ = [
    "above_designated_size",
    "check_cqo",
    "classify_size",
    "compare_rulesets",
    "coverage",
    "sweep_item",
]


def _day(as_of: _dt.date | str | None) -> Date:
    return today() if as_of is None else as_date(as_of)


def classify_size(
    enterprise: Enterprise,
    as_of: _dt.date | str | None = None,
    *,
    standards: SizeStandards | None = None,
) -> _size.SizeClassification:
    """:func:`zs_quality.rules.size.classify_size` by the shipped size standards (or
    ``standards``) in force on ``as_of`` (default: today in China)."""
    return _size.classify_size(enterprise, standards or default_size_standards(), _day(as_of))


def above_designated_size(
    enterprise: Enterprise,
    as_of: _dt.date | str | None = None,
    *,
    standards: SizeStandards | None = None,
) -> _size.AboveSizeStatus:
    """:func:`zs_quality.rules.size.above_designated_size` by the shipped threshold (or
    ``standards``) in force on ``as_of`` (default: today in China)."""
    return _size.above_designated_size(
        enterprise, standards or default_size_standards(), _day(as_of)
    )


def check_cqo(
    enterprise: Enterprise,
    appointment: Appointment | None,
    trainings: Iterable[TrainingRecord],
    rules: QualificationRules,
    as_of: _dt.date | str,
    *,
    sizes: SizeStandards | None = None,
) -> _qualification.CQOCheck:
    """:func:`zs_quality.rules.qualification.check_cqo` with the shipped size standards (or
    ``sizes``); the shipped qualification rules are
    :func:`zs_quality.policy.qualification.default_qualification_rules`."""
    return _qualification.check_cqo(
        enterprise, appointment, trainings, rules, as_of, sizes=sizes or default_size_standards()
    )


def coverage(
    enterprises: Iterable[Enterprise],
    appointments: Iterable[Appointment],
    as_of: _dt.date | str,
    *,
    trainings: Iterable[TrainingRecord] = (),
    sizes: SizeStandards | None = None,
    towns: Gazetteer | None = None,
) -> _coverage.CoverageReport:
    """:func:`zs_quality.rules.coverage.coverage` with the shipped size standards and town list
    (or ``sizes`` and ``towns``)."""
    return _coverage.coverage(
        enterprises,
        appointments,
        as_of,
        trainings=trainings,
        sizes=sizes or default_size_standards(),
        towns=towns or default_towns(),
    )


def compare_rulesets(
    population: Iterable[PopulationItem],
    baseline: Ruleset,
    reform: Ruleset,
    as_of: Date | str,
    *,
    file: str | None = None,
    bin_width: Decimal | None = None,
    largest: int = _impact.LARGEST_MOVES,
    towns: Gazetteer | None = None,
) -> _impact.Impact:
    """:func:`zs_quality.rules.impact.compare_rulesets` over submissions, JSON-ready data or
    lines read from a file (decoded by :func:`~zs_quality.io.population.read_population`), with
    the shipped town list (or ``towns``)."""
    return _impact.compare_rulesets(
        read_population(population, file=file),
        baseline,
        reform,
        as_of,
        towns=towns or default_towns(),
        file=file,
        bin_width=bin_width,
        largest=largest,
    )


def sweep_item(
    population: Iterable[PopulationItem],
    baseline: Ruleset,
    reform: Ruleset,
    item: str,
    values: Sequence[Decimal],
    as_of: Date | str,
    *,
    file: str | None = None,
    towns: Gazetteer | None = None,
    jobs: int = 1,
) -> _impact.Sweep:
    """:func:`zs_quality.rules.impact.sweep_item` over submissions, JSON-ready data or lines read
    from a file, with the shipped town list (or ``towns``). With ``jobs`` above 1 the members are
    decoded and scored in that many worker processes (:func:`zs_quality.parallel.ordered_map`;
    lines read with ``parse=False`` are parsed there too); the sweep is the same."""
    gazetteer = towns or default_towns()
    if jobs == 1:
        return _impact.sweep_item(
            read_population(population, file=file),
            baseline,
            reform,
            item,
            values,
            as_of,
            towns=gazetteer,
            file=file,
        )
    if isinstance(population, str | bytes | bytearray):
        read_population(population)  # raises the TypeError that says what to pass
    candidates = _impact.sweep_rulesets(reform, item, values)
    day = as_date(as_of)
    judged = ordered_map(
        _judge_chunk,
        enumerate(population, start=1),
        jobs=jobs,
        initializer=_start_judging,
        initargs=(baseline, candidates, day, gazetteer, file, (reform, item)),
    )
    try:
        return _impact.sweep_judged(judged, baseline, reform, item, candidates, day, file=file)
    finally:
        judged.close()  # stops the workers when the caller stops early


# What each worker process judges with, set once by _start_judging.
_judging: tuple[Ruleset, list[Ruleset], Date, Gazetteer, str | None, tuple[Ruleset, str]] | None = (
    None
)


def _start_judging(
    baseline: Ruleset,
    candidates: list[Ruleset],
    day: Date,
    towns: Gazetteer,
    file: str | None,
    sweep: tuple[Ruleset, str],
) -> None:
    global _judging
    _judging = (baseline, candidates, day, towns, file, sweep)


def _judge_chunk(items: list[tuple[int, PopulationItem]]) -> list[_impact.Judged]:
    """Members decoded (lines parsed) and judged in a worker, each numbered as in the whole
    population."""
    assert _judging is not None, "the pool initializer sets the worker state"
    baseline, candidates, day, towns, file, sweep = _judging
    # A chunk is consecutive members of the population: numbered from its first one's index.
    start = items[0][0]
    parsed = (m.parsed(file=file) if isinstance(m, Line) else m for _, m in items)
    members = read_population(parsed, file=file, start=start)
    return list(
        _impact.judge_members(
            members, baseline, candidates, day, towns, file, sweep=sweep, start=start
        )
    )
