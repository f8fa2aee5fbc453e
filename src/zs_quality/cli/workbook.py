"""``--format xlsx``: integrity results as an Excel workbook, written as they are scored.

Written with XlsxWriter in its ``constant_memory`` mode: each row goes to a temporary file as soon
as the next one starts, so a population of any size takes the same memory. (openpyxl, compared,
also reads workbooks, which this never needs; its write-only mode streams too; the tests use it
to read the workbook back.) Two sheets: the enterprises (one row each, with counts by outcome) and the records
(every record's result and reason), each with its header row and the code and name columns
frozen, column widths set and a filter on the header.

Cells keep the values exact: points are numbers whose stored digits are the result's decimal
(no binary float on the way) when Excel can hold them (at most 15 significant digits, Excel's
precision), else text; dates are real dates shown as YYYY-MM-DD (9999-12-31, Excel's last day,
is the long-term date 长期有效); every other value is text, never a formula. A text longer than a
cell holds (32,767 characters) is cut, and the command says so on standard error.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Sequence
from decimal import Decimal
from typing import IO, Any

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.utility import xl_rowcol_to_cell

from zs_quality.cli.clerk import (
    ENTERPRISE_COLUMNS,
    RECORD_COLUMNS,
    Cell,
    Lang,
    headers,
)
from zs_quality.cli.streams import Fault, cannot_write

__all__ = ["EXCEL_CHARS", "EXCEL_DIGITS", "SHEETS", "WIDTHS", "WorkbookWriter"]

EXCEL_DIGITS = 15
"""The significant digits Excel keeps of a number; points with more are written as text."""

EXCEL_CHARS = 32_767
"""The most characters an Excel cell holds; a longer text is cut, and the command says so."""

_CUT = -2  # what XlsxWriter's write_string returns for a text it had to cut

SHEETS: dict[Lang, tuple[str, str]] = {"zh": ("企业", "记录"), "en": ("enterprises", "records")}
"""The names of the sheets of enterprises and of records, by language."""

# Column widths in Excel's units (one Latin character; a Chinese character takes two), wide
# enough for the usual value: a code is 18 characters, a date 10, a ruleset reference about 45.
WIDTHS = {
    "uscc": 21,
    "name": 36,
    "town": 12,
    "category": 20,
    "as_of": 12,
    "ruleset": 46,
    "total": 10,
    "records": 8,
    "record_id": 16,
    "item": 14,
    "outcome": 20,
    "awarded": 8,
    "counted_points": 10,
    "effective_from": 12,
    "valid_until": 12,
    "filing_deadline": 12,
    "rule": 18,
    "reason": 90,
}
_OUTCOME_WIDTH = 14
_FROZEN = (1, 2)  # the header row, and the code and name columns

# Text stays text: no formulas (a name starting with "=" is a name), numbers or links guessed.
_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


def _fits_excel(value: Decimal) -> bool:
    return len(value.as_tuple().digits) <= EXCEL_DIGITS


class _Sheet:
    """One sheet written row after row."""

    def __init__(self, book: Any, name: str, columns: Sequence[str], lang: Lang) -> None:
        self.name = name
        self.sheet = book.add_worksheet(name)
        self.columns = len(columns)
        self.row = 0
        self.cut: list[str] = []  # the cells whose text was longer than EXCEL_CHARS
        for index, column in enumerate(columns):
            self.sheet.set_column(index, index, WIDTHS.get(column, _OUTCOME_WIDTH))
        self.sheet.freeze_panes(*_FROZEN)
        self.header = book.add_format({"bold": True})
        self.date = book.add_format({"num_format": "yyyy-mm-dd"})
        self.sheet.write_row(0, 0, headers(tuple(columns), lang), self.header)

    def append(self, cells: Sequence[Cell]) -> None:
        self.row += 1
        for col, value in enumerate(cells):
            self._cell(col, value)

    def _cell(self, col: int, value: Cell) -> None:
        if value is None:
            return
        if isinstance(value, str):
            if self.sheet.write_string(self.row, col, value) == _CUT:
                self.cut.append(f"{self.name}!{xl_rowcol_to_cell(self.row, col)}")
        elif isinstance(value, datetime.date):
            self.sheet.write_datetime(self.row, col, value, self.date)
        elif isinstance(value, Decimal) and not _fits_excel(value):
            self.sheet.write_string(self.row, col, str(value))
        else:
            # A Decimal goes in as it is: XlsxWriter writes its digits ("%.16G" of a Decimal is
            # exact), so no binary float rounds it.
            self.sheet.write_number(self.row, col, value)

    def finish(self) -> None:
        self.sheet.autofilter(0, 0, self.row, self.columns - 1)


class _Target:
    """The workbook's file as XlsxWriter's zip writer uses it. The first failure to write (a full
    disk) is kept, to be reported once the writer is done, and what follows is dropped: raised
    inside the zip writer, it would leave a half-closed archive behind to fail again later."""

    def __init__(self, file: IO[bytes]) -> None:
        self.file = file
        self.error: OSError | None = None

    def _failed(self, exc: OSError) -> None:
        if self.error is None:
            self.error = exc

    def write(self, data: bytes) -> int:
        if self.error is None:
            try:
                return self.file.write(data)
            except OSError as exc:
                self._failed(exc)
        return len(data)

    def tell(self) -> int:
        try:
            return self.file.tell()
        except OSError as exc:
            self._failed(exc)
            return 0

    def seek(self, offset: int, whence: int = 0) -> int:
        if self.error is None:
            try:
                return self.file.seek(offset, whence)
            except OSError as exc:
                self._failed(exc)
        return offset

    def seekable(self) -> bool:
        return self.file.seekable()

    def flush(self) -> None:
        if self.error is None:
            try:
                self.file.flush()
            except OSError as exc:
                self._failed(exc)

    def close(self) -> None:
        try:
            self.file.close()
        except OSError as exc:
            self._failed(exc)


class WorkbookWriter:
    """Writes rendered results (:func:`~zs_quality.cli.clerk.workbook_rows`) to a workbook at
    ``path``, opened at once so that an unwritable path fails before any scoring."""

    out = None  # no text stream: nothing to watch for a closed pipe

    def __init__(self, path: str, lang: Lang) -> None:
        self.path = path
        try:
            self.target = _Target(open(path, "wb"))  # noqa: SIM115
        except OSError as exc:
            raise self._fault(exc) from None
        self.book = xlsxwriter.Workbook(self.target, _OPTIONS)
        enterprises, records = SHEETS[lang]
        self.enterprises = _Sheet(self.book, enterprises, ENTERPRISE_COLUMNS, lang)
        self.records = _Sheet(self.book, records, RECORD_COLUMNS, lang)

    def _fault(self, exc: BaseException) -> Fault:
        if isinstance(exc, XlsxWriterException) and exc.args and isinstance(exc.args[0], OSError):
            exc = exc.args[0]  # XlsxWriter wraps the OSError of its temporary files
        return cannot_write(f"--output file {self.path}", exc)

    def write(self, rendered: tuple[Sequence[Cell], Sequence[Sequence[Cell]]]) -> None:
        """Write one result: its row of enterprises and its rows of records."""
        enterprise, records = rendered
        try:
            self.enterprises.append(enterprise)
            for record in records:
                self.records.append(record)
        except OSError as exc:  # the temporary files of constant_memory mode
            raise self._fault(exc) from None

    def flush(self) -> None:
        """Nothing to flush: rows go to their sheet's temporary file as they are written."""

    def close(self) -> None:
        """Finish the sheets and write the workbook (the file is complete only then)."""
        try:
            self.enterprises.finish()
            self.records.finish()
            self.book.close()
        except (OSError, XlsxWriterException) as exc:
            raise self._fault(exc) from None
        finally:
            self.target.close()
        if self.target.error is not None:
            raise self._fault(self.target.error)
        cut = self.enterprises.cut + self.records.cut
        if cut:
            print(
                f"zs-quality: warning: {len(cut)} cell(s) longer than Excel's {EXCEL_CHARS:,} "
                f"characters cut in {self.path} (first {cut[0]}); --format csv or jsonl keep "
                "the whole text",
                file=sys.stderr,
            )
