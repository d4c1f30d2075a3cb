"""Reader for Mattermost's bulk export (``mattermost_bulk.v1``): JSON lines, a file, folder or zip.

Each line is ``{"type": T, T: {...}}`` with T one of version, team, channel (type ``O`` public,
``P`` private), user, post (replies nested), direct_channel (``members``, or since mmctl 11
``participants[].username``) and direct_post. Posts carry no id,
so a message id is a hash of where, who and when. The file is read line by line; users and
channels come before the posts that use them in an export, so one pass is enough. Mentions are
the ``@username`` of a known user and names typed without it ("@Anna de Vries", "bram: ...", see
``extract.typed_mentions``), resolved against the users declared before the post.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa

from kennismaker.extract.readers.base import RawBatches, ReadContext, sniff_tree
from kennismaker.extract.text import tidy, urls_in
from kennismaker.extract.tree import ExportTree
from kennismaker.extract.typed_mentions import PeopleNames
from kennismaker.errors import NotAnExportError

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_KINDS = {"O": "public", "P": "private"}
_MENTION = re.compile(r"(?<![\w@])@([a-z0-9][a-z0-9._-]*)", re.IGNORECASE)
_SNIFF_BYTES = 4096
_SNIFF_FILES = 5
_READ_TYPES = frozenset({"user", "channel", "direct_channel", "post", "direct_post"})


class BadRecord(ValueError):
    """A record that cannot be read as a post; the message is the reason."""


@dataclass(frozen=True)
class Conversation:
    """A channel or direct chat: its id, name, kind and the key its message ids are hashed from."""

    channel_id: str
    name: str | None
    kind: str
    key: str


@dataclass
class ExportState:
    """What earlier lines declared: usernames, people's names and conversations (by team/channel or members)."""

    users: set[str] = field(default_factory=set)
    people: PeopleNames = field(default_factory=PeopleNames)
    conversations: dict[str, Conversation] = field(default_factory=dict)


class MattermostBulkReader:
    """The ``mattermost_bulk.v1`` reader plugin."""

    name = "mattermost_bulk.v1"
    source = "mattermost"

    def sniff(self, path: Path) -> bool:
        """Whether ``path`` is (or holds at its root) a JSONL file starting with a version line."""
        return sniff_tree(path, lambda tree: any(_starts_with_version(tree, n) for n in _candidates(tree)[:_SNIFF_FILES]))

    def read(self, path: Path, ctx: ReadContext) -> Iterator[pa.RecordBatch]:
        """Stream people, channels, posts with their replies, and quarantined lines."""
        out = RawBatches(self.source, ctx.batch_size)
        state = ExportState()
        with ExportTree(path, ctx.limits) as tree:
            files = [n for n in _candidates(tree) if _starts_with_version(tree, n)]
            if not files:
                raise NotAnExportError(
                    f"{path} is not a Mattermost bulk export (no JSONL file starting with a version line); "
                    "pass the .jsonl file or zip made by `mmctl export create`, or choose another --format."
                )
            for name in files:
                yield from _file_records(tree, name, state, out)
        yield from out.flush()


def _candidates(tree: ExportTree) -> list[str]:
    return [n for n in tree.names() if "/" not in n and n.lower().endswith((".jsonl", ".json"))]


def _starts_with_version(tree: ExportTree, name: str) -> bool:
    with tree.open(name) as fh:
        head = fh.read(_SNIFF_BYTES)
    first = head.lstrip().split(b"\n", 1)[0]
    try:
        return json.loads(first.decode("utf-8-sig")).get("type") == "version"
    except (ValueError, AttributeError):
        return False


def _file_records(tree: ExportTree, name: str, state: ExportState, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """Every line of one export file, in order; bad lines are quarantined."""
    where = tree.describe(name)
    with tree.open(name) as fh:
        for line_no, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8-sig"))
                if not isinstance(record, dict) or not isinstance(record.get("type"), str):
                    raise BadRecord("line is not an object with a type")
                yield from _record(record["type"], record.get(record["type"]), f"{where}#{line_no}", state, out)
            except UnicodeDecodeError:
                yield from out.quarantine(where, line_no, "line is not UTF-8", raw.decode("utf-8", "replace"))
            except json.JSONDecodeError as exc:
                yield from out.quarantine(where, line_no, f"invalid JSON: {exc.msg}", raw.decode("utf-8", "replace"))
            except BadRecord as exc:
                yield from out.quarantine(where, line_no, str(exc), raw.decode("utf-8", "replace"))


def _record(kind: str, body: Any, ref: str, state: ExportState, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """One typed record; types that hold no people, conversations or posts are ignored."""
    if kind in _READ_TYPES and not isinstance(body, dict):
        raise BadRecord(f"{kind} line has no {kind} object")
    if kind == "user":
        yield from _user(body, state, out)
    elif kind == "channel":
        yield from _declare(_channel(body), state, out)
    elif kind == "direct_channel":
        yield from _declare(_direct(direct_members(body)), state, out)
    elif kind == "post":
        conv = yield from _known(_channel(body), state, out)
        yield from _posts(body, conv, ref, state, out)
    elif kind == "direct_post":
        conv = yield from _known(_direct(body.get("channel_members")), state, out)
        yield from _posts(body, conv, ref, state, out)


def _user(body: dict, state: ExportState, out: RawBatches) -> Iterator[pa.RecordBatch]:
    username = body.get("username")
    if not isinstance(username, str) or not username:
        raise BadRecord("user has no username")
    state.users.add(username.lower())
    full = " ".join(p for p in (body.get("first_name"), body.get("last_name")) if isinstance(p, str) and p)
    display = next((v for v in (body.get("nickname"), full, username) if isinstance(v, str) and v), username)
    state.people.add(f"mattermost:{username.lower()}", username, body.get("nickname"), full, body.get("first_name"))
    yield from out.person(f"mattermost:{username.lower()}", display, body.get("email") or None, bool(body.get("is_bot")))


def _channel(body: dict) -> Conversation:
    """The conversation of a channel line (kind from ``type``) or of a post (kind unknown yet)."""
    team, name = body.get("team"), body.get("channel", body.get("name"))
    if not isinstance(team, str) or not isinstance(name, str) or not team or not name:
        raise BadRecord("record has no team and channel name")
    key = f"{team}/{name}"
    # A channel of unknown type may be private: treat it so (conservative).
    return Conversation(f"mattermost:{key}", name, _KINDS.get(body.get("type"), "private"), key)


def direct_members(body: dict) -> Any:
    """The usernames of a direct_channel: ``members``, or mmctl 11's ``participants[].username``."""
    if body.get("members") is not None or not isinstance(body.get("participants"), list):
        return body.get("members")
    return [p.get("username") if isinstance(p, dict) else p for p in body["participants"]]


def _direct(members: Any) -> Conversation:
    """A direct (two members) or group (three or more) chat; its name is not stored."""
    if not isinstance(members, list) or not members or not all(isinstance(m, str) for m in members):
        raise BadRecord("direct channel has no member list")
    key = ",".join(sorted(set(members)))
    kind = "direct" if len(set(members)) <= 2 else "group"
    return Conversation("mattermost:direct:" + hashlib.sha1(key.encode()).hexdigest()[:16], None, kind, key)


def _declare(conv: Conversation, state: ExportState, out: RawBatches) -> Iterator[pa.RecordBatch]:
    state.conversations[conv.key] = conv
    yield from out.channel(conv.channel_id, conv.name, conv.kind)


def _known(conv: Conversation, state: ExportState, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """The declared conversation for a post; an undeclared one is added (as private) first."""
    if conv.key not in state.conversations:
        yield from _declare(conv, state, out)
    return state.conversations[conv.key]


def _posts(body: dict, conv: Conversation, ref: str, state: ExportState, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """A post and its nested replies; a system post (``type`` system_*) is skipped with its replies."""
    if str(body.get("type") or "").startswith("system_"):
        return
    root = post_row(body, conv, state)
    yield from out.message(raw_ref=ref, **root)
    for i, reply in enumerate(body.get("replies") or [], start=1):
        try:
            if not isinstance(reply, dict):
                raise BadRecord("reply is not a JSON object")
            if str(reply.get("type") or "").startswith("system_"):
                continue
            row = post_row(reply, conv, state)
        except BadRecord as exc:
            where, _, line = ref.rpartition("#")
            yield from out.quarantine(where, f"{line}/reply {i}", str(exc), json.dumps(reply, ensure_ascii=False))
            continue
        row.update(thread_id=root["message_id"], reply_to_id=root["message_id"])
        yield from out.message(raw_ref=f"{ref}/reply {i}", **row)


def post_row(post: dict, conv: Conversation, state: ExportState) -> dict[str, Any]:
    """The raw message row of a post or reply; raises ``BadRecord`` without user or create_at."""
    user, create_at = post.get("user"), post.get("create_at")
    if not isinstance(user, str) or not user or not isinstance(create_at, int) or isinstance(create_at, bool):
        raise BadRecord("post has no user or no create_at (epoch ms)")
    digest = hashlib.sha1(f"{conv.key}/{user}/{create_at}".encode()).hexdigest()[:16]
    deleted = _epoch_ms(post.get("delete_at")) is not None
    text = "" if deleted else tidy(post.get("message") if isinstance(post.get("message"), str) else "")
    reactions = [r for r in post.get("reactions") or [] if isinstance(r, dict)]
    props = post.get("props") if isinstance(post.get("props"), dict) else {}
    return {
        "message_id": f"mattermost:{digest}",
        "channel_id": conv.channel_id,
        "channel_name": conv.name,
        "channel_kind": conv.kind,
        "author_id": f"mattermost:{user.lower()}",
        "is_bot": str(props.get("from_bot")).lower() == "true" or str(props.get("from_webhook")).lower() == "true",
        "created_at": _epoch_ms(create_at),
        "edited_at": _epoch_ms(post.get("edit_at")),
        "is_deleted": deleted,
        "text": text,
        "urls": urls_in(text),
        "mentions": state.people.mentions(mentioned_users(text, state.users), text, f"mattermost:{user.lower()}"),
        "attachment_count": len(post.get("attachments") or []),
        "reaction_count": len(reactions),
        "reactions": list(dict.fromkeys(r["emoji_name"] for r in reactions if isinstance(r.get("emoji_name"), str))),
    }


def mentioned_users(text: str, usernames: set[str]) -> list[str]:
    """``mattermost:{username}`` for every ``@username`` in ``text`` that names a known user."""
    found: list[str] = []
    for match in _MENTION.finditer(text):
        name = match.group(1).lower()
        name = name if name in usernames else name.rstrip("._-")
        if name in usernames and f"mattermost:{name}" not in found:
            found.append(f"mattermost:{name}")
    return found


def _epoch_ms(value: Any) -> datetime | None:
    """A UTC time from epoch milliseconds; None for absent or zero."""
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        return None
    return _EPOCH + timedelta(milliseconds=value)


READER = MattermostBulkReader()
