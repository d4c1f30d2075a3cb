"""A tiny hand-made store for the export tests: two channels, eight questions, three answers.

Week of 2024-03-04 in #it-helpdesk has five distinct authors (U1-U5), so its cell passes k=5;
#hr-vragen has fewer. U9 is on the opt-out list. The four VPN questions form one FAQ family
(cached vectors near e1), the leave-form questions another (near e2).
"""

from __future__ import annotations

from datetime import datetime, timezone

import pyarrow as pa
import pytest

from kennismaker.classify.conversation_messages import rebuilt_conversation_messages
from kennismaker.classify.embedders import embedder_model_id
from kennismaker.privacy import DEMO_KEY, author_key, pseudonym
from kennismaker.schema import (ANSWER_LINKS, CHANNELS, EMBEDDINGS, MESSAGE_LABELS, MESSAGES, PEOPLE, QUESTION_STATUS,
                                THREAD_TOPICS, TOPIC_TRENDS, TOPICS)
from kennismaker.store import open_store, upsert_arrow

KEY = DEMO_KEY.encode()
USERS = {u: author_key(KEY, f"slack:{u}") for u in ("U1", "U2", "U3", "U4", "U5", "U6", "U9")}
OPTED_OUT = "U9"
AS_OF = "2024-04-01T00:00:00Z"

A1_TEXT = (
    "Eerst ga je naar het selfservice-portaal en kies je 'wachtwoord vergeten'. Daarna krijg je een sms met een code.\n"
    "- stap 1: open het portaal\n- stap 2: vul de code in\nTip: in mijn ervaring werkt het alleen op het interne netwerk."
)
Q2_TEXT = (
    "Hoe kan ik mijn VPN wachtwoord resetten? Bel me op 06-12345678 of +31 6 1234 5678, vast 020-1234567, "
    "of mail piet.jansen@gemeente.nl. Ticket INC0012345 van 2024-03-05."
)
OPT_OUT_TEXT = "Geheime vraag van iemand die niet in de export wil over verlof"

# (id, channel, author, day, hour, text, label, conversation, vector axis)
MESSAGES_ROWS = [
    ("q1", "c1", "U1", 4, 9, "Hoe reset ik mijn wachtwoord voor de VPN?", "question", "q1", 0),
    ("a1", "c1", "U2", 4, 10, A1_TEXT, "answer", "q1", 0),
    ("t1", "c1", "U1", 4, 11, "Top, dank je! Dat werkt.", "social", "q1", 3),
    ("q8", "c1", "U2", 4, 12, "VPN wachtwoord vergeten, hoe reset ik dat?", "question", "q8", 0),
    ("a8", "c1", "U5", 4, 13, "zie https://intranet.example/vpn", "answer", "q8", 2),
    ("q2", "c1", "U3", 5, 9, Q2_TEXT, "question", "q2", 0),
    ("q3", "c1", "U4", 6, 9, "Weet iemand hoe ik het VPN wachtwoord reset?", "question", "q3", 0),
    ("r3", "c1", "U4", 6, 10, "laat maar, al gevonden", "other", "q3", 3),
    ("q4", "c2", "U5", 20, 9, "Waar vind ik het verlofformulier?", "question", "q4", 1),
    ("r4", "c2", "U6", 20, 10, "Geen idee eigenlijk", "other", "q4", 3),
    ("q5", "c2", OPTED_OUT, 21, 9, OPT_OUT_TEXT, "question", "q5", 1),
    ("q7", "c2", "U6", 12, 9, "Waar staat het verlofformulier?", "question", "q7", 1),
    ("a7", "c2", OPTED_OUT, 12, 10, "Het formulier staat op https://intranet.example/verlof, eerst inloggen en daarna zoeken", "answer", "q7", 1),
    ("q6", "c1", "U1", 31, 20, "Hoe reset ik de VPN op mijn laptop?", "question", "q6", 0),
]
STATUS = {"q1": "answered", "q8": "answered", "q7": "answered", "q2": "unanswered", "q3": "self_resolved",
          "q4": "unanswered", "q5": "unanswered", "q6": "unanswered"}
LINKS = [("q1", "a1", 0.9), ("q8", "a8", 0.7), ("q7", "a7", 0.8)]
TOPIC_OF = {"q1": 1, "q8": 1, "q2": 1, "q3": 1, "q6": 1, "q4": 2, "q5": 2, "q7": 2}


def ts(day: int, hour: int) -> datetime:
    """A time in March 2024 (UTC)."""
    return datetime(2024, 3, day, hour, tzinfo=timezone.utc)


def vector(axis: int, i: int) -> list[float]:
    """A unit-ish vector near axis ``axis`` with a small per-message wobble."""
    v = [0.0] * 8
    v[axis] = 1.0
    v[4 + i % 4] = 0.05 * (1 + i % 3)
    return v


def message_table() -> pa.Table:
    """The ``messages`` rows."""
    rows = [{
        "message_id": mid, "source": "slack", "channel_id": ch, "thread_id": conv, "reply_to_id": None if mid == conv else conv,
        "author_key": USERS[user], "created_at": ts(day, hour), "is_deleted": False, "text": text,
        "urls": [w for w in text.split() if w.startswith("http")], "reaction_count": 0, "reactions": [],
        "marked_answer": False, "is_bot": False, "content_hash": "h-" + mid, "lang": "nl",
    } for mid, ch, user, day, hour, text, _, conv, _ in MESSAGES_ROWS]
    return pa.Table.from_pylist(rows, schema=MESSAGES.schema)


def fill_store(con, cfg, with_vectors: bool = True, with_topics: bool = True) -> None:
    """Insert every hand-made row."""
    upsert_arrow(con, MESSAGES, message_table())
    upsert_arrow(con, CHANNELS, pa.Table.from_pylist([
        {"channel_id": "c1", "source": "slack", "name": "it-helpdesk", "kind": "public"},
        {"channel_id": "c2", "source": "slack", "name": "hr-vragen", "kind": "public"}], schema=CHANNELS.schema))
    upsert_arrow(con, PEOPLE, pa.Table.from_pylist([
        {"author_key": k, "source": "slack", "pseudonym": pseudonym(k), "display_name": f"Naam {u}", "is_bot": False}
        for u, k in USERS.items()], schema=PEOPLE.schema))
    upsert_arrow(con, MESSAGE_LABELS, pa.Table.from_pylist(
        [{"message_id": r[0], "label": r[6], "model_version": "test"} for r in MESSAGES_ROWS], schema=MESSAGE_LABELS.schema))
    first = {q: ts(*next((r[3], r[4]) for r in MESSAGES_ROWS if r[0] == a)) for q, a, _ in LINKS}
    upsert_arrow(con, QUESTION_STATUS, pa.Table.from_pylist(
        [{"question_id": q, "status": s, "first_answer_at": first.get(q), "answer_count": int(q in first)} for q, s in STATUS.items()],
        schema=QUESTION_STATUS.schema))
    upsert_arrow(con, ANSWER_LINKS, pa.Table.from_pylist(
        [{"question_id": q, "answer_id": a, "score": s, "method": "test"} for q, a, s in LINKS], schema=ANSWER_LINKS.schema))
    rebuilt_conversation_messages(con, cfg.classify.linking)  # what answer linking does after writing the links
    if with_topics:
        fill_topics(con)
    if with_vectors:
        model = embedder_model_id(cfg.classify.embedder)
        upsert_arrow(con, EMBEDDINGS, pa.Table.from_pylist(
            [{"content_hash": "h-" + r[0], "model_id": model, "vector": vector(r[8], i)} for i, r in enumerate(MESSAGES_ROWS)],
            schema=EMBEDDINGS.schema))


def fill_topics(con) -> None:
    """Topics, thread topics and topic trends."""
    upsert_arrow(con, TOPICS, pa.Table.from_pylist(
        [{"topic_id": 1, "label": "vpn_wachtwoord"}, {"topic_id": 2, "label": "verlof_formulier"}], schema=TOPICS.schema))
    upsert_arrow(con, THREAD_TOPICS, pa.Table.from_pylist(
        [{"thread_id": t, "topic_id": k, "probability": 0.9} for t, k in TOPIC_OF.items()], schema=THREAD_TOPICS.schema))
    week = datetime(2024, 3, 4).date()
    upsert_arrow(con, TOPIC_TRENDS, pa.Table.from_pylist(
        [{"topic_id": 1, "week": week, "threads": 4, "questions": 4, "unanswered": 2},
         {"topic_id": 2, "week": datetime(2024, 3, 18).date(), "threads": 2, "questions": 2, "unanswered": 2}],
        schema=TOPIC_TRENDS.schema))


@pytest.fixture
def export_config(make_config):
    """A config for the hand-made store: fixed as_of, person-level output on, U9 opted out."""

    def build(**privacy):
        p = {"person_level_output": True, "opt_out": [f"slack:{OPTED_OUT}"], **privacy}
        return make_config(privacy=p, exports={"as_of": AS_OF})

    return build


@pytest.fixture
def store(export_config):
    """(connection, config) of a filled store; closed afterwards."""
    cfg = export_config()
    with open_store(cfg.database) as con:
        fill_store(con, cfg)
        yield con, cfg
