"""Config of the export stage (owned by exports/)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ExportsConfig(BaseModel):
    """Export settings."""

    model_config = ConfigDict(extra="forbid")

    unanswered_after_hours: float = Field(48.0, ge=0)
