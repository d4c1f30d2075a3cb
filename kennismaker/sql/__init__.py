"""The store's SQL, in ``.sql`` files of this one folder, layered like the tables.

A file named after a relation holds the one query that returns it, read with ``sql(name)``:
``stg_*`` (staging), ``int_*`` (the intermediate relations, such as ``int_conversation_messages``:
which conversation a message is in, its parent and position, whether it is usable, which question
it answers, whether the asker thanked it or it got a check mark, computed once after answer
linking), ``exp_*`` (what the exports and analyst views read; ``exp_knowledge_health`` and
``exp_topic_trends`` are table macros, see ``MACROS`` in ``kennismaker.store``), ``topics_*`` and
``classify_*`` (a stage's queries). A stage's small statements that belong together (ingest's run
bookkeeping, erasure's deletes) share one file, each after a ``-- name: <what it returns or does>``
line (the convention of aiosql and yesql), read with ``statements(file)``.

Values are DuckDB parameters (``$name``); a file never has config values pasted into it, and
table names in Python-built statements only come from the declared schema (``kennismaker.schema``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

_NAME = re.compile(r"^-- name: *([a-z_][a-z0-9_]*) *$", re.MULTILINE)


@lru_cache(maxsize=None)
def sql(name: str) -> str:
    """The text of ``kennismaker/sql/<name>.sql`` (shipped as package data)."""
    return files(__name__).joinpath(f"{name}.sql").read_text(encoding="utf-8")


def named_statements(text: str) -> dict[str, str]:
    """``{name: statement}`` for each ``-- name: ...`` block of ``text`` (empty when it has none)."""
    parts = _NAME.split(text)
    return {key: body.strip().rstrip(";").rstrip() for key, body in zip(parts[1::2], parts[2::2])}


@lru_cache(maxsize=None)
def statements(name: str) -> dict[str, str]:
    """The named statements of ``kennismaker/sql/<name>.sql`` (``named_statements``)."""
    found = named_statements(sql(name))
    if not found:
        raise ValueError(f"kennismaker/sql/{name}.sql holds no '-- name: ...' statements")
    return found
