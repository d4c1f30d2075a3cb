"""Reader ``viva_engage.v1``: a Viva Engage (Yammer) network data export.

The export is a zip or folder with ``Messages.csv`` and, when present, ``Users.csv`` (names and
e-mails for people rows, ``[[user:123]]`` mentions and names typed without them, see
``extract.typed_mentions``) and ``Groups.csv`` (group names; groups
marked private make their messages private). CSV files are UTF-8 with a byte-order mark, quoted
bodies may span lines, and columns are mapped by header. ``Messages.csv`` needs ``id``,
``created_at`` and ``body`` (or ``html_body``). Earlier versions of an edited message are extra
rows with the same id: all are emitted in file order, and the loader keeps the last one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pyarrow as pa

from kennismaker.extract.readers.base import RawBatches, ReadContext
from kennismaker.extract.readers.generic_rows import BadRecord, CsvRows, Record, parse_bool
from kennismaker.extract.readers.yammer_rows import Lookups, is_bot_sender, message_row, missing_columns
from kennismaker.extract.tree import ExportTree
from kennismaker.errors import NotAnExportError


def find_member(tree: ExportTree, basename: str) -> str | None:
    """The shortest member named ``basename`` (case-insensitive), or None."""
    hits = [n for n in tree.names() if PurePosixPath(n).name.lower() == basename.lower() and "__MACOSX" not in n]
    return min(hits, key=len) if hits else None


class VivaEngageReader:
    """Viva Engage / Yammer network data export (CSV files)."""

    name = "viva_engage.v1"
    source = "yammer"

    def sniff(self, path: Path) -> bool:
        """Whether ``path`` holds a Messages.csv with Viva Engage's ``id`` and ``created_at`` columns."""
        try:
            with ExportTree(path) as tree:
                name = find_member(tree, "Messages.csv")
                if name is None:
                    return False
                with tree.open(name) as fh:
                    return not missing_columns(CsvRows(fh).header)
        except Exception:  # sniffing must never raise, whatever the path holds
            return False

    def read(self, path: Path, ctx: ReadContext) -> Iterator[pa.RecordBatch]:
        """Stream messages, channels, people and quarantined rows of the export."""
        with ExportTree(path, ctx.limits) as tree:
            messages = find_member(tree, "Messages.csv")
            if messages is None:
                raise NotAnExportError(
                    f"{path} has no Messages.csv; point the source at the Viva Engage network data export (zip or folder)."
                )
            file = tree.describe(messages)
            with tree.open(messages) as fh:
                rows = CsvRows(fh)
                missing = missing_columns(rows.header)
                if missing:
                    raise NotAnExportError(
                        f"{file} has no {missing[0]} column; export Messages.csv again with all columns "
                        "or choose the generic_csv.v1 format with a column mapping."
                    )
                out = _YammerBatches(self.source, ctx.batch_size)
                yield from out.users(tree, find_member(tree, "Users.csv"))
                yield from out.groups(tree, find_member(tree, "Groups.csv"))
                for record in rows:
                    yield from out.record(file, record)
            yield from out.flush()


class _YammerBatches(RawBatches):
    """RawBatches that know the export's users and groups and emit channels and senders once."""

    def __init__(self, source: str, size: int):
        super().__init__(source, size)
        self.lookups = Lookups()
        self.seen_channels: set[str] = set()
        self.seen_people: set[str] = set()

    def _side_rows(self, tree: ExportTree, name: str | None) -> Iterator[dict[str, str] | Record]:
        """Good rows of a side file as dicts, bad ones as Records (for quarantine)."""
        if name is None:
            return
        with tree.open(name) as fh:
            for record in CsvRows(fh):
                yield record if record.error or not (record.value.get("id") or "").strip() else record.value

    def users(self, tree: ExportTree, name: str | None) -> Iterator[pa.RecordBatch]:
        """People rows from Users.csv; remembers names for mentions, markup and typed."""
        for row in self._side_rows(tree, name):
            if isinstance(row, Record):
                yield from self.quarantine(tree.describe(name), row.position, row.error or "missing id", row.raw)
                continue
            uid = row["id"].strip()
            display = row.get("name") or row.get("full_name")
            self.lookups.user_names[uid] = display or "unknown"
            self.lookups.people.add(f"yammer:{uid}", row.get("name"), row.get("full_name"))
            yield from self._person_once(uid, display, row.get("email"), is_bot_sender(row.get("type")), (row.get("name"), row.get("full_name")))

    def groups(self, tree: ExportTree, name: str | None) -> Iterator[pa.RecordBatch]:
        """Channel rows from Groups.csv; remembers group names and which groups are private."""
        for row in self._side_rows(tree, name):
            if isinstance(row, Record):
                yield from self.quarantine(tree.describe(name), row.position, row.error or "missing id", row.raw)
                continue
            gid = row["id"].strip()
            try:
                private = parse_bool(row.get("private")) or (row.get("privacy") or "").lower() == "private"
            except BadRecord:
                private = True  # an unreadable flag must not expose a group
            self.lookups.group_names[gid] = row.get("name") or gid
            if private:
                self.lookups.private_groups.add(gid)
            yield from self._channel_once(f"yammer:group:{gid}", row.get("name"), "private" if private else "public")

    def record(self, file: str, record: Record) -> Iterator[pa.RecordBatch]:
        """The batches one Messages.csv row adds: a message (with channel and sender) or quarantine."""
        if record.error:
            yield from self.quarantine(file, record.position, record.error, record.raw)
            return
        row = record.value
        sender = (row.get("sender_id") or "").strip()
        if sender:
            self.lookups.people.add(f"yammer:{sender}", row.get("sender_name"))
        try:
            message = message_row(row, self.lookups)
        except BadRecord as exc:
            yield from self.quarantine(file, record.position, str(exc), record.raw)
            return
        if message is None:
            return
        yield from self._channel_once(message["channel_id"], message["channel_name"], message["channel_kind"])
        if sender:
            self.lookups.user_names.setdefault(sender, row.get("sender_name") or "unknown")
            yield from self._person_once(sender, row.get("sender_name"), row.get("sender_email"), message["is_bot"])
        yield from self.message(**message, raw_ref=f"{file}#{record.position}")

    def _channel_once(self, channel_id: str, name: str | None, kind: str) -> Iterator[pa.RecordBatch]:
        if channel_id not in self.seen_channels:
            self.seen_channels.add(channel_id)
            yield from self.channel(channel_id, name, kind)

    def _person_once(self, uid: str, name: str | None, email: str | None, is_bot: bool, names: tuple = ()) -> Iterator[pa.RecordBatch]:
        if uid not in self.seen_people:
            self.seen_people.add(uid)
            yield from self.person(f"yammer:{uid}", name or None, email or None, is_bot, names)


READER = VivaEngageReader()
