"""The content of each export on the hand-made store."""

from __future__ import annotations

import hashlib

import pytest

from exports.faq import faq_candidates
from exports.health import knowledge_health, topic_trends
from exports.publish import EXPORT_FUNCTIONS, export_tables
from exports.tacit import explanatory, not_link_only, tacit_knowledge_candidates
from exports.unanswered import unanswered_questions
from kennismaker.schema import EXPORTS
from kennismaker.store import open_store
from tests.exports.conftest import fill_store

pytestmark = pytest.mark.filterwarnings("ignore:demo mode")


def test_every_export_has_its_documented_schema(store):
    con, cfg = store
    tables = export_tables(con, cfg)
    assert set(tables) == set(EXPORTS) == set(EXPORT_FUNCTIONS)
    for name, table in tables.items():
        assert table.schema.equals(EXPORTS[name]), name


def test_unanswered_lists_old_questions_without_an_answer_from_someone_else(store):
    con, cfg = store
    rows = {r["question_id"]: r for r in unanswered_questions(con, cfg).to_pylist()}
    assert set(rows) == {"q2", "q3", "q4"}  # q6 is younger than 48 h, q5 is opted out, others answered
    assert rows["q2"]["reason"] == "no_replies"
    assert rows["q3"]["reason"] == "only_asker"
    assert rows["q4"]["reason"] == "no_answer"
    assert rows["q2"]["age_hours"] == pytest.approx((31 - 5 + 1) * 24 - 9)
    assert rows["q2"]["topic_label"] == "vpn_wachtwoord" and rows["q2"]["channel"] == "it-helpdesk"


def test_unanswered_suggests_earlier_answered_questions_and_sorts_actionable_first(store):
    con, cfg = store
    table = unanswered_questions(con, cfg)
    q2 = next(r for r in table.to_pylist() if r["question_id"] == "q2")
    assert [s["question_id"] for s in q2["similar_answered"]] == ["q1", "q8"]
    assert q2["similar_answered"][0]["answer_id"] == "a1"
    assert table.column("question_id").to_pylist()[-1] == "q4"  # no suggestion: least actionable
    scores = table.column("actionability").to_pylist()
    assert scores == sorted(scores, reverse=True)


def test_tacit_scores_explanatory_acknowledged_answers_and_drops_link_only(store):
    con, cfg = store
    rows = tacit_knowledge_candidates(con, cfg).to_pylist()
    assert [r["answer_id"] for r in rows] == ["a1"]  # a8 is link-only, a7 is opted out
    a1 = rows[0]
    assert a1["acknowledged"] == 1.0 and a1["not_link_only"] == 1.0
    assert {"eerst", "daarna", "tip", "in mijn ervaring"} <= set(a1["cues"])
    assert 0 <= a1["score"] <= 1
    assert not_link_only("zie https://intranet.example/vpn", None, 12) == 0.0
    assert explanatory("ok", [])[0] < explanatory("Eerst dit, daarna dat.\n- a\n- b", ["eerst", "daarna"])[0]


def test_faq_groups_repeated_questions_with_a_stable_candidate_id(store):
    con, cfg = store
    rows = faq_candidates(con, cfg).to_pylist()
    assert len(rows) == 1  # the leave-form family has only two visible questions
    faq = rows[0]
    assert faq["candidate_id"] == "faq-" + hashlib.sha1(b"q1").hexdigest()[:12]
    assert faq["question_ids"] == ["q1", "q2", "q3", "q6", "q8"] and faq["variants"] == 5
    assert faq["best_answer_id"] == "a1" and "acknowledged" in faq["best_answer_reason"]
    assert faq["similarity_method"] == "vectors"


def test_exports_survive_missing_upstream_tables_and_vectors(export_config):
    cfg = export_config()
    with open_store(cfg.database) as con:
        fill_store(con, cfg, with_vectors=False, with_topics=False)
        for name in ("thread_topics", "topics", "topic_trends", "embeddings"):
            con.execute(f"DROP TABLE {name}")
        tables = export_tables(con, cfg)
    uq = tables["unanswered_questions"]
    assert uq.num_rows == 3 and uq.column("topic_id").null_count == 3
    assert tables["topic_trends"].num_rows == 0
    assert tables["knowledge_health"].num_rows > 0
    faq = tables["faq_candidates"].to_pylist()
    assert [r["question_ids"] for r in faq] == [["q1", "q3", "q8"]]
    assert faq[0]["similarity_method"] == "tfidf" and faq[0]["topic_id"] is None


def test_health_figures(store):
    con, cfg = store
    rows = knowledge_health(con, cfg).to_pylist()
    cell = next(r for r in rows if r["grain"] == "channel_week" and str(r["week"]) == "2024-03-04")
    assert cell["authors"] == 5 and cell["threads"] == 4 and cell["questions"] == 4
    assert cell["answer_rate"] == 0.5 and cell["median_hours_to_first_answer"] == 1.0
    assert cell["share_threads_1"] + cell["share_threads_2"] + cell["share_threads_3_4"] + cell["share_threads_5_plus"] == pytest.approx(1)
    trends = topic_trends(con, cfg).to_pylist()
    assert trends[0]["topic_label"] == "vpn_wachtwoord" and trends[0]["threads"] == 4
