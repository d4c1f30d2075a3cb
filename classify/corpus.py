"""The labelled corpus: reading JSON lines, the fixed held-out split and cached corpus vectors.

Rows look like ``{id, lang, text, label, also, parent, is_reply, author_is_asker}``. 20% of the
rows, chosen by a stable hash of ``id``, are held out and never used for training.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pyarrow as pa

from kennismaker.classify.embedders import Embedder
from kennismaker.errors import KennismakerError
from kennismaker.schema import LABELS

CORPUS_DIR = Path(__file__).resolve().parent / "data"
HEAD_CLASSES = ("question", "answer", "link_share", "social")
HELD_OUT_PERCENT = 20


def corpus_files() -> list[Path]:
    """The bundled corpus files, in a fixed order."""
    return sorted(CORPUS_DIR.glob("corpus_*.jsonl"))


def _row(raw: dict, origin: str) -> dict:
    if not isinstance(raw.get("text"), str) or raw.get("label") not in LABELS:
        raise KennismakerError(
            f"{origin}: every row needs a 'text' string and a 'label' out of {', '.join(LABELS)}; fix the row and try again."
        )
    also = [a for a in (raw.get("also") or []) if a in HEAD_CLASSES]
    return {
        "id": str(raw.get("id") or hashlib.sha256(raw["text"].encode()).hexdigest()[:16]),
        "lang": raw.get("lang"),
        "text": raw["text"],
        "label": raw["label"],
        "also": also,
        "parent": raw.get("parent"),
        "is_reply": bool(raw.get("is_reply") or raw.get("parent")),
        "author_is_asker": bool(raw.get("author_is_asker")),
    }


def read_labels(path: Path) -> list[dict]:
    """The labelled rows of one JSON-lines file (blank lines skipped)."""
    if not Path(path).is_file():
        raise KennismakerError(f"Labels file {path} does not exist; pass a JSON-lines file with 'text' and 'label' per row.")
    rows = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(_row(json.loads(line), f"{path} line {n}"))
            except json.JSONDecodeError:
                raise KennismakerError(f"{path} line {n} is not valid JSON; fix the line and try again.") from None
    return rows


def is_held_out(row_id: str) -> bool:
    """True for the 20% of ids in the held-out split (a stable hash of the id, never the position)."""
    return int(hashlib.sha256(row_id.encode("utf-8")).hexdigest()[:8], 16) % 100 < HELD_OUT_PERCENT


def corpus_split(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """(training rows, held-out rows)."""
    return [r for r in rows if not is_held_out(r["id"])], [r for r in rows if is_held_out(r["id"])]


def thread_positions(rows: list[dict]) -> list[int]:
    """Position in the thread per row: 0 root, 1 reply to a root, 2 reply to a reply (parents matched by text)."""
    reply_texts = {r["text"] for r in rows if r["is_reply"]}
    return [0 if not r["is_reply"] else 2 if r["parent"] in reply_texts else 1 for r in rows]


def corpus_frame(rows: list[dict]) -> pa.Table:
    """Corpus rows in the shape ``classify.features`` expects of messages (context columns included)."""
    return pa.table(
        {
            "text": [r["text"] for r in rows],
            "lang": [r.get("lang") for r in rows],
            "attachment_count": [0] * len(rows),
            "is_reply": [r["is_reply"] for r in rows],
            "thread_position": thread_positions(rows),
            "parent_text": [r["parent"] for r in rows],
            "author_is_asker": [r["author_is_asker"] and r["is_reply"] for r in rows],
        }
    )


def text_hash(text: str) -> str:
    """The content hash the loader uses (first 32 hex digits of sha256)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def corpus_vectors(embedder: Embedder, texts: list[str], cache_dir: Path) -> np.ndarray:
    """Vectors for corpus texts, cached per embedder in ``cache_dir`` (corpus texts are not messages)."""
    path = Path(cache_dir) / f"corpus-vectors-{hashlib.sha256(embedder.model_id.encode()).hexdigest()[:12]}.npz"
    known: dict[str, np.ndarray] = {}
    if path.is_file():
        with np.load(path) as data:
            known = dict(zip(data["hashes"].tolist(), data["vectors"]))
    hashes = [text_hash(t) for t in texts]
    todo = {h: t for h, t in zip(hashes, texts) if h not in known}
    if todo:
        known.update(zip(todo, embedder.encode(list(todo.values()))))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, hashes=np.array(list(known)), vectors=np.stack(list(known.values())))
        tmp.replace(path)
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.stack([known[h] for h in hashes]).astype(np.float32)
