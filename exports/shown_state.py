"""Shown texts kept between runs: a text is masked again only when it is new or a name it looked up changed.

Masking a text (``exports.privacy.shown_text``: known names, then e-mail addresses, phone numbers,
IBANs, ...) is the costly step of an export, and nearly every text of a night was masked the night
before. ``shown_texts`` keeps each masked text (``shown_texts`` table) under the SHA-256 of the text
as stored and the masking settings (``mask_settings``: the privacy switches, the pseudonym key's
digest, the masking code and lexicons, the phonenumbers version), with the keyed hashes of every
phrase the name masking looked up (as 64-bit codes, ``lookup_code``). Masking depends on the known
names only through those look-ups, so a kept text stays valid until one of the names it looked up
gets another replacement or goes; ``shown_names`` holds the replacements of the last run, and the
names whose replacement changed since (a new person, an opt-out, an erased person's names now
``[naam]``) remove exactly the kept texts that looked them up. A changed text has another key.

Only what the current run used is kept (``pruned_shown_texts`` after the exports are computed), and
an erasure empties both tables (``kennismaker.erasure``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import phonenumbers
import pyarrow as pa

from kennismaker import pii
from kennismaker.exports.privacy import shown_text
from kennismaker.extract import name_mask, typed_mentions
from kennismaker.extract.name_mask import KnownNames, RecordingNames
from kennismaker.lexicon import LEXICON_DIR
from kennismaker.schema import SHOWN_NAMES, SHOWN_TEXTS
from kennismaker.sql import sql

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it

USED = "__shown_used"  # temp table: the text keys this connection's exports used (pruned_shown_texts keeps only those)
MASKING_LEXICONS = ("pii", "mentions")


def text_key(text: str) -> str:
    """The key of a stored text: SHA-256 of its UTF-8 bytes, hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def lookup_code(name_hash: str) -> int:
    """A keyed name hash as a signed 64-bit code (its first 64 bits): two names that share a code only
    cost an extra re-mask, never a stale one."""
    return int(name_hash[:16], 16) - (1 << 63)


@lru_cache(maxsize=1)
def masking_code_digest() -> str:
    """SHA-256 over the masking code, its lexicons and the phonenumbers version: any change re-masks every text."""
    digest = hashlib.sha256(phonenumbers.__version__.encode())
    files = [Path(m.__file__) for m in (pii, name_mask, typed_mentions)] + [LEXICON_DIR / f"{n}.yaml" for n in MASKING_LEXICONS]
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def names_used(cfg: Config, names: KnownNames) -> bool:
    """Whether masking looks names up at all (names are masked and some are known)."""
    return not cfg.privacy.show_display_names and bool(names.replacements)


def mask_settings(cfg: Config, names: KnownNames) -> str:
    """Everything besides the text and the looked-up names that a shown text depends on, as one digest."""
    p = cfg.privacy
    parts = {"show_display_names": p.show_display_names, "mask_contacts": p.mask_contacts, "phone_region": p.phone_region,
             "key": hashlib.sha256(names.key).hexdigest(), "names": names_used(cfg, names), "code": masking_code_digest()}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32]


def _registered(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table, query: str, params: dict) -> pa.Table | None:
    con.register(name, table)
    try:
        result = con.sql(query, params=params)
        return result.to_arrow_table() if result is not None else None
    finally:
        con.unregister(name)


def refreshed_names(con: duckdb.DuckDBPyConnection, settings: str, replacements: dict[str, str]) -> int:
    """Drop the kept texts made under other settings or that looked up a name whose replacement changed, and
    record the current replacements; returns how many names changed."""
    current = pa.table({"name_hash": pa.array(sorted(replacements), pa.string()),
                        "replacement": pa.array([replacements[h] for h in sorted(replacements)], pa.string())})
    changed = _registered(con, "__shown_current", current, sql("exp_shown_names_changed"), {})
    codes = sorted({lookup_code(h) for h in changed.column("name_hash").to_pylist()})
    con.execute(sql("exp_shown_texts_stale"), {"settings": settings, "changed": codes}).fetchall()
    if codes:
        con.execute(f"DELETE FROM {SHOWN_NAMES.name}").fetchall()
        _registered(con, "__shown_current", current, f"INSERT INTO {SHOWN_NAMES.name} SELECT * FROM __shown_current", {})
    return len(codes)


def kept_texts(con: duckdb.DuckDBPyConnection, settings: str, keys: list[str]) -> dict[str, str | None]:
    """The kept shown text per key (only the keys asked for), and the keys marked as used by this connection."""
    wanted = pa.table({"text_key": pa.array(keys, pa.string())})
    con.execute(f"CREATE TEMP TABLE IF NOT EXISTS {USED} (text_key VARCHAR)").fetchall()
    _registered(con, "__shown_wanted", wanted, f"INSERT INTO {USED} SELECT text_key FROM __shown_wanted", {})
    found = _registered(con, "__shown_wanted", wanted, sql("exp_shown_texts_kept"), {"settings": settings})
    return dict(zip(found.column("text_key").to_pylist(), found.column("shown").to_pylist()))


def masked_with_lookups(text: str, cfg: Config, names: KnownNames) -> tuple[str | None, list[int]]:
    """``shown_text`` of ``text`` and the codes of the names it looked up."""
    recording = RecordingNames(names.key, names.replacements)
    return shown_text(text, cfg, recording), sorted({lookup_code(h) for h in recording.looked_up})


def stored_texts(con: duckdb.DuckDBPyConnection, settings: str, new: dict[str, tuple[str | None, list[int]]]) -> None:
    """Keep the newly masked texts."""
    if not new:
        return
    keys = sorted(new)
    rows = pa.table({"text_key": pa.array(keys, pa.string()), "settings": pa.array([settings] * len(keys), pa.string()),
                     "shown": pa.array([new[k][0] for k in keys], pa.string()),
                     "lookups": pa.array([new[k][1] for k in keys], pa.list_(pa.int64()))}).cast(SHOWN_TEXTS.schema)
    _registered(con, "__shown_new", rows, f"INSERT INTO {SHOWN_TEXTS.name} SELECT * FROM __shown_new ON CONFLICT DO NOTHING", {})


def shown_texts(con: duckdb.DuckDBPyConnection, cfg: Config, texts: Sequence[str | None], names: KnownNames) -> list[str | None]:
    """Every text as ``shown_text`` shows it, masking only the texts that are not kept from an earlier run."""
    settings = mask_settings(cfg, names)
    refreshed_names(con, settings, names.replacements if names_used(cfg, names) else {})
    keys = [text_key(t) if t else None for t in texts]
    kept = kept_texts(con, settings, sorted({k for k in keys if k}))
    new: dict[str, tuple[str | None, list[int]]] = {}
    for text, key in zip(texts, keys):
        if key and key not in kept and key not in new:
            new[key] = masked_with_lookups(text, cfg, names)
    stored_texts(con, settings, new)
    return [text if not key else kept[key] if key in kept else new[key][0] for text, key in zip(texts, keys)]


def start_shown_run(con: duckdb.DuckDBPyConnection) -> None:
    """Forget which kept texts this connection used (called before a run computes its exports)."""
    con.execute(f"DROP TABLE IF EXISTS {USED}").fetchall()


def pruned_shown_texts(con: duckdb.DuckDBPyConnection) -> int:
    """Drop the kept texts this run's exports did not use (texts edited, deleted, opted out or no longer listed); returns how many."""
    con.execute(f"CREATE TEMP TABLE IF NOT EXISTS {USED} (text_key VARCHAR)").fetchall()
    gone = con.execute(sql("exp_shown_texts_unused")).fetchall()[0][0]
    con.execute(f"DROP TABLE IF EXISTS {USED}").fetchall()
    return gone
