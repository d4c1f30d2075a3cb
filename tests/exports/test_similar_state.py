"""Similar answered questions continued from the stored matches equal a comparison with every answered question."""

from __future__ import annotations

import numpy as np

from kennismaker.exports.similar_state import merged_matches
from kennismaker.exports.similarity import top_matches


def unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def best(query: np.ndarray, matrix: np.ndarray, ids: list[str], k: int, minimum: float) -> list[tuple[str, float]]:
    sims = matrix @ query
    return [(ids[j], s) for j, s in top_matches(sims, np.ones(len(ids), bool), k, minimum)]


def test_stored_matches_merged_with_the_added_questions_equal_a_full_comparison():
    rng = np.random.default_rng(7)
    centre = rng.normal(size=16)
    matrix = unit(centre + 0.8 * rng.normal(size=(400, 16)))
    matrix[50] = matrix[10]  # a tie: the earlier question wins in both
    ids = [f"a{j:03d}" for j in range(400)]
    query = unit(centre[None, :] + 0.5 * rng.normal(size=(1, 16)))[0]
    old = [j for j in range(400) if j % 3]  # the answered set of the last run, in answered order
    stored = best(query, matrix[old], [ids[j] for j in old], 5, 0.2)
    kept_ids = {q for q, _ in stored}
    removed = [j for j in old if ids[j] not in kept_ids][:40]  # no longer answered, none of them a stored match
    added = [j for j in range(400) if j % 3 == 0]
    now = sorted(set(old) - set(removed) | set(added))
    order = {ids[j]: i for i, j in enumerate(now)}
    found = best(query, matrix[added], [ids[j] for j in added], 5, 0.2)
    assert merged_matches(stored, found, order, 5) == best(query, matrix[now], [ids[j] for j in now], 5, 0.2)
    assert any(q in {ids[j] for j in added} for q, _ in merged_matches(stored, found, order, 5))
