"""The answer decision: which reply answers which question, read from the conversation around it.

Pure functions over the posts of one conversation (``classify.linking.Post``, time order). A reply
is an answer candidate for the question its reply chain responds to, never for its own author's
question; the decision then weighs the classifier's probabilities with what the conversation shows:

* a reply that asks back (a clarifying question) is not an answer; the asker's reply to it and the
  helper's next reply walk up the chain past it to the original question;
* a reply that opens by echoing the question ("Zelfde probleem, ...", "+1") is not an answer unless
  it is marked as one; neither rule holds for a reply that someone else thanks right after or in
  reply to it (an answer that ends by asking something back is still the answer);
* a reply by someone else straight to the question that does not ask back gets
  ``direct_reply_boost`` on top of its ``p_answer`` (``chain_reply_boost`` when it is further down
  the chain): the label alone is noisy, and short answers ("nee", "sorry, none") look social. Only
  other people's replies to the same question in between still count as straight ("anyone have X?"
  answered by several people);
* the asker's thanks (the reply it responds to, else the latest candidate before it) and check-mark
  reactions raise a candidate, enough to make an unlabelled reply an answer;
* without a chain to a question, the latest earlier question by someone else is taken (in the
  thread, or among the last ``flat_fallback_window`` messages of a flat channel), with the lower
  confidence ``fallback_weight``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kennismaker.classify.linking_config import LinkingConfig
from kennismaker.classify.linking_signals import has_reaction, says_any

ANSWER_LABELS = ("answer", "link_share")
ECHO_OPENING_CHARS = 40


@dataclass(frozen=True)
class Candidate:
    """A reply that may answer ``question``: its answer strength (before signals) and link confidence."""

    question: Any
    answer: Any
    strength: float
    confidence: float
    labelled: bool


def question_strength(post: Any, linking: LinkingConfig) -> float | None:
    """How much ``post`` is a question (its ``p_question``), or None when it is not one.

    A question is a message the classifier labelled question: the head's thresholds
    (``classify.thresholds``, with their own threshold for a message with a "?") are the one place
    that decides it, so the unanswered list, the status and the links agree with ``message_labels``.
    """
    if post.is_bot or post.label != "question":
        return None
    return post.p_question if post.p_question is not None else 0.8


def asks_back(post: Any, linking: LinkingConfig) -> bool:
    """Whether ``post`` is a question and not also an answer (a clarifying question when it is a reply).

    A question whose label is answer or link share, or whose ``p_answer`` reaches ``min_answer_p``,
    answers and asks at once ("ja, dat kan via de portal; welke versie heb je?").
    """
    if post.label in ANSWER_LABELS or (post.p_answer or 0.0) >= linking.min_answer_p:
        return False
    return question_strength(post, linking) is not None


def label_strength(post: Any) -> tuple[float, bool]:
    """(answer strength from the classifier, whether the label itself says answer or link share)."""
    if post.label == "answer":
        return (post.p_answer if post.p_answer is not None else 0.8), True
    if post.label == "link_share":
        return (post.p_link_share if post.p_link_share is not None else 0.6), True
    return (post.p_answer or 0.0), False


def reply_chain(post: Any, by_id: dict[str, Any], max_depth: int) -> list[tuple[Any, float]]:
    """The ancestors of ``post`` (parent first, at most ``max_depth``) with the product of the link confidences up to each."""
    chain, confidence, seen = [], 1.0, {post.message_id}
    while len(chain) < max_depth:
        parent = by_id.get(post.parent_id or "")
        if parent is None or parent.message_id in seen:
            break
        confidence *= post.parent_score if post.flat else 1.0
        chain.append((parent, confidence))
        seen.add(parent.message_id)
        post = parent
    return chain


def _original_question(found: int, chain: list[tuple[Any, float]], answerer: str, linking: LinkingConfig) -> int:
    """The index in ``chain`` of the question actually asked: past the asker's reply to the answerer's clarifying question."""
    question = chain[found][0]
    if found + 1 < len(chain) and chain[found + 1][0].author == answerer and asks_back(chain[found + 1][0], linking):
        for k in range(found + 2, len(chain)):
            if chain[k][0].author == question.author and question_strength(chain[k][0], linking) is not None:
                return k
    return found


def _after_clarification(between: list[tuple[Any, float]], question: Any, answer: Any, linking: LinkingConfig) -> bool:
    """Whether the posts between ``question`` and ``answer`` are the answerer asking back and the asker replying."""
    first = between[-1][0]
    return first.author == answer.author and asks_back(first, linking) and all(p.author in (question.author, answer.author) for p, _ in between)


def _after_other_answers(between: list[tuple[Any, float]], question: Any, answer: Any, linking: LinkingConfig) -> bool:
    """Whether the posts between ``question`` and ``answer`` are other people's replies to it (several people answering one question)."""
    return all(p.author not in (question.author, answer.author) and not asks_back(p, linking) for p, _ in between)


def responded_question(answer: Any, earlier: Sequence[Any], by_id: dict[str, Any], linking: LinkingConfig) -> tuple[Any, float, bool] | None:
    """(question, link confidence, straight reply?) that ``answer`` responds to, or None.

    The first question by someone else up the reply chain. It counts as a straight reply also when
    the answerer asked back and only the asker and the answerer wrote in between, or when only other
    people's replies to the question are in between (several people answering "anyone have X?").
    Without one, the latest question by someone else among ``earlier`` (the fallback pool: see
    ``classify.linking.fallback_pools``), a straight reply when it is the very last of them or, in a
    flat channel (whose pool is the last few messages), only other people's replies come after it.
    """
    chain = reply_chain(answer, by_id, linking.max_flat_answer_depth if answer.flat else linking.max_answer_depth)
    for k, (post, _) in enumerate(chain):
        if post.author != answer.author and question_strength(post, linking) is not None:
            k = _original_question(k, chain, answer.author, linking)
            between, question = chain[:k], chain[k][0]
            direct = k == 0 or _after_clarification(between, question, answer, linking) or _after_other_answers(between, question, answer, linking)
            return question, chain[k][1], direct
    for k, post in enumerate(reversed(earlier)):
        if post.author != answer.author and question_strength(post, linking) is not None:
            between = [(p, linking.fallback_weight) for p in earlier[len(earlier) - k :]]
            return post, linking.fallback_weight, k == 0 or (answer.flat and _after_other_answers(between, post, answer, linking))
    return None


def opens_with_echo(post: Any, linking: LinkingConfig) -> bool:
    """Whether ``post`` opens by echoing the question ("Zelfde probleem, ...", "+1", "same here"): its first
    ``ECHO_OPENING_CHARS`` characters hold an echo phrase. Such a reply adds a voice, not an answer."""
    return says_any((post.text or "")[:ECHO_OPENING_CHARS], linking.echo_phrases)


def reply_boost(post: Any, direct: bool, linking: LinkingConfig) -> float:
    """What the conversation adds to a reply's answer strength.

    ``direct_reply_boost`` for a straight reply to the question, ``chain_reply_boost`` for one
    further up its chain or found by the fallback, at most ``social_reply_boost`` for one labelled
    social; nothing for a reply that only echoes the question ("+1", "ik ook benieuwd") or says thanks.
    """
    if says_any(post.text, linking.echo_phrases) or says_any(post.text, linking.thanks_phrases):
        return 0.0
    boost = linking.direct_reply_boost if direct else linking.chain_reply_boost
    return min(boost, linking.social_reply_boost) if post.label == "social" else boost


def answer_candidates(conversation: Sequence[Any], by_id: dict[str, Any], pool: dict[str, Sequence[Any]], linking: LinkingConfig) -> list[Candidate]:
    """At most one candidate per reply of the conversation: the question it responds to, with its strength.

    ``pool`` gives, per message id, the earlier posts searched when the reply chain reaches no question.
    """
    out = []
    thanked = thanked_by_others(conversation, linking)
    for k, post in enumerate(conversation):
        if post.is_bot:
            continue
        if (asks_back(post, linking) or opens_with_echo(post, linking)) and not (post.marked or post.message_id in thanked):
            continue
        found = responded_question(post, pool.get(post.message_id, ()), by_id, linking)
        if found is None and post.marked and k > 0 and conversation[0].author != post.author:
            found = (conversation[0], 1.0, True)
        if found is None:
            continue
        question, confidence, direct = found
        strength, labelled = label_strength(post)
        strength += reply_boost(post, direct, linking)
        out.append(Candidate(question, post, strength, confidence, labelled))
    return out


def thanks_target(thanks: Any, earlier: Sequence[Any]) -> Any | None:
    """Which of ``earlier`` (in conversation order) a thanks post thanks: the one it replies to, else the latest."""
    replied = next((p for p in earlier if p.message_id == thanks.parent_id), None)
    return replied or (earlier[-1] if earlier else None)


def thanked_by_others(conversation: Sequence[Any], linking: LinkingConfig) -> set[str]:
    """Ids of the posts someone thanks ("Ja, dat beantwoordt mijn vraag. Bedankt!"), by ``thanks_target`` among
    the earlier posts of other people. A reply that ends by asking something back still answered when it was thanked."""
    out: set[str] = set()
    for k, post in enumerate(conversation):
        if says_any(post.text, linking.thanks_phrases):
            target = thanks_target(post, [p for p in conversation[:k] if p.author != post.author])
            if target is not None:
                out.add(target.message_id)
    return out


def thanked_answers(conversation: Sequence[Any], candidates: Sequence[Candidate], linking: LinkingConfig) -> set[str]:
    """Ids of the candidates the asker thanks (``thanks_target`` among the answers to the asker's questions before the thanks)."""
    position = {p.message_id: k for k, p in enumerate(conversation)}
    thanked: set[str] = set()
    for k, post in enumerate(conversation):
        if says_any(post.text, linking.thanks_phrases):
            before = [c.answer for c in candidates if c.question.author == post.author and position[c.answer.message_id] < k]
            target = thanks_target(post, sorted(before, key=lambda a: position[a.message_id]))
            if target is not None:
                thanked.add(target.message_id)
    return thanked


def link_score(strength: float, min_answer_p: float) -> float:
    """An answer strength (unbounded) as a score in [0, 1): 0.5 at ``min_answer_p``, rising ever more slowly above it."""
    return 1.0 - 0.5 ** (max(0.0, strength) / max(min_answer_p, 1e-6))


def decided_links(conversation: Sequence[Any], by_id: dict[str, Any], pool: dict[str, Sequence[Any]], linking: LinkingConfig) -> list[dict[str, Any]]:
    """``answer_links`` rows of one conversation: the candidates that are answers, scores in [0, 1]."""
    candidates = answer_candidates(conversation, by_id, pool, linking)
    thanked = thanked_answers(conversation, candidates, linking)
    rows = []
    for c in candidates:
        a = c.answer
        if a.marked:
            rows.append({"question_id": c.question.message_id, "answer_id": a.message_id, "score": 1.0, "method": "marked"})
            continue
        strength = c.strength + (linking.thanks_boost if a.message_id in thanked else 0.0)
        strength += linking.checkmark_boost if has_reaction(a.reactions, linking.checkmark_reactions) else 0.0
        if not c.labelled and strength < linking.min_answer_p:
            continue
        score = link_score(strength, linking.min_answer_p) * ((0.5 + 0.5 * c.confidence) if a.flat else c.confidence)
        rows.append({"question_id": c.question.message_id, "answer_id": a.message_id, "score": min(1.0, max(0.0, score)),
                     "method": "flat" if a.flat else "thread"})
    return rows
