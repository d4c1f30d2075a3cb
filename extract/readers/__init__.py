"""The reader registry: the one place where reader plugins are registered by versioned name.

A new format is one new module in this package plus one line in ``_BUILTIN``; a plugin calls
``READERS.register("my_format.v1", func=MY_READER)`` (see ``kennismaker.registry``). Short names such as
``slack`` stay as aliases of the versioned ones.
"""

from __future__ import annotations

from pathlib import Path

from kennismaker.extract.readers.base import Reader
from kennismaker.errors import UnknownFormatError
from kennismaker.registry import Registry

# versioned name -> "module:attribute"; order matters for sniffing (most specific first).
_BUILTIN: dict[str, str] = {
    "slack_export.v1": "kennismaker.extract.readers.slack:READER",
    "teams_graph.v1": "kennismaker.extract.readers.teams:READER",
    "viva_engage.v1": "kennismaker.extract.readers.yammer:READER",
    "mattermost_bulk.v1": "kennismaker.extract.readers.mattermost:READER",
    "discourse_topic.v1": "kennismaker.extract.readers.discourse:READER",
    "gitter_room.v1": "kennismaker.extract.readers.gitter:READER",
    "discord_chat_exporter.v1": "kennismaker.extract.readers.discord:READER",
    "slackdump.v1": "kennismaker.extract.readers.slackdump:READER",
    "zulip_realm.v1": "kennismaker.extract.readers.zulip:READER",
    "google_chat_takeout.v1": "kennismaker.extract.readers.google_chat:READER",
    "generic_jsonl.v1": "kennismaker.extract.readers.generic:JSONL_READER",
    "generic_csv.v1": "kennismaker.extract.readers.generic:CSV_READER",
}

ALIASES = {
    "slack": "slack_export.v1",
    "teams": "teams_graph.v1",
    "yammer": "viva_engage.v1",
    "viva_engage": "viva_engage.v1",
    "mattermost": "mattermost_bulk.v1",
    "discourse": "discourse_topic.v1",
    "discord": "discord_chat_exporter.v1",
    "gitter": "gitter_room.v1",
    "slackdump": "slackdump.v1",
    "zulip": "zulip_realm.v1",
    "google_chat": "google_chat_takeout.v1",
    "jsonl": "generic_jsonl.v1",
    "csv": "generic_csv.v1",
}


READERS = Registry("readers", "format", aliases=ALIASES, error=UnknownFormatError)
for _name, _target in _BUILTIN.items():
    READERS.register(_name, func=_target)  # "module:attribute", imported on first use


def reader_names() -> list[str]:
    """Every registered reader name, in sniffing order."""
    return READERS.names()


def get_reader(name: str) -> Reader:
    """The reader registered under ``name`` (or a short alias such as ``slack``)."""
    return READERS.get(name)


def sniff_reader(path: Path) -> Reader:
    """The first registered reader whose ``sniff`` accepts ``path``."""
    for name in reader_names():
        reader = get_reader(name)
        if reader.sniff(path):
            return reader
    raise UnknownFormatError(
        f"{path} does not look like any supported export ({', '.join(reader_names())}); "
        "pass --format NAME if you know the format."
    )


def resolve_reader(path: Path, fmt: str = "auto") -> Reader:
    """The reader for ``path``: sniffed when ``fmt`` is ``auto``, else looked up by name."""
    return sniff_reader(path) if fmt == "auto" else get_reader(fmt)
