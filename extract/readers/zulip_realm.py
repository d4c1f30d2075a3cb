"""The tables of a Zulip ``realm.json`` that name things, and one ``zerver_message`` row to a ``RAW_MESSAGE`` row.

See ``extract.readers.zulip`` for the rules (conversations, topics as threads, system events,
edits); this module holds them as pure functions over plain dicts.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kennismaker.extract.readers.base import utc_from_epoch
from kennismaker.extract.readers.zulip_markdown import zulip_text
from kennismaker.extract.typed_mentions import PeopleNames

PERSONAL, STREAM, HUDDLE = 1, 2, 3  # zerver_recipient.type
RESOLVE_TOPIC_NOTIFICATION = 2  # zerver_message.type
RESOLVED_PREFIX = "\u2714 "  # "✔ " that Zulip puts before a resolved topic
NOTIFICATION_BOT = "notification-bot@"


class BadRecord(ValueError):
    """A message row that cannot be read; the message is the reason."""


@dataclass(frozen=True)
class User:
    """A realm member or system bot: name, e-mail and whether it is a bot."""

    name: str | None
    email: str | None
    is_bot: bool


@dataclass(frozen=True)
class Conversation:
    """A channel, DM pair or group DM: stored id, name (channels only) and kind."""

    channel_id: str
    name: str | None
    kind: str


@dataclass
class Realm:
    """What messages refer to, by Zulip id, and the topic roots found so far."""

    users: dict[int, User] = field(default_factory=dict)
    streams: dict[int, Conversation] = field(default_factory=dict)
    recipients: dict[int, tuple[int, int]] = field(default_factory=dict)
    system_bots: set[int] = field(default_factory=set)
    reactions: dict[int, list[str]] = field(default_factory=dict)
    attachments: Counter = field(default_factory=Counter)
    people: PeopleNames = field(default_factory=PeopleNames)
    by_name: dict[str, int | None] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    names_in_text: bool = False
    topic_roots: dict[tuple[int, str], int] = field(default_factory=dict)
    emitted: set[str] = field(default_factory=set)


def realm_of(data: dict[str, Any], names_in_text: bool = False) -> Realm:
    """The ``Realm`` of a parsed ``realm.json`` (rows that are not objects with an id are ignored)."""
    realm = Realm(names_in_text=names_in_text)
    for table in ("zerver_userprofile", "zerver_userprofile_mirrordummy"):
        for row in _rows(data, table):
            email = _text(row.get("delivery_email")) or _text(row.get("email"))
            user = User(_text(row.get("full_name")), email, bool(row.get("is_bot")) or row.get("bot_type") is not None)
            _add_user(realm, row["id"], user)
    for row in _rows(data, "zerver_userprofile_crossrealm"):
        email = _text(row.get("email"))
        _add_user(realm, row["id"], User(_text(row.get("full_name")), email, True))
        if email and email.lower().startswith(NOTIFICATION_BOT):
            realm.system_bots.add(row["id"])
    for row in _rows(data, "zerver_stream"):
        kind = "private" if row.get("invite_only") else "public"
        realm.streams[row["id"]] = Conversation(f"zulip:stream:{row['id']}", _text(row.get("name")), kind)
    for row in _rows(data, "zerver_recipient"):
        if isinstance(row.get("type"), int) and isinstance(row.get("type_id"), int):
            realm.recipients[row["id"]] = (row["type"], row["type_id"])
    for row in _rows(data, "zerver_reaction", key="message"):
        names = realm.reactions.setdefault(row["message"], [])
        names.append(_text(row.get("emoji_name")) or "")
    for row in data.get("zerver_attachment") or []:
        if isinstance(row, dict) and isinstance(row.get("messages"), list):
            realm.attachments.update(m for m in row["messages"] if isinstance(m, int))
    return realm


def _rows(data: dict[str, Any], table: str, key: str = "id") -> list[dict[str, Any]]:
    rows = data.get(table)
    return [r for r in rows if isinstance(r, dict) and _is_id(r.get(key))] if isinstance(rows, list) else []


def _add_user(realm: Realm, user_id: int, user: User) -> None:
    realm.users[user_id] = user
    realm.people.add(f"zulip:{user_id}", user.name)
    if user.name:
        realm.names[user_id] = user.name
        key = user.name.casefold()
        realm.by_name[key] = user_id if realm.by_name.get(key, user_id) == user_id else None


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def topic_key(subject: Any) -> str:
    """A topic as Zulip compares it: case-insensitive, without the resolved mark."""
    text = subject if isinstance(subject, str) else ""
    return text.removeprefix(RESOLVED_PREFIX).strip().casefold()


def message_row(m: Any, realm: Realm) -> dict[str, Any] | None:
    """The raw message row of one ``zerver_message`` row; None for a system event.

    Raises ``BadRecord`` for a row that is not an object or lacks an id, a sender, a known
    recipient or a time. Records the topic's root in ``realm.topic_roots`` (call in id order).
    """
    if not isinstance(m, dict):
        raise BadRecord("message is not a JSON object")
    message_id, sender = m.get("id"), m.get("sender")
    if not _is_id(message_id) or not _is_id(sender):
        raise BadRecord("message has no integer id or sender")
    recipient = realm.recipients.get(m.get("recipient"))
    if recipient is None:
        raise BadRecord(f"message's recipient {m.get('recipient')!r} is not in realm.json zerver_recipient")
    created_at = _time(m.get("date_sent", m.get("pub_date")))
    if created_at is None:
        raise BadRecord("message has no date_sent (epoch seconds)")
    if m.get("type") == RESOLVE_TOPIC_NOTIFICATION or sender in realm.system_bots:
        return None
    conversation = _conversation(recipient, sender, realm)
    own_id = f"zulip:{message_id}"
    content = zulip_text(m.get("content") if isinstance(m.get("content"), str) else "",
                         realm.by_name, realm.names, realm.names_in_text)
    root = _thread_root(recipient, m, message_id, realm)
    replied = content.quoted_message if content.quoted_message not in (None, message_id) else None
    reply_to = f"zulip:{replied}" if replied else (f"zulip:{root}" if root != message_id else None)
    author = f"zulip:{sender}"
    markup = [f"zulip:{u}" for u in content.user_ids]
    reactions = realm.reactions.get(message_id, [])
    return {
        "message_id": own_id,
        "channel_id": conversation.channel_id,
        "channel_name": conversation.name,
        "channel_kind": conversation.kind,
        "thread_id": f"zulip:{root}",
        "reply_to_id": reply_to,
        "author_id": author,
        "is_bot": realm.users.get(sender, User(None, None, False)).is_bot,
        "created_at": created_at,
        "edited_at": edited_at(m),
        "text": content.text,
        "urls": content.urls,
        "mentions": realm.people.mentions(markup, content.text, author),
        "attachment_count": realm.attachments.get(message_id) or content.upload_count or int(bool(m.get("has_attachment"))),
        "reaction_count": len(reactions),
        "reactions": list(dict.fromkeys(r for r in reactions if r)),
    }


def _conversation(recipient: tuple[int, int], sender: int, realm: Realm) -> Conversation:
    kind, type_id = recipient
    if kind == STREAM:
        return realm.streams.get(type_id) or Conversation(f"zulip:stream:{type_id}", None, "private")
    if kind == HUDDLE:
        return Conversation(f"zulip:huddle:{type_id}", None, "group")
    low, high = sorted((sender, type_id))
    return Conversation(f"zulip:dm:{low}-{high}", None, "direct")


def _thread_root(recipient: tuple[int, int], m: dict, message_id: int, realm: Realm) -> int:
    """The id of the first message of the message's topic (itself for a DM or a topic's first message)."""
    if recipient[0] != STREAM:
        return message_id
    return realm.topic_roots.setdefault((recipient[1], topic_key(m.get("subject"))), message_id)


def _time(value: Any) -> datetime | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return utc_from_epoch(value)
    return None


def edited_at(m: dict) -> datetime | None:
    """When the text was last edited: the newest ``edit_history`` entry with ``prev_content``, else
    ``last_edit_time`` (which a topic move also sets) when there is no history."""
    history = m.get("edit_history")
    if isinstance(history, str):
        try:
            history = json.loads(history)
        except json.JSONDecodeError:
            history = None
    if isinstance(history, list):
        times = [e.get("timestamp") for e in history if isinstance(e, dict) and "prev_content" in e]
        stamps = [t for t in map(_time, times) if t is not None]
        return max(stamps) if stamps else None
    return _time(m.get("last_edit_time"))
