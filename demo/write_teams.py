"""Writes Microsoft Graph shaped Teams data: channels, chats, users and chatMessages as JSON lines."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from kennismaker.demo.html_text import html_paragraph
from kennismaker.demo.jsonl import to_json
from kennismaker.demo.model import Container, Conversation, Message, Person
from kennismaker.demo.timeline import HOUR_MS, WINDOW_START_MS, iso_ms

REACTION_TYPES = {"white_check_mark": "like", "+1": "like", "heart": "heart", "tada": "heart", "joy": "laugh",
                  "clap": "like", "eyes": "surprised", "bookmark": "like"}
CHANNEL_KINDS = ("standard", "private")
SITE = "https://waterland.sharepoint.com/sites/WaterlandServices/Gedeelde%20documenten/"


def identity(person: Person) -> dict:
    """The Graph ``from`` identity of a user or, for bots, an application."""
    if person.is_bot:
        return {"application": {"id": person.teams_id, "displayName": person.name,
                                "applicationIdentityType": "bot"}, "device": None, "user": None}
    return {"application": None, "device": None, "user": {"id": person.teams_id, "displayName": person.name,
                                                           "userIdentityType": "aadUser"}}


def teams_html(parts: list) -> tuple[str, list[dict]]:
    """HTML body content with ``<at id="n">`` mentions and ``<a href>`` links, plus the mentions list."""
    mentions: list[dict] = []

    def at(person: Person) -> str:
        mentions.append({"id": len(mentions), "mentionText": person.name, "mentioned": identity(person)})
        return f'<at id="{len(mentions) - 1}">{escape(person.name, quote=False)}</at>'

    return html_paragraph(parts, at), mentions


def _reactions(message: Message) -> list[dict]:
    return [{"reactionType": REACTION_TYPES.get(name, "like"), "createdDateTime": iso_ms(message.ms + 60_000 * (i + 1)),
             "user": {"application": None, "device": None,
                      "user": {"id": p.teams_id, "displayName": None, "userIdentityType": "aadUser"}}}
            for name, people in message.reactions for i, p in enumerate(people)]


def _system_event(message: Message) -> dict:
    person = message.author
    return {"@odata.type": "#microsoft.graph.membersAddedEventMessageDetail", "visibleHistoryStartDateTime":
            "0001-01-01T00:00:00Z", "members": [{"id": person.teams_id, "displayName": person.name,
                                                "userIdentityType": "aadUser"}], "initiator": identity(person)}


def _content(message: Message) -> tuple[str, list[dict], list[dict]]:
    if message.system:
        return "<systemEventMessage/>", [], []
    if message.deleted:
        return "", [], []
    html, mentions = teams_html(message.parts)
    attachments = []
    if message.attachment is not None:
        file = message.attachment
        attachment_id = f"{file.file_id[1:9].lower()}-0000-4000-8000-{file.file_id[1:].lower():0>12}"
        html += f'<attachment id="{attachment_id}"></attachment>'
        attachments.append({"id": attachment_id, "contentType": "reference", "contentUrl": SITE + file.name,
                            "content": None, "name": file.name, "thumbnailUrl": None})
    return html, mentions, attachments


def chat_message(conv: Conversation, message: Message) -> dict:
    """One Graph ``chatMessage`` for a message of a channel or chat conversation."""
    container, root = conv.container, conv.root
    is_channel = container.kind in CHANNEL_KINDS
    html, mentions, attachments = _content(message)
    deleted = iso_ms(message.ms + 2 * HOUR_MS) if message.deleted else None
    edited = iso_ms(message.edited_ms) if message.edited_ms else None
    return {
        "id": message.native,
        "replyToId": root.native if is_channel and message is not root else None,
        "etag": message.native,
        "messageType": "systemEventMessage" if message.system else "message",
        "createdDateTime": iso_ms(message.ms),
        "lastModifiedDateTime": deleted or edited or iso_ms(message.ms),
        "lastEditedDateTime": edited,
        "deletedDateTime": deleted,
        "subject": None,
        "summary": None,
        "chatId": None if is_channel else container.native_id,
        "importance": "normal",
        "locale": "en-us",
        "from": None if message.system else identity(message.author),
        "body": {"contentType": "html", "content": html},
        "channelIdentity": {"teamId": container.team_id, "channelId": container.native_id} if is_channel else None,
        "attachments": attachments,
        "mentions": mentions,
        "reactions": _reactions(message),
        "eventDetail": _system_event(message) if message.system else None,
    }


def _containers_file(containers: list[Container]) -> tuple[dict, dict]:
    created = iso_ms(WINDOW_START_MS - 200 * 24 * HOUR_MS)
    channels = [{"id": c.native_id, "displayName": c.name, "description": c.topic or None,
                 "membershipType": c.kind, "teamId": c.team_id, "createdDateTime": created}
                for c in containers if c.kind in CHANNEL_KINDS]
    chats = [{"id": c.native_id, "chatType": c.kind, "topic": c.name if c.kind == "group" else None,
              "createdDateTime": created,
              "members": [{"userId": p.teams_id, "displayName": p.name, "email": p.email} for p in c.members]}
             for c in containers if c.kind not in CHANNEL_KINDS]
    return {"value": channels}, {"value": chats}


class TeamsWriter:
    """Streams Teams messages into ``teams/messages.jsonl``."""

    def __init__(self, root: Path) -> None:
        self.root = root / "teams"
        self.root.mkdir(parents=True, exist_ok=True)
        self._out = (self.root / "messages.jsonl").open("w", encoding="utf-8", newline="\n")

    def write_directory(self, people: list[Person], containers: list[Container]) -> None:
        """``channels.json``, ``chats.json`` and ``users.json`` (Graph ``{"value": [...]}`` lists)."""
        channels, chats = _containers_file([c for c in containers if c.platform == "teams"])
        users = {"value": [{"id": p.teams_id, "displayName": p.name, "mail": p.email, "userPrincipalName":
                            p.email, "jobTitle": p.job_title} for p in people if not p.is_bot]}
        for name, data in (("channels.json", channels), ("chats.json", chats), ("users.json", users)):
            (self.root / name).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def open_container(self, container: Container) -> None:
        """Nothing to prepare: all containers share one JSON lines file."""

    def write(self, conv: Conversation) -> None:
        """Append the conversation's messages, one JSON object per line."""
        self._out.write("".join(to_json(chat_message(conv, m)) + "\n"
                                for m in conv.messages))

    def close_container(self, container: Container) -> None:
        """Nothing to finish per container."""

    def close(self) -> None:
        """Close ``messages.jsonl``."""
        self._out.close()
