"""Reader for Gitter room messages as the REST API returns them (``gitter_room.v1``).

The path is one room file, or a folder or zip of them: each file is the JSON list of
``/v1/rooms/:roomId/chatMessages`` objects (``id``, ``text``, ``sent``, ``editedAt``,
``fromUser``, ``mentions``, ``urls``; threads since 2020 with ``parentId`` and
``threadMessageCount``), as ``archive-gitter`` writes it to ``{room uri}.json`` and Zulip's
Gitter import reads it (``gitter_data.json``). The real sample is Zulip's importer fixture.

* The room is a record's ``room`` field (Zulip's multi-room form), else the file's path without
  ``.json`` (``acme/kennisbank.json`` is room ``acme/kennisbank``).
* A ``rooms.json`` beside the files (the ``/v1/rooms`` list) gives each room's kind:
  ``oneToOne`` rooms are direct chats, ``security: PRIVATE`` rooms private. Without it a room is
  public: archive-gitter exports public rooms only.
* A thread reply (``parentId``) is in the thread of its parent and replies to it.
* A message whose text was wiped is deleted (Gitter shows "This message was deleted", see
  gitterHQ/gitter#1129); one removed with the delete button (since late 2016) is not in the export.
* A room event of the activity feed (``meta.service`` or a ``payload``, no ``fromUser``) is a
  system event and is skipped; ``/me`` status messages are posts.
* Matrix-bridged messages (``virtualUser``) belong to the bridged person, not the bridge bot.
* Mentions are ``mentions[].userId`` / ``userIds`` and names typed without markup (``@username``,
  "Anna de Vries, ...", see ``extract.typed_mentions``), resolved against the room's posters.
* A message id repeated with another sender or time (seen in the real sample) gets a suffix from
  both, so neither post overwrites the other; a repeat with the same sender and time is the same
  message and keeps its id.

Each room file is parsed whole (it is one JSON array); rows leave in batches of ``ctx.batch_size``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pyarrow as pa

from kennismaker.extract.readers.base import EXCERPT_CHARS, RawBatches, ReadContext, json_file, sniff_tree, utc_from_iso
from kennismaker.extract.text import tidy, urls_in
from kennismaker.extract.tree import ExportTree
from kennismaker.extract.typed_mentions import PeopleNames
from kennismaker.errors import NotAnExportError

ROOMS_FILE = "rooms.json"
_MARK = b'"fromUser"'
_SNIFF_BYTES = 64 * 1024
_SNIFF_FILES = 5


class BadRecord(ValueError):
    """A record that cannot be read as a message; the message is the reason."""


@dataclass
class Seen:
    """What earlier records declared: channels and people emitted, message ids and who sent them when."""

    channels: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    ids: dict[str, tuple[Any, Any]] = field(default_factory=dict)


class GitterRoomReader:
    """The ``gitter_room.v1`` reader plugin."""

    name = "gitter_room.v1"
    source = "gitter"

    def sniff(self, path: Path) -> bool:
        """Whether ``path`` is (or holds) a JSON list of messages with a ``fromUser``."""
        return sniff_tree(path, lambda tree: any(_looks_like_room(tree, n) for n in room_files(tree)[:_SNIFF_FILES]))

    def read(self, path: Path, ctx: ReadContext) -> Iterator[pa.RecordBatch]:
        """Stream channels, people, messages and quarantined records of every room file."""
        out = RawBatches(self.source, ctx.batch_size)
        seen = Seen()
        with ExportTree(path, ctx.limits) as tree:
            files = [n for n in room_files(tree) if _looks_like_room(tree, n)]
            if not files:
                raise NotAnExportError(
                    f"{path} holds no Gitter room messages (a JSON list of chatMessages with fromUser); "
                    "pass a file written by archive-gitter or the chatMessages API, or choose another --format."
                )
            kinds = yield from _room_kinds(tree, out)
            for name in files:
                yield from _room_file(tree, name, kinds, seen, out)
        yield from out.flush()


def room_files(tree: ExportTree) -> list[str]:
    """Names of the JSON files that may hold a room's messages (not ``rooms.json``, not hidden)."""
    return [
        n for n in tree.names()
        if n.lower().endswith(".json") and PurePosixPath(n).name != ROOMS_FILE
        and not any(p.startswith((".", "__MACOSX")) for p in PurePosixPath(n).parts)
    ]


def _looks_like_room(tree: ExportTree, name: str) -> bool:
    with tree.open(name) as fh:
        head = fh.read(_SNIFF_BYTES)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[") and _MARK in head



def _room_kinds(tree: ExportTree, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """Room uri -> channel kind from every ``rooms.json`` in the export (may be empty)."""
    kinds: dict[str, str] = {}
    for name in tree.names():
        if PurePosixPath(name).name != ROOMS_FILE:
            continue
        rooms = yield from json_file(tree, name, out)
        for room in rooms if isinstance(rooms, list) else []:
            if isinstance(room, dict):
                kinds.update(dict.fromkeys(_room_keys(room), room_kind(room)))
    return kinds


def _room_keys(room: dict) -> list[str]:
    return [room[k] for k in ("uri", "name", "url") if isinstance(room.get(k), str) and room[k]]


def room_kind(room: dict) -> str:
    """The channel kind of a ``/v1/rooms`` object: direct (one-to-one), private or public."""
    if room.get("oneToOne") is True:
        return "direct"
    return "private" if str(room.get("security") or "").upper() == "PRIVATE" else "public"


def _room_file(tree: ExportTree, name: str, kinds: dict[str, str], seen: Seen, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """Channel, people, message and quarantine rows of one room file."""
    where = tree.describe(name)
    records = yield from json_file(tree, name, out)
    if records is None:
        return
    if not isinstance(records, list):
        yield from out.quarantine(where, 0, "not a list of Gitter messages", json.dumps(records)[:EXCERPT_CHARS])
        return
    file_room = name[: -len(".json")]
    names = room_people(records)
    for i, record in enumerate(records):
        try:
            row = message_row(record, file_room, kinds, names)
        except BadRecord as exc:
            yield from out.quarantine(where, f"message {i}", str(exc), json.dumps(record, ensure_ascii=False))
            continue
        if row is None:
            continue
        row["message_id"] = _unique_id(row, seen)
        yield from _declare(row, record, seen, out)
        yield from out.message(raw_ref=f"{where}#message {i}", **row)


def room_people(records: list) -> PeopleNames:
    """The names of every sender in a room file (username and display name), for typed mentions."""
    names = PeopleNames()
    for record in records:
        if isinstance(record, dict):
            user_id, display, username = _sender(record)
            if user_id:
                names.add(user_id, username, display)
    return names


def _sender(record: dict) -> tuple[str | None, str | None, str | None]:
    """(author id, display name, username) of a message: the bridged person, else ``fromUser``."""
    virtual = record.get("virtualUser")
    if isinstance(virtual, dict) and isinstance(virtual.get("externalId"), str) and virtual["externalId"]:
        kind = virtual.get("type") if isinstance(virtual.get("type"), str) else "virtual"
        return f"gitter:{kind}:{virtual['externalId']}", virtual.get("displayName"), None
    user = record.get("fromUser")
    if not isinstance(user, dict) or not isinstance(user.get("id"), str) or not user["id"]:
        return None, None, None
    return f"gitter:{user['id']}", user.get("displayName"), user.get("username")


def is_room_event(record: dict) -> bool:
    """Whether a record is an activity-feed event (integration or service), not a chat message."""
    meta = record.get("meta")
    service = isinstance(meta, dict) and bool(meta.get("service"))
    return "fromUser" not in record and (service or "payload" in record)


def message_row(record: Any, file_room: str, kinds: dict[str, str], names: PeopleNames) -> dict[str, Any] | None:
    """The raw message row of one record; None for a room event; raises ``BadRecord`` when unreadable."""
    if not isinstance(record, dict):
        raise BadRecord("message is not a JSON object")
    if is_room_event(record):
        return None
    author, _, _ = _sender(record)
    if not isinstance(record.get("id"), str) or not record["id"] or not author:
        raise BadRecord("message has no id or no fromUser.id")
    try:
        created_at = utc_from_iso(record.get("sent"))
        edited_at = utc_from_iso(record.get("editedAt") or None)
    except (TypeError, ValueError, AttributeError) as exc:
        raise BadRecord(f"message has an unreadable time: {exc}") from exc
    if created_at is None:
        raise BadRecord("message has no sent time")
    room = record["room"] if isinstance(record.get("room"), str) and record["room"] else file_room
    text = tidy(record["text"]) if isinstance(record.get("text"), str) else ""
    parent = record.get("parentId") if isinstance(record.get("parentId"), str) and record["parentId"] else None
    return {
        "message_id": f"gitter:{record['id']}",
        "channel_id": f"gitter:room:{room}",
        "channel_name": room,
        "channel_kind": kinds.get(room, "public"),
        "thread_id": f"gitter:{parent}" if parent else None,
        "reply_to_id": f"gitter:{parent}" if parent else None,
        "author_id": author,
        "created_at": created_at,
        "edited_at": edited_at,
        "is_deleted": not text,
        "text": text,
        "urls": list(dict.fromkeys(listed_urls(record.get("urls")) + urls_in(text))),
        "mentions": names.mentions(mentioned_ids(record.get("mentions")), text, author),
    }


def listed_urls(items: Any) -> list[str]:
    """The URLs of a message's ``urls`` list (``{"url": ...}`` objects or plain strings)."""
    found = []
    for item in items if isinstance(items, list) else []:
        url = item.get("url") if isinstance(item, dict) else item
        if isinstance(url, str) and url:
            found.append(url)
    return found


def mentioned_ids(items: Any) -> list[str]:
    """``gitter:{userId}`` of every mention (a group mention's ``userIds`` too), each once."""
    found: list[str] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        ids = [item.get("userId")] + (item.get("userIds") if isinstance(item.get("userIds"), list) else [])
        found.extend(f"gitter:{i}" for i in ids if isinstance(i, str) and i)
    return list(dict.fromkeys(found))


def _unique_id(row: dict, seen: Seen) -> str:
    """The row's id, with a suffix when the same Gitter id was already used by another sender or time."""
    message_id, key = row["message_id"], (row["author_id"], row["created_at"])
    if seen.ids.setdefault(message_id, key) == key:
        return message_id
    digest = hashlib.sha1(f"{key[0]}/{key[1].isoformat()}".encode()).hexdigest()[:8]
    return f"{message_id}:{digest}"


def _declare(row: dict, record: dict, seen: Seen, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """A channel row and a person row the first time each is seen."""
    if row["channel_id"] not in seen.channels:
        seen.channels.add(row["channel_id"])
        yield from out.channel(row["channel_id"], row["channel_name"], row["channel_kind"])
    if row["author_id"] not in seen.people:
        seen.people.add(row["author_id"])
        _, display, username = _sender(record)
        yield from out.person(row["author_id"], display or username)


READER = GitterRoomReader()
