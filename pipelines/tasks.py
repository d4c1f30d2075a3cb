"""Thin Prefect tasks: each opens what it needs, calls one library function, returns counts or paths.

No task returns message text or a DataFrame, and results are not persisted, so Prefect never
writes personal data to its result storage.
"""

from __future__ import annotations

from pathlib import Path

from prefect import task
from prefect.cache_policies import NONE
from pydantic import BaseModel, PrivateAttr

from kennismaker.pipelines.config import Config, load_config, with_overrides
from kennismaker.errors import KennismakerError
from kennismaker.store import open_store

def retry_worth_it(task, task_run, state) -> bool:
    """Prefect's retry condition: a user error (``KennismakerError``: a missing export, a bad config) is not retried."""
    return not isinstance(state.data, KennismakerError)


TASK_OPTIONS = {"persist_result": False, "cache_policy": NONE, "retry_condition_fn": retry_worth_it}


class ConfigRef(BaseModel):
    """The run's config as flows and tasks receive it: validated once, at the edge, and carried along.

    Prefect records only the public fields (the file and the command-line overrides), so a pseudonym
    key in the config never reaches its database; the validated ``Config`` rides in a private
    attribute, which Prefect passes on to subflows and tasks (and pickles to Dask workers) as it is.
    A ref without it (a run a Prefect deployment started) reads and validates the file once, on first use.
    """

    config_path: str | None = None
    db: str | None = None
    out: str | None = None
    _config: Config | None = PrivateAttr(None)

    @classmethod
    def of(cls, cfg: Config, config_path: str | Path | None = None) -> ConfigRef:
        """A ref that carries ``cfg`` (already validated, overrides applied) read from ``config_path``."""
        ref = cls(config_path=str(config_path) if config_path else None, db=str(cfg.database), out=str(cfg.output_dir))
        ref._config = cfg
        return ref

    def load(self) -> Config:
        """The run's validated config (read from the file only when this ref does not carry it yet)."""
        if self._config is None:
            cfg = load_config(self.config_path)
            self._config = with_overrides(cfg, db=Path(self.db) if self.db else None, out=Path(self.out) if self.out else None)
        return self._config


@task(name="ingest-source", **TASK_OPTIONS)
def ingest_source(ref: ConfigRef, source_name: str) -> dict:
    """Ingest one configured source; returns the ingest counts."""
    from kennismaker.extract.load import ingest_export, summary_dict

    cfg = ref.load()
    src = next(s for s in cfg.sources if s.name == source_name)
    with open_store(cfg.database, settings=cfg.duckdb.settings()) as con:
        return summary_dict(ingest_export(con, src, cfg))


@task(name="pending-partitions", **TASK_OPTIONS)
def pending_partitions(ref: ConfigRef, work_dir: str) -> list[str]:
    """Write the messages that need labels to Parquet partitions; returns their paths."""
    from kennismaker.classify.stage import write_pending_partitions

    cfg = ref.load()
    with open_store(cfg.database, settings=cfg.duckdb.settings()) as con:
        paths = write_pending_partitions(con, cfg, Path(work_dir), cfg.runner.partitions)
    return [str(p) for p in paths]


@task(name="label-partition", **TASK_OPTIONS)
def label_partition(ref: ConfigRef, path: str, out_dir: str) -> str:
    """Embed and label one partition without touching the database; returns the result path."""
    from kennismaker.classify.stage import label_partition as label

    return str(label(Path(path), ref.load(), Path(out_dir)))


@task(name="store-labels", **TASK_OPTIONS)
def store_labels(ref: ConfigRef, paths: list[str]) -> dict:
    """Load partition results (labels, vectors, languages) into the database."""
    from kennismaker.classify.stage import store_partition_results

    cfg = ref.load()
    with open_store(cfg.database, settings=cfg.duckdb.settings()) as con:
        return store_partition_results(con, [Path(p) for p in paths])


@task(name="link-answers", **TASK_OPTIONS)
def link_answers(ref: ConfigRef) -> dict:
    """Rebuild reply links, conversations, answer links and question status."""
    from kennismaker.classify.linking import link_answers as link

    cfg = ref.load()
    with open_store(cfg.database, settings=cfg.duckdb.settings()) as con:
        return link(con, cfg)


@task(name="assign-topics", **TASK_OPTIONS)
def assign_topics(ref: ConfigRef, refit: bool = False) -> dict:
    """Assign topics to new threads (refitting when due); returns counts and the outlier share."""
    from kennismaker.topics.assign import assign_topics as assign

    cfg = ref.load()
    with open_store(cfg.database, settings=cfg.duckdb.settings()) as con:
        return assign(con, cfg, refit=refit)


@task(name="write-exports", **TASK_OPTIONS)
def write_exports(ref: ConfigRef) -> dict:
    """Write this run's Parquet exports and manifest; returns the manifest path and row counts."""
    from kennismaker.exports.publish import write_exports as write

    cfg = ref.load()
    with open_store(cfg.database, settings=cfg.duckdb.settings()) as con:
        return write(con, cfg)


@task(name="purge", **TASK_OPTIONS)
def purge(ref: ConfigRef) -> dict:
    """Remove artefacts older than their ``retention_days``; returns how many of each kind went."""
    from kennismaker.pipelines.retention import purged

    cfg = ref.load()
    with open_store(cfg.database, settings=cfg.duckdb.settings()) as con:
        return purged(con, cfg)


@task(name="check-tables", **TASK_OPTIONS)
def check_tables(ref: ConfigRef, stage: str) -> int:
    """The key and accepted-value checks of the tables ``stage`` writes; returns how many tables passed."""
    from kennismaker.store import checked_stage

    with open_store(ref.load().database) as con:
        return checked_stage(con, stage)
