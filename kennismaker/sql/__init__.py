"""The store's SQL, one ``.sql`` file per relation or query, layered like the tables.

``int_*`` files build the intermediate relations (``int_conversation_messages``: which
conversation a message is in, its parent and position, whether it is usable, which question it
answers, whether the asker thanked it or it got a check mark), computed once after answer
linking; ``exp_*`` files are what the exports read. Values are DuckDB parameters (``$name``);
a file never has config values pasted into it.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=None)
def sql(name: str) -> str:
    """The text of ``kennismaker/sql/<name>.sql`` (shipped as package data)."""
    return files(__name__).joinpath(f"{name}.sql").read_text(encoding="utf-8")
