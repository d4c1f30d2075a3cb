"""The FAQ grouping, resumable: the greedy chronological grouping continued from where it last diverged.

``exports.faq.question_groups`` visits the questions in the order they were asked, so the groups
after question ``p`` depend only on questions ``0..p``. ``faq_grouping`` stores each question's
place and group (``faq_grouping``); the next run finds the first place where the current question
list differs from the stored one (a new question, an edit, a question gone, a vector now cached,
another opt-out), rebuilds the groups of the questions before it by replaying the same float
additions in the same order, and groups only the rest. The groups equal a run from scratch.
Any change of method, threshold or embedder (``settings``) starts from the first question.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import numpy as np
import pyarrow as pa

from kennismaker.schema import FAQ_GROUPING


@dataclass
class Group:
    """Indexes of the questions in one group (the first is the earliest) and the sum of their vectors."""

    members: list[int]
    total: np.ndarray = field(repr=False)

    def centroid(self, matrix: np.ndarray) -> np.ndarray:
        """The group's centroid row as the grouping keeps it (a single member's own vector)."""
        if len(self.members) == 1:
            return matrix[self.members[0]]
        return self.total / np.linalg.norm(self.total)


def question_groups(matrix: np.ndarray, threshold: float, groups: list[Group] | None = None, start: int = 0) -> list[Group]:
    """Greedy chronological grouping of unit-length rows by cosine similarity to group centroids.

    ``groups`` (built from rows before ``start``) are continued from row ``start``.
    """
    groups = list(groups or [])
    centroids = np.zeros((max(64, 2 * len(groups)), matrix.shape[1]), dtype=np.float32)
    for j, g in enumerate(groups):
        centroids[j] = g.centroid(matrix)
    for i in range(start, len(matrix)):
        vec = matrix[i]
        if not vec.any():
            continue
        sims = centroids[: len(groups)] @ vec if groups else np.zeros(0)
        j = int(np.argmax(sims)) if len(sims) else -1
        if j >= 0 and sims[j] >= threshold:
            groups[j].members.append(i)
            groups[j].total = groups[j].total + vec
            centroids[j] = groups[j].total / np.linalg.norm(groups[j].total)
        else:
            if len(groups) == len(centroids):
                centroids = np.vstack([centroids, np.zeros_like(centroids)])
            groups.append(Group([i], vec.copy()))
            centroids[len(groups) - 1] = vec
    return groups


def replayed_groups(matrix: np.ndarray, assigned: list[int | None]) -> list[Group]:
    """The groups of rows ``0..len(assigned)-1`` given each row's group number (None: skipped), summed as the grouping sums."""
    groups: dict[int, Group] = {}
    for i, g in enumerate(assigned):
        if g is None:
            continue
        if g in groups:
            groups[g].members.append(i)
            groups[g].total = groups[g].total + matrix[i]
        else:
            groups[g] = Group([i], matrix[i].copy())
    return [groups[g] for g in sorted(groups)]


def stored_grouping(con: duckdb.DuckDBPyConnection, settings: str) -> list[tuple]:
    """The stored (question_id, content_hash, has_vector, group_no) rows by place, or [] under other settings."""
    return con.execute("SELECT question_id, content_hash, has_vector, group_no FROM faq_grouping WHERE settings = ? ORDER BY position",
                       [settings]).fetchall()


def divergence(stored: list[tuple], current: list[tuple]) -> int:
    """The first place where ``current`` (question_id, content_hash, has_vector) differs from ``stored``."""
    for i, (old, new) in enumerate(zip(stored, current)):
        if old[:3] != new:
            return i
    return min(len(stored), len(current))


def faq_grouping(con: duckdb.DuckDBPyConnection, ids: list[str], hashes: list[str | None], matrix: np.ndarray,
                 threshold: float, settings: str | None) -> tuple[list[Group], int]:
    """The groups of the questions (in asking order), resumed from the stored grouping; and how many rows were regrouped.

    ``settings`` None (vectors fitted on these texts, such as TF-IDF) groups from scratch. The new
    grouping is stored for the next run (inside the caller's transaction, if any).
    """
    current = [(q, h, bool(matrix[i].any())) for i, (q, h) in enumerate(zip(ids, hashes))]
    stored = stored_grouping(con, settings) if settings is not None else []
    start = divergence(stored, current)
    groups = question_groups(matrix, threshold, replayed_groups(matrix, [r[3] for r in stored[:start]]), start)
    number = {i: g for g, group in enumerate(groups) for i in group.members}
    rows = pa.table({"position": pa.array(range(len(ids)), pa.int32()), "question_id": pa.array(ids, pa.string()),
                     "content_hash": pa.array(hashes, pa.string()), "has_vector": pa.array([c[2] for c in current], pa.bool_()),
                     "group_no": pa.array([number.get(i) for i in range(len(ids))], pa.int32()),
                     "settings": pa.array([settings or ""] * len(ids), pa.string())}).cast(FAQ_GROUPING.schema)
    con.execute("DELETE FROM faq_grouping").fetchall()
    con.register("__faq_grouping", rows)
    try:
        con.execute("INSERT INTO faq_grouping SELECT * FROM __faq_grouping")
    finally:
        con.unregister("__faq_grouping")
    return groups, len(ids) - start
