"""Fakes for the topic tests: a hashing embedder and a store filled with synthetic threads."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

import numpy as np
import pyarrow as pa
import pytest

from kennismaker.classify.embedders import register_embedder
from kennismaker.schema import EMBEDDINGS, MESSAGES
from kennismaker.store import open_store, upsert_arrow

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)

SUBJECTS = {
    "vpn": "vpn verbinding thuiswerken token inloggen citrix toegang wachtwoord",
    "declaraties": "declaratie reiskosten formulier bonnetje kilometers vergoeding salaris",
    "onboarding": "nieuwe collega introductie rondleiding welkom badge account eerste",
    "printer": "printer papier toner storing afdrukken scanner cartridge",
    "vergadering": "vergaderruimte reserveren agenda beamer zaal boeken",
}
COMMON = "hoi iemand weet vraag even graag bedankt thanks".split()


class FakeEmbedder:
    """Bag of hashed word vectors: texts sharing words are close; deterministic, no download."""

    dim = 48
    model_id = "fake-hash-48"

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                seed = int(hashlib.sha1(word.encode()).hexdigest()[:8], 16)
                out[i] += np.random.default_rng(seed).standard_normal(self.dim)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


class FakeFactory:
    def __call__(self, cfg):
        return FakeEmbedder()

    def model_id(self, cfg):
        return FakeEmbedder.model_id


register_embedder("fake_topics.v1", FakeFactory())


def thread_messages(subject: str, thread_no: int, rng: np.random.Generator, replies: int = 2) -> list[dict]:
    """A root and ``replies`` replies about ``subject`` (texts drawn from its words)."""
    words = SUBJECTS[subject].split()
    tid = f"t:{subject}:{thread_no:04d}"
    start = T0 + timedelta(days=int(rng.integers(0, 60)), minutes=thread_no)
    rows = []
    for k in range(replies + 1):
        text = " ".join(list(rng.choice(words, 5)) + list(rng.choice(COMMON, 2)))
        rows.append(message(tid if k == 0 else f"{tid}:r{k}", tid, text, start + timedelta(minutes=k)))
    return rows


def message(mid: str, thread_id: str | None, text: str, at: datetime) -> dict:
    """A messages row with the columns the topic stage reads."""
    return {
        "message_id": mid, "source": "fake", "channel_id": "fake:c1", "thread_id": thread_id,
        "author_key": "a1", "created_at": at, "is_deleted": False, "text": text, "is_bot": False,
        "content_hash": hashlib.sha1(text.encode()).hexdigest(),
    }


def store_messages(con, rows: list[dict]) -> None:
    """Insert messages and their (fake) cached embeddings; the conversation model is rebuilt, as answer linking does."""
    from kennismaker.classify.conversation_messages import rebuilt_conversation_messages
    from kennismaker.classify.linking_config import LinkingConfig

    cols = {f.name: [r.get(f.name) for r in rows] for f in MESSAGES.schema}
    upsert_arrow(con, MESSAGES, pa.table(cols, schema=MESSAGES.schema))
    rebuilt_conversation_messages(con, LinkingConfig())
    texts = {r["content_hash"]: r["text"] for r in rows}
    vectors = FakeEmbedder().encode(list(texts.values()))
    emb = pa.table(
        {
            "content_hash": list(texts),
            "model_id": [FakeEmbedder.model_id] * len(texts),
            "vector": pa.array([v.tolist() for v in vectors], pa.list_(pa.float32())),
        }
    )
    upsert_arrow(con, EMBEDDINGS, emb)


def add_threads(con, counts: dict[str, int], seed: int = 0, offset: int = 0) -> None:
    """Add ``counts[subject]`` synthetic threads per subject (thread numbers start at ``offset``)."""
    rng = np.random.default_rng(seed)
    rows = [m for s, n in counts.items() for i in range(offset, offset + n) for m in thread_messages(s, i, rng)]
    store_messages(con, rows)


def fast_topics(**over) -> dict:
    """Topic config with small fast parts (PCA + k-means, plain c-TF-IDF words)."""
    cfg = {
        "reducer": {"name": "pca", "params": {"n_components": 8}},
        "clusterer": {"name": "kmeans", "params": {"n_clusters": 4}},
        "representation": {"name": "none"},
        "vectorizer": {"min_df": 1},
        "min_fit_threads": 5,
        "min_chars": 20,
        "outliers": {"strategy": "embeddings", "threshold": 0.2},
    }
    cfg.update(over)
    return cfg


@pytest.fixture
def topic_config(make_config):
    """A config with the fake embedder and fast topic parts; keyword overrides go to ``topics``."""

    def build(**over):
        return make_config(classify={"embedder": {"name": "fake_topics.v1"}}, topics=fast_topics(**over))

    return build


@pytest.fixture
def store(tmp_path):
    """An open, empty store in a temporary folder."""
    with open_store(tmp_path / "db.duckdb") as con:
        yield con
