"""Label rules after the head: asking sentences and problem reports that open a conversation."""

from __future__ import annotations

import numpy as np
import pytest

from kennismaker.classify.corpus import HEAD_CLASSES
from kennismaker.classify.sentences import asking_sentences, reports_problem
from kennismaker.classify.stage import with_asking_sentences, with_problem_reports

Q, A = HEAD_CLASSES.index("question"), HEAD_CLASSES.index("answer")


def probs(p_question: float, p_answer: float) -> np.ndarray:
    row = np.full(len(HEAD_CLASSES), 0.05)
    row[Q], row[A] = p_question, p_answer
    return row


def test_asking_sentences_are_the_ones_ending_in_a_question_mark():
    text = "Hoi allemaal. Ik krijg geen data door uit de API sinds gisteren. Enig idee wat er mis is?"
    assert asking_sentences(text) == ["Enig idee wat er mis is?"]
    assert asking_sentences("Wat is het?") == []  # one sentence: the message itself is scored
    assert asking_sentences("Zie ```if x?``` hier. Klaar.") == []  # code is not read


@pytest.mark.parametrize("text", [
    "Sensor restafval wordt niet bijgewerkt sinds de update", "Foutmelding bij installatie SpotWeb",
    "WFS services Kadaster werken niet meer", "Het inloggen lukt niet", "The export job stopped working last night",
    "Build is broken on main",
])
def test_problem_reports_are_found(text):
    assert reports_problem(text)


@pytest.mark.parametrize("text", ["Nieuwe release 2.3 staat klaar", "Fijn weekend allemaal", "We move the meeting to Tuesday", None, ""])
def test_other_posts_are_no_problem_reports(text):
    assert not reports_problem(text)


def test_a_problem_report_that_opens_a_conversation_becomes_likely_a_question_and_a_reply_does_not():
    texts = ["WFS services Kadaster werken niet meer", "Bij mij werkt het niet meer sinds gisteren", "Release 2.3 staat klaar"]
    before = np.stack([probs(0.1, 0.2), probs(0.1, 0.2), probs(0.1, 0.2)])
    after = with_problem_reports(before, texts, np.array([False, True, False]), 0.6)
    assert after[:, Q].tolist() == pytest.approx([0.6, 0.1, 0.1])
    assert np.array_equal(after[:, A], before[:, A]) and before[0, Q] == pytest.approx(0.1)  # only p_question, on a copy
    assert np.array_equal(with_problem_reports(before, texts, np.array([False] * 3), 0.0), before)  # 0 turns it off
    high = with_problem_reports(np.stack([probs(0.9, 0.0)]), texts[:1], np.array([False]), 0.6)
    assert high[0, Q] == pytest.approx(0.9)  # never lowered


def test_an_asking_sentence_lifts_p_question_less_in_a_reply_that_answers():
    before = np.stack([probs(0.1, 0.8), probs(0.1, 0.8)])
    after = with_asking_sentences(before, np.array([0.9, 0.9]), np.array([False, True]))
    assert after[:, Q].tolist() == pytest.approx([0.9, 0.9 * 0.2])


@pytest.mark.parametrize("text, rest", [
    ("Nancy: Any spare ore?", "Any spare ore?"),
    ("@p2 Is dit ineens gebeurd, of na een update?", "Is dit ineens gebeurd, of na een update?"),
    ("Jan Peter: kun je even kijken?", "kun je even kijken?"),
    ("https://intranet.example/verlof is de pagina", None),  # a URL is no addressee
    ("10:15: de build is klaar", None),
    ("Hoi allemaal, wie weet dit?", None),  # a greeting with a comma is read whole
    ("Nancy:", None),
    ("FYI: Handleiding VPN thuiswerken", None),  # an announcement after a label, asking nothing
    ("Ter info: zie https://intranet.example/zoek?q=vpn", None),  # a "?" inside a URL asks nothing
])
def test_the_text_after_a_leading_addressee_is_scored_as_a_question_of_its_own(text, rest):
    from kennismaker.classify.sentences import question_candidates, without_addressee

    assert without_addressee(text) == rest
    assert (rest in question_candidates(text)) if rest else question_candidates(text) == asking_sentences(text)
