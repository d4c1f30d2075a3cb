"""Masked texts kept between runs (exports/shown_state.py) equal masking from scratch, and only what changed is masked again."""

from __future__ import annotations

import pytest

from kennismaker.exports import shown_state
from kennismaker.exports.privacy import shown_text
from kennismaker.exports.shown_state import pruned_shown_texts, shown_texts, start_shown_run
from kennismaker.extract.name_mask import NAME_PLACEHOLDER, KnownNames
from kennismaker.extract.typed_mentions import name_keys
from kennismaker.privacy import name_hash
from kennismaker.store import open_store

pytestmark = pytest.mark.filterwarnings("ignore:demo mode")
KEY = b"test-key"
TEXTS = [
    "Hoi @Femke de Haan, dat komt meestal door de client.",
    "Groet, Bram Smits. Bel 06-12345678 als het niet lukt.",
    "Vraag het aan Sanne de Wit, die weet het.",
    "Zonder namen: kijk op de wiki, mail helpdesk@gemeente.nl.",
    "Hoi @Femke de Haan, dat komt meestal door de client.",  # the same text twice
    None,
    "",
]


def names_of(*people: tuple[str, str]) -> KnownNames:
    replacements = {name_hash(KEY, key): label for name, label in people for key in name_keys(name)}
    return KnownNames(KEY, replacements)


def masked(monkeypatch) -> list[str]:
    """Record the texts ``shown_texts`` masks (the others come from the kept ones)."""
    seen: list[str] = []
    real = shown_state.masked_with_lookups

    def recorded(text, cfg, names):
        seen.append(text)
        return real(text, cfg, names)

    monkeypatch.setattr(shown_state, "masked_with_lookups", recorded)
    return seen


def test_kept_texts_are_reused_and_a_changed_name_masks_only_the_texts_that_looked_it_up(make_config, monkeypatch):
    cfg = make_config()
    seen = masked(monkeypatch)
    before = names_of(("Femke de Haan", "P1"), ("Bram Smits", "P2"))
    after = names_of(("Femke de Haan", "P1"), ("Bram Smits", "P2"), ("Sanne de Wit", "P3"))
    with open_store(cfg.database) as con:
        first = shown_texts(con, cfg, TEXTS, before)
        assert first == [shown_text(t, cfg, before) for t in TEXTS]
        assert len(seen) == 4  # each distinct non-empty text once
        seen.clear()
        assert shown_texts(con, cfg, TEXTS, before) == first and seen == []
        again = shown_texts(con, cfg, TEXTS, after)  # a new person: only the text naming them changes
        assert again == [shown_text(t, cfg, after) for t in TEXTS] and "P3" in again[2]
        assert seen == [TEXTS[2]]
        seen.clear()
        gone = names_of(("Femke de Haan", NAME_PLACEHOLDER), ("Bram Smits", "P2"), ("Sanne de Wit", "P3"))
        assert shown_texts(con, cfg, TEXTS, gone) == [shown_text(t, cfg, gone) for t in TEXTS]
        assert seen == [TEXTS[0]]  # another replacement for a name: the texts that looked it up
        seen.clear()
        plain = make_config(privacy={"mask_contacts": False})
        assert shown_texts(con, plain, TEXTS, gone) == [shown_text(t, plain, gone) for t in TEXTS]
        assert len(seen) == 4  # other settings: everything masked again


def test_only_the_texts_a_run_used_are_kept(make_config):
    cfg = make_config()
    names = names_of(("Femke de Haan", "P1"))
    with open_store(cfg.database) as con:
        start_shown_run(con)
        shown_texts(con, cfg, TEXTS, names)
        assert pruned_shown_texts(con) == 0
        start_shown_run(con)
        shown_texts(con, cfg, TEXTS[:2], names)
        assert pruned_shown_texts(con) == 2
        assert con.execute("SELECT count(*) FROM shown_texts").fetchone()[0] == 2
        assert not any("Femke" in (s or "") for (s,) in con.execute("SELECT shown FROM shown_texts").fetchall())
