"""Names typed after "@" without the platform's mention markup are resolved to user ids while reading."""

from __future__ import annotations

import json
import shutil

from kennismaker.extract.readers.slack import READER
from kennismaker.extract.typed_mentions import PeopleNames
from tests.conftest import FIXTURES
from tests.extract.helpers import read_tables


def people() -> PeopleNames:
    names = PeopleNames()
    names.add("U1", "Ingrid Vermeulen", "Ingrid", "ingrid.vermeulen")
    names.add("U2", "Ingrid de Vries", "Ingrid")
    names.add("U3", "Katarzyna Kowalski", "Katarzyna")
    return names


def test_the_longest_name_after_the_at_sign_resolves():
    assert people().mentioned("@Ingrid Vermeulen Dat loopt via de webshop.") == ["U1"]
    assert people().mentioned("Hoi @katarzyna, kijk even op de wiki") == ["U3"]
    assert people().mentioned("@ingrid.vermeulen: ja, en @Katarzyna Kowalski ook") == ["U1", "U3"]


def test_shared_names_and_e_mail_addresses_resolve_to_nobody():
    assert people().mentioned("@Ingrid kun je even kijken?") == []  # two people are called Ingrid
    assert people().mentioned("mail naar service@katarzyna.example") == []
    assert people().mentioned("@Onbekend Iemand hoi") == []


def test_the_slack_reader_stores_typed_mentions_as_ids(tmp_path):
    export = tmp_path / "export"
    shutil.copytree(FIXTURES / "slack" / "export", export)
    day = export / "algemeen" / "2026-03-02.json"
    messages = json.loads(day.read_text())
    messages.append({"type": "message", "user": "U0BRAM", "text": "@Anna de Vries Dat staat op het intranet.", "ts": "1772449999.000900"})
    day.write_text(json.dumps(messages))
    rows = {r["message_id"]: r for r in read_tables(READER, export)["messages"]}
    typed = next(r for r in rows.values() if r["message_id"].endswith("1772449999.000900"))
    assert typed["text"] == "@Anna de Vries Dat staat op het intranet."
    assert typed["mentions"] == ["slack:U0ANNA"]


def test_a_message_opening_with_a_name_addresses_that_person():
    names = people()
    names.add("U4", "celestine")
    assert names.mentioned("celestine: try the portal") == ["U4"]
    assert names.mentioned("Katarzyna Kowalski, dat klopt") == ["U3"]
    assert names.mentioned("Hoi Katarzyna, heb je even?") == ["U3"]  # after a greeting
    assert names.mentioned("celestine, katarzyna: kijk even") == ["U4", "U3"]
    assert names.mentioned("Ingrid: kun je kijken?") == []  # two people are called Ingrid
    assert names.mentioned("Ik denk dat Katarzyna, of iemand anders, het weet") == []


def test_labels_urls_and_times_at_the_start_are_not_names():
    names = PeopleNames()
    names.add("U9", "update")
    names.add("U8", "https")
    names.add("U7", "Bram")
    assert names.mentioned("Update: de storing is verholpen") == []
    assert names.mentioned("https://intranet.example.nl: daar staat het") == []
    assert names.mentioned("Bram:30 minuten later") == []


def test_derived_name_forms_and_the_authors_own_name():
    names = PeopleNames()
    names.add("U1", "Vries, Anna de (ICT)")
    names.add("U2", "B. Jansen")
    assert names.mentioned("@Anna de Vries zie de wiki") == ["U1"]
    assert names.mentioned("@anna zie de wiki") == ["U1"]  # first name of the turned-around form
    assert names.mentioned("@B zie de wiki") == []  # an initial is no first name
    assert names.mentioned("Anna: notitie voor mezelf", author_id="U1") == []


def test_irc_style_openings_address_but_a_bare_space_does_not():
    names = PeopleNames()
    names.add("n1", "nubbe")
    names.add("n2", "azriel")
    names.add("n3", "Anna de Vries")
    assert names.mentioned("nubbe> just apt-get install ntfsprogs") == ["n1"]
    assert names.mentioned("azriel - it means to press tab twice") == ["n2"]
    assert names.mentioned("azriel?") == ["n2"]  # a message that is only a name
    assert names.mentioned("Anna heeft gelijk, het staat op de wiki") == []  # about Anna, not to her
    assert names.mentioned("azriel-fan: nee") == []
