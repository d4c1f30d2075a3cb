"""Patterns, placeholders and context words that ``kennismaker.pii`` uses, by name; the entries are
data, in ``kennismaker/lexicons/pii.yaml`` (with the reasons for each rule).

Regular expressions are source strings there; ``kennismaker.pii`` compiles them. Words are
compared case-insensitively. The e-mail and web-address patterns live in kennismaker.patterns.
"""

from __future__ import annotations

from kennismaker.lexicon import lexicon, phrases, words

_PII = lexicon("pii")

# The stable placeholder that replaces each kind of entity in exported text.
PLACEHOLDERS: dict[str, str] = dict(_PII["placeholders"])

IBAN_CANDIDATE_PATTERN: str = _PII["iban_candidate_pattern"]
IBAN_LENGTHS: dict[str, int] = dict(_PII["iban_lengths"])

BSN_PATTERN: str = _PII["bsn_pattern"]
BSN_OTHER_ID_WORDS = words("pii", "bsn_other_id_words")
BSN_WORDS = words("pii", "bsn_words")
BSN_CONTEXT_WINDOW: int = _PII["bsn_context_window"]

POSTCODE_PATTERN: str = _PII["postcode_pattern"]
POSTCODE_EXCLUDED_PAIRS = words("pii", "postcode_excluded_pairs")
POSTCODE_UNIT_PAIRS = words("pii", "postcode_unit_pairs")
POSTCODE_CONTEXT_WORDS = words("pii", "postcode_context_words")
STREET_SUFFIXES = phrases("pii", "street_suffixes")
POSTCODE_CONTEXT_WINDOW: int = _PII["postcode_context_window"]

# Phone numbers are found by libphonenumber (kennismaker.pii); these only say how one has to start
# and what rules a match out (a date, an id after '#', digits that continue another number).
PHONE_PREFIXES = phrases("pii", "phone_prefixes")
PHONE_AREA_CODE_PATTERN: str = _PII["phone_area_code_pattern"]
PHONE_DATE_PATTERN: str = _PII["phone_date_pattern"]
PHONE_NOT_AFTER: str = _PII["phone_not_after"]
PHONE_CONTINUES_NUMBER_PATTERN: str = _PII["phone_continues_number_pattern"]
