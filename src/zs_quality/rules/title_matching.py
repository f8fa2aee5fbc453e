"""Evidence matching for title evaluation: which evidence item counts toward which condition.

Each evidence item counts toward at most one condition of a level, and a level is met when one
assignment of items to conditions meets every group at once. :func:`best_assignment` searches
that assignment exactly: a branch and bound over which conditions to meet (and by which
alternative), each choice checked by a bipartite b-matching (Kuhn's augmenting paths), never
greedily.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from zs_quality.model.criteria import ConditionGroup
from zs_quality.model.evidence import ContributionRole, Evidence

__all__ = ["Assignment", "best_assignment", "groups_met"]


def _assign(needs: Sequence[tuple[Sequence[int], int]], item_count: int) -> list[list[int]] | None:
    """Give each need ``(acceptable item indices, count)`` its count of distinct items, or ``None``.

    A bipartite b-matching by augmenting paths (Kuhn's algorithm): exact, so it finds an
    assignment whenever one exists, which a greedy pass does not.
    """
    owner = [-1] * item_count
    held: list[list[int]] = [[] for _ in needs]

    def augment(need: int, seen: set[int]) -> bool:
        for item in needs[need][0]:
            if item in seen:
                continue
            seen.add(item)
            previous = owner[item]
            if previous == -1 or augment(previous, seen):
                if previous != -1:
                    held[previous].remove(item)
                owner[item] = need
                held[need].append(item)
                return True
        return False

    for need, (_, count) in enumerate(needs):
        for _ in range(count):
            if not augment(need, set()):
                return None
    return held


@attrs.frozen
class Assignment:
    """An assignment: for each met condition, by its place ``(group index, condition index)``,
    the alternative used and the indices of the items given to it."""

    chosen: dict[tuple[int, int], tuple[int, list[int]]]
    met_per_group: list[int]

    @property
    def used(self) -> set[int]:
        """The indices of the items given to some condition."""
        return {i for _, held in self.chosen.values() for i in held}

    def groups_met(self, groups: Sequence[ConditionGroup]) -> bool:
        """Whether every group has its ``at_least`` conditions met."""
        return all(m >= g.at_least for m, g in zip(self.met_per_group, groups, strict=True))


class _Search:
    """Branch and bound over which conditions to meet, and by which alternative.

    Each choice is checked by :func:`_assign`; a branch stops when even meeting every remaining
    usable condition could not beat the best score found.
    """

    def __init__(
        self,
        groups: Sequence[ConditionGroup],
        items: Sequence[Evidence],
        counts_as: ContributionRole | None,
    ) -> None:
        self.item_count = len(items)
        # Every condition of every group, in order: (group index, condition index, condition).
        self.places = [
            (g, c) for g, group in enumerate(groups) for c in range(len(group.conditions))
        ]
        self.flat = [(g, groups[g].conditions[c]) for g, c in self.places]
        self.accepted = [
            [
                [i for i, item in enumerate(items) if alt.match.accepts(item, counts_as)]
                for alt in condition.alternatives
            ]
            for _, condition in self.flat
        ]
        self.options = [
            [a for a, alt in enumerate(c.alternatives) if len(self.accepted[k][a]) >= alt.at_least]
            for k, (_, c) in enumerate(self.flat)
        ]
        self.need = [group.at_least for group in groups]
        self.target = sum(self.need)
        # remaining[k][g]: conditions of group g at flat index >= k with a usable alternative.
        self.remaining = [[0] * len(groups) for _ in range(len(self.flat) + 1)]
        for k in range(len(self.flat) - 1, -1, -1):
            self.remaining[k] = self.remaining[k + 1].copy()
            if self.options[k]:
                self.remaining[k][self.flat[k][0]] += 1
        self.met = [0] * len(groups)
        self.chosen: list[tuple[int, int]] = []
        self.best_score = -1
        self.best: tuple[list[tuple[int, int]], list[list[int]]] = ([], [])

    def assign(self, pairs: Sequence[tuple[int, int]]) -> list[list[int]] | None:
        needs = [(self.accepted[k][a], self.flat[k][1].alternatives[a].at_least) for k, a in pairs]
        return _assign(needs, self.item_count)

    def run(self, k: int = 0, score: int = 0, held: list[list[int]] | None = None) -> bool:
        """Search from flat index ``k``; true once every group is met (the search stops)."""
        if score > self.best_score:
            self.best_score, self.best = score, (list(self.chosen), held or [])
            if score == self.target:
                return True
        left = zip(self.need, self.met, self.remaining[k], strict=True)
        if k == len(self.flat) or score + sum(min(n - m, r) for n, m, r in left) <= self.best_score:
            return False
        g = self.flat[k][0]
        if self.met[g] < self.need[g]:
            for a in self.options[k]:
                self.chosen.append((k, a))
                found = self.assign(self.chosen)
                if found is not None:
                    self.met[g] += 1
                    done = self.run(k + 1, score + 1, found)
                    self.met[g] -= 1
                    if done:
                        return True
                self.chosen.pop()
        return self.run(k + 1, score, held)

    def extended(self) -> tuple[list[tuple[int, int]], list[list[int]]]:
        """The best assignment, with every further condition that unused items can still meet."""
        pairs, held = self.best
        for k in range(len(self.flat)):
            if any(k == taken for taken, _ in pairs):
                continue
            for a in self.options[k]:
                found = self.assign([*pairs, (k, a)])
                if found is not None:
                    pairs, held = [*pairs, (k, a)], found
                    break
        return pairs, held


def best_assignment(
    groups: Sequence[ConditionGroup],
    items: Sequence[Evidence],
    counts_as: ContributionRole | None = None,
    *,
    extend: bool = True,
) -> Assignment:
    """An assignment of ``items`` to conditions that meets as many required conditions as possible.

    The score is the sum over groups of ``min(conditions met, at_least)``; when every group can be
    met at once, the result meets them all. The search is exact. With ``extend``, conditions
    beyond what the groups need are then met too where unused items allow, to show the
    candidate's full standing.
    """
    search = _Search(groups, items, counts_as)
    search.run()
    pairs, held = search.extended() if extend else search.best
    per_group = [0] * len(groups)
    for k, _ in pairs:
        per_group[search.flat[k][0]] += 1
    return Assignment({search.places[k]: (a, held[i]) for i, (k, a) in enumerate(pairs)}, per_group)


def groups_met(
    groups: Sequence[ConditionGroup],
    items: Sequence[Evidence],
    counts_as: ContributionRole | None = None,
) -> bool:
    """Whether one assignment of ``items`` meets every group at once."""
    return best_assignment(groups, items, counts_as, extend=False).groups_met(groups)
