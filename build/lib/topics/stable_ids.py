"""Stable topic ids: a refitted topic keeps its old id, a new subject gets a never-used one.

The fitted model lives in ``<model_dir>/topics/<model_version>/`` (BERTopic safetensors) next
to ``manifest.json``, which maps the model's own topic ids to the stable ids stored in the
``topics`` and ``thread_topics`` tables, and holds the next free id. After a refit, old and new
topic embeddings are matched one-to-one (Hungarian assignment on cosine similarity); a pair
above ``align_min_similarity`` keeps the old id.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

MANIFEST = "manifest.json"


@dataclass
class Manifest:
    """What the current topic model is and how its topic ids map to stable ids."""

    model_version: str
    embedder_id: str
    fitted_at: str
    fit_threads: int
    next_id: int
    stable_ids: dict[int, int]
    labels: dict[int, str] = field(default_factory=dict)
    terms: dict[int, list[str]] = field(default_factory=dict)
    retired: list[int] = field(default_factory=list)

    def stable(self, model_topics: np.ndarray) -> np.ndarray:
        """Stable ids for an array of the model's topic ids (-1 stays -1)."""
        lookup = {-1: -1, **self.stable_ids}
        return np.fromiter((lookup[int(t)] for t in model_topics), dtype=np.int32, count=len(model_topics))


def topics_dir(model_dir: Path) -> Path:
    """Where the topic models and the manifest live."""
    return Path(model_dir) / "topics"


def read_manifest(model_dir: Path) -> Manifest | None:
    """The manifest of the current model, or None before the first fit."""
    path = topics_dir(model_dir) / MANIFEST
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in ("stable_ids", "labels", "terms"):
        data[key] = {int(k): v for k, v in data[key].items()}
    return Manifest(**data)


def write_manifest(model_dir: Path, manifest: Manifest, keep: int = 2) -> Path:
    """Write the manifest atomically and remove model versions older than the last ``keep``."""
    folder = topics_dir(model_dir)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(asdict(manifest), indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)
    versions = sorted(p for p in folder.iterdir() if p.is_dir() and p.name.startswith("t"))
    for old in versions[:-keep]:
        if old.name != manifest.model_version:
            shutil.rmtree(old, ignore_errors=True)
    return folder / MANIFEST


def model_version(previous: Manifest | None, centroids: np.ndarray) -> str:
    """``t0003-1a2b3c4d``: the fit number and a digest of the topic embeddings."""
    number = int(previous.model_version[1:5]) + 1 if previous else 1
    digest = hashlib.sha1(np.ascontiguousarray(centroids, dtype=np.float32).tobytes()).hexdigest()[:8]
    return f"t{number:04d}-{digest}"


def aligned_ids(
    old_centroids: np.ndarray,
    old_ids: list[int],
    new_centroids: np.ndarray,
    min_similarity: float,
    next_id: int,
) -> tuple[list[int], int]:
    """A stable id per new topic (row of ``new_centroids``) and the next free id.

    Old and new topics are paired one-to-one to maximise total cosine similarity; a pair at or
    above ``min_similarity`` keeps the old id, every other new topic gets ``next_id``, ``next_id + 1``...
    """
    ids = [-1] * len(new_centroids)
    if len(old_ids) and len(new_centroids):
        sims = normalised(new_centroids) @ normalised(old_centroids).T
        rows, cols = linear_sum_assignment(-sims)
        for r, c in zip(rows, cols):
            if sims[r, c] >= min_similarity:
                ids[r] = old_ids[c]
    for r in range(len(ids)):
        if ids[r] == -1:
            ids[r], next_id = next_id, next_id + 1
    return ids, next_id


def normalised(rows: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
