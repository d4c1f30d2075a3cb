"""The Prefect flows: ``extract``, ``classify``, ``topics``, ``export``, ``purge`` and ``nightly``.

Flows only wire tasks. ``nightly`` runs the five stage flows in order under one run lock and
records each stage in ``pipeline_runs``; after each stage the key and accepted-value checks of the
tables it writes run (``kennismaker.schema.STAGE_TABLES``). A failing stage or check stops the run with the previous
night's exports untouched (the export stage publishes atomically; only the retention purge,
which never touches the newest exports, runs after it).
"""

from __future__ import annotations

import shutil
import time
import uuid

from prefect import flow, unmapped

from kennismaker.errors import KennismakerError, StageFailedError
from kennismaker.pipelines import tasks
from kennismaker.pipelines.lock import run_lock
from kennismaker.pipelines.memory import peak_rss_mib, reset_peak_rss
from kennismaker.pipelines.records import record_stage
from kennismaker.pipelines.runners import task_runner
from kennismaker.pipelines.tasks import ConfigRef

FLOW_OPTIONS = {"persist_result": False, "log_prints": False, "validate_parameters": True}


def _retrying(task_obj, ref: ConfigRef):
    cfg = ref.load()
    return task_obj.with_options(retries=cfg.runner.retries, retry_delay_seconds=cfg.runner.retry_delay_seconds)


@flow(name="extract", **FLOW_OPTIONS)
def extract_flow(ref: ConfigRef) -> dict:
    """Ingest every source listed in the config (one at a time: DuckDB has one writer)."""
    cfg = ref.load()
    ingest = _retrying(tasks.ingest_source, ref)
    return {src.name: ingest(ref, src.name) for src in cfg.sources}


def _label_round(ref: ConfigRef) -> dict:
    """One labelling pass: pending partitions, mapped labelling (any task runner), storing."""
    cfg = ref.load()
    work = cfg.database.parent / ".kennismaker-work" / uuid.uuid4().hex[:8]
    try:
        parts = tasks.pending_partitions(ref, str(work / "in"))
        futures = _retrying(tasks.label_partition, ref).map(unmapped(ref), parts, unmapped(str(work / "out")))
        stored = tasks.store_labels(ref, [f.result() for f in futures])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    stored["partitions"] = len(parts)
    return stored


@flow(name="classify", **FLOW_OPTIONS)
def classify_flow(ref: ConfigRef) -> dict:
    """Label new or changed messages (mapped over partitions) and link answers; messages whose
    reconstructed reply parent changed are labelled again with that context (see classify/run.py)."""
    first = _label_round(ref)
    links = tasks.link_answers(ref)
    second = _label_round(ref)
    if second["labelled"]:
        links = tasks.link_answers(ref)
    first["labelled"] += second["labelled"]
    first["relabelled_with_context"] = second["labelled"]
    first["links"] = links
    return first


@flow(name="topics", **FLOW_OPTIONS)
def topics_flow(ref: ConfigRef, refit: bool = False) -> dict:
    """Assign topics to threads, refitting and aligning ids when due."""
    return tasks.assign_topics(ref, refit)


@flow(name="export", **FLOW_OPTIONS)
def export_flow(ref: ConfigRef) -> dict:
    """Write the Parquet exports and their manifest for this run."""
    return tasks.write_exports(ref)


@flow(name="purge", **FLOW_OPTIONS)
def purge_flow(ref: ConfigRef) -> dict:
    """Remove artefacts older than their retention (``retention_days`` in the config)."""
    return tasks.purge(ref)


def _stage(name: str, run_id: str, ref: ConfigRef, call) -> dict:
    cfg = ref.load()
    started = time.perf_counter()
    reset_peak_rss()
    record_stage(cfg.database, run_id, name, "running")
    try:
        result = call()
        tasks.check_tables(ref, name)
    except BaseException as exc:
        record_stage(cfg.database, run_id, name, "failed", f"{type(exc).__name__}: {exc}"[:500])
        if isinstance(exc, KennismakerError) or not isinstance(exc, Exception):
            raise
        first_line = (str(exc).splitlines() or [""])[0]
        raise StageFailedError(
            f"The {name} stage failed ({type(exc).__name__}: {first_line}); the previous exports were "
            "left intact; rerun with `kennismaker --debug run` to see the traceback."
        ) from exc
    record_stage(cfg.database, run_id, name, "ok")
    return {"seconds": round(time.perf_counter() - started, 2), "peak_rss_mib": peak_rss_mib(), "result": result}


@flow(name="nightly", **FLOW_OPTIONS)
def nightly_flow(ref: ConfigRef, refit: bool = False) -> dict:
    """The nightly run: extract -> classify -> topics -> export -> purge, under one run lock.

    Per stage it returns ``seconds``, ``peak_rss_mib`` (the flow process's peak resident memory
    during that stage, ``pipelines.memory``) and the stage's ``result``.
    """
    cfg = ref.load()
    run_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    classify = classify_flow.with_options(task_runner=task_runner(cfg.runner))
    stages = {
        "extract": lambda: extract_flow(ref),
        "classify": lambda: classify(ref),
        "topics": lambda: topics_flow(ref, refit),
        "export": lambda: export_flow(ref),
        "purge": lambda: purge_flow(ref),
    }
    with run_lock(cfg.database):
        return {"run_id": run_id, "stages": {name: _stage(name, run_id, ref, call) for name, call in stages.items()}}


def all_flows() -> dict:
    """Every flow by name (used by `kennismaker serve` and the tests)."""
    return {f.name: f for f in (extract_flow, classify_flow, topics_flow, export_flow, purge_flow, nightly_flow)}
