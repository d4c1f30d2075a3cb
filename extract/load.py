"""Loading reader batches into the store: raw_messages -> stg_messages -> messages.

``ingest_export`` is the one function the CLI and the ``extract`` flow call. It is idempotent:
the same export twice, or overlapping exports on consecutive nights, leave one row per message,
the newest version of an edited message wins, and an unchanged message is not touched.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from kennismaker.extract import fingerprints, stage
from kennismaker.extract.name_mask import NAME_PLACEHOLDER, KnownNames
from kennismaker.extract.readers import resolve_reader
from kennismaker.extract.readers.base import ReadContext, Reader
from kennismaker.extract.tree import ArchiveLimits
from kennismaker import privacy
from kennismaker.config import SourceConfig
from kennismaker.errors import KennismakerError, NothingReadError
from kennismaker.schema import CHANNELS, MESSAGES, PEOPLE, PERSON_NAMES, RAW_MESSAGES, raw_kind
from kennismaker.sql import sql, statements
from kennismaker.store import table_check_failures, upsert_arrow

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it

# Columns whose change makes a stored message "changed" (run bookkeeping is not content).
CONTENT_COLUMNS = (
    "source", "channel_id", "thread_id", "reply_to_id", "author_key", "created_at", "edited_at",
    "is_deleted", "content_hash", "urls", "mentions", "attachment_count", "reaction_count",
    "reactions", "marked_answer", "is_bot",
)


@dataclass
class IngestSummary:
    """What one ingest did; also stored as a row of ``ingest_runs``."""

    run_id: str
    source_name: str
    format: str
    path: str
    messages_read: int = 0
    messages_new: int = 0
    messages_changed: int = 0
    messages_unchanged: int = 0
    messages_excluded: int = 0
    quarantined: int = 0
    status: str = "running"


def new_run_id() -> str:
    """A sortable unique run id: UTC time plus a random suffix."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


_INGEST = statements("extract_ingest")


def _start_run(con: duckdb.DuckDBPyConnection, s: IngestSummary) -> None:
    con.execute(_INGEST["start_run"], {"run_id": s.run_id, "source_name": s.source_name, "format": s.format, "path": s.path})


def _finish_run(con: duckdb.DuckDBPyConnection, s: IngestSummary) -> None:
    counts = ("status", "messages_read", "messages_new", "messages_changed", "messages_unchanged", "messages_excluded", "quarantined")
    con.execute(_INGEST["finish_run"], {"run_id": s.run_id, **{c: getattr(s, c) for c in counts}})


def _append_raw_messages(con: duckdb.DuckDBPyConnection, rows: pa.Table) -> None:
    con.register("__raw_batch", rows)
    try:
        cols = [c for c in RAW_MESSAGES.columns if c != "content_hash"]
        select = ", ".join(f'"{c}"' for c in cols)
        con.execute(
            f"INSERT INTO raw_messages ({select}, content_hash) "
            f"SELECT {select}, substr(sha256(coalesce(text, '')), 1, 32) FROM __raw_batch"
        )
    finally:
        con.unregister("__raw_batch")


def _append_quarantine(con: duckdb.DuckDBPyConnection, rows: pa.Table, run_id: str) -> None:
    con.register("__q_batch", rows)
    try:
        con.execute(_INGEST["append_quarantine"], {"run_id": run_id})
    finally:
        con.unregister("__q_batch")


def forgotten_keys(con: duckdb.DuckDBPyConnection) -> tuple[frozenset[str], frozenset[str]]:
    """(author keys, e-mail keys) of everyone ``kennismaker forget`` erased: an ingest never stores them again."""
    rows = con.execute(_INGEST["forgotten_keys"]).fetchall()
    return frozenset(a for a, _ in rows if a), frozenset(e for _, e in rows if e)


def stored_names(con: duckdb.DuckDBPyConnection, key: bytes) -> KnownNames:
    """Every name in ``person_names`` (those of this export's people read so far included), each masked as ``[naam]``."""
    rows = con.execute(_INGEST["stored_name_hashes"]).fetchall()
    return KnownNames(key, {h: NAME_PLACEHOLDER for (h,) in rows})


def _read_into_raw(con: duckdb.DuckDBPyConnection, reader, src: SourceConfig, cfg: Config, s: IngestSummary) -> None:
    """Stream the export into raw_messages (and channels/people/quarantine); forgotten people are skipped."""
    key = privacy.pseudonym_key(cfg.privacy, cfg.demo_mode)
    forgotten, forgotten_emails = forgotten_keys(con)
    limits = ArchiveLimits(**cfg.ingest.archive.model_dump())
    ctx = ReadContext(
        batch_size=cfg.ingest.batch_size, limits=limits, options=dict(src.options),
        store_display_names=cfg.privacy.store_display_names,
    )
    for batch in reader.read(src.path, ctx):
        kind = raw_kind(batch.schema)
        if kind == "messages":
            allowed = stage.allowed_messages(batch, cfg.privacy)
            s.messages_read += batch.num_rows
            s.messages_excluded += batch.num_rows - allowed.num_rows
            rows = stage.without_forgotten(stage.pseudonymised_messages(allowed, key, s.run_id), forgotten)
            s.messages_excluded += allowed.num_rows - rows.num_rows
            if rows.num_rows:
                _append_raw_messages(con, rows)
        elif kind == "channels":
            upsert_arrow(con, CHANNELS, stage.allowed_channels(batch, cfg.privacy, s.run_id))
        elif kind == "people":
            people = stage.pseudonymised_people(batch, key, cfg.privacy, s.run_id)
            if forgotten_emails:
                forgotten |= {a for a, e in zip(people["author_key"].to_pylist(), people["email_key"].to_pylist()) if e in forgotten_emails}
            keep = pa.array([a not in forgotten for a in people["author_key"].to_pylist()], pa.bool_())
            upsert_arrow(con, PEOPLE, people.filter(keep))
            upsert_arrow(con, PERSON_NAMES, stage.without_forgotten(stage.person_name_rows(people, batch, key), forgotten))
        elif kind == "quarantine":
            s.quarantined += batch.num_rows
            _append_quarantine(con, stage.masked_quarantine(batch, stored_names(con, key), cfg.privacy.phone_region), s.run_id)


STG_MESSAGES_SQL = f"CREATE OR REPLACE TEMP VIEW stg_messages AS {sql('stg_messages')}"


def _changed_predicate(left: str, right: str) -> str:
    return " OR ".join(f"{left}.{c} IS DISTINCT FROM {right}.{c}" for c in CONTENT_COLUMNS)


def _count_changes(con: duckdb.DuckDBPyConnection, s: IngestSummary) -> None:
    new, changed, same = con.execute(
        f"""SELECT count(*) FILTER (WHERE m.message_id IS NULL),
                   count(*) FILTER (WHERE m.message_id IS NOT NULL AND ({_changed_predicate('m', 's')})),
                   count(*) FILTER (WHERE m.message_id IS NOT NULL AND NOT ({_changed_predicate('m', 's')}))
            FROM stg_messages s LEFT JOIN messages m USING (message_id)"""
    ).fetchone()
    s.messages_new, s.messages_changed, s.messages_unchanged = new, changed, same


def _merge_messages(con: duckdb.DuckDBPyConnection) -> None:
    cols = [c for c in MESSAGES.columns if c != "lang"]
    col_list = ", ".join(cols)
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "message_id")
    con.execute(
        f"""INSERT INTO messages ({col_list}) SELECT {col_list} FROM stg_messages
            ON CONFLICT (message_id) DO UPDATE SET {sets},
                lang = CASE WHEN messages.content_hash = excluded.content_hash THEN messages.lang END
            WHERE ({_changed_predicate('messages', 'excluded')})
              AND coalesce(excluded.edited_at, excluded.created_at) >= coalesce(messages.edited_at, messages.created_at)"""
    )


def _skip_unchanged(con: duckdb.DuckDBPyConnection, s: IngestSummary, files: dict, recorded: dict, settings: str) -> IngestSummary:
    """Record a run that read nothing because no file of the export changed."""
    s.status = "unchanged"
    _start_run(con, s)
    con.execute(f"DELETE FROM {RAW_MESSAGES.name}")
    if fingerprints.mtimes_moved(files, recorded):
        fingerprints.record_files(con, s.source_name, files, settings, s.run_id)
    _finish_run(con, s)
    return s


def ingest_export(
    con: duckdb.DuckDBPyConnection, src: SourceConfig, cfg: Config, reader: Reader | None = None, force: bool = False,
) -> IngestSummary:
    """Read one export into the store and return what happened.

    ``reader`` defaults to the one named (or sniffed) by ``src.format``. When every file of the
    export has the size and mtime (or content hash) recorded at this source's last successful
    ingest, and the settings are the same, nothing is parsed and the run's status is
    ``unchanged`` (unless ``force`` or ``ingest.skip_unchanged: false``). Raises
    ``NothingReadError`` when not a single message could be read (the run is still recorded).
    """
    reader = reader or resolve_reader(src.path, src.format)
    s = IngestSummary(new_run_id(), src.name, reader.name, str(src.path))
    settings = fingerprints.settings_hash(src, reader.name, cfg)
    recorded = fingerprints.recorded_files(con, src.name)
    files = fingerprints.current_fingerprints(src.path, recorded)
    if cfg.ingest.skip_unchanged and not force and fingerprints.export_unchanged(files, recorded, settings):
        return _skip_unchanged(con, s, files, recorded, settings)
    _start_run(con, s)
    con.execute(f"DELETE FROM {RAW_MESSAGES.name}")
    try:
        _read_into_raw(con, reader, src, cfg, s)
        con.execute(STG_MESSAGES_SQL)
        con.execute("BEGIN TRANSACTION")
        _count_changes(con, s)
        _merge_messages(con)
        failures = table_check_failures(con, MESSAGES) + table_check_failures(con, CHANNELS)
        if failures:
            con.execute("ROLLBACK")
            raise KennismakerError("Ingest checks failed, nothing was changed: " + "; ".join(failures) + ".")
        if s.messages_read:
            fingerprints.record_files(con, s.source_name, files, settings, s.run_id)
        s.status = "ok"
        _finish_run(con, s)  # the run's status and watermark commit with the data, or not at all
        con.execute("COMMIT")
    except BaseException:
        s.status = "failed"
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass  # no transaction was open
        _finish_run(con, s)
        raise
    if s.messages_read == 0:
        raise NothingReadError(
            f"No message could be read from {src.path} ({s.quarantined} records quarantined); "
            "check that it is a complete export of the format "
            f"{reader.name} and see the quarantine table for reasons."
        )
    return s


def summary_dict(s: IngestSummary) -> dict:
    """The summary as a plain dict (for CLI output and flow results)."""
    return asdict(s)


def source_from_path(path: Path, fmt: str = "auto", name: str | None = None) -> SourceConfig:
    """A ``SourceConfig`` for a path given on the command line."""
    return SourceConfig(name=name or Path(path).name, path=Path(path).resolve(), format=fmt)
