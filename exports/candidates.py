"""``open_candidates(con, cfg)``: every candidate an editor can still decide on, in the curation-file shape.

``kennismaker curate export`` writes this table as CSV or Parquet; an editor fills in
``decision`` (accept / reject / merge_into / done), ``merge_into``, ``note`` and ``editor``;
``kennismaker curate import`` reads it back (the context columns are ignored on import).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from kennismaker.exports.faq import faq_candidates
from kennismaker.exports.tacit import tacit_knowledge_candidates
from kennismaker.exports.unanswered import unanswered_questions
from kennismaker.schema import CURATION

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it

SUMMARY_CHARS = 300
CANDIDATES_SCHEMA = pa.schema(
    [
        ("candidate_id", pa.string()),
        ("decision", pa.string()),
        ("merge_into", pa.string()),
        ("note", pa.string()),
        ("editor", pa.string()),
        ("kind", pa.string()),
        ("curation_status", pa.string()),
        ("topic_label", pa.string()),
        ("summary", pa.string()),
    ]
)
KINDS = (
    ("faq", faq_candidates, "representative_text"),
    ("tacit_knowledge", tacit_knowledge_candidates, "text"),
    ("unanswered_question", unanswered_questions, "text"),
)


def _summary(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "\u2026"


def _stored(con: duckdb.DuckDBPyConnection) -> dict[str, tuple]:
    rows = con.execute(f"SELECT candidate_id, decision, note, editor FROM {CURATION.name}").fetchall()
    return {cid: (decision, note, editor) for cid, decision, note, editor in rows}


def open_candidates(con: duckdb.DuckDBPyConnection, cfg: Config) -> pa.Table:
    """Open and accepted candidates of every kind (accepted ones carry their stored decision), sorted by kind then rank."""
    stored = _stored(con)
    rows = []
    for kind, export, text_col in KINDS:
        table = export(con, cfg)
        for cid, status, topic, text in zip(*(table.column(c).to_pylist() for c in ("candidate_id", "curation_status", "topic_label", text_col))):
            decision, note, editor = stored.get(cid, (None, None, None))
            rows.append({"candidate_id": cid, "decision": decision, "note": note, "editor": editor, "kind": kind,
                         "curation_status": status, "topic_label": topic, "summary": _summary(text)})
    return pa.Table.from_pylist(rows, schema=CANDIDATES_SCHEMA)


def write_candidates(table: pa.Table, path: Path) -> Path:
    """Write the candidates as Parquet (``.parquet``) or CSV (anything else)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".parquet":
        pq.write_table(table, path)
    else:
        pacsv.write_csv(table, path)
    return path
