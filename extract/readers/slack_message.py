"""One Slack export message (a dict from a day file) to a ``RAW_MESSAGE`` row.

Only posts become rows: joins, leaves, topic/purpose/name changes, pins and the other system
subtypes are skipped, bad records are reported back as a reason for the quarantine.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from kennismaker.extract.readers.slack_mrkdwn import block_user_ids, extra_urls, slack_text
from kennismaker.extract.typed_mentions import PeopleNames

# Subtypes that are posts a person (or bot) wrote; every other subtype is a system event.
POST_SUBTYPES = frozenset(
    {None, "", "bot_message", "me_message", "file_share", "file_comment", "thread_broadcast",
     "reply_broadcast", "tombstone", "slackbot_response"}
)
DELETED_TEXT = "This message was deleted."
_TS = re.compile(r"^\d{1,12}(\.\d{1,9})?$")


@dataclass(frozen=True)
class Channel:
    """A conversation as the reader sees it: source-qualified id, name and kind."""

    channel_id: str
    name: str | None
    kind: str


@dataclass
class Workspace:
    """What day files refer to: user names, bot users and channel names, by raw Slack id.

    ``names_in_text`` says whether a mentioned user may read as their name in the text
    (``privacy.store_display_names``); otherwise mentions read ``@user``.
    """

    user_names: dict[str, str] = field(default_factory=dict)
    people: PeopleNames = field(default_factory=PeopleNames)
    bot_users: set[str] = field(default_factory=set)
    channel_names: dict[str, str] = field(default_factory=dict)
    names_in_text: bool = False


class BadRecord(ValueError):
    """A day-file entry that cannot be read as a message; the message is the reason."""


def is_slack_ts(value: Any) -> bool:
    """Whether ``value`` is a Slack timestamp string such as ``"1434139102.000002"``."""
    return isinstance(value, str) and bool(_TS.match(value))


def utc_from_ts(ts: str) -> datetime:
    """The UTC time of a Slack timestamp string, exact to the microsecond (no float rounding)."""
    seconds, _, fraction = ts.partition(".")
    micros = int((fraction + "000000")[:6])
    return datetime.fromtimestamp(int(seconds), tz=timezone.utc) + timedelta(microseconds=micros)


def message_row(m: Any, channel: Channel, ws: Workspace) -> dict[str, Any] | None:
    """The raw message row of a day-file entry; None for a system event.

    Raises ``BadRecord`` for an entry that is not a message object or has no valid ``ts``.
    """
    if not isinstance(m, dict):
        raise BadRecord("entry is not a JSON object")
    ts = m.get("ts")
    if not is_slack_ts(ts):
        raise BadRecord("message has no ts string (Slack timestamps must stay strings)")
    if m.get("type", "message") != "message" or m.get("subtype") not in POST_SUBTYPES:
        return None
    message_id = f"{channel.channel_id}:{ts}"
    thread_ts = m.get("thread_ts")
    is_reply = is_slack_ts(thread_ts) and thread_ts != ts
    author = _author(m)
    row = {
        "message_id": message_id,
        "channel_id": channel.channel_id,
        "channel_name": channel.name,
        "channel_kind": channel.kind,
        "thread_id": f"{channel.channel_id}:{thread_ts}" if is_reply else message_id,
        "reply_to_id": f"{channel.channel_id}:{thread_ts}" if is_reply else None,
        "author_id": f"slack:{author}" if author else None,
        "is_bot": m.get("subtype") == "bot_message" or bool(m.get("bot_id")) or author in ws.bot_users,
        "created_at": utc_from_ts(ts),
        "edited_at": _edited_at(m),
        "attachment_count": _file_count(m),
    }
    row.update(_reactions(m))
    row.update(_content(m, ws, author))
    return row


def _author(m: Mapping[str, Any]) -> str | None:
    """Who wrote it: the user, else the bot, else (old file comments) the commenter."""
    for holder, key in ((m, "user"), (m, "bot_id"), (m.get("comment"), "user"), (m.get("file"), "user")):
        if isinstance(holder, dict) and isinstance(holder.get(key), str) and holder[key]:
            return holder[key]
    return None


def _edited_at(m: Mapping[str, Any]) -> datetime | None:
    edited = m.get("edited")
    ts = edited.get("ts") if isinstance(edited, dict) else None
    return utc_from_ts(ts) if is_slack_ts(ts) else None


def _file_count(m: Mapping[str, Any]) -> int:
    files = m.get("files")
    if isinstance(files, list):
        return len(files)
    return 1 if isinstance(m.get("file"), dict) else 0


def _reactions(m: Mapping[str, Any]) -> dict[str, Any]:
    names: list[str] = []
    total = 0
    for r in m.get("reactions") or []:
        if not isinstance(r, dict) or not isinstance(r.get("name"), str):
            continue
        count = r.get("count")
        total += count if isinstance(count, int) else len(r.get("users") or [])
        if r["name"] not in names:
            names.append(r["name"])
    return {"reaction_count": total, "reactions": names}


def _content(m: Mapping[str, Any], ws: Workspace, author: str | None) -> dict[str, Any]:
    """Text, urls and mentions (markup, then typed names other than the author's); a deleted message keeps none."""
    raw = m.get("text") if isinstance(m.get("text"), str) else ""
    if m.get("subtype") == "tombstone" or raw.strip() == DELETED_TEXT:
        return {"is_deleted": True, "text": "", "urls": [], "mentions": []}
    content = slack_text(raw, ws.user_names, ws.channel_names, named=ws.names_in_text)
    urls = list(dict.fromkeys(content.urls + extra_urls(m)))
    users = ws.people.mentions(content.user_ids + block_user_ids(m), content.text, author)
    return {"is_deleted": False, "text": content.text, "urls": urls, "mentions": [f"slack:{u}" for u in users]}

def registered_person(user: Any, ws: Workspace) -> tuple[str, str | None, str | None, bool, tuple] | None:
    """Register a Slack user object's names and bot flag on ``ws``; returns its person-row fields
    ``(author_id, display_name, email, is_bot, names)``, or None for an object without an id."""
    if not isinstance(user, dict) or not isinstance(user.get("id"), str) or not user["id"]:
        return None
    uid = user["id"]
    profile = user.get("profile") if isinstance(user.get("profile"), dict) else {}
    name = first_text(profile.get("display_name"), profile.get("real_name"), user.get("real_name"), user.get("name"))
    is_bot = bool(user.get("is_bot")) or uid == "USLACKBOT"
    if name:
        ws.user_names[uid] = name
    names = (first_text(profile.get("real_name"), user.get("real_name")), profile.get("display_name"),
             user.get("name"), profile.get("first_name"))
    ws.people.add(uid, *names)
    if is_bot:
        ws.bot_users.add(uid)
    return f"slack:{uid}", name, first_text(profile.get("email")), is_bot, names


def first_text(*values: Any) -> str | None:
    """The first non-blank string among ``values``, stripped."""
    return next((v.strip() for v in values if isinstance(v, str) and v.strip()), None)
