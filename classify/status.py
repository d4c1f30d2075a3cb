"""Per-question status: answered, self_resolved or unanswered.

A question is a message the classifier labelled question (``classify.answer_decision.question_strength``).

* ``answered``: someone else's answer is linked to the question (before any self-resolution);
* ``self_resolved``: the asker answered the question themselves or says they found it
  ("laat maar, gevonden", "never mind, found it", "opgelost") before anyone else answered;
* ``unanswered``: neither.

``first_answer_at`` and ``answer_count`` count answers by others only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from kennismaker.classify.answer_decision import question_strength
from kennismaker.classify.linking_config import LinkingConfig
from kennismaker.classify.linking_signals import says_any


def self_resolved_at(question: Any, conversation: Sequence[Any], linking: LinkingConfig) -> datetime | None:
    """When the asker first answered their own question or said they found it, or None."""
    after = False
    for post in conversation:
        if post.message_id == question.message_id:
            after = True
            continue
        if after and post.author == question.author:
            if post.label == "answer" or says_any(post.text, linking.self_resolved_phrases):
                return post.at
    return None


def question_status_row(question: Any, answer_times: Sequence[datetime], conversation: Sequence[Any], linking: LinkingConfig) -> dict[str, Any]:
    """The ``question_status`` row of one question."""
    first = min(answer_times) if answer_times else None
    solved = self_resolved_at(question, conversation, linking)
    if solved is not None and (first is None or solved < first):
        status = "self_resolved"
    else:
        status = "answered" if first is not None else "unanswered"
    return {"question_id": question.message_id, "status": status, "first_answer_at": first, "answer_count": len(answer_times)}


def question_status_rows(posts: Sequence[Any], links: Sequence[dict[str, Any]], linking: LinkingConfig) -> list[dict[str, Any]]:
    """``question_status`` rows for every question (posts are ``classify.linking.Post``)."""
    by_id = {p.message_id: p for p in posts}
    answer_times: dict[str, list[datetime]] = {}
    for link in links:
        answer = by_id[link["answer_id"]]
        if answer.author != by_id[link["question_id"]].author:
            answer_times.setdefault(link["question_id"], []).append(answer.at)
    by_conversation: dict[str, list[Any]] = {}
    for post in posts:
        by_conversation.setdefault(post.conversation_id, []).append(post)
    return [
        question_status_row(p, answer_times.get(p.message_id, []), by_conversation[p.conversation_id], linking)
        for p in posts
        if question_strength(p, linking) is not None
    ]
