"""Crash safety: SIGKILL the nightly run inside each stage, then check what the next night finds.

A clean run (`python -m kennismaker run` in a child process) gives the reference tables and
export files and the time each stage took. For each stage a seeded random moment inside that
stage's window is chosen; a fresh copy of the run is killed there (the whole process group, so
Prefect's ephemeral server goes too). Then: the database opens, no half-written Parquet file is
visible (every visible file reads back whole, and a manifest that exists matches its files), and a
rerun (no stale lock) converges to the clean run's tables and export files.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
import yaml

from exports.publish import sha256
from tests.pipelines.conftest import FAST_CONFIG
from tests.pipelines.test_flows import export_hashes, table_dump

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
STAGES = ("extract", "classify", "topics", "export")
SEED = 20261204
_STAGE_ROW = re.compile(r"│\s*(extract|classify|topics|export|purge)\s*│\s*([\d.]+)\s*│")


def run_folder(root: Path, demo_exports: Path, models: Path) -> Path:
    """A config for the demo exports with its own database, exports, models and Prefect home under ``root``."""
    shutil.copytree(models, root / "models")
    config = {**FAST_CONFIG, "database": str(root / "k.duckdb"), "output_dir": str(root / "out"),
              "model_dir": str(root / "models"),
              "sources": [{"name": n, "path": str(demo_exports / n)} for n in ("slack", "teams", "yammer")]}
    (root / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root


def nightly(root: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_") and k != "KENNISMAKER_DEBUG"}
    env.update(PREFECT_HOME=str(root / "prefect"), HF_HUB_OFFLINE="1")
    return subprocess.Popen([sys.executable, "-m", "kennismaker", "run", "--config", str(root / "config.yaml")], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def finished(proc: subprocess.Popen) -> str:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return out


@pytest.fixture(scope="module")
def clean(tmp_path_factory, demo_exports, trained_head):
    """The clean run: (tables, export hashes, seconds from start to each stage's start and end)."""
    root = run_folder(tmp_path_factory.mktemp("clean"), demo_exports, trained_head)
    started = time.monotonic()
    out = finished(nightly(root))
    total = time.monotonic() - started
    seconds = {stage: float(s) for stage, s in _STAGE_ROW.findall(out)}
    startup = max(total - sum(seconds.values()), 0.0)  # interpreter, imports and Prefect's server
    windows, at = {}, startup
    for stage in (*STAGES, "purge"):
        windows[stage] = (at, at + seconds.get(stage, 0.0))
        at = windows[stage][1]
    return table_dump(root / "k.duckdb"), export_hashes(root / "out"), windows


def visible_exports_are_whole(out: Path) -> None:
    for path in out.rglob("*.parquet"):
        if not path.name.startswith("."):
            pq.read_table(path)  # raises on a half-written file
    for manifest in out.rglob("manifest.json"):
        files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
        assert {name: sha256(manifest.parent / name) for name in files} == {n: e["sha256"] for n, e in files.items()}


@pytest.mark.parametrize("stage", STAGES)
def test_a_run_killed_in_any_stage_leaves_a_store_the_next_night_repairs(stage, clean, tmp_path, demo_exports, trained_head):
    tables, files, windows = clean
    start, end = windows[stage]
    moment = random.Random(f"{SEED}-{stage}").uniform(start, max(end, start + 0.1))
    root = run_folder(tmp_path, demo_exports, trained_head)
    proc = nightly(root)
    time.sleep(moment)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)

    con = duckdb.connect(str(root / "k.duckdb"), read_only=True)  # reopens (the write-ahead log replays)
    running = con.execute("SELECT stage FROM pipeline_runs WHERE status = 'running'").fetchall()
    con.close()
    if (root / "out").exists():
        visible_exports_are_whole(root / "out")

    finished(nightly(root))  # no stale lock blocks the next night
    assert table_dump(root / "k.duckdb") == tables, f"killed at {moment:.1f} s, in {running}"
    assert export_hashes(root / "out") == files, f"killed at {moment:.1f} s, in {running}"
