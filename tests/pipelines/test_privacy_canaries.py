"""Canaries: a planted person, e-mail, phone number, DM and private channel through a whole nightly run.

The run is `python -m kennismaker run --verbose` in a child process with its own Prefect home,
so every artefact a night leaves (exports, the run's log, Prefect's database and storage, models,
the quarantine) is a file under one folder and can be byte-scanned. Then `forget` erases the
planted person and a re-ingest of the same export does not bring them back.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
import yaml

from kennismaker.pipelines.config import load_config
from kennismaker.pipelines.erasure import forget_person
from tests.pipelines.planted import (ANSWER_CANARY, CANARIES, DM_CANARY, PLANTED_EMAIL, PLANTED_ID, PLANTED_NAME, PLANTED_PHONE,
                                     PRIVATE_CANARY, hits)

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore:demo mode")]


@pytest.fixture
def night(planted_night) -> Path:
    """The folder of the session's nightly run on the planted exports (tests/pipelines/conftest.py)."""
    return planted_night


def test_no_canary_in_any_artefact_of_the_night(night):
    assert list((night / "out").rglob("*.parquet")), "the night wrote no export"
    assert (night / "prefect").is_dir() and (night / "logs" / "run.err").stat().st_size > 0  # --verbose: Prefect logged
    found = hits(night, skip=night / "sources")
    in_db = {name: files for name, files in found.items() if files != ["db/k.duckdb"]}
    assert in_db == {}, f"canaries outside the database: {in_db}"


def test_the_database_holds_no_dm_private_channel_or_quarantine_canary(night):
    data = (night / "db" / "k.duckdb").read_bytes()
    assert DM_CANARY.encode() not in data and PRIVATE_CANARY.encode() not in data
    con = duckdb.connect(str(night / "db" / "k.duckdb"), read_only=True)
    try:
        excerpts = [r[0] for r in con.execute("SELECT excerpt FROM quarantine WHERE excerpt IS NOT NULL").fetchall()]
        planted = con.execute("SELECT count(*) FROM messages WHERE text LIKE ?", [f"%{ANSWER_CANARY}%"]).fetchone()[0]
    finally:
        con.close()
    assert any("kapot record" in e for e in excerpts), "the malformed planted record was not quarantined"
    assert not any(c in e for e in excerpts for c in (PLANTED_NAME, PLANTED_PHONE, PLANTED_EMAIL, "Canaryman"))
    assert planted == 1  # his answer was loaded (public channel)


def test_forget_leaves_no_byte_of_the_person_and_a_reingest_keeps_them_out(night, tmp_path):
    work = tmp_path / "night"
    shutil.copytree(night, work, ignore=shutil.ignore_patterns("prefect", "sources"))
    config = yaml.safe_load((night / "config.yaml").read_text(encoding="utf-8"))
    config.update(database=str(work / "db" / "k.duckdb"), output_dir=str(work / "out"), model_dir=str(work / "models"))
    (work / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    cfg = load_config(work / "config.yaml")
    db = work / "db" / "k.duckdb"
    personal = (ANSWER_CANARY.encode(), PLANTED_EMAIL.encode(), PLANTED_PHONE.encode(), PLANTED_NAME.encode())
    assert any(c in db.read_bytes() for c in personal), "the scan cannot see the planted person before forget"

    receipt = forget_person(cfg, f"slack:{PLANTED_ID}")

    assert receipt["messages_erased"] == 1 and receipt["rows_deleted"]["people"] == 1
    assert PLANTED_ID not in Path(receipt["receipt"]).read_text(encoding="utf-8")  # keyed hashes only
    scanned = [db] + [p for p in (work / "out").rglob("*") if p.is_file()]
    assert {str(p): [c for c in personal if c in p.read_bytes()] for p in scanned} == {str(p): [] for p in scanned}

    from kennismaker.extract.load import ingest_export
    from kennismaker.store import open_store

    with open_store(db) as con:
        for src in cfg.sources:
            if src.name == "slack":
                ingest_export(con, src, cfg)
        assert con.execute("SELECT count(*) FROM messages WHERE text LIKE ?", [f"%{ANSWER_CANARY}%"]).fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM people WHERE author_key IN (SELECT author_key FROM tombstones)").fetchone()[0] == 0
    assert ANSWER_CANARY.encode() not in db.read_bytes() and PLANTED_EMAIL.encode() not in db.read_bytes()
    assert set(CANARIES)  # every canary kind is scanned above
