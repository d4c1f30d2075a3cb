"""Answer linking in threaded channels, with tiny hand-made messages in a temporary store."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pyarrow as pa

from kennismaker.classify.linking import link_answers
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
    assert first_counts.pop("channels_relinked") == 2 and second_counts.pop("channels_relinked") == 0
    assert first_counts == second_counts
    assert first == second


def run_links(make_config, rows):
    """answer_links of ``rows`` after one linking run."""
    cfg = make_config()
    with open_store(cfg.database) as con:
        store(con, rows)
        link_answers(con, cfg)
        return links(con)


def clarification_thread():
    """The helper asks back, the asker answers that, then the helper answers (labelled other, not answer)."""
    return [
        msg("q", "anna", 0, "Mijn laptop maakt geen verbinding met de VPN.", "question", thread="q"),
        msg("c", "bram", 2, "Welke versie van de client heb je geinstalleerd?", "question", thread="q", reply_to="q"),
        msg("d", "anna", 4, "Versie 3.2, van vorig jaar.", "other", thread="q", reply_to="c"),
        msg("r", "bram", 6, "Die werkt niet meer met de nieuwe server, installeer 4.1 uit de softwarecatalogus.", "other", thread="q", reply_to="d"),
        msg("f", "anna", 7, "En moet ik daarna opnieuw inloggen?", "question", thread="q", reply_to="r"),
    ]


def test_clarifying_question_is_not_an_answer(make_config):
    found = run_links(make_config, clarification_thread())
    assert not any(a == "c" for _, a in found)


def test_askers_follow_up_is_never_an_answer_to_their_question(make_config):
    found = run_links(make_config, clarification_thread())
    assert ("q", "d") not in found and ("q", "f") not in found
    assert not any(q == "q" and a in {"d", "f"} for q, a in found)


def test_helpers_reply_after_the_clarification_answers_the_original_question(make_config):
    found = run_links(make_config, clarification_thread())
    assert ("q", "r") in found
    assert found[("q", "r")][1] == "thread"


def test_interleaved_questions_in_a_flat_channel_get_their_own_answers(make_config):
    rows = [
        msg("m0", "anna", 0, "Hoe reset ik mijn VPN-wachtwoord?", "question", channel="F"),
        msg("m1", "carl", 0.5, "Weet iemand waar de declaratieformulieren staan?", "question", channel="F"),
        msg("m2", "bram", 1, "@anna via het selfservice-portal, onder Account > Wachtwoord", "answer", channel="F", mentions=["anna"]),
        msg("m3", "dirk", 1.5, "@carl op intranet onder HR > formulieren", "answer", channel="F", mentions=["carl"]),
    ]
    found = run_links(make_config, rows)
    assert {("m0", "m2"), ("m1", "m3")} <= set(found)
    assert ("m1", "m2") not in found and ("m0", "m3") not in found


def test_thanks_raises_the_reply_it_thanks(make_config):
    rows = [
        msg("q", "anna", 0, "Hoe koppel ik mijn agenda aan Teams?", "question", thread="q"),
        msg("r1", "bram", 1, "Misschien via de beheerder.", "other", thread="q", reply_to="q"),
        msg("r2", "carl", 2, "Via Outlook > Instellingen > Agenda delen.", "other", thread="q", reply_to="q"),
        msg("r3", "dirk", 3, "Ik weet het ook niet precies.", "other", thread="q", reply_to="q"),
        msg("t", "anna", 4, "Top, dank! Dat werkt.", "social", thread="q", reply_to="r2"),
    ]
    found = run_links(make_config, rows)
    assert found[("q", "r2")][0] > found[("q", "r1")][0]
    assert found[("q", "r2")][0] > found[("q", "r3")][0]


def test_thanks_turns_a_weak_reply_into_an_answer(make_config):
    weak = [
        msg("q", "anna", 0, "Werkt de printer op de tweede weer?", "question", thread="q"),
        msg("r", "bram", 1, "Jep, sinds vanochtend", "social", thread="q", reply_to="q"),
    ]
    assert ("q", "r") not in run_links(make_config, weak)
    thanked = weak + [msg("t", "anna", 2, "Thanks!", "social", thread="q", reply_to="r")]
    assert ("q", "r") in run_links(make_config, thanked)


def test_direct_reply_is_an_answer_although_labelled_other_and_echoes_are_not(make_config):
    rows = [
        msg("q", "anna", 0, "Waar vind ik het verlofformulier?", "question", thread="q"),
        msg("e", "carl", 1, "Goede vraag, ik ook benieuwd", "other", thread="q", reply_to="q"),
        msg("r", "bram", 2, "In AFAS onder Mijn verlof.", "other", thread="q", reply_to="q"),
    ]
    found = run_links(make_config, rows)
    assert ("q", "r") in found and ("q", "e") not in found


def test_a_reply_that_opens_with_an_echo_is_no_answer_even_when_labelled_one(make_config):
    rows = [
        msg("q", "anna", 0, "Cbsodata get_data werkt niet meer. Wat nu?", "question", thread="q"),
        msg("e", "carl", 1, "Zelfde probleem, zowel op Jupyter als op Databricks krijg ik een ProtocolError.", "answer",
            thread="q", reply_to="q", p_answer=0.99),
        msg("m", "dirk", 2, "+1, maar de workaround is versie 1.3 pinnen.", "answer", thread="q", reply_to="q", p_answer=0.9, marked=True),
        msg("r", "bram", 3, "De API is verhuisd; met versie 1.4 werkt het weer.", "answer", thread="q", reply_to="q", p_answer=0.9),
    ]
    found = run_links(make_config, rows)
    assert ("q", "r") in found and ("q", "m") in found and ("q", "e") not in found  # a marked echo still answers


def test_an_answer_that_asks_back_still_answers_when_the_asker_thanks_it(make_config):
    rows = [
        msg("q", "anna", 0, "Kan het BAG id aan de response worden toegevoegd?", "question", thread="q"),
        msg("a", "bram", 1, "Het attribuut id in de response is het BAG id. Bedoel je dat?", "question", thread="q", reply_to="q", p_answer=0.25),
        msg("t", "anna", 2, "Ja, dat beantwoordt mijn vraag. Bedankt!", "social", thread="q", reply_to="q"),
    ]
    assert ("q", "a") in run_links(make_config, rows)
    cfg = make_config(database="unthanked.duckdb")
    with open_store(cfg.database) as con:
        store(con, rows[:2])
        link_answers(con, cfg)
        assert ("q", "a") not in links(con)  # asking back, unthanked: a clarifying question


def test_a_question_is_what_the_classifier_labelled_one():
    from kennismaker.classify.answer_decision import question_strength
    from kennismaker.classify.linking import Post
    from kennismaker.classify.linking_config import LinkingConfig

    def post(label, p_question=0.45):
        return Post("m", "c", None, 0.0, False, "anna", T0, "Kan iemand mij helpen met de export?", (), False, False, label, 0.1, 0.1, p_question, 0.1)

    # one rule in one place: the head's thresholds (classify.thresholds) decide, linking does not re-decide
    assert question_strength(post("question"), LinkingConfig()) == 0.45
    assert question_strength(post("other", p_question=0.49), LinkingConfig()) is None


def test_a_question_mark_inside_a_url_is_not_one():
    from kennismaker.classify.thresholds import question_marks

    assert question_marks(["Kan iemand mij helpen met de export?", "Zie https://intranet.example/zoek?q=export", None]).tolist() == [True, False, False]


def test_flat_answers_are_searched_fewer_reply_steps_up_than_threaded_ones():
    """Each step of a flat chain is a guessed reply link, so by default an answer there must reply to the
    question itself (``max_flat_answer_depth`` 1); in threads the chain may be three steps long."""
    from kennismaker.classify.answer_decision import decided_links
    from kennismaker.classify.linking import Post
    from kennismaker.classify.linking_config import LinkingConfig

    def chain(flat: bool) -> list:
        def p(mid, parent, author, minute, text, label, p_answer):
            return Post(mid, "c", parent, 0.9, flat, author, T0 + timedelta(minutes=minute), text, (), False, False,
                        label, p_answer, 0.05, 0.9 if label == "question" else 0.05, 0.05)
        return [p("q", None, "anna", 0, "Hoe vraag ik een parkeervergunning aan?", "question", 0.05),
                p("r", "q", "bram", 1, "Goeie vraag eigenlijk, ik rijd zelf nooit.", "social", 0.05),
                p("a", "r", "carl", 2, "Via het werkplekportaal, onder Faciliteiten.", "answer", 0.9)]

    def linked(flat: bool, **settings) -> set:
        conv = chain(flat)
        rows = decided_links(conv, {x.message_id: x for x in conv}, {}, LinkingConfig(**settings))
        return {(r["question_id"], r["answer_id"]) for r in rows}

    assert ("q", "a") in linked(flat=False)
    assert ("q", "a") not in linked(flat=True)
    assert ("q", "a") in linked(flat=True, max_flat_answer_depth=3)


def flat_channel():
    return [msg("f1", "anna", 40, "Iemand een idee waarom Teams hangt?", "question", channel="F"),
            msg("f2", "bram", 41, "@anna herstart Teams even", "answer", channel="F", mentions=["anna"])]


def linking_tables(con):
    return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=str)
            for t in ("reply_links", "conversations", "answer_links", "question_status")}


def test_incremental_linking_recomputes_only_changed_channels_and_equals_a_full_run(make_config):
    cfg = make_config()
    with open_store(cfg.database) as con:
        store(con, threaded_messages() + flat_channel() + [msg("g1", "eva", 50, "Waar staat de koffie?", "question", channel="G", thread="g1")])
        first = link_answers(con, cfg)
        untouched = link_answers(con, cfg)
        store(con, [msg("f3", "carl", 42, "Of log even opnieuw in.", "answer", channel="F"),
                    msg("g2", "dirk", 52, "In de keuken op de eerste.", "answer", channel="G", thread="g1", reply_to="g1")])
        incremental = link_answers(con, cfg)
        after_incremental = linking_tables(con)
        full = link_answers(con, cfg, incremental=False)
        after_full = linking_tables(con)
    assert (first["channels_relinked"], untouched["channels_relinked"], incremental["channels_relinked"]) == (3, 0, 2)
    assert after_incremental == after_full
    assert {k: v for k, v in incremental.items() if k != "channels_relinked"} == {k: v for k, v in full.items() if k != "channels_relinked"}
    assert ("g1", "g2") in {(q, a) for q, a, *_ in after_full["answer_links"]}


def test_a_changed_label_or_linking_setting_relinks(make_config):
    cfg = make_config()
    with open_store(cfg.database) as con:
        store(con, threaded_messages() + flat_channel())
        link_answers(con, cfg)
        store(con, [msg("a4", "carl", 31, "Facilitair, meld het in TOPdesk.", "answer", thread="q4", marked=True)])
        relabelled = link_answers(con, cfg)
        other_settings = link_answers(con, cfg, linking=cfg.classify.linking.model_copy(update={"max_candidates": 3}))
    assert relabelled["channels_relinked"] == 1
    assert other_settings["channels_relinked"] == 2


def test_the_fallback_counts_a_reply_after_other_peoples_replies_as_straight():
    """"Anyone have X?" answered by several people: the second reply's reconstructed parent is the first
    reply, so the fallback finds the question; only other people's replies in between make it a straight
    reply, as in a reply chain. The asker's own follow-up in between does not."""
    from kennismaker.classify.answer_decision import decided_links
    from kennismaker.classify.linking import Post
    from kennismaker.classify.linking_config import LinkingConfig

    def p(mid, parent, author, minute, text, label):
        return Post(mid, "c", parent, 0.9, True, author, T0 + timedelta(minutes=minute), text, (), False, False,
                    label, 0.05, 0.05, 0.9 if label == "question" else 0.05, 0.05)

    def linked(middle_author: str) -> set:
        conv = [p("q", None, "anna", 0, "Heeft iemand nog een beamer over?", "question"),
                p("r1", "q", middle_author, 1, "Nee, hier niet.", "other"),
                p("r2", "r1", "carl", 2, "Ik heb er ook geen.", "other")]
        rows = decided_links(conv, {x.message_id: x for x in conv}, {"r2": conv[:2]}, LinkingConfig())
        return {(r["question_id"], r["answer_id"]) for r in rows}

    assert ("q", "r2") in linked("bram")
    assert ("q", "r2") not in linked("anna")
