"""The curation loop: editors' decisions on candidates, stored in the ``curation`` table.

``read_decisions(path)`` validates an editor's CSV, Parquet or Excel file (all or nothing; the
workbook of ``exports/workbook.py``),
``import_decisions(con, path)`` stores it, and ``with_curation(table, decisions)`` applies the
stored decisions to a freshly computed export: rejected, done and merged candidates are left
out, accepted ones are marked, and a merge target lists what was merged into it. Decisions are
keyed by ``candidate_id``, which is stable across runs and topic refits (see docs/exports.md).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from kennismaker.exports.context import relation
from kennismaker.errors import CurationFileError
from kennismaker.schema import CURATION, CURATION_DECISIONS
from kennismaker.store import upsert_arrow

HIDDEN = ("reject", "done", "merge_into")
REQUIRED_COLUMNS = ("candidate_id", "decision")
OPTIONAL_COLUMNS = ("merge_into", "note", "editor")


@dataclass(frozen=True)
class Decision:
    """One stored decision."""

    decision: str
    merge_into: str | None = None


def candidate_id(prefix: str, key: str) -> str:
    """A stable candidate id: ``prefix-`` plus 12 hex of SHA-1 of ``key`` (a message id)."""
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


def stored_decisions(con: duckdb.DuckDBPyConnection) -> dict[str, Decision]:
    """The current decision per candidate id."""
    rows = con.execute(f"SELECT candidate_id, decision, merge_into FROM {relation(con, 'curation')}").fetchall()
    return {cid: Decision(decision, merge) for cid, decision, merge in rows}


def with_curation(table: pa.Table, decisions: dict[str, Decision]) -> pa.Table:
    """``table`` without rejected/done/merged candidates, with ``curation_status`` and ``merged_from`` set."""
    ids = table.column("candidate_id").to_pylist()
    merged: dict[str, list[str]] = {}
    for cid, d in sorted(decisions.items()):
        if d.decision == "merge_into" and d.merge_into:
            merged.setdefault(d.merge_into, []).append(cid)
    keep = [not (cid in decisions and decisions[cid].decision in HIDDEN) for cid in ids]
    status = ["accepted" if cid in decisions and decisions[cid].decision == "accept" else "open" for cid in ids]
    table = table.set_column(table.schema.get_field_index("curation_status"), "curation_status", pa.array(status, pa.string()))
    merged_col = pa.array([merged.get(cid, []) for cid in ids], pa.list_(pa.string()))
    table = table.set_column(table.schema.get_field_index("merged_from"), "merged_from", merged_col)
    return table.filter(pa.array(keep, pa.bool_()))


def _read_table(path: Path) -> pa.Table:
    if not path.is_file():
        raise CurationFileError(f"Curation file {path} does not exist; pass the CSV, Parquet or Excel file an editor filled in.")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from kennismaker.exports.workbook import read_workbook

        return read_workbook(path)
    try:
        if path.suffix.lower() == ".parquet":
            return pq.read_table(path)
        opts = pacsv.ConvertOptions(strings_can_be_null=True, column_types={c: pa.string() for c in REQUIRED_COLUMNS + OPTIONAL_COLUMNS})
        return pacsv.read_csv(path, convert_options=opts)
    except (pa.ArrowInvalid, OSError) as exc:
        raise CurationFileError(f"{path} is not a readable CSV or Parquet file ({str(exc).splitlines()[0]}); save it as CSV (UTF-8) and try again.") from None


def _column(table: pa.Table, name: str) -> list[str | None]:
    if name not in table.column_names:
        return [None] * table.num_rows
    return [None if v is None or str(v).strip() == "" else str(v).strip() for v in table.column(name).to_pylist()]


def _decision_rows(table: pa.Table, path: Path) -> list[dict]:
    ids, decisions, targets = _column(table, "candidate_id"), _column(table, "decision"), _column(table, "merge_into")
    notes, editors = _column(table, "note"), _column(table, "editor")
    rows, seen = [], set()
    for line, (cid, decision, target, note, editor) in enumerate(zip(ids, decisions, targets, notes, editors), start=2):
        if decision is None:
            continue  # no decision yet: the candidate stays open
        decision = decision.lower()
        if decision.startswith("merge_into:"):
            decision, target = "merge_into", decision.split(":", 1)[1].strip() or target
        if cid is None:
            raise CurationFileError(f"{path} row {line} has a decision but no candidate_id; fill in the candidate_id or clear the row.")
        if decision not in CURATION_DECISIONS:
            raise CurationFileError(f"{path} row {line}: unknown decision '{decision}'; use one of {', '.join(CURATION_DECISIONS)}.")
        if decision == "merge_into" and not target:
            raise CurationFileError(f"{path} row {line}: merge_into needs the target candidate_id in column merge_into (or as merge_into:ID).")
        if cid in seen:
            raise CurationFileError(f"{path}: candidate {cid} appears twice; keep one decision per candidate.")
        seen.add(cid)
        rows.append({"candidate_id": cid, "decision": decision, "merge_into": target if decision == "merge_into" else None,
                     "note": note, "editor": editor})
    return rows


def read_decisions(path: Path | str, decided_at: datetime | None = None) -> pa.Table:
    """The decisions in an editor's CSV, Parquet or Excel (.xlsx) file, validated as a whole (rows without a decision are skipped).

    Raises ``CurationFileError`` for a missing column, an unknown decision, a merge without a
    target or a candidate listed twice.
    """
    path = Path(path)
    table = _read_table(path)
    missing = [c for c in REQUIRED_COLUMNS if c not in table.column_names]
    if missing:
        raise CurationFileError(f"{path} lacks the column(s) {', '.join(missing)}; start from the file `kennismaker curate export` writes.")
    rows = _decision_rows(table, path)
    stamp = decided_at or datetime.now(timezone.utc)
    for row in rows:
        row["decided_at"] = stamp
    return pa.Table.from_pylist(rows, schema=CURATION.schema)


def import_decisions(con: duckdb.DuckDBPyConnection, path: Path | str) -> int:
    """Store an editor's decisions (a later decision on a candidate replaces the earlier one); returns how many."""
    decisions = read_decisions(path)
    return upsert_arrow(con, CURATION, decisions)
