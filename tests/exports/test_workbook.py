"""The editor's workbook: sheets, drop-down, frozen header, no formulas; round-trip through curate import."""

from __future__ import annotations

import hashlib
import zipfile

import pyarrow as pa
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from kennismaker.exports.candidates import CANDIDATES_SCHEMA, open_candidates
from kennismaker.exports.curation import import_decisions, read_decisions
from kennismaker.exports.tacit import tacit_knowledge_candidates
from kennismaker.exports.unanswered import unanswered_questions
from kennismaker.exports.workbook import neutralised, read_workbook, restored, write_workbook
from kennismaker.pipelines.app import app
from kennismaker.errors import CurationFileError
from kennismaker.schema import CURATION_DECISIONS

pytestmark = pytest.mark.filterwarnings("ignore:demo mode")


def cid(prefix: str, message_id: str) -> str:
    return f"{prefix}-{hashlib.sha1(message_id.encode()).hexdigest()[:12]}"


def test_workbook_layout(store, tmp_path):
    con, cfg = store
    path = write_workbook(open_candidates(con, cfg), tmp_path / "editor.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["faq", "tacit_knowledge", "unanswered_questions"]
    ws = book["unanswered_questions"]
    header = [c.value for c in ws[1]]
    assert header == CANDIDATES_SCHEMA.names and ws.freeze_panes == "B2"
    assert ws.max_row == 1 + 3  # q2, q4, q6
    assert ws.column_dimensions["I"].width == 80 and ws.column_dimensions["A"].width == 20
    rules = ws.data_validations.dataValidation
    assert len(rules) == 1 and rules[0].type == "list"
    assert rules[0].formula1 == '"' + ",".join(CURATION_DECISIONS) + '"' and str(rules[0].sqref).startswith("B2:B")


def test_cells_that_would_start_a_formula_are_neutralised(tmp_path):
    payloads = ["=HYPERLINK(\"http://evil.example\",\"klik\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "gewoon tekst"]
    rows = [{"candidate_id": f"uq-{i}", "decision": None, "merge_into": None, "note": None, "editor": None,
             "kind": "unanswered_question", "curation_status": "open", "topic_label": p, "summary": p} for i, p in enumerate(payloads)]
    path = write_workbook(pa.Table.from_pylist(rows, schema=CANDIDATES_SCHEMA), tmp_path / "w.xlsx")
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet3.xml").decode()
    assert "<f>" not in sheet  # no formula cell at all
    cells = [r[8] for r in load_workbook(path)["unanswered_questions"].iter_rows(min_row=2, values_only=True)]
    assert cells[:5] == ["'" + p for p in payloads[:5]] and cells[5] == "gewoon tekst"
    back = read_workbook(path).column("summary").to_pylist()
    assert back == payloads
    assert restored(neutralised("=1")) == "=1" and neutralised("'=1") == "'=1"


def test_round_trip_decisions_stick(store, tmp_path):
    con, cfg = store
    path = write_workbook(open_candidates(con, cfg), tmp_path / "editor.xlsx")
    book = load_workbook(path)
    uq = book["unanswered_questions"]
    decided = {}
    for row in uq.iter_rows(min_row=2):
        if row[0].value == cid("uq", "q2"):
            row[1].value, row[3].value, row[4].value = "reject", "geen vraag", "redactie"
            decided["q2"] = row[0].value
    tk = book["tacit_knowledge"]
    for row in tk.iter_rows(min_row=2):
        if row[0].value == cid("tk", "a1"):
            row[1].value = "accept"
    book.save(path)
    assert import_decisions(con, path) == 2
    note = con.execute("SELECT note, editor FROM curation WHERE candidate_id = ?", [decided["q2"]]).fetchone()
    assert note == ("geen vraag", "redactie")
    # rerun: the rejected question is gone, the accepted answer is marked
    assert cid("uq", "q2") not in unanswered_questions(con, cfg).column("candidate_id").to_pylist()
    tacit = {r["candidate_id"]: r["curation_status"] for r in tacit_knowledge_candidates(con, cfg).to_pylist()}
    assert tacit[cid("tk", "a1")] == "accepted"
    # and the next workbook carries the stored decision
    again = load_workbook(write_workbook(open_candidates(con, cfg), tmp_path / "again.xlsx"))
    assert [r[1] for r in again["tacit_knowledge"].iter_rows(min_row=2, values_only=True) if r[0] == cid("tk", "a1")] == ["accept"]


def test_an_unknown_decision_in_the_workbook_stores_nothing(store, tmp_path):
    con, cfg = store
    path = write_workbook(open_candidates(con, cfg), tmp_path / "editor.xlsx")
    book = load_workbook(path)
    book["unanswered_questions"]["B2"] = "misschien"
    book.save(path)
    with pytest.raises(CurationFileError, match="unknown decision 'misschien'"):
        read_decisions(path)
    assert con.execute("SELECT count(*) FROM curation").fetchone()[0] == 0


def test_a_file_that_is_not_a_workbook(tmp_path):
    bad = tmp_path / "kapot.xlsx"
    bad.write_text("geen excel")
    with pytest.raises(CurationFileError, match="not a readable Excel workbook"):
        read_decisions(bad)


def test_cli_writes_the_workbook(store, tmp_path):
    con, cfg = store
    con.close()
    config = tmp_path / "cfg.yaml"
    config.write_text(f"demo_mode: true\ndatabase: {cfg.database}\noutput_dir: {cfg.output_dir}\nexports:\n  as_of: 2024-04-01T00:00:00Z\n")
    target = tmp_path / "editor.xlsx"
    result = CliRunner().invoke(app, ["curate", "export", "--xlsx", str(target), "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert load_workbook(target).sheetnames == ["faq", "tacit_knowledge", "unanswered_questions"]
    result = CliRunner().invoke(app, ["curate", "import", str(target), "--config", str(config)])
    assert result.exit_code == 0 and "stored 0 decisions" in result.output
    positional = tmp_path / "ook.xlsx"
    assert CliRunner().invoke(app, ["curate", "export", str(positional), "--config", str(config)]).exit_code == 0
    assert load_workbook(positional).sheetnames == ["faq", "tacit_knowledge", "unanswered_questions"]
    both = CliRunner().invoke(app, ["curate", "export", str(positional), "--xlsx", str(target), "--config", str(config)])
    assert both.exit_code == 2 and "not both" in both.output
