"""Answer linking in threaded channels, with tiny hand-made messages in a temporary store."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pyarrow as pa

from classify.linking import link_answers
from kennismaker.schema import MESSAGE_LABELS, MESSAGES, PEOPLE
from kennismaker.store import open_store, upsert_arrow

T0 = datetime(2024, 3, 4, 9, 0, tzinfo=timezone.utc)
P_FOR = {"question": 0.9, "answer": 0.7, "link_share": 0.1, "social": 0.05, "other": 0.05}


def msg(mid, author, minute, text, label=None, channel="C1", thread=None, reply_to=None, mentions=(), reactions=(), marked=False, p_answer=None):
    """One message row plus its label row (None when unlabelled)."""
    row = {
        "message_id": mid, "source": "test", "channel_id": channel, "thread_id": thread, "reply_to_id": reply_to,
        "author_key": author, "created_at": T0 + timedelta(minutes=minute), "is_deleted": False, "text": text,
        "mentions": list(mentions), "reactions": list(reactions), "marked_answer": marked, "is_bot": False,
        "raw_seq": int(minute * 10), "content_hash": f"h-{mid}",
    }
    if label is None:
        return row, None
    p_q = 0.9 if label == "question" else 0.05
    p_a = p_answer if p_answer is not None else (0.7 if label == "answer" else 0.05)
    return row, {"message_id": mid, "label": label, "p_question": p_q, "p_answer": p_a, "p_link_share": 0.8 if label == "link_share" else 0.05, "p_social": 0.05}


def store(con, messages, people=None):
    """Insert ``msg`` results (and optional {author_key: display_name}) into the store."""
    upsert_arrow(con, MESSAGES, pa.Table.from_pylist([{**{c: None for c in MESSAGES.columns}, **m} for m, _ in messages], schema=MESSAGES.schema))
    labels = [{**{c: None for c in MESSAGE_LABELS.columns}, **lab} for _, lab in messages if lab]
    upsert_arrow(con, MESSAGE_LABELS, pa.Table.from_pylist(labels, schema=MESSAGE_LABELS.schema))
    rows = [{**{c: None for c in PEOPLE.columns}, "author_key": k, "display_name": v} for k, v in (people or {}).items()]
    upsert_arrow(con, PEOPLE, pa.Table.from_pylist(rows, schema=PEOPLE.schema))


def links(con):
    """answer_links as {(question_id, answer_id): (score, method)}."""
    return {(q, a): (s, m) for q, a, s, m in con.execute("SELECT question_id, answer_id, score, method FROM answer_links").fetchall()}


def threaded_messages():
    """Four threads: plain answer, answer + thanks, answer + check mark, marked answer; plus the asker's own reply."""
    return [
        msg("q1", "anna", 0, "Weet iemand hoe ik de VPN instel?", "question", thread="q1"),
        msg("a1", "bram", 5, "Via Instellingen > Netwerk > VPN, daar staat het profiel.", "answer", thread="q1", reply_to="q1", p_answer=0.6),
        msg("s1", "anna", 6, "Ik had het ook al via de portal geprobeerd.", "other", thread="q1", reply_to="q1"),
        msg("q2", "anna", 10, "Waar vind ik het declaratieformulier?", "question", thread="q2"),
        msg("a2", "carl", 12, "Op intranet onder HR > formulieren.", "answer", thread="q2", p_answer=0.6),
        msg("t2", "anna", 13, "Bedankt, dat werkt!", "social", thread="q2"),
        msg("q3", "dirk", 20, "Hoe reset ik mijn wachtwoord?", "question", thread="q3"),
        msg("a3", "bram", 22, "Met de knop 'wachtwoord vergeten' op de inlogpagina.", "answer", thread="q3", reactions=["white_check_mark"], p_answer=0.6),
        msg("q4", "eva", 30, "Wie beheert de printer op de tweede?", "question", thread="q4"),
        msg("a4", "carl", 31, "Facilitair, meld het in TOPdesk.", "other", thread="q4", marked=True),
    ]


def test_answer_by_someone_else_is_linked_and_the_askers_own_reply_is_not(make_config):
    cfg = make_config()
    with open_store(cfg.database) as con:
        store(con, threaded_messages())
        link_answers(con, cfg)
        found = links(con)
    assert found[("q1", "a1")][1] == "thread"
    assert not any(a == "s1" for _, a in found)


def test_thanks_and_check_mark_raise_the_score(make_config):
    cfg = make_config()
    with open_store(cfg.database) as con:
        store(con, threaded_messages())
        link_answers(con, cfg)
        found = links(con)
    plain = found[("q1", "a1")][0]
    assert found[("q2", "a2")][0] > plain
    assert found[("q3", "a3")][0] > plain
    assert all(0.0 <= s <= 1.0 for s, _ in found.values())


def test_marked_answer_is_linked_as_marked(make_config):
    cfg = make_config()
    with open_store(cfg.database) as con:
        store(con, threaded_messages())
        link_answers(con, cfg)
        assert links(con)[("q4", "a4")] == (1.0, "marked")


def test_every_message_has_a_conversation_and_threads_keep_their_id(make_config):
    cfg = make_config()
    with open_store(cfg.database) as con:
        store(con, threaded_messages())
        counts = link_answers(con, cfg)
        convs = dict(con.execute("SELECT message_id, conversation_id FROM conversations").fetchall())
    assert counts["conversations"] == len(threaded_messages()) == len(convs)
    assert convs["a2"] == convs["t2"] == "q2"


def test_second_run_changes_nothing(make_config):
    cfg = make_config()
    tables = ("reply_links", "conversations", "answer_links", "question_status")
    with open_store(cfg.database) as con:
        store(con, threaded_messages() + [msg("f1", "anna", 40, "Iemand een idee waarom Teams hangt?", "question", channel="F"), msg("f2", "bram", 41, "@anna herstart Teams even", "answer", channel="F", mentions=["anna"])])
        first_counts = link_answers(con, cfg)
        first = {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=str) for t in tables}
        second_counts = link_answers(con, cfg)
        second = {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=str) for t in tables}
    assert first_counts == second_counts
    assert first == second
