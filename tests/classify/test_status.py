"""question_status: answered, self_resolved and unanswered questions."""

from __future__ import annotations

from kennismaker.classify.linking import link_answers
from kennismaker.store import open_store
from tests.classify.test_linking import msg, store


def status_messages():
    """An answered, a self-resolved and an unanswered question, each in its own thread."""
    return [
        msg("q1", "anna", 0, "Hoe vraag ik verlof aan?", "question", thread="q1"),
        msg("a1", "bram", 3, "Via AFAS, onder 'Verlof'.", "answer", thread="q1"),
        msg("q2", "carl", 10, "Waar staat de huisstijlgids?", "question", thread="q2"),
        msg("s2", "carl", 12, "Laat maar, gevonden!", "social", thread="q2"),
        msg("q3", "dirk", 20, "Weet iemand de wifi-code van zaal 3?", "question", thread="q3"),
        msg("c3", "eva", 21, "Goede vraag, ik ook benieuwd", "social", thread="q3"),
    ]


def test_all_three_statuses(make_config):
    cfg = make_config()
    with open_store(cfg.database) as con:
        store(con, status_messages())
        link_answers(con, cfg)
        rows = {r[0]: r[1:] for r in con.execute("SELECT question_id, status, first_answer_at, answer_count FROM question_status").fetchall()}
    assert rows["q1"][0] == "answered" and rows["q1"][1] is not None and rows["q1"][2] == 1
    assert rows["q2"][0] == "self_resolved" and rows["q2"][2] == 0
    assert rows["q3"] == ("unanswered", None, 0)


def test_asker_answering_before_others_is_self_resolved(make_config):
    cfg = make_config()
    rows = [
        msg("q1", "anna", 0, "Hoe koppel ik de beamer?", "question", thread="q1"),
        msg("s1", "anna", 2, "Opgelost: HDMI-kabel zat los.", "answer", thread="q1"),
        msg("a1", "bram", 5, "Check de HDMI-kabel.", "answer", thread="q1"),
    ]
    with open_store(cfg.database) as con:
        store(con, rows)
        link_answers(con, cfg)
        assert con.execute("SELECT status, answer_count FROM question_status").fetchone() == ("self_resolved", 1)


def test_negated_resolution_is_not_self_resolved(make_config):
    cfg = make_config()
    rows = [msg("q1", "anna", 0, "Hoe koppel ik de beamer?", "question", thread="q1"), msg("s1", "anna", 2, "Nog steeds niet opgelost helaas", "other", thread="q1")]
    with open_store(cfg.database) as con:
        store(con, rows)
        link_answers(con, cfg)
        assert con.execute("SELECT status FROM question_status").fetchone() == ("unanswered",)
