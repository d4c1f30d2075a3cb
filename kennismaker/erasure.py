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

FORGOTTEN = "forgotten"
_HEX = re.compile(r"^[0-9a-f]+$")


@dataclass(frozen=True)
class ErasedPerson:
    """The keyed hashes that identify one person in the store."""

    author_keys: tuple[str, ...]
    email_key: str | None


def person_to_forget(con: duckdb.DuckDBPyConnection, key: bytes, person: str) -> ErasedPerson:
    """The keys of ``person`` (a platform id or an e-mail address) found in the store, or one sentence why not."""
    person = person.strip()
    if "@" in person:
        ekey = email_key(key, person)
        rows = con.execute("SELECT DISTINCT author_key FROM people WHERE email_key = ?", [ekey]).fetchall()
        keys = sorted(r[0] for r in rows)
    else:
        ekey = None
        sources = [r[0] for r in con.execute("SELECT DISTINCT source FROM people UNION SELECT DISTINCT source FROM messages").fetchall()]
        candidates = {author_key(key, person)} | {author_key(key, f"{s}:{person}") for s in sources if s}
        found = con.execute(
            "SELECT author_key FROM people WHERE author_key IN (SELECT unnest(?)) "
            "UNION SELECT author_key FROM messages WHERE author_key IN (SELECT unnest(?))",
            [sorted(candidates), sorted(candidates)],
        ).fetchall()
        keys = sorted(r[0] for r in found)
    if not keys:
        raise UnknownPersonError(
            f"Nobody with the id or e-mail address '{person}' is in the store; give the platform id as the export "
            "has it (such as slack:U0123ABC) or the person's e-mail address."
        )
    return ErasedPerson(tuple(keys), ekey)


def _erased_ids_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE OR REPLACE TEMP TABLE __erased_ids AS SELECT message_id, content_hash FROM messages "
                "WHERE author_key IN (SELECT author_key FROM __erased_keys)")


def _deletes() -> dict[str, str]:
    ids = "(SELECT message_id FROM __erased_ids)"
    keys = "(SELECT author_key FROM __erased_keys)"
    return {
        "message_labels": f"DELETE FROM message_labels WHERE message_id IN {ids}",
        "reply_links": f"DELETE FROM reply_links WHERE message_id IN {ids} OR parent_id IN {ids}",
        "conversations": f"DELETE FROM conversations WHERE message_id IN {ids}",
        "int_conversation_messages": f"DELETE FROM int_conversation_messages WHERE message_id IN {ids}",
        # the export caches name message ids in their rows and lists: emptied whole (the next export recomputes them)
        "faq_grouping": "DELETE FROM faq_grouping",
        "similar_matches": "DELETE FROM similar_matches",
        "answered_snapshot": "DELETE FROM answered_snapshot",
        "shown_texts": "DELETE FROM shown_texts",
        "shown_names": "DELETE FROM shown_names",
        "answer_links": f"DELETE FROM answer_links WHERE question_id IN {ids} OR answer_id IN {ids}",
        "question_status": f"DELETE FROM question_status WHERE question_id IN {ids}",
        "thread_topics": f"DELETE FROM thread_topics WHERE thread_id IN {ids}",
        "curation": "DELETE FROM curation WHERE candidate_id IN (SELECT candidate_id FROM __erased_candidates)",
        "embeddings": "DELETE FROM embeddings WHERE content_hash IN (SELECT content_hash FROM __erased_ids) "
                      f"AND content_hash NOT IN (SELECT content_hash FROM messages WHERE author_key NOT IN {keys} AND content_hash IS NOT NULL)",
        "messages": f"DELETE FROM messages WHERE author_key IN {keys}",
        "raw_messages": f"DELETE FROM raw_messages WHERE author_key IN {keys}",
        "people": f"DELETE FROM people WHERE author_key IN {keys}",
        "person_names": f"DELETE FROM person_names WHERE author_key IN {keys}",
    }


def erased_message_ids(con: duckdb.DuckDBPyConnection, person: ErasedPerson) -> list[str]:
    """The ids of the messages ``person`` wrote."""
    rows = con.execute("SELECT message_id FROM messages WHERE author_key IN (SELECT unnest(?)) ORDER BY 1", [list(person.author_keys)]).fetchall()
    return [r[0] for r in rows]


def erased_rows(con: duckdb.DuckDBPyConnection, person: ErasedPerson, raw_terms: list[str], candidate_ids: list[str]) -> dict[str, int]:
    """Delete ``person`` and every row derived from them, record the tombstone; rows deleted per table.

    ``raw_terms`` (the id or e-mail as given) find quarantine records that quote them;
    ``candidate_ids`` are the export candidate ids built on their messages (curation decisions).
    """
    if not all(_HEX.match(k) for k in person.author_keys):
        raise KennismakerError("An author key is not a keyed hash; the store is damaged, restore it from a backup.")
    counts: dict[str, int] = {}
    con.execute("BEGIN")
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE __erased_keys AS SELECT unnest(?::VARCHAR[]) AS author_key", [list(person.author_keys)])
        con.execute("CREATE OR REPLACE TEMP TABLE __erased_candidates AS SELECT unnest(?::VARCHAR[]) AS candidate_id", [candidate_ids])
        _erased_ids_table(con)
        con.execute(
            "INSERT INTO person_names SELECT DISTINCT name_hash, ?, NULL FROM person_names "
            "WHERE author_key IN (SELECT author_key FROM __erased_keys) ON CONFLICT DO NOTHING", [FORGOTTEN])
        for table, sql in _deletes().items():
            counts[table] = con.execute(sql).fetchone()[0]
        keys = list(person.author_keys)
        counts["mentions"] = con.execute(
            "UPDATE messages SET mentions = list_filter(mentions, lambda m: NOT list_contains(?::VARCHAR[], m)) "
            "WHERE len(list_intersect(mentions, ?::VARCHAR[])) > 0", [keys, keys]).fetchone()[0]
        terms = [t for t in raw_terms if t]
        counts["quarantine"] = con.execute(
            "DELETE FROM quarantine WHERE list_bool_or([contains(lower(coalesce(excerpt, '')), lower(t)) for t in ?::VARCHAR[]])",
            [terms]).fetchone()[0] if terms else 0
        con.execute(
            "INSERT INTO tombstones SELECT author_key, ?, now() FROM __erased_keys ON CONFLICT DO NOTHING", [person.email_key])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in ("__erased_keys", "__erased_candidates", "__erased_ids"):
            con.execute(f"DROP TABLE IF EXISTS {name}")
    return counts
