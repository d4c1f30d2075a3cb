"""Config of the topic stage (owned by topics/).

The topic model's parts (reducer, clusterer, representation) are chosen by registered name
(see ``topics/parts.py``); their keyword arguments are the ``params`` mapping, so a test can pick
``pca`` + ``kmeans`` and a deployment ``umap`` + ``hdbscan`` without code changes.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PartConfig(_Strict):
    """One model part: a registered name and the keyword arguments of its factory."""

    name: str
    params: dict[str, Any] = Field(default_factory=dict)


class VectorizerConfig(_Strict):
    """The bag-of-words used for topic terms (c-TF-IDF)."""

    min_df: int = Field(
        1, ge=1, description="A term must occur in at least this many topics (BERTopic fits the vectorizer on one document per topic)."
    )
    ngram_max: int = Field(2, ge=1, le=3, description="Longest n-gram (terms are 1..ngram_max words).")
    extra_stop_words: list[str] = Field(default_factory=list, description="Organisation-specific noise words.")
    lemmatize: bool = Field(False, description="Lemmatise with a spaCy pipeline (needs spacy_model installed).")
    spacy_model: str = Field("nl_core_news_sm", description="Installed spaCy pipeline used when lemmatize is on.")


class OutlierConfig(_Strict):
    """How BERTopic's ``reduce_outliers`` re-assigns threads the clusterer left out."""

    strategy: Literal["embeddings", "c-tf-idf", "distributions", "none"] = "embeddings"
    threshold: float = Field(0.3, ge=0, le=1, description="Minimum similarity to move an outlier into a topic.")


class SeedTopic(_Strict):
    """A topic from the organisation's taxonomy, with words that describe it."""

    name: str
    words: list[str] = Field(default_factory=list)


class RefitConfig(_Strict):
    """When the saved model is fitted again (otherwise new threads only get ``transform``)."""

    every_days: int | None = Field(7, ge=1, description="Refit when the model is this old and there is new data.")
    max_outlier_share: float = Field(0.3, ge=0, le=1, description="Refit when the last run's outlier share is higher.")
    max_new_share: float = Field(0.25, ge=0, description="Refit when threads new since the fit exceed this share.")
    min_days: float = Field(1.0, ge=0, description="Never refit automatically more often than this.")


class TopicsConfig(_Strict):
    """Topic modelling settings."""

    seed: int = 42
    min_chars: int = Field(40, ge=0, description="Threads with fewer characters are not used for fitting.")
    long_chars: int | None = Field(
        400, ge=0, description="Threads without a question, answer or link share are topic documents only from this length (None: no such rule)."
    )
    root_weight: float = Field(2.0, gt=0, description="Weight of the root message in a thread's vector.")
    max_doc_chars: int = Field(4000, gt=0, description="A thread document is cut to this many characters.")
    sample_size: int = Field(50_000, gt=0, description="Threads the model is fitted on (seeded sample).")
    chunk_size: int = Field(10_000, gt=0, description="Threads transformed per chunk (bounds memory).")
    min_fit_threads: int = Field(20, ge=2, description="Fewer eligible threads than this: no model is fitted.")
    top_n_words: int = Field(10, gt=0)
    label_words: int = Field(3, gt=0, description="Words in a topic's readable label.")
    reduce_frequent_words: bool = Field(True, description="c-TF-IDF dampens words frequent in every topic (BERTopic ClassTfidfTransformer).")
    nr_topics: int | Literal["auto"] | None = Field(None, description="Let BERTopic merge topics down to this number.")
    reducer: PartConfig = Field(
        default_factory=lambda: PartConfig(
            name="umap", params={"n_neighbors": 15, "n_components": 5, "min_dist": 0.0, "metric": "cosine"}
        )
    )
    clusterer: PartConfig = Field(default_factory=lambda: PartConfig(name="hdbscan", params={"min_cluster_size": 15, "min_samples": 5}))
    representation: PartConfig = Field(default_factory=lambda: PartConfig(name="keybert"))
    vectorizer: VectorizerConfig = Field(default_factory=VectorizerConfig)
    outliers: OutlierConfig = Field(default_factory=OutlierConfig)
    seed_topics: list[SeedTopic] = Field(default_factory=list, description="The organisation's taxonomy.")
    seed_mode: Literal["guided", "zeroshot"] = "guided"
    seed_min_similarity: float = Field(0.35, ge=0, le=1, description="A topic takes a seed topic's name above this.")
    zeroshot_min_similarity: float = Field(0.7, ge=0, le=1)
    align_min_similarity: float = Field(0.7, ge=0, le=1, description="A refitted topic keeps an old id above this.")
    refit: RefitConfig = Field(default_factory=RefitConfig)

    @field_validator("reducer", "clusterer", "representation")
    @classmethod
    def _registered(cls, value: PartConfig, info: ValidationInfo) -> PartConfig:
        from kennismaker.topics.parts import PARTS

        PARTS[info.field_name].checked(value.name, key=f"topics.{info.field_name}.name")
        return value
