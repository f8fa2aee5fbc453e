"""What the frozen value objects cost per enterprise, measured against the floor's whole time.

The floor (``floor.py``) holds a record as a tuple. For each enterprise the library builds a
``USCC``, an ``Enterprise``, a ``Submission`` and an ``IntegrityRecord`` for each record on the
way in, and a ``RecordResult`` for each record and an ``IntegrityResult`` on the way out. Each of
these is a frozen attrs class. This script measures those costs in one process, over the first
lines of a population, per enterprise and in CPU time (the fastest of ``--repeat`` runs):

- floor: the floor's whole run (reading, checks, scoring, writing the lines);
- library: ``zs_quality.batch.score_jsonl`` on the same lines, its whole run;
- frozen objects: building those objects from values ready for them (decoded and normalised), as
  the library builds them, converters and validators included;
- mutable objects: the same classes made mutable (the same fields, converters and validators);
- mutable, no checks: the same again without converters and validators. Their difference is the
  checks' work (normalising ids, parsing dates, the code's check character), which the floor
  does too, in its own form;
- tuples: the same values held in tuples, as the floor holds them.

The tax of a kind of object is its time less the checks and the tuples: what holding the values
in those objects adds to the floor's work. A target of ``R`` times the floor leaves
``(R - 1) x floor`` for everything the library does beyond it; the report says how much of that
the frozen objects take before any other work is counted (docs/performance.md, "What the models
cost").

Usage: ``python benchmarks/model_tax.py [--enterprises N] [--repeat N] [--workdir DIR]``; the
population is the benchmark's (``run.py``), generated when missing.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs

from zs_quality.batch import score_jsonl
from zs_quality.convert import structure
from zs_quality.dates import as_date
from zs_quality.errors import ZsQualityError
from zs_quality.io.jsonio import loads
from zs_quality.model.enterprise import Enterprise
from zs_quality.model.submission import IntegrityRecord, Submission
from zs_quality.model.uscc import USCC
from zs_quality.rules.integrity import IntegrityResult, RecordResult, score_integrity
from zs_quality.rulesets import load_history

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import floor  # noqa: E402  # the floor, beside this file
import run  # noqa: E402  # the benchmark's population, ruleset and evaluation date

CLASSES = (USCC, Enterprise, IntegrityRecord, Submission, RecordResult, IntegrityResult)

Arguments = tuple[tuple[Any, ...], dict[str, Any]]


def twin(cls: type, *, checked: bool, **converters: Callable[[Any], Any]) -> type:
    """``cls`` as a mutable attrs class with the same fields and defaults, and, when
    ``checked``, the same converters and validators (but for the ``converters`` given by field
    name)."""
    these = {
        f.name: attrs.field(
            default=f.default,
            validator=f.validator if checked else None,
            converter=converters.get(f.name, f.converter) if checked else None,
            kw_only=f.kw_only,
        )
        for f in attrs.fields(cls)
    }
    return attrs.make_class(cls.__name__, these, slots=True, frozen=False, unsafe_hash=True)


def twins(*, checked: bool) -> tuple[type, ...]:
    """:data:`CLASSES` as mutable attrs classes (:func:`twin`). A checked enterprise converts
    its code as ``to_uscc`` does, to the twin code class."""
    code = twin(USCC, checked=checked)

    def to_code(value: Any) -> Any:
        return value if isinstance(value, code) else code(value)

    enterprise = twin(Enterprise, checked=checked, uscc=to_code)
    return code, enterprise, *(twin(c, checked=checked) for c in CLASSES[2:])


def arguments(obj: Any) -> Arguments:
    """The arguments that build ``obj`` again, given as the library gives them: by position,
    and by keyword for the fields that take only a keyword."""
    fields = attrs.fields(type(obj))
    positional = tuple(getattr(obj, f.name) for f in fields if not f.kw_only)
    keywords = {f.name: getattr(obj, f.name) for f in fields if f.kw_only}
    return positional, keywords


@attrs.frozen
class Built:
    """What the library builds for one enterprise, as the arguments that build it again: its
    code, its enterprise, its records, its records' results and its result."""

    uscc: Arguments
    enterprise: Arguments
    records: tuple[Arguments, ...]
    results: tuple[Arguments, ...]
    result: Arguments


def gather(lines: list[bytes]) -> list[Built]:
    """The objects the library builds for each line it scores, as arguments."""
    rules = load_history([run.RULESET_ID])
    gathered = []
    for line in lines:
        try:
            submission = structure(loads(line.decode()), Submission)
        except ZsQualityError:  # a line the library rejects builds no result
            continue
        result = score_integrity(submission, rules, run.AS_OF)
        gathered.append(
            Built(
                uscc=arguments(submission.enterprise.uscc),
                enterprise=arguments(submission.enterprise),
                records=tuple(map(arguments, submission.records)),
                results=tuple(map(arguments, result.records)),
                result=arguments(result),
            )
        )
    return gathered


def build(classes: tuple[type, ...]) -> Callable[[list[Built]], object]:
    """Build every object of every enterprise with ``classes`` (standing for :data:`CLASSES`,
    in their order) as the library builds them: by position, or by keyword where it does; the
    code and the records first, the results after. Returns the last result built."""
    uscc, ent, rec, sub, res, whole = classes

    def each(gathered: list[Built]) -> object:
        built = None
        for e in gathered:
            code = uscc(*e.uscc[0])
            enterprise = ent(**{**e.enterprise[1], "uscc": code})
            records = [rec(*a) for a, _ in e.records]
            sub(enterprise=enterprise, records=records)
            results = tuple([res(*a) for a, _ in e.results])
            built = whole(*e.result[0][:4], results)
        return built

    return each


def tuples(gathered: list[Built]) -> object:
    """The same values in tuples, built as :func:`build` builds the objects."""
    built = None
    for e in gathered:
        code = tuple(e.uscc[0])
        enterprise = (code, *e.enterprise[1].values())
        records = [tuple(a) for a, _ in e.records]
        submission = (enterprise, tuple(records))
        results = tuple([tuple(a) for a, _ in e.results])
        built = (*e.result[0][:4], results, submission)
    return built


def fastest(work: Callable[[], object], repeat: int) -> float:
    """The least CPU time of ``repeat`` runs of ``work``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    with open(os.devnull, "w") as null, contextlib.redirect_stderr(null):
        yield


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=7, help="runs of each; the fastest counts")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/zs-quality-bench"))
    args = parser.parse_args()

    source = run.population(args.workdir, args.enterprises, args.seed)
    lines = source.read_bytes().splitlines()
    gathered = gather(lines)
    n = len(gathered)

    def floor_run() -> None:
        # The floor is a script: it takes its files from the command line, and says what it
        # counted on stderr.
        sys.argv = [
            "floor.py",
            str(run.RULESET_FILE),
            run.AS_OF,
            str(source),
            os.devnull,
            os.devnull,
        ]
        with quiet():
            floor.main()

    rules = load_history([run.RULESET_ID])
    as_of = as_date(run.AS_OF)

    def library_run() -> None:
        with open(os.devnull, "w", encoding="utf-8") as out:
            score_jsonl(str(source), out, rules, as_of)

    def per(seconds: float) -> float:
        return seconds / n * 1e6

    checked, bare = twins(checked=True), twins(checked=False)
    floor_us = per(fastest(floor_run, args.repeat))
    library_us = per(fastest(library_run, args.repeat))
    frozen_us = per(fastest(lambda: build(CLASSES)(gathered), args.repeat))
    mutable_us = per(fastest(lambda: build(checked)(gathered), args.repeat))
    bare_us = per(fastest(lambda: build(bare)(gathered), args.repeat))
    tuples_us = per(fastest(lambda: tuples(gathered), args.repeat))
    records = sum(len(e.records) for e in gathered) / n
    # The checks (converters and validators) are work the floor does too, in its own form.
    checks_us = mutable_us - bare_us
    taxes = {"frozen": frozen_us - checks_us - tuples_us, "mutable": bare_us - tuples_us}

    print(
        f"population: {len(lines):,} lines of {source.name} ({n:,} scored, "
        f"{records:.2f} records each); CPU time per enterprise, fastest of {args.repeat}"
    )
    rows = (
        ("floor, whole run", floor_us, ""),
        ("library (score_jsonl), whole run", library_us, f"{library_us / floor_us:.2f}x the floor"),
        ("frozen objects (the library's)", frozen_us, f"freezing {frozen_us - mutable_us:.2f}"),
        ("mutable objects", mutable_us, f"checks {checks_us:.2f}, which the floor does too"),
        ("mutable, no checks", bare_us, ""),
        ("the same values as tuples", tuples_us, ""),
    )
    for name, us, note in rows:
        print(f"{name:<34}{us:>8.2f} µs  {note}".rstrip())
    for kind, tax in taxes.items():
        print(
            f"the tax of {kind} objects (beyond checks and tuples): {tax:.2f} µs, "
            f"{tax / floor_us:.0%} of the floor"
        )
    for target in (1.3, 1.5):
        room = (target - 1) * floor_us
        print(
            f"{target}x the floor leaves {room:.2f} µs beyond the floor's work: the frozen "
            f"objects take {taxes['frozen'] / room:.0%} of it, mutable ones "
            f"{taxes['mutable'] / room:.0%}; the library now uses "
            f"{(library_us - floor_us) / room:.0%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
