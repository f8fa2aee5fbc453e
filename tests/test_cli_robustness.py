"""The commands on real-world input and in a hostile environment, in process (issue 11).

The faults that need a real process (a full disk, closed streams, signals, a closed pipe) are in
``test_cli_faults.py``.
"""

from __future__ import annotations

import csv
import errno
import io
import json
from pathlib import Path
from typing import Any

import pytest

from integrity_support import ruleset_text
from zs_quality.cli import args as cli_args
from zs_quality.cli import main
from zs_quality.cli import score as score_command
from zs_quality.cli.streams import Fault, GuardedStream
from zs_quality.cli.table import printable, render_table, width
from zs_quality.parallel import WorkerError

RULES = "zhongshan-construction-good-behaviour@2024-cqo"
CODES = ("91350100M000100Y43", "91442000MA4UNN6R9A", "9144030071526726XG")


def submission(
    code: str = CODES[0], name: str = "测试监理有限公司", **record: Any
) -> dict[str, Any]:
    fields = {"id": "r1", "item": "JJL-004", "document_date": "2024-05-01"}
    fields |= {"submitted_on": "2024-05-03"} | record
    return {
        "enterprise": {"uscc": code, "name": name, "category": "supervision"},
        "records": [fields],
    }


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    out = capsys.readouterr()
    return status, out.out, out.err


def score(path: Path, *extra: str) -> list[str]:
    return ["score", "--ruleset", RULES, "--as-of", "2025-01-01", *extra, str(path)]


def write_jsonl(path: Path, *values: Any, encoding: str = "utf-8", bom: bool = False) -> Path:
    text = "\r\n".join(json.dumps(v, ensure_ascii=False) for v in values)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
    return path


# --- Encodings on every command -----------------------------------------------------------------


def test_score_reads_gbk_with_encoding_and_names_the_bad_line_without(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Regression: a GBK file crashed score with a UnicodeDecodeError traceback.
    path = write_jsonl(tmp_path / "gbk.jsonl", submission(), encoding="gbk")
    status, out, err = run(score(path, "--format", "jsonl"), capsys)
    assert (status, out) == (1, "")
    assert f"{path}:1: cannot be read as utf-8: byte 0xb2 at byte offset 55" in err
    assert "try --encoding gb18030" in err
    assert "Traceback" not in err
    status, out, err = run(score(path, "--format", "jsonl", "--encoding", "gbk"), capsys)
    assert (status, err) == (0, "")
    assert json.loads(out)["total"] == "30"


def test_score_reads_a_bom_and_a_one_line_array(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_jsonl(tmp_path / "bom.jsonl", submission(), submission(CODES[1]), bom=True)
    status, out, err = run(score(path, "--format", "jsonl"), capsys)
    assert (status, len(out.splitlines())) == (0, 2)
    assert "read 2, scored 2, rejected 0" in err
    array = tmp_path / "array.json"
    array.write_text(json.dumps([submission(), submission(CODES[1])]), "utf-8")
    assert run(score(array, "--format", "jsonl"), capsys)[:2] == (0, out)


@pytest.mark.parametrize("text", ["[]", "[\n]"])
def test_empty_arrays_exit_alike(
    text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.json"
    path.write_text(text, "utf-8")
    assert run(score(path), capsys) == (0, "[]\n", "")


def test_every_command_that_reads_files_takes_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    population = write_jsonl(tmp_path / "pop.jsonl", submission(), encoding="gb18030")
    impact = ["impact", "--baseline", RULES, "--reform", RULES, "--as-of", "2025-01-01"]
    assert run([*impact, "--encoding", "gb18030", str(population)], capsys)[0] == 0
    assert run([*impact, str(population)], capsys)[0] == 1
    registry = {
        "uscc": CODES[0],
        "name": "中山示例灯饰有限公司",
        "town": "古镇",
        "sector": "manufacturing",
        "employees": 300,
        "revenue": 2000,
        "total_assets": 1000,
    }
    reg = write_jsonl(tmp_path / "reg.jsonl", registry, encoding="gbk")
    cqo = ["cqo", "coverage", "--as-of", "2024-06-30"]
    assert run([*cqo, "--encoding", "gbk", str(reg)], capsys)[0] == 0
    assert run([*cqo, str(reg)], capsys)[0] == 1
    candidate = {"name": "张三", "education": "bachelor"}
    cand = write_jsonl(tmp_path / "cand.json", candidate, encoding="gb18030")
    assess = ["titles", "assess", "--level", "engineer", "--as-of", "2025-01-01"]
    assert run([*assess, "--encoding", "gb18030", str(cand)], capsys)[0] == 0
    assert run([*assess, str(cand)], capsys)[0] == 2
    ruleset = tmp_path / "rules.toml"
    ruleset.write_bytes(ruleset_text().replace('title = "', 'title = "中山').encode("gb18030"))
    assert run(["ruleset", "check", "--encoding", "gb18030", str(ruleset)], capsys)[0] == 0
    status, _, err = run(["ruleset", "check", str(ruleset)], capsys)
    assert status == 2
    assert "cannot be read as utf-8" in err


def test_titles_check_and_test_take_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from zs_quality.policy.criteria import criteria_text

    path = tmp_path / "gd.toml"
    path.write_bytes(criteria_text("gd-quality-engineering").encode("gb18030"))
    assert run(["titles", "check", "--encoding", "gb18030", str(path)], capsys)[0] == 0
    assert run(["titles", "check", str(path)], capsys)[0] == 2
    compare = ["titles", "compare", "--encoding", "gb18030", str(path), str(path)]
    assert run(compare, capsys)[0] == 0
    scenarios = Path(__file__).parent / "scenarios"
    status, out, _ = run(["test", "--encoding", "utf-8", str(scenarios)], capsys)
    assert status == 0
    assert "0 failed" in out


def test_an_unknown_encoding_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(score(tmp_path / "x.jsonl", "--encoding", "utf-16"))
    assert info.value.code == 2
    assert "not supported" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("where", "value"),
    [("employees", "1e9999999"), ("employees", "1" * 5000), ("rank", "1e9999999")],
)
def test_huge_numbers_are_refused_at_once_by_every_command(
    where: str, value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Regression: "employees": 1e9999999 or an evidence "rank": 1e9999999 ran over a minute.
    if where == "rank":
        text = '{"name": "x", "education": "bachelor", "evidence": [{"kind": "patent", "id": "p",'
        text += f' "date": "2021-01-01", "type": "invention", "rank": {value}}}]}}'
        path = tmp_path / "c.json"
        path.write_text(text, "utf-8")
        args = ["titles", "assess", "--level", "engineer", "--as-of", "2025-01-01", str(path)]
        expected = 2
    else:
        text = f'{{"uscc": "{CODES[0]}", "name": "x", "town": null, "sector": "manufacturing", '
        text += f'"employees": {value}, "revenue": 1, "total_assets": 1}}'
        path = tmp_path / "r.jsonl"
        path.write_text(text + "\n", "utf-8")
        args = ["cqo", "coverage", "--as-of", "2024-06-30", str(path)]
        expected = 1
    status, _, err = run(args, capsys)
    assert status == expected
    assert "numbers must be below 10^15" in err


# --- Nothing lost, nothing invented ---------------------------------------------------------------


def test_duplicate_keys_are_rejected_naming_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Regression: "records": [...], "records": [] kept the empty list and exited 0.
    path = tmp_path / "dup.jsonl"
    text = json.dumps(submission())
    path.write_text(text[:-1] + ', "records": []}\n', "utf-8")
    status, _, err = run(score(path), capsys)
    assert status == 1
    assert "the key 'records' is given twice" in err


def test_csv_carries_every_scored_enterprise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Regression: --format csv dropped every enterprise with no records.
    empty = submission(CODES[1]) | {"records": []}
    path = write_jsonl(tmp_path / "p.jsonl", submission(), empty, submission(CODES[2]))
    status, out, _ = run(score(path, "--format", "csv", "--lang", "en"), capsys)
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert status == 0
    assert [(r["uscc"], r["total"], r["record_id"]) for r in rows] == [
        (CODES[0], "30", "r1"),
        (CODES[1], "0", ""),
        (CODES[2], "30", "r1"),
    ]
    for fmt in ("json", "jsonl", "table"):
        _, out, _ = run(score(path, "--format", fmt), capsys)
        assert all(code in out for code in CODES), fmt


def test_errors_naming_the_input_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Regression: --errors naming the input file overwrote the input.
    path = write_jsonl(tmp_path / "in.jsonl", submission())
    before = path.read_bytes()
    monkeypatch.chdir(tmp_path)
    status, out, err = run(score(Path("in.jsonl"), "--errors", str(path)), capsys)
    assert (status, out) == (2, "")
    assert "is the input file" in err
    assert path.read_bytes() == before


# --- Faults that end cleanly ----------------------------------------------------------------------


class Full(io.StringIO):
    """A stream on a full disk."""

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_on_standard_output_is_one_line_and_status_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", submission())
    monkeypatch.setattr("sys.stdout", Full())
    status = main(score(path))
    err = capsys.readouterr().err
    assert status == 3
    assert err == "zs-quality: error: cannot write standard output: No space left on device\n"


@pytest.mark.parametrize(
    ("target", "message"),
    [("/dev/full", "No space left on device"), ("no/such/folder/e.jsonl", "No such file")],
)
def test_an_errors_file_that_cannot_be_written_is_status_3(
    target: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if target == "/dev/full" and not Path(target).exists():
        pytest.skip("no /dev/full here")
    path = write_jsonl(tmp_path / "in.jsonl", submission(), {"bad": 1})
    status, _, err = run(score(path, "--errors", target), capsys)
    assert status == 3
    assert f"zs-quality: error: cannot write --errors file {target}: {message}" in err
    assert "Traceback" not in err


def test_a_closed_pipe_ends_quietly_with_the_status_the_rejects_imply(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Pipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    path = write_jsonl(tmp_path / "in.jsonl", {"bad": 1}, submission(), submission(CODES[1]))
    monkeypatch.setattr("sys.stdout", Pipe())
    status = main(score(path, "--format", "jsonl"))
    err = capsys.readouterr().err
    assert status == 1  # line 1 was rejected before the reader went away
    assert "Broken pipe" not in err
    assert "Traceback" not in err


def test_ctrl_c_flushes_what_was_scored_and_prints_the_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", *(submission(c) for c in CODES))
    calls = 0
    render = score_command.RENDER["json"]

    def interrupted(result: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt
        return render(result)

    monkeypatch.setitem(score_command.RENDER, "json", interrupted)
    status, out, err = run(score(path), capsys)
    assert status == 130
    assert [r["uscc"] for r in json.loads(out)] == list(CODES[:2])  # valid JSON, what was scored
    assert "read 2, scored 2, rejected 0 (stopped early)" in err
    assert err.endswith("zs-quality: interrupted\n")


def test_a_worker_that_dies_is_status_5(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def dying(*args: Any, **kwargs: Any) -> Any:
        raise WorkerError("worker process 1 of 2 died (exit status -9)")
        yield

    monkeypatch.setattr("zs_quality.batch.ordered_chunks", dying)
    monkeypatch.setattr(cli_args, "available_cpus", lambda: 2)
    path = write_jsonl(tmp_path / "in.jsonl", submission())
    status, _, err = run(score(path, "--jobs", "2"), capsys)
    assert status == 5
    assert "worker process 1 of 2 died" in err


def test_jobs_above_the_cpu_count_are_capped_with_a_notice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Regression: --jobs 10000 started 388 processes and used 6.3 GB.
    monkeypatch.setattr(cli_args, "available_cpus", lambda: 1)
    path = write_jsonl(tmp_path / "in.jsonl", submission())
    status, out, err = run(score(path, "--jobs", "10000", "--format", "jsonl"), capsys)
    assert status == 0
    assert err == "zs-quality: --jobs 10000 is more than the 1 CPU(s) available; using 1\n"
    assert json.loads(out)["total"] == "30"


@pytest.mark.parametrize("jobs", ["0", "-1", "x", "1" * 40])
def test_jobs_below_one_are_usage_errors(
    jobs: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(score(tmp_path / "in.jsonl", "--jobs", jobs))
    assert info.value.code == 2
    assert "expected a whole number of at least 1" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--bin-width", "1e-9", "at least 0.01"),
        ("--bin-width", "1e999999", "too large"),
        ("--bin-width", "NaN", "not a finite number"),
        ("--bin-width", "-5", "must be a positive number"),
        ("--sweep", "JCQO-001=1e999999", "too large"),
        ("--sweep", "JCQO-001=Infinity", "not a finite number"),
        ("--sweep", "JCQO-001=" + ",".join(["1"] * 101), "at most 100 values"),
        ("--sweep", "JCQO-001", "expected ITEM=V1,V2"),
    ],
)
def test_impact_numbers_are_checked_as_usage_errors(
    option: str, value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Regression: --bin-width 1e-9 ran out of memory, --sweep ITEM=1e999999 raised InvalidOperation.
    args = ["impact", "--baseline", RULES, "--reform", RULES, "--as-of", "2025-01-01"]
    with pytest.raises(SystemExit) as info:
        main([*args, option, value, "pop.jsonl"])
    assert info.value.code == 2
    assert message in capsys.readouterr().err


# --- Terminal output --------------------------------------------------------------------------


def test_printable_escapes_what_a_terminal_would_obey() -> None:
    assert printable("a\x1b[2Jb\nc\rd\te\u200bf\u202eg\x7f\x85") == (
        "a\\x1b[2Jb\\nc\\rd\\te\\u200bf\\u202eg\\x7f\\x85"
    )
    assert printable("中山市示例 Co. （古镇）") == "中山市示例 Co. （古镇）"


def test_tables_keep_cjk_alignment_after_escaping() -> None:
    table = render_table(["名称", "n"], [["中山\x1b[31m", "1"], ["e\u0301", "22"]], right=(1,))
    lines = table.split("\n")
    assert lines[2] == "中山\\x1b[31m   1"
    assert width(lines[2]) == width(lines[3]) == width(lines[0])


def test_the_score_table_and_messages_escape_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Regression: escape codes in names cleared the screen; newlines forged table rows.
    evil = submission(name="\x1b[2J假公司\n91350100M000100Y43  伪造行")
    bad = {"enterprise": {"\x1b[31mkey": 1}, "records": []}
    path = write_jsonl(tmp_path / "in.jsonl", evil, bad)
    status, out, err = run(score(path, "--format", "table"), capsys)
    assert status == 1
    assert "\x1b" not in out + err
    assert "\\x1b[31mkey: unknown key" in err
    cqo_line = {
        "uscc": CODES[0],
        "name": "\x1b[2J灯饰\n伪造",
        "town": "古\r镇",
        "sector": "manufacturing",
        "employees": 300,
        "revenue": 2000,
        "total_assets": 1000,
    }
    reg = write_jsonl(tmp_path / "reg.jsonl", cqo_line)
    status, out, _ = run(
        ["cqo", "coverage", "--as-of", "2024-06-30", "--format", "table", str(reg)], capsys
    )
    assert status == 0
    assert "\x1b" not in out
    assert "\r" not in out
    assert "\\x1b[2J灯饰\\n伪造" in out


def test_the_guarded_stream_reports_the_name_of_what_failed() -> None:
    stream = GuardedStream(Full(), "--errors file e.jsonl")
    with pytest.raises(Fault, match=r"cannot write --errors file e\.jsonl: No space left"):
        stream.write("x")
    assert stream.broken
    assert stream.write("more") == 4  # quiet from now on


def test_limits_are_this_projects_choice_and_documented() -> None:
    errors_page = (Path(__file__).resolve().parent.parent / "docs" / "errors.md").read_text("utf-8")
    import zs_quality.limits as limits

    for name in limits.__all__:
        assert name in errors_page, name
