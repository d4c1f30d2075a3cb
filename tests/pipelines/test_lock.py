"""One writer at a time: a second run or process gets one clear sentence, never a corrupted file."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from kennismaker.errors import DatabaseLockedError
from kennismaker.store import connect, open_store
from kennismaker.pipelines.lock import run_lock


def test_second_run_lock_in_another_process_is_refused(tmp_path):
    db = tmp_path / "k.duckdb"
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from kennismaker.pipelines.lock import run_lock
        from kennismaker.errors import DatabaseLockedError
        try:
            with run_lock(Path({str(db)!r})):
                print("acquired")
        except DatabaseLockedError as exc:
            print("refused:", exc)
        """
    )
    with run_lock(db):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("refused: Another run holds the database")
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert again.strip() == "acquired"


def test_duckdb_held_by_another_process_gives_the_lock_sentence(tmp_path):
    db = tmp_path / "k.duckdb"
    with open_store(db) as con:
        con.execute("INSERT INTO channels VALUES ('c1', 's', 'a', 'public', 'r')")
    code = f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('ready', flush=True); time.sleep(30)"
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(DatabaseLockedError, match="Another run holds the database"):
            connect(db)
    finally:
        holder.kill()
        holder.wait()
    with open_store(db) as con:
        assert con.execute("SELECT count(*) FROM channels").fetchone()[0] == 1
