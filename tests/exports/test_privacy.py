"""Privacy in outputs: contact masking, opt-out everywhere, k-threshold, person-level columns."""

from __future__ import annotations

import pyarrow as pa
import pytest

from kennismaker.exports.health import knowledge_health, topic_trends
from kennismaker.exports.privacy import masked_text, opted_out_authors
from kennismaker.exports.publish import export_tables
from kennismaker.privacy import DEMO_KEY, email_key, pseudonym
from kennismaker.store import open_store
from tests.exports.conftest import A1_TEXT, OPT_OUT_TEXT, OPTED_OUT, USERS, fill_store

pytestmark = pytest.mark.filterwarnings("ignore:demo mode")


@pytest.mark.parametrize("phone", [
    "06-12345678", "06 12345678", "0612345678", "06-1234 5678", "+31 6 1234 5678", "+31612345678",
    "0031 6 12345678", "020-1234567", "020 123 4567", "(020) 1234567", "+44 20 7946 0958",
])
def test_phone_numbers_are_masked(phone):
    assert masked_text(f"Bel {phone} graag.") == "Bel [telefoon] graag."


@pytest.mark.parametrize("email", ["jan@example.nl", "piet.de.vries@gemeente-waterland.nl", "mailto:A.B@X.COM"])
def test_emails_are_masked(email):
    assert masked_text(f"Mail {email}.") == "Mail [e-mail]."


@pytest.mark.parametrize("text", [
    "Ticket INC0012345 staat open", "Sinds 2024-03-05 kapot", "versie 10.2.3.4 draait", "kamer 1.23, om 14:30",
    "zie https://intranet.example/docs/2024/0612345678-bijlage", "geheugen 2048 MB", "in 2024 en 2025",
])
def test_other_numbers_are_left_alone(text):
    assert masked_text(text) == text


@pytest.mark.parametrize("text, expected", [
    ("postcode 1234 AB", "postcode [postcode]"),
    ("IBAN NL91 ABNA 0417 1643 00 graag", "IBAN [iban] graag"),
    ("bsn 111222333.", "bsn [bsn]."),
])
def test_postcodes_ibans_and_bsns_are_masked(text, expected):
    assert masked_text(text) == expected


def all_strings(tables: dict[str, pa.Table]) -> str:
    """Every value of every export as one string, for leak checks."""
    return "\n".join(str(t.to_pylist()) for t in tables.values())


def test_opted_out_people_appear_nowhere(store):
    con, cfg = store
    dump = all_strings(export_tables(con, cfg))
    opted = USERS[OPTED_OUT]
    assert OPT_OUT_TEXT not in dump
    assert "intranet.example/verlof" not in dump  # a7, the opted-out person's answer
    assert pseudonym(opted) not in dump and opted not in dump
    assert "'q5'" not in dump and "'a7'" not in dump


def test_opt_out_by_email_uses_the_people_email_key(export_config):
    cfg = export_config(opt_out=["Kees@Example.nl"])
    with open_store(cfg.database) as con:
        fill_store(con, cfg)
        con.execute("UPDATE people SET email_key = ? WHERE author_key = ?", [email_key(DEMO_KEY.encode(), "kees@example.nl"), USERS["U2"]])
        assert opted_out_authors(con, cfg) == {USERS["U2"]}
        tables = export_tables(con, cfg)
    assert A1_TEXT[:40] not in all_strings(tables)  # U2's answer is gone from tacit and FAQ
    assert "'q8'" not in all_strings(tables)


def test_contacts_are_masked_in_exported_text_unless_switched_off(export_config):
    for mask in (True, False):
        cfg = export_config(mask_contacts=mask)
        with open_store(cfg.database) as con:
            fill_store(con, cfg)
            dump = all_strings(export_tables(con, cfg))
            con.execute("DROP TABLE IF EXISTS messages; DROP TABLE IF EXISTS embeddings")
        assert ("06-12345678" in dump) is (not mask) and ("piet.jansen@gemeente.nl" in dump) is (not mask)
        cfg.database.unlink()


def test_cells_below_k_authors_are_null_and_flagged(store):
    con, cfg = store
    assert cfg.privacy.min_group_size == 5
    rows = knowledge_health(con, cfg).to_pylist()
    figures = [c for c in rows[0] if c not in ("grain", "channel_id", "channel", "topic_id", "topic_label", "week", "suppressed", "suppressed_reason")]
    for row in rows:
        if row["suppressed"]:
            assert all(row[f] is None for f in figures) and "fewer than 5" in row["suppressed_reason"]
        else:
            assert row["authors"] >= 5 and row["suppressed_reason"] is None
    assert any(not r["suppressed"] for r in rows) and any(r["suppressed"] for r in rows)
    assert [r["suppressed"] for r in topic_trends(con, cfg).to_pylist()] == [False, True]


def test_a_lower_k_publishes_small_cells(export_config):
    cfg = export_config(min_group_size=2)
    with open_store(cfg.database) as con:
        fill_store(con, cfg)
        rows = knowledge_health(con, cfg).to_pylist()
    hr = [r for r in rows if r["channel"] == "hr-vragen" and not r["suppressed"]]
    assert hr and all(r["authors"] >= 2 for r in hr)


def test_person_level_columns_are_null_unless_enabled(export_config):
    cfg = export_config(person_level_output=False)
    with open_store(cfg.database) as con:
        fill_store(con, cfg)
        tables = export_tables(con, cfg)
    assert tables["unanswered_questions"].column("suggested_answerers").null_count == tables["unanswered_questions"].num_rows
    assert tables["tacit_knowledge_candidates"].column("answerer").null_count == tables["tacit_knowledge_candidates"].num_rows
    assert "person-" not in all_strings(tables)


def test_people_are_shown_by_pseudonym_unless_display_names_are_allowed(export_config):
    for show in (False, True):
        cfg = export_config(show_display_names=show)
        with open_store(cfg.database) as con:
            fill_store(con, cfg)
            answerers = export_tables(con, cfg)["unanswered_questions"].column("suggested_answerers").to_pylist()
            con.execute("DROP TABLE messages")
        cfg.database.unlink()
        expected = "Naam U2" if show else pseudonym(USERS["U2"])
        assert expected in answerers[0]
        assert ("Naam" in str(answerers)) is show


def test_phone_region_is_a_validated_setting(make_config):
    from kennismaker.extract.name_mask import KnownNames
    from kennismaker.exports.privacy import shown_text
    from kennismaker.errors import ConfigError

    be = make_config(privacy={"phone_region": "BE"})
    assert shown_text("bel 0470 12 34 56", be, KnownNames(b"", {})) == "bel [telefoon]"  # a Belgian mobile number without +32
    with pytest.raises(ConfigError, match="phone_region"):
        make_config(privacy={"phone_region": "nederland"})
