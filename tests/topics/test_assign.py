"""The topic stage end to end on synthetic threads with fast fake parts."""

from __future__ import annotations

from tests.topics.conftest import add_threads, message, store_messages, T0
from kennismaker.topics.assign import assign_topics
from kennismaker.topics.stable_ids import read_manifest

FOUR = {"vpn": 30, "declaraties": 30, "onboarding": 30, "printer": 30}


def snapshot(con) -> dict:
    return {
        t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
        for t in ("topics", "thread_topics", "topic_trends")
    }


def topic_of(con) -> dict[str, int]:
    return dict(con.execute("SELECT thread_id, topic_id FROM thread_topics").fetchall())


def test_tables_filled_and_subjects_separated(store, topic_config):
    add_threads(store, FOUR)
    out = assign_topics(store, topic_config())
    assert out["fitted"] and out["topics"] == 4 and out["threads"] == 120 and out["new_threads"] == 120
    assert store.execute("SELECT count(*) FROM thread_topics").fetchall()[0][0] == 120
    per_subject = store.execute(
        "SELECT split_part(thread_id, ':', 2) AS s, count(DISTINCT topic_id) FROM thread_topics GROUP BY s"
    ).fetchall()
    assert all(n == 1 for _, n in per_subject)
    labels = [r[0] for r in store.execute("SELECT label FROM topics WHERE topic_id >= 0").fetchall()]
    assert len(labels) == 4 and all(" / " in label for label in labels)
    assert store.execute("SELECT sum(threads) FROM topic_trends").fetchall()[0][0] == 120
    assert store.execute("SELECT count(*) FROM topic_runs").fetchall()[0][0] == 1


def test_second_run_without_new_data_changes_nothing(store, topic_config):
    add_threads(store, FOUR)
    cfg = topic_config()
    assign_topics(store, cfg)
    before = snapshot(store)
    out = assign_topics(store, cfg)
    assert not out["fitted"] and out["new_threads"] == 0 and out["changed_threads"] == 0
    assert snapshot(store) == before


def test_new_threads_are_transformed_without_refit(store, topic_config):
    add_threads(store, FOUR)
    cfg = topic_config()
    assign_topics(store, cfg)
    old = topic_of(store)
    add_threads(store, {"vpn": 3}, seed=5, offset=500)
    out = assign_topics(store, cfg)
    assert not out["fitted"] and out["new_threads"] == 3
    new = topic_of(store)
    vpn_topic = old["t:vpn:0000"]
    assert all(new[f"t:vpn:{i:04d}"] == vpn_topic for i in range(500, 503))
    assert all(new[t] == old[t] for t in old)


def test_refit_keeps_ids_and_gives_new_subject_a_new_id(store, topic_config):
    add_threads(store, FOUR)
    assign_topics(store, topic_config())
    old = topic_of(store)
    add_threads(store, {"vergadering": 30, "vpn": 10, "printer": 10}, seed=9, offset=1000)
    out = assign_topics(store, topic_config(clusterer={"name": "kmeans", "params": {"n_clusters": 5}}), refit=True)
    assert out["fitted"] and out["topics"] == 5
    new = topic_of(store)
    kept = sum(new[t] == old[t] for t in old) / len(old)
    assert kept >= 0.9
    meeting = {new[f"t:vergadering:{i:04d}"] for i in range(1000, 1030)}
    assert len(meeting) == 1 and meeting.pop() not in set(old.values())
    manifest = read_manifest(topic_config().model_dir)
    assert manifest.next_id == 5 and manifest.model_version.startswith("t0002-")


def test_retired_ids_are_never_reused(store, topic_config):
    add_threads(store, FOUR)
    assign_topics(store, topic_config())
    store.execute("DELETE FROM messages WHERE thread_id LIKE 't:printer:%'")
    add_threads(store, {"vergadering": 30}, seed=3, offset=2000)
    cfg = topic_config()
    assign_topics(store, cfg, refit=True)
    ids = {r[0] for r in store.execute("SELECT DISTINCT topic_id FROM thread_topics").fetchall()}
    manifest = read_manifest(cfg.model_dir)
    assert manifest.retired and not (set(manifest.retired) & ids)
    assert max(ids) == 4


def test_short_social_threads_are_not_fitted_but_assigned_when_possible(store, topic_config):
    add_threads(store, FOUR)
    store_messages(store, [message("s:1", None, "hoi", T0), message("s:2", None, "vpn token", T0)])
    out = assign_topics(store, topic_config())
    assert out["eligible"] == 120 and out["threads"] == 122
    rows = dict(store.execute("SELECT thread_id, topic_id FROM thread_topics WHERE thread_id LIKE 's:%'").fetchall())
    assert rows["s:1"] == -1
    assert rows["s:2"] == topic_of(store)["t:vpn:0000"]


def test_outlier_share_reported_and_stored(store, topic_config):
    add_threads(store, FOUR)
    noise = [message(f"n:{i}", None, f"lunch kantine taart verjaardag feest {i} borrel zomer", T0) for i in range(6)]
    store_messages(store, noise)
    cfg = topic_config(clusterer={"name": "hdbscan", "params": {"min_cluster_size": 10}}, outliers={"strategy": "embeddings", "threshold": 0.9})
    out = assign_topics(store, cfg)
    assert 0 < out["outlier_share"] < 0.2
    stored = store.execute("SELECT outlier_share, fitted, new_threads FROM topic_runs").fetchall()[0]
    assert stored == (out["outlier_share"], True, 126)


def test_seed_topics_name_their_topics(store, topic_config):
    add_threads(store, FOUR)
    seeds = [
        {"name": "IT-toegang", "words": ["vpn", "token", "inloggen", "toegang"]},
        {"name": "declaraties", "words": ["declaratie", "reiskosten", "vergoeding"]},
        {"name": "onboarding", "words": ["nieuwe", "collega", "introductie", "welkom"]},
    ]
    assign_topics(store, topic_config(seed_topics=seeds))
    label = dict(store.execute(
        "SELECT split_part(tt.thread_id, ':', 2), t.label FROM thread_topics tt JOIN topics t USING (topic_id)"
    ).fetchall())
    assert label["vpn"] == "IT-toegang" and label["declaraties"] == "declaraties" and label["onboarding"] == "onboarding"
    assert label["printer"] != "IT-toegang"


def test_zeroshot_seed_mode_runs(store, topic_config):
    add_threads(store, FOUR)
    seeds = [{"name": "IT-toegang", "words": ["vpn", "token", "inloggen", "toegang", "citrix"]}]
    out = assign_topics(store, topic_config(seed_topics=seeds, seed_mode="zeroshot", zeroshot_min_similarity=0.5))
    assert out["fitted"]
    assert store.execute("SELECT count(*) FROM topics WHERE label = 'IT-toegang'").fetchall()[0][0] == 1
