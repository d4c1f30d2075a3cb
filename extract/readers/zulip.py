"""Reader for Zulip organization exports (``zulip_realm.v1``): ``realm.json`` and ``messages-*.json``.

The path is the folder that ``./manage.py export`` (or the organization export of the web app)
writes, or a zip of it; the ``.tar.gz`` it ships must be unpacked first. ``realm.json`` holds the
tables that name things: ``zerver_userprofile`` (and its ``_mirrordummy`` and ``_crossrealm``
system bots), ``zerver_stream``, ``zerver_recipient``, ``zerver_huddle``, ``zerver_reaction`` and
``zerver_attachment`` (or ``attachment.json`` beside it); each ``messages-000001.json`` ... holds
up to 1,000 rows of ``zerver_message`` (and ``zerver_usermessage``, which is not read). Times are
epoch seconds (``date_sent``; ``pub_date`` in exports before Zulip 2.1).

* Conversations from the message's recipient (``zerver_recipient.type``): a channel (stream, 2)
  is public, or private when ``invite_only``; a direct message (1) is a direct chat between its
  sender and the recipient's user, one conversation per pair; a group DM (huddle, 3) is a group
  chat. DMs and group DMs are only in exports made with the members' consent or in full exports,
  and stay out unless the privacy settings let them in.
* Threads: a channel's topics (``subject``) are its threads, compared case-insensitively and with
  the "✔ " that marks a resolved topic left out. The first message of a topic (the lowest id; the
  export writes messages in id order) is the thread root, the others reply to it, or to the
  message they quote with Zulip's quote-and-reply. A direct message has no topic and is a thread
  of its own.
* System events are skipped: topic-resolved notices (``type`` 2) and whatever the Notification Bot
  posts (topic moves, new channels). Other bots' posts are kept as bot posts.
* Edits: the time of the newest content edit in ``edit_history``, else ``last_edit_time``.
  Deletions: Zulip moves a deleted message to its archive, which the export leaves out, so an
  export holds none.
* Mentions: ``@**Name|id**`` markup (silent ones and quoted authors too) and names typed without
  it (``extract.typed_mentions``); text as ``extract.readers.zulip_markdown`` renders it.
* A message without an id, sender, known recipient or time is quarantined; so is a file that is
  not JSON. Ids are ``zulip:{message id}`` and ``zulip:{user id}``: a re-export loads idempotently.

No real export sample was available (the conformance samples hold none): the format is read as
Zulip's ``zerver/lib/export.py`` and ``import_realm.py`` write and read it, and tested on a
hand-made export in ``tests/fixtures/zulip``. Each file is parsed whole (one JSON document).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import pyarrow as pa

from kennismaker.extract.readers.base import EXCERPT_CHARS, RawBatches, ReadContext, json_file, sniff_tree
from kennismaker.extract.readers.zulip_realm import BadRecord, Realm, message_row, realm_of
from kennismaker.extract.tree import ExportTree
from kennismaker.errors import NotAnExportError

REALM_FILE = "realm.json"
ATTACHMENT_FILE = "attachment.json"
_MESSAGES_FILE = re.compile(r"^messages-(\d+)\.json$")
_MARK = b'"zerver_'
_SNIFF_BYTES = 4096


class ZulipRealmReader:
    """The ``zulip_realm.v1`` reader plugin."""

    name = "zulip_realm.v1"
    source = "zulip"

    def sniff(self, path: Path) -> bool:
        """Whether ``path`` is (or holds, one folder down at most) a ``realm.json`` of ``zerver_`` tables."""
        return sniff_tree(path, lambda tree: any(_is_realm_file(tree, n) for n in realm_files(tree)))

    def read(self, path: Path, ctx: ReadContext) -> Iterator[pa.RecordBatch]:
        """Stream people, channels, messages and quarantined records of every realm in the export."""
        out = RawBatches(self.source, ctx.batch_size)
        with ExportTree(path, ctx.limits) as tree:
            realms = [n for n in realm_files(tree) if _is_realm_file(tree, n)]
            if not realms:
                raise NotAnExportError(
                    f"{path} holds no Zulip realm export (no realm.json of zerver_ tables); pass the folder "
                    "that ./manage.py export wrote (unpack its .tar.gz first), or choose another --format."
                )
            for name in realms:
                yield from _realm(tree, name, ctx, out)
        yield from out.flush()


def realm_files(tree: ExportTree) -> list[str]:
    """Names of the ``realm.json`` files at the top of the export or one folder down."""
    return [n for n in tree.names() if PurePosixPath(n).name == REALM_FILE and n.count("/") <= 1]


def _is_realm_file(tree: ExportTree, name: str) -> bool:
    with tree.open(name) as fh:
        head = fh.read(_SNIFF_BYTES)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and _MARK in head


def message_files(tree: ExportTree, folder: str) -> list[str]:
    """The ``messages-N.json`` files of a realm's folder, in the order of N."""
    found = []
    for name in tree.names():
        parent, _, base = name.rpartition("/")
        match = _MESSAGES_FILE.match(base)
        if match and parent == folder:
            found.append((int(match.group(1)), name))
    return [name for _, name in sorted(found)]


def _realm(tree: ExportTree, name: str, ctx: ReadContext, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """Rows of one realm: its people and channels, then the messages of its message files."""
    data = yield from json_file(tree, name, out)
    if not isinstance(data, dict):
        if data is not None:
            yield from out.quarantine(tree.describe(name), 0, "realm.json is not a JSON object", str(data)[:EXCERPT_CHARS])
        return
    folder = name.rpartition("/")[0]
    attachment_name = f"{folder}/{ATTACHMENT_FILE}" if folder else ATTACHMENT_FILE
    if "zerver_attachment" not in data and tree.exists(attachment_name):
        attachments = yield from json_file(tree, attachment_name, out)
        if isinstance(attachments, dict):
            data = {**data, "zerver_attachment": attachments.get("zerver_attachment")}
    realm = realm_of(data, ctx.store_display_names)
    for user_id, user in realm.users.items():
        yield from out.person(f"zulip:{user_id}", user.name, user.email, user.is_bot)
    for channel in realm.streams.values():
        realm.emitted.add(channel.channel_id)
        yield from out.channel(channel.channel_id, channel.name, channel.kind)
    for messages_name in message_files(tree, folder):
        yield from _message_file(tree, messages_name, realm, out)


def _message_file(tree: ExportTree, name: str, realm: Realm, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """Message rows of one ``messages-N.json``, in id order; bad rows are quarantined."""
    where = tree.describe(name)
    data = yield from json_file(tree, name, out)
    if data is None:
        return
    messages = data.get("zerver_message") if isinstance(data, dict) else None
    if not isinstance(messages, list):
        yield from out.quarantine(where, 0, "not a Zulip messages file (no zerver_message list)", json.dumps(data)[:EXCERPT_CHARS])
        return
    for i, m in sorted(enumerate(messages), key=lambda item: _id_order(item[1])):
        try:
            row = message_row(m, realm)
        except BadRecord as exc:
            yield from out.quarantine(where, f"message {i}", str(exc), json.dumps(m, ensure_ascii=False))
            continue
        if row is None:
            continue
        if row["channel_id"] not in realm.emitted:
            realm.emitted.add(row["channel_id"])
            yield from out.channel(row["channel_id"], row["channel_name"], row["channel_kind"])
        yield from out.message(raw_ref=f"{where}#message {i}", **row)


def _id_order(m: Any) -> int:
    """Sort key: a message's id (a record without one sorts first and is quarantined there)."""
    value = m.get("id") if isinstance(m, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else -1


READER = ZulipRealmReader()
