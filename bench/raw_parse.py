"""The anchor for ingest speed: parsing the same export files with nothing but the standard library.

``raw_parse(folders)`` times ``json.load`` of every ``.json`` file, ``json.loads`` of every line of
every ``.jsonl`` file and ``csv.reader`` over every ``.csv`` file under the configured sources'
folders (exactly the exports the extract stage reads; not the generator's truth files next to them),
one after another in this process. Ingest's ratio to it is
``raw seconds / extract seconds``: 1.0 would mean kennismaker ingests as fast as the JSON parser
alone reads the files.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterable
from pathlib import Path


def _parse(path: Path, kind: str) -> None:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        if kind == "json":
            json.load(fh)
        elif kind == "jsonl":
            for line in fh:
                if line.strip():
                    json.loads(line)
        else:
            for _row in csv.reader(fh):
                pass


def raw_parse(folders: Iterable[Path]) -> dict:
    """Seconds and file counts of plain standard-library parsing of every export file under ``folders``."""
    seconds = {"json": 0.0, "jsonl": 0.0, "csv": 0.0}
    files = {"json": 0, "jsonl": 0, "csv": 0}
    size = 0
    for path in sorted(p for folder in folders for p in Path(folder).rglob("*")):
        kind = path.suffix.lstrip(".")
        if kind not in seconds or not path.is_file():
            continue
        size += path.stat().st_size
        started = time.perf_counter()
        try:
            _parse(path, kind)
        except ValueError:  # a broken file costs its parse time and is counted apart
            files["unparsable"] = files.get("unparsable", 0) + 1
        seconds[kind] += time.perf_counter() - started
        files[kind] += 1
    total = sum(seconds.values())
    return {"seconds": round(total, 3), "seconds_by_kind": {k: round(v, 3) for k, v in seconds.items()},
            "files": files, "bytes": size}
