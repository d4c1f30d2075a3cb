"""Addressing typed as plain text ("@Ingrid Vermeulen", "celestine: try ...") resolved against an export's people.

People often type a colleague's name after "@" without picking them from the platform's list, or
open a message with the name of whom they answer ("Anna: dat staat op de wiki", "Hoi Bram, ...");
then the export carries no mention markup. While a reader has the export's people in memory, it
resolves such names to user ids. Only the ids are stored (pseudonymised like every author), so
flat-channel reconstruction still sees whom a reply addresses even when display names are not
stored. The text itself is left as it is.

This module is the one implementation every reader uses: a reader registers each person's names
with ``PeopleNames.add`` and asks ``PeopleNames.mentions`` for a message's mention ids (its markup
ids, then those of the names typed in its text).

* A person goes by every name registered for them, plus the forms derived from each: without a
  bracketed note ("Jan Smit (ICT)"), turned around when written "Last, First" ("Vries, Anna de"),
  and the first word of a name of several words (the first name).
* A name resolves only when exactly one person carries it; names are compared case-insensitively.
* "@Name": after one "@" the longest name (up to ``MAX_NAME_WORDS`` words) that resolves wins.
* "Name:" / "Name,": a message that opens with a name followed by a colon or comma (or " - ", or
  IRC's "nick>", or a message that is only the name) addresses that person, also after a greeting
  ("Hoi Anna, ...") and for a few names in a row ("Anna, Bram: ..."). A name followed by a bare
  space does not ("Anna heeft gelijk" is about Anna).
  Labels such as "PS:" or "Update:" never count (``extract.mention_lexicon``).
* The author's own name is not a mention.

Lookups are dictionary hits on a few candidate phrases per message, found by regular expressions
compiled once, so the cost per message does not grow with the number of people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kennismaker.extract.mention_lexicon import NOT_ADDRESSEES, OPENING_WORDS

MAX_NAME_WORDS = 5
MAX_NAME_CHARS = 160  # how far after an "@" a name may reach
MAX_ADDRESSEES = 3
MIN_FIRST_NAME = 2
AT_SIGN = re.compile(r"(?<![\w@])@(?=\w)")
# The shortest opening of a message (at most MAX_NAME_WORDS words, "@" before it allowed) followed by
# what sets off whom a message is for: "," ":" (not "://" or a time such as 10:30), " - ", ">" (IRC
# "nick> ..."), or the end of a message that is only a name. A bare space does not: "Anna heeft
# gelijk" talks about Anna, not to her.
OPENING = re.compile(
    r"\s*@?((?:[^\s,:;@]+\s+){0,%d}?[^\s,:;@]+?)\s*(?:,|:(?![/\d])|\s-\s|>|[.!?]*$)\s*" % (MAX_NAME_WORDS - 1)
)
_BRACKETED = re.compile(r"[(\[][^)\]]*[)\]]")
TRAILING = ",.:;!?)\"'"


@dataclass
class PeopleNames:
    """Names of an export's people, each mapped to the one user id that carries it (None when shared)."""

    ids: dict[str, str | None] = field(default_factory=dict)

    def add(self, user_id: str, *names: str | None) -> None:
        """Register the names ``user_id`` goes by (and their derived forms); a name two people share resolves to nobody."""
        keys = {key for n in names if isinstance(n, str) and n.strip() for key in name_keys(n)}
        for key in keys:
            if self.ids.get(key, user_id) != user_id:
                self.ids[key] = None
            else:
                self.ids[key] = user_id

    def mentions(self, markup_ids: list[str], text: str, author_id: str | None = None) -> list[str]:
        """A message's mention ids: those of the platform's markup first, then the typed names, each once."""
        return list(dict.fromkeys(markup_ids + self.mentioned(text, author_id)))

    def mentioned(self, text: str, author_id: str | None = None) -> list[str]:
        """User ids ``text`` addresses by a typed name (opening names first, then "@" names), each once, the author left out."""
        if not self.ids or not text:
            return []
        found = self.addressed(text) + self.at_mentioned(text)
        if len(found) > 1 or author_id in found:
            found = [user_id for user_id in dict.fromkeys(found) if user_id != author_id]
        return found

    def at_mentioned(self, text: str) -> list[str]:
        """User ids of the names typed after "@" in ``text``, in order of appearance."""
        found: list[str] = []
        if "@" not in text:
            return found
        for match in AT_SIGN.finditer(text):
            words = text[match.end():match.end() + MAX_NAME_CHARS].split(None, MAX_NAME_WORDS)[:MAX_NAME_WORDS]
            for n in range(len(words), 0, -1):
                user_id = self.ids.get(name_key(" ".join(words[:n])))
                if user_id:
                    found.append(user_id)
                    break
        return found

    def addressed(self, text: str) -> list[str]:
        """User ids of the names ``text`` opens with ("anna: ...", "Hoi Bram, ...", "Anna, Bram: ...")."""
        found: list[str] = []
        position = 0
        for _ in range(MAX_ADDRESSEES):
            match = OPENING.match(text, position)
            user_id = self._opening_name(match.group(1)) if match else None
            if not user_id:
                break
            found.append(user_id)
            position = match.end()
        return found

    def _opening_name(self, phrase: str) -> str | None:
        key = name_key(phrase)
        if key in NOT_ADDRESSEES:
            return None
        user_id = self.ids.get(key)
        first, _, rest = key.partition(" ")
        if user_id is None and rest and first in OPENING_WORDS:
            user_id = self.ids.get(rest.lstrip("@"))
        return user_id


def name_keys(name: str) -> set[str]:
    """The lookup keys of one name: as written, without a bracketed note, "Last, First" turned around, first word."""
    plain = " ".join(_BRACKETED.sub(" ", name).split())
    forms = {name, plain}
    last, comma, given = plain.partition(",")
    if comma and "," not in given and last.strip() and given.strip():
        plain = f"{given.strip()} {last.strip()}"
        forms.add(plain)
    words = plain.split()
    if len(words) > 1 and len(name_key(words[0])) >= MIN_FIRST_NAME:
        forms.add(words[0])
    return {key for key in map(name_key, forms) if key}


def name_key(name: str) -> str:
    """How a name is compared: trailing punctuation off, single-spaced, case-folded."""
    return " ".join(name.strip().rstrip(TRAILING).split()).casefold()
