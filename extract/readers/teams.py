"""Reader ``teams_graph.v1``: Microsoft Teams messages as Microsoft Graph ``chatMessage`` JSON.

The export is one file or a folder/zip of files (``*.json``, ``*.jsonl``, ``*.ndjson``). Each file
is a JSON list of messages, a Graph page ``{"value": [...]}`` (``@odata.nextLink`` is not
followed: save every page as its own file), or JSON lines with one message per line. A JSON
document is parsed whole (Graph pages are small); large files should be JSON lines, which are
streamed. Optional side files ``channels.json`` (Graph channels: ``id``, ``displayName``,
``membershipType``) and ``chats.json`` (Graph chats: ``id``, ``chatType``, ``topic``) give the
channel kinds: without them channel messages count as public and a chat's kind comes from its
id form (``@unq.gbl.spaces`` one-to-one, ``@thread.v2`` group or meeting, anything else direct).
Shared channels, and any membership or chat type Graph adds later, count as private / direct.
Property names match case-insensitively: export tools that write .NET's PascalCase (``Id``,
``Body``, ``CreatedDateTime``, side files ``channels_{team}.json``) read like Graph's camelCase.
A quoted message (Teams' reply card or a ``messageReference`` ``<attachment>``) is left out of
the text and becomes ``reply_to_id``; pictures in the body count as attachments and their
links are kept in ``urls``.
Mentions are the ``<at>`` mentions of the body and names typed without them ("@Anna de Boer",
"piet: ..."), resolved against ``users.json`` (``displayName``, ``givenName``, ``mailNickname``)
and every author and mentioned person seen so far (``extract.typed_mentions``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import pyarrow as pa

from kennismaker.extract.readers.base import RawBatches, ReadContext
from kennismaker.extract.readers.generic_rows import BadRecord, Record, json_lines
from kennismaker.extract.readers.teams_message import (
    Container,
    Containers,
    channel_container,
    chat_container,
    graph_names,
    identity,
    message_row,
)
from kennismaker.extract.tree import ExportTree
from kennismaker.extract.typed_mentions import PeopleNames
from kennismaker.errors import NotAnExportError

SUFFIXES = (".json", ".jsonl", ".ndjson")
SIDE_FILES = {"channels.json": channel_container, "chats.json": chat_container}
PEOPLE_FILE = "users.json"  # optional Graph user list: id, displayName, mail
SNIFF_BYTES = 64 * 1024
GRAPH_MARKER = '"createddatetime"'  # compared with the lower-cased head of a file


def side_file(name: str) -> str | None:
    """``channels.json`` / ``chats.json`` when ``name`` is one (or an export tool's ``channels_{team}.json``), else None."""
    base = PurePosixPath(name).name.lower()
    for side in SIDE_FILES:
        stem = side[:-5]
        if base == side or (base.startswith(stem + "_") and base.endswith(".json")):
            return side
    return None


def message_files(tree: ExportTree) -> list[str]:
    """Names of the files that may hold messages (JSON, not side files, not hidden)."""
    out = []
    for name in tree.names():
        parts = PurePosixPath(name).parts
        if any(p.startswith((".", "__MACOSX")) for p in parts):
            continue
        if name.lower().endswith(SUFFIXES) and side_file(name) is None and parts[-1].lower() != PEOPLE_FILE:
            out.append(name)
    return out


def _head(tree: ExportTree, name: str) -> str:
    """The first bytes of a file, lower-cased (property names match case-insensitively)."""
    with tree.open(name) as fh:
        return fh.read(SNIFF_BYTES).decode("utf-8", "ignore").lower()


def containers_in(tree: ExportTree) -> Containers:
    """Channels and chats listed in every ``channels.json`` / ``chats.json`` of the export."""
    found: dict[str, dict[str, Container]] = {"channels.json": {}, "chats.json": {}}
    for name in tree.names():
        side = side_file(name)
        if side is None:
            continue
        try:
            data = graph_names(json.loads(tree.read_text(name)))
            items = data.get("value", []) if isinstance(data, dict) else data
            found[side].update((c.id, c) for c in map(SIDE_FILES[side], items))
        except (ValueError, TypeError, KeyError, AttributeError):
            raise NotAnExportError(
                f"{tree.describe(name)} is not a Graph list of {side[:-5]} with ids; fix or remove it, "
                "because it decides which conversations are private."
            ) from None
    return Containers(found["channels.json"], found["chats.json"])


def graph_records(tree: ExportTree, name: str) -> Iterator[Record]:
    """The message records of one file: a JSON list, a Graph page or JSON lines."""
    if not name.lower().endswith(".json"):
        with tree.open(name) as fh:
            yield from _named(json_lines(fh))
        return
    with tree.open(name) as fh:
        data = fh.read()
    try:
        doc = json.loads(data)
    except UnicodeDecodeError as exc:
        yield Record("0", error=f"undecodable bytes ({exc.reason} at byte {exc.start})", raw=data[:200].decode("utf-8", "replace"))
        return
    except json.JSONDecodeError as exc:
        first = next(iter(data.splitlines()), b"")
        if _is_json_object(first):
            with tree.open(name) as fh:
                yield from _named(json_lines(fh))
        else:
            yield Record(f"line {exc.lineno}", error=f"invalid JSON ({exc.msg})", raw=exc.doc[max(0, exc.pos - 80):exc.pos + 80])
        return
    doc = graph_names(doc)
    items = doc.get("value", [doc]) if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        yield Record("0", error="not a list of messages", raw=str(items))
        return
    for index, item in enumerate(items):
        yield Record(f"value[{index}]", item)


def _named(records: Iterator[Record]) -> Iterator[Record]:
    """JSON-lines records with Graph's property names (see ``graph_names``)."""
    for record in records:
        yield record if record.error else Record(record.position, graph_names(record.value), raw=record.raw)


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


class TeamsGraphReader:
    """Microsoft Graph chatMessage export (channel and chat messages)."""

    name = "teams_graph.v1"
    source = "teams"

    def sniff(self, path: Path) -> bool:
        """Whether ``path`` holds JSON files whose first file mentions Graph's ``createdDateTime``."""
        try:
            with ExportTree(path) as tree:
                names = message_files(tree)
                return bool(names) and GRAPH_MARKER in _head(tree, names[0])
        except Exception:  # sniffing must never raise, whatever the path holds
            return False

    def read(self, path: Path, ctx: ReadContext) -> Iterator[pa.RecordBatch]:
        """Stream messages, channels, people and quarantined records of the export."""
        with ExportTree(path, ctx.limits) as tree:
            files = message_files(tree)
            if not any(GRAPH_MARKER in _head(tree, name) for name in files):
                raise NotAnExportError(
                    f"{path} holds no Microsoft Graph chatMessage JSON; point the source at a Teams Graph "
                    "export (JSON files, a folder or a zip) or choose another format."
                )
            out = _TeamsBatches(self.source, ctx.batch_size, containers_in(tree))
            yield from out.side_channels()
            yield from out.side_people(tree)
            for name in files:
                for record in graph_records(tree, name):
                    yield from out.record(tree.describe(name), record)
            yield from out.flush()


class _TeamsBatches(RawBatches):
    """RawBatches that also emit each channel and person once, on first sight, and resolve typed names.

    Typed names resolve against the people of ``users.json`` and everyone seen so far (authors and
    mentioned people of earlier messages and of the message itself).
    """

    def __init__(self, source: str, size: int, containers: Containers):
        super().__init__(source, size)
        self.containers = containers
        self.seen_channels: set[str] = set()
        self.seen_people: set[str] = set()
        self.people = PeopleNames()

    def side_channels(self) -> Iterator[pa.RecordBatch]:
        """Channel rows for every channel and chat named in the side files."""
        for known in (*self.containers.channels.values(), *self.containers.chats.values()):
            yield from self._channel_once(known)

    def side_people(self, tree: ExportTree) -> Iterator[pa.RecordBatch]:
        """People rows from Graph user lists (``users.json``: id, displayName, mail; givenName and mailNickname for typed names)."""
        for name in tree.names():
            if PurePosixPath(name).name.lower() != PEOPLE_FILE:
                continue
            try:
                data = json.loads(tree.read_text(name))
            except ValueError:
                yield from self.quarantine(tree.describe(name), 0, "users.json is not valid JSON")
                continue
            for user in data.get("value", []) if isinstance(data, dict) else data:
                if isinstance(user, dict) and user.get("id"):
                    names = (user.get("givenName"), user.get("mailNickname"))
                    self.people.add(f"teams:{user['id']}", *names)
                    yield from self._new_person(f"teams:{user['id']}", user.get("displayName"), user.get("mail"), names=names)

    def record(self, file: str, record: Record) -> Iterator[pa.RecordBatch]:
        """The batches one record adds: a message (with its channel and people) or a quarantine row."""
        if record.error:
            yield from self.quarantine(file, record.position, record.error, record.raw)
            return
        try:
            row = message_row(record.value, self.containers)
        except BadRecord as exc:
            yield from self.quarantine(file, record.position, str(exc), record.raw or json.dumps(record.value, ensure_ascii=False))
            return
        if row is None:
            return
        msg: dict[str, Any] = record.value
        yield from self._channel_once(self.containers.of(msg))
        for ident in [msg.get("from")] + [m.get("mentioned") for m in msg.get("mentions") or []]:
            yield from self._person_once(ident)
        row["mentions"] = self.people.mentions(row["mentions"], row["text"], row["author_id"])
        yield from self.message(**row, raw_ref=f"{file}#{record.position}")

    def _channel_once(self, where: Container) -> Iterator[pa.RecordBatch]:
        if where.id not in self.seen_channels:
            self.seen_channels.add(where.id)
            yield from self.channel(f"teams:{where.id}", where.name, where.kind)

    def _person_once(self, ident: dict[str, Any] | None) -> Iterator[pa.RecordBatch]:
        author_id, name, is_bot = identity(ident)
        if author_id:
            yield from self._new_person(author_id, name, None, is_bot)

    def _new_person(
        self, author_id: str, name: str | None, email: str | None, is_bot: bool = False, names: tuple = ()
    ) -> Iterator[pa.RecordBatch]:
        """A person row, the first time this author is seen."""
        if author_id not in self.seen_people:
            self.seen_people.add(author_id)
            self.people.add(author_id, name)
            yield from self.person(author_id, name, email, is_bot, names)


READER = TeamsGraphReader()
