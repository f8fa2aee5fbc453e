"""Benchmark: the CLI, the library API and the tight floor over one synthetic population.

Generates (or reuses) a seeded population, runs each contender as its own process, and prints the
wall time, CPU time (user + system, the process and its workers, from wait4; less disturbed by
other work on the machine than wall time), enterprises/s, records/s and peak RSS of each, and its
wall and CPU time relative to the floor. It then checks that all contenders agree: the same
totals (results, rejected line numbers, outcomes, sum of totals) and byte-identical output. Exit
status 1 when they disagree.

It also times ``zs-quality impact --sweep`` with 10 values of the population's most common item
(``sweep``) against one comparison (``impact``) and one scoring (``cli``): a sweep re-prices
only the swept item's records, so it should cost at most twice a scoring.

With ``--repeat N`` the contenders run in N rounds, alternating; each figure is the fastest of its
rounds, and the API's and the CLI's CPU time are also given as a ratio to the floor's within each
round, with the median of those ratios (the machine's speed drifts between rounds).

Usage: ``python benchmarks/run.py [--enterprises N] [--jobs N] [--repeat N] [--workdir DIR]
[--no-sweep]``; ``--only cli`` runs the floor and the CLI alone (for a larger size).
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import attrs

HERE = Path(__file__).resolve().parent
RULESET_ID = "zhongshan-construction-good-behaviour@2024"
RULESET_FILE = (
    HERE.parent / "src/zs_quality/rulesets/zhongshan-construction-good-behaviour-2024.toml"
)
AS_OF = "2025-06-30"
# The population's most common item (in 45 % of submissions: the sweep's worst case), at 10 values.
SWEEP = "JJL-003=5,10,15,20,25,30,35,40,45,50"


@attrs.frozen
class Run:
    name: str
    seconds: float
    cpu_seconds: float
    peak_rss_kib: int
    output: Path
    errors: Path


@attrs.frozen
class Totals:
    results: int
    records: int
    rejected_lines: tuple[int, ...]
    outcomes: tuple[tuple[str, int], ...]
    total: Decimal
    digest: str


def population(workdir: Path, enterprises: int, seed: int) -> Path:
    """The seeded population of ``enterprises`` in ``workdir``, generated when missing (kept for
    later runs)."""
    sys.path.insert(0, str(HERE))
    import generate

    workdir.mkdir(parents=True, exist_ok=True)
    source = workdir / f"population-{enterprises}-{seed}.jsonl"
    if not source.exists():
        partial = source.with_suffix(".partial")
        with partial.open("w", encoding="utf-8") as out:
            generate.write(enterprises, seed, out)
        partial.rename(source)
    return source


def commands(name: str, jobs: int, source: Path, out: Path, errors: Path) -> list[str]:
    """The command line of one contender."""
    py = sys.executable
    files = [str(source), str(out), str(errors)]
    if name == "floor":
        return [py, str(HERE / "floor.py"), str(RULESET_FILE), AS_OF, *files]
    if name == "api":
        return [py, str(HERE / "api.py"), RULESET_ID, AS_OF, *files]
    if name in ("impact", "sweep"):
        impact = [py, "-m", "zs_quality", "impact", "--baseline", RULESET_ID, "--reform"]
        sweep = ["--sweep", SWEEP] if name == "sweep" else []
        return [*impact, RULESET_ID, "--as-of", AS_OF, "--format", "json", *sweep, str(source)]
    cli = [py, "-m", "zs_quality", "score", "--ruleset", RULESET_ID, "--as-of", AS_OF]
    return [*cli, "--format", "jsonl", "--errors", str(errors), "--jobs", str(jobs), str(source)]


def measure(name: str, command: list[str], out: Path, errors: Path) -> Run:
    """Run one contender; its wall time and peak RSS (largest of the process and its workers)."""
    # Each contender starts with nothing of another's left to write back (os.sync): at
    # 1,000,000 enterprises an output is 2.7 GB, and the kernel would bill writing the last one's
    # pages to whoever writes next (seconds of system time, the second contender always the
    # loser). Its own output of an earlier round is removed first, so that freeing that file is
    # not timed either.
    out.unlink(missing_ok=True)
    errors.unlink(missing_ok=True)
    os.sync()
    started = time.perf_counter()
    with out.open("w", encoding="utf-8") as stdout:
        process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{name} failed with status {process.returncode}: {' '.join(command)}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(name, seconds, cpu, usage.ru_maxrss, out, errors)


def totals(run: Run) -> Totals:
    """What a contender computed, read back from its output files."""
    outcomes: collections.Counter[str] = collections.Counter()
    results = records = 0
    total = Decimal(0)
    digest = hashlib.sha256()
    with run.output.open("rb") as lines:
        for line in lines:
            digest.update(line)
            data = json.loads(line)
            results += 1
            records += len(data["records"])
            total += Decimal(data["total"])
            outcomes.update(r["outcome"] for r in data["records"])
    with run.errors.open(encoding="utf-8") as errors:
        rejected = tuple(json.loads(line)["line"] for line in errors)
    return Totals(
        results, records, rejected, tuple(sorted(outcomes.items())), total, digest.hexdigest()
    )


def paired(rounds: list[dict[str, float]], name: str, base: str) -> str:
    """The ratio of ``name`` to ``base`` in each round, in order, and their median."""
    ratios = [r[name] / r[base] for r in rounds]
    return f"{', '.join(f'{x:.2f}' for x in ratios)}; median {statistics.median(ratios):.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest counts")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/zs-quality-bench"))
    parser.add_argument("--only", choices=("cli",), help="run the floor and the CLI alone")
    parser.add_argument("--no-sweep", action="store_true", help="skip impact and the sweep")
    args = parser.parse_args()

    source = population(args.workdir, args.enterprises, args.seed)

    names = ["floor", "cli"] if args.only else ["floor", "api", "cli", f"cli --jobs {args.jobs}"]
    extra = [] if args.only or args.no_sweep else ["impact", "sweep"]
    best: dict[str, Run] = {}
    # Contenders alternate within each round, so that a busy moment on the machine does not
    # fall on one of them only; the fastest round of each counts (by CPU time for CPU time).
    fastest_cpu: dict[str, float] = {}
    # Each round's CPU times, for the ratios within a round: the machine's speed drifts by 5-20 %
    # within minutes (docs/performance.md), and contenders of one round meet about the same.
    rounds: list[dict[str, float]] = []
    for _ in range(args.repeat):
        rounds.append({})
        for name in names + extra:
            key = name.replace(" --jobs ", "-j")
            out, errors = args.workdir / f"{key}.out.jsonl", args.workdir / f"{key}.err.jsonl"
            jobs = args.jobs if "--jobs" in name else 1
            run = measure(name, commands(name.split()[0], jobs, source, out, errors), out, errors)
            rounds[-1][name] = run.cpu_seconds
            fastest_cpu[name] = min(fastest_cpu.get(name, run.cpu_seconds), run.cpu_seconds)
            if name not in best or run.seconds < best[name].seconds:
                best[name] = run

    found = {name: totals(best[name]) for name in names}
    first = next(iter(found.values()))
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}, "
        f"load {os.getloadavg()[0]:.2f}"
    )
    print(
        f"population: {args.enterprises:,} enterprises, {first.records:,} records "
        f"({len(first.rejected_lines):,} submissions rejected), seed {args.seed}, "
        f"as of {AS_OF}, best of {args.repeat}"
    )
    print(
        f"{'contender':<16}{'seconds':>9}{'CPU s':>8}{'enterprises/s':>15}{'records/s':>12}"
        f"{'peak RSS MiB':>14}{'x floor':>9}{'CPU x floor':>13}"
    )
    floor = best["floor"]
    for name, run in best.items():
        # The workers of --jobs are forked by the CLI and reaped by it, so wait4 counts their
        # CPU time too: the CPU time of --jobs is the whole run's, on every CPU.
        cpu, ratio = f"{fastest_cpu[name]:.2f}", f"{fastest_cpu[name] / fastest_cpu['floor']:.2f}"
        print(
            f"{name:<16}{run.seconds:>9.2f}{cpu:>8}{args.enterprises / run.seconds:>15,.0f}"
            f"{first.records / run.seconds:>12,.0f}{run.peak_rss_kib / 1024:>14.1f}"
            f"{run.seconds / floor.seconds:>9.2f}{ratio:>13}"
        )
    if args.repeat > 1:
        for name in ("api", "cli"):
            if name in best:
                print(f"{name} ÷ floor round by round (CPU): {paired(rounds, name, 'floor')}")
    parallel = f"cli --jobs {args.jobs}"
    if parallel in best:
        print(
            f"{parallel}: {best[parallel].seconds / best['cli'].seconds:.2f}x the wall time of "
            f"one process (cli), {fastest_cpu[parallel] / fastest_cpu['cli']:.2f}x its CPU time"
        )
    if extra:
        cli, sweep = fastest_cpu["cli"], fastest_cpu["sweep"]
        print(
            f"sweep ({SWEEP.split('=')[0]}, 10 values): {sweep / cli:.2f}x one scoring (cli), "
            f"{sweep / fastest_cpu['impact']:.2f}x one comparison (impact), in CPU time; "
            f"{best['sweep'].seconds / best['cli'].seconds:.2f}x cli in wall time"
        )
    outcomes = ", ".join(f"{k} {v:,}" for k, v in first.outcomes)
    print(f"totals: {first.results:,} scored, sum of totals {first.total}; {outcomes}")
    if len(found) == 1:
        return 0
    agree = all(t == first for t in found.values())
    if agree:
        print("all contenders agree (totals and byte-identical output)")
    for name, found_totals in found.items():
        if found_totals != first:
            differ = [
                f"{field.name} {getattr(first, field.name)!s:.60} != "
                f"{getattr(found_totals, field.name)!s:.60}"
                for field in attrs.fields(Totals)
                if getattr(first, field.name) != getattr(found_totals, field.name)
            ]
            print(f"MISMATCH: {name} against {next(iter(found))}: " + "; ".join(differ))
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
