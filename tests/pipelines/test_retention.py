"""Retention: the purge removes each artefact kind older than its retention_days, once, and keeps the rest."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

import pytest

from kennismaker.errors import ConfigError
from kennismaker.store import open_store
from kennismaker.pipelines.retention import purged
from kennismaker.topics.stable_ids import Manifest, write_manifest

NOW = datetime(2026, 6, 30, 3, 0, tzinfo=timezone.utc)


def aged(path, days: float):
    """Set ``path``'s file time ``days`` before NOW; returns the path."""
    stamp = (NOW - timedelta(days=days)).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def planted(cfg):
    """Artefacts of every kind, old and new, around ``cfg``'s database, exports and models."""
    work = cfg.database.parent / ".kennismaker-work"
    (work / "killed").mkdir(parents=True)
    (work / "fresh").mkdir()
    aged(work / "killed", 5)
    aged(work / "fresh", 0.5)
    for day in ("2026-01-01", "2026-03-01", "2026-06-29"):
        (cfg.output_dir / f"run_date={day}").mkdir(parents=True)
    stray = cfg.output_dir / "run_date=2026-06-29" / ".faq_candidates.parquet.staging-x"
    stray.write_text("half")
    aged(stray, 3)
    topics = cfg.model_dir / "topics"
    for version, days in (("t0001-aaaaaaaa", 400), ("t0002-bbbbbbbb", 300), ("t0003-cccccccc", 200)):
        (topics / version).mkdir(parents=True)
        aged(topics / version, days)
    write_manifest(cfg.model_dir, Manifest("t0002-bbbbbbbb", "hashing", NOW.isoformat(), 10, 1, {0: 0}), keep=3)
    with open_store(cfg.database) as con:
        for run, days in (("old-run", 10), ("new-run", 0)):
            con.execute("INSERT INTO ingest_runs (run_id, started_at, status) VALUES (?, ?, 'ok')", [run, NOW - timedelta(days=days)])
            con.execute("INSERT INTO raw_messages (message_id, ingest_run_id) VALUES (?, ?)", [f"m-{run}", run])
        for i, days in enumerate((60, 31, 29, 1)):
            con.execute("INSERT INTO quarantine (run_id, excerpt, quarantined_at) VALUES ('r', ?, ?)", [f"q{i}", NOW - timedelta(days=days)])
    return stray


def test_the_purge_removes_what_is_older_than_its_retention_and_is_idempotent(make_config):
    cfg = make_config(retention_days={"staging": 2, "quarantine": 30, "run_folders": 90, "models": 180})
    stray = planted(cfg)
    with open_store(cfg.database) as con:
        first = purged(con, cfg, NOW)
        second = purged(con, cfg, NOW)
        quarantine = sorted(r[0] for r in con.execute("SELECT excerpt FROM quarantine").fetchall())
        raw = [r[0] for r in con.execute("SELECT message_id FROM raw_messages").fetchall()]
    assert first == {"staging": 2, "raw_messages": 1, "quarantine": 2, "run_folders": 2, "models": 2}
    assert second == {"staging": 0, "raw_messages": 0, "quarantine": 0, "run_folders": 0, "models": 0}
    assert quarantine == ["q2", "q3"] and raw == ["m-new-run"]
    assert sorted(p.name for p in cfg.output_dir.iterdir()) == ["run_date=2026-06-29"]
    assert not stray.exists()
    assert sorted(p.name for p in (cfg.database.parent / ".kennismaker-work").iterdir()) == ["fresh"]
    assert sorted(p.name for p in (cfg.model_dir / "topics").iterdir() if p.is_dir()) == ["t0002-bbbbbbbb"]  # current, though old


def test_none_keeps_a_kind_for_ever_and_the_newest_run_folder_always_stays(make_config):
    cfg = make_config(retention_days={"staging": None, "quarantine": None, "run_folders": 0, "models": None})
    planted(cfg)
    with open_store(cfg.database) as con:
        gone = purged(con, cfg, NOW + timedelta(days=1000))
    assert gone == {"staging": 0, "raw_messages": 0, "quarantine": 0, "run_folders": 2, "models": 0}
    assert [p.name for p in cfg.output_dir.iterdir()] == ["run_date=2026-06-29"]


def test_a_negative_retention_is_one_sentence_naming_the_key(make_config):
    with pytest.raises(ConfigError, match="retention_days.quarantine"):
        make_config(retention_days={"quarantine": -1})
