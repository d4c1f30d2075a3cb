"""Privacy in outputs: name and contact masking, the opt-out list and how people are shown.

Rules (docs/exports.md, docs/privacy.md): names of known people in exported text are masked
(``extract.name_mask``) unless ``privacy.show_display_names`` is set; e-mail addresses, phone
numbers, IBANs, BSNs and postcodes are masked by ``kennismaker.pii`` unless
``privacy.mask_contacts`` is false; people on the opt-out list never appear in a person-level column and their messages are
never exported as text; people are shown by pseudonym unless ``privacy.show_display_names`` is
set; person-level columns are NULL unless ``privacy.person_level_output`` is set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from kennismaker.exports.context import relation
from kennismaker.extract.name_mask import NAME_PLACEHOLDER, KnownNames, masked_names
from kennismaker.pii import masked_text
from kennismaker.privacy import opted_out_keys, pseudonym, pseudonym_key

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it


def shown_text(text: str | None, cfg: Config, names: KnownNames) -> str | None:
    """Text as it may appear in an export: names of known people (``known_names``) and other personal
    data (``kennismaker.pii``) masked, unless switched off. Every exported text goes through here."""
    if not cfg.privacy.show_display_names:
        text = masked_names(text, names)
    return masked_text(text, cfg.privacy.phone_region) if cfg.privacy.mask_contacts else text


def known_names(con: duckdb.DuckDBPyConnection, cfg: Config) -> KnownNames:
    """The names to mask and what replaces each: the person's pseudonym when person-level output is on
    and exactly one person (not opted out) goes by the name, else ``NAME_PLACEHOLDER``."""
    rows = con.execute(
        f"SELECT name_hash, min(author_key), count(DISTINCT author_key) FROM {relation(con, 'person_names')} GROUP BY name_hash"
    ).fetchall()
    labels = person_labels(con, cfg) if cfg.privacy.person_level_output else {}
    replacements = {h: (labels.get(a, NAME_PLACEHOLDER) if n == 1 else NAME_PLACEHOLDER) for h, a, n in rows}
    return KnownNames(pseudonym_key(cfg.privacy, cfg.demo_mode), replacements)


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
