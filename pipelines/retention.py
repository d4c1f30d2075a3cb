"""Retention: ``purged(con, cfg, now)`` removes every artefact older than its ``retention_days``.

One kind at a time, each idempotent (a second purge at the same time removes nothing):

* ``staging``: work folders left by killed runs (``.kennismaker-work/*`` next to the database),
  stray export staging files (``.NAME.staging-RUNID``) and half-built compaction files, by file
  time; and the ``raw_messages`` staging rows of ingests that started before the cutoff;
* ``quarantine``: ``quarantine`` rows quarantined before the cutoff;
* ``run_folders``: ``output_dir/run_date=YYYY-MM-DD`` folders dated before the cutoff, never the newest;
* ``models``: topic model versions in ``model_dir/topics`` older than the cutoff, never the current one.

A kind set to None is kept for ever. Nothing here reads message text.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import duckdb

from kennismaker.exports.publish import STAGING_MARK
from kennismaker.pipelines.config import Config
from kennismaker.sql import statements
from kennismaker.topics.stable_ids import read_manifest, topics_dir

WORK_DIR = ".kennismaker-work"
RUN_PREFIX = "run_date="


def _cutoff(days: int | None, now: datetime) -> datetime | None:
    return None if days is None else now - timedelta(days=days)


def _older(path: Path, cutoff: datetime) -> bool:
    return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc) < cutoff


def _removed(paths: list[Path]) -> int:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return len(paths)


def stale_staging(cfg: Config, cutoff: datetime) -> list[Path]:
    """Work folders, export staging files and compaction leftovers last touched before ``cutoff``."""
    work = Path(cfg.database).parent / WORK_DIR
    found = [p for p in work.iterdir()] if work.is_dir() else []
    found += list(Path(cfg.output_dir).glob(f"{RUN_PREFIX}*/.*{STAGING_MARK}*"))
    found += list(Path(cfg.database).parent.glob(f"{Path(cfg.database).name}.compacting"))
    return sorted(p for p in found if _older(p, cutoff))


def old_run_folders(output_dir: Path, cutoff: datetime) -> list[Path]:
    """Run folders dated before ``cutoff``'s date, the newest run folder left out."""
    dated = []
    for path in Path(output_dir).glob(f"{RUN_PREFIX}*"):
        try:
            dated.append((date.fromisoformat(path.name[len(RUN_PREFIX):]), path))
        except ValueError:
            continue  # not a folder kennismaker wrote
    dated.sort()
    return [path for day, path in dated[:-1] if day < cutoff.date()]


def old_model_versions(model_dir: Path, cutoff: datetime) -> list[Path]:
    """Topic model versions other than the current one, last written before ``cutoff``."""
    folder = topics_dir(model_dir)
    if not folder.is_dir():
        return []
    manifest = read_manifest(model_dir)
    current = manifest.model_version if manifest else None
    return sorted(p for p in folder.iterdir() if p.is_dir() and p.name != current and _older(p, cutoff))


def purged(con: duckdb.DuckDBPyConnection, cfg: Config, now: datetime | None = None) -> dict[str, int]:
    """Remove what is older than its retention; returns how many of each kind went."""
    now = now or datetime.now(timezone.utc)
    days = cfg.retention_days
    counts = {"staging": 0, "raw_messages": 0, "quarantine": 0, "run_folders": 0, "models": 0}
    if (cut := _cutoff(days.staging, now)) is not None:
        counts["staging"] = _removed(stale_staging(cfg, cut))
        counts["raw_messages"] = con.execute(statements("pipelines_runs")["expired_raw_messages"], {"cut": cut}).fetchone()[0]
    if (cut := _cutoff(days.quarantine, now)) is not None:
        counts["quarantine"] = con.execute(statements("pipelines_runs")["expired_quarantine"], {"cut": cut}).fetchone()[0]
    if (cut := _cutoff(days.run_folders, now)) is not None:
        counts["run_folders"] = _removed(old_run_folders(cfg.output_dir, cut))
    if (cut := _cutoff(days.models, now)) is not None:
        counts["models"] = _removed(old_model_versions(cfg.model_dir, cut))
    return counts
