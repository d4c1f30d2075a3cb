"""Mentions typed as plain text ("@Ingrid Vermeulen", "@Priya") resolved against an export's people.

People often type a colleague's name after "@" without picking them from the platform's list, and
then the export carries no mention markup. While a reader has the export's user list in memory, it
resolves such names to user ids. Only the ids are stored (pseudonymised like every author), so flat
channel reconstruction still sees whom a reply addresses even when display names are not stored.

A name resolves when exactly one person carries it (full name, display name, first name or user
name, compared case-insensitively); after one "@" the longest name that resolves wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_NAME_WORDS = 5
_AT = re.compile(r"(?<![\w@])@(?=\w)")
_TRAILING = ",.:;!?)\"'"


@dataclass
class PeopleNames:
    """Names of an export's people, each mapped to the one user id that carries it (None when shared)."""

    ids: dict[str, str | None] = field(default_factory=dict)

    def add(self, user_id: str, *names: str | None) -> None:
        """Register the names ``user_id`` goes by; a name two people share resolves to nobody."""
        for key in {_key(n) for n in names if isinstance(n, str) and n.strip()}:
            if key and self.ids.get(key, user_id) != user_id:
                self.ids[key] = None
            else:
                self.ids[key] = user_id

    def mentioned(self, text: str) -> list[str]:
        """User ids of the names typed after "@" in ``text``, in order of appearance."""
        found: list[str] = []
        if not self.ids or "@" not in text:
            return found
        for match in _AT.finditer(text):
            words = text[match.end():].split(None, MAX_NAME_WORDS)[:MAX_NAME_WORDS]
            for n in range(len(words), 0, -1):
                user_id = self.ids.get(_key(" ".join(words[:n])))
                if user_id:
                    if user_id not in found:
                        found.append(user_id)
                    break
        return found


def _key(name: str) -> str:
    return " ".join(name.strip().rstrip(_TRAILING).split()).casefold()
