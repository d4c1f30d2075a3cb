"""Writes the classic Slack workspace export: directory JSON files plus one folder of day files per channel.

Day files are written as soon as a day is complete: a container's conversations arrive in start
order and no message precedes its conversation's start, so every day before the current
conversation's start day is final.
"""

from __future__ import annotations

import json
from pathlib import Path

from kennismaker.demo.ids import native_message_id
from kennismaker.demo.jsonl import to_json
from kennismaker.demo.model import Container, Conversation, Link, Message, Person
from kennismaker.demo.slack_directory import directory_files, folder_name
from kennismaker.demo.timeline import day_string

def escape(text: str) -> str:
    """Slack's escaping of ``&``, ``<`` and ``>`` in message text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_text(parts: list) -> str:
    """Slack mrkdwn for message parts: ``<@U123>`` mentions and ``<url|label>`` links."""
    out = []
    for part in parts:
        if type(part) is str:
            out.append(escape(part))
        elif type(part) is Link:
            out.append(f"<{part.url}|{escape(part.label)}>")
        else:
            out.append(f"<@{part.slack_id}>")
    return "".join(out)


def bot_id(bot: Person) -> str:
    """The ``B...`` id of a bot user."""
    return "B" + bot.slack_id[1:]


def _reactions(message: Message) -> list[dict]:
    merged: dict[str, list[str]] = {}
    for name, people in message.reactions:
        merged.setdefault(name, [])
        merged[name] += [p.slack_id for p in people if p.slack_id not in merged[name]]
    return [{"name": n, "users": users, "count": len(users)} for n, users in merged.items()]


def _file(message: Message) -> dict:
    file, sec = message.attachment, message.ms // 1000
    return {
        "id": file.file_id, "created": sec, "timestamp": sec, "name": file.name, "title": file.name,
        "mimetype": file.mimetype, "filetype": file.name.rsplit(".", 1)[-1], "user": message.author.slack_id,
        "size": file.size, "url_private": f"https://files.slack.com/files-pri/TWATERLAND-{file.file_id}/{file.name}",
    }


def message_dict(container: Container, message: Message) -> dict:
    """One message as Slack exports it (without thread fields)."""
    user = message.author.slack_id
    if message.system:
        return {"type": "message", "subtype": "channel_join", "user": user, "text": f"<@{user}> has joined the "
                "channel", "ts": message.native}
    out = {"type": "message"}
    if message.author.is_bot:
        out.update(subtype="bot_message", bot_id=bot_id(message.author), username=message.author.name)
    elif message.broadcast:
        out["subtype"] = "thread_broadcast"
    elif message.attachment is not None:
        out["subtype"] = "file_share"
    out.update(user=user, text=slack_text(message.parts), ts=message.native)
    if message.edited_ms:
        out["edited"] = {"user": user, "ts": native_message_id(container, message.edited_ms)}
    if message.reactions:
        out["reactions"] = _reactions(message)
    if message.attachment is not None:
        out["files"] = [_file(message)]
    return out


def _root_dict(container: Container, root: Message, replies: list[Message]) -> dict:
    if root.deleted:
        out = {"type": "message", "subtype": "tombstone", "user": "USLACKBOT", "text": "This message was deleted.",
               "hidden": True, "ts": root.native}
    else:
        out = message_dict(container, root)
    users = list(dict.fromkeys(m.author.slack_id for m in replies))
    out.update(thread_ts=root.native, reply_count=len(replies), reply_users_count=len(users),
               latest_reply=replies[-1].native, reply_users=users,
               replies=[{"user": m.author.slack_id, "ts": m.native} for m in replies])
    return out


def conversation_dicts(conv: Conversation) -> list[tuple[int, dict]]:
    """``(epoch ms, message dict)`` for every message; flat containers get no thread fields."""
    container, root = conv.container, conv.root
    if container.flat or len(conv.messages) == 1:
        return [(m.ms, message_dict(container, m)) for m in conv.messages]
    replies = conv.messages[1:]
    out = [(root.ms, _root_dict(container, root, replies))]
    for reply in replies:
        entry = message_dict(container, reply)
        entry.update(thread_ts=root.native, parent_user_id=root.author.slack_id)
        out.append((reply.ms, entry))
    return out


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


class SlackWriter:
    """Streams conversations into ``slack/``; holds at most a few days of one container in memory."""

    def __init__(self, root: Path) -> None:
        self.root = root / "slack"
        self.root.mkdir(parents=True, exist_ok=True)
        self._days: dict[str, list[tuple[int, dict]]] = {}
        self._folder: Path | None = None

    def write_directory(self, people: list[Person], containers: list[Container]) -> None:
        """``users.json``, ``channels.json``, ``groups.json``, ``dms.json`` and ``mpims.json``."""
        for name, data in directory_files(people, containers).items():
            _write_json(self.root / name, data)

    def open_container(self, container: Container) -> None:
        """Start the day files of ``container``."""
        self._folder = self.root / folder_name(container)
        self._folder.mkdir(exist_ok=True)
        self._days = {}

    def write(self, conv: Conversation) -> None:
        """Buffer a conversation's messages by day; write the days that are now complete."""
        self._flush(day_string(conv.start_ms))
        days = self._days
        for ms, entry in conversation_dicts(conv):
            days.setdefault(day_string(ms), []).append((ms, entry))

    def close_container(self, container: Container) -> None:
        """Write the remaining days of the container."""
        self._flush(None)

    def close(self) -> None:
        """Nothing is left open between containers."""

    def _flush(self, before: str | None) -> None:
        for day in sorted(self._days):
            if before is not None and day >= before:
                break
            entries = sorted(self._days.pop(day), key=lambda e: e[0])
            lines = ",\n".join(to_json(e[1]) for e in entries)
            (self._folder / f"{day}.json").write_text(f"[\n{lines}\n]\n", encoding="utf-8")

