"""The CLI fuzz suite: every command fed arbitrary bytes, arbitrary JSON and mutated valid files.

Each example runs ``zs_quality.cli.main`` in process on a file written for it, and checks what
holds for any input: the exit status is one of the documented ones, nothing escapes as an
exception or a traceback, and every record read is accounted for (``read == scored +
rejected``, the read count being the reader's own). A few cases run a real process.

The everyday run draws a few examples a command; the long run draws 10,000 a command:
``pytest -m fuzz --hypothesis-profile=fuzz tests/test_cli_fuzz.py`` (docs/testing.md).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from integrity_support import ruleset_text
from zs_quality.cli import main
from zs_quality.errors import ZsQualityError
from zs_quality.examples import example_path
from zs_quality.io.jsonio import read_json_or_lines
from zs_quality.policy.criteria import criteria_text
from zs_quality.testing.invalid import json_values

pytestmark = pytest.mark.fuzz

# The long run (the fuzz profile) sets 10,000 examples; the everyday run keeps a small budget.
_LONG = settings.default.max_examples >= 1000
BUDGET = settings(
    max_examples=settings.default.max_examples if _LONG else 15,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
STATUSES = {0, 1, 2}  # in process; the fault statuses 3-5 need a real environment fault

RULES = "zhongshan-construction-good-behaviour@2024-cqo"
POPULATION = example_path("population.jsonl").read_text("utf-8")
REGISTRY = example_path("cqo_registry.jsonl").read_text("utf-8")
CANDIDATE = json.dumps(
    {
        "name": "张三",
        "education": "bachelor",
        "current_title": {"level": "assistant_engineer", "obtained_on": "2019-07-01"},
        "graduated_on": "2015-07-01",
        "evidence": [
            {"kind": "patent", "id": "p1", "date": "2021-05-01", "type": "invention", "rank": 1},
            {"kind": "award", "id": "a1", "date": "2022-05-01", "level": "municipal"},
        ],
    },
    ensure_ascii=False,
)
RULESET = ruleset_text()
CRITERIA = criteria_text("gd-quality-engineering")
SCENARIO = (Path(__file__).parent / "scenarios" / "test_integrity.toml").read_text("utf-8")

# Values real files carry that break naive readers.
NASTY = [
    "1e9999999",
    "-1e9999999",
    "1e-9999999",
    "1" * 5000,
    "NaN",
    "Infinity",
    "-Infinity",
    '"9999-12-31"',
    '"0001-01-01"',
    '"0000-01-01"',
    '"2024-02-30"',
    '"\\u200b"',
    '"\\u001b[2J"',
    '"\\ud800"',
    '"a\\nb"',
    "[" * 60 + "]" * 60,
    "{" * 3,
    "null",
    "true",
    "-0",
    "0.1",
    '""',
    '{"a": 1, "a": 2}',
    "9" * 20,
    "1.0000000000000000001",
    "\ufeff",
    "\u200b",
    "\r",
    "\x1b[2J",
]
_VALUE = re.compile(r'(?<=: )("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)')
_TOML_VALUE = re.compile(r"(?<== )(.+)$", re.MULTILINE)
TOML_NASTY = [
    "nan",
    "inf",
    "-inf",
    "1e400",
    "1" * 5000,
    "9" * 20,
    "[" * 60 + "]" * 60,
    '"\\u0000"',
    "9999-12-31",
    "0001-01-01",
    "1979-05-27T07:32:00",
    '"x"',
    "-1",
    "0",
    "100000",
    "{}",
    "[]",
]


def _mutate_text(draw: st.DrawFn, text: str, nasty: list[str], value: re.Pattern[str]) -> str:
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        action = draw(
            st.sampled_from(
                ["value", "value", "insert", "delete", "duplicate", "crlf", "lone_cr", "bom"]
            )
        )
        if action == "value":
            spots = list(value.finditer(text))
            if spots:
                spot = draw(st.sampled_from(spots))
                text = text[: spot.start()] + draw(st.sampled_from(nasty)) + text[spot.end() :]
        elif action == "insert":
            at = draw(st.integers(min_value=0, max_value=len(text)))
            text = text[:at] + draw(st.sampled_from(nasty)) + text[at:]
        elif action == "delete" and text:
            at = draw(st.integers(min_value=0, max_value=len(text) - 1))
            text = text[:at] + text[at + draw(st.integers(min_value=1, max_value=40)) :]
        elif action == "duplicate":
            text = re.sub(
                r'"records": (\[[^\n]*?\])', r'"records": \1, "records": []', text, count=1
            )
        elif action == "crlf":
            text = text.replace("\n", "\r\n")
        elif action == "lone_cr":
            at = draw(st.integers(min_value=0, max_value=len(text)))
            text = text[:at] + "\r" + text[at:]
        else:
            at = draw(st.sampled_from([0, text.find("\n") + 1]))
            text = text[:at] + "\ufeff" + text[at:]
    return text


def _encode(draw: st.DrawFn, text: str) -> bytes:
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "gb18030", "utf-16", "latin-1"]))
    data = text.encode(encoding, errors="replace")
    if data and draw(st.integers(min_value=0, max_value=4)) == 0:  # a flipped byte
        at = draw(st.integers(min_value=0, max_value=len(data) - 1))
        data = data[:at] + bytes([draw(st.integers(min_value=0, max_value=255))]) + data[at + 1 :]
    return data


def _reshape(draw: st.DrawFn, text: str) -> str:
    """JSON Lines text as it is, as a one-line array, a pretty array, or its first record alone,
    pretty-printed."""
    shape = draw(st.sampled_from(["lines", "lines", "array", "pretty", "document"]))
    if shape == "lines":
        return text
    values = [json.loads(line) for line in text.split("\n") if line.strip()]
    if shape == "array":
        return json.dumps(values, ensure_ascii=False)
    if shape == "pretty":
        return json.dumps(values, ensure_ascii=False, indent=2)
    return json.dumps(values[0], ensure_ascii=False, indent=2)


@st.composite
def json_files(draw: st.DrawFn, valid: str) -> bytes:
    """Bytes of a data file: arbitrary bytes, arbitrary JSON, or ``valid`` mutated."""
    kind = draw(st.sampled_from(["bytes", "json", "mutated", "mutated", "mutated"]))
    if kind == "bytes":
        return draw(st.binary(max_size=600))
    if kind == "json":
        values = draw(st.lists(json_values(max_leaves=12), max_size=4))
        text = "\n".join(json.dumps(v, ensure_ascii=False, default=str) for v in values)
        return _encode(draw, _reshape(draw, text) if values else text)
    return _encode(draw, _mutate_text(draw, _reshape(draw, valid), NASTY, _VALUE))


@st.composite
def toml_files(draw: st.DrawFn, valid: str) -> bytes:
    """Bytes of a policy file: arbitrary bytes or ``valid`` mutated."""
    if draw(st.integers(min_value=0, max_value=4)) == 0:
        return draw(st.binary(max_size=600))
    return _encode(draw, _mutate_text(draw, valid, TOML_NASTY, _TOML_VALUE))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def invoke(args: list[str]) -> tuple[int, str, str]:
    """``main(args)`` with its output captured; anything it lets escape fails the example."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(args)
        except SystemExit as exc:  # argparse: a usage error
            status = int(exc.code or 0)
    assert status in STATUSES, (status, err.getvalue())
    assert "Traceback" not in err.getvalue()
    return status, out.getvalue(), err.getvalue()


def records_in(path: Path, encoding: str = "utf-8") -> int | None:
    """How many records the reader finds in ``path`` (None when it refuses the whole file)."""
    try:
        return sum(1 for _ in read_json_or_lines(path, encoding=encoding))
    except ZsQualityError:
        return None


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


_SUMMARY = re.compile(r"read (\d+), scored (\d+), rejected (\d+)")


@BUDGET
@given(json_files(POPULATION), st.sampled_from(["json", "jsonl", "csv", "table"]), st.data())
def test_score(folder: Path, data: bytes, fmt: str, draw: st.DataObject) -> None:
    encoding = draw.draw(st.sampled_from(["utf-8", "gb18030"]))
    path = write(folder, "score.jsonl", data)
    status, out, err = invoke(
        [
            "score",
            "--ruleset",
            RULES,
            "--as-of",
            "2025-06-30",
            "--format",
            fmt,
            "--encoding",
            encoding,
            str(path),
        ]
    )
    expected = records_in(path, encoding)
    if expected is None:
        assert status == 2
        return
    rejected = err.count("zs-quality: rejected: ")
    summary = _SUMMARY.search(err)
    read, scored, reported = (
        tuple(map(int, summary.groups())) if summary else (expected, expected - rejected, rejected)
    )
    assert read == scored + reported == expected
    assert reported == rejected
    assert status == (1 if rejected else 0)
    if fmt == "jsonl":
        assert len(out.splitlines()) == scored
    if fmt == "json":
        results = json.loads(out)
        assert len(results if isinstance(results, list) else [results]) == scored


@BUDGET
@given(json_files(POPULATION), st.sampled_from(["json", "table", "html"]))
def test_impact(folder: Path, data: bytes, fmt: str) -> None:
    path = write(folder, "impact.jsonl", data)
    status, out, err = invoke(
        [
            "impact",
            "--baseline",
            "zhongshan-construction-good-behaviour@2024",
            "--reform",
            RULES,
            "--as-of",
            "2025-06-30",
            "--format",
            fmt,
            str(path),
        ]
    )
    expected = records_in(path)
    if expected is None:
        assert status == 2
        return
    unscored = err.count("zs-quality: rejected: ") + err.count("zs-quality: scored only")
    assert status == (1 if unscored else 0)
    if fmt == "json":
        report = json.loads(out)
        assert report["read"] == expected
        parts = ("only_in_baseline", "only_in_reform", "rejected")
        assert report["read"] == report["enterprises"] + sum(len(report[p]) for p in parts)


@BUDGET
@given(json_files(REGISTRY), st.sampled_from(["json", "table"]))
def test_cqo_coverage(folder: Path, data: bytes, fmt: str) -> None:
    path = write(folder, "registry.jsonl", data)
    status, out, err = invoke(
        ["cqo", "coverage", "--as-of", "2024-06-30", "--format", fmt, str(path)]
    )
    expected = records_in(path)
    if expected is None:
        assert status == 2
        return
    bad = len([line for line in err.splitlines() if line.startswith("zs-quality: ")])
    assert status == (1 if bad else 0)
    if fmt == "json":
        report = json.loads(out)
        assert (
            len(report["enterprises"]) + len(report["errors"])
            == expected
            == (len(report["enterprises"]) + bad)
        )


@BUDGET
@given(json_files(CANDIDATE), st.sampled_from(["json", "table"]))
def test_titles_assess(folder: Path, data: bytes, fmt: str) -> None:
    path = write(folder, "candidate.json", data)
    status, out, _ = invoke(
        [
            "titles",
            "assess",
            "--level",
            "engineer",
            "--as-of",
            "2025-06-30",
            "--format",
            fmt,
            str(path),
        ]
    )
    assert status in (0, 2)
    if status == 0 and fmt == "json":
        assert isinstance(json.loads(out)["eligible"], bool)


@BUDGET
@given(toml_files(CRITERIA))
def test_titles_check(folder: Path, data: bytes) -> None:
    path = write(folder, "criteria.toml", data)
    status, out, _ = invoke(["titles", "check", str(path)])
    assert status in (0, 2)
    assert (": ok (" in out) == (status == 0)


@BUDGET
@given(toml_files(RULESET))
def test_ruleset_check(folder: Path, data: bytes) -> None:
    path = write(folder, "rules.toml", data)
    status, out, _ = invoke(["ruleset", "check", str(path)])
    assert status in (0, 2)
    assert (": ok: " in out) == (status == 0)


@BUDGET
@given(toml_files(SCENARIO))
def test_test(folder: Path, data: bytes) -> None:
    path = write(folder, "test_fuzz.toml", data)
    status, out, _ = invoke(["test", str(path)])
    assert status in (0, 1, 2)
    if status in (0, 1):
        assert re.search(r"\d+ cases: \d+ passed, \d+ failed", out)


_TEXT = st.text(max_size=40) | st.sampled_from(NASTY)


@BUDGET
@given(st.lists(_TEXT, min_size=1, max_size=4))
def test_uscc(codes: list[str]) -> None:
    status, out, _ = invoke(["uscc", "--", *codes])
    reports = [json.loads(line) for line in out.splitlines()]  # no raw U+0085 etc. in JSON Lines
    assert len(reports) == len(codes)
    assert status == (0 if all(r["valid"] for r in reports) else 1)


@BUDGET
@given(st.sampled_from(["ruleset show", "titles show", "ruleset list", "demo"]), _TEXT)
def test_show_list_and_demo(command: str, word: str) -> None:
    args: Callable[[], list[str]] = {
        "ruleset show": lambda: ["ruleset", "show", "--", word],
        "titles show": lambda: ["titles", "show", "--", word],
        "ruleset list": lambda: ["ruleset", "list"],
        "demo": lambda: ["demo", "--as-of", word],
    }[command]
    invoke(args())


@BUDGET
@given(json_files(POPULATION))
def test_score_reads_stdin_as_it_reads_a_file(folder: Path, data: bytes) -> None:
    """Reading standard input and a file give the same results and counts."""
    path = write(folder, "stdin.jsonl", data)
    args = ["score", "--ruleset", RULES, "--as-of", "2025-06-30", "--format", "jsonl"]
    from_file = invoke([*args, str(path)])
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    with contextlib.ExitStack() as stack:
        stack.enter_context(pytest.MonkeyPatch.context()).setattr("sys.stdin", stdin)
        from_stdin = invoke([*args, "-"])
    assert from_stdin[0] == from_file[0]
    assert from_stdin[1] == from_file[1]
    assert from_stdin[2].replace("<stdin>", str(path)) == from_file[2]


# --- A few cases on a real process ---------------------------------------------------------------


def in_a_process(args: list[str], data: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run(
        [sys.executable, "-m", "zs_quality", *args], input=data, capture_output=True, timeout=120
    )
    assert done.returncode in STATUSES
    assert b"Traceback" not in done.stderr
    return done


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfe{\x00",
        b"\xef\xbb\xbf[" + b"[" * 5000 + b"\n",
        b'{"enterprise": {"name": "\\ud800"}, "records": []}\n',
        "中文".encode("gbk") + b"\n" + POPULATION.encode("utf-8"),
        b"\x00" * 100,
    ],
    ids=["utf16", "deep", "surrogate", "gbk-line", "nul"],
)
def test_score_in_a_real_process_never_prints_a_traceback(data: bytes) -> None:
    in_a_process(
        ["score", "--ruleset", RULES, "--as-of", "2025-06-30", "--format", "table", "-"], data
    )


def test_surrogates_in_arguments_reach_the_output_escaped() -> None:
    done = in_a_process(["uscc", b"\xff\xfe".decode("utf-8", "surrogateescape")])
    assert done.returncode == 1
    assert json.loads(done.stdout)["input"] == "\udcff\udcfe"
