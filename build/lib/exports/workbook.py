"""The editor's workbook: the open candidates as an Excel file (openpyxl) and back.

``write_workbook(table, path)`` writes the table of ``exports.candidates.open_candidates`` with
one sheet per kind of candidate, a frozen header row, set column widths and a drop-down of the
accepted decisions (``CURATION_DECISIONS``) on the decision column. ``read_workbook(path)``
reads every sheet back into one table of the same columns, for ``exports.curation``.

Spreadsheet formula injection: a text cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab
or carriage return) gets a leading apostrophe and is stored as text, so no formula runs when an
editor opens the file; ``read_workbook`` removes that apostrophe again.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kennismaker.errors import CurationFileError
from kennismaker.schema import CURATION_DECISIONS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEETS = {"faq": "faq", "tacit_knowledge": "tacit_knowledge", "unanswered_question": "unanswered_questions"}
WIDTHS = {"candidate_id": 20, "decision": 13, "merge_into": 20, "note": 30, "editor": 14, "kind": 18,
          "curation_status": 14, "topic_label": 30, "summary": 80}
MAX_ROWS = 1_048_575  # Excel's row limit, less the header


def neutralised(value: object) -> object:
    """A text that cannot start a formula: a leading apostrophe before ``= + - @``, tab or CR."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restored(value: object) -> object:
    """The text ``neutralised`` started from."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _sheet(book: Workbook, title: str, columns: list[str], rows: list[dict]) -> None:
    ws = book.create_sheet(title)
    ws.append(columns)
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDE7F3")
    for row in rows:
        ws.append([neutralised(row[c]) for c in columns])
    for cell in (c for r in ws.iter_rows(min_row=2) for c in r):
        if isinstance(cell.value, str):
            cell.data_type = "s"  # a string cell, never a formula
    for i, name in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS.get(name, 16)
    summary = columns.index("summary") + 1
    for cell in (r[summary - 1] for r in ws.iter_rows(min_row=2)):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B2"
    col = get_column_letter(columns.index("decision") + 1)
    rule = DataValidation(type="list", formula1='"' + ",".join(CURATION_DECISIONS) + '"', allow_blank=True,
                          showErrorMessage=True, errorTitle="decision",
                          error=f"Choose one of: {', '.join(CURATION_DECISIONS)} (or leave empty).")
    ws.add_data_validation(rule)
    rule.add(f"{col}2:{col}{MAX_ROWS + 1}")
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(ws.max_row, 1)}"


def write_workbook(table: pa.Table, path: Path) -> Path:
    """Write the candidates as an Excel workbook, one sheet per kind (empty kinds get an empty sheet)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    book.remove(book.active)
    rows = table.to_pylist()
    for kind, title in SHEETS.items():
        _sheet(book, title, table.column_names, [r for r in rows if r["kind"] == kind])
    book.save(path)
    return path


def read_workbook(path: Path) -> pa.Table:
    """Every sheet's rows as one string table (columns from each sheet's header row)."""
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several kinds for a file that is not a workbook
        raise CurationFileError(f"{path} is not a readable Excel workbook ({type(exc).__name__}); save it as .xlsx and try again.") from None
    rows: list[dict] = []
    columns: list[str] = []
    for ws in book.worksheets:
        values = ws.iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(values, [])]
        columns += [h for h in header if h and h not in columns]
        for row in values:
            record = {h: (None if v is None else str(restored(v))) for h, v in zip(header, row) if h}
            if any(v is not None for v in record.values()):
                rows.append(record)
    book.close()
    return pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows],
                                schema=pa.schema([(c, pa.string()) for c in columns]))
