"""The small interface every reader implements, and helpers to build its record batches.

A reader is a module-level object with:

* ``name``: versioned registered name, e.g. ``"slack_export.v1"`` (never changes behaviour);
* ``source``: the source family written to ``messages.source`` (``"slack"``);
* ``sniff(path) -> bool``: cheap check whether ``path`` looks like this format;
* ``read(path, ctx) -> Iterator[pa.RecordBatch]``: streams batches whose schema is one of
  ``RAW_MESSAGE``, ``RAW_CHANNEL``, ``RAW_PERSON`` or ``RAW_QUARANTINE`` (see kennismaker/schema.py).

Readers never hold a whole export in memory: they flush a batch every ``ctx.batch_size`` rows.
Bad records become quarantine rows; the rest keeps loading.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa

from kennismaker.extract.tree import ArchiveLimits, ExportTree
from kennismaker.patterns import EMAIL_RE
from kennismaker.schema import RAW_CHANNEL, RAW_MESSAGE, RAW_PERSON, RAW_QUARANTINE

EXCERPT_CHARS = 200


@dataclass
class ReadContext:
    """What a reader needs besides the path: batch size, archive limits, its options, and
    whether people may be named in message text (``privacy.store_display_names``)."""

    batch_size: int = 10_000
    limits: ArchiveLimits = field(default_factory=ArchiveLimits)
    options: dict[str, Any] = field(default_factory=dict)
    store_display_names: bool = False


class Reader(Protocol):
    """The reader plugin interface."""

    name: str
    source: str

    def sniff(self, path: Path) -> bool:
        """Whether ``path`` looks like an export of this format (cheap; never raises)."""

    def read(self, path: Path, ctx: ReadContext) -> Iterator[pa.RecordBatch]:
        """Stream the export as raw record batches."""


class BatchBuffer:
    """Collects rows of one raw kind and emits a ``RecordBatch`` every ``size`` rows."""

    def __init__(self, schema: pa.Schema, size: int):
        self.schema = schema
        self.size = size
        self.rows: list[dict[str, Any]] = []

    def add(self, row: dict[str, Any]) -> pa.RecordBatch | None:
        """Add a row; returns a full batch when one is ready."""
        self.rows.append(row)
        return self.flush() if len(self.rows) >= self.size else None

    def flush(self) -> pa.RecordBatch | None:
        """The pending rows as one batch (None when empty)."""
        if not self.rows:
            return None
        batch = pa.RecordBatch.from_pylist(self.rows, schema=self.schema)
        self.rows = []
        return batch


class RawBatches:
    """One buffer per raw kind; ``message()``/``channel()``/... yield full batches."""

    def __init__(self, source: str, size: int):
        self.source = source
        self.buffers = {
            "messages": BatchBuffer(RAW_MESSAGE, size),
            "channels": BatchBuffer(RAW_CHANNEL, size),
            "people": BatchBuffer(RAW_PERSON, size),
            "quarantine": BatchBuffer(RAW_QUARANTINE, max(1, size // 10)),
        }
        self.seq = 0

    def _add(self, kind: str, row: dict[str, Any]) -> Iterator[pa.RecordBatch]:
        row.setdefault("source", self.source)
        batch = self.buffers[kind].add(row)
        if batch is not None:
            yield batch

    def message(self, **row: Any) -> Iterator[pa.RecordBatch]:
        """Add a message row (defaults filled in); yields a batch when one is full."""
        self.seq += 1
        row.setdefault("raw_seq", self.seq)
        for key, default in _MESSAGE_DEFAULTS.items():
            if row.get(key) is None:
                row[key] = default() if callable(default) else default
        if row.get("thread_id") is None:
            row["thread_id"] = row["message_id"]
        yield from self._add("messages", row)

    def channel(self, channel_id: str, name: str | None, kind: str) -> Iterator[pa.RecordBatch]:
        """Add a channel row."""
        yield from self._add("channels", {"channel_id": channel_id, "name": name, "kind": kind})

    def person(
        self, author_id: str, display_name: str | None, email: str | None = None, is_bot: bool = False, names: tuple = ()
    ) -> Iterator[pa.RecordBatch]:
        """Add a person row (raw id; pseudonymised by the loader before storage). ``names`` are the other
        names the person goes by (full name, user name); only their keyed hashes are stored."""
        row = {"author_id": author_id, "display_name": display_name, "email": email, "is_bot": is_bot,
               "names": [n for n in names if isinstance(n, str) and n.strip()]}
        yield from self._add("people", row)

    def quarantine(self, file: str, position: Any, reason: str, raw: Any = None) -> Iterator[pa.RecordBatch]:
        """Add a bad record with where it was and why it was rejected (e-mail addresses masked)."""
        excerpt = None if raw is None else EMAIL_RE.sub("<e-mail>", str(raw)[: EXCERPT_CHARS * 2])[:EXCERPT_CHARS]
        row = {"file": file, "position": str(position), "reason": reason, "excerpt": excerpt}
        yield from self._add("quarantine", row)

    def flush(self) -> Iterator[pa.RecordBatch]:
        """Every pending batch (call once at the end)."""
        for buf in self.buffers.values():
            batch = buf.flush()
            if batch is not None:
                yield batch


_MESSAGE_DEFAULTS: dict[str, Any] = {
    "is_bot": False,
    "is_deleted": False,
    "text": "",
    "urls": list,
    "mentions": list,
    "reactions": list,
    "attachment_count": 0,
    "reaction_count": 0,
    "channel_kind": "public",
}


def sniff_tree(path: Path | str, test: Callable[[ExportTree], bool]) -> bool:
    """``test`` applied to the export tree at ``path``; False whatever goes wrong (sniffing never raises)."""
    try:
        with ExportTree(Path(path)) as tree:
            return bool(test(tree))
    except Exception:  # sniffing must never raise, whatever the path holds
        return False


def utc_from_epoch(seconds: float | str) -> datetime:
    """A UTC datetime from epoch seconds (a float or a Slack ``ts`` string)."""
    return datetime.fromtimestamp(float(seconds), tz=timezone.utc)


def utc_from_iso(text: str | None) -> datetime | None:
    """A UTC datetime from an ISO-8601 string ('Z' accepted); None for empty input."""
    if not text:
        return None
    dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def json_file(tree: ExportTree, name: str, out: "RawBatches") -> Iterator[pa.RecordBatch]:
    """Parse one JSON file of an export; a file that is not UTF-8 or not JSON is quarantined and gives
    None. Use as ``data = yield from json_file(tree, name, out)`` inside a reader's ``read``."""
    where = tree.describe(name)
    with tree.open(name) as fh:
        raw = fh.read()
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        yield from out.quarantine(where, f"byte {exc.start}", "file is not UTF-8", raw[:EXCERPT_CHARS].decode("utf-8", "replace"))
    except json.JSONDecodeError as exc:
        excerpt = exc.doc[max(0, exc.pos - EXCERPT_CHARS // 2): exc.pos + EXCERPT_CHARS // 2]
        yield from out.quarantine(where, f"line {exc.lineno} col {exc.colno}", f"invalid JSON: {exc.msg}", excerpt)
    return None
