"""Topic model parts chosen by registered name: reducers, clusterers, representations.

Every factory takes the run's seed plus the ``params`` of its config section as keyword
arguments, so config alone picks the implementation. Built-ins use ``register_part`` like a
plugin would, under versioned names (``umap.v1``; the short ``umap`` stays an alias); tests use
``pca`` + ``kmeans`` (fast, exact), production ``umap`` + ``hdbscan``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kennismaker.errors import ConfigError
from kennismaker.registry import Registry
from kennismaker.topics.config import PartConfig

PartFactory = Callable[..., Any]
PARTS: dict[str, Registry] = {
    kind: Registry(f"topic_{kind}s", kind, aliases={name: f"{name}.v1" for name in short})
    for kind, short in (("reducer", ("umap", "pca")), ("clusterer", ("hdbscan", "kmeans", "agglomerative")),
                        ("representation", ("keybert", "mmr", "none")))
}


def register_part(kind: str, name: str, factory: PartFactory) -> None:
    """Make ``factory`` available as ``topics.<kind>.name: <name>`` (a versioned name such as ``mine.v1``)."""
    PARTS[kind].register(name, func=factory)


def part(kind: str, spec: PartConfig, seed: int) -> Any:
    """The part of ``kind`` named in ``spec``, built with the seed and its params."""
    factory = PARTS[kind].get(spec.name)
    try:
        return factory(seed=seed, **spec.params)
    except TypeError as exc:
        raise ConfigError(f"topics.{kind}.params do not fit '{spec.name}' ({exc}); check the key names.") from None


def umap_reducer(seed: int, **params: Any) -> Any:
    """UMAP with a fixed ``random_state`` (deterministic; single-threaded by UMAP's design)."""
    from umap import UMAP

    return UMAP(random_state=seed, low_memory=True, **params)


def pca_reducer(seed: int, n_components: int = 5, **params: Any) -> Any:
    """PCA: fast and exact, for tests and very large samples."""
    from sklearn.decomposition import PCA

    return PCA(n_components=n_components, random_state=seed, **params)


def hdbscan_clusterer(seed: int, min_cluster_size: int = 15, **params: Any) -> Any:
    """HDBSCAN (deterministic for the same input; ``seed`` is unused)."""
    from hdbscan import HDBSCAN

    params.setdefault("metric", "euclidean")
    params.setdefault("cluster_selection_method", "eom")
    return HDBSCAN(min_cluster_size=min_cluster_size, prediction_data=False, **params)


def kmeans_clusterer(seed: int, n_clusters: int = 20, **params: Any) -> Any:
    """k-means with a fixed seed (no outliers)."""
    from sklearn.cluster import KMeans

    params.setdefault("n_init", 10)
    return KMeans(n_clusters=n_clusters, random_state=seed, **params)


def agglomerative_clusterer(seed: int, n_clusters: int = 20, **params: Any) -> Any:
    """Agglomerative clustering (deterministic, no outliers); ``seed`` is unused."""
    from sklearn.cluster import AgglomerativeClustering

    return AgglomerativeClustering(n_clusters=n_clusters, **params)


def keybert_representation(seed: int, **params: Any) -> Any:
    """BERTopic's KeyBERTInspired: topic words re-ranked by similarity to the topic, same embedder."""
    from bertopic.representation import KeyBERTInspired

    params.setdefault("random_state", seed)
    return KeyBERTInspired(**params)


def mmr_representation(seed: int, diversity: float = 0.3, **params: Any) -> Any:
    """BERTopic's MaximalMarginalRelevance: diverse topic words."""
    from bertopic.representation import MaximalMarginalRelevance

    return MaximalMarginalRelevance(diversity=diversity, **params)


def no_representation(seed: int) -> None:
    """Plain c-TF-IDF words (no fine-tuning)."""
    return None


for _kind, _name, _factory in (
    ("reducer", "umap.v1", umap_reducer),
    ("reducer", "pca.v1", pca_reducer),
    ("clusterer", "hdbscan.v1", hdbscan_clusterer),
    ("clusterer", "kmeans.v1", kmeans_clusterer),
    ("clusterer", "agglomerative.v1", agglomerative_clusterer),
    ("representation", "keybert.v1", keybert_representation),
    ("representation", "mmr.v1", mmr_representation),
    ("representation", "none.v1", no_representation),
):
    register_part(_kind, _name, _factory)
