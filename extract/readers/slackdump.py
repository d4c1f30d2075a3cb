"""Reader for slackdump archives (``slackdump.v1``): Slack recorded without admin rights by slackdump.

slackdump (github.com/rusq/slackdump) writes what it fetched from the Slack API as chunk files:
gzip-compressed JSON lines, one API answer per line (``extract.readers.slackdump_chunks``). The path
is one such file (``chunks.jsonl.gz``, or uncompressed ``.jsonl``), or a folder or zip of them
(the chunk folder of ``slackdump record`` and of ``archive`` before it defaulted to SQLite:
``channels.json.gz``, ``users.json.gz``, ``C....json.gz``).
slackdump's export-compatible zip (``slackdump export``) is a Slack export and is read by
``slack_export.v1``, also through the folder that holds only that zip (``extract.tree``); its SQLite archive (``slackdump.sqlite``, the default of ``slackdump archive``
since v3) is not read here: ``slackdump convert -f export`` turns it into that zip.

* Two passes over the files: the first reads the users, channel lists and channel infos (chunk
  types 3-5), the second the messages, so every message sees every name whatever the chunk order.
* Messages are Slack API message objects, converted by the Slack reader's ``message_row``: the same
  ids (``slack:{channel}:{ts}``, ``slack:{user}``) as ``slack_export.v1``, so a slackdump archive and a
  Slack export of the same workspace load as one. System events (joins, topic changes, ...) are
  skipped, ``tombstone`` messages are deletions, ``edited`` sets ``edited_at``.
* Threads: a thread chunk's replies (``m``) and its parent (``p``) join the thread of ``r``. A
  message that is both in the channel history and in a thread (a parent, a broadcast reply) is one
  row: the first one read.
* Kinds from the channel object's flags (``extract.readers.slackdump_chunks.channel_of``); a
  conversation no chunk describes is direct for a ``D`` id and private otherwise, so DMs and
  private channels stay out unless the privacy settings let them in.
* A line that is not a chunk, a message without ``ts`` and a gzip stream that breaks off are
  quarantined; the rest keeps loading. Search-result chunks (types 10-11) are not read.

Real sample: slackdump's own test archive (``../shared/samples/conformance/slack/slackdump-chunks-jsonl``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from kennismaker.extract.readers.base import RawBatches, ReadContext, sniff_tree
from kennismaker.extract.readers.slack import names_in_text
from kennismaker.extract.readers.slack_message import BadRecord, Channel, Workspace, message_row, registered_person
from kennismaker.extract.readers.slackdump_chunks import (
    CHANNEL_INFO,
    CHANNELS,
    MESSAGES,
    META_TYPES,
    THREAD_MESSAGES,
    USERS,
    BadChunk,
    Line,
    UnreadableFile,
    channel_of,
    chunk_files,
    chunk_lines,
    looks_like_chunks,
    parsed_chunk,
    starts_with_chunk,
    unknown_channel,
)
from kennismaker.extract.tree import ExportTree
from kennismaker.errors import NotAnExportError


@dataclass
class ArchiveState:
    """What the passes share: the workspace's names, the conversations and what was emitted."""

    ws: Workspace
    channels: dict[str, Channel] = field(default_factory=dict)
    emitted_channels: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    message_ids: set[str] = field(default_factory=set)


class SlackdumpReader:
    """The ``slackdump.v1`` reader plugin."""

    name = "slackdump.v1"
    source = "slack"

    def sniff(self, path: Path) -> bool:
        """Whether ``path`` is (or holds) a JSON-lines file, gzipped or not, opening with a slackdump chunk head."""
        return sniff_tree(path, lambda tree: looks_like_chunks(tree))

    def read(self, path: Path, ctx: ReadContext) -> Iterator[pa.RecordBatch]:
        """Stream people, channels, messages and quarantined lines of the archive."""
        out = RawBatches(self.source, ctx.batch_size)
        with ExportTree(path, ctx.limits) as tree:
            files = [n for n in chunk_files(tree) if _opens_with_chunk(tree, n)]
            if not files:
                raise NotAnExportError(
                    f"{path} holds no slackdump chunk file (JSON lines opening with {{\"t\":..,\"ts\":..}}); "
                    "pass slackdump's chunks.jsonl.gz or its chunk folder (a slackdump.sqlite archive: run "
                    "`slackdump convert -f export` and read the zip as slack_export.v1), or choose another --format."
                )
            state = ArchiveState(Workspace(names_in_text=names_in_text(ctx)))
            for name in files:
                yield from _workspace_facts(tree, name, state, out)
            for channel in state.channels.values():
                yield from _emit_channel(channel, state, out)
            for name in files:
                yield from _file_messages(tree, name, state, out)
        yield from out.flush()


def _opens_with_chunk(tree: ExportTree, name: str) -> bool:
    try:
        return starts_with_chunk(tree, name)
    except (OSError, EOFError):
        return False


def _workspace_facts(tree: ExportTree, name: str, state: ArchiveState, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """First pass: people and conversations; quarantines the workspace lines and the lines without a
    chunk head that it cannot parse (stops quietly where the stream breaks: the second pass reports that)."""
    try:
        for line in chunk_lines(tree, name):
            if line.head_type is not None and line.head_type not in META_TYPES:
                continue
            try:
                chunk = parsed_chunk(line)
            except BadChunk as exc:
                yield from out.quarantine(line.where, f"line {line.number}", str(exc), line.raw.decode("utf-8", "replace"))
                continue
            yield from _chunk_facts(chunk, state, out)
    except UnreadableFile:
        return


def _chunk_facts(chunk: dict[str, Any], state: ArchiveState, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """Person rows of a users chunk; conversations of a channel list or channel info chunk."""
    kind = chunk["t"]
    if kind == USERS:
        for user in _objects(chunk.get("u")):
            person = registered_person(user, state.ws)
            if person is not None and person[0] not in state.people:
                state.people.add(person[0])
                yield from out.person(*person)
    elif kind == CHANNELS:
        for info in _objects(chunk.get("ch")):
            _add_channel(info, state)
    elif kind == CHANNEL_INFO and isinstance(chunk.get("ci"), dict):
        _add_channel(chunk["ci"], state)


def _add_channel(info: dict[str, Any], state: ArchiveState) -> None:
    channel = channel_of(info)
    if channel is None:
        return
    state.channels[info["id"]] = channel
    if channel.name:
        state.ws.channel_names[info["id"]] = channel.name


def _emit_channel(channel: Channel, state: ArchiveState, out: RawBatches) -> Iterator[pa.RecordBatch]:
    if channel.channel_id not in state.emitted_channels:
        state.emitted_channels.add(channel.channel_id)
        yield from out.channel(channel.channel_id, channel.name, channel.kind)


def _file_messages(tree: ExportTree, name: str, state: ArchiveState, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """Second pass: message rows of one chunk file; a stream that breaks off is quarantined there."""
    try:
        for line in chunk_lines(tree, name):
            if line.head_type in META_TYPES:
                continue
            try:
                chunk = parsed_chunk(line)
            except BadChunk as exc:
                if line.head_type is not None:  # a line without a chunk head was quarantined by the first pass
                    yield from out.quarantine(line.where, f"line {line.number}", str(exc), line.raw.decode("utf-8", "replace"))
                continue
            yield from _chunk_messages(chunk, line, state, out)
    except UnreadableFile as exc:
        yield from out.quarantine(tree.describe(name), f"line {exc.line}", str(exc))


def _chunk_messages(chunk: dict[str, Any], line: Line, state: ArchiveState, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """Message rows of a channel-history or thread chunk (other chunk types give none)."""
    if chunk["t"] not in (MESSAGES, THREAD_MESSAGES):
        return
    cid, messages = chunk.get("id"), chunk.get("m") or []
    reason = None
    if not isinstance(cid, str) or not cid:
        reason = "message chunk has no channel id 'id'"
    elif not isinstance(messages, list):
        reason = "chunk messages 'm' is not a list"
    if reason:
        yield from out.quarantine(line.where, f"line {line.number}", reason, line.raw.decode("utf-8", "replace"))
        return
    channel = state.channels.get(cid) or unknown_channel(cid)
    state.channels.setdefault(cid, channel)
    yield from _emit_channel(channel, state, out)
    entries: list[tuple[Any, Any]] = list(enumerate(messages))
    if chunk["t"] == THREAD_MESSAGES:
        parent = [("parent", chunk["p"])] if isinstance(chunk.get("p"), dict) else []
        entries = [(pos, _in_thread(m, chunk.get("r"))) for pos, m in parent + entries]
    for pos, m in entries:
        try:
            row = message_row(m, channel, state.ws)
        except BadRecord as exc:
            yield from out.quarantine(line.where, f"line {line.number} message {pos}", str(exc), json.dumps(m, ensure_ascii=False))
            continue
        if row is None or row["message_id"] in state.message_ids:
            continue
        state.message_ids.add(row["message_id"])
        yield from out.message(raw_ref=f"{line.where}#{line.number}.{pos}", **row)


def _in_thread(m: Any, thread_ts: Any) -> Any:
    """A thread chunk's message with the chunk's thread ts when it carries none itself."""
    if isinstance(m, dict) and not m.get("thread_ts") and isinstance(thread_ts, str) and thread_ts:
        return {**m, "thread_ts": thread_ts}
    return m


def _objects(items: Any) -> list[dict[str, Any]]:
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


READER = SlackdumpReader()
