"""Config of the classification stage (owned by classify/)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class EmbedderConfig(BaseModel):
    """Which sentence embedder to use, chosen by registered name."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field("transformers", description="Registered embedder name: transformers or use_multilingual.")
    model: str | None = Field(None, description="Hugging Face model name or local path (transformers only).")
    batch_size: int = Field(64, gt=0)
    max_tokens: int = Field(256, gt=8)


class ClassifyConfig(BaseModel):
    """Classification settings."""

    model_config = ConfigDict(extra="forbid")

    embedder: EmbedderConfig = Field(default_factory=EmbedderConfig)
