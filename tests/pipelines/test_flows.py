"""The nightly flow end to end: incremental, idempotent, failure-safe, and the same on Dask."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from kennismaker.exports.report_html import without_run_metadata
from kennismaker.errors import StageFailedError
from kennismaker.pipelines.flows import classify_flow, extract_flow, nightly_flow
from kennismaker.pipelines.runners import task_runner
from kennismaker.pipelines.tasks import ConfigRef

RUN_METADATA = {"ingest_runs", "pipeline_runs", "topic_runs", "raw_messages"}
VOLATILE = {"classified_at", "ingest_run_id"}


def table_dump(db: Path) -> dict[str, list]:
    """Every table's rows (without run metadata) in a stable order."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for (name,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall():
            if name in RUN_METADATA:
                continue
            cols = [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall() if r[0] not in VOLATILE]
            quoted = ", ".join(f'"{c}"' for c in cols)
            out[name] = con.execute(f"SELECT {quoted} FROM {name} ORDER BY ALL").fetchall()
        return out
    finally:
        con.close()


def export_hashes(out_dir: Path) -> dict[str, str]:
    """sha256 of every export file (the manifest holds run metadata and is compared apart; the report without its run line)."""
    def content(p: Path) -> bytes:
        return without_run_metadata(p.read_text(encoding="utf-8")).encode() if p.name == "report.html" else p.read_bytes()

    return {str(p.relative_to(out_dir)): hashlib.sha256(content(p)).hexdigest()
            for p in sorted(out_dir.rglob("*")) if p.is_file() and p.name != "manifest.json"}


def test_second_night_without_new_data_changes_nothing(flow_config, monkeypatch):
    import kennismaker.pipelines.config as config_module
    import kennismaker.pipelines.tasks as tasks_module

    # Counted: the flows and tasks share the one validated config (before, every task re-read and re-validated it, 32 times a night).
    reads, validations = [], []
    real_load, real_validate = tasks_module.load_config, config_module.config_from_dict
    monkeypatch.setattr(tasks_module, "load_config", lambda path=None: reads.append(path) or real_load(path))
    monkeypatch.setattr(config_module, "config_from_dict", lambda *a, **k: validations.append(a) or real_validate(*a, **k))
    ref = ConfigRef(config_path=str(flow_config()))  # as a Prefect deployment starts a run: the path only
    cfg = ref.load()
    first = nightly_flow(ref)
    tables, files = table_dump(cfg.database), export_hashes(cfg.output_dir)
    second = nightly_flow(ref)
    assert table_dump(cfg.database) == tables
    assert export_hashes(cfg.output_dir) == files
    assert files, "the first night wrote no export"
    extract = second["stages"]["extract"]["result"]
    assert sum(s["messages_new"] + s["messages_changed"] for s in extract.values()) == 0
    assert second["stages"]["classify"]["result"]["labelled"] == 0
    assert second["stages"]["classify"]["result"]["embedded"] == 0
    assert first["stages"]["classify"]["result"]["labelled"] > 0
    assert len(reads) == 1 and len(validations) == 1, "two nights read and validated the config once"


def test_watermark_is_recorded_per_source(flow_config):
    ref = ConfigRef(config_path=str(flow_config()))
    extract_flow(ref)
    con = duckdb.connect(str(ref.load().database), read_only=True)
    rows = con.execute("SELECT source_name, watermark, messages_read FROM ingest_runs ORDER BY 1").fetchall()
    newest = dict(con.execute("SELECT source, max(created_at) FROM messages GROUP BY 1").fetchall())
    con.close()
    assert [r[0] for r in rows] == ["slack", "teams", "yammer"]
    assert all(r[1] is not None and r[2] > 0 for r in rows)
    assert max(r[1] for r in rows) == max(newest.values())


def test_failure_in_the_middle_stage_keeps_previous_exports(flow_config, monkeypatch):
    ref = ConfigRef(config_path=str(flow_config()))
    cfg = ref.load()
    nightly_flow(ref)
    manifest = next(cfg.output_dir.rglob("manifest.json"))
    before_files, before_manifest = export_hashes(cfg.output_dir), manifest.read_bytes()

    from kennismaker.topics import assign

    def broken(*args, **kwargs):
        raise RuntimeError("injected failure in the topic stage")

    monkeypatch.setattr(assign, "assign_topics", broken)
    with pytest.raises(StageFailedError, match="The topics stage failed"):
        nightly_flow(ref)
    assert export_hashes(cfg.output_dir) == before_files
    assert manifest.read_bytes() == before_manifest
    con = duckdb.connect(str(cfg.database), read_only=True)
    statuses = dict(con.execute("SELECT stage, status FROM pipeline_runs WHERE run_id = (SELECT max(run_id) FROM pipeline_runs)").fetchall())
    con.close()
    assert statuses == {"extract": "ok", "classify": "ok", "topics": "failed"}


@pytest.mark.slow
def test_dask_runner_gives_the_same_labels(flow_config, tmp_path):
    default_ref = ConfigRef(config_path=str(flow_config(runner={"partitions": 3})))
    extract_flow(default_ref)
    dask_db = tmp_path / "dask.duckdb"
    shutil.copy(default_ref.load().database, dask_db)
    dask_ref = ConfigRef(config_path=str(flow_config(runner={"name": "dask", "dask_workers": 1, "partitions": 3})), db=str(dask_db))

    classify_flow(default_ref)
    dask_cfg = dask_ref.load()
    classify_flow.with_options(task_runner=task_runner(dask_cfg.runner))(dask_ref)

    query = "SELECT message_id, label, p_question, p_answer, p_link_share, p_social FROM message_labels ORDER BY 1"
    labels = []
    for db in (default_ref.load().database, dask_db):
        con = duckdb.connect(str(db), read_only=True)
        labels.append(con.execute(query).fetchall())
        con.close()
    assert labels[0] and labels[0] == labels[1]



def test_a_carried_config_crosses_flow_and_task_boundaries_without_being_read_again(flow_config, monkeypatch):
    from prefect import flow, task

    import kennismaker.pipelines.tasks as tasks_module
    from kennismaker.pipelines.config import load_config

    cfg = load_config(flow_config())
    monkeypatch.setattr(tasks_module, "load_config", lambda path=None: pytest.fail("the config was read again"))

    @task(**tasks_module.TASK_OPTIONS)
    def database_of(ref: ConfigRef) -> str:
        return str(ref.load().database)

    @flow(persist_result=False, validate_parameters=True)
    def tiny(ref: ConfigRef) -> list[str]:
        return [database_of(ref), database_of.submit(ref).result()]

    assert tiny(ConfigRef.of(cfg)) == [str(cfg.database)] * 2
