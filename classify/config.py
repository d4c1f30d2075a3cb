"""Config of the classification stage (owned by classify/)."""

from __future__ import annotations

from pathlib import Path

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kennismaker.classify.linking_config import LinkingConfig


class EmbedderConfig(BaseModel):
    """Which sentence embedder to use, chosen by registered name."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        "use_multilingual",
        description="Registered embedder name: use_multilingual.v1 (default), transformers.v1, onnx.v1 or hashing.v1 (the names without .v1 are aliases).",
    )
    model: str | None = Field(
        None, description="Hugging Face model name or local path (transformers and onnx; default all-MiniLM-L6-v2)."
    )
    batch_size: int = Field(64, gt=0)
    max_tokens: int = Field(256, gt=8, description="Tokens per text given to the model; longer texts are cut.")
    quantize: bool = Field(False, description="int8 dynamic quantisation of the Linear layers (transformers only).")
    precision: Literal["fp32", "bf16"] = Field(
        "fp32", description="transformers only: bf16 runs the weights and matrix products in bfloat16 (fast on CPUs "
                            "with AMX or AVX-512 BF16, slow elsewhere; cosine to fp32 >= 0.9996 in bench/embedding.py).")
    threads: int | None = Field(None, gt=0, description="CPU threads for the model (default: all cores).")
    cache_dir: Path | None = Field(
        None, description="Where the onnx embedder keeps the model it exports at first use (default ~/.cache/kennismaker/onnx).")

    @field_validator("name")
    @classmethod
    def _registered(cls, value: str) -> str:
        from kennismaker.classify.embedders import EMBEDDERS

        return EMBEDDERS.checked(value)

    @model_validator(mode="after")
    def _one_precision(self) -> "EmbedderConfig":
        if self.quantize and self.precision != "fp32":
            raise ValueError("choose either quantize: true (int8) or precision: bf16, not both")
        return self


class LanguageConfig(BaseModel):
    """Language identification of messages."""

    model_config = ConfigDict(extra="forbid")

    languages: list[str] = Field(["nl", "en", "de", "fr"], min_length=1, description="ISO 639-1 codes to choose from.")
    min_letters: int = Field(6, ge=0, description="Texts with fewer letters get 'und' when their author and channel have no usual language.")
    short_letters: int = Field(
        20, ge=0, description="Lines with fewer letters take their author's (else their channel's) usual language."
    )


class HeadConfig(BaseModel):
    """The classification head: calibrated logistic-regression probes with per-class thresholds."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field("logreg_platt.v2", description="Registered head name.")
    c: float = Field(1.0, gt=0, description="Inverse regularisation strength of the logistic regressions.")
    thresholds: dict[str, float] = Field(
        default_factory=dict,
        description="Label thresholds that override the ones tuned with the head: question, question_mark (a message with a '?'), answer, link_share, social.",
    )

    @field_validator("name")
    @classmethod
    def _registered(cls, value: str) -> str:
        from kennismaker.classify.head import HEADS

        return HEADS.checked(value)

    @field_validator("thresholds")
    @classmethod
    def _known_classes(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - {"question", "question_mark", "answer", "link_share", "social"})
        if unknown:
            raise ValueError(f"unknown class {', '.join(unknown)}; use question, question_mark, answer, link_share or social")
        if any(not 0 < v <= 1 for v in value.values()):
            raise ValueError("thresholds lie between 0 and 1")
        return value


class ClassifyConfig(BaseModel):
    """Classification settings."""

    model_config = ConfigDict(extra="forbid")

    embedder: EmbedderConfig = Field(default_factory=EmbedderConfig)
    language: LanguageConfig = Field(default_factory=LanguageConfig)
    head: HeadConfig = Field(default_factory=HeadConfig)
    spacy_models: dict[str, str] = Field(
        default_factory=dict, description="Trained spaCy pipeline per language code (default: blank pipelines)."
    )
    partition_rows: int = Field(
        20_000, gt=0, description="At most this many pending messages per Parquet partition (runner.partitions is raised to keep "
                                  "this bound): a partition's vectors are held in memory while it is labelled.")
    problem_report_p: float = Field(
        0.6, ge=0, le=1,
        description="p_question given at least to a post that opens its conversation by reporting a problem "
                    "(classify.cue_lexicon.PROBLEM_REPORT_PATTERNS: 'X werkt niet', 'foutmelding'); 0 turns this off.",
    )
    linking: LinkingConfig = Field(default_factory=LinkingConfig)
    training_datasets: list[Path] = Field(
        default_factory=list,
        description="Labelled dataset folders (messages.jsonl + gold.jsonl) whose dev split a retrained head also learns from; "
                    "the irc-disentanglement folder adds our labels of classify/data/irc_labels.csv (training files only).",
    )
