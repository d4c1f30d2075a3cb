"""The stage: embedding cache, incremental labelling, long messages, partitions, deterministic training."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from kennismaker.classify.cache import embeddings_for, vector_column, vector_matrix
from kennismaker.classify.config import EmbedderConfig
from kennismaker.classify.corpus import HEAD_CLASSES, corpus_split, is_held_out
from kennismaker.classify.embedders import get_embedder
from kennismaker.classify.head import class_targets, current_head, model_version, trained_head
from kennismaker.classify.stage import classify_messages, label_partition, store_partition_results, write_pending_partitions
from kennismaker.schema import MESSAGES, TABLES
from kennismaker.store import open_store, table_check_failures, upsert_arrow

from .conftest import STORE_MESSAGES, FakeEmbedder, corpus_rows, message_rows


def labels_of(con) -> dict:
    return {r[0]: r[1:] for r in con.execute("SELECT message_id, label, p_question, p_answer, p_link_share, p_social FROM message_labels").fetchall()}


def encoded_texts() -> int:
    return sum(len(c) for c in FakeEmbedder.calls)


def test_embeddings_cache_embeds_only_new_hashes(fake_cfg, store):
    emb = get_embedder(fake_cfg.classify.embedder)
    first = embeddings_for(store, emb, ["h1", "h2", "h1"], ["een", "twee", "een"])
    assert first.shape == (3, FakeEmbedder.dim) and encoded_texts() == 2
    FakeEmbedder.calls.clear()
    again = embeddings_for(store, emb, ["h2", "h1"], ["twee", "een"])
    assert encoded_texts() == 0
    assert np.allclose(again[1], first[0])


def test_second_classify_labels_and_embeds_nothing(fake_cfg, store):
    first = classify_messages(store, fake_cfg)
    assert first["labelled"] == len(STORE_MESSAGES)
    assert first["embedded"] == len({m["text"] for m in STORE_MESSAGES})
    FakeEmbedder.calls.clear()
    second = classify_messages(store, fake_cfg)
    assert second["labelled"] == 0 and second["skipped"] == len(STORE_MESSAGES)
    assert encoded_texts() == 0
    assert not table_check_failures(store, TABLES["message_labels"])


def test_edited_message_is_relabelled(fake_cfg, store):
    classify_messages(store, fake_cfg)
    upsert_arrow(store, MESSAGES, message_rows([{**STORE_MESSAGES[4], "created_at": None}]).set_column(
        MESSAGES.columns.index("text"), "text", pa.array(["thanks everyone, see you monday!"])))
    edited = message_rows([{**STORE_MESSAGES[4], "text": "thanks everyone, see you monday!"}])
    upsert_arrow(store, MESSAGES, edited)
    counts = classify_messages(store, fake_cfg)
    assert counts["labelled"] == 1 and counts["embedded"] == 1
    stored_hash = store.sql("SELECT content_hash FROM message_labels WHERE message_id = 'm5'").fetchall()[0][0]
    assert stored_hash == edited.column("content_hash")[0].as_py()


def test_languages_are_written_to_messages(fake_cfg, store):
    classify_messages(store, fake_cfg)
    langs = dict(store.execute("SELECT message_id, lang FROM messages").fetchall())
    assert langs["m1"] == "nl" and langs["m5"] == "en"


def test_very_long_message_is_labelled_and_kept(fake_cfg, store):
    long_text = "Weet iemand hoe dit werkt? " + "bla " * 30_000
    upsert_arrow(store, MESSAGES, message_rows([{"message_id": "long", "text": long_text}]))
    classify_messages(store, fake_cfg)
    assert store.sql("SELECT label FROM message_labels WHERE message_id = 'long'").fetchall()[0][0] is not None
    assert store.sql("SELECT length(text) FROM messages WHERE message_id = 'long'").fetchall()[0][0] == len(long_text)


def test_partition_path_gives_the_same_labels(fake_cfg, store, tmp_path):
    paths = write_pending_partitions(store, fake_cfg, tmp_path / "in", 3)
    assert len(paths) == 2 or len(paths) == 3
    outputs = [label_partition(p, fake_cfg, tmp_path / "out") for p in paths]
    counts = store_partition_results(store, outputs)
    assert counts["labelled"] == len(STORE_MESSAGES)
    partitioned = labels_of(store)
    with open_store(tmp_path / "other.duckdb") as con:
        upsert_arrow(con, MESSAGES, message_rows(STORE_MESSAGES))
        classify_messages(con, fake_cfg)
        serial = labels_of(con)
    assert partitioned.keys() == serial.keys()
    for mid in serial:
        assert partitioned[mid][0] == serial[mid][0]
        assert np.allclose(partitioned[mid][1:], serial[mid][1:], atol=1e-6)


def test_training_is_deterministic(fake_cfg):
    emb = get_embedder(fake_cfg.classify.embedder)
    a = trained_head(fake_cfg.classify, fake_cfg.model_dir, emb)
    b = trained_head(fake_cfg.classify, fake_cfg.model_dir, emb)
    x = np.random.default_rng(0).normal(size=(5, a.context_probes["answer"].coef.shape[0])).astype(np.float32)
    assert a.model_version == b.model_version
    assert np.array_equal(a.probabilities(x), b.probabilities(x))


def test_head_is_trained_on_first_use_and_then_loaded(fake_cfg):
    head = current_head(fake_cfg.classify, fake_cfg.model_dir)
    assert (fake_cfg.model_dir / "classify" / f"{head.model_version}.safetensors").is_file()
    FakeEmbedder.calls.clear()
    assert current_head(fake_cfg.classify, fake_cfg.model_dir).model_version == head.model_version
    assert encoded_texts() == 0


def test_model_version_follows_embedder_and_settings(fake_cfg, make_config):
    other = make_config(classify={"embedder": {"name": "fake.v1", "max_tokens": 64}})
    assert model_version(fake_cfg.classify, fake_cfg.model_dir) != model_version(other.classify, other.model_dir)


def test_held_out_split_is_by_id_and_targets_use_also():
    rows = corpus_rows()
    train, held = corpus_split(rows)
    assert {r["id"] for r in held} == {r["id"] for r in rows if is_held_out(r["id"])}
    assert not {r["id"] for r in train} & {r["id"] for r in held}
    t = class_targets([{"label": "answer", "also": ["link_share"]}, {"label": "other", "also": []}])
    assert t[0].tolist() == [float(c in ("answer", "link_share")) for c in HEAD_CLASSES] and t[1].sum() == 0


def test_long_text_is_cut_before_the_model():
    from kennismaker.classify.embedders import cut_texts

    assert len(cut_texts(["x" * 100_000], EmbedderConfig().max_tokens)[0]) < 10_000


@pytest.mark.slow
def test_real_minilm_embeds_twenty_texts():
    texts = [t for _, t in __import__("tests.classify.conftest", fromlist=["QUESTIONS"]).QUESTIONS + __import__("tests.classify.conftest", fromlist=["ANSWERS"]).ANSWERS]
    texts = (texts + ["x" * 50_000, "hallo"])[:20]
    emb = get_embedder(EmbedderConfig(name="transformers"))
    vectors = emb.encode(texts)
    assert vectors.shape == (len(texts), 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
    assert np.allclose(emb.encode(texts[:3]), vectors[:3], atol=1e-5)


def test_flat_reply_context_uses_the_reconstructed_conversation(fake_cfg, store):
    """In flat channels Slack gives every message its own thread id; the asker is the conversation's author."""
    from kennismaker.classify.conversation_messages import rebuilt_conversation_messages
    from kennismaker.classify.linking_config import LinkingConfig
    from kennismaker.classify.stage import pending_messages
    from kennismaker.schema import CONVERSATIONS, REPLY_LINKS

    flat = [{"message_id": "f1", "text": "Weet iemand waar de sleutel van kast 3 ligt?", "thread_id": "f1", "author_key": "asker"},
            {"message_id": "f2", "text": "@Sanne Bij de receptie.", "thread_id": "f2", "author_key": "helper"},
            {"message_id": "f3", "text": "Gevonden, dank je!", "thread_id": "f3", "author_key": "asker"}]
    store.execute("DELETE FROM messages")
    upsert_arrow(store, MESSAGES, message_rows(flat))
    upsert_arrow(store, REPLY_LINKS, pa.Table.from_pylist(
        [{"message_id": m, "parent_id": p, "method": "flat.linear.v1", "score": 0.9} for m, p in (("f2", "f1"), ("f3", "f2"))],
        schema=REPLY_LINKS.schema))
    upsert_arrow(store, CONVERSATIONS, pa.Table.from_pylist(
        [{"message_id": m, "conversation_id": "f1"} for m in ("f1", "f2", "f3")], schema=CONVERSATIONS.schema))
    rebuilt_conversation_messages(store, LinkingConfig())  # what answer linking does after writing conversations
    rows = {r["message_id"]: r for r in pending_messages(store, "any", "any").to_pylist()}
    assert (rows["f2"]["is_reply"], rows["f2"]["author_is_asker"], rows["f2"]["thread_position"]) == (True, False, 1)
    assert (rows["f3"]["author_is_asker"], rows["f3"]["thread_position"]) == (True, 2)
    assert rows["f1"]["is_reply"] is False


def test_vector_column_round_trips_with_nulls():
    vectors = np.arange(12, dtype=np.float32).reshape(4, 3)
    column = vector_column(vectors, np.array([True, False, True, False]))
    assert column.to_pylist() == [[0.0, 1.0, 2.0], None, [6.0, 7.0, 8.0], None]
    dense, present = vector_matrix(pa.chunked_array([column.slice(0, 2), column.slice(2)]))
    assert present.tolist() == [True, False, True, False]
    assert np.array_equal(dense, np.where(present[:, None], vectors, 0))


def test_partitions_are_bounded_by_partition_rows(fake_cfg, store, tmp_path):
    cfg = fake_cfg.model_copy(update={"classify": fake_cfg.classify.model_copy(update={"partition_rows": 2})})
    paths = write_pending_partitions(store, cfg, tmp_path / "in", 1)
    rows = [pq.read_metadata(p).num_rows for p in paths]
    assert sum(rows) == len(STORE_MESSAGES) and max(rows) == 2 and len(paths) == -(-len(STORE_MESSAGES) // 2)
