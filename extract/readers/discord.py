"""Reader for Discord channels as DiscordChatExporter writes them in JSON (``discord_chat_exporter.v1``).

The path is one channel file, or a folder or zip of them (media folders beside them are ignored).
A file is ``{"guild": {...}, "channel": {"id", "type", "categoryId", "category", "name"},
"messages": [...]}``; each message has ``id``, ``type``, ``timestamp``, ``timestampEdited``,
``content``, ``author``, an optional ``reference`` (the message it replies to), ``mentions``,
``attachments``, ``embeds`` and ``reactions`` (see ``extract.readers.discord_message``).

* Kinds: a server's text, announcement, forum, voice-text and stage channels and its public threads
  are public (the exporter records no permission overwrites: export only the channels that may be
  read); private threads are private; ``DirectTextChat`` is direct and ``DirectGroupTextChat`` a
  group chat (no name stored). A channel type the reader does not know is treated as private.
* Threads: a reply joins the thread of the message it answers. A thread channel (its parent in
  ``categoryId``) is one thread rooted at its starter message: the message with the thread's own
  id (forum posts), else the message in the parent channel that started it. A public thread's
  messages belong to the parent channel; a private thread stays a channel of its own.
* Deletions: Discord hands out no deleted messages, so an export holds none. A reply whose original
  was deleted (or lies outside the exported dates) keeps ``reply_to_id`` and ``thread_id`` pointing
  at the absent message; no row is made up for it.
* Mentions: the message's ``mentions`` list, raw ``<@id>`` markup, and names typed without it
  ("@Anna de Vries", "bram: ..."), resolved against the authors and mentioned users of this file
  and the files read before it (``extract.typed_mentions``).
* Ids are ``discord:{channel id}:{message id}`` and ``discord:{user id}``: stable, so a re-export
  ingests idempotently.

Real sample: the DiscordChatExporter-layout fixture of Zulip's Discord importer
(``../shared/samples/conformance/discord``). Each channel file is parsed whole, as the exporter
writes one JSON document per channel (use its ``--partition`` option to keep files small).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from kennismaker.extract.readers.base import EXCERPT_CHARS, RawBatches, ReadContext, json_file, sniff_tree
from kennismaker.extract.readers.discord_message import (
    BadRecord,
    Channel,
    Guild,
    message_id,
    message_row,
    register_people,
    user_display_name,
)
from kennismaker.extract.tree import ExportTree
from kennismaker.errors import NotAnExportError

_HEAD = re.compile(rb'^(\xef\xbb\xbf)?\s*\{\s*"guild"\s*:')
_SNIFF_BYTES = 256
_SNIFF_FILES = 5
_THREAD_TYPES = frozenset({"GuildPublicThread", "GuildPrivateThread", "GuildNewsThread"})
_KINDS = {
    "GuildTextChat": "public",
    "GuildNews": "public",
    "GuildForum": "public",
    "GuildVoiceChat": "public",
    "GuildStageVoice": "public",
    "GuildPublicThread": "public",
    "GuildNewsThread": "public",
    "GuildPrivateThread": "private",
    "DirectTextChat": "direct",
    "DirectGroupTextChat": "group",
}
_NAMED_KINDS = ("public", "private")


@dataclass
class Seen:
    """Channels and people already emitted, and the guild's names (shared by every channel file)."""

    channels: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    guild: Guild = field(default_factory=Guild)


class DiscordChatExporterReader:
    """The ``discord_chat_exporter.v1`` reader plugin."""

    name = "discord_chat_exporter.v1"
    source = "discord"

    def sniff(self, path: Path) -> bool:
        """Whether ``path`` is (or holds) a JSON file that opens with DiscordChatExporter's ``"guild"`` key."""
        return sniff_tree(path, lambda tree: any(_is_channel_file(tree, n) for n in _json_files(tree)[:_SNIFF_FILES]))

    def read(self, path: Path, ctx: ReadContext) -> Iterator[pa.RecordBatch]:
        """Stream channels, people, posts and quarantined files or messages."""
        out = RawBatches(self.source, ctx.batch_size)
        seen = Seen(guild=Guild(names_in_text=ctx.store_display_names))
        with ExportTree(path, ctx.limits) as tree:
            files = [n for n in _json_files(tree) if _is_channel_file(tree, n)]
            if not files:
                raise NotAnExportError(
                    f"{path} holds no DiscordChatExporter JSON (no file opening with \"guild\"); export the "
                    "channels with DiscordChatExporter's JSON format (--format Json), or choose another --format."
                )
            for name in files:
                yield from _channel_file(tree, name, seen, out)
        yield from out.flush()


def _json_files(tree: ExportTree) -> list[str]:
    return [n for n in tree.names() if n.lower().endswith(".json")]


def _is_channel_file(tree: ExportTree, name: str) -> bool:
    with tree.open(name) as fh:
        return bool(_HEAD.match(fh.read(_SNIFF_BYTES)))



def _channel_file(tree: ExportTree, name: str, seen: Seen, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """Channel, people and message rows of one channel file; bad messages are quarantined."""
    where = tree.describe(name)
    data = yield from json_file(tree, name, out)
    if data is None:
        return
    messages = data.get("messages") if isinstance(data, dict) else None
    channel = file_channel(data)
    if channel is None or not isinstance(messages, list):
        yield from out.quarantine(where, 0, "not a DiscordChatExporter channel (no channel id or messages list)", json.dumps(data)[:EXCERPT_CHARS])
        return
    if channel.channel_id not in seen.channels:
        seen.channels.add(channel.channel_id)
        yield from out.channel(channel.channel_id, channel.name, channel.kind)
    if channel.name and isinstance(data["channel"].get("name"), str):
        seen.guild.channel_names[channel.raw_id] = data["channel"]["name"]
    register_people(messages, seen.guild)
    thread_of: dict[str, str] = {}
    for i, m in enumerate(messages):
        try:
            row = message_row(m, channel, seen.guild, thread_of)
        except BadRecord as exc:
            yield from out.quarantine(where, f"message {i}", str(exc), json.dumps(m, ensure_ascii=False))
            continue
        if row is None:
            continue
        thread_of[row["message_id"]] = row["thread_id"]
        yield from _author(m["author"], row, seen, out)
        yield from out.message(raw_ref=f"{where}#message {i}", **row)


def file_channel(data: Any) -> Channel | None:
    """The channel a file holds (kind from its type, thread root for a thread); None without a channel id."""
    channel = data.get("channel") if isinstance(data, dict) else None
    if not isinstance(channel, dict) or not isinstance(channel.get("id"), str) or not channel["id"]:
        return None
    raw_id, kind = channel["id"], _KINDS.get(channel.get("type"), "private")
    name = channel.get("name") if kind in _NAMED_KINDS and isinstance(channel.get("name"), str) else None
    if channel.get("type") not in _THREAD_TYPES:
        return Channel(raw_id, f"discord:{raw_id}", name, kind)
    root, parent = thread_root(channel, data.get("messages")), channel.get("categoryId")
    if kind == "public" and isinstance(parent, str) and parent:
        # A public thread is a conversation of its parent channel (as a Slack thread is of its channel).
        parent_name = channel.get("category") if isinstance(channel.get("category"), str) else None
        return Channel(raw_id, f"discord:{parent}", parent_name, kind, root)
    return Channel(raw_id, f"discord:{raw_id}", name, kind, root)


def thread_root(channel: dict, messages: Any) -> str | None:
    """The stored id of a thread channel's starter: its own message of the thread's id, else the parent's."""
    raw_id, parent = channel["id"], channel.get("categoryId")
    if any(isinstance(m, dict) and m.get("id") == raw_id for m in messages or []):
        return message_id(raw_id, raw_id)
    return message_id(parent, raw_id) if isinstance(parent, str) and parent else None


def _author(author: dict, row: dict, seen: Seen, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """A person row the first time an author is seen."""
    if row["author_id"] not in seen.people:
        seen.people.add(row["author_id"])
        yield from out.person(row["author_id"], user_display_name(author), None, row["is_bot"])


READER = DiscordChatExporterReader()
