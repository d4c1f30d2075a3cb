"""Erased messages taken out of export files already published (``kennismaker forget``).

The current run folder is written afresh by ``write_exports``; every other run folder under
``output_dir`` and the curation files in ``output_dir/curation/`` are rewritten without the rows
that show or point at an erased message (``ID_COLUMNS``), each file via a staging name and an
atomic rename, and the run folder's manifest is updated to the new rows, bytes and sha256.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from kennismaker.exports.publish import MANIFEST, STAGING_MARK, sha256

# Columns that hold the message ids a row shows or is built on.
ID_COLUMNS = ("question_id", "answer_id", "representative_question_id", "best_answer_id", "question_ids")


def _ids(value) -> set[str]:
    if value is None:
        return set()
    return set(value) if isinstance(value, list) else {value}


def kept_rows(table: pa.Table, erased: set[str], candidates: set[str]) -> pa.Table:
    """``table`` without the rows that show or are built on an erased message (or an erased candidate)."""
    columns = [c for c in ID_COLUMNS if c in table.column_names]
    values = [table.column(c).to_pylist() for c in columns]
    cands = table.column("candidate_id").to_pylist() if "candidate_id" in table.column_names else [None] * table.num_rows
    keep = [not (set().union(*(_ids(v[i]) for v in values)) & erased) and cands[i] not in candidates
            for i in range(table.num_rows)]
    return table.filter(pa.array(keep, pa.bool_()))


def _replaced(path: Path, table: pa.Table, write) -> None:
    staging = path.with_name(f".{path.name}{STAGING_MARK}erasure")
    write(table, staging)
    os.replace(staging, path)


def _manifest_updated(folder: Path, changed: dict[str, int]) -> None:
    target = folder / MANIFEST
    if not target.exists():
        return
    manifest = json.loads(target.read_text(encoding="utf-8"))
    for name, rows in changed.items():
        entry = manifest.get("files", {}).get(name)
        if entry is not None:
            entry.update(rows=rows, bytes=(folder / name).stat().st_size, sha256=sha256(folder / name))
    _replaced(target, manifest, lambda m, p: p.write_text(json.dumps(m, indent=2, sort_keys=True) + "\n", encoding="utf-8"))


def erased_from_published(output_dir: Path, erased: set[str], candidates: set[str], compression: str) -> list[Path]:
    """Rewrite every published Parquet export and curation file without erased rows; the files changed."""
    changed_files: list[Path] = []
    for folder in sorted(p for p in Path(output_dir).glob("run_date=*") if p.is_dir()):
        changed: dict[str, int] = {}
        for path in sorted(folder.glob("*.parquet")):
            table = pq.read_table(path)
            kept = kept_rows(table, erased, candidates)
            if kept.num_rows != table.num_rows:
                _replaced(path, kept, lambda t, p: pq.write_table(t, p, compression=compression))
                changed[path.name] = kept.num_rows
                changed_files.append(path)
        _manifest_updated(folder, changed)
    for path in sorted((Path(output_dir) / "curation").glob("*")):
        if path.suffix not in (".csv", ".parquet"):
            continue
        table = pq.read_table(path) if path.suffix == ".parquet" else pacsv.read_csv(path)
        kept = kept_rows(table, erased, candidates)
        if kept.num_rows != table.num_rows:
            write = (lambda t, p: pq.write_table(t, p)) if path.suffix == ".parquet" else (lambda t, p: pacsv.write_csv(t, p))
            _replaced(path, kept, write)
            changed_files.append(path)
    return changed_files
