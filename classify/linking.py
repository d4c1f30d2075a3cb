"""Answer linking: which replies answer which questions, and the stage that recomputes it all.

``link_answers(con, cfg)`` rebuilds ``reply_links``, ``conversations``, ``answer_links`` and
``question_status`` from ``messages``, ``message_labels``, ``people`` and ``embeddings`` in one
transaction. Every answer is linked to at most one question:

* ``marked``: the source marks the message as the accepted answer (score 1);
* ``thread``: threaded sources; a reply by someone else that is an answer (label answer or
  link_share, or p_answer >= min_answer_p) answers the question it replies to, else the latest
  earlier question of another author in the thread;
* ``flat``: flat channels; the same, found by walking up the reconstructed reply parents.

Thanks from the asker after an answer and check-mark reactions on it raise the score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa

from classify.flat_store import flat_channel_ids, flat_rows, threaded_rows
from classify.linking_config import LinkingConfig
from classify.linking_signals import has_reaction, says_any
from classify.status import question_status_rows
from kennismaker.schema import ANSWER_LINKS, CONVERSATIONS, QUESTION_STATUS, REPLY_LINKS, Table


@dataclass(frozen=True)
class Post:
    """A non-deleted message with what answer linking needs (conversation, parent, label)."""

    message_id: str
    conversation_id: str
    parent_id: str | None
    parent_score: float
    flat: bool
    author: str
    at: datetime
    text: str
    reactions: tuple[str, ...]
    marked: bool
    is_bot: bool
    label: str | None
    p_answer: float | None
    p_link_share: float | None


_POSTS_SQL = """
SELECT m.message_id, c.conversation_id, r.parent_id, coalesce(r.score, 0), r.method NOT IN ('reply_to', 'thread'),
       coalesce(m.author_key, ''), m.created_at, coalesce(m.text, ''), coalesce(m.reactions, []),
       coalesce(m.marked_answer, false), coalesce(m.is_bot, false), l.label, l.p_answer, l.p_link_share
FROM messages m JOIN conversations c USING (message_id)
LEFT JOIN reply_links r USING (message_id) LEFT JOIN message_labels l USING (message_id)
WHERE NOT coalesce(m.is_deleted, false)
ORDER BY c.conversation_id, m.created_at, m.raw_seq, m.message_id
"""


def stored_posts(con: duckdb.DuckDBPyConnection) -> list[Post]:
    """Every non-deleted message joined with its conversation, reply link and label."""
    return [
        Post(r[0], r[1], r[2], float(r[3]), bool(r[4]), r[5], r[6], r[7], tuple(r[8]), r[9], r[10], r[11], r[12], r[13])
        for r in con.execute(_POSTS_SQL).fetchall()
    ]


def answer_strength(post: Post, min_answer_p: float) -> float | None:
    """How much ``post`` looks like an answer (None when it does not)."""
    if post.label == "answer":
        return post.p_answer if post.p_answer is not None else 0.8
    if post.label == "link_share":
        return post.p_link_share if post.p_link_share is not None else 0.6
    if post.label != "question" and post.p_answer is not None and post.p_answer >= min_answer_p:
        return post.p_answer
    return None


def is_question(post: Post) -> bool:
    """Whether the classifier labelled ``post`` a question."""
    return post.label == "question"


def answered_question(answer: Post, earlier: Sequence[Post], by_id: dict[str, Post], max_depth: int) -> tuple[Post, float] | None:
    """The question ``answer`` answers and the confidence of that link, or None.

    Flat channels walk up the reconstructed parents (at most ``max_depth`` steps); threaded
    ones take the replied-to question, else the latest earlier question by someone else.
    """
    if answer.flat:
        post, confidence = answer, 1.0
        for _ in range(max_depth):
            parent = by_id.get(post.parent_id or "")
            if parent is None:
                return None
            confidence *= post.parent_score
            if is_question(parent) and parent.author != answer.author:
                return parent, confidence
            post = parent
        return None
    parent = by_id.get(answer.parent_id or "")
    if parent is not None and is_question(parent) and parent.author != answer.author:
        return parent, 1.0
    for post in reversed(earlier):
        if is_question(post) and post.author != answer.author:
            return post, 1.0
    return None


def conversation_links(conversation: Sequence[Post], by_id: dict[str, Post], linking: LinkingConfig) -> dict[tuple[str, str], dict[str, Any]]:
    """Answer links found in one conversation (posts in time order), before thanks boosts."""
    links: dict[tuple[str, str], dict[str, Any]] = {}
    for k, post in enumerate(conversation):
        strength = None if post.is_bot else answer_strength(post, linking.min_answer_p)
        if strength is None and not post.marked:
            continue
        found = answered_question(post, conversation[:k], by_id, linking.max_answer_depth)
        if found is None and post.marked and k > 0 and conversation[0].author != post.author:
            found = (conversation[0], 1.0)
        if found is None:
            continue
        question, confidence = found
        if post.marked:
            score, method = 1.0, "marked"
        else:
            score = strength * (0.5 + 0.5 * confidence) if post.flat else strength
            method = "flat" if post.flat else "thread"
            if has_reaction(post.reactions, linking.checkmark_reactions):
                score += linking.checkmark_boost
        links[(question.message_id, post.message_id)] = {"question_id": question.message_id, "answer_id": post.message_id, "score": score, "method": method}
    return links


def thanked_links(conversation: Sequence[Post], links: dict[tuple[str, str], dict[str, Any]], by_id: dict[str, Post], linking: LinkingConfig) -> set[tuple[str, str]]:
    """Links whose asker says thanks later in the conversation (the latest answer before each thanks)."""
    thanked: set[tuple[str, str]] = set()
    position = {p.message_id: k for k, p in enumerate(conversation)}
    for k, post in enumerate(conversation):
        if not says_any(post.text, linking.thanks_phrases):
            continue
        before = [key for key in links if by_id[key[0]].author == post.author and position.get(key[1], k) < k]
        if before:
            thanked.add(max(before, key=lambda key: position[key[1]]))
    return thanked


def answer_link_rows(posts: Sequence[Post], linking: LinkingConfig) -> list[dict[str, Any]]:
    """``answer_links`` rows for all posts, scores clipped to [0, 1]."""
    by_id = {p.message_id: p for p in posts}
    rows: list[dict[str, Any]] = []
    for conversation in conversations_of(posts):
        links = conversation_links(conversation, by_id, linking)
        for key in thanked_links(conversation, links, by_id, linking):
            if links[key]["method"] != "marked":
                links[key]["score"] += linking.thanks_boost
        rows.extend({**row, "score": min(1.0, max(0.0, row["score"]))} for row in links.values())
    return rows


def conversations_of(posts: Sequence[Post]) -> list[list[Post]]:
    """Posts grouped by conversation, keeping their order (time order within a conversation)."""
    groups: dict[str, list[Post]] = {}
    for post in posts:
        groups.setdefault(post.conversation_id, []).append(post)
    return list(groups.values())


def _replace(con: duckdb.DuckDBPyConnection, table: Table, rows: list[dict[str, Any]]) -> int:
    """Replace a table's rows inside the caller's transaction."""
    con.execute(f"DELETE FROM {table.name}")
    if rows:
        data = pa.Table.from_pylist(rows, schema=table.schema)
        con.register("__linking_rows", data)
        try:
            con.execute(f"INSERT INTO {table.name} SELECT * FROM __linking_rows")
        finally:
            con.unregister("__linking_rows")
    return len(rows)


def configured_model_id(cfg: Any) -> str | None:
    """The embedder model id ``cfg.classify.embedder`` selects (None when there is none)."""
    embedder = getattr(getattr(cfg, "classify", None), "embedder", None)
    if embedder is None:
        return None
    from classify.embedders import embedder_model_id

    return embedder_model_id(embedder)


def link_answers(con: duckdb.DuckDBPyConnection, cfg: Any, linking: LinkingConfig | None = None, model_id: str | None = None) -> dict[str, int]:
    """Recompute reply_links, conversations, answer_links and question_status in one transaction.

    Settings come from ``linking``, else ``cfg.classify.linking``, else the defaults; sentence
    vectors are read from ``embeddings`` for ``model_id`` (default: the configured embedder's id);
    similarity falls back to TF-IDF where no vector is cached.
    Returns the row count of each table. Running it twice on the same tables changes nothing.
    """
    linking = linking or getattr(getattr(cfg, "classify", None), "linking", None) or LinkingConfig()
    model_id = model_id or configured_model_id(cfg)
    counts: dict[str, int] = {}
    con.execute("BEGIN")
    try:
        flat_ids = flat_channel_ids(con)
        thread_links, thread_convs = threaded_rows(con, flat_ids)
        inferred, flat_convs = flat_rows(con, flat_ids, linking, model_id)
        counts["reply_links"] = _replace(con, REPLY_LINKS, thread_links + inferred)
        counts["conversations"] = _replace(con, CONVERSATIONS, thread_convs + flat_convs)
        posts = stored_posts(con)
        links = answer_link_rows(posts, linking)
        counts["answer_links"] = _replace(con, ANSWER_LINKS, links)
        counts["question_status"] = _replace(con, QUESTION_STATUS, question_status_rows(posts, links, linking))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    counts["flat_channels"] = len(flat_ids)
    return counts
