"""Pure functions that turn reader batches into rows fit for storage.

This is where privacy is applied, before anything is written: raw user ids become keyed
hashes, e-mails and display names are dropped unless allowed, and messages from private
channels, direct messages and group chats are left out unless the config includes them.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from kennismaker.extract.name_mask import KnownNames, masked_names
from kennismaker.extract.typed_mentions import name_keys
from kennismaker.pii import masked_text
from kennismaker import privacy
from kennismaker.config import PrivacyConfig
from kennismaker.schema import PERSON_NAMES


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


def person_name_rows(people: pa.Table, batch: pa.RecordBatch, key: bytes) -> pa.Table:
    """``person_names`` rows: the keyed hash of every name (and derived form) each person goes by.

    ``people`` is the pseudonymised batch (``pseudonymised_people``), row for row with the raw ``batch``.
    """
    rows = []
    for person, raw in zip(people.to_pylist(), batch.to_pylist()):
        names = [raw["display_name"], *(raw.get("names") or [])]
        keys = {k for n in names if isinstance(n, str) and n.strip() for k in name_keys(n)}
        rows += [{"name_hash": privacy.name_hash(key, k), "author_key": person["author_key"],
                  "ingest_run_id": person["ingest_run_id"]} for k in sorted(keys)]
    return pa.Table.from_pylist(rows, schema=PERSON_NAMES.schema)


def without_forgotten(table: pa.Table, forgotten: frozenset[str]) -> pa.Table:
    """Rows whose ``author_key`` was forgotten (``tombstones``) left out, and forgotten keys taken out of ``mentions``."""
    if not forgotten or table.num_rows == 0:
        return table
    table = table.filter(pc.invert(pc.is_in(table["author_key"], pa.array(sorted(forgotten), pa.string()))))
    if "mentions" in table.column_names and table.num_rows:
        kept = [None if m is None else [k for k in m if k not in forgotten] for m in table["mentions"].to_pylist()]
        table = table.set_column(table.schema.get_field_index("mentions"), "mentions", pa.array(kept, table.schema.field("mentions").type))
    return table


def masked_quarantine(batch: pa.RecordBatch, names: KnownNames, phone_region: str) -> pa.Table:
    """Quarantine rows with the excerpt's personal data masked: known names (``names``) and
    e-mail addresses, phone numbers, IBANs, BSNs and postcodes (``kennismaker.pii``)."""
    table = pa.Table.from_batches([batch])
    excerpts = [None if e is None else masked_text(masked_names(e, names), phone_region) for e in table["excerpt"].to_pylist()]
    return table.set_column(table.schema.get_field_index("excerpt"), "excerpt", pa.array(excerpts, pa.string()))


def allowed_channels(batch: pa.RecordBatch, cfg: PrivacyConfig, run_id: str) -> pa.Table:
    """Channel rows whose kind the config allows, stamped with the run id."""
    table = pa.Table.from_batches([batch])
    blocked = excluded_kinds(cfg)
    if blocked:
        table = table.filter(pc.invert(pc.is_in(table["kind"], pa.array(blocked))))
    return table.append_column("ingest_run_id", pa.array([run_id] * len(table), pa.string()))
