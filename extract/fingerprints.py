"""Which export files changed since their last ingest: size, mtime and content hash per file.

``ingest_export`` lists the files of an export (every file of a folder; a zip or single file is
one file), compares them with the ``source_files`` rows recorded at the last successful ingest of
that source, and skips the export without parsing when nothing changed. A file whose size and
mtime match is unchanged without reading it; one whose mtime moved but whose size matches is
hashed, so a ``touch`` or a copy does not cost a re-read. Any new, changed or removed file, or a
change of path, reader, reader options or privacy settings, means the export is read again.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from kennismaker.extract.tree import lone_archive
from kennismaker.config import SourceConfig
from kennismaker.schema import SOURCE_FILES
from kennismaker.sql import statements
from kennismaker.store import replace_where

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it

HASH_CHUNK = 1 << 20


def settings_hash(src: SourceConfig, reader_name: str, cfg: Config) -> str:
    """A digest of everything besides the files that decides what an ingest stores."""
    settings = {
        "path": str(Path(src.path).resolve()),
        "reader": reader_name,
        "options": src.options,
        "privacy": cfg.privacy.model_dump(mode="json"),
        "demo_mode": cfg.demo_mode,
    }
    return hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()).hexdigest()[:32]


def export_files(path: Path) -> dict[str, tuple[int, int]]:
    """``{relative name: (size in bytes, mtime in ns)}`` of every file of an export."""
    root = lone_archive(Path(path))
    if root.is_file():
        st = root.stat()
        return {root.name: (st.st_size, st.st_mtime_ns)}
    out: dict[str, tuple[int, int]] = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            full = Path(folder, name)
            st = full.stat()
            out[full.relative_to(root).as_posix()] = (st.st_size, st.st_mtime_ns)
    return out


def file_hash(path: Path) -> str:
    """The content hash (BLAKE2b, 128 bits) of one file, read in 1 MiB chunks."""
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _file_path(path: Path, name: str) -> Path:
    root = lone_archive(Path(path))
    return root if root.is_file() else root / name


def recorded_files(con: duckdb.DuckDBPyConnection, source_name: str) -> dict[str, tuple[int, int, str, str]]:
    """``{file: (size, mtime_ns, content_hash, settings_hash)}`` recorded for a source."""
    rows = con.execute(statements("extract_ingest")["recorded_files"], {"source_name": source_name}).fetchall()
    return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}


def current_fingerprints(path: Path, recorded: dict[str, tuple[int, int, str, str]]) -> dict[str, tuple[int, int, str]]:
    """``{file: (size, mtime_ns, content_hash)}`` now; the recorded hash is reused when size and mtime match."""
    out = {}
    for name, (size, mtime) in export_files(path).items():
        old = recorded.get(name)
        if old is not None and old[0] == size and old[1] == mtime:
            out[name] = (size, mtime, old[2])
        else:
            out[name] = (size, mtime, file_hash(_file_path(path, name)))
    return out


def export_unchanged(current: dict[str, tuple[int, int, str]], recorded: dict[str, tuple[int, int, str, str]], settings: str) -> bool:
    """Whether the export holds exactly the recorded files with the recorded content and settings."""
    if not current or set(current) != set(recorded):
        return False
    return all(recorded[n][3] == settings and recorded[n][2] == h and recorded[n][0] == size for n, (size, _m, h) in current.items())


def mtimes_moved(current: dict[str, tuple[int, int, str]], recorded: dict[str, tuple[int, int, str, str]]) -> bool:
    """Whether any file's mtime differs from the recorded one (same content, e.g. after a copy)."""
    return any(recorded.get(n, (None, None))[1] != m for n, (_s, m, _h) in current.items())


def record_files(con: duckdb.DuckDBPyConnection, source_name: str, current: dict[str, tuple[int, int, str]], settings: str, run_id: str) -> None:
    """Replace the recorded files of a source with ``current`` (after a successful ingest)."""
    names = list(current)
    rows = pa.table(
        {
            "source_name": [source_name] * len(names),
            "file": names,
            "size_bytes": [current[n][0] for n in names],
            "mtime_ns": [current[n][1] for n in names],
            "content_hash": [current[n][2] for n in names],
            "settings_hash": [settings] * len(names),
            "run_id": [run_id] * len(names),
        }
    )
    replace_where(con, SOURCE_FILES, rows, "source_name = ?", [source_name])
