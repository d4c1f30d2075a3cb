"""Reader for Slack's classic workspace export (``slack_export.v1``), a zip or its folder.

The export holds ``users.json``, the conversation lists ``channels.json`` (public),
``groups.json`` (private), ``mpims.json`` (group chats) and ``dms.json`` (direct messages), and
one folder per conversation of ``YYYY-MM-DD.json`` day files. Public and private channel and
group-chat folders are named by the conversation name, direct-message folders by their id.
Day files are read one at a time; a folder that no list names is treated as private.
A ``<@U...>`` mention reads as the user's name only when display names may be stored
(``names_in_text``); otherwise it reads ``@user`` and the id stays in ``mentions``.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa

from kennismaker.extract.readers.base import RawBatches, ReadContext, json_file
from kennismaker.extract.readers.slack_message import BadRecord, Channel, Workspace, message_row, registered_person
from kennismaker.extract.tree import ExportTree
from kennismaker.errors import NotAnExportError

_DAY_FILE = re.compile(r"^([^/]+)/\d{4}-\d{2}-\d{2}\.json$")
# (list file, kind, key naming the folder); later lists win, so a name that is also private stays private.
_LISTS = (
    ("channels.json", "public", "name"),
    ("groups.json", "private", "name"),
    ("mpims.json", "group", "name"),
    ("dms.json", "direct", "id"),
)
_NAMED_KINDS = ("public", "private")


class SlackExportReader:
    """The ``slack_export.v1`` reader plugin."""

    name = "slack_export.v1"
    source = "slack"

    def sniff(self, path: Path) -> bool:
        """Whether ``path`` is a Slack export: a folder or zip with ``channels.json`` (or ``users.json`` and day files)."""
        try:
            with ExportTree(Path(path)) as tree:
                if not (tree.is_zip or Path(path).is_dir()):
                    return False
                names = tree.names()
                if "channels.json" in names and not _starts_with_list(tree, "channels.json"):
                    return False  # e.g. a Teams folder whose channels.json is a Graph {"value": [...]} page
                return _is_slack(names)
        except Exception:
            return False

    def read(self, path: Path, ctx: ReadContext) -> Iterator[pa.RecordBatch]:
        """Stream people, channels, messages and quarantined records of the export."""
        out = RawBatches(self.source, ctx.batch_size)
        with ExportTree(path, ctx.limits) as tree:
            names = tree.names()
            if not _is_slack(names):
                raise NotAnExportError(
                    f"{path} is not a Slack workspace export (no channels.json); pass the zip from "
                    "Slack's export page, or the folder it unpacks to, or choose another --format."
                )
            ws = Workspace(names_in_text=names_in_text(ctx))
            present = set(names)
            yield from _people(tree, present, ws, out)
            folders = yield from _conversations(tree, present, ws, out)
            for folder, days in itertools.groupby((n for n in names if _DAY_FILE.match(n)), key=_folder):
                channel = folders.get(folder)
                if channel is None:
                    channel = Channel(f"slack:{folder}", folder, "private")
                    yield from out.channel(channel.channel_id, channel.name, channel.kind)
                for day in days:
                    yield from _day_messages(tree, day, channel, ws, out)
        yield from out.flush()


def names_in_text(ctx: ReadContext) -> bool:
    """Whether mentioned users may be named in the text: ``privacy.store_display_names``, which the
    loader puts on the read context (off by default, the strict setting)."""
    return ctx.store_display_names


def _starts_with_list(tree: ExportTree, name: str) -> bool:
    """Whether a JSON file is a top-level array (Slack's lists are; Graph pages are objects)."""
    with tree.open(name) as fh:
        head = fh.read(256).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"[")


def _is_slack(names: list[str]) -> bool:
    return "channels.json" in names or ("users.json" in names and any(_DAY_FILE.match(n) for n in names))


def _folder(name: str) -> str:
    return name.split("/", 1)[0]



def _json_list(tree: ExportTree, present: set[str], name: str, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """The objects of the JSON array in ``name`` ([] when absent; quarantined and [] when not an array)."""
    if name not in present:
        return []
    data = yield from json_file(tree, name, out)
    if data is None:
        return []
    if not isinstance(data, list):
        yield from out.quarantine(tree.describe(name), 0, "file is not a JSON array", str(data))
        return []
    return [item for item in data if isinstance(item, dict)]


def _people(tree: ExportTree, present: set[str], ws: Workspace, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """People rows from ``users.json``; fills the workspace's names and bot users."""
    for user in (yield from _json_list(tree, present, "users.json", out)):
        person = registered_person(user, ws)
        if person is not None:
            yield from out.person(*person)


def _conversations(tree: ExportTree, present: set[str], ws: Workspace, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """Channel rows from the four conversation lists; returns folder name -> Channel."""
    folders: dict[str, Channel] = {}
    for list_name, kind, folder_key in _LISTS:
        for conv in (yield from _json_list(tree, present, list_name, out)):
            cid, folder = conv.get("id"), conv.get(folder_key)
            if not isinstance(cid, str) or not isinstance(folder, str):
                continue
            # Group chat and DM names are made of user names: not stored.
            name = conv.get("name") if kind in _NAMED_KINDS else None
            if name:
                ws.channel_names[cid] = name
            folders[folder] = Channel(f"slack:{cid}", name, kind)
    for channel in folders.values():
        yield from out.channel(channel.channel_id, channel.name, channel.kind)
    return folders


def _day_messages(tree: ExportTree, name: str, channel: Channel, ws: Workspace, out: RawBatches) -> Iterator[pa.RecordBatch]:
    """Message rows of one day file; bad entries are quarantined, system events skipped."""
    where = tree.describe(name)
    data = yield from json_file(tree, name, out)
    if data is None:
        return
    if not isinstance(data, list):
        yield from out.quarantine(where, 0, "day file is not a JSON array", str(data))
        return
    for position, entry in enumerate(data):
        try:
            row = message_row(entry, channel, ws)
        except BadRecord as exc:
            yield from out.quarantine(where, position, str(exc), json.dumps(entry, ensure_ascii=False))
            continue
        if row is not None:
            yield from out.message(raw_ref=f"{where}#{position}", **row)


READER = SlackExportReader()
