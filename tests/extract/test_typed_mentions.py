"""Names typed after "@" without the platform's mention markup are resolved to user ids while reading."""

from __future__ import annotations

import json
import shutil

from extract.readers.slack import READER
from extract.typed_mentions import PeopleNames
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
