"""Scores of the pipeline's output against a labelled dataset, each with its trivial baselines.

Pure functions over plain lists and dicts: labels, (question, answer) pairs, unanswered threads and
conversations. The baselines are computed on the same messages that are scored:

* labels: ``contains ?`` -> question, else the most frequent gold label of the messages without
  ``?``; and the most frequent gold label for every message;
* answer links: a message holding ``?`` is answered by the next message of another author in the
  same thread (threaded data) or channel (flat data);
* unanswered: a thread is unanswered when nobody but its asker wrote in it;
* conversations: a new conversation after every silence longer than a gap, the best gap of a grid
  chosen on the same data (so that baseline is optimistic).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime

from kennismaker.classify.evaluate import label_metrics

GAP_GRID_SECONDS = (0, 30, 60, 120, 300, 600, 1800, 3600, 3 * 3600, 6 * 3600, 86400, 3 * 86400, 7 * 86400, 30 * 86400, float("inf"))


def majority_label(labels: Sequence[str]) -> str:
    """The most frequent label (ties: the first seen); ``other`` for no labels."""
    return Counter(labels).most_common(1)[0][0] if labels else "other"


def question_mark_labels(texts: Sequence[str], true: Sequence[str]) -> list[str]:
    """Baseline labels: ``question`` for a text with ``?``, else the majority gold label of the texts without one."""
    rest = majority_label([t for text, t in zip(texts, true) if "?" not in (text or "")])
    return ["question" if "?" in (text or "") else rest for text in texts]


def label_scores(true: Sequence[str], pred: Sequence[str], texts: Sequence[str]) -> dict:
    """``label_metrics`` of ``pred`` and of both baselines, for gold labels ``true`` of ``texts``."""
    true, pred = list(true), list(pred)
    return {
        "pipeline": label_metrics(true, pred),
        "baseline_question_mark": label_metrics(true, question_mark_labels(texts, true)),
        "baseline_majority": label_metrics(true, [majority_label(true)] * len(true)),
    }


def pair_scores(gold: Iterable[tuple[str, str]], predicted: Iterable[tuple[str, str]]) -> dict:
    """Precision, recall and F1 of predicted (question_id, answer_id) pairs against the gold pairs."""
    gold, predicted = set(gold), set(predicted)
    hit = len(gold & predicted)
    p = hit / len(predicted) if predicted else 0.0
    r = hit / len(gold) if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "gold": len(gold), "predicted": len(predicted), "correct": hit}


def _groups(messages: Sequence[dict]) -> dict[str, list[dict]]:
    """Messages by thread (or, without one, channel), each group in time order (file order on ties)."""
    groups: dict[str, list[dict]] = {}
    for m in messages:
        groups.setdefault(m.get("thread_id") or m.get("channel") or "", []).append(m)
    return {g: sorted(ms, key=lambda m: m["created_at"]) for g, ms in groups.items()}


def next_reply_pairs(messages: Sequence[dict]) -> set[tuple[str, str]]:
    """Baseline answer links: each message with ``?`` and the next message by another author of its thread or channel."""
    pairs = set()
    for ms in _groups(messages).values():
        for i, m in enumerate(ms):
            if "?" not in (m.get("text") or ""):
                continue
            nxt = next((n for n in ms[i + 1 :] if n.get("author") != m.get("author")), None)
            if nxt is not None:
                pairs.add((m["message_id"], nxt["message_id"]))
    return pairs


def no_reply_threads(messages: Sequence[dict], openers: Iterable[str]) -> set[str]:
    """Baseline unanswered: the openers in whose thread no other author wrote after them."""
    by_id = {m["message_id"]: m for m in messages}
    groups = _groups(messages)
    out = set()
    for opener in openers:
        m = by_id[opener]
        later = [n for n in groups[m.get("thread_id") or m.get("channel") or ""] if n["created_at"] >= m["created_at"] and n is not m]
        if not any(n.get("author") != m.get("author") for n in later):
            out.add(opener)
    return out


def unanswered_scores(answered: dict[str, bool], predicted_unanswered: Iterable[str]) -> dict:
    """Precision and recall of "unanswered" over the threads of ``answered`` (opener id -> gold answered)."""
    gold = {t for t, a in answered.items() if not a}
    pred = set(predicted_unanswered) & set(answered)
    out = pair_scores({(t, "") for t in gold}, {(t, "") for t in pred})
    return {**out, "threads": len(answered)}


def adjusted_rand(gold: dict[str, str], predicted: dict[str, str]) -> float:
    """Adjusted Rand index of two conversation assignments over the messages of ``gold`` (missing: own conversation)."""
    from sklearn.metrics import adjusted_rand_score

    ids = sorted(gold)
    return float(adjusted_rand_score([gold[i] for i in ids], [predicted.get(i, "self:" + i) for i in ids]))


def _seconds(a: datetime, b: datetime) -> float:
    return (b - a).total_seconds()


def gap_conversations(messages: Sequence[dict], gap_seconds: float) -> dict[str, str]:
    """Conversation per message id: per channel, a new one after each silence longer than ``gap_seconds``."""
    out: dict[str, str] = {}
    for channel, ms in _groups([{**m, "thread_id": None} for m in messages]).items():
        start, prev = None, None
        for m in ms:
            if prev is None or _seconds(prev["created_at"], m["created_at"]) > gap_seconds:
                start = m["message_id"]
            out[m["message_id"]] = f"{channel}:{start}"
            prev = m
    return out


def conversation_scores(messages: Sequence[dict], gold: dict[str, str], predicted: dict[str, str]) -> dict:
    """Adjusted Rand index of the pipeline's conversations and of the time-gap baselines (all gaps, and the best)."""
    gaps = {str(g): adjusted_rand(gold, gap_conversations(messages, g)) for g in GAP_GRID_SECONDS}
    best = max(gaps, key=gaps.get)
    return {
        "messages": len(gold),
        "gold_conversations": len(set(gold.values())),
        "predicted_conversations": len({predicted.get(i, "self:" + i) for i in gold}),
        "ari": adjusted_rand(gold, predicted),
        "baseline_best_gap_seconds": float(best),
        "baseline_best_gap_ari": gaps[best],
        "baseline_gap_ari": gaps,
    }


def parent_scores(gold: dict[str, tuple[str, ...]], predicted: dict[str, str]) -> dict:
    """Reply parents: a predicted parent is right when it is one of the message's gold parents.

    Precision over the messages given a parent, recall over the messages that have a gold parent.
    """
    wanted = {m for m, ps in gold.items() if ps}
    hit = sum(1 for m, p in predicted.items() if p in gold.get(m, ()))
    p = hit / len(predicted) if predicted else 0.0
    r = hit / len(wanted) if wanted else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "gold": len(wanted), "predicted": len(predicted), "correct": hit}


def previous_author_parents(messages: Sequence[dict]) -> dict[str, str]:
    """Baseline reply parents in a flat channel: the latest earlier message of another author."""
    out = {}
    for ms in _groups([{**m, "thread_id": None} for m in messages]).values():
        for i, m in enumerate(ms):
            prev = next((n for n in reversed(ms[:i]) if n.get("author") != m.get("author")), None)
            if prev is not None:
                out[m["message_id"]] = prev["message_id"]
    return out
