"""``forget_person(cfg, person)``: the right to erasure, wired end to end (``kennismaker forget``).

Under the run lock (no nightly run can interleave): the person's rows and everything derived
from them are deleted and a tombstone recorded (``kennismaker.erasure``), their names in other
people's stored messages are replaced by ``[naam]`` (``names_scrubbed``), answer links and
question status are recomputed without them, the current exports are written afresh and every
earlier published file is rewritten without their rows (``exports.erasure``), the database file
is rebuilt so no deleted bytes remain (``kennismaker.store.compact``), and a receipt is written.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pyarrow as pa

from kennismaker.exports.curation import candidate_id
from kennismaker.exports.erasure import erased_from_published
from kennismaker.exports.publish import write_exports
from kennismaker.extract.name_mask import NAME_PLACEHOLDER, KnownNames, masked_names
from kennismaker.pipelines.config import Config
from kennismaker.erasure import ErasedPerson, erased_message_ids, erased_rows, person_to_forget
from kennismaker.privacy import pseudonym_key
from kennismaker.sql import statements
from kennismaker.store import compact, open_store
from kennismaker.pipelines.lock import run_lock

CANDIDATE_PREFIXES = ("uq", "tk", "faq")
# What an erasure does not reach; the receipt says so.
NOT_TOUCHED = [
    "the fitted topic model in model_dir (its vocabulary may hold words of the erased messages; "
    "`kennismaker run --refit` replaces it)",
    "backups and copies of the database or exports made outside kennismaker",
    "the source exports themselves (a re-ingest skips the person through the tombstone)",
]


def their_names(con: duckdb.DuckDBPyConnection, key: bytes, erased: ErasedPerson) -> KnownNames:
    """The erased person's names (keyed hashes from ``person_names``), each to be replaced by ``[naam]``."""
    rows = con.execute(statements("erasure")["their_name_hashes"], {"keys": list(erased.author_keys)}).fetchall()
    return KnownNames(key, {h: NAME_PLACEHOLDER for (h,) in rows})


def names_scrubbed(con: duckdb.DuckDBPyConnection, names: KnownNames) -> int:
    """Replace the erased person's names in everybody else's stored messages; returns the messages changed.

    ``content_hash`` stays that of the text as exported, so a re-ingest of the same export sees
    the message as unchanged and does not put the name back.
    """
    rows = con.execute(statements("erasure")["texts"]).fetchall()
    changed = [(mid, new) for mid, text in rows if (new := masked_names(text, names)) != text]
    if changed:
        con.register("__scrubbed", pa.table({"message_id": [m for m, _ in changed], "text": [t for _, t in changed]}))
        try:
            con.execute(statements("erasure")["scrub_messages"])
            con.execute(statements("erasure")["scrub_raw_messages"])
        finally:
            con.unregister("__scrubbed")
    return len(changed)


def receipts_dir(cfg: Config) -> Path:
    """Where erasure receipts are kept: ``erasure-receipts/`` next to the database."""
    return Path(cfg.database).parent / "erasure-receipts"


def forget_person(cfg: Config, person: str, now: datetime | None = None) -> dict:
    """Erase ``person`` (platform id or e-mail address) from the store and every export; returns the receipt.

    The receipt holds keyed hashes only (never the id or address given) and is also written to
    ``receipts_dir(cfg)``.
    """
    from kennismaker.classify.linking import link_answers

    now = now or datetime.now(timezone.utc)
    with run_lock(cfg.database):
        with open_store(cfg.database) as con:
            key = pseudonym_key(cfg.privacy, cfg.demo_mode)
            erased = person_to_forget(con, key, person)
            ids = erased_message_ids(con, erased)
            candidates = {candidate_id(prefix, i) for prefix in CANDIDATE_PREFIXES for i in ids}
            names = their_names(con, key, erased)
            rows = erased_rows(con, erased, [person], sorted(candidates))
            rows["names_in_other_messages"] = names_scrubbed(con, names)
            link_answers(con, cfg)
            current = write_exports(con, cfg)
            con.execute("CHECKPOINT")
        rewritten = erased_from_published(cfg.output_dir, set(ids), candidates, cfg.exports.compression)
        compact(cfg.database)
    receipt = {
        "erased_at": now.isoformat(timespec="seconds"),
        "author_keys": list(erased.author_keys),
        "email_key": erased.email_key,
        "named_by": "e-mail address" if "@" in person else "platform id",
        "rows_deleted": rows,
        "messages_erased": len(ids),
        "tombstones_added": len(erased.author_keys),
        "artefacts": {
            "database_compacted": str(cfg.database),
            "current_exports_rewritten": current["folder"],
            "published_files_rewritten": [str(p) for p in rewritten],
        },
        "not_touched": NOT_TOUCHED,
    }
    folder = receipts_dir(cfg)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"erasure-{now:%Y%m%dT%H%M%SZ}-{erased.author_keys[0][:8]}.json"
    path.write_text(json.dumps(receipt, indent=2) + "\n", encoding="utf-8")
    receipt["receipt"] = str(path)
    return receipt
