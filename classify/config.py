"""Config of the classification stage (owned by classify/)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from classify.linking_config import LinkingConfig


class EmbedderConfig(BaseModel):
    """Which sentence embedder to use, chosen by registered name."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        "use_multilingual", description="Registered embedder name: use_multilingual (default) or transformers."
    )
    model: str | None = Field(
        None, description="Hugging Face model name or local path (transformers only; default all-MiniLM-L6-v2)."
    )
    batch_size: int = Field(64, gt=0)
    max_tokens: int = Field(256, gt=8, description="Tokens per text given to the model; longer texts are cut.")
    quantize: bool = Field(False, description="int8 dynamic quantisation of the Linear layers (transformers only).")
    threads: int | None = Field(None, gt=0, description="CPU threads for the model (default: all cores).")


class LanguageConfig(BaseModel):
    """Language identification of messages."""

    model_config = ConfigDict(extra="forbid")

    languages: list[str] = Field(["nl", "en", "de", "fr"], min_length=1, description="ISO 639-1 codes to choose from.")
    min_letters: int = Field(6, ge=0, description="Texts with fewer letters get 'und'.")


class HeadConfig(BaseModel):
    """The classification head: one calibrated logistic regression per class."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field("logreg_calibrated.v1", description="Registered head name.")
    c: float = Field(1.0, gt=0, description="Inverse regularisation strength of the logistic regressions.")
    calibration: str = Field("sigmoid", pattern="^(sigmoid|isotonic)$")
    threshold: float = Field(0.5, ge=0, le=1, description="Minimum probability for a primary label other than 'other'.")


class ClassifyConfig(BaseModel):
    """Classification settings."""

    model_config = ConfigDict(extra="forbid")

    embedder: EmbedderConfig = Field(default_factory=EmbedderConfig)
    language: LanguageConfig = Field(default_factory=LanguageConfig)
    head: HeadConfig = Field(default_factory=HeadConfig)
    spacy_models: dict[str, str] = Field(
        default_factory=dict, description="Trained spaCy pipeline per language code (default: blank pipelines)."
    )
    partition_rows: int = Field(20_000, gt=0, description="Pending messages per Parquet partition.")
    linking: LinkingConfig = Field(default_factory=LinkingConfig)
