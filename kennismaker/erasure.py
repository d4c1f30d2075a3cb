"""Erasure of one person from the store (``kennismaker forget``): which keys, which rows, the tombstone.

A person is named by a platform id (``slack:U0123``, or ``U0123`` for any source) or an e-mail
address. Their ``author_key`` values are the keyed hashes of those ids (an e-mail can match one
person on several platforms). ``erased_rows`` deletes, in one transaction, their messages and every
row derived from them, takes their key out of other messages' ``mentions``, drops quarantine
records that quote the id or address, and records a ``tombstones`` row (keyed hashes only) that
makes every later ingest skip them. The keyed hashes of their names stay in ``person_names`` under
``FORGOTTEN``, so other people's messages that name them are still masked in exports.

Deleted rows keep their bytes in the DuckDB file until it is rebuilt: ``kennismaker.store.compact``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

from kennismaker.errors import KennismakerError, UnknownPersonError
from kennismaker.privacy import author_key, email_key
from kennismaker.sql import statements

FORGOTTEN = "forgotten"
_HEX = re.compile(r"^[0-9a-f]+$")


@dataclass(frozen=True)
class ErasedPerson:
    """The keyed hashes that identify one person in the store."""

    author_keys: tuple[str, ...]
    email_key: str | None


def _q(name: str) -> str:
    return statements("erasure")[name]


def person_to_forget(con: duckdb.DuckDBPyConnection, key: bytes, person: str) -> ErasedPerson:
    """The keys of ``person`` (a platform id or an e-mail address) found in the store, or one sentence why not."""
    person = person.strip()
    if "@" in person:
        ekey = email_key(key, person)
        keys = sorted(r[0] for r in con.execute(_q("author_keys_by_email"), {"email_key": ekey}).fetchall())
    else:
        ekey = None
        sources = [r[0] for r in con.execute(_q("sources")).fetchall()]
        candidates = {author_key(key, person)} | {author_key(key, f"{s}:{person}") for s in sources if s}
        keys = sorted(r[0] for r in con.execute(_q("stored_author_keys"), {"keys": sorted(candidates)}).fetchall())
    if not keys:
        raise UnknownPersonError(
            f"Nobody with the id or e-mail address '{person}' is in the store; give the platform id as the export "
            "has it (such as slack:U0123ABC) or the person's e-mail address."
        )
    return ErasedPerson(tuple(keys), ekey)


# The tables erased_rows deletes from, in this order (statement delete_<table> of kennismaker/sql/erasure.sql).
ERASED_TABLES = (
    "message_labels", "reply_links", "conversations", "int_conversation_messages", "faq_grouping", "similar_matches",
    "answered_snapshot", "shown_texts", "shown_names", "answer_links", "question_status", "thread_topics", "curation", "embeddings", "messages",
    "raw_messages", "people", "person_names",
)


def erased_message_ids(con: duckdb.DuckDBPyConnection, person: ErasedPerson) -> list[str]:
    """The ids of the messages ``person`` wrote."""
    return [r[0] for r in con.execute(_q("message_ids"), {"keys": list(person.author_keys)}).fetchall()]


def erased_rows(con: duckdb.DuckDBPyConnection, person: ErasedPerson, raw_terms: list[str], candidate_ids: list[str]) -> dict[str, int]:
    """Delete ``person`` and every row derived from them, record the tombstone; rows deleted per table.

    ``raw_terms`` (the id or e-mail as given) find quarantine records that quote them;
    ``candidate_ids`` are the export candidate ids built on their messages (curation decisions).
    """
    if not all(_HEX.match(k) for k in person.author_keys):
        raise KennismakerError("An author key is not a keyed hash; the store is damaged, restore it from a backup.")
    counts: dict[str, int] = {}
    keys = list(person.author_keys)
    con.execute("BEGIN")
    try:
        con.execute(_q("erased_keys"), {"keys": keys})
        con.execute(_q("erased_candidates"), {"candidate_ids": candidate_ids})
        con.execute(_q("erased_ids"))
        con.execute(_q("forgotten_names"), {"forgotten": FORGOTTEN})
        for table in ERASED_TABLES:
            counts[table] = con.execute(_q(f"delete_{table}")).fetchone()[0]
        counts["mentions"] = con.execute(_q("mentions"), {"keys": keys}).fetchone()[0]
        terms = [t for t in raw_terms if t]
        counts["quarantine"] = con.execute(_q("quarantine"), {"terms": terms}).fetchone()[0] if terms else 0
        con.execute(_q("tombstone"), {"email_key": person.email_key})
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in ("__erased_keys", "__erased_candidates", "__erased_ids"):
            con.execute(f"DROP TABLE IF EXISTS {name}")
    return counts
