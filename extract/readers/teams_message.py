"""One Microsoft Graph ``chatMessage`` -> one raw message row (used by ``extract.readers.teams``).

Pure functions over parsed JSON; nothing here touches files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extract.readers.generic_rows import BadRecord, utc_datetime
from extract.text import html_to_text, tidy, urls_in

# Graph channel membershipType / chat chatType -> channel kind; unknown values count as the
# more private kind, so a new Graph value never exposes a conversation by default.
MEMBERSHIP_KINDS = {"standard": "public", "private": "private", "shared": "private"}
CHAT_KINDS = {"oneOnOne": "direct", "group": "group", "meeting": "group"}
NOT_FILES = {"messageReference"}


@dataclass(frozen=True)
class Container:
    """Where a message was posted: a channel or a chat."""

    id: str
    name: str | None
    kind: str


@dataclass
class Containers:
    """Known channels and chats (from ``channels.json`` / ``chats.json``), by Graph id."""

    channels: dict[str, Container]
    chats: dict[str, Container]

    def of(self, msg: dict[str, Any]) -> Container:
        """The channel or chat of a message; unknown channels are public, unknown chats direct."""
        channel_id = (msg.get("channelIdentity") or {}).get("channelId")
        if channel_id:
            return self.channels.get(channel_id) or Container(channel_id, None, "public")
        chat_id = msg.get("chatId")
        if chat_id:
            return self.chats.get(chat_id) or Container(chat_id, None, "direct")
        raise BadRecord("message has neither channelIdentity.channelId nor chatId")


def channel_container(item: dict[str, Any]) -> Container:
    """A ``channels.json`` entry (Graph channel) as a container."""
    kind = MEMBERSHIP_KINDS.get(item.get("membershipType") or "standard", "private")
    return Container(item["id"], item.get("displayName"), kind)


def chat_container(item: dict[str, Any]) -> Container:
    """A ``chats.json`` entry (Graph chat) as a container."""
    return Container(item["id"], item.get("topic"), CHAT_KINDS.get(item.get("chatType") or "", "direct"))


def identity(ident: dict[str, Any] | None) -> tuple[str | None, str | None, bool]:
    """(source-qualified id, display name, is_bot) of a Graph identitySet (user before application)."""
    ident = ident or {}
    user, app = ident.get("user"), ident.get("application")
    if user and user.get("id"):
        return f"teams:{user['id']}", user.get("displayName"), False
    if app and app.get("id"):
        return f"teams:{app['id']}", app.get("displayName"), True
    return None, None, bool(app)


def mention_ids(msg: dict[str, Any], order: list[str]) -> list[str]:
    """User ids of the message's mentions: ``<at id>`` order in the body first, then the rest."""
    by_key = {}
    for m in msg.get("mentions") or []:
        user_id, _name, _bot = identity(m.get("mentioned"))
        if user_id:
            by_key[str(m.get("id"))] = user_id
    ordered = [by_key[k] for k in order if k in by_key] + list(by_key.values())
    return list(dict.fromkeys(ordered))


def body_parts(msg: dict[str, Any]) -> tuple[str, list[str], list[str]]:
    """(plain text, urls, mention ids) of the message body (HTML or text)."""
    body = msg.get("body") or {}
    content = body.get("content") or ""
    if (body.get("contentType") or "").lower() == "html":
        parsed = html_to_text(content)
        return parsed.text, parsed.urls, mention_ids(msg, parsed.mention_ids)
    return tidy(content), urls_in(content), mention_ids(msg, [])


def reaction_names(reactions: list[dict[str, Any]]) -> list[str]:
    """Distinct reaction names in order (``like``, ``checkmark``; an emoji's displayName when given)."""
    names = []
    for r in reactions:
        name = r.get("reactionType")
        if name and not name.isascii() and r.get("displayName"):
            name = r["displayName"].lower()
        if name and name not in names:
            names.append(name)
    return names


def attachment_parts(msg: dict[str, Any]) -> tuple[int, list[str]]:
    """(attachment count, urls of ``reference`` attachments); quoted replies are not attachments."""
    files = [a for a in msg.get("attachments") or [] if a.get("contentType") not in NOT_FILES]
    urls = [a["contentUrl"] for a in files if a.get("contentType") == "reference" and a.get("contentUrl")]
    return len(files), urls


def _is_post(msg: Any) -> bool:
    """Whether a record is a post (not a system event); ``BadRecord`` when it cannot be loaded."""
    if not isinstance(msg, dict):
        raise BadRecord("record is not a JSON object")
    if (msg.get("messageType") or "message") != "message":
        return False
    if not msg.get("id"):
        raise BadRecord("missing id")
    if not msg.get("createdDateTime"):
        raise BadRecord("missing createdDateTime")
    return True


def message_row(msg: Any, containers: Containers) -> dict[str, Any] | None:
    """The raw row of a Graph chatMessage; None when it is not a post (system events).

    Raises ``BadRecord`` for a record that cannot be loaded (no id, no or bad timestamp).
    """
    if not _is_post(msg):
        return None
    where = containers.of(msg)
    author_id, _name, is_bot = identity(msg.get("from"))
    deleted = bool(msg.get("deletedDateTime"))
    text, urls, mentions = ("", [], []) if deleted else body_parts(msg)
    attachment_count, file_urls = attachment_parts(msg)
    reactions = msg.get("reactions") or []
    edited = msg.get("lastEditedDateTime")
    root = msg.get("replyToId")
    return {
        "message_id": f"teams:{where.id}:{msg['id']}",
        "channel_id": f"teams:{where.id}",
        "channel_name": where.name,
        "channel_kind": where.kind,
        "thread_id": f"teams:{where.id}:{root or msg['id']}",
        "reply_to_id": f"teams:{where.id}:{root}" if root else None,
        "author_id": author_id,
        "is_bot": is_bot,
        "created_at": utc_datetime(msg["createdDateTime"]),
        "edited_at": utc_datetime(edited) if edited else None,
        "is_deleted": deleted,
        "text": text,
        "urls": list(dict.fromkeys(urls + ([] if deleted else file_urls))),
        "mentions": mentions,
        "attachment_count": 0 if deleted else attachment_count,
        "reaction_count": len(reactions),
        "reactions": reaction_names(reactions),
    }
