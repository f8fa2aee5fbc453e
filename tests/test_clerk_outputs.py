"""The clerk formats of ``score``: CSV that Excel opens, the table's words, the xlsx workbook."""

from __future__ import annotations

import csv
import datetime
import json
import os
import re
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from integrity_support import ruleset_text
from zs_quality.cli import main
from zs_quality.cli.clerk import CSV_COLUMNS, ENTERPRISE_COLUMNS, RECORD_COLUMNS, csv_headers
from zs_quality.cli.workbook import EXCEL_CHARS, SHEETS, WIDTHS, WorkbookWriter
from zs_quality.rules.integrity import Outcome

AS_OF = "2025-06-30"
# A name Excel must read back as one cell: Chinese, a comma, quotes and a line end.
AWKWARD = '中山"测试",监理\n有限公司'
CODES = ("91350100M000100Y43", "91442000MA4UNN6R9A")
RECORDS = [
    # expired on AS_OF (valid 2024-01-10 to 2025-01-10), earned 20
    {"id": "r1", "item": "N", "document_date": "2024-01-10", "submitted_on": "2024-01-15"},
    # counted: 30
    {"id": "r2", "item": "A", "document_date": "2025-05-01", "submitted_on": "2025-05-02"},
    # not yet effective on AS_OF, earned 30
    {"id": "r3", "item": "A", "document_date": "2025-07-01", "submitted_on": "2025-07-02"},
    # counted: 12.5 (a grade's points, not a whole number)
    {
        "id": "r4",
        "item": "G",
        "grade": "三等奖",
        "document_date": "2025-03-01",
        "submitted_on": "2025-03-02",
    },
]
POPULATION = [
    {
        "enterprise": {
            "uscc": CODES[0],
            "name": AWKWARD,
            "town": "小榄镇",
            "category": "supervision",
        },
        "records": RECORDS,
    },
    # A name that looks like a formula stays text; an enterprise without records is a row too.
    {
        "enterprise": {"uscc": CODES[1], "name": "=SUM(A1:A9)", "category": "supervision"},
        "records": [],
    },
]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    rules = tmp_path / "rules.toml"
    rules.write_text(ruleset_text(), "utf-8")
    population = tmp_path / "population.jsonl"
    population.write_text(
        "\n".join(json.dumps(p, ensure_ascii=False) for p in POPULATION) + "\n", "utf-8"
    )
    return rules, population


def score(files: tuple[Path, Path], *extra: str) -> list[str]:
    rules, population = files
    return ["score", "--ruleset", str(rules), "--as-of", AS_OF, *extra, str(population)]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    out = capsys.readouterr()
    return status, out.out, out.err


# --- CSV ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en", None])
def test_csv_file_is_utf8_with_a_bom_crlf_and_headers_in_the_language(
    lang: str | None, files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.csv"
    extra = ["--format", "csv", "--output", str(target)] + (["--lang", lang] if lang else [])
    status, out, _ = run(score(files, *extra), capsys)
    assert (status, out) == (0, "")
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header = data[3:].split(b"\r\n", 1)[0].decode("utf-8")
    if lang == "en":
        assert header == ",".join(CSV_COLUMNS)
    else:  # Chinese by default
        assert header.startswith("统一社会信用代码,企业名称,评价日,记分标准,记分标准版本,加分合计,")
        assert header == ",".join(csv_headers("zh"))
    # Every line ends CRLF; the only bare LFs are inside the quoted name (in four rows).
    assert data.count(b"\n") == data.count(b"\r\n") + 4


def test_csv_quotes_chinese_commas_quotes_and_line_ends_as_excel_reads_them(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.csv"
    assert (
        run(score(files, "--format", "csv", "--lang", "en", "--output", str(target)), capsys)[0]
        == 0
    )
    text = target.read_bytes().decode("utf-8")
    # RFC 4180 (what Excel writes and reads): the field in quotes, its quotes doubled.
    assert '"中山""测试"",监理\n有限公司"' in text
    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["name"] for r in rows] == [AWKWARD] * 4 + ["=SUM(A1:A9)"]
    first = rows[0]
    # Values stay exact and are the same whatever the header language.
    assert (first["uscc"], first["total"], first["outcome"], first["awarded"]) == (
        CODES[0],
        "42.5",
        "expired",
        "20",
    )
    assert (first["effective_from"], first["valid_until"]) == ("2024-01-10", "2025-01-10")
    assert rows[3]["awarded"] == "12.5"
    assert rows[4]["record_id"] == ""  # the enterprise without records: one row


def test_csv_values_do_not_depend_on_the_language(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, zh, _ = run(score(files, "--format", "csv"), capsys)
    _, en, _ = run(score(files, "--format", "csv", "--lang", "en"), capsys)
    assert zh.startswith("\ufeff")
    assert en.startswith("\ufeff")
    assert zh.split("\r\n", 1)[1] == en.split("\r\n", 1)[1]


def test_csv_on_standard_output_is_utf8_whatever_the_locale(files: tuple[Path, Path]) -> None:
    # A GBK console would otherwise get GBK bytes behind a byte-order mark that says UTF-8.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONIOENCODING"] = "gbk"
    done = subprocess.run(
        [sys.executable, "-m", "zs_quality", *score(files, "--format", "csv")],
        env=env,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"\xef\xbb\xbf\xe7\xbb\x9f")  # BOM, then 统 in UTF-8
    assert AWKWARD.encode("utf-8") in done.stdout.replace(b'""', b'"')


def test_lang_is_refused_for_the_machine_formats(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt in ("json", "jsonl"):
        status, out, err = run(score(files, "--format", fmt, "--lang", "zh"), capsys)
        assert (status, out) == (2, "")
        assert f"--lang applies to csv, table and xlsx; {fmt} keeps its English keys" in err


def test_output_over_the_input_is_refused(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(score(files, "--format", "csv", "--output", str(files[1])), capsys)
    assert status == 2
    assert f"--output {files[1]} is the input file" in err


def test_output_and_errors_in_one_file_are_refused(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    both = str(tmp_path / "out")
    status, _, err = run(
        score(files, "--format", "csv", "--output", both, "--errors", both), capsys
    )
    assert status == 2
    assert f"--output and --errors are both {both}; choose two files" in err
    assert not Path(both).exists()


# --- Table --------------------------------------------------------------------------------------


def test_table_names_the_enterprise_and_says_what_does_not_count(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(score(files, "--format", "table"), capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith(f'企业 {CODES[0]}  中山"测试",监理\\n有限公司  评价日 {AS_OF}')
    rows = {line.split()[0]: line for line in lines[3:8]}
    # The points a record earned stay beside it; the words say whether they count.
    assert re.match(r"r1 +N +已过有效期，不计入 +20 +2025-01-10 ", rows["r1"])
    assert re.match(r"r2 +A +计分 +30 ", rows["r2"])
    assert re.match(r"r3 +A +尚未生效，不计入 +30 ", rows["r3"])
    assert re.match(r"r4 +G +计分 +12.5 ", rows["r4"])
    assert re.match(r"加分合计 +42.5 +只计结果为“计分”的记录$", rows["加分合计"])
    # The enterprise without records: its name, and its total row.
    assert f"企业 {CODES[1]}  =SUM(A1:A9)  评价日" in out
    assert re.search(r"^加分合计 +0 +只计结果为“计分”的记录$", out, re.MULTILINE)


def test_table_in_english(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(score(files, "--format", "table", "--lang", "en"), capsys)
    assert status == 0
    assert out.splitlines()[1].split() == [
        "record",
        "item",
        "outcome",
        "points",
        "valid",
        "until",
        "reason",
    ]
    assert re.search(r"^r1 +N +expired, not counted +20 +2025-01-10 +N earns 20", out, re.MULTILINE)
    assert re.search(r"^r3 +A +not yet effective, not counted +30 ", out, re.MULTILINE)
    assert re.search(r"^total +42.5 +only the records with outcome counted$", out, re.MULTILINE)


# --- xlsx ---------------------------------------------------------------------------------------


def width(sheet: Any, column: int) -> float:
    """The width of a column (1-based); XlsxWriter states neighbours of one width together."""
    (dimension,) = (
        d for d in sheet.column_dimensions.values() if d.min <= column <= d.max and d.customWidth
    )
    return float(dimension.width)


def values(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    book = openpyxl.load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def test_xlsx_needs_an_output_file(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(score(files, "--format", "xlsx"), capsys)
    assert (status, out) == (2, "")
    assert "--format xlsx writes a workbook: name its file with --output FILE" in err


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_xlsx_has_sheets_of_enterprises_and_records_with_exact_values(
    lang: str, files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.xlsx"
    status, out, _ = run(
        score(files, "--format", "xlsx", "--lang", lang, "--output", str(target)), capsys
    )
    assert (status, out) == (0, "")
    book = openpyxl.load_workbook(target)
    enterprises_name, records_name = SHEETS[lang]  # type: ignore[index]
    assert book.sheetnames == [enterprises_name, records_name]
    for sheet, columns in zip(book.worksheets, (ENTERPRISE_COLUMNS, RECORD_COLUMNS), strict=True):
        # The header row and the code and name columns are frozen; widths are set; a filter.
        assert sheet.freeze_panes == "C2"
        for index, column in enumerate(columns, start=1):
            assert width(sheet, index) >= WIDTHS.get(column, 14)
        assert (
            sheet.auto_filter.ref
            == f"A1:{openpyxl.utils.get_column_letter(len(columns))}{sheet.max_row}"
        )
        assert all(cell.font.b for cell in sheet[1])
    enterprises = list(book.worksheets[0].iter_rows(values_only=True))
    records = list(book.worksheets[1].iter_rows(values_only=True))
    zh = lang == "zh"
    assert enterprises[0][:8] == (
        (
            "统一社会信用代码",
            "企业名称",
            "镇街",
            "企业类别",
            "评价日",
            "记分标准",
            "加分合计",
            "记录数",
        )
        if zh
        else ENTERPRISE_COLUMNS[:8]
    )
    assert enterprises[0][8:] == tuple(o.label if zh else o.value for o in Outcome)
    counts = dict(zip(enterprises[0][8:], enterprises[1][8:], strict=True))
    assert enterprises[1][:8] == (
        CODES[0],
        AWKWARD,
        "小榄镇",
        "监理企业" if zh else "supervision",
        datetime.datetime(2025, 6, 30),
        "test-rules@1",
        42.5,
        4,
    )
    label = {o: (o.label if zh else o.value) for o in Outcome}
    assert counts[label[Outcome.COUNTED]] == 2
    assert counts[label[Outcome.EXPIRED]] == counts[label[Outcome.NOT_YET_EFFECTIVE]] == 1
    assert sum(counts.values()) == 4
    # The enterprise without records; a formula-like name is text, not a formula.
    assert enterprises[2][:2] == (CODES[1], "=SUM(A1:A9)")
    assert enterprises[2][3:] == (
        "监理企业" if zh else "supervision",
        datetime.datetime(2025, 6, 30),
        "test-rules@1",
        0,
        0,
        *[0] * 10,
    )
    assert enterprises[2][2] is None  # no town given
    assert len(records) == 1 + len(RECORDS)
    expired = records[1]
    assert expired[:10] == (
        CODES[0],
        AWKWARD,
        "r1",
        "N",
        "已过有效期，不计入" if zh else "expired, not counted",
        20,
        0,  # counted points: the column sums to the total
        datetime.datetime(2024, 1, 10),
        datetime.datetime(2025, 1, 10),
        datetime.datetime(2025, 1, 10),  # the filing deadline: a year from the document
    )
    assert expired[10:12] == ("test-rules@1", "validity")
    assert expired[12].startswith("N「无封顶」得20分" if zh else "N earns 20 points")
    assert sum(r[6] for r in records[1:]) == enterprises[1][6] == 42.5


def test_xlsx_points_are_stored_with_their_own_digits(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.xlsx"
    assert run(score(files, "--format", "xlsx", "--output", str(target)), capsys)[0] == 0
    with zipfile.ZipFile(target) as archive:
        enterprises = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        records = archive.read("xl/worksheets/sheet2.xml").decode("utf-8")
    # The total and the grade's points as the decimals they are, with a date style on dates.
    assert '<c r="G2"><v>42.5</v></c>' in enterprises
    assert '<c r="F5"><v>12.5</v></c>' in records
    assert re.search(r'<c r="H2" s="\d+"><v>45301</v></c>', records)  # 2024-01-10
    # Text is text: no formula anywhere.
    assert "<f>" not in enterprises + records


def test_xlsx_writes_numbers_excel_can_hold_as_numbers_and_longer_ones_as_text(
    tmp_path: Path,
) -> None:
    target = tmp_path / "numbers.xlsx"
    writer = WorkbookWriter(str(target), "en")
    fifteen, sixteen = Decimal("12345678.1234567"), Decimal("123456789.1234567")
    writer.write(
        (
            ["code", "name", None, None, datetime.date(9999, 12, 31), "r", fifteen, sixteen],
            [],
        )
    )
    writer.close()
    row = values(target)["enterprises"][1]
    assert row[6] == float(fifteen)
    assert row[7] == "123456789.1234567"  # 16 significant digits: Excel would round it
    assert row[4] == datetime.datetime(9999, 12, 31)  # the long-term date is Excel's last day
    with zipfile.ZipFile(target) as archive:
        assert "<v>12345678.1234567</v>" in archive.read("xl/worksheets/sheet1.xml").decode()


def test_a_text_longer_than_a_cell_holds_is_cut_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "long.xlsx"
    writer = WorkbookWriter(str(target), "zh")
    writer.write((["code", "名" * EXCEL_CHARS], [["code", "名" * (EXCEL_CHARS + 1)]]))
    writer.close()
    err = capsys.readouterr().err
    assert err == (
        f"zs-quality: warning: 1 cell(s) longer than Excel's 32,767 characters cut in {target} "
        "(first 记录!B2); --format csv or jsonl keep the whole text\n"
    )
    sheets = values(target)
    assert len(sheets["企业"][1][1]) == len(sheets["记录"][1][1]) == EXCEL_CHARS


def test_xlsx_with_jobs_is_the_same_workbook(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = tmp_path / "one.xlsx", tmp_path / "two.xlsx"
    assert run(score(files, "--format", "xlsx", "--output", str(one)), capsys)[0] == 0
    assert (
        run(score(files, "--jobs", "2", "--format", "xlsx", "--output", str(two)), capsys)[0] == 0
    )
    assert values(one) == values(two)


def test_xlsx_keeps_the_scored_and_reports_the_rejected(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    population = files[1]
    with population.open("a", encoding="utf-8") as stream:
        stream.write('{"enterprise": {"uscc": "1"}, "records": []}\n')
    target = tmp_path / "out.xlsx"
    status, _, err = run(score(files, "--format", "xlsx", "--output", str(target)), capsys)
    assert status == 1
    assert "zs-quality: read 3, scored 2, rejected 1" in err
    assert [len(rows) for rows in values(target).values()] == [3, 1 + len(RECORDS)]


@pytest.mark.parametrize(
    ("target", "message"),
    [("/dev/full", "No space left on device"), ("no/such/folder/out.xlsx", "No such file")],
)
def test_an_xlsx_that_cannot_be_written_is_status_3(
    target: str, message: str, files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    if target == "/dev/full" and not Path(target).exists():
        pytest.skip("no /dev/full here")
    status, _, err = run(score(files, "--format", "xlsx", "--output", target), capsys)
    assert status == 3
    assert f"zs-quality: error: cannot write --output file {target}: {message}" in err
    assert "Traceback" not in err


def test_csv_and_table_to_an_output_file(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt in ("table", "json"):
        target = tmp_path / f"out.{fmt}"
        status, out, _ = run(score(files, "--format", fmt, "--output", str(target)), capsys)
        assert (status, out) == (0, "")
        _, expected, _ = run(score(files, "--format", fmt), capsys)
        assert target.read_text("utf-8") == expected


def test_the_workbook_is_written_in_constant_memory_mode(tmp_path: Path) -> None:
    # Rows of both sheets go to temporary files as they are written (XlsxWriter's
    # constant_memory), so a population of any size takes the same memory.
    writer = WorkbookWriter(str(tmp_path / "w.xlsx"), "zh")
    assert writer.book.constant_memory
    assert all(sheet.constant_memory for sheet in writer.book.worksheets())
    writer.close()
