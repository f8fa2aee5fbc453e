"""The policy data a service answers with: rulesets and criteria sets, loaded once at start-up.

The embedded rulesets and criteria sets are always there; ``--ruleset-dir DIR`` adds every
``*.toml`` file of DIR (a ruleset file has a ``[ruleset]`` table, a criteria file a
``[criteria]`` table). A request names them by reference, never by path: a ruleset as
``ID@VERSION`` or ``ID`` (the latest version in force), a criteria set as ``ID`` or
``ID@VERSION``. Nothing a request says makes the service read a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from zs_quality.errors import InputError, RulesetError
from zs_quality.io.answers import Origin
from zs_quality.model.criteria import Criteria
from zs_quality.policy.criteria import embedded_criteria, load_criteria, parse_criteria
from zs_quality.policy.rulesets import pick_version
from zs_quality.policy.toml import parse_toml, read_text
from zs_quality.rulesets import (
    Ruleset,
    RulesetHistory,
    RulesetStatus,
    embedded_rulesets,
    embedded_source,
    load_ruleset,
)

__all__ = ["CriteriaEntry", "PolicyLibrary", "RulesetEntry"]


@attrs.frozen
class RulesetEntry:
    """A ruleset version the service serves, where it came from and its TOML text."""

    ruleset: Ruleset
    origin: Origin
    toml: str

    @property
    def ref(self) -> str:
        """``ID@VERSION``."""
        return str(self.ruleset.ref)


@attrs.frozen
class CriteriaEntry:
    """A criteria set the service serves, and where it came from."""

    criteria: Criteria
    origin: Origin

    @property
    def ref(self) -> str:
        """``ID@VERSION``."""
        return f"{self.criteria.id}@{self.criteria.version}"


def _known(refs: Iterable[str]) -> str:
    return ", ".join(sorted(refs)) or "none"


@attrs.frozen
class PolicyLibrary:
    """Every ruleset and criteria set a service serves, found by reference."""

    rulesets: tuple[RulesetEntry, ...]
    criteria: tuple[CriteriaEntry, ...]

    @classmethod
    def load(cls, ruleset_dir: Path | None = None) -> PolicyLibrary:
        """The embedded policy data, and the files of ``ruleset_dir`` when given.

        A file that is neither kind, fails to load, or repeats a reference already known raises
        :class:`~zs_quality.errors.RulesetError` naming it: a service does not start on bad data.
        """
        rulesets = [
            RulesetEntry(r, Origin.EMBEDDED, embedded_source(r)) for r in embedded_rulesets()
        ]
        criteria = [
            CriteriaEntry(load_criteria(name), Origin.EMBEDDED) for name in embedded_criteria()
        ]
        for path in [] if ruleset_dir is None else _policy_files(ruleset_dir):
            text = read_text(path)  # the policy files' one reader: BOMs, limits, messages
            data = parse_toml(text, file=str(path))
            if "ruleset" in data:
                entry = RulesetEntry(load_ruleset(path), Origin.RULESET_DIR, text)
                _unique(entry.ref, [e.ref for e in rulesets], path)
                rulesets.append(entry)
            elif "criteria" in data:
                found = CriteriaEntry(parse_criteria(text, source=str(path)), Origin.RULESET_DIR)
                _unique(found.ref, [e.ref for e in criteria], path)
                criteria.append(found)
            else:
                raise RulesetError(
                    "neither a ruleset file (a [ruleset] table) nor a criteria file "
                    "(a [criteria] table)",
                    file=str(path),
                )
        return cls(tuple(rulesets), tuple(criteria))

    def ruleset_entry(self, ref: str) -> RulesetEntry:
        """The ruleset ``ID@VERSION``, or for ``ID`` the latest version in force; an unknown
        reference raises :class:`~zs_quality.errors.InputError` listing the known ones."""
        chosen = pick_version((e.ruleset for e in self.rulesets), ref)
        for entry in self.rulesets:
            if entry.ruleset is chosen:
                return entry
        ruleset_id, _, version = ref.partition("@")
        same = [e for e in self.rulesets if e.ruleset.id == ruleset_id]
        hint = "; none is in force: name a version" if same and not version else ""
        raise InputError(
            f"no ruleset {ref!r}{hint} (known: {_known(e.ref for e in self.rulesets)})"
        )

    def ruleset_refs(self) -> list[str]:
        """Every reference a request may give for a ruleset: each ``ID@VERSION``, and each
        ``ID`` with a version in force."""
        ids = {e.ruleset.id for e in self.rulesets if e.ruleset.status is RulesetStatus.IN_FORCE}
        return sorted({e.ref for e in self.rulesets} | ids)

    def criteria_refs(self) -> list[str]:
        """Every reference a request may give for a criteria set: each ``ID@VERSION``, and each
        ``ID`` that names one set."""
        ids = [e.criteria.id for e in self.criteria]
        return sorted({e.ref for e in self.criteria} | {i for i in ids if ids.count(i) == 1})

    def history(self, refs: Sequence[str]) -> Ruleset | RulesetHistory:
        """One ruleset, or for several references the history of their versions."""
        if not refs:
            raise InputError("name at least one ruleset")
        found = [self.ruleset_entry(ref).ruleset for ref in refs]
        return found[0] if len(found) == 1 else RulesetHistory.of(found)

    def criteria_set(self, ref: str) -> Criteria:
        """The criteria set ``ID@VERSION``, or the one set with id ``ID``."""
        criteria_id, _, version = ref.partition("@")
        same = [e for e in self.criteria if e.criteria.id == criteria_id]
        matching = [e for e in same if not version or e.criteria.version == version]
        if len(matching) == 1:
            return matching[0].criteria
        if len(matching) > 1:
            raise InputError(
                f"several criteria sets have the id {ref!r}: name one of "
                f"{_known(e.ref for e in matching)}"
            )
        raise InputError(f"no criteria set {ref!r} (known: {_known(e.ref for e in self.criteria)})")


def _policy_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise RulesetError("not a folder", file=str(folder))
    return sorted(folder.glob("*.toml"))


def _unique(ref: str, known: list[str], path: Path) -> None:
    if ref in known:
        raise RulesetError(f"{ref} is already known (embedded, or an earlier file)", file=str(path))
