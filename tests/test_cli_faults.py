"""Faults of the environment, on a real process: a full disk, closed streams, a closed pipe,
Ctrl-C and SIGTERM during ``score --jobs 2`` (issue 11).

Each case starts ``python -m zs_quality`` and checks the exit status, that standard error holds
no traceback, and, for the signals, that no process of the run is left behind.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from zs_quality.testing.codes import example_uscc

RULES = "zhongshan-construction-good-behaviour@2024-cqo"
SCORE = [sys.executable, "-m", "zs_quality", "score", "--ruleset", RULES, "--as-of", "2025-01-01"]

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="POSIX process semantics")


def population(path: Path, count: int, *, bad_at: int | None = None) -> Path:
    """``count`` submissions of distinct enterprises (line ``bad_at`` not JSON)."""
    lines = []
    for n in range(count):
        record = {"id": "r1", "item": "JJL-004", "document_date": "2024-05-01"}
        record["submitted_on"] = "2024-05-03"
        enterprise = {
            "uscc": str(example_uscc(n)),
            "name": "测试",
            "category": "supervision",
        }
        lines.append(
            json.dumps({"enterprise": enterprise, "records": [record]}, ensure_ascii=False)
        )
    if bad_at is not None:
        lines[bad_at - 1] = "{not json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["/bin/sh", "-c", command], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def quoted(args: list[str]) -> str:
    return " ".join(f"'{a}'" for a in args)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return population(tmp_path_factory.mktemp("faults") / "small.jsonl", 50, bad_at=3)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_disk_ends_with_one_line_and_status_3(small: Path) -> None:
    # Regression: a full disk ended in a traceback with exit 1.
    done = shell(quoted([*SCORE, str(small)]) + " > /dev/full", small.parent)
    assert done.returncode == 3
    assert "zs-quality: error: cannot write standard output: No space left on device" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_closed_standard_output_is_status_3(small: Path) -> None:
    # Regression: a closed stdout gave AttributeError.
    done = shell(quoted([*SCORE, str(small)]) + " >&-", small.parent)
    assert done.returncode == 3
    assert "cannot write standard output: it is closed" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_closed_standard_input_is_status_4(small: Path) -> None:
    # Regression: a closed stdin gave TypeError.
    done = shell(quoted([*SCORE, "-"]) + " <&-", small.parent)
    assert done.returncode == 4
    assert "cannot read the input: standard input is closed" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_closed_standard_error_changes_nothing_but_silence(small: Path) -> None:
    done = shell(quoted([*SCORE, "--format", "jsonl", str(small)]) + " 2>&-", small.parent)
    assert done.returncode == 1
    assert len(done.stdout.splitlines()) == 49


def test_standard_output_onto_the_input_is_refused(tmp_path: Path) -> None:
    path = population(tmp_path / "in.jsonl", 3)
    before = path.read_bytes()
    done = shell(quoted([*SCORE, str(path)]) + f" >> '{path}'", tmp_path)
    assert done.returncode == 2
    assert "standard output is the input file" in done.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize(("bad_at", "status"), [(None, 0), (2, 1)])
def test_piping_into_head_ends_quietly_with_the_status_the_rejects_imply(
    tmp_path: Path, bad_at: int | None, status: int, jobs: str
) -> None:
    # Regression: piping into head exited 0 even when lines were rejected.
    path = population(tmp_path / "in.jsonl", 20_000, bad_at=bad_at)
    process = subprocess.Popen(
        [*SCORE, "--format", "jsonl", "--jobs", jobs, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stdout.readline()
    assert process.stdout.readline()
    process.stdout.close()  # what head does after its lines
    _, err = process.communicate(timeout=120)
    assert process.returncode == status
    assert b"Traceback" not in err
    assert b"Broken pipe" not in err


def _alive_in_session(session: int) -> list[str]:
    """The processes of ``session`` that still run (zombies, dead and waiting for init to reap
    them, do not count)."""
    alive = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        state, _, _, sid = stat.rsplit(")", 1)[1].split()[:4]
        if int(sid) == session and state not in "ZX":
            alive.append(pid)
    return alive


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return population(tmp_path_factory.mktemp("signals") / "large.jsonl", 150_000)


@pytest.mark.parametrize(
    ("sig", "status", "word", "to_group"),
    [
        (signal.SIGINT, 130, "interrupted", False),
        (signal.SIGINT, 130, "interrupted", True),  # Ctrl-C at a terminal: the whole group
        (signal.SIGTERM, 143, "terminated", False),
        (signal.SIGTERM, 143, "terminated", True),
    ],
)
def test_a_signal_during_score_jobs_2_stops_everything_cleanly(
    large: Path, tmp_path: Path, sig: signal.Signals, status: int, word: str, to_group: bool
) -> None:
    # Regression: Ctrl-C printed worker tracebacks and hung about one run in twelve, leaving
    # workers behind.
    out = tmp_path / "out.jsonl"
    with out.open("w") as sink:
        process = subprocess.Popen(
            [*SCORE, "--format", "jsonl", "--jobs", "2", str(large)],
            stdout=sink,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while out.stat().st_size == 0 and process.poll() is None:  # scoring has begun
            assert time.monotonic() < deadline
            time.sleep(0.01)
        if to_group:
            os.killpg(process.pid, sig)
        else:
            process.send_signal(sig)
        _, err = process.communicate(timeout=60)
    text = err.decode()
    assert process.returncode == status, text
    assert "Traceback" not in text
    assert text.endswith(f"zs-quality: {word}\n")
    summary = next(line for line in text.splitlines() if line.startswith("zs-quality: read "))
    scored = int(summary.split("scored ")[1].split(",")[0])
    assert "(stopped early)" in summary
    written = out.read_text(encoding="utf-8").splitlines()
    assert len(written) == scored  # flushed: every result counted was written, whole
    assert all(json.loads(line)["total"] == "30" for line in written)
    deadline = time.monotonic() + 10
    while _alive_in_session(process.pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _alive_in_session(process.pid) == []
