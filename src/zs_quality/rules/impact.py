"""What-if analysis of a proposed ruleset (拟议记分标准影响分析): who gains, by how much, and how
the ranking moves.

:func:`compare_rulesets` scores every submission of a population under a baseline ruleset and a
reform, the way a microsimulation evaluates a reform against the status quo, and
:func:`sweep_item` repeats the comparison for candidate point values of one item. Both read the
population once, as a stream; what they keep per enterprise is its identity and its two totals,
which the ranking needs.

Definitions (the bureau-facing statement is ``docs/impact.md``):

- **compared**: the enterprises scored under both rulesets. A submission scored under only one is
  reported in ``only_in_baseline`` or ``only_in_reform``, one rejected under both (or unreadable)
  in ``rejected``: ``read = enterprises + only_in_baseline + only_in_reform + rejected``.
- **delta** = reform total - baseline total; **mean delta** = total delta / enterprises compared,
  rounded half up to :data:`MEAN_PLACES` places (``None`` when nothing was compared).
- **rank**: competition ranking ("1224") by total, highest first, among the compared enterprises
  of the same category (企业类别); tied totals share the best rank. **Rank move** = baseline rank
  - reform rank (positive: moved up).
- **top 10 %** of a category of ``n`` compared enterprises: those whose rank is at most
  ``ceil(n / 10)``; with ties at the boundary it can hold more than ``ceil(n / 10)``.
- **quantiles**: nearest rank: the ``p``-th percentile of ``n`` sorted deltas is the one at
  1-based position ``max(1, ceil(p * n / 100))``.
- **histogram**: equal-width buckets ``[lower, upper)`` (lower edge included, upper excluded), the
  first starting at a multiple of the width at or below the smallest delta; the width is given, or
  the smallest of 1, 2, 5 times a power of ten giving at most :data:`MAX_BUCKETS` buckets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal

import attrs

from zs_quality.dates import Date, as_date
from zs_quality.errors import InputError, RulesetError, ZsQualityError, join_path
from zs_quality.limits import MAX_POINTS
from zs_quality.model.enterprise import ConstructionCategory
from zs_quality.model.population import Numbered, Unread
from zs_quality.model.ruleset import Ruleset, RulesetRef
from zs_quality.model.submission import Submission
from zs_quality.model.towns import Gazetteer
from zs_quality.model.uscc import USCC
from zs_quality.rules.grouping import UNKNOWN, group_by, ordered_keys, refuse_text
from zs_quality.rules.integrity import integrity_total, repriced_totals
from zs_quality.rules.statistics import (
    Histogram,
    Quantiles,
    competition_ranks,
    histogram,
    mean,
    nearest_rank_quantiles,
    top_size,
)
from zs_quality.uscc_index import USCCIndex, repeated_uscc

__all__ = [
    "IMPACT_FORMAT",
    "LARGEST_MOVES",
    "MAX_POINTS",
    "EnterpriseImpact",
    "GroupImpact",
    "Impact",
    "Member",
    "OneSided",
    "RankMove",
    "RankMoves",
    "RejectedRow",
    "Sweep",
    "SweepPoint",
    "compare_rulesets",
    "sweep_item",
    "with_item_points",
]

IMPACT_FORMAT = "zs_quality.impact/1"
"""The version of the comparison's JSON form."""

LARGEST_MOVES = 10
"""How many of the largest rank moves a comparison lists."""


_ZERO = Decimal(0)


# --- Results ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class EnterpriseImpact:
    """One compared enterprise: its totals, ranks within its category and whether it is in the
    category's top 10 % under each ruleset. ``position`` is its line (or 1-based place) in the
    input."""

    position: int
    uscc: USCC
    name: str
    category: ConstructionCategory
    town: str
    baseline_total: Decimal
    reform_total: Decimal
    delta: Decimal
    baseline_rank: int
    reform_rank: int
    rank_move: int
    baseline_top10: bool
    reform_top10: bool


@attrs.frozen(kw_only=True)
class OneSided:
    """A submission scored under one ruleset only: its ``total`` there, and why the other
    ruleset rejected it."""

    position: int
    uscc: USCC
    name: str
    category: ConstructionCategory
    town: str
    total: Decimal
    error: str


@attrs.frozen
class RejectedRow:
    """A submission scored under neither ruleset (unreadable, invalid, or rejected by both)."""

    position: int
    error: str


@attrs.frozen(kw_only=True)
class GroupImpact:
    """The change within one category or town. ``top10_size`` is ``ceil(n / 10)`` for a
    category and ``None`` for a town (the top group is always taken within a category)."""

    key: str
    label: str
    enterprises: int
    changed: int
    total_delta: Decimal
    mean_delta: Decimal | None
    rank_changed: int
    entering_top10: int
    leaving_top10: int
    top10_size: int | None


@attrs.frozen(kw_only=True)
class RankMove:
    """One enterprise whose rank within its category changed."""

    uscc: USCC
    name: str
    category: ConstructionCategory
    baseline_rank: int
    reform_rank: int
    move: int


@attrs.frozen(kw_only=True)
class RankMoves:
    """The ranking effect: how many moved (up, down), how many entered or left their category's
    top 10 %, and the :data:`LARGEST_MOVES` largest moves (by size, upward first, then code)."""

    changed: int
    up: int
    down: int
    entering_top10: int
    leaving_top10: int
    largest: tuple[RankMove, ...]


@attrs.frozen(kw_only=True)
class Impact:
    """The comparison of ``reform`` against ``baseline`` on ``as_of`` (see the module for every
    definition). ``per_enterprise`` is in input order."""

    format: str = IMPACT_FORMAT
    as_of: Date
    baseline: RulesetRef
    reform: RulesetRef
    read: int
    enterprises: int
    changed: int
    unchanged: int
    total_delta: Decimal
    mean_delta: Decimal | None
    quantiles: Quantiles
    histogram: Histogram
    by_category: tuple[GroupImpact, ...]
    by_town: tuple[GroupImpact, ...]
    rank_moves: RankMoves
    only_in_baseline: tuple[OneSided, ...]
    only_in_reform: tuple[OneSided, ...]
    rejected: tuple[RejectedRow, ...]
    per_enterprise: tuple[EnterpriseImpact, ...]
    reason_zh: str
    reason_en: str


@attrs.frozen(kw_only=True)
class SweepPoint:
    """The headline figures of the comparison with the swept item at ``value`` points."""

    value: Decimal
    reform: RulesetRef
    enterprises: int
    changed: int
    total_delta: Decimal
    mean_delta: Decimal | None
    rank_changed: int
    entering_top10: int
    leaving_top10: int
    only_in_baseline: int
    only_in_reform: int
    rejected: int


@attrs.frozen(kw_only=True)
class Sweep:
    """The effect curve of one item of ``reform``: one :class:`SweepPoint` per candidate value."""

    format: str = IMPACT_FORMAT
    as_of: Date
    baseline: RulesetRef
    reform: RulesetRef
    item: str
    read: int
    points: tuple[SweepPoint, ...]


def with_item_points(ruleset: Ruleset, code: str, points: Decimal) -> Ruleset:
    """``ruleset`` with item ``code`` worth ``points``, as a new version ``VERSION+CODE=POINTS``.

    The annual cap is raised to ``points`` when it was lower (a cap below one award would make
    the new value unreachable) and kept otherwise; a grade worth more than ``points`` is lowered
    to ``points``, the others keep their published value.
    """
    item = ruleset.items.get(code)
    if item is None:
        raise RulesetError(
            f"{ruleset.ref} has no item {code!r} (items: {', '.join(sorted(ruleset.items))})",
            path="sweep",
        )
    if points <= 0:
        raise RulesetError(f"the points of {code} must be positive, not {points}", path="sweep")
    if points > MAX_POINTS:
        raise InputError(
            f"the points of {code} must be at most {MAX_POINTS}, not {points} (totals of larger "
            "values overflow exact arithmetic)",
            path="sweep",
        )
    cap = item.annual_cap if item.annual_cap is None else max(item.annual_cap, points)
    grades = {grade: min(value, points) for grade, value in item.grades.items()}
    changed = attrs.evolve(item, points=points, annual_cap=cap, grades=grades)
    return attrs.evolve(
        ruleset,
        version=f"{ruleset.version}+{code}={points}",
        items={**ruleset.items, code: changed},
    )


# --- Streaming the population -----------------------------------------------------------------


@attrs.frozen
class _Who:
    """What a comparison keeps of an enterprise besides its totals."""

    position: int
    uscc: USCC
    name: str
    category: ConstructionCategory
    town: str


@attrs.define
class _Tally:
    """The running state of one comparison (baseline against one reform). ``whos`` is shared by
    the comparisons of one pass; ``compared`` holds each compared enterprise as its index in it
    and its two totals. A tuple of numbers alone is one the garbage collector stops tracking,
    where a tuple holding the _Who would be walked by every full collection, once per
    comparison: a sweep of ten values spent a tenth of its time so (docs/performance.md)."""

    whos: list[_Who]
    compared: list[tuple[int, Decimal, Decimal]] = attrs.field(factory=list)
    only_in_baseline: list[OneSided] = attrs.field(factory=list)
    only_in_reform: list[OneSided] = attrs.field(factory=list)
    rejected: list[RejectedRow] = attrs.field(factory=list)

    @property
    def read(self) -> int:
        return (
            len(self.compared)
            + len(self.only_in_baseline)
            + len(self.only_in_reform)
            + len(self.rejected)
        )

    def add(self, index: int, base: Decimal | str, new: Decimal | str) -> None:
        """Count one submission's totals (or rejections, as text) under both rulesets; its
        enterprise is ``whos[index]``."""
        who = self.whos[index]
        if isinstance(base, str) and isinstance(new, str):
            self.rejected.append(RejectedRow(who.position, base))
        elif isinstance(new, str):
            assert isinstance(base, Decimal)
            self.only_in_baseline.append(_one_sided(who, base, new))
        elif isinstance(base, str):
            self.only_in_reform.append(_one_sided(who, new, base))
        else:
            self.compared.append((index, base, new))


def _one_sided(who: _Who, total: Decimal, error: str) -> OneSided:
    return OneSided(
        position=who.position,
        uscc=who.uscc,
        name=who.name,
        category=who.category,
        town=who.town,
        total=total,
        error=error,
    )


Member = Submission | Numbered | Unread
"""A population member: a submission (its position is its 1-based place), a submission with its
line, or an input line that could not be read (decoded at the edge by
:func:`zs_quality.io.population.read_population`)."""


# One member judged: (position, code, path in its file, who, baseline total, reform totals), the
# totals being the error text where a ruleset rejected it; or why it could not be compared.
Judged = tuple[int, USCC, str, "_Who", Decimal | str, list[Decimal | str]] | RejectedRow


def judge_members(
    population: Iterable[Member],
    baseline: Ruleset,
    reforms: Sequence[Ruleset],
    as_of: Date | str,
    towns: Gazetteer,
    file: str | None,
    *,
    sweep: tuple[Ruleset, str] | None = None,
    start: int = 1,
) -> Iterator[Judged]:
    """Each member scored under the baseline and every reform (see :func:`_under` for
    ``sweep``), in order; a member that is not a submission is numbered from ``start``. Whether an
    enterprise is listed twice is for the tally to say (:func:`_tallies`), so that members may
    be judged in parts, by worker processes (``zs_quality.api.sweep_item``)."""
    day = as_date(as_of)
    for index, member in enumerate(population, start=start):
        if isinstance(member, Unread):
            yield RejectedRow(member.position, member.error)
            continue
        position, model, path = (
            (member.position, member.submission, member.path)
            if isinstance(member, Numbered)
            else (index, member, "")
        )
        if not isinstance(model, Submission):
            raise TypeError(
                f"population member {index} is a {type(model).__name__}, not a Submission; "
                "decode data with zs_quality.io.population.read_population first"
            )
        enterprise = model.enterprise
        assert enterprise.category is not None  # Submission guarantees a category
        who = _Who(
            position,
            enterprise.uscc,
            enterprise.name,
            enterprise.category,
            towns.key(enterprise.town),
        )
        base = _total(model, baseline, day, position, file)
        news = _under(model, reforms, day, position, file, sweep)
        yield position, enterprise.uscc, path, who, base, news


def _tallies(judged: Iterable[Judged], reforms: int, file: str | None) -> list[_Tally]:
    """The comparisons with each of ``reforms`` reforms, from the members judged in input order.
    An enterprise listed twice is rejected the second time: a ranking counts each enterprise
    once."""
    whos: list[_Who] = []
    tallies = [_Tally(whos) for _ in range(reforms)]
    seen = USCCIndex()
    for row in judged:
        if not isinstance(row, RejectedRow):
            position, uscc, path, who, base, news = row
            first = seen.first(uscc, position)
            if first is None:
                index = len(whos)  # one int for every comparison, not one each
                whos.append(who)
                for tally, new in zip(tallies, news, strict=True):
                    tally.add(index, base, new)
                continue
            where = join_path(path, "enterprise.uscc")
            error = repeated_uscc(uscc, first, file=file, line=position, path=where)
            row = RejectedRow(position, str(error))
        for tally in tallies:
            tally.rejected.append(row)
    return tallies


def _total(
    model: Submission, rules: Ruleset, day: Date, position: int, file: str | None
) -> Decimal | str:
    """The total, or the error that rejected the submission (as text, with its file and line).
    Only totals are compared: :func:`~zs_quality.rules.integrity.integrity_total` gives the
    total of :func:`~zs_quality.rules.integrity.score_integrity` without writing every record's
    reasons, which would cost most of the time."""
    try:
        return integrity_total(model, rules, day)
    except ZsQualityError as exc:
        return str(exc.located(file=file, line=position))


def _run(
    population: Iterable[Member],
    baseline: Ruleset,
    reforms: Sequence[Ruleset],
    day: Date,
    towns: Gazetteer,
    file: str | None,
    *,
    sweep: tuple[Ruleset, str] | None = None,
) -> list[_Tally]:
    """One pass over the population, scoring each submission under every ruleset (see
    :func:`_under` for ``sweep``)."""
    judged = judge_members(population, baseline, reforms, day, towns, file, sweep=sweep)
    return _tallies(judged, len(reforms), file)


def _under(
    model: Submission,
    reforms: Sequence[Ruleset],
    day: Date,
    position: int,
    file: str | None,
    sweep: tuple[Ruleset, str] | None,
) -> list[Decimal | str]:
    """The totals of ``model`` under each of ``reforms`` (or why it was rejected).

    With ``sweep`` (a reform and one of its items, ``reforms`` being that reform with the item
    at other values, built by :func:`with_item_points`), the submission is scored under the
    reform once: its records are judged once and only re-priced for each value
    (:func:`~zs_quality.rules.integrity.repriced_totals`; without a record of the item, its total
    is the same under every value): a value changes the item's points, grade points and annual
    cap, which decide no check before the award."""
    if sweep is None:
        return _rescored(model, reforms, day, position, file)
    reform, item = sweep
    try:
        return list(repriced_totals(model, reform, day, [r.items[item] for r in reforms]))
    except ZsQualityError:  # rare: each value says why for itself
        return _rescored(model, reforms, day, position, file)


def _rescored(
    model: Submission, reforms: Sequence[Ruleset], day: Date, position: int, file: str | None
) -> list[Decimal | str]:
    return [_total(model, reform, day, position, file) for reform in reforms]


# --- Summaries --------------------------------------------------------------------------------


@attrs.frozen
class _Grouping:
    """The compared enterprises of a tally by category (their indices in ``compared``) and
    their baseline ranks within it, category by category."""

    members: list[list[int]]
    baseline_ranks: list[list[int]]


def _grouping(tally: _Tally) -> _Grouping:
    by_category: dict[ConstructionCategory, list[int]] = {}
    for index, (at, _, _) in enumerate(tally.compared):
        by_category.setdefault(tally.whos[at].category, []).append(index)
    members = list(by_category.values())
    baseline = [competition_ranks([tally.compared[i][1] for i in group]) for group in members]
    return _Grouping(members, baseline)


def _ranks(tally: _Tally, grouping: _Grouping | None = None) -> dict[int, tuple[int, int, int]]:
    """Each compared enterprise's baseline and reform rank within its category, and the rank
    the category's top 10 % reaches, by its index in ``tally.compared``. ``grouping`` is the
    tally's, when it is known already (a sweep's values that compare the same enterprises share
    it)."""
    grouping = grouping or _grouping(tally)
    ranks: dict[int, tuple[int, int, int]] = {}
    for members, base in zip(grouping.members, grouping.baseline_ranks, strict=True):
        new = competition_ranks([tally.compared[i][2] for i in members])
        top = top_size(len(members))
        for i, b, r in zip(members, base, new, strict=True):
            ranks[i] = (b, r, top)
    return ranks


def _rank(tally: _Tally) -> list[EnterpriseImpact]:
    ranks = _ranks(tally)
    rows = []
    for index, (at, base_total, new_total) in enumerate(tally.compared):
        b, r, top = ranks[index]
        who = tally.whos[at]
        rows.append(
            EnterpriseImpact(
                position=who.position,
                uscc=who.uscc,
                name=who.name,
                category=who.category,
                town=who.town,
                baseline_total=base_total,
                reform_total=new_total,
                delta=new_total - base_total,
                baseline_rank=b,
                reform_rank=r,
                rank_move=b - r,
                baseline_top10=b <= top,
                reform_top10=r <= top,
            )
        )
    return rows


def _entering(row: EnterpriseImpact) -> bool:
    return row.reform_top10 and not row.baseline_top10


def _leaving(row: EnterpriseImpact) -> bool:
    return row.baseline_top10 and not row.reform_top10


def _group(
    rows: Sequence[EnterpriseImpact],
    key: Callable[[EnterpriseImpact], str],
    label: Callable[[str], str],
    order: Sequence[str],
    *,
    top: bool,
) -> tuple[GroupImpact, ...]:
    groups = group_by(rows, key)
    keys = ordered_keys(groups, order)
    result = []
    for k in keys:
        members = groups[k]
        total = sum((r.delta for r in members), _ZERO)
        result.append(
            GroupImpact(
                key=k,
                label=label(k),
                enterprises=len(members),
                changed=sum(1 for r in members if r.delta),
                total_delta=total,
                mean_delta=mean(total, len(members)),
                rank_changed=sum(1 for r in members if r.rank_move),
                entering_top10=sum(1 for r in members if _entering(r)),
                leaving_top10=sum(1 for r in members if _leaving(r)),
                top10_size=top_size(len(members)) if top else None,
            )
        )
    return tuple(result)


def _rank_moves(rows: Sequence[EnterpriseImpact], largest: int) -> RankMoves:
    moved = sorted(
        (r for r in rows if r.rank_move),
        key=lambda r: (-abs(r.rank_move), -r.rank_move, str(r.uscc)),
    )
    return RankMoves(
        changed=len(moved),
        up=sum(1 for r in moved if r.rank_move > 0),
        down=sum(1 for r in moved if r.rank_move < 0),
        entering_top10=sum(1 for r in rows if _entering(r)),
        leaving_top10=sum(1 for r in rows if _leaving(r)),
        largest=tuple(
            RankMove(
                uscc=r.uscc,
                name=r.name,
                category=r.category,
                baseline_rank=r.baseline_rank,
                reform_rank=r.reform_rank,
                move=r.rank_move,
            )
            for r in moved[:largest]
        ),
    )


def _impact(
    tally: _Tally,
    day: Date,
    baseline: RulesetRef,
    reform: RulesetRef,
    bin_width: Decimal | None,
    largest: int,
    towns: Gazetteer,
) -> Impact:
    rows = _rank(tally)
    deltas = [r.delta for r in rows]
    total = sum(deltas, _ZERO)
    changed = sum(1 for d in deltas if d)
    average = mean(total, len(rows))
    moves = _rank_moves(rows, largest)
    categories = [c.value for c in ConstructionCategory]
    shown = "无" if average is None else str(average)
    return Impact(
        as_of=day,
        baseline=baseline,
        reform=reform,
        read=tally.read,
        enterprises=len(rows),
        changed=changed,
        unchanged=len(rows) - changed,
        total_delta=total,
        mean_delta=average,
        quantiles=nearest_rank_quantiles(deltas),
        histogram=histogram(deltas, bin_width),
        by_category=_group(
            rows,
            lambda r: r.category.value,
            lambda k: ConstructionCategory(k).label,
            categories,
            top=True,
        ),
        by_town=_group(
            rows,
            lambda r: r.town,
            lambda k: "未知" if k == UNKNOWN else k,
            towns.names,
            top=False,
        ),
        rank_moves=moves,
        only_in_baseline=tuple(tally.only_in_baseline),
        only_in_reform=tuple(tally.only_in_reform),
        rejected=tuple(tally.rejected),
        per_enterprise=tuple(rows),
        reason_zh=(
            f"评价日{day}，以{reform}对比{baseline}：比较{len(rows)}家企业，{changed}家加分变化，"
            f"合计变化{total}分，平均{shown}分；{moves.changed}家类别内排名变化，"
            f"{moves.entering_top10}家进入、{moves.leaving_top10}家退出类别前10%"
        ),
        reason_en=(
            f"On {day}, {reform} against {baseline}: {len(rows)} enterprises compared, "
            f"{changed} change, total delta {total}, mean {average if average is not None else 'none'}; "
            f"{moves.changed} change rank within their category, {moves.entering_top10} enter and "
            f"{moves.leaving_top10} leave their category's top 10%"
        ),
    )


def _sweep_point(
    value: Decimal, reform: RulesetRef, tally: _Tally, grouping: _Grouping | None
) -> SweepPoint:
    """The headline figures of one value: those of :func:`_impact`, without the rows, groups,
    quantiles and histogram a sweep does not show (built for every value, they would cost
    more than the scoring)."""
    deltas = [new - base for _, base, new in tally.compared]
    total = sum(deltas, _ZERO)
    moved = entering = leaving = 0
    for b, r, top in _ranks(tally, grouping).values():
        moved += b != r
        entering += r <= top < b
        leaving += b <= top < r
    return SweepPoint(
        value=value,
        reform=reform,
        enterprises=len(deltas),
        changed=sum(1 for d in deltas if d),
        total_delta=total,
        mean_delta=mean(total, len(deltas)),
        rank_changed=moved,
        entering_top10=entering,
        leaving_top10=leaving,
        only_in_baseline=len(tally.only_in_baseline),
        only_in_reform=len(tally.only_in_reform),
        rejected=len(tally.rejected),
    )


def compare_rulesets(
    population: Iterable[Member],
    baseline: Ruleset,
    reform: Ruleset,
    as_of: Date | str,
    *,
    towns: Gazetteer,
    file: str | None = None,
    bin_width: Decimal | None = None,
    largest: int = LARGEST_MOVES,
) -> Impact:
    """Score every submission of ``population`` under ``baseline`` and ``reform`` on ``as_of``
    and compare. ``towns`` names the towns of the by-town breakdown; ``file`` names the
    population in error messages; ``bin_width`` fixes the histogram's bucket width; ``largest``
    is how many rank moves to list. A ``str`` or ``bytes`` population is a :class:`TypeError`."""
    refuse_text(population, "population")
    day = as_date(as_of)
    (tally,) = _run(population, baseline, [reform], day, towns, file)
    return _impact(tally, day, baseline.ref, reform.ref, bin_width, largest, towns)


def sweep_item(
    population: Iterable[Member],
    baseline: Ruleset,
    reform: Ruleset,
    item: str,
    values: Sequence[Decimal],
    as_of: Date | str,
    *,
    towns: Gazetteer,
    file: str | None = None,
) -> Sweep:
    """Compare ``baseline`` with ``reform`` whose ``item`` is worth each of ``values`` in turn
    (built by :func:`with_item_points`), reading the population once. A ``str`` or ``bytes``
    population is a :class:`TypeError`; a value above :data:`MAX_POINTS` an :class:`InputError`."""
    refuse_text(population, "population")
    candidates = sweep_rulesets(reform, item, values)
    judged = judge_members(
        population, baseline, candidates, as_of, towns, file, sweep=(reform, item)
    )
    return sweep_judged(judged, baseline, reform, item, candidates, as_of, file=file)


def sweep_rulesets(reform: Ruleset, item: str, values: Sequence[Decimal]) -> list[Ruleset]:
    """The reforms of a sweep: ``reform`` with ``item`` at each of ``values``
    (:func:`with_item_points`); no value is an :class:`InputError`."""
    if not values:
        raise InputError("a sweep needs at least one value", path="sweep")
    return [with_item_points(reform, item, value) for value in values]


def sweep_judged(
    judged: Iterable[Judged],
    baseline: Ruleset,
    reform: Ruleset,
    item: str,
    candidates: Sequence[Ruleset],
    as_of: Date | str,
    *,
    file: str | None = None,
) -> Sweep:
    """The sweep of :func:`sweep_item` from its members judged in input order
    (:func:`judge_members` with ``candidates`` from :func:`sweep_rulesets` and
    ``sweep=(reform, item)``), wherever they were judged."""
    tallies = _tallies(judged, len(candidates), file)
    # The baseline is the same for every value: so are its ranks, when a value compares the
    # same enterprises as the first (it does unless a value rejects a submission another takes).
    first = [at for at, _, _ in tallies[0].compared]
    shared = _grouping(tallies[0])
    points = [
        _sweep_point(
            candidate.items[item].points,
            candidate.ref,
            tally,
            shared if [at for at, _, _ in tally.compared] == first else None,
        )
        for candidate, tally in zip(candidates, tallies, strict=True)
    ]
    return Sweep(
        as_of=as_date(as_of),
        baseline=baseline.ref,
        reform=reform.ref,
        item=item,
        read=tallies[0].read,
        points=tuple(points),
    )
