"""Writes a Viva Engage (Yammer) network data export: Messages.csv, Users.csv and Groups.csv.

Files are UTF-8 with a byte-order mark and RFC 4180 quoting (CRLF rows, newlines kept inside
quoted bodies). An edited message appears once per version with the same id, oldest first.
"""

from __future__ import annotations

import csv
from html import escape
from pathlib import Path

from kennismaker.demo.html_text import html_paragraph
from kennismaker.demo.model import Container, Conversation, Link, Message, Person
from kennismaker.demo.timeline import HOUR_MS, yammer_time

MESSAGE_COLUMNS = (
    "id", "replied_to_id", "parent_id", "thread_id", "conversation_id", "group_id", "group_name", "participants",
    "in_private_group", "in_private_conversation", "sender_id", "sender_type", "sender_name", "sender_email",
    "body", "delegate_id", "api_url", "attachments", "deleted_by_id", "deleted_by_type", "created_at",
    "deleted_at", "title", "html_body", "message_type", "gdpr_delete_url",
)
USER_COLUMNS = ("id", "name", "email", "job_title", "state")
GROUP_COLUMNS = ("id", "name", "description", "private")
API = "https://www.yammer.com/api/v1/messages/"


def yammer_body(parts: list) -> str:
    """Plain-text body with ``[[user:123]]`` mentions and bare URLs."""
    out = []
    for part in parts:
        if type(part) is str:
            out.append(part)
        elif type(part) is Link:
            out.append(part.url)
        else:
            out.append(f"[[user:{part.yammer_id}]]")
    return "".join(out)


def yammer_html(parts: list) -> str:
    """The HTML body of a message that contains links (empty for plain messages)."""
    if not any(type(p) is Link for p in parts):
        return ""
    return html_paragraph(parts, lambda person: f'<span class="yj-message-mention">{escape(person.name, quote=False)}</span>')


def attachments_cell(message: Message) -> str:
    """``uploadedfile:123`` for files and ``opengraphobject:[url : Title]`` for shared links."""
    cells = [f"opengraphobject:[{p.url} : {p.label}]" for p in message.parts if type(p) is Link]
    if message.attachment is not None:
        cells.append(f"uploadedfile:{int(message.attachment.file_id[1:], 16) % 1_000_000_000}")
    return ",".join(cells)


def message_type(conv: Conversation, message: Message) -> str:
    """``question``/``announcement``/``praise`` for some thread starters, ``update`` otherwise."""
    if message is not conv.root:
        return "update"
    marker = int(message.native) % 10
    if conv.kind == "question" and marker < 3:
        return "question"
    if conv.kind == "other" and conv.subject is not None and marker < 4:
        return "announcement"
    if conv.kind == "social" and any(isinstance(p, Person) for p in message.parts):
        return "praise"
    return "update"


def message_row(conv: Conversation, message: Message, parts: list) -> list[str]:
    """The CSV row of one version (``parts``) of a message, in :data:`MESSAGE_COLUMNS` order."""
    container, root = conv.container, conv.root
    private_conv = container.kind == "conversation"
    parent = "" if message.parent is None else conv.messages[message.parent].native
    author, deleted, native = message.author, message.deleted, message.native
    return [
        native, parent, "" if message is root else root.native, root.native,
        container.native_id if private_conv else "", "" if private_conv else container.native_id,
        "" if private_conv else container.name,
        ",".join(f"user:{p.yammer_id}" for p in container.members) if private_conv else "",
        "true" if container.kind == "private_group" else "false", "true" if private_conv else "false",
        author.yammer_id, "user", author.name, author.email, yammer_body(parts), "", API + native,
        attachments_cell(message), author.yammer_id if deleted else "", "user" if deleted else "",
        yammer_time(message.ms), yammer_time(message.ms + 2 * HOUR_MS) if deleted else "", "",
        yammer_html(parts), message_type(conv, message), API + native + "/gdpr_delete",
    ]


def message_rows(conv: Conversation) -> list[list[str]]:
    """CSV rows for a conversation; an edited message gets its earlier version's row first."""
    rows = []
    for message in conv.messages:
        if message.earlier_parts is not None:
            rows.append(message_row(conv, message, message.earlier_parts))
        rows.append(message_row(conv, message, message.parts))
    return rows


def _csv_writer(path: Path):
    handle = path.open("w", encoding="utf-8-sig", newline="")
    return handle, csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")


class YammerWriter:
    """Streams rows into ``yammer/Messages.csv``."""

    def __init__(self, root: Path) -> None:
        self.root = root / "yammer"
        self.root.mkdir(parents=True, exist_ok=True)
        self._handle, self._csv = _csv_writer(self.root / "Messages.csv")
        self._csv.writerow(MESSAGE_COLUMNS)

    def write_directory(self, people: list[Person], containers: list[Container]) -> None:
        """``Users.csv`` and ``Groups.csv``."""
        handle, out = _csv_writer(self.root / "Users.csv")
        out.writerow(USER_COLUMNS)
        out.writerows([p.yammer_id, p.name, p.email, p.job_title, "soft_delete" if p.deleted else "active"]
                      for p in people if not p.is_bot)
        handle.close()
        handle, out = _csv_writer(self.root / "Groups.csv")
        out.writerow(GROUP_COLUMNS)
        out.writerows([c.native_id, c.name, c.topic, "true" if c.private else "false"]
                      for c in containers if c.platform == "yammer" and c.kind != "conversation")
        handle.close()

    def open_container(self, container: Container) -> None:
        """Nothing to prepare: all groups share one Messages.csv."""

    def write(self, conv: Conversation) -> None:
        """Append the conversation's rows."""
        self._csv.writerows(message_rows(conv))

    def close_container(self, container: Container) -> None:
        """Nothing to finish per container."""

    def close(self) -> None:
        """Close ``Messages.csv``."""
        self._handle.close()
