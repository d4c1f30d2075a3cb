"""Task runners chosen by registered name in config (``runner.name``): ``default.v1`` or ``dask.v1``
(the short ``default`` and ``dask`` stay aliases)."""

from __future__ import annotations

from kennismaker.registry import Registry
from kennismaker.pipelines.config import RunnerConfig


def _default_runner(cfg: RunnerConfig):
    from prefect.task_runners import ThreadPoolTaskRunner

    # One worker thread: the embedding model already uses both cores through torch.
    return ThreadPoolTaskRunner(max_workers=1)


def _dask_runner(cfg: RunnerConfig):
    from prefect_dask import DaskTaskRunner

    if cfg.address:
        return DaskTaskRunner(address=cfg.address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": cfg.dask_workers, "threads_per_worker": 1, "processes": True})


TASK_RUNNERS = Registry("task_runners", "task runner", aliases={"default": "default.v1", "dask": "dask.v1"})
TASK_RUNNERS.register("default.v1", func=_default_runner)
TASK_RUNNERS.register("dask.v1", func=_dask_runner)


def task_runner(cfg: RunnerConfig):
    """The Prefect task runner the config names."""
    return TASK_RUNNERS.get(cfg.name)(cfg)
