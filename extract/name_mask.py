"""Names of known people masked in exported text, found through keyed hashes only.

The store never holds a name when display names are off: ``person_names`` keeps the keyed hash
of every name (and derived form, ``extract.typed_mentions.name_keys``) each person goes by. To
mask a text, candidate phrases are normalised (``name_key``), hashed with the same key and looked
up. Three places are candidates, as in ``extract.typed_mentions``:

* after an "@": the longest phrase of up to ``MAX_NAME_WORDS`` words that is a known name, a
  first name alone included ("@Femke de Haan", "@Priya");
* the names a message opens with ("Femke: ...", "Hoi Femke, ...", "Anna, Bram: ...");
* anywhere else, a known name of two words or more ("Groet, Femke de Haan"). A first name alone in
  running text is left: too many of them are ordinary words ("Floor", "Roos", "Mark").

Each found name becomes its replacement: the pseudonym of the one person who carries it when
person-level output is on, else ``NAME_PLACEHOLDER`` (also for a name two people share).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kennismaker.extract.mention_lexicon import NOT_ADDRESSEES, OPENING_WORDS
from kennismaker.extract.typed_mentions import AT_SIGN, MAX_ADDRESSEES, MAX_NAME_CHARS, MAX_NAME_WORDS, OPENING, TRAILING, name_key
from kennismaker.privacy import name_hash

NAME_PLACEHOLDER = "[naam]"
_WORD = re.compile(r"\S+")
_LEADING = "@(\"'"


@dataclass(frozen=True)
class KnownNames:
    """The keyed hashes of known people's names, each with what replaces it in exported text."""

    key: bytes
    replacements: dict[str, str]

    def replacement(self, phrase: str) -> str | None:
        """What replaces ``phrase`` when it is a known name, else None."""
        normalised = name_key(phrase)
        return self.replacements.get(name_hash(self.key, normalised)) if normalised else None


@dataclass(frozen=True)
class RecordingNames(KnownNames):
    """``KnownNames`` that records the keyed hash of every phrase it was asked about (``looked_up``).

    Masking depends on the names only through these look-ups, so a masked text stays valid while
    none of the names it looked up changed its replacement (``exports.shown_state``).
    """

    looked_up: set[str] = field(default_factory=set, compare=False)

    def replacement(self, phrase: str) -> str | None:
        normalised = name_key(phrase)
        if not normalised:
            return None
        hashed = name_hash(self.key, normalised)
        self.looked_up.add(hashed)
        return self.replacements.get(hashed)


Span = tuple[int, int, str]


def _longest_name(text: str, start: int, words: list[re.Match], names: KnownNames, min_words: int) -> Span | None:
    """The longest known name made of ``words`` (matches in ``text`` from ``start`` on), at least ``min_words`` long."""
    for n in range(min(len(words), MAX_NAME_WORDS), min_words - 1, -1):
        phrase = text[start:words[n - 1].end()].rstrip(TRAILING)
        replacement = names.replacement(phrase)
        if replacement:
            return start, start + len(phrase), replacement
    return None


def at_name_spans(text: str, names: KnownNames) -> list[Span]:
    """Spans of the names typed after "@" (the "@" itself stays)."""
    spans = []
    for match in AT_SIGN.finditer(text):
        window = text[:match.end() + MAX_NAME_CHARS]
        words = list(_WORD.finditer(window, match.end()))[:MAX_NAME_WORDS]
        span = _longest_name(text, match.end(), words, names, 1)
        if span:
            spans.append(span)
    return spans


def opening_name_spans(text: str, names: KnownNames) -> list[Span]:
    """Spans of the names a message opens with ("Femke: ...", "Hoi Femke, ...")."""
    spans, position = [], 0
    for _ in range(MAX_ADDRESSEES):
        match = OPENING.match(text, position)
        if not match or name_key(match.group(1)) in NOT_ADDRESSEES:
            break
        phrase = match.group(1)
        first, _, rest = phrase.partition(" ")
        if not names.replacement(phrase) and rest and name_key(first) in OPENING_WORDS:
            phrase = rest  # "Hoi Femke": the greeting stays
        phrase = phrase.lstrip("@")
        start = match.end(1) - len(phrase)
        replacement = names.replacement(phrase)
        if not replacement:
            break
        spans.append((start, start + len(phrase.rstrip(TRAILING)), replacement))
        position = match.end()
    return spans


def full_name_spans(text: str, names: KnownNames) -> list[Span]:
    """Spans of known names of two words or more anywhere in ``text``."""
    words = list(_WORD.finditer(text))
    spans, i = [], 0
    while i < len(words):
        start = words[i].start() + len(words[i].group()) - len(words[i].group().lstrip(_LEADING))
        span = _longest_name(text, start, words[i:i + MAX_NAME_WORDS], names, 2)
        if span:
            spans.append(span)
            while i < len(words) and words[i].start() < span[1]:
                i += 1
        else:
            i += 1
    return spans


def masked_names(text: str | None, names: KnownNames) -> str | None:
    """``text`` with every known name found (see the module docstring) replaced."""
    if not text or not names.replacements:
        return text
    spans = sorted(at_name_spans(text, names) + opening_name_spans(text, names) + full_name_spans(text, names),
                   key=lambda s: (s[0], -s[1]))
    out, position = [], 0
    for start, end, replacement in spans:
        if start < position:
            continue  # overlaps a name already replaced
        out += [text[position:start], replacement]
        position = end
    return "".join(out) + text[position:]
