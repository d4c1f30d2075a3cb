"""Config of the Prefect task runner (owned by pipelines/)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class RunnerConfig(BaseModel):
    """Which Prefect task runner executes mapped tasks."""

    model_config = ConfigDict(extra="forbid")

    name: Literal["default", "dask"] = "default"
    address: str | None = Field(None, description="Dask scheduler address, e.g. tcp://host:8786; None starts a local cluster.")
    dask_workers: int = Field(2, gt=0, description="Workers of the local Dask cluster started when no address is given.")
    partitions: int = Field(4, gt=0, description="How many partitions the classification stage is split into, at least "
                                                  "(more when one would pass classify.partition_rows messages).")
    retries: int = Field(2, ge=0)
    retry_delay_seconds: float = Field(10.0, ge=0)
