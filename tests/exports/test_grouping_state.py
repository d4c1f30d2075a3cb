"""The FAQ grouping resumed from a stored grouping equals grouping from scratch."""

from __future__ import annotations

import numpy as np

from kennismaker.exports.grouping_state import divergence, faq_grouping, question_groups, replayed_groups
from kennismaker.store import open_store


def unit_rows(n: int, seed: int, families: int = 5) -> np.ndarray:
    """Rows near one of a few directions (so groups form), some of them zero (no vector)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(families, 16))
    rows = centres[rng.integers(0, families, n)] + 0.35 * rng.normal(size=(n, 16))
    rows[rng.random(n) < 0.1] = 0
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return (rows / np.where(norms == 0, 1, norms)).astype(np.float32)


def members(groups) -> list[list[int]]:
    return [g.members for g in groups]


def test_resumed_grouping_equals_grouping_from_scratch():
    matrix = unit_rows(300, seed=3)
    full = question_groups(matrix, 0.75)
    assert 3 <= len(full) < 300
    for start in (0, 1, 150, 299, 300):
        number = {i: g for g, group in enumerate(question_groups(matrix[:start], 0.75)) for i in group.members}
        resumed = question_groups(matrix, 0.75, replayed_groups(matrix, [number.get(i) for i in range(start)]), start)
        assert members(resumed) == members(full)
        assert all(np.array_equal(a.total, b.total) for a, b in zip(resumed, full))


def test_divergence_is_the_first_new_or_changed_question():
    stored = [("q1", "h1", True, 0), ("q2", "h2", True, 0), ("q3", "h3", False, None)]
    assert divergence(stored, [("q1", "h1", True), ("q2", "h2", True), ("q3", "h3", False), ("q4", "h4", True)]) == 3
    assert divergence(stored, [("q1", "h1", True), ("q2", "h2-edited", True), ("q3", "h3", False)]) == 1
    assert divergence(stored, [("q1", "h1", True), ("q3", "h3", True)]) == 1
    assert divergence(stored, [("q1", "h1", True)]) == 1


def test_stored_grouping_is_resumed_only_under_the_same_settings(tmp_path):
    matrix = unit_rows(120, seed=5)
    ids, hashes = [f"q{i:03d}" for i in range(120)], [f"h{i}" for i in range(120)]
    with open_store(tmp_path / "s.duckdb") as con:
        first, regrouped = faq_grouping(con, ids[:100], hashes[:100], matrix[:100], 0.75, "vectors:0.75:m")
        assert regrouped == 100
        again, regrouped = faq_grouping(con, ids, hashes, matrix, 0.75, "vectors:0.75:m")
        assert regrouped == 20 and members(again) == members(question_groups(matrix, 0.75))
        edited = hashes[:50] + ["h50-edited"] + hashes[51:]
        _, regrouped = faq_grouping(con, ids, edited, matrix, 0.75, "vectors:0.75:m")
        assert regrouped == 70
        _, regrouped = faq_grouping(con, ids, edited, matrix, 0.8, "vectors:0.8:m")
        assert regrouped == 120
