"""Privacy in outputs: contact masking, the opt-out list and how people are shown.

Rules (docs/exports.md): e-mail addresses and phone numbers in exported text are masked unless
``privacy.mask_contacts`` is false; people on the opt-out list never appear in a person-level
column and their messages are never exported as text; people are shown by pseudonym unless
``privacy.show_display_names`` is set; person-level columns are NULL unless
``privacy.person_level_output`` is set.
"""

from __future__ import annotations

import re

import duckdb
import pyarrow as pa

from exports.context import relation
from kennismaker.config import Config
from kennismaker.privacy import opted_out_keys, pseudonym, pseudonym_key

EMAIL_MASK = "[e-mail]"
PHONE_MASK = "[telefoon]"

EMAIL_RE = re.compile(r"(?i)(?:mailto:)?[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}")
# A run of digits, spaces, dots, dashes and brackets that starts like a phone number:
# international (+31, 0031) or national (0...). The digit count decides (see _looks_like_phone).
PHONE_RE = re.compile(r"(?<![\w+/.-])(?:\+|00)?\(?\d[\d\s().-]{6,18}\d(?![\w/])")


def _looks_like_phone(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    stripped = candidate.lstrip("(")
    if stripped.startswith("+"):
        return 9 <= len(digits) <= 15
    if stripped.startswith("00"):
        return 11 <= len(digits) <= 15
    if stripped.startswith("0"):
        return len(digits) == 10  # Dutch national numbers: 06-12345678, 020-1234567
    return False


def masked_text(text: str | None) -> str | None:
    """``text`` with e-mail addresses and phone numbers (Dutch and international formats) replaced."""
    if not text:
        return text
    text = EMAIL_RE.sub(EMAIL_MASK, text)
    return PHONE_RE.sub(lambda m: PHONE_MASK if _looks_like_phone(m.group(0)) else m.group(0), text)


def shown_text(text: str | None, cfg: Config) -> str | None:
    """Text as it may appear in an export: masked unless masking is switched off."""
    return masked_text(text) if cfg.privacy.mask_contacts else text


def opted_out_authors(con: duckdb.DuckDBPyConnection, cfg: Config) -> frozenset[str]:
    """Author keys of everyone on the opt-out list (by user id, or by e-mail through ``people.email_key``)."""
    if not cfg.privacy.opt_out:
        return frozenset()
    authors, emails = opted_out_keys(pseudonym_key(cfg.privacy, cfg.demo_mode), cfg.privacy)
    if emails:
        rows = con.execute(
            f"SELECT author_key FROM {relation(con, 'people')} WHERE email_key IN (SELECT unnest(?))", [sorted(emails)]
        ).fetchall()
        authors |= {r[0] for r in rows}
    return frozenset(a for a in authors if a)


def person_labels(con: duckdb.DuckDBPyConnection, cfg: Config) -> dict[str, str]:
    """How each (not opted-out) person is shown: display name when allowed and known, else pseudonym."""
    show = cfg.privacy.show_display_names
    rows = con.execute(f"SELECT author_key, pseudonym, display_name FROM {relation(con, 'people')}").fetchall()
    labels = {key: (name if show and name else pseud or pseudonym(key)) for key, pseud, name in rows if key}
    for key in opted_out_authors(con, cfg):
        labels.pop(key, None)
    return labels


def person_label(key: str, labels: dict[str, str]) -> str:
    """The label of one author key (a pseudonym when the person is not in ``people``)."""
    return labels.get(key) or pseudonym(key)


def without_authors(table: pa.Table, column: str, excluded: frozenset[str]) -> pa.Table:
    """``table`` without the rows whose ``column`` holds an excluded author key."""
    if not excluded or table.num_rows == 0:
        return table
    keep = [k not in excluded for k in table.column(column).to_pylist()]
    return table.filter(pa.array(keep, pa.bool_()))
