"""The sentences of a message that may ask something, so that one asking sentence makes a question.

A message is often several sentences: a greeting, a problem report, then "Enig idee?" or "Kun je even
aangeven om welke lagen het gaat?". Read as a whole, the question drowns in the rest; read alone, the
asking sentence is plainly a question. ``asking_sentences`` picks, from messages of more than one
sentence, the sentences that end in "?" (at least ``min_words`` words, at most ``most`` per message, the
last ones first); the head scores them as it scores a message and the message's ``p_question`` is the
highest of the message's own and its sentences' (``classify.stage.message_labels``).

Chat addresses people in front of the question ("Nancy: any spare ore?", "@p2 is dit na een update
gebeurd?"); the head, trained on meetings and intranet text, reads such a prefix as a statement
(p_question 0.03 with it, 0.97 without). ``question_candidates`` therefore also gives the text after a
leading addressee (``without_addressee``) when that text holds a "?", scored the same way as an asking
sentence.

A post that opens its conversation by reporting a problem ("Sensor wordt niet meer bijgewerkt",
"Foutmelding bij installatie") asks for help without asking: ``reports_problem`` finds one by the
patterns of ``classify.cue_lexicon.PROBLEM_REPORT_PATTERNS``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kennismaker.classify.cue_lexicon import PROBLEM_REPORT_PATTERNS
from kennismaker.classify.linking_signals import has_question_mark

_SPLIT = re.compile(r"(?<=[?!.])\s+|\n+")
_CODE = re.compile(r"```.*?```", re.DOTALL)
# "@name " or one or two words and a colon ("Nancy: ", "Jan Peter: "), then the rest of the message.
ADDRESSEE_PATTERN = r"^\s*(?:@[\w.-]+[:,]?|[^\W\d_][\w.-]{0,24}(?: [^\W\d_][\w.-]{0,24})?\s*:)\s+(?=\S)"
_ADDRESSEE = re.compile(ADDRESSEE_PATTERN)
_ENDS_ASKING = re.compile(r"\?[\s\)\]\"'*_~:;\-\u2000-\u206f\U0001F000-\U0001FAFF]*$")


def asking_sentences(text: str | None, min_words: int = 3, most: int = 3) -> list[str]:
    """The sentences of ``text`` that end in "?" (none when the text is a single sentence)."""
    text = _CODE.sub(" ", text or "")
    parts = [p.strip() for p in _SPLIT.split(text) if p and p.strip()]
    if len(parts) < 2:
        return []
    found = [p for p in parts if _ENDS_ASKING.search(p) and len(p.split()) >= min_words]
    return found[-most:]


def without_addressee(text: str | None) -> str | None:
    """The text after a leading addressee ("Nancy: any spare ore?", "@p2 ..."), or None when there is none or
    the rest asks nothing with a "?" (so "FYI: Handleiding VPN" and "Ter info: ..." stay announcements)."""
    match = _ADDRESSEE.match(text or "")
    if match is None:
        return None
    rest = (text or "")[match.end():]
    return rest if has_question_mark(rest) else None


def question_candidates(text: str | None) -> list[str]:
    """The parts of ``text`` scored as questions on their own: its asking sentences and the text after an addressee."""
    rest = without_addressee(text)
    return asking_sentences(text) + ([rest] if rest else [])


@lru_cache(maxsize=1)
def _problem_pattern() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in PROBLEM_REPORT_PATTERNS), re.IGNORECASE)


def reports_problem(text: str | None) -> bool:
    """Whether ``text`` reports that something fails ("werkt niet meer", "foutmelding", "is broken")."""
    return bool(text) and _problem_pattern().search(text) is not None
