"""Pure functions that turn reader batches into rows fit for storage.

This is where privacy is applied, before anything is written: raw user ids become keyed
hashes, e-mails and display names are dropped unless allowed, and messages from private
channels, direct messages and group chats are left out unless the config includes them.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from kennismaker import privacy
from kennismaker.config import PrivacyConfig


def excluded_kinds(cfg: PrivacyConfig) -> list[str]:
    """Channel kinds that must not be loaded under this privacy config."""
    allowed = {
        "private": cfg.include_private_channels,
        "direct": cfg.include_direct_messages,
        "group": cfg.include_group_chats,
    }
    return [kind for kind, ok in allowed.items() if not ok]


def _hashed(values: pa.Array, key: bytes) -> pa.Array:
    """Keyed hashes of a string array, hashing every distinct value once."""
    encoded = pc.dictionary_encode(values)
    dictionary = [privacy.author_key(key, v) for v in encoded.dictionary.to_pylist()]
    return pc.take(pa.array(dictionary, pa.string()), encoded.indices)


def _hashed_lists(lists: pa.Array, key: bytes) -> pa.Array:
    flat = _hashed(pc.list_flatten(lists), key)
    offsets = pc.subtract(lists.offsets, lists.offsets[0])
    return pa.ListArray.from_arrays(offsets, flat, mask=lists.is_null())


def allowed_messages(batch: pa.RecordBatch, cfg: PrivacyConfig) -> pa.Table:
    """The rows of a raw message batch whose channel kind the config allows."""
    table = pa.Table.from_batches([batch])
    blocked = excluded_kinds(cfg)
    if not blocked:
        return table
    keep = pc.invert(pc.is_in(pc.fill_null(table["channel_kind"], "public"), pa.array(blocked)))
    return table.filter(keep)


def pseudonymised_messages(table: pa.Table, key: bytes, run_id: str) -> pa.Table:
    """Message rows with ``author_key`` and hashed ``mentions`` instead of raw ids."""
    authors = _hashed(table["author_id"].combine_chunks(), key)
    mentions = _hashed_lists(table["mentions"].combine_chunks(), key)
    out = table.drop_columns(["author_id", "channel_name"])
    out = out.append_column("author_key", authors)
    out = out.set_column(out.schema.get_field_index("mentions"), "mentions", mentions)
    return out.append_column("ingest_run_id", pa.array([run_id] * len(out), pa.string()))


def pseudonymised_people(batch: pa.RecordBatch, key: bytes, cfg: PrivacyConfig, run_id: str) -> pa.Table:
    """People rows keyed by ``author_key``; names and e-mails only when the config allows."""
    rows = []
    for p in batch.to_pylist():
        akey = privacy.author_key(key, p["author_id"])
        rows.append(
            {
                "author_key": akey,
                "source": p["source"],
                "pseudonym": privacy.pseudonym(akey),
                "display_name": p["display_name"] if cfg.store_display_names else None,
                "email": p["email"] if cfg.store_emails else None,
                "email_key": privacy.email_key(key, p["email"]),
                "is_bot": bool(p["is_bot"]),
                "ingest_run_id": run_id,
            }
        )
    return pa.Table.from_pylist(rows)


def allowed_channels(batch: pa.RecordBatch, cfg: PrivacyConfig, run_id: str) -> pa.Table:
    """Channel rows whose kind the config allows, stamped with the run id."""
    table = pa.Table.from_batches([batch])
    blocked = excluded_kinds(cfg)
    if blocked:
        table = table.filter(pc.invert(pc.is_in(table["kind"], pa.array(blocked))))
    return table.append_column("ingest_run_id", pa.array([run_id] * len(table), pa.string()))
