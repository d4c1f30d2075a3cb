"""Privacy in outputs: contact masking, the opt-out list and how people are shown.

Rules (docs/exports.md, docs/privacy.md): e-mail addresses, phone numbers, IBANs, BSNs and
postcodes in exported text are masked by ``kennismaker.pii`` unless ``privacy.mask_contacts`` is
false; people on the opt-out list never appear in a person-level column and their messages are
never exported as text; people are shown by pseudonym unless ``privacy.show_display_names`` is
set; person-level columns are NULL unless ``privacy.person_level_output`` is set.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from exports.context import relation
from kennismaker.config import Config
from kennismaker.pii import masked_text
from kennismaker.privacy import opted_out_keys, pseudonym, pseudonym_key


def shown_text(text: str | None, cfg: Config) -> str | None:
    """Text as it may appear in an export: personal data masked (``kennismaker.pii``) unless switched off."""
    return masked_text(text, cfg.privacy.phone_region) if cfg.privacy.mask_contacts else text


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
