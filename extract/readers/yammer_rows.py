"""One row of a Viva Engage ``Messages.csv`` -> one raw message row (used by ``extract.readers.yammer``).

Pure functions over the row dict (keyed by header); nothing here touches files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kennismaker.extract.readers.generic_rows import BadRecord, parse_bool, utc_datetime
from kennismaker.extract.text import html_to_text, tidy, urls_in
from kennismaker.extract.typed_mentions import PeopleNames

REQUIRED = ("id", "created_at")
BODY_COLUMNS = ("body", "html_body")
NOT_POSTS = {"system"}
ALL_COMPANY = ("yammer:all-company", "All Company")
_MARKUP = re.compile(r"\[\[(user|group):(\d+)\]\]")
_ATTACHMENT_KINDS = re.compile(r"(uploadedfile|opengraphobject):")
_DIGITS = re.compile(r"\d+")


@dataclass
class Lookups:
    """What Users.csv and Groups.csv tell about ids: user names, group names, private groups, typed names."""

    user_names: dict[str, str] = field(default_factory=dict)
    people: PeopleNames = field(default_factory=PeopleNames)
    group_names: dict[str, str] = field(default_factory=dict)
    private_groups: set[str] = field(default_factory=set)


def missing_columns(header: list[str]) -> list[str]:
    """Required Messages.csv columns absent from ``header`` (``body`` counts when ``html_body`` is there)."""
    missing = [c for c in REQUIRED if c not in header]
    if not any(c in header for c in BODY_COLUMNS):
        missing.append(" or ".join(BODY_COLUMNS))
    return missing


def text_and_mentions(row: dict[str, str], lookups: Lookups) -> tuple[str, list[str], list[str]]:
    """(plain text, urls, mentioned user ids); ``[[user:123]]`` becomes ``@Name``, typed names count too."""
    body, urls = row.get("body") or "", []
    if not body.strip() and row.get("html_body"):
        parsed = html_to_text(row["html_body"])
        body, urls = parsed.text, parsed.urls
    mentions: list[str] = []

    def replace(match: re.Match) -> str:
        kind, ident = match.groups()
        if kind == "group":
            return lookups.group_names.get(ident, "a group")
        mentions.append(f"yammer:{ident}")
        return "@" + lookups.user_names.get(ident, "unknown")

    text = tidy(_MARKUP.sub(replace, body))
    title = (row.get("title") or "").strip()
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}" if text else title
    mentions = lookups.people.mentions(mentions, text, _qualified(row.get("sender_id")))
    return text, list(dict.fromkeys(urls + urls_in(text))), mentions


def attachment_parts(value: str | None) -> tuple[int, list[str]]:
    """(uploaded file count, shared-link urls) of the ``attachments`` column."""
    pieces = _ATTACHMENT_KINDS.split(value or "")
    count, urls = 0, []
    for kind, rest in zip(pieces[1::2], pieces[2::2]):
        if kind == "uploadedfile":
            count += 1
        else:
            urls += urls_in(rest)
    return count, urls


def channel_of(row: dict[str, str], lookups: Lookups) -> tuple[str, str | None, str]:
    """(channel id, name, kind): a private conversation, a group or the All Company feed."""
    if parse_bool(row.get("in_private_conversation")):
        people = set(_DIGITS.findall(row.get("participants") or ""))
        conversation = row.get("conversation_id") or row.get("thread_id") or row["id"]
        return f"yammer:conversation:{conversation}", None, "group" if len(people) >= 3 else "direct"
    private = parse_bool(row.get("in_private_group"))
    group = (row.get("group_id") or "").strip()
    if not group:
        channel_id, name = ALL_COMPANY
        return channel_id, name, "private" if private else "public"
    private = private or group in lookups.private_groups
    name = row.get("group_name") or lookups.group_names.get(group)
    return f"yammer:group:{group}", name, "private" if private else "public"


def _qualified(value: str | None) -> str | None:
    value = (value or "").strip()
    return f"yammer:{value}" if value else None


def message_row(row: dict[str, str], lookups: Lookups) -> dict[str, Any] | None:
    """The raw row of a Messages.csv row; None for system messages (not posts).

    Raises ``BadRecord`` for a row that cannot be loaded (no id, no or bad timestamp).
    """
    if (row.get("message_type") or "").strip().lower() in NOT_POSTS:
        return None
    mid = (row.get("id") or "").strip()
    if not mid:
        raise BadRecord("missing id")
    if not (row.get("created_at") or "").strip():
        raise BadRecord("missing created_at")
    channel_id, channel_name, kind = channel_of(row, lookups)
    deleted = bool((row.get("deleted_at") or "").strip() or (row.get("deleted_by_id") or "").strip())
    text, urls, mentions = ("", [], []) if deleted else text_and_mentions(row, lookups)
    files, links = (0, []) if deleted else attachment_parts(row.get("attachments"))
    return {
        "message_id": f"yammer:{mid}",
        "channel_id": channel_id,
        "channel_name": channel_name,
        "channel_kind": kind,
        "thread_id": _qualified(row.get("thread_id")) or f"yammer:{mid}",
        "reply_to_id": _qualified(row.get("replied_to_id")),
        "author_id": _qualified(row.get("sender_id")),
        "is_bot": is_bot_sender(row.get("sender_type")),
        "created_at": utc_datetime(row["created_at"]),
        "is_deleted": deleted,
        "text": text,
        "urls": list(dict.fromkeys(urls + links)),
        "mentions": mentions,
        "attachment_count": files,
    }


def is_bot_sender(sender_type: str | None) -> bool:
    """Whether a ``sender_type`` is not a person (empty counts as a person)."""
    return (sender_type or "user").strip().lower() not in ("user", "")
