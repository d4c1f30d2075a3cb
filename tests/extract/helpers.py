"""Helpers shared by the reader tests: read everything a reader yields, and zip a fixture folder."""

from __future__ import annotations

import zipfile
from collections import defaultdict
from pathlib import Path

from kennismaker.extract.readers.base import ReadContext
from kennismaker.schema import RAW_SCHEMAS, raw_kind


def read_tables(reader, path: Path, batch_size: int = 4, **options) -> dict[str, list[dict]]:
    """Everything ``reader.read`` yields, as rows per raw kind; checks schema and batch size on the way."""
    tables: dict[str, list[dict]] = defaultdict(list)
    for batch in reader.read(path, ReadContext(batch_size=batch_size, options=options)):
        kind = raw_kind(batch.schema)
        assert batch.schema.equals(RAW_SCHEMAS[kind], check_metadata=True)
        assert 0 < batch.num_rows <= batch_size
        tables[kind].extend(batch.to_pylist())
    return tables


def zipped(folder: Path, target: Path, top: str = "") -> Path:
    """A zip of every file under ``folder`` (optionally under one top folder), as platforms ship them."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(folder.rglob("*")):
            if f.is_file():
                zf.write(f, top + f.relative_to(folder).as_posix())
    return target
