"""Config of the topic stage (owned by topics/)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class TopicsConfig(BaseModel):
    """Topic modelling settings."""

    model_config = ConfigDict(extra="forbid")

    seed: int = 42
