"""The lines of slackdump chunk files, and the workspace facts (people, conversations) they carry.

slackdump (github.com/rusq/slackdump) records every Slack API answer as one "chunk": a JSON object
on a line of a (gzip-compressed) JSON-lines file. A chunk has a type ``t``, the recording time
``ts`` (Unix nanoseconds) and, by type, ``id`` (channel id), ``r`` (thread ts), ``ci`` (channel
info), ``p`` (a thread's parent message), ``m`` (messages), ``u`` (users), ``ch`` (channels) and
``f`` (files). Messages, users and channels are Slack API objects, so the Slack reader's
conversion applies to them unchanged.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

from kennismaker.extract.readers.slack_message import Channel
from kennismaker.extract.tree import ExportTree

# Chunk types (slackdump internal/chunk: CMessages = 0, CThreadMessages, CFiles, CUsers, CChannels,
# CChannelInfo, CWorkspaceInfo, CChannelUsers, CStarredItems, CBookmarks, CSearchMessages, CSearchFiles).
MESSAGES, THREAD_MESSAGES, FILES, USERS, CHANNELS, CHANNEL_INFO = 0, 1, 2, 3, 4, 5
# Chunks that describe the workspace (read in a first pass, before any message). A files chunk's
# ``ci`` is not used: slackdump leaves it an empty channel object (no name, every flag false).
META_TYPES = frozenset({USERS, CHANNELS, CHANNEL_INFO})
SUFFIXES = (".jsonl.gz", ".json.gz", ".jsonl")
MAX_LINE_BYTES = 256 * 1024**2  # one chunk is one API answer (a few hundred messages at most)
# Go's encoding/json writes struct fields in order and compact: every chunk opens with its type and time.
_HEAD = re.compile(rb'^\s*\{\s*"t"\s*:\s*(\d+)\s*,\s*"ts"\s*:\s*-?\d+')
_SNIFF_BYTES = 64
_SNIFF_FILES = 5
_NAMED_KINDS = ("public", "private")


@dataclass(frozen=True)
class Line:
    """One line of a chunk file: where it is, its number (from 1), its bytes and the chunk type its head names."""

    where: str
    number: int
    raw: bytes
    head_type: int | None


class BadChunk(ValueError):
    """A line that is not a chunk object; the message is the reason."""


class UnreadableFile(Exception):
    """A chunk file whose stream breaks off (corrupt gzip, a line over the limit); the message is the reason."""

    def __init__(self, reason: str, line: int):
        super().__init__(reason)
        self.line = line


def chunk_files(tree: ExportTree) -> list[str]:
    """Names of the chunk files in an export, sorted (a single file lists itself)."""
    return [n for n in tree.names() if n.lower().endswith(SUFFIXES)]


def starts_with_chunk(tree: ExportTree, name: str) -> bool:
    """Whether a file's first bytes are a slackdump chunk head (``{"t":N,"ts":N``)."""
    with _open(tree, name) as fh:
        return bool(_HEAD.match(fh.read(_SNIFF_BYTES)))


def looks_like_chunks(tree: ExportTree) -> bool:
    """Whether one of the first chunk files of ``tree`` opens with a chunk head."""
    return any(starts_with_chunk(tree, n) for n in chunk_files(tree)[:_SNIFF_FILES])


def chunk_lines(tree: ExportTree, name: str) -> Iterator[Line]:
    """The non-blank lines of one chunk file, streamed; raises ``UnreadableFile`` where the stream breaks."""
    where, number = tree.describe(name), 0
    try:
        with _open(tree, name) as fh:
            while raw := fh.readline(MAX_LINE_BYTES):
                number += 1
                if len(raw) == MAX_LINE_BYTES and not raw.endswith(b"\n"):
                    raise UnreadableFile(f"line longer than {MAX_LINE_BYTES} bytes", number)
                if raw.strip():
                    head = _HEAD.match(raw)
                    yield Line(where, number, raw, int(head.group(1)) if head else None)
    except (OSError, EOFError, zlib.error) as exc:
        raise UnreadableFile(f"file is not a readable gzip stream ({exc})", number + 1) from exc


def parsed_chunk(line: Line) -> dict[str, Any]:
    """The chunk object of a line; raises ``BadChunk`` with the reason for a line that is not one."""
    try:
        chunk = json.loads(line.raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise BadChunk("line is not UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise BadChunk(f"invalid JSON: {exc.msg}") from exc
    if not isinstance(chunk, dict):
        raise BadChunk("line is not a JSON object")
    if not isinstance(chunk.get("t"), int) or isinstance(chunk.get("t"), bool):
        raise BadChunk("chunk has no integer type 't'")
    return chunk


def channel_of(info: dict[str, Any]) -> Channel | None:
    """The conversation a Slack channel object describes (None without an id).

    Kinds from the API's flags: ``is_im`` direct, ``is_mpim`` group chat, ``is_private`` /
    ``is_group`` private; public only when the object says ``is_channel: true`` and
    ``is_private: false`` (an empty object is private). Group chat and
    DM names are made of user names and are not stored.
    """
    cid = info.get("id")
    if not isinstance(cid, str) or not cid:
        return None
    if info.get("is_im"):
        kind = "direct"
    elif info.get("is_mpim"):
        kind = "group"
    elif info.get("is_channel") is True and info.get("is_private") is False and not info.get("is_group"):
        kind = "public"
    else:
        kind = "private"
    name = info.get("name") if kind in _NAMED_KINDS and isinstance(info.get("name"), str) else None
    return Channel(f"slack:{cid}", name or None, kind)


def unknown_channel(cid: str) -> Channel:
    """A conversation no chunk describes: ``D...`` ids are direct messages, every other one private."""
    return Channel(f"slack:{cid}", None, "direct" if cid.startswith("D") else "private")



@contextmanager
def _open(tree: ExportTree, name: str) -> Iterator[IO[bytes]]:
    """A binary stream of a chunk file, decompressed when its name ends in ``.gz``."""
    with tree.open(name) as fh:
        if not name.lower().endswith(".gz"):
            yield fh
            return
        with gzip.GzipFile(fileobj=fh, mode="rb") as gz:
            yield gz
