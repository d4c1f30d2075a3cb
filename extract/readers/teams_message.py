"""One Microsoft Graph ``chatMessage`` -> one raw message row (used by ``extract.readers.teams``).

Pure functions over parsed JSON; nothing here touches files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from kennismaker.extract.readers.generic_rows import BadRecord, utc_datetime
from kennismaker.extract.text import html_to_text, tidy, urls_in

# Graph channel membershipType / chat chatType -> channel kind; unknown values count as the
# more private kind, so a new Graph value never exposes a conversation by default.
MEMBERSHIP_KINDS = {"standard": "public", "private": "private", "shared": "private"}
CHAT_KINDS = {"oneOnOne": "direct", "group": "group", "meeting": "group"}
NOT_FILES = {"messageReference"}
# A quoted message in an HTML body: Teams' reply card (its itemid is the quoted message id).
QUOTE_CARD = "blockquote[itemtype='http://schema.skype.com/Reply']"
# Chat id forms (``19:{a}_{b}@unq.gbl.spaces`` one-to-one, ``19:{x}@thread.v2`` group or meeting),
# used when no chats.json gives the chat type; any other form counts as direct.
CHAT_ID_KINDS = {"@unq.gbl.spaces": "direct", "@thread.v2": "group"}


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
        """The channel or chat of a message; unknown channels are public, unknown chats take their kind from the id."""
        channel_id = (msg.get("channelIdentity") or {}).get("channelId")
        if channel_id:
            return self.channels.get(channel_id) or Container(channel_id, None, "public")
        chat_id = msg.get("chatId")
        if chat_id:
            return self.chats.get(chat_id) or Container(chat_id, None, chat_kind_of_id(chat_id))
        raise BadRecord("message has neither channelIdentity.channelId nor chatId")


def chat_kind_of_id(chat_id: str) -> str:
    """The kind of a chat from its id form: one-to-one ids end ``@unq.gbl.spaces``, group and meeting ids ``@thread.v2``."""
    return next((kind for suffix, kind in CHAT_ID_KINDS.items() if chat_id.lower().endswith(suffix)), "direct")


def graph_names(value: Any) -> Any:
    """``value`` with every object key in Graph's camelCase (``Id``, ``CreatedDateTime`` -> ``id``, ``createdDateTime``).

    Export tools serialise chatMessage with .NET's PascalCase property names; Graph's own are
    camelCase, so lower-casing the first letter of each key reads both. A document whose top-level
    keys are all camelCase already is returned as it is (one serialiser writes the whole document).
    """
    return value if _camel_case_already(value) else _renamed(value)


def _camel_case_already(value: Any) -> bool:
    """Whether a document's first object (a page's first message included) has camelCase keys only."""
    if isinstance(value, list):
        return not value or _camel_case_already(value[0])
    if not isinstance(value, dict):
        return True
    if any(isinstance(k, str) and k[:1].isupper() for k in value):
        return False
    page = value.get("value")
    return _camel_case_already(page) if isinstance(page, list) else True


def _renamed(value: Any) -> Any:
    if isinstance(value, dict):
        return {(k[:1].lower() + k[1:] if isinstance(k, str) else k): _renamed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_renamed(v) for v in value]
    return value


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


@dataclass
class Body:
    """What a message body holds: text without quoted messages, links, mentions, pictures and the quoted message id."""

    text: str
    urls: list[str]
    mentions: list[str]
    image_urls: list[str]
    image_count: int = 0
    quoted_id: str | None = None


def body_parts(msg: dict[str, Any]) -> Body:
    """Text, urls, mention ids, pictures and quoted message of the message body (HTML or text)."""
    body = msg.get("body") or {}
    content = body.get("content") or ""
    if (body.get("contentType") or "").lower() == "html":
        unquoted, quoted_id = without_quotes(content, message_references(msg))
        parsed = html_to_text(unquoted)
        return Body(parsed.text, parsed.urls, mention_ids(msg, parsed.mention_ids), parsed.image_urls, parsed.image_count, quoted_id)
    return Body(tidy(content), urls_in(content), mention_ids(msg, []), [])


def message_references(msg: dict[str, Any]) -> dict[str, str]:
    """Attachment id -> quoted message id of the ``messageReference`` attachments (a quoted reply)."""
    refs = {}
    for att in msg.get("attachments") or []:
        if isinstance(att, dict) and att.get("contentType") == "messageReference" and att.get("id"):
            refs[str(att["id"])] = _referenced_id(att)
    return refs


def _referenced_id(att: dict[str, Any]) -> str:
    """The ``messageId`` in a messageReference's JSON content, else the attachment id (Graph makes them equal)."""
    try:
        content = json.loads(att.get("content") or "{}")
    except (TypeError, ValueError):
        content = {}
    quoted = content.get("messageId") if isinstance(content, dict) else None
    return str(quoted or att["id"])


def without_quotes(html: str, references: dict[str, str]) -> tuple[str, str | None]:
    """(the HTML without quoted messages, the id of the first quoted message or None).

    A quote is an ``<attachment id>`` of a messageReference attachment or Teams' reply card
    (``<blockquote itemtype=".../Reply" itemid=...>``); its preview repeats the quoted author's
    name and words, which are not this message's text.
    """
    tree = LexborHTMLParser(html)
    quoted, removed = [], 0
    for node in tree.css("attachment"):
        ref = references.get(node.attributes.get("id") or "")
        if ref:
            quoted.append(ref)
            node.decompose()
            removed += 1
    for node in tree.css(QUOTE_CARD):
        quoted.append(node.attributes.get("itemid") or "")
        node.decompose()
        removed += 1
    first = next((q for q in quoted if q), None)
    if not removed:
        return html, first
    return (tree.body.inner_html if tree.body is not None else ""), first


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
    """(attachment count, urls of ``reference`` attachments); quoted replies are not attachments.

    Pictures pasted into the body are hosted contents, not attachments: ``message_row`` adds them.
    """
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
    body = Body("", [], [], []) if deleted else body_parts(msg)
    attachment_count, file_urls = attachment_parts(msg)
    reactions = msg.get("reactions") or []
    edited = msg.get("lastEditedDateTime")
    root = msg.get("replyToId")
    # A channel reply's replyToId is its thread root; a quoted message is what it answers.
    replied = body.quoted_id or root
    return {
        "message_id": f"teams:{where.id}:{msg['id']}",
        "channel_id": f"teams:{where.id}",
        "channel_name": where.name,
        "channel_kind": where.kind,
        "thread_id": f"teams:{where.id}:{root or msg['id']}",
        "reply_to_id": f"teams:{where.id}:{replied}" if replied else None,
        "author_id": author_id,
        "is_bot": is_bot,
        "created_at": utc_datetime(msg["createdDateTime"]),
        "edited_at": utc_datetime(edited) if edited else None,
        "is_deleted": deleted,
        "text": body.text,
        "urls": list(dict.fromkeys(body.urls + body.image_urls + ([] if deleted else file_urls))),
        "mentions": body.mentions,
        "attachment_count": 0 if deleted else attachment_count + body.image_count,
        "reaction_count": len(reactions),
        "reactions": reaction_names(reactions),
    }
