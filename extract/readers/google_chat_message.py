"""One Google Chat Takeout message (a dict of ``messages.json``) to a ``RAW_MESSAGE`` row.

A message has ``creator`` (``name``, ``email``, ``user_type``), ``created_date``, ``text``,
``topic_id``, ``message_id``, and when present ``updated_date``, ``annotations`` (links, Drive
files, YouTube videos and ``user_mention_metadata`` mentions, each over a ``start_index`` /
``length`` span of the text), ``attached_files`` and ``reactions``. A deleted message carries
``deleted_date`` (or ``message_state`` ``DELETED`` / ``deletion_metadata``) and keeps no text.

Dates are written out in the language of the account that made the Takeout ("Tuesday, 3 January
2023 at 10:15:42 UTC", "Thursday, November 3, 2016 at 11:59:50 AM UTC", "dinsdag 3 januari 2023
om 10:15:42 UTC"): English is parsed by dateutil, other languages by dateparser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import dateparser
from dateutil import parser as dateutil_parser

from kennismaker.extract.text import tidy, urls_in
from kennismaker.extract.typed_mentions import PeopleNames

NEUTRAL_USER = "user"
# Absolute dates with day, month and year only: "gisteren" (yesterday) must not become a date.
_DATEPARSER_SETTINGS = {
    "TIMEZONE": "UTC", "TO_TIMEZONE": "UTC", "RETURN_AS_TIMEZONE_AWARE": True,
    "PARSERS": ["absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"],
}
_WRAPPED_URL = "private_do_not_access_or_else_safe_url_wrapped_value"


class BadRecord(ValueError):
    """A message that cannot be read; the message is the reason."""


@dataclass(frozen=True)
class Space:
    """A conversation folder as the reader sees it: stored id, name (spaces only) and kind."""

    channel_id: str
    name: str | None
    kind: str


@dataclass
class Takeout:
    """What messages refer to: people's names (for mentions), topic roots, and whether names may be shown."""

    people: PeopleNames = field(default_factory=PeopleNames)
    topic_roots: dict[tuple[str, str], str] = field(default_factory=dict)
    names_in_text: bool = False


def takeout_time(text: Any) -> datetime | None:
    """The UTC time of a Takeout date string (any language dateparser knows); None when unreadable."""
    if not isinstance(text, str) or not text.strip():
        return None
    plain = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())
    try:
        parsed = dateutil_parser.parse(plain)
    except (ValueError, OverflowError):
        parsed = dateparser.parse(plain, settings=_DATEPARSER_SETTINGS)
    if parsed is None:
        return None
    return parsed.replace(tzinfo=timezone.utc) if parsed.tzinfo is None else parsed.astimezone(timezone.utc)


def person_id(user: Any) -> str | None:
    """``google_chat:{e-mail}`` of a creator or member (lower-cased), ``google_chat:bot:{name}`` for a bot without one."""
    if not isinstance(user, dict):
        return None
    email = user.get("email")
    if isinstance(email, str) and email.strip():
        return f"google_chat:{email.strip().lower()}"
    name = user.get("name")
    if isinstance(name, str) and name.strip():
        return f"google_chat:{'bot' if user.get('user_type') == 'Bot' else 'name'}:{name.strip()}"
    return None


def is_deleted(m: dict) -> bool:
    """Whether a message was deleted (its text is gone)."""
    return bool(m.get("deleted_date")) or m.get("message_state") == "DELETED" or bool(m.get("deletion_metadata"))


def message_row(m: Any, space: Space, takeout: Takeout) -> dict[str, Any] | None:
    """The raw message row of one message; None for a record that holds nothing to read.

    Raises ``BadRecord`` for a record that is not an object or lacks a ``message_id``, a creator
    or a readable ``created_date``. Records the thread root of its ``topic_id`` (call in file order).
    """
    if not isinstance(m, dict):
        raise BadRecord("message is not a JSON object")
    raw_id, author = m.get("message_id"), person_id(m.get("creator"))
    if not isinstance(raw_id, str) or not raw_id or not author:
        raise BadRecord("message has no message_id or no creator")
    created_at = takeout_time(m.get("created_date"))
    if created_at is None:
        raise BadRecord(f"message has an unreadable created_date {m.get('created_date')!r}")
    deleted = is_deleted(m)
    files = [f for f in m.get("attached_files") or [] if isinstance(f, dict)]
    text = m.get("text") if isinstance(m.get("text"), str) else ""
    if not deleted and not text.strip() and not files and not m.get("annotations"):
        return None
    own_id = f"google_chat:{raw_id}"
    topic = m.get("topic_id") if isinstance(m.get("topic_id"), str) and m["topic_id"] else None
    root = takeout.topic_roots.setdefault((space.channel_id, topic), own_id) if topic else own_id
    updated = takeout_time(m.get("updated_date"))
    row = {
        "message_id": own_id,
        "channel_id": space.channel_id,
        "channel_name": space.name,
        "channel_kind": space.kind,
        "thread_id": root,
        "reply_to_id": root if root != own_id else None,
        "author_id": author,
        "is_bot": (m.get("creator") or {}).get("user_type") == "Bot",
        "created_at": created_at,
        "edited_at": updated if updated and updated > created_at else None,
        "is_deleted": deleted,
        "attachment_count": len(files),
    }
    row.update(_reactions(m))
    row.update({"text": "", "urls": [], "mentions": []} if deleted else _content(text, m.get("annotations"), takeout, author))
    return row


def _content(text: str, annotations: Any, takeout: Takeout, author: str) -> dict[str, Any]:
    """Text (mentioned people as ``@user`` unless names may be shown), links and mentions."""
    spans: list[tuple[int, int, str | None]] = []
    urls: list[str] = []
    for a in annotations if isinstance(annotations, list) else []:
        if not isinstance(a, dict):
            continue
        url = ((a.get("url_metadata") or {}).get("url") or {}).get(_WRAPPED_URL) if isinstance(a.get("url_metadata"), dict) else None
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            urls.append(url)
        mention = a.get("user_mention_metadata")
        if isinstance(mention, dict) and isinstance(a.get("start_index"), int) and isinstance(a.get("length"), int):
            span = _utf16_slice(text, a["start_index"], a["length"])
            everyone = mention.get("type") == "MENTION_ALL"
            found = [] if everyone else takeout.people.at_mentioned("@" + span.lstrip("@"))
            spans.append((a["start_index"], a["length"], "all" if everyone else (found[0] if found else None)))
    markup = [target for _, _, target in spans if target not in (None, "all")]
    shown = text if takeout.names_in_text else _neutral(text, spans)
    shown = tidy(shown)
    return {
        "text": shown,
        "urls": list(dict.fromkeys(urls_in(shown) + urls)),
        "mentions": takeout.people.mentions(markup, shown, author),
    }


def _neutral(text: str, spans: list[tuple[int, int, str | None]]) -> str:
    """``text`` with each mention span read ``@user`` (``@all`` for everyone), last span first."""
    units = text.encode("utf-16-le")
    for start, length, target in sorted(spans, reverse=True):
        word = "@all" if target == "all" else "@" + NEUTRAL_USER
        units = units[: 2 * start] + word.encode("utf-16-le") + units[2 * (start + length):]
    return units.decode("utf-16-le", "replace")


def _utf16_slice(text: str, start: int, length: int) -> str:
    """A span of ``text`` counted in UTF-16 code units, as Google's annotations count."""
    units = text.encode("utf-16-le")
    return units[2 * start: 2 * (start + length)].decode("utf-16-le", "replace")


def _reactions(m: dict) -> dict[str, Any]:
    """Reaction total (one per reacting person) and emoji, each once."""
    names: list[str] = []
    total = 0
    for r in m.get("reactions") or []:
        emoji = r.get("emoji") if isinstance(r, dict) else None
        if not isinstance(emoji, dict):
            continue
        custom = emoji.get("custom_emoji") if isinstance(emoji.get("custom_emoji"), dict) else {}
        name = next((v for v in (emoji.get("unicode"), custom.get("name")) if isinstance(v, str) and v), None)
        reactors = r.get("reactor_emails")
        total += len(reactors) if isinstance(reactors, list) else 1
        if name and name not in names:
            names.append(name)
    return {"reaction_count": total, "reactions": names}
