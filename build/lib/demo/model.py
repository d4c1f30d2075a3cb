"""Plain data types shared by the demo generator: people, containers, messages, conversations.

A message's text is a list of *parts*: plain ``str`` pieces, :class:`Person` (an @mention) and
:class:`Link`. Each writer renders the parts in its own markup (Slack mrkdwn, Teams HTML,
Viva Engage plain text), so the content modules never know about formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


class Link(NamedTuple):
    """A hyperlink inside a message text."""

    url: str
    label: str


class Attachment(NamedTuple):
    """A file attached to a message."""

    file_id: str
    name: str
    mimetype: str
    size: int


@dataclass(slots=True, eq=False)
class Person:
    """One member of the fictional organisation (or a bot), with an id per platform."""

    index: int
    first: str
    last: str
    handle: str
    email: str
    job_title: str
    international: bool
    slack_id: str = ""
    teams_id: str = ""
    yammer_id: str = ""
    is_bot: bool = False
    deleted: bool = False
    expert_subjects: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The display name, e.g. ``Sanne de Vries``."""
        return f"{self.first} {self.last}".strip()


@dataclass(slots=True, eq=False)
class Container:
    """A channel, group, chat or DM on one platform.

    ``kind`` is platform specific: Slack ``public``/``private``/``dm``/``mpim``; Teams
    ``standard``/``private``/``oneOnOne``/``group``; Viva Engage ``public_group``/``private_group``/
    ``conversation``. ``flat`` containers have no threads: replies are top-level messages.
    """

    key: str
    platform: str
    name: str
    kind: str
    private: bool
    flat: bool
    subjects: tuple[str, ...]
    kind_weights: tuple[tuple[str, float], ...]
    share: float
    topic: str = ""
    native_id: str = ""
    team_id: str = ""
    slot: int = 0
    members: list[Person] = field(default_factory=list)
    bots: list[Person] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Message:
    """One planted message; times are epoch milliseconds (UTC), unique within the container."""

    author: Person
    kind: str
    lang: str
    parts: list
    parent: int | None
    ms: int
    native: str = ""
    reactions: list = field(default_factory=list)
    earlier_parts: list | None = None
    edited_ms: int = 0
    deleted: bool = False
    attachment: Attachment | None = None
    broadcast: bool = False
    system: bool = False


@dataclass(slots=True, eq=False)
class Conversation:
    """A root message with everything that replies to it (or, in flat containers, answers it)."""

    container: Container
    kind: str
    lang: str
    subject: str | None
    family_id: str | None
    start_ms: int
    messages: list[Message]
    asker: Person | None = None

    @property
    def root(self) -> Message:
        """The first message of the conversation."""
        return self.messages[0]


@dataclass(frozen=True, slots=True)
class Family:
    """One underlying question, asked repeatedly with paraphrased variants in Dutch and English."""

    slug: str
    nl: tuple[str, ...]
    en: tuple[str, ...]
    answer_nl: str
    answer_en: str
    link: tuple[str, str]


@dataclass(frozen=True, slots=True)
class Subject:
    """A subject area with its own vocabulary, question families and generic texts."""

    name: str
    families: tuple[Family, ...]
    short_nl: tuple[str, ...]
    short_en: tuple[str, ...]
    followup_nl: tuple[str, ...]
    followup_en: tuple[str, ...]
    news_nl: tuple[str, ...]
    news_en: tuple[str, ...]
    links: tuple[tuple[str, str], ...]

    def family_id(self, family: Family) -> str:
        """The stable id of one of this subject's families, ``subject/slug``."""
        return f"{self.name}/{family.slug}"
