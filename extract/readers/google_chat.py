"""Reader for Google Chat in a Google Takeout (``google_chat_takeout.v1``), for Google Workspace organisations.

The path is the Takeout zip or folder (or its ``Google Chat`` folder): every
``Google Chat/Groups/<conversation>/messages.json`` (``{"messages": [...]}``, see
``extract.readers.google_chat_message``) with the ``group_info.json`` beside it (``name`` and
``members``: ``name``, ``email``, ``user_type``). ``Users/User <id>/user_info.json`` names the
spaces the account belongs to (``membership_info[].group_name``) when ``group_info.json`` has no
name. A Workspace data export holds one such tree per user: a message that several of them hold
is read once.

* Kinds: a ``DM <id>`` folder is a direct chat with two members and a group chat with more; a
  ``Space <id>`` folder is a space. Takeout does not say who may read a space, so a space is
  private (left out unless ``privacy.include_private_channels``) unless the source option
  ``public_spaces`` lists its name or id: list the spaces open to the whole organisation.
* Threads: messages with the same ``topic_id`` are one thread; its first message (the file is in
  time order) is the root and the others reply to it. In a space without threads every message
  has a topic of its own.
* Edits from ``updated_date``; a deleted message keeps no text. A record with no text, file,
  link or deletion holds nothing to read and is skipped. Bots (``user_type`` ``Bot``) are bot posts.
* Mentions from the ``user_mention_metadata`` annotations (the name under the span, resolved to a
  member) and names typed without them (``extract.typed_mentions``); a mentioned person reads
  ``@user`` unless display names may be stored.
* People are ``google_chat:{e-mail}``: Takeout gives no user ids. Messages are
  ``google_chat:{message_id}`` (``space/topic/message``), stable across Takeouts: re-ingest is
  idempotent.
* A record without ``message_id``, creator or readable ``created_date`` is quarantined, and so is
  a file that is not JSON; the rest loads.

No real Takeout sample was available (the conformance samples hold none): the layout is read as
public descriptions of Takeout's Google Chat files give it, and tested on a hand-made Takeout in
``tests/fixtures/google_chat``. Each ``messages.json`` is parsed whole (one JSON document).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kennismaker.extract.readers.base import EXCERPT_CHARS, RawBatches, ReadContext, json_file, sniff_tree
from kennismaker.extract.readers.google_chat_message import BadRecord, Space, Takeout, message_row, person_id
from kennismaker.extract.tree import ExportTree
from kennismaker.errors import ConfigError, NotAnExportError

_MESSAGES = re.compile(r"^(?P<dir>(?:.*/)?Groups/(?P<folder>[^/]+))/messages\.json$")
_USER_INFO = re.compile(r"(?:^|/)Users/[^/]+/user_info\.json$")
_HEAD = re.compile(rb'^(\xef\xbb\xbf)?\s*\{\s*"messages"\s*:')
_SNIFF_BYTES = 256
_SNIFF_FILES = 5


class GoogleChatOptions(BaseModel):
    """``sources[].options`` of ``google_chat_takeout.v1``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    public_spaces: list[str] = Field(default_factory=list, description="Names or ids of spaces the whole organisation may read.")


def google_chat_options(options: dict[str, Any]) -> GoogleChatOptions:
    """Validated options; a bad key or value is one ``ConfigError`` sentence naming it."""
    try:
        return GoogleChatOptions.model_validate(options or {})
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "options"
        if err["type"] == "extra_forbidden":
            raise ConfigError(f"Unknown option {key!r} for google_chat_takeout.v1; use public_spaces.") from None
        raise ConfigError(f"Option {key!r} for google_chat_takeout.v1 is invalid ({err['msg']}); give a list of space names.") from None


@dataclass
class ReadState:
    """What the conversations share: names and topics, emitted channels and people, messages read."""

    takeout: Takeout
    public: frozenset[str] = frozenset()
    space_names: dict[str, str] = field(default_factory=dict)
    channels: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    message_ids: set[str] = field(default_factory=set)


class GoogleChatTakeoutReader:
    """The ``google_chat_takeout.v1`` reader plugin."""

    name = "google_chat_takeout.v1"
    source = "google_chat"

    def sniff(self, path: Path) -> bool:
        """Whether ``path`` holds a ``Groups/<conversation>/messages.json`` that opens with ``"messages"``."""
        return sniff_tree(path, lambda tree: any(_opens_with_messages(tree, n) for n in conversation_files(tree)[:_SNIFF_FILES]))

    def read(self, path: Path, ctx: ReadContext) -> Iterator[pa.RecordBatch]:
        """Stream people, channels, messages and quarantined records of every conversation."""
        options = google_chat_options(ctx.options)
        out = RawBatches(self.source, ctx.batch_size)
        state = ReadState(Takeout(names_in_text=ctx.store_display_names), frozenset(options.public_spaces))
        with ExportTree(path, ctx.limits) as tree:
            files = [n for n in conversation_files(tree) if _opens_with_messages(tree, n)]
            if not files:
                raise NotAnExportError(
                    f"{path} holds no Google Chat Takeout (no Groups/<space>/messages.json); pass the Takeout "
                    "zip or its Google Chat folder, or choose another --format."
                )
            yield from _user_infos(tree, state, out)
            for name in files:
                yield from _conversation(tree, name, state, out)
        yield from out.flush()


def conversation_files(tree: ExportTree) -> list[str]:
    """The ``Groups/<conversation>/messages.json`` files of a Takeout."""
    return [n for n in tree.names() if _MESSAGES.match(n)]


def _opens_with_messages(tree: ExportTree, name: str) -> bool:
    with tree.open(name) as fh:
        return bool(_HEAD.match(fh.read(_SNIFF_BYTES)))


def _user_infos(tree: ExportTree, state: ReadState, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """Space names from every ``user_info.json`` (``membership_info[].group_id`` -> ``group_name``)."""
    for name in tree.names():
        if not _USER_INFO.search(name):
            continue
        info = yield from json_file(tree, name, out)
        memberships = info.get("membership_info") if isinstance(info, dict) else None
        for item in memberships if isinstance(memberships, list) else []:
            if isinstance(item, dict) and isinstance(item.get("group_id"), str) and isinstance(item.get("group_name"), str):
                state.space_names.setdefault(item["group_id"], item["group_name"])


def _conversation(tree: ExportTree, name: str, state: ReadState, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """Channel, people and message rows of one conversation folder."""
    match = _MESSAGES.match(name)
    info_name = f"{match.group('dir')}/group_info.json"
    info = (yield from json_file(tree, info_name, out)) if tree.exists(info_name) else None
    members = [m for m in (info.get("members") if isinstance(info, dict) else None) or [] if isinstance(m, dict)]
    space = space_of(match.group("folder"), info if isinstance(info, dict) else {}, members, state)
    for member in members:
        if person_id(member):
            state.takeout.people.add(person_id(member), member.get("name"))
    where = tree.describe(name)
    data = yield from json_file(tree, name, out)
    if data is None:
        return
    messages = data.get("messages") if isinstance(data, dict) else None
    if not isinstance(messages, list):
        yield from out.quarantine(where, 0, "not a Google Chat messages file (no messages list)", json.dumps(data)[:EXCERPT_CHARS])
        return
    for m in messages:
        creator = m.get("creator") if isinstance(m, dict) else None
        if isinstance(creator, dict) and person_id(creator):
            state.takeout.people.add(person_id(creator), creator.get("name"))
    if space.channel_id not in state.channels:
        state.channels.add(space.channel_id)
        yield from out.channel(space.channel_id, space.name, space.kind)
    for member in members:
        yield from _person(member, state, out)
    for i, m in enumerate(messages):
        try:
            row = message_row(m, space, state.takeout)
        except BadRecord as exc:
            yield from out.quarantine(where, f"message {i}", str(exc), json.dumps(m, ensure_ascii=False))
            continue
        if row is None or row["message_id"] in state.message_ids:
            continue
        state.message_ids.add(row["message_id"])
        yield from _person(m["creator"], state, out)
        yield from out.message(raw_ref=f"{where}#message {i}", **row)


def space_of(folder: str, info: dict, members: list[dict], state: ReadState) -> Space:
    """The conversation of a ``Groups/<folder>``: ``DM <id>`` direct or group chat, ``Space <id>`` a space."""
    prefix, _, raw_id = folder.partition(" ")
    raw_id = raw_id.strip() or folder
    if prefix == "DM":
        return Space(f"google_chat:dm:{raw_id}", None, "direct" if len(members) <= 2 else "group")
    name = info.get("name") if isinstance(info.get("name"), str) and info["name"].strip() else state.space_names.get(folder)
    public = bool({folder, raw_id, name} & state.public)
    return Space(f"google_chat:space:{raw_id}", name, "public" if public else "private")


def _person(user: dict, state: ReadState, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """A person row the first time someone is seen."""
    author_id = person_id(user)
    if author_id and author_id not in state.people:
        state.people.add(author_id)
        name = user.get("name") if isinstance(user.get("name"), str) else None
        email = user.get("email") if isinstance(user.get("email"), str) and user["email"] else None
        yield from out.person(author_id, name, email, user.get("user_type") == "Bot")


READER = GoogleChatTakeoutReader()
