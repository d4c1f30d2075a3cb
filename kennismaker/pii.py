"""Personal data in free text: find e-mail addresses, phone numbers, IBANs, BSNs and postcodes, and mask them.

Every finder is a pure function of the text that returns :class:`PiiSpan` objects; :func:`pii_spans`
combines them without overlaps and :func:`masked_text` replaces each span by the stable placeholder
of its kind (``kennismaker.pii_lexicon.PLACEHOLDERS``). Patterns and word lists live in
``kennismaker.pii_lexicon``. How well this works, and on what it was measured: docs/privacy.md.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import phonenumbers

from kennismaker import pii_lexicon as lex
from kennismaker.patterns import EMAIL_RE, URL_RE

DEFAULT_REGION = "NL"
KINDS = tuple(lex.PLACEHOLDERS)

_EMAIL = EMAIL_RE
_URL = URL_RE
_IBAN = re.compile(lex.IBAN_CANDIDATE_PATTERN)
_BSN = re.compile(lex.BSN_PATTERN)
_POSTCODE = re.compile(lex.POSTCODE_PATTERN)
_PHONE_DATE = re.compile(lex.PHONE_DATE_PATTERN)
_AREA_CODE = re.compile(lex.PHONE_AREA_CODE_PATTERN)
_CONTINUES_NUMBER = re.compile(lex.PHONE_CONTINUES_NUMBER_PATTERN)
_WORD_EDGES = re.compile(r"^\W+|\W+$")


@dataclass(frozen=True)
class PiiSpan:
    """One entity found in a text: ``text[start:end]`` is personal data of ``kind`` (a key of PLACEHOLDERS)."""

    start: int
    end: int
    kind: str

    def overlaps(self, other: PiiSpan) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end


def iban_is_valid(iban: str) -> bool:
    """Whether a compact IBAN (no spaces) has its country's length and passes the ISO 7064 mod-97 check."""
    iban = iban.upper()
    if lex.IBAN_LENGTHS.get(iban[:2]) != len(iban) or not iban.isalnum():
        return False
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def bsn_is_valid(digits: str) -> bool:
    """Whether nine digits pass the BSN eleven-check (weights 9..2, and -1 for the last digit)."""
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    total = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1))) - int(digits[8])
    return total % 11 == 0


def email_spans(text: str) -> list[PiiSpan]:
    """E-mail addresses (with an optional ``mailto:``)."""
    return [PiiSpan(m.start(), m.end(), "email") for m in _EMAIL.finditer(text)]


def url_spans(text: str) -> list[PiiSpan]:
    """Web addresses; not personal data themselves, but numbers inside them are never masked."""
    return [PiiSpan(m.start(), m.end(), "url") for m in _URL.finditer(text)]


def iban_spans(text: str) -> list[PiiSpan]:
    """IBANs, compact or in groups of four, that have their country's length and pass the mod-97 check."""
    spans, m = [], _IBAN.search(text)
    while m:
        compact = m.group(0).replace(" ", "").upper()
        length = lex.IBAN_LENGTHS.get(compact[:2])
        valid = bool(length) and iban_is_valid(compact[:length])
        if valid:
            spans.append(PiiSpan(m.start(), _end_after_chars(text, m.start(), length), "iban"))
        # a candidate runs on over the following words, so look again right after what was used
        m = _IBAN.search(text, spans[-1].end if valid else m.start() + 1)
    return spans


def _end_after_chars(text: str, start: int, count: int) -> int:
    """The index just after the ``count``-th non-space character from ``start``."""
    seen = 0
    for i in range(start, len(text)):
        if text[i] != " ":
            seen += 1
            if seen == count:
                return i + 1
    return len(text)


def phone_spans(text: str, region: str = DEFAULT_REGION) -> list[PiiSpan]:
    """Phone numbers of a possible length for libphonenumber (``region`` reads national formats) that
    start like one (+, 00, a bracketed area code or the region's trunk prefix, "0" in NL) and are no
    date or id, so a bare order number is left alone."""
    matcher = phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE)
    prefixes = lex.PHONE_PREFIXES + _national_prefixes(region)
    return [
        PiiSpan(m.start, m.end, "phone") for m in matcher if _reads_as_phone(text, m.start, m.end, prefixes)
    ]


@functools.cache
def _national_prefixes(region: str) -> tuple[str, ...]:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    return (metadata.national_prefix,) if metadata and metadata.national_prefix else ()


def _reads_as_phone(text: str, start: int, end: int, prefixes: tuple[str, ...]) -> bool:
    raw, before, after = text[start:end], text[start - 1 : start], text[end : end + 1]
    return (
        (raw.startswith(prefixes) or _AREA_CODE.match(raw) is not None)
        and not (before.isalnum() or after.isalnum())
        and not (before and before in lex.PHONE_NOT_AFTER)
        and not _CONTINUES_NUMBER.search(text[max(start - 2, 0) : start])
        and not _PHONE_DATE.fullmatch(raw)
    )


def bsn_spans(text: str) -> list[PiiSpan]:
    """Nine-digit numbers (also typed 1234.56.782) that pass the eleven-check and are not named as
    another kind of number just before ("Bestelling 528259817"), unless a BSN word is there too."""
    return [
        PiiSpan(m.start(1), m.end(1), "bsn")
        for m in _BSN.finditer(text)
        if bsn_is_valid(re.sub(r"\D", "", m.group(1))) and not _named_as_other_id(text, m.start(1))
    ]


def _named_as_other_id(text: str, start: int) -> bool:
    words = set(_words_before(text, start, lex.BSN_CONTEXT_WINDOW))
    return bool(words & lex.BSN_OTHER_ID_WORDS) and not words & lex.BSN_WORDS


def _words_before(text: str, start: int, count: int) -> list[str]:
    """The last ``count`` words before ``start``, lower-cased, without surrounding punctuation."""
    words = (_WORD_EDGES.sub("", w).lower() for w in text[:start].split()[-count:])
    return [w for w in words if w]


def postcode_spans(text: str) -> list[PiiSpan]:
    """Dutch postcodes (1234 AB, 1234AB). An upper-case pair is enough unless it is usually a unit
    or word ("2048 MB"); otherwise an address word must come shortly before, or a place name after."""
    spans = []
    for m in _POSTCODE.finditer(text):
        pair = m.group(2)
        if pair.upper() in lex.POSTCODE_EXCLUDED_PAIRS:
            continue
        plain_pair = pair.isupper() and pair not in lex.POSTCODE_UNIT_PAIRS
        place_after = pair.isupper() and _place_name_follows(text, m.end())
        if plain_pair or place_after or _address_context_before(text, m.start()):
            spans.append(PiiSpan(m.start(), m.end(), "postcode"))
    return spans


def _address_context_before(text: str, start: int) -> bool:
    words = _words_before(text, start, lex.POSTCODE_CONTEXT_WINDOW)
    return any(w in lex.POSTCODE_CONTEXT_WORDS or w.endswith(lex.STREET_SUFFIXES) for w in words)


def _place_name_follows(text: str, end: int) -> bool:
    following = text[end:].split(maxsplit=1)
    word = _WORD_EDGES.sub("", following[0]) if following else ""
    return len(word) >= 3 and word[0].isupper() and word[1:].islower()


def pii_spans(text: str, region: str = DEFAULT_REGION) -> list[PiiSpan]:
    """All entities in ``text``, in text order and without overlaps. Earlier kinds win an overlap:
    e-mail, IBAN, phone, BSN, postcode; nothing inside a web address except an e-mail address."""
    taken = email_spans(text)
    blocked = taken + url_spans(text)
    for finder in (iban_spans, lambda t: phone_spans(t, region), bsn_spans, postcode_spans):
        found = [s for s in finder(text) if not any(s.overlaps(b) for b in blocked)]
        taken += found
        blocked += found
    return sorted(taken, key=lambda s: s.start)


def masked_text(text: str | None, region: str = DEFAULT_REGION) -> str | None:
    """``text`` with every entity of :func:`pii_spans` replaced by its kind's placeholder ("[iban]")."""
    if not text:
        return text
    for span in reversed(pii_spans(text, region)):
        text = text[: span.start] + lex.PLACEHOLDERS[span.kind] + text[span.end :]
    return text
