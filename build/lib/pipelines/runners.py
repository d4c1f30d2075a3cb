"""Task runners chosen by name in config (``runner.name``): ``default`` or ``dask``."""

from __future__ import annotations

from collections.abc import Callable

from prefect.task_runners import ThreadPoolTaskRunner

from pipelines.config import RunnerConfig


def _default_runner(cfg: RunnerConfig):
    # One worker thread: the embedding model already uses both cores through torch.
    return ThreadPoolTaskRunner(max_workers=1)


def _dask_runner(cfg: RunnerConfig):
    from prefect_dask import DaskTaskRunner

    if cfg.address:
        return DaskTaskRunner(address=cfg.address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": cfg.dask_workers, "threads_per_worker": 1, "processes": True})


TASK_RUNNERS: dict[str, Callable[[RunnerConfig], object]] = {
    "default": _default_runner,
    "dask": _dask_runner,
}


def task_runner(cfg: RunnerConfig):
    """The Prefect task runner the config names."""
    return TASK_RUNNERS[cfg.name](cfg)
