"""The directory files of a Slack export: users, public channels, private channels, DMs and group DMs."""

from __future__ import annotations

from kennismaker.demo.model import Container, Person
from kennismaker.demo.timeline import WINDOW_START_MS

TEAM_ID = "TWATERLAND"
CREATED = WINDOW_START_MS // 1000 - 400 * 86400
PUBLIC_KINDS = ("public", "flat")


def folder_name(container: Container) -> str:
    """The export folder of a container: its name, the DM id, or the ``mpdm-a--b--c-1`` name."""
    if container.kind == "dm":
        return container.native_id
    if container.kind == "mpim":
        return mpim_name(container)
    return container.name


def mpim_name(container: Container) -> str:
    """Slack's name for a group DM, ``mpdm-a--b--c-1``."""
    return "mpdm-" + "--".join(p.handle for p in container.members) + "-1"


def user_entry(person: Person) -> dict:
    """One ``users.json`` entry."""
    profile = {"email": person.email, "real_name": person.name, "display_name": person.first,
               "title": person.job_title, "first_name": person.first, "last_name": person.last}
    if person.is_bot:
        profile["bot_id"] = "B" + person.slack_id[1:]
        del profile["email"]
    return {"id": person.slack_id, "team_id": TEAM_ID, "name": person.handle, "deleted": person.deleted,
            "real_name": person.name, "tz": "Europe/Amsterdam", "is_bot": person.is_bot, "profile": profile}


def channel_entry(container: Container) -> dict:
    """One ``channels.json`` or ``groups.json`` entry."""
    members = [p.slack_id for p in container.members]
    text = {"value": container.topic, "creator": members[0] if members else "", "last_set": CREATED}
    return {"id": container.native_id, "name": container.name, "created": CREATED,
            "creator": text["creator"], "is_archived": False, "is_general": container.name == "algemeen",
            "is_private": container.kind == "private", "members": members, "topic": text,
            "purpose": dict(text)}


def directory_files(people: list[Person], containers: list[Container]) -> dict[str, list[dict]]:
    """File name -> content of the five directory files."""
    slack = [c for c in containers if c.platform == "slack"]
    return {
        "users.json": [user_entry(p) for p in people],
        "channels.json": [channel_entry(c) for c in slack if c.kind in PUBLIC_KINDS],
        "groups.json": [channel_entry(c) for c in slack if c.kind == "private"],
        "dms.json": [{"id": c.native_id, "created": CREATED, "members": [p.slack_id for p in c.members]}
                     for c in slack if c.kind == "dm"],
        "mpims.json": [{"id": c.native_id, "name": mpim_name(c), "created": CREATED, "is_archived": False,
                        "members": [p.slack_id for p in c.members]} for c in slack if c.kind == "mpim"],
    }
