"""Bookkeeping of nightly runs in the ``pipeline_runs`` table."""

from __future__ import annotations

from pathlib import Path

from kennismaker.store import open_store


def record_stage(database: Path, run_id: str, stage: str, status: str, detail: str | None = None) -> None:
    """Insert or update the row of one stage of one run."""
    with open_store(database) as con:
        if status == "running":
            con.execute(
                "INSERT OR REPLACE INTO pipeline_runs VALUES (?, ?, now(), NULL, 'running', NULL)",
                [run_id, stage],
            )
        else:
            con.execute(
                "UPDATE pipeline_runs SET finished_at = now(), status = ?, detail = ? WHERE run_id = ? AND stage = ?",
                [status, detail, run_id, stage],
            )
