"""Names of known people are masked in exported text, found through keyed hashes only (extract/name_mask.py)."""

from __future__ import annotations

import pytest

from kennismaker.extract.name_mask import NAME_PLACEHOLDER, KnownNames, masked_names
from kennismaker.exports.privacy import known_names, shown_text
from kennismaker.extract.load import ingest_export
from kennismaker.extract.typed_mentions import name_keys
from kennismaker.config import SourceConfig
from kennismaker.privacy import name_hash
from kennismaker.store import open_store
from tests.conftest import FIXTURES

pytestmark = pytest.mark.filterwarnings("ignore:demo mode")
KEY = b"test-key"


def names_of(*people: tuple[str, str]) -> KnownNames:
    """KnownNames for (name, replacement) pairs; a name given twice with two replacements is shared."""
    replacements: dict[str, str] = {}
    for name, label in people:
        for key in name_keys(name):
            h = name_hash(KEY, key)
            replacements[h] = label if replacements.get(h, label) == label else NAME_PLACEHOLDER
    return KnownNames(KEY, replacements)


NAMES = names_of(("Femke de Haan", "P1"), ("Priya El Amrani", "P2"), ("Priya", "P2"), ("Bram Smits", "P3"))


@pytest.mark.parametrize("text, expected", [
    ("Hoi @Femke de Haan, dat komt meestal door de client.", "Hoi @P1, dat komt meestal door de client."),
    ("@Bram Smits Kijk even op de wiki", "@P3 Kijk even op de wiki"),
    ("@Priya kun je kijken?", "@P2 kun je kijken?"),
    ("@femke ik weet het niet", "@P1 ik weet het niet"),  # a first name after "@"
    ("Femke: dat staat op de wiki", "P1: dat staat op de wiki"),
    ("Hoi Femke, kijk hier", "Hoi P1, kijk hier"),  # the greeting stays
    ("Bram, Femke: kijk", "P3, P1: kijk"),
    ("Groet, Priya El Amrani.", "Groet, P2."),  # a full name anywhere
    ("vraag het bram smits of (Femke de Haan)", "vraag het P3 of (P1)"),
    ("Femke heeft gelijk", "Femke heeft gelijk"),  # a first name alone in running text is left
    ("Hoi @user, dat komt door de client", "Hoi @user, dat komt door de client"),
    ("Geen namen hier.", "Geen namen hier."),
])
def test_known_names_are_replaced(text, expected):
    assert masked_names(text, NAMES) == expected


def test_a_name_two_people_share_becomes_the_placeholder():
    shared = names_of(("Sanne Visser", "P1"), ("Sanne de Wit", "P2"))
    assert masked_names("@Sanne weet jij dat?", shared) == f"@{NAME_PLACEHOLDER} weet jij dat?"
    assert masked_names("@Sanne de Wit weet het", shared) == "@P2 weet het"


def ingested(make_config, **privacy):
    cfg = make_config(privacy=privacy)
    src = SourceConfig(name="named", path=FIXTURES / "generic" / "named.csv", format="generic_csv.v1")
    with open_store(cfg.database) as con:
        ingest_export(con, src, cfg)
    return cfg


def stored_texts(cfg) -> list[str]:
    with open_store(cfg.database) as con:
        return [r[0] for r in con.execute("SELECT text FROM messages ORDER BY message_id").fetchall()]


@pytest.mark.parametrize("person_level", [False, True])
def test_names_registered_at_ingest_are_masked_and_never_stored(make_config, person_level):
    cfg = ingested(make_config, person_level_output=person_level)
    with open_store(cfg.database) as con:
        names = known_names(con, cfg)
        shown = [shown_text(t, cfg, names) for t in stored_texts(cfg)]
        pseudonyms = {r[0] for r in con.execute("SELECT pseudonym FROM people").fetchall()}
    assert not any(n in " ".join(shown) for n in ("Celestine", "Sanne de Wit", "Piet"))
    assert cfg.database.read_bytes().count(b"Dubois") == 0  # only keyed hashes of names are stored
    assert "@[naam] weet jij of dat al werkt?" in shown  # two people are called Sanne
    assert ("Hoi " + NAME_PLACEHOLDER + ", de automaat is gemaakt" in shown) is not person_level
    if person_level:
        assert any(t.startswith("Hoi person-") and t.split()[1].rstrip(",") in pseudonyms for t in shown)


def test_names_stay_when_display_names_are_shown(make_config):
    cfg = ingested(make_config, show_display_names=True, store_display_names=True)
    with open_store(cfg.database) as con:
        names = known_names(con, cfg)
    assert shown_text("Hoi Sanne de Wit, de automaat is gemaakt", cfg, names) == "Hoi Sanne de Wit, de automaat is gemaakt"
