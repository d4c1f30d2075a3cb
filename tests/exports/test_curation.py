"""The curation loop: decisions survive reruns and refits; spreadsheet round-trip; bad files store nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from kennismaker.exports.candidates import open_candidates
from kennismaker.exports.curation import import_decisions, read_decisions
from kennismaker.exports.publish import write_exports
from kennismaker.pipelines.app import app
from kennismaker.errors import CurationFileError
from kennismaker.store import open_store
from tests.exports.conftest import fill_store

pytestmark = pytest.mark.filterwarnings("ignore:demo mode")


def cid(prefix: str, message_id: str) -> str:
    return f"{prefix}-{hashlib.sha1(message_id.encode()).hexdigest()[:12]}"


FAQ, UQ2, UQ3, UQ4, TK1 = cid("faq", "q1"), cid("uq", "q2"), cid("uq", "q3"), cid("uq", "q4"), cid("tk", "a1")


def write_csv(path: Path, rows: list[dict]) -> Path:
    cols = sorted({k for r in rows for k in r})
    pacsv.write_csv(pa.Table.from_pylist(rows, schema=pa.schema([(c, pa.string()) for c in cols])), path)
    return path


def published(cfg, name: str) -> list[dict]:
    return pq.read_table(cfg.output_dir / "run_date=2024-04-01" / f"{name}.parquet").to_pylist()


def test_decisions_survive_reruns_and_topic_refits(store, tmp_path):
    con, cfg = store
    import_decisions(con, write_csv(tmp_path / "d.csv", [
        {"candidate_id": FAQ, "decision": "reject", "note": "te algemeen", "editor": "redactie"},
        {"candidate_id": UQ2, "decision": "done", "note": "doorgestuurd", "editor": "redactie"},
        {"candidate_id": UQ3, "decision": "merge_into", "merge_into": UQ4, "editor": "redactie"},
        {"candidate_id": TK1, "decision": "accept", "editor": "redactie"},
    ]))
    for _ in range(2):
        write_exports(con, cfg)
        assert published(cfg, "faq_candidates") == []
        uq = {r["candidate_id"]: r for r in published(cfg, "unanswered_questions")}
        assert set(uq) == {UQ4} and uq[UQ4]["merged_from"] == [UQ3]
        assert [(r["candidate_id"], r["curation_status"]) for r in published(cfg, "tacit_knowledge_candidates")] == [(TK1, "accepted")]
        con.execute("UPDATE thread_topics SET topic_id = topic_id + 10")  # a refit renumbers topics
        con.execute("INSERT OR REPLACE INTO topics SELECT topic_id + 10, label || '_v2', terms, size, first_seen, last_seen, 'v2' FROM topics")


def test_spreadsheet_round_trip_through_the_cli(export_config, tmp_path):
    cfg = export_config()
    with open_store(cfg.database) as con:
        fill_store(con, cfg)
    runner, opts = CliRunner(), ["--db", str(cfg.database)]
    sheet = tmp_path / "sheet.csv"
    cfg_file = tmp_path / "c.yaml"
    cfg_file.write_text(
        "demo_mode: true\nprivacy:\n  person_level_output: true\n  opt_out: ['slack:U9']\n"
        "exports:\n  as_of: '2024-04-01T00:00:00Z'\n"
    )
    result = runner.invoke(app, ["curate", "export", str(sheet), *opts, "-c", str(cfg_file)])
    assert result.exit_code == 0, result.output
    table = pacsv.read_csv(sheet).to_pylist()
    assert {r["kind"] for r in table} == {"faq", "tacit_knowledge", "unanswered_question"}
    for row in table:  # the editor's work in the spreadsheet
        row["decision"] = {FAQ: "accept", UQ2: "reject"}.get(row["candidate_id"])
        row["editor"] = "els"
    write_csv(sheet, table)
    result = runner.invoke(app, ["curate", "import", str(sheet), *opts, "-c", str(cfg_file)])
    assert result.exit_code == 0 and "stored 2 decisions" in result.output, result.output
    with open_store(cfg.database) as con:
        after = {r["candidate_id"]: r for r in open_candidates(con, cfg).to_pylist()}
    assert UQ2 not in after and after[FAQ]["decision"] == "accept" and after[FAQ]["curation_status"] == "accepted"
    assert len(after) == len(table) - 1


@pytest.mark.parametrize("rows, message", [
    ([{"candidate_id": FAQ, "note": "x"}], "lacks the column"),
    ([{"candidate_id": FAQ, "decision": "accept"}, {"candidate_id": UQ2, "decision": "maybe"}], "unknown decision 'maybe'"),
    ([{"candidate_id": UQ2, "decision": "merge_into"}], "merge_into needs the target"),
    ([{"candidate_id": UQ2, "decision": "done"}, {"candidate_id": UQ2, "decision": "accept"}], "appears twice"),
    ([{"candidate_id": "", "decision": "done"}], "no candidate_id"),
])
def test_bad_curation_files_store_nothing(store, tmp_path, rows, message):
    con, cfg = store
    with pytest.raises(CurationFileError, match=message):
        import_decisions(con, write_csv(tmp_path / "bad.csv", rows))
    assert con.execute("SELECT count(*) FROM curation").fetchall() == [(0,)]


def test_bad_file_gives_one_sentence_and_exit_status_2(export_config, tmp_path):
    cfg = export_config()
    bad = write_csv(tmp_path / "bad.csv", [{"candidate_id": FAQ, "decision": "approve"}])
    result = CliRunner().invoke(app, ["curate", "import", str(bad), "--db", str(cfg.database)])
    assert result.exit_code == 2 and "unknown decision 'approve'" in result.output


def test_parquet_files_and_merge_shorthand_are_accepted(tmp_path):
    path = tmp_path / "d.parquet"
    pq.write_table(pa.table({"candidate_id": [UQ3, UQ2], "decision": [f"merge_into:{UQ4}", None]}), path)
    rows = read_decisions(path).to_pylist()
    assert [(r["candidate_id"], r["decision"], r["merge_into"]) for r in rows] == [(UQ3, "merge_into", UQ4)]
