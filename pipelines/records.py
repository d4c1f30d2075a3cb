"""Bookkeeping of nightly runs in the ``pipeline_runs`` table."""

from __future__ import annotations

from pathlib import Path

from kennismaker.sql import statements
from kennismaker.store import open_store


def record_stage(database: Path, run_id: str, stage: str, status: str, detail: str | None = None) -> None:
    """Insert or update the row of one stage of one run."""
    with open_store(database) as con:
        if status == "running":
            con.execute(statements("pipelines_runs")["stage_started"], {"run_id": run_id, "stage": stage})
        else:
            con.execute(statements("pipelines_runs")["stage_finished"],
                        {"status": status, "detail": detail, "run_id": run_id, "stage": stage})
