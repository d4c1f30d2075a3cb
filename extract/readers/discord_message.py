"""One DiscordChatExporter message (a dict of a channel file's ``messages``) to a ``RAW_MESSAGE`` row.

Only posts become rows: ``Default``, ``Reply`` and the answers of slash and context-menu commands.
Joins, pins, calls, renames, thread-created notices and the other system kinds are skipped; a
record without an id, author or readable timestamp is reported back as a reason for the quarantine.

DiscordChatExporter writes mentions as the name it shows (``@Bob Jones``); raw Discord markup
(``<@123>``, ``<#456>``, ``<:emoji:789>``, ``<t:1700000000:R>``) is read as well. A mentioned
user reads as their name only when display names may be stored; otherwise as ``@user``, and the
id stays in ``mentions``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from kennismaker.extract.readers.base import utc_from_iso
from kennismaker.extract.text import tidy, urls_in
from kennismaker.extract.typed_mentions import PeopleNames

# Message kinds that are posts someone (or a bot) wrote; DiscordChatExporter writes a kind it has
# no name for as its number (20 is a slash-command answer, 23 a context-menu answer).
POST_KINDS = frozenset({"Default", "Reply", "ChatInputCommand", "ContextMenuCommand", "20", "23"})
NEUTRAL_USER = "user"  # how a mentioned user reads when names are not shown (``@user``)
NEUTRAL_CHANNEL = "channel"
_MARKUP = re.compile(r"<(@!?|@&|#)(\w+)>|<a?:(\w+):\d+>|<t:(-?\d{1,13})(?::[tTdDfFR])?>")
_WEB = ("http://", "https://")


class BadRecord(ValueError):
    """A message that cannot be read as a post; the message is the reason."""


@dataclass(frozen=True)
class Channel:
    """A channel file as the reader sees it: raw Discord id, stored id, name, kind and thread root."""

    raw_id: str
    channel_id: str
    name: str | None
    kind: str
    thread_root: str | None = None


@dataclass
class Guild:
    """What messages refer to across channel files: names of people and channels, by raw Discord id.

    ``names_in_text`` says whether a mentioned user may read as their name in the text
    (``privacy.store_display_names``); otherwise mentions read ``@user``.
    """

    people: PeopleNames = field(default_factory=PeopleNames)
    user_names: dict[str, str] = field(default_factory=dict)
    channel_names: dict[str, str] = field(default_factory=dict)
    names_in_text: bool = False


def message_id(channel_raw_id: str, raw_id: str) -> str:
    """The stored id of a message: source, channel and Discord id (stable across re-exports)."""
    return f"discord:{channel_raw_id}:{raw_id}"


def register_people(messages: list, guild: Guild) -> None:
    """Register the names of every author and mentioned user of a channel file (before its rows are made)."""
    for m in messages:
        if not isinstance(m, dict):
            continue
        for user in [m.get("author"), *(m.get("mentions") or [])]:
            if isinstance(user, dict) and isinstance(user.get("id"), str) and user["id"]:
                display = user_display_name(user)
                if display:
                    guild.user_names.setdefault(user["id"], display)
                guild.people.add(f"discord:{user['id']}", user.get("nickname"), user.get("name"))


def user_display_name(user: dict) -> str | None:
    """The name Discord shows for a user: the nickname (server display name), else the user name."""
    return next((v.strip() for v in (user.get("nickname"), user.get("name")) if isinstance(v, str) and v.strip()), None)


def message_row(m: Any, channel: Channel, guild: Guild, thread_of: dict[str, str]) -> dict[str, Any] | None:
    """The raw message row of one message; None for a system event.

    ``thread_of`` maps the stored ids of earlier messages of the file to their thread ids; a reply
    joins the thread of the message it answers. Raises ``BadRecord`` for a record that is not a
    message object or lacks an id, an author id or a readable timestamp.
    """
    if not isinstance(m, dict):
        raise BadRecord("message is not a JSON object")
    if m.get("type", "Default") not in POST_KINDS:
        return None
    raw_id, author = m.get("id"), m.get("author")
    if not isinstance(raw_id, str) or not raw_id:
        raise BadRecord("message has no id")
    if not isinstance(author, dict) or not isinstance(author.get("id"), str) or not author["id"]:
        raise BadRecord("message has no author id")
    created_at, edited_at = _times(m)
    own_id = message_id(channel.raw_id, raw_id)
    reply_to = replied_message_id(m, channel)
    if reply_to is None and channel.thread_root not in (None, own_id):
        reply_to = channel.thread_root
    thread_id = thread_of.get(reply_to, reply_to) if reply_to else own_id
    row = {
        "message_id": own_id,
        "channel_id": channel.channel_id,
        "channel_name": channel.name,
        "channel_kind": channel.kind,
        "thread_id": thread_id,
        "reply_to_id": reply_to,
        "author_id": f"discord:{author['id']}",
        "is_bot": author.get("isBot") is True,
        "created_at": created_at,
        "edited_at": edited_at,
        "attachment_count": len([a for a in m.get("attachments") or [] if isinstance(a, dict)]),
    }
    row.update(_reactions(m))
    row.update(_content(m, guild, row["author_id"]))
    return row


def replied_message_id(m: dict, channel: Channel) -> str | None:
    """The stored id of the message a ``Reply`` answers (``reference.messageId``), or None.

    Other messages may carry a ``reference`` too (a crosspost names its original in another
    server): that is no reply.
    """
    ref = m.get("reference")
    if m.get("type") != "Reply" or not isinstance(ref, dict) or not isinstance(ref.get("messageId"), str) or not ref["messageId"]:
        return None
    ref_channel = ref.get("channelId") if isinstance(ref.get("channelId"), str) and ref["channelId"] else channel.raw_id
    return message_id(ref_channel, ref["messageId"])


def _times(m: dict) -> tuple[datetime, datetime | None]:
    try:
        created_at = utc_from_iso(m.get("timestamp")) if isinstance(m.get("timestamp"), str) else None
        edited = m.get("timestampEdited")
        edited_at = utc_from_iso(edited) if isinstance(edited, str) else None
    except ValueError as exc:
        raise BadRecord(f"message has an unreadable timestamp: {exc}") from exc
    if created_at is None:
        raise BadRecord("message has no timestamp")
    return created_at, edited_at


def _reactions(m: dict) -> dict[str, Any]:
    """Reaction total and emoji names (the shortcode, else the emoji itself), each once."""
    names: list[str] = []
    total = 0
    for r in m.get("reactions") or []:
        emoji = r.get("emoji") if isinstance(r, dict) else None
        if not isinstance(emoji, dict):
            continue
        name = next((v for v in (emoji.get("code"), emoji.get("name")) if isinstance(v, str) and v), None)
        total += r["count"] if isinstance(r.get("count"), int) else len(r.get("users") or [])
        if name and name not in names:
            names.append(name)
    return {"reaction_count": total, "reactions": names}


def _content(m: dict, guild: Guild, author_id: str) -> dict[str, Any]:
    """Text, links (text, embeds, web attachments) and mentions (markup, mention list, typed names)."""
    raw = m.get("content") if isinstance(m.get("content"), str) else ""
    user_ids: list[str] = []
    text = _MARKUP.sub(lambda match: _markup_text(match, guild, user_ids), raw)
    for user in m.get("mentions") or []:
        if isinstance(user, dict) and isinstance(user.get("id"), str) and user["id"]:
            user_ids.append(user["id"])
            if not guild.names_in_text:
                text = _neutral_names(text, user)
    text = tidy(text)
    markup = [f"discord:{u}" for u in dict.fromkeys(user_ids)]
    return {
        "text": text,
        "urls": list(dict.fromkeys(urls_in(text) + extra_urls(m))),
        "mentions": guild.people.mentions(markup, text, author_id),
    }


def _markup_text(match: re.Match, guild: Guild, user_ids: list[str]) -> str:
    kind, target, emoji, stamp = match.groups()
    if emoji:
        return f":{emoji}:"
    if stamp:
        return datetime.fromtimestamp(int(stamp), tz=timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    if kind == "#":
        return "#" + guild.channel_names.get(target, NEUTRAL_CHANNEL)
    if kind == "@&":
        return "@role"
    user_ids.append(target)
    name = guild.user_names.get(target) if guild.names_in_text else None
    return "@" + (name or NEUTRAL_USER)


def _neutral_names(text: str, user: dict) -> str:
    """``text`` with the exporter's ``@Name`` of a mentioned user read as ``@user``."""
    names = {v.strip() for v in (user.get("nickname"), user.get("name")) if isinstance(v, str) and v.strip()}
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(r"(?<![\w@])@" + re.escape(name) + r"(?!\w)", "@" + NEUTRAL_USER, text)
    return text


def extra_urls(m: dict) -> list[str]:
    """Web links outside the text: embed links and the URLs of attachments (not local media paths)."""
    urls: list[str] = []
    for embed in m.get("embeds") or []:
        if isinstance(embed, dict) and isinstance(embed.get("url"), str) and embed["url"].startswith(_WEB):
            urls.append(embed["url"])
    for att in m.get("attachments") or []:
        if isinstance(att, dict) and isinstance(att.get("url"), str) and att["url"].startswith(_WEB):
            urls.append(att["url"])
    return urls
