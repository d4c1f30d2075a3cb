"""The content of each export on the hand-made store."""

from __future__ import annotations

import hashlib

import pytest

from kennismaker.exports.faq import faq_candidates
from kennismaker.exports.health import knowledge_health, topic_trends
from kennismaker.exports.publish import EXPORT_FUNCTIONS, export_tables
from kennismaker.exports.tacit import explanatory, not_link_only, tacit_knowledge_candidates
from kennismaker.exports.unanswered import unanswered_questions
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


def add_conversation(con, rows, labels, status) -> None:
    """Extra messages (id, author, day, hour, text) of one conversation in #hr-vragen, with labels and status."""
    import pyarrow as pa

    from kennismaker.schema import MESSAGE_LABELS, MESSAGES, QUESTION_STATUS
    from kennismaker.store import upsert_arrow
    from tests.exports.conftest import USERS, ts

    root = rows[0][0]
    upsert_arrow(con, MESSAGES, pa.Table.from_pylist([{
        "message_id": mid, "source": "slack", "channel_id": "c2", "thread_id": root, "reply_to_id": None if mid == root else root,
        "author_key": USERS[user], "created_at": ts(day, hour), "is_deleted": False, "text": text, "urls": [],
        "reaction_count": 0, "reactions": [], "marked_answer": False, "is_bot": False, "content_hash": "h-" + mid, "lang": "nl",
    } for mid, user, day, hour, text in rows], schema=MESSAGES.schema))
    upsert_arrow(con, MESSAGE_LABELS, pa.Table.from_pylist(
        [{"message_id": mid, "label": label, "p_answer": p, "model_version": "test"} for mid, (label, p) in labels.items()],
        schema=MESSAGE_LABELS.schema))
    upsert_arrow(con, QUESTION_STATUS, pa.Table.from_pylist(
        [{"question_id": q, "status": s, "answer_count": 0} for q, s in status.items()], schema=QUESTION_STATUS.schema))
    relinked(con)


def relinked(con) -> None:
    """The conversation model rebuilt after the store changed by hand, as answer linking does."""
    from kennismaker.classify.conversation_messages import rebuilt_conversation_messages
    from kennismaker.classify.linking_config import LinkingConfig

    rebuilt_conversation_messages(con, LinkingConfig())


def test_answer_links_decide_and_a_marked_reply_counts_without_one(store):
    """Which reply answers is decided once, by linking: an unlinked reply labelled answer does not take the
    question off the list (linking chose not to link it: an echo, or it answers another question); a reply
    marked as the answer does."""
    con, cfg = store
    add_conversation(con, [("q9", "U3", 7, 9, "Mag ik thuiswerken op vrijdag?"), ("a9", "U4", 7, 10, "Zelfde vraag, ik werk ook vaak thuis."),
                           ("q10", "U2", 8, 9, "Hoe lang duurt een declaratie?"), ("a10", "U5", 8, 10, "Vraag het je budgethouder")],
                     {"q9": ("question", 0.01), "a9": ("answer", 0.9), "q10": ("question", 0.01), "a10": ("other", 0.6)},
                     {"q9": "unanswered", "q10": "unanswered"})
    con.execute("UPDATE messages SET thread_id = 'q10', reply_to_id = 'q10' WHERE message_id = 'a10'")
    con.execute("UPDATE messages SET thread_id = 'q10', reply_to_id = NULL WHERE message_id = 'q10'")
    relinked(con)
    listed = set(unanswered_questions(con, cfg).column("question_id").to_pylist())
    assert {"q9", "q10"} <= listed  # no answer link, no mark
    con.execute("UPDATE messages SET marked_answer = true WHERE message_id = 'a10'")
    relinked(con)
    listed = set(unanswered_questions(con, cfg).column("question_id").to_pylist())
    assert "q10" not in listed and "q9" in listed


def test_a_bump_is_listed_as_the_askers_opening_post(store):
    con, cfg = store
    add_conversation(con, [("p9", "U3", 7, 9, "Mijn verlofsaldo klopt niet sinds de overstap"),
                           ("b9", "U3", 8, 9, "Nog iemand een idee?")],
                     {"p9": ("other", 0.01), "b9": ("question", 0.01)}, {"b9": "unanswered"})
    rows = {r["question_id"]: r for r in unanswered_questions(con, cfg).to_pylist()}
    assert "b9" not in rows and rows["p9"]["text"] == "Mijn verlofsaldo klopt niet sinds de overstap"
    assert rows["p9"]["reason"] == "only_asker" and rows["p9"]["replies"] == 1  # the bump


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
