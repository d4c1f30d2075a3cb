"""The real BERTopic (UMAP + HDBSCAN + KeyBERTInspired) on the generated demo organisation."""

from __future__ import annotations

import importlib.util

import pytest

from kennismaker.topics.assign import assign_topics
from kennismaker.store import open_store


@pytest.mark.slow
def test_real_bertopic_on_demo_data(tmp_path):
    if importlib.util.find_spec("kennismaker.demo.generate") is None:
        pytest.skip("the demo generator is not available")
    from bench.topics_demo import evaluation

    topics = {"clusterer": {"name": "hdbscan", "params": {"min_cluster_size": 8}}}
    out = evaluation(tmp_path, messages=1500, embedder="hashing", topics=topics)
    assert out["fitted"] and out["topics"] >= 3
    assert out["outlier_share"] <= 0.2
    assert out["ari_all"] is not None and out["ari_all"] > 0
    from bench.topics_demo import demo_config

    cfg = demo_config(tmp_path, "hashing", topics)
    with open_store(cfg.database) as con:
        before = con.execute("SELECT * FROM thread_topics ORDER BY ALL").fetchall()
        again = assign_topics(con, cfg)
        assert not again["fitted"] and con.execute("SELECT * FROM thread_topics ORDER BY ALL").fetchall() == before
