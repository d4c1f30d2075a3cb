"""Config of the export stage (owned by exports/): ``cfg.exports``."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

TACIT_CUES = (
    # Dutch: sequence, advice, experience
    "eerst", "daarna", "vervolgens", "tot slot", "tip", "let op", "zorg dat", "in mijn ervaring",
    "wat bij ons werkte", "wat bij ons werkt", "bij ons", "handig", "de truc", "stap",
    # English
    "first", "then", "after that", "finally", "make sure", "in my experience",
    "what worked for us", "watch out", "the trick", "step",
)


class Thresholds(BaseModel):
    """A cosine similarity threshold per similarity method (embeddings are denser than TF-IDF)."""

    model_config = ConfigDict(extra="forbid")

    vectors: float = Field(..., ge=0, le=1, description="With cached sentence embeddings.")
    tfidf: float = Field(..., ge=0, le=1, description="With the TF-IDF fallback.")


class TacitWeights(BaseModel):
    """Weights of the tacit-knowledge score components (normalised to sum to 1)."""

    model_config = ConfigDict(extra="forbid")

    explanatory: float = Field(0.5, ge=0)
    acknowledged: float = Field(0.25, ge=0)
    repeat_answerer: float = Field(0.25, ge=0)


class ExportsConfig(BaseModel):
    """Export settings."""

    model_config = ConfigDict(extra="forbid")

    unanswered_after_hours: float = Field(48.0, ge=0, description="A question counts as unanswered after this wait.")
    as_of: datetime | None = Field(
        None, description="Reference time for ages and the run_date folder (default: start of the run's UTC day)."
    )
    similar_answered_max: int = Field(3, ge=0, description="Suggestions per unanswered question.")
    similar_answered_min: Thresholds = Field(
        default_factory=lambda: Thresholds(vectors=0.6, tfidf=0.25), description="Minimum similarity of a suggestion."
    )
    suggested_answerers_max: int = Field(3, ge=0, description="People suggested per question (person-level output only).")
    faq_min_questions: int = Field(3, ge=2, description="N: a FAQ group needs at least this many questions.")
    faq_min_askers: int = Field(2, ge=1, description="M: ... asked by at least this many different people.")
    faq_similarity: Thresholds = Field(
        default_factory=lambda: Thresholds(vectors=0.75, tfidf=0.4), description="Similarity to join a FAQ group."
    )
    tacit_min_score: float = Field(0.4, ge=0, le=1, description="Tacit-knowledge candidates scoring below are left out.")
    tacit_max_rows: int = Field(1000, gt=0)
    tacit_cues: list[str] = Field(default_factory=lambda: list(TACIT_CUES), description="Explanatory phrases (lower case).")
    tacit_weights: TacitWeights = Field(default_factory=TacitWeights)
    link_only_max_words: int = Field(12, ge=0, description="An answer with a link and at most this many other words is link-only.")
    compression: Literal["zstd", "snappy", "gzip", "none"] = "zstd"


class ReportConfig(BaseModel):
    """The morning report (``report.html`` in every run folder): ``cfg.report``."""

    model_config = ConfigDict(extra="forbid")

    language: Literal["nl", "en"] = Field("nl", description="Language of the page texts: nl (Dutch) or en (English).")
    top_rows: int = Field(10, ge=1, le=100, description="Rows per list of top unanswered questions, FAQ and tacit candidates.")
    channels_shown: int = Field(6, ge=0, le=30, description="Channels (most questions first) with their own weekly plot.")
    topics_shown: int = Field(3, ge=1, le=10, description="Topics that grow most, and as many that shrink most, in the topic plot.")
