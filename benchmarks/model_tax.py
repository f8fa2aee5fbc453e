"""What the frozen value objects cost per enterprise, measured against the floor's whole time.

The floor (``floor.py``) holds a record as a tuple. For each enterprise the library builds a
``USCC``, an ``Enterprise``, a ``Submission`` and an ``IntegrityRecord`` for each record on the
way in, and a ``RecordResult`` for each record and an ``IntegrityResult`` on the way out. Each of
these is a frozen attrs class. This script measures those costs in one process, over a population
of ``--enterprises``, in CPU time per enterprise scored (the fastest of ``--repeat`` rounds, the
contenders alternating within each round):

- floor: the floor's whole run (reading, checks, scoring, writing the lines);
- library: ``zs_quality.batch.score_jsonl`` on the same lines, its whole run;
- frozen objects: building those objects as the library builds them, from the values its
  converter gives them (dates as ISO text, the code as normalised text), converters and
  validators included;
- mutable, as ``attrs.define`` makes them: the same classes, not frozen, with the hooks
  ``attrs.define`` adds (a field with a converter or validator converts and validates again
  when assigned), which keep the frozen classes' way of setting fields in ``__init__``;
- mutable, no hooks: the same without those hooks (``on_setattr=attrs.setters.NO_OP``);
- mutable, no checks: the same again without converters and validators. The difference from the
  row before is the checks' work (identity text, parsing dates, the code's check character),
  mostly work the floor does too, in its own form;
- tuples: the same values held in tuples, as the floor holds them.

The tax of a kind of object is its time less the checks and the tuples: what holding the values
in those objects adds to the floor's work. A target of ``R`` times the floor leaves
``(R - 1) x floor`` for everything the library does beyond it; the report says how much of that
each kind of object takes before any other work is counted (docs/performance.md, "What the
models cost").

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
from zs_quality.dates import Date, as_date
from zs_quality.errors import ZsQualityError
from zs_quality.io.jsonio import loads
from zs_quality.model.enterprise import Enterprise
from zs_quality.model.submission import IntegrityRecord, Submission
from zs_quality.model.uscc import USCC
from zs_quality.rules.integrity import IntegrityResult, RecordResult, score_integrity
from zs_quality.rulesets import RulesetHistory, load_history

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import floor  # noqa: E402  # the floor, beside this file
import run  # noqa: E402  # the benchmark's population, ruleset and evaluation date

CLASSES = (USCC, Enterprise, IntegrityRecord, Submission, RecordResult, IntegrityResult)

Arguments = tuple[tuple[Any, ...], dict[str, Any]]


def twin(cls: type, *, checked: bool, hooks: bool, **converters: Callable[[Any], Any]) -> type:
    """``cls`` as ``attrs.define`` makes a mutable class with the same fields and defaults, and,
    when ``checked``, the same converters and validators (but for the ``converters`` given by
    field name). With ``hooks``, what ``attrs.define`` adds by default: a field with a converter
    or a validator converts and validates again when assigned; without, nothing."""
    these = {
        f.name: attrs.field(
            default=f.default,
            validator=f.validator if checked else None,
            converter=converters.get(f.name, f.converter) if checked else None,
            kw_only=f.kw_only,
        )
        for f in attrs.fields(cls)
    }
    on_setattr = None if hooks else attrs.setters.NO_OP  # None: attrs.define's default
    bare = type(cls.__name__, (), {})
    return attrs.define(bare, these=these, unsafe_hash=True, on_setattr=on_setattr)


def twins(*, checked: bool, hooks: bool) -> tuple[type, ...]:
    """:data:`CLASSES` as mutable attrs classes (:func:`twin`). A checked enterprise converts
    its code as ``to_uscc`` does, to the twin code class."""
    code = twin(USCC, checked=checked, hooks=hooks)

    def to_code(value: Any) -> Any:
        return value if isinstance(value, code) else code(value)

    enterprise = twin(Enterprise, checked=checked, hooks=hooks, uscc=to_code)
    rest = (twin(c, checked=checked, hooks=hooks) for c in CLASSES[2:])
    return code, enterprise, *rest


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
    code, its enterprise, its records, its records' results and its result; and the submission
    and the result themselves, which what is built again is checked against."""

    uscc: Arguments
    enterprise: Arguments
    records: tuple[Arguments, ...]
    results: tuple[Arguments, ...]
    result: Arguments
    submission: Submission
    scored: IntegrityResult


def _as_read(record: IntegrityRecord) -> Arguments:
    # A record's arguments as the converter gives them (convert._plain_record): its dates as
    # they are read, ISO text, which the record's converters parse.
    positional, keywords = arguments(record)
    dates = (record.document_date.isoformat(), record.submitted_on.isoformat())
    return (*positional[:2], *dates, *positional[4:]), keywords


def gather(lines: list[bytes], rules: RulesetHistory, as_of: Date) -> list[Built]:
    """The objects the library builds for each line it scores under ``rules`` on ``as_of``, as
    arguments."""
    gathered = []
    for line in lines:
        try:
            submission = structure(loads(line.decode()), Submission)
        except ZsQualityError:  # a line the library rejects builds no result
            continue
        result = score_integrity(submission, rules, as_of)
        gathered.append(
            Built(
                uscc=arguments(submission.enterprise.uscc),
                enterprise=arguments(submission.enterprise),
                records=tuple(map(_as_read, submission.records)),
                results=tuple(map(arguments, result.records)),
                result=arguments(result),
                submission=submission,
                scored=result,
            )
        )
    return gathered


def build(classes: tuple[type, ...]) -> Callable[[list[Built]], tuple[Any, Any]]:
    """Build every object of every enterprise with ``classes`` (standing for :data:`CLASSES`,
    in their order) as the library builds them: by position, or by keyword where it does; the
    code and the records first, the results after. Returns the last submission and result
    built."""
    uscc, ent, rec, sub, res, whole = classes

    def each(gathered: list[Built]) -> tuple[Any, Any]:
        built: tuple[Any, Any] = (None, None)
        for e in gathered:
            code = uscc(*e.uscc[0])
            enterprise = ent(**{**e.enterprise[1], "uscc": code})
            records = [rec(*a) for a, _ in e.records]
            submission = sub(enterprise=enterprise, records=records)
            results = tuple([res(*a) for a, _ in e.results])
            built = submission, whole(*e.result[0][:4], results)
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


def check(gathered: list[Built], kinds: dict[str, tuple[type, ...]]) -> int:
    """That each kind of checked object, built as :func:`build` builds it, holds what the
    library built: the same submission and result, field by field, for the first enterprises.
    Returns how many were checked; exits when one differs."""
    sample = gathered[:200]
    for e in sample:
        wanted = attrs.asdict(e.submission), attrs.asdict(e.scored)
        for kind, classes in kinds.items():
            submission, result = build(classes)([e])
            if (attrs.asdict(submission), attrs.asdict(result)) != wanted:
                raise SystemExit(f"{kind} objects differ from the library's for {e.scored.uscc}")
    return len(sample)


def fastest(contenders: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """The least CPU time of each contender over ``rounds`` rounds, in seconds; within a round
    the contenders take turns, so that a busy moment on the machine does not fall on one only."""
    best = dict.fromkeys(contenders, float("inf"))
    for _ in range(rounds):
        for name, work in contenders.items():
            started = time.process_time()
            work()
            best[name] = min(best[name], time.process_time() - started)
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
    rules = load_history([run.RULESET_ID])
    as_of = as_date(run.AS_OF)
    lines = source.read_bytes().splitlines()
    gathered = gather(lines, rules, as_of)
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

    def library_run() -> None:
        with open(os.devnull, "w", encoding="utf-8") as out:
            score_jsonl(str(source), out, rules, as_of)

    define = twins(checked=True, hooks=True)
    no_hooks = twins(checked=True, hooks=False)
    bare = twins(checked=False, hooks=False)
    checked = check(gathered, {"frozen": CLASSES, "define": define, "no hooks": no_hooks})
    contenders = {
        "floor": floor_run,
        "library": library_run,
        "frozen": lambda: build(CLASSES)(gathered),
        "define": lambda: build(define)(gathered),
        "no hooks": lambda: build(no_hooks)(gathered),
        "no checks": lambda: build(bare)(gathered),
        "tuples": lambda: tuples(gathered),
    }
    us = {name: t / n * 1e6 for name, t in fastest(contenders, args.repeat).items()}
    floor_us, library_us = us["floor"], us["library"]
    # The checks (converters and validators) are mostly work the floor does too, in its own form.
    checks = us["no hooks"] - us["no checks"]
    # (short name, what it is, its tax)
    taxes = (
        ("frozen", "the frozen objects", us["frozen"] - checks - us["tuples"]),
        (
            "define",
            "mutable objects as attrs.define makes them",
            us["define"] - checks - us["tuples"],
        ),
        ("no hooks", "mutable objects without hooks", us["no checks"] - us["tuples"]),
    )
    records = sum(len(e.records) for e in gathered) / n

    print(
        f"population: {len(lines):,} lines of {source.name} ({n:,} scored, {records:.2f} records "
        f"each); CPU time per enterprise scored, fastest of {args.repeat} rounds"
    )
    rows = (
        ("floor, whole run", "floor", ""),
        ("library (score_jsonl), whole run", "library", f"{library_us / floor_us:.2f}x the floor"),
        ("frozen objects (the library's)", "frozen", ""),
        ("mutable, as attrs.define makes them", "define", ""),
        ("mutable, no hooks", "no hooks", f"checks {checks:.2f}, mostly work the floor does too"),
        ("mutable, no hooks, no checks", "no checks", ""),
        ("the same values as tuples", "tuples", ""),
    )
    for label, name, note in rows:
        print(f"{label:<36}{us[name]:>8.2f} µs  {note}".rstrip())
    print(
        f"the frozen, attrs.define and no-hooks objects hold the library's values "
        f"(checked on {checked} enterprises)"
    )
    for _, kind, tax in taxes:
        print(
            f"the tax of {kind} (beyond checks and tuples): {tax:.2f} µs, "
            f"{tax / floor_us:.0%} of the floor"
        )
    for target in (1.3, 1.5):
        room = (target - 1) * floor_us
        shares = ", ".join(f"{short} {tax / room:.0%}" for short, _, tax in taxes)
        print(
            f"{target}x the floor leaves {room:.2f} µs beyond the floor's work; the objects take "
            f"{shares} of it; the library now uses {(library_us - floor_us) / room:.0%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
