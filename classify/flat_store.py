"""Reply links and conversations from the store: explicit for threaded channels, inferred for flat ones.

``reply_links`` gets one row per message that responds to another: ``reply_to`` / ``thread``
rows copy the export's structure (score 1), rows with a scorer name (``flat.linear.v1``) are
inferred by ``classify.flat``. ``conversations`` maps every non-deleted message to its
conversation: the thread id for threaded sources, the reconstructed root for flat channels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import duckdb
import numpy as np

from kennismaker.classify.flat import FlatMessage, Similarity, conversation_roots, question_likelihood, reply_parents, scorer_named
from kennismaker.classify.flat_names import MIN_NAME_CHARS, hashed_names
from kennismaker.classify.linking_config import LinkingConfig
from kennismaker.sql import statements



def flat_channel_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Channels in which no message has a thread or reply-to other than itself."""
    rows = con.execute(statements("classify_store")["flat_channel_ids"]).fetchall()
    return [r[0] for r in rows]


def threaded_rows(con: duckdb.DuckDBPyConnection, flat_ids: Sequence[str], channels: Sequence[str] | None = None) -> tuple[list[dict], list[dict]]:
    """(reply_links rows, conversations rows) for the non-deleted messages of threaded channels
    (only those in ``channels`` when given)."""
    rows = con.execute(
        statements("classify_store")["threaded_messages"],
        {"flat_channels": list(flat_ids), "channels": None if channels is None else list(channels)},
    ).fetchall()
    reply_to = {m: r for m, _, r in rows if r and r != m}
    links, convs = [], []
    for message_id, thread_id, reply_to_id in rows:
        if reply_to_id and reply_to_id != message_id:
            links.append({"message_id": message_id, "parent_id": reply_to_id, "score": 1.0, "method": "reply_to"})
        elif thread_id and thread_id != message_id:
            links.append({"message_id": message_id, "parent_id": thread_id, "score": 1.0, "method": "thread"})
        convs.append({"message_id": message_id, "conversation_id": thread_id or reply_root(message_id, reply_to)})
    return links, convs


def reply_root(message_id: str, reply_to: dict[str, str]) -> str:
    """The first message of a reply-to chain (cycles and long chains stop where they repeat)."""
    seen = {message_id}
    while message_id in reply_to and reply_to[message_id] not in seen:
        message_id = reply_to[message_id]
        seen.add(message_id)
    return message_id


def name_index(display_names: dict[str, str | None]) -> tuple[re.Pattern[str] | None, dict[str, set[str]]]:
    """A pattern finding people's names in text, and which author keys each lowercased name means.

    A name is a full display name or its first word (when at least three letters long).
    """
    keys: dict[str, set[str]] = {}
    for key, name in display_names.items():
        name = (name or "").strip().lower()
        for token in {name, name.split()[0] if name else ""}:
            if len(token) >= MIN_NAME_CHARS:
                keys.setdefault(token, set()).add(key)
    if not keys:
        return None, keys
    body = "|".join(re.escape(t) for t in sorted(keys, key=len, reverse=True))
    return re.compile(rf"(?<!\w)@?({body})(?!\w)", re.IGNORECASE), keys


def named_authors(text: str | None, pattern: re.Pattern[str] | None, keys: dict[str, set[str]]) -> set[str]:
    """Author keys whose name appears in ``text``."""
    if pattern is None or not text:
        return set()
    return {k for found in pattern.findall(text) for k in keys.get(found.lower(), ())}


def channel_name_hashes(con: duckdb.DuckDBPyConnection, channel_id: str) -> dict[str, set[str]]:
    """The keyed name hashes (``person_names``) of the authors of one channel: name_hash -> author keys."""
    found: dict[str, set[str]] = {}
    for name_hash, author_key in con.execute(statements("classify_store")["channel_name_hashes"], {"channel_id": channel_id}).fetchall():
        found.setdefault(name_hash, set()).add(author_key)
    return found


def flat_channel_messages(
    con: duckdb.DuckDBPyConnection, channel_id: str, model_id: str | None, names_key: bytes | None = None, with_names: bool = False,
) -> tuple[list[FlatMessage], Similarity]:
    """The non-deleted messages of one flat channel in time order, and their similarity.

    ``p_question`` comes from the text alone (``question_likelihood``), never from message_labels.
    With ``with_names``, ``named`` holds the channel's authors named anywhere in a message: its
    mentions, display names (when stored) and, with ``names_key``, names found through the keyed
    hashes of ``person_names`` (``classify.flat_names``), so no name needs to be stored.
    """
    rows = con.execute(
        statements("classify_store")["flat_channel_messages"], {"model_id": model_id or "", "channel_id": channel_id},
    ).fetchall()
    pattern, keys = name_index({r[1]: r[6] for r in rows if r[1]})
    hashes = channel_name_hashes(con, channel_id) if with_names and names_key else {}
    messages = [
        FlatMessage(
            message_id=mid,
            author=author or "",
            at=float(at or 0.0),
            text=text or "",
            addressed=frozenset(set(mentions or ()) | named_authors(text, pattern, keys)),
            # Text-only on purpose: the classifier's p_question depends on the reconstructed parent
            # (context pass), so using it here would let the two chase each other night after night.
            # The IRC figures in docs/answer-linking.md were measured this way too.
            p_question=question_likelihood(text),
            named=frozenset(set(mentions or ()) | named_authors(text, pattern, keys) | hashed_names(text, names_key, hashes))
            if with_names else frozenset(),
        )
        for mid, author, at, text, mentions, p_q, _, _ in rows
    ]
    vectors = [np.asarray(r[7], dtype=np.float32) if r[7] is not None else None for r in rows]
    return messages, Similarity([m.text for m in messages], vectors if model_id else None)


def flat_rows(
    con: duckdb.DuckDBPyConnection, flat_ids: Sequence[str], linking: LinkingConfig, model_id: str | None, names_key: bytes | None = None,
) -> tuple[list[dict], list[dict]]:
    """(reply_links rows, conversations rows) reconstructed for every flat channel (``names_key``: the
    pseudonymisation key, for scorers that read names)."""
    scorer = scorer_named(linking.scorer)
    links, convs = [], []
    for channel_id in flat_ids:
        messages, similarity = flat_channel_messages(con, channel_id, model_id, names_key, scorer.reads_names)
        parents = reply_parents(messages, similarity, scorer, linking.max_candidates, linking.max_gap_minutes * 60)
        roots = conversation_roots([p for p, _ in parents])
        for i, (m, (parent, score)) in enumerate(zip(messages, parents)):
            if parent != i:
                links.append({"message_id": m.message_id, "parent_id": messages[parent].message_id, "score": score, "method": linking.scorer})
            convs.append({"message_id": m.message_id, "conversation_id": messages[roots[i]].message_id})
    return links, convs
