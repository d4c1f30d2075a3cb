"""Readers ``generic_jsonl.v1`` and ``generic_csv.v1``: any chat export converted to one documented shape.

A generic export is a JSON-lines file (``.jsonl`` / ``.ndjson``, one object per line) or a CSV
file (``.csv``, UTF-8, header row, byte-order mark allowed, separated by ``,`` ``;`` or tab), or a
folder or zip of such files.
Every record is one message with these columns (names as in the file, or mapped with the
``columns`` option):

================  ========  =====================================================================
column            required  meaning
================  ========  =====================================================================
``message_id``    yes       unique id of the message within the source
``created_at``    yes       when it was posted: ISO-8601 (``2026-09-01T08:15:00Z``; no zone means
                            UTC), epoch seconds, or text in the ``timestamp_format`` option
``text``          yes       the message text (HTML when the option ``html`` is true)
``thread_id``     no        ``message_id`` of the thread's first message (empty: its own id)
``reply_to_id``   no        ``message_id`` of the message this one answers
``channel``       no        channel name or id
``author``        no        user id or name of the author (pseudonymised before storage)
``author_name``   no        display name of the author (stored only when display names are allowed)
``reactions``     no        number of reactions (whole number)
``attachments``   no        number of attached files (whole number)
``channel_kind``  no        ``public`` (default), ``private``, ``direct`` or ``group``
``is_bot``        no        true when the author is a bot or integration
``edited_at``     no        when the message was last edited (same formats as ``created_at``)
``is_deleted``    no        true when the message was deleted (its text is dropped)
================  ========  =====================================================================

Options (``sources[].options`` in the config): ``source_name`` (default ``generic``; ids become
``{source_name}:{message_id}``), ``columns`` (canonical name -> the file's column name),
``timestamp_format`` (a ``strftime`` pattern) and ``html`` (default false). Auto-detection only
recognises files that use the canonical names; with a ``columns`` mapping, name the format.
A record without id or timestamp, or with a value that cannot be read, goes to quarantine.

``mentions`` holds the authors a message addresses by a typed name: "@Name" anywhere, or a name
the message opens with ("celestine: try ...", "Hoi Anna, ..."). The people are the export's
authors, known by ``author`` (an id, or the name or nick itself) and ``author_name``; a first pass
over the files collects them, and a name counts only when exactly one author carries it (see
``extract.typed_mentions``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any

import pyarrow as pa

from kennismaker.extract.readers.base import RawBatches, ReadContext
from kennismaker.extract.readers.generic_options import REQUIRED, GenericOptions, generic_options
from kennismaker.extract.readers.generic_rows import BadRecord, CsvRows, Record, json_lines, parse_bool, parse_count, utc_datetime
from kennismaker.extract.text import html_to_text, tidy, urls_in
from kennismaker.extract.tree import ExportTree
from kennismaker.extract.typed_mentions import PeopleNames
from kennismaker.errors import NotAnExportError
from kennismaker.schema import CHANNEL_KINDS


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def message_row(record: dict[str, Any], opts: GenericOptions, people: PeopleNames | None = None) -> dict[str, Any]:
    """The raw message row of one generic record (typed names resolved against ``people``).

    Raises ``BadRecord`` when the record cannot be loaded.
    """
    get = opts.getter(record)
    mid, created = _text(get("message_id")), get("created_at")
    if not mid:
        raise BadRecord("missing message_id")
    if _text(created) == "":
        raise BadRecord("missing created_at")
    kind = _text(get("channel_kind")).lower() or "public"
    if kind not in CHANNEL_KINDS:
        raise BadRecord(f"channel_kind {kind!r} is not one of {', '.join(CHANNEL_KINDS)}")
    deleted = parse_bool(get("is_deleted"))
    text, urls = ("", []) if deleted else _text_and_urls(get("text"), opts.html)
    channel, edited = _text(get("channel")), get("edited_at")
    author_id = opts.qualified(_text(get("author")))
    return {
        "message_id": opts.qualified(mid),
        "channel_id": opts.qualified(channel),
        "channel_name": channel or None,
        "channel_kind": kind,
        "thread_id": opts.qualified(_text(get("thread_id"))),
        "reply_to_id": opts.qualified(_text(get("reply_to_id"))),
        "author_id": author_id,
        "is_bot": parse_bool(get("is_bot")),
        "created_at": utc_datetime(created, opts.timestamp_format),
        "edited_at": utc_datetime(edited, opts.timestamp_format) if _text(edited) else None,
        "is_deleted": deleted,
        "text": text,
        "urls": urls,
        "mentions": people.mentioned(text, author_id) if people else [],
        "reaction_count": parse_count(get("reactions")),
        "attachment_count": parse_count(get("attachments")),
    }


def _text_and_urls(value: Any, html: bool) -> tuple[str, list[str]]:
    if html:
        parsed = html_to_text(_text(value))
        return parsed.text, parsed.urls
    text = tidy("" if value is None else str(value))
    return text, urls_in(text)


def export_people(records: Iterator[Record], opts: GenericOptions) -> PeopleNames:
    """The authors of ``records`` by the names they go by: ``author`` itself and ``author_name``."""
    people, seen = PeopleNames(), set()
    for record in records:
        if isinstance(record.value, dict):
            get = opts.getter(record.value)
            author, name = _text(get("author")), _text(get("author_name"))
            if author and (author, name) not in seen:
                seen.add((author, name))
                people.add(opts.qualified(author), author, name)
    return people


def data_files(tree: ExportTree, suffixes: tuple[str, ...]) -> list[str]:
    """Names of the export's files with one of ``suffixes`` (hidden files left out)."""
    return [
        n for n in tree.names()
        if n.lower().endswith(suffixes) and not any(p.startswith((".", "__MACOSX")) for p in PurePosixPath(n).parts)
    ]


class _GenericReader:
    """What the JSON-lines and CSV readers share; subclasses say how a file becomes records."""

    name = ""
    source = "generic"
    suffixes: tuple[str, ...] = ()

    def records(self, stream: IO[bytes], file: str, opts: GenericOptions) -> Iterator[Record]:
        """The records of one file."""
        raise NotImplementedError

    def first_keys(self, stream: IO[bytes]) -> set[str]:
        """The column names of the first record of a file (for sniffing)."""
        raise NotImplementedError

    def sniff(self, path: Path) -> bool:
        """Whether the first record of the first matching file has message_id, created_at and text."""
        try:
            with ExportTree(path) as tree:
                files = data_files(tree, self.suffixes)
                if not files:
                    return False
                with tree.open(files[0]) as fh:
                    return set(REQUIRED) <= self.first_keys(fh)
        except Exception:  # sniffing must never raise, whatever the path holds
            return False

    def read(self, path: Path, ctx: ReadContext) -> Iterator[pa.RecordBatch]:
        """Stream messages, channels, people and quarantined records."""
        opts = generic_options(ctx.options, self.name)
        with ExportTree(path, ctx.limits) as tree:
            files = data_files(tree, self.suffixes)
            if not files:
                raise NotAnExportError(
                    f"{path} holds no {' or '.join(self.suffixes)} file; point the source at one, or at a folder or zip of them."
                )
            out = _GenericBatches(opts, ctx.batch_size, export_people(self._all_records(tree, files, opts), opts))
            for name in files:
                file = tree.describe(name)
                with tree.open(name) as fh:
                    for record in self.records(fh, file, opts):
                        yield from out.record(file, record)
            yield from out.flush()

    def _all_records(self, tree: ExportTree, files: list[str], opts: GenericOptions) -> Iterator[Record]:
        """Every record of every file (the first pass that collects the export's people)."""
        for name in files:
            with tree.open(name) as fh:
                yield from self.records(fh, tree.describe(name), opts)


class JsonlReader(_GenericReader):
    """Generic JSON lines: one message object per line."""

    name = "generic_jsonl.v1"
    suffixes = (".jsonl", ".ndjson")

    def records(self, stream: IO[bytes], file: str, opts: GenericOptions) -> Iterator[Record]:
        """One record per non-blank line."""
        return json_lines(stream)

    def first_keys(self, stream: IO[bytes]) -> set[str]:
        """Keys of the first object."""
        first = next(iter(json_lines(stream)), None)
        return set(first.value) if first is not None and isinstance(first.value, dict) else set()


class CsvReader(_GenericReader):
    """Generic CSV: a header row, then one message per row."""

    name = "generic_csv.v1"
    suffixes = (".csv",)

    def records(self, stream: IO[bytes], file: str, opts: GenericOptions) -> Iterator[Record]:
        """One record per row; a missing required column is one clear error."""
        rows = CsvRows(stream)
        for canonical in REQUIRED:
            if opts.column(canonical) not in rows.header:
                raise NotAnExportError(
                    f"{file} has no column {opts.column(canonical)!r} (for {canonical}); "
                    "rename it or map it with the source option columns."
                )
        return iter(rows)

    def first_keys(self, stream: IO[bytes]) -> set[str]:
        """The header."""
        return set(CsvRows(stream).header)


class _GenericBatches(RawBatches):
    """RawBatches that emit each channel and author once, on first sight, and know the export's people."""

    def __init__(self, opts: GenericOptions, size: int, people: PeopleNames):
        super().__init__(opts.source_name, size)
        self.opts = opts
        self.people = people
        self.seen_channels: set[str] = set()
        self.seen_people: set[str] = set()

    def record(self, file: str, record: Record) -> Iterator[pa.RecordBatch]:
        """The batches one record adds: a message (with channel and author) or a quarantine row."""
        if record.error:
            yield from self.quarantine(file, record.position, record.error, record.raw)
            return
        try:
            if not isinstance(record.value, dict):
                raise BadRecord("record is not a JSON object")
            row = message_row(record.value, self.opts, self.people)
        except BadRecord as exc:
            yield from self.quarantine(file, record.position, str(exc), record.raw)
            return
        if row["channel_id"] and row["channel_id"] not in self.seen_channels:
            self.seen_channels.add(row["channel_id"])
            yield from self.channel(row["channel_id"], row["channel_name"], row["channel_kind"])
        if row["author_id"] and row["author_id"] not in self.seen_people:
            self.seen_people.add(row["author_id"])
            name = _text(self.opts.getter(record.value)("author_name")) or None
            yield from self.person(row["author_id"], name, None, row["is_bot"])
        yield from self.message(**row, raw_ref=f"{file}#{record.position}")


JSONL_READER = JsonlReader()
CSV_READER = CsvReader()
