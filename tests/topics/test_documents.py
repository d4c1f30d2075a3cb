"""Thread documents: which messages of a conversation make up its vector and its text."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pyarrow as pa

from kennismaker.schema import MESSAGE_LABELS
from kennismaker.store import upsert_arrow
from tests.topics.conftest import T0, FakeEmbedder, message, store_messages
from kennismaker.topics.documents import document_rows, thread_catalog, thread_chunks

THREAD = [
    ("q", "Hoe krijg ik toegang tot de gedeelde projectmap op de fileserver", "question"),
    ("a", "Vraag toegang aan via het selfserviceportaal onder mappen en rechten", "answer"),
    ("t", "top, dank je wel!", "social"),
    ("p", "+1 had ik ook", "other"),
]


def labelled_thread(con, labels=True) -> None:
    rows = [message(mid, "q", text, T0 + timedelta(minutes=i)) for i, (mid, text, _) in enumerate(THREAD)]
    store_messages(con, rows)
    if labels:
        upsert_arrow(con, MESSAGE_LABELS, pa.Table.from_pylist(
            [{c: None for c in MESSAGE_LABELS.columns} | {"message_id": mid, "label": label} for mid, _, label in THREAD],
            schema=MESSAGE_LABELS.schema))


def only_chunk(con):
    chunks = list(thread_chunks(con, ["q"], FakeEmbedder.model_id, root_weight=2.0, max_chars=4000, chunk_size=10, with_text=True))
    assert len(chunks) == 1 and chunks[0].thread_ids == ["q"]
    return chunks[0]


def expected_vector(texts_and_weights) -> np.ndarray:
    vecs = FakeEmbedder().encode([t for t, _ in texts_and_weights])
    total = sum(w * v for (_, w), v in zip(texts_and_weights, vecs))
    return total / np.linalg.norm(total)


def test_document_rows_keep_substantive_rows_or_the_whole_group():
    starts = np.array([0, 3, 5])
    substantive = np.array([True, False, True, False, False, False, True])
    assert document_rows(starts, substantive).tolist() == [True, False, True, True, True, False, True]


def test_thanks_and_plus_ones_stay_out_of_a_labelled_thread(store):
    labelled_thread(store)
    chunk = only_chunk(store)
    assert chunk.texts == [f"{THREAD[0][1]}\n{THREAD[1][1]}"]
    want = expected_vector([(THREAD[0][1], 2.0), (THREAD[1][1], 1.0)])
    assert np.allclose(chunk.vectors[0], want, atol=1e-5)


def test_unlabelled_thread_uses_every_message(store):
    labelled_thread(store, labels=False)
    chunk = only_chunk(store)
    assert chunk.texts == ["\n".join(t for _, t, _ in THREAD)]
    want = expected_vector([(THREAD[0][1], 2.0)] + [(t, 1.0) for _, t, _ in THREAD[1:]])
    assert np.allclose(chunk.vectors[0], want, atol=1e-5)


def test_relabelling_changes_the_document_hash(store):
    labelled_thread(store)
    before = thread_catalog(store, FakeEmbedder.model_id).column("doc_hash").to_pylist()
    store.execute("UPDATE message_labels SET label = 'other' WHERE message_id = 'a'")
    assert thread_catalog(store, FakeEmbedder.model_id).column("doc_hash").to_pylist() != before
