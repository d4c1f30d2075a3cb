"""The Viva Engage reader: CSV by header, mentions, links, kinds, versions, quarantine, zip and end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from kennismaker.extract.load import ingest_export
from kennismaker.extract.readers import get_reader
from kennismaker.extract.readers.base import ReadContext
from tests.extract.helpers import read_tables, zipped
from kennismaker.extract.readers.yammer import READER
from kennismaker.config import SourceConfig
from kennismaker.errors import NotAnExportError
from kennismaker.schema import raw_kind
from kennismaker.store import open_store

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "yammer" / "export"
HEADER = "id,thread_id,created_at,body,sender_id,sender_type,message_type\n"




@pytest.fixture(scope="module")
def rows():
    return read_tables(READER, FIXTURE)


@pytest.fixture(scope="module")
def msgs(rows):
    """The last row per id (what the loader keeps when timestamps tie)."""
    return {m["message_id"].split(":")[1]: m for m in rows["messages"]}


def test_registered_and_sniffed(tmp_path):
    assert get_reader("viva_engage") is READER
    assert READER.sniff(FIXTURE)
    assert READER.sniff(FIXTURE / "Messages.csv")
    assert READER.sniff(zipped(FIXTURE, tmp_path / "y.zip", top="network-export/"))
    assert not READER.sniff(FIXTURE / "Users.csv")
    assert not READER.sniff(tmp_path / "missing")


def test_posts_versions_and_system_messages(rows):
    ids = [m["message_id"] for m in rows["messages"]]
    assert "yammer:107" not in ids  # system message
    assert ids.count("yammer:105") == 2 and ids.count("yammer:109") == 1  # announcement is a post
    assert len(ids) == 14
    versions = [m for m in rows["messages"] if m["message_id"] == "yammer:105"]
    assert versions[0]["raw_seq"] < versions[1]["raw_seq"]
    assert [v["text"] for v in versions] == ["Vergadering om 14:00", "Vergadering om 15:00 (aangepast)"]


def test_threads_and_replies(msgs):
    assert (msgs["101"]["thread_id"], msgs["101"]["reply_to_id"]) == ("yammer:101", None)
    assert (msgs["102"]["thread_id"], msgs["102"]["reply_to_id"]) == ("yammer:101", "yammer:101")
    assert (msgs["113"]["thread_id"], msgs["113"]["reply_to_id"]) == ("yammer:101", "yammer:102")


def test_multiline_body_mentions_and_links(msgs):
    assert msgs["101"]["text"] == "Weet iemand waar ik het verlofformulier vind? @Piet Jansen weet jij het?"
    assert msgs["101"]["mentions"] == ["yammer:2"]
    assert msgs["102"]["text"] == 'Staat op https://intranet.example.nl/verlof\nKies daar "Verlof aanvragen".\nSucces!'
    assert msgs["102"]["urls"] == ["https://intranet.example.nl/verlof"]
    assert msgs["103"]["urls"] == ["https://www.example.org/artikel"]
    assert msgs["103"]["attachment_count"] == 0
    assert msgs["104"]["attachment_count"] == 2


def test_deleted_bot_announcement_and_timestamps(msgs):
    assert msgs["106"]["is_deleted"] and msgs["106"]["text"] == ""
    assert msgs["108"]["is_bot"] and not msgs["101"]["is_bot"]
    assert msgs["109"]["text"] == "Nieuw kantoor\n\nVanaf oktober zitten we aan de Stationsweg."
    assert msgs["101"]["created_at"].isoformat() == "2026-09-01T08:15:00+00:00"
    assert msgs["113"]["created_at"].isoformat() == "2026-09-02T10:00:00+00:00"


def test_channel_kinds(msgs, rows):
    kinds = {k: msgs[k]["channel_kind"] for k in ("101", "110", "114", "111", "112")}
    assert kinds == {"101": "public", "110": "private", "114": "private", "111": "direct", "112": "group"}
    channels = {c["channel_id"]: (c["name"], c["kind"]) for c in rows["channels"]}
    assert channels["yammer:group:10"] == ("Algemeen", "public")
    assert channels["yammer:group:20"] == ("Directie", "private")
    assert channels["yammer:conversation:7002"] == (None, "group")


def test_people_from_users_and_senders(rows):
    people = {p["author_id"]: p for p in rows["people"]}
    assert people["yammer:1"]["display_name"] == "Anna de Boer" and people["yammer:1"]["email"] == "anna@example.nl"
    assert people["yammer:900"]["is_bot"] and people["yammer:900"]["display_name"] == "Urenbot"
    assert len(people) == 4


def test_bad_rows_are_quarantined(rows):
    bad = {q["position"]: q["reason"] for q in rows["quarantine"]}
    assert bad == {"12": "expected 20 fields, got 4", "20": "unparseable timestamp 'gisteren'"}
    assert {q["file"] for q in rows["quarantine"]} == {"Messages.csv"}


def test_raw_ref_is_file_and_line(msgs):
    assert msgs["101"]["raw_ref"] == "Messages.csv#2"
    assert msgs["102"]["raw_ref"] == "Messages.csv#3"
    assert msgs["103"]["raw_ref"] == "Messages.csv#6"  # after a three-line body


def test_zip_reads_like_the_folder(tmp_path):
    from_zip = read_tables(READER, zipped(FIXTURE, tmp_path / "export.zip", top="network-export/"))
    folder = read_tables(READER, FIXTURE)
    assert [m["text"] for m in from_zip["messages"]] == [m["text"] for m in folder["messages"]]
    assert from_zip["messages"][0]["raw_ref"] == "export.zip!Messages.csv#2"


def test_columns_by_header_and_optional_columns_missing(tmp_path):
    (tmp_path / "Messages.csv").write_text(
        "body,id,created_at\n\"regel 1\nregel 2\",7,2026-09-01 08:00:00 UTC\n", encoding="utf-8-sig"
    )
    [m] = read_tables(READER, tmp_path)["messages"]
    assert (m["message_id"], m["thread_id"], m["channel_kind"], m["text"]) == ("yammer:7", "yammer:7", "public", "regel 1\nregel 2")


def test_html_body_is_used_when_body_is_absent(tmp_path):
    (tmp_path / "Messages.csv").write_text(
        'id,created_at,html_body\n8,2026-09-01 08:00:00 UTC,"<p>Zie <a href=""https://x.example.nl"">dit</a></p>"\n'
    )
    [m] = read_tables(READER, tmp_path)["messages"]
    assert (m["text"], m["urls"]) == ("Zie dit", ["https://x.example.nl"])


def test_missing_required_column_is_one_clear_error(tmp_path):
    (tmp_path / "Messages.csv").write_text("id,body\n1,hoi\n")
    with pytest.raises(NotAnExportError, match="Messages.csv has no created_at column"):
        list(READER.read(tmp_path, ReadContext()))
    (tmp_path / "Messages.csv").write_text("id,created_at\n1,2026-09-01 08:00:00 UTC\n")
    with pytest.raises(NotAnExportError, match="has no body or html_body column"):
        list(READER.read(tmp_path, ReadContext()))
    with pytest.raises(NotAnExportError, match="no Messages.csv"):
        list(READER.read(FIXTURE / "Users.csv", ReadContext()))


def test_undecodable_bytes_quarantine_one_row(tmp_path):
    data = HEADER.encode() + b"1,1,2026-09-01 08:00:00 UTC,goed,5,user,update\n"
    data += b"2,2,2026-09-01 08:05:00 UTC,fout \xff\xfe,5,user,update\n3,3,2026-09-01 08:10:00 UTC,ook goed,5,user,update\n"
    (tmp_path / "Messages.csv").write_bytes(data)
    rows = read_tables(READER, tmp_path)
    assert [m["message_id"] for m in rows["messages"]] == ["yammer:1", "yammer:3"]
    assert [(q["position"], q["reason"]) for q in rows["quarantine"]] == [("3", "undecodable bytes (not UTF-8)")]


def test_batches_are_flushed_every_batch_size():
    sizes = [b.num_rows for b in READER.read(FIXTURE, ReadContext(batch_size=5)) if raw_kind(b.schema) == "messages"]
    assert sizes == [5, 5, 4]


def test_end_to_end_latest_version_wins_and_privacy(make_config, tmp_path):
    cfg = make_config()
    src = SourceConfig(name="yammer", path=zipped(FIXTURE, tmp_path / "export.zip", top="network-export/"), format="viva_engage.v1")
    with open_store(cfg.database) as con:
        s = ingest_export(con, src, cfg)
        assert (s.messages_read, s.messages_new, s.messages_excluded, s.quarantined) == (14, 9, 4, 2)
        assert con.execute("SELECT text FROM messages WHERE message_id = 'yammer:105'").fetchall() == [("Vergadering om 15:00 (aangepast)",)]
        threads = con.execute("SELECT message_id FROM messages WHERE thread_id = 'yammer:101' ORDER BY 1").fetchall()
        assert threads == [("yammer:101",), ("yammer:102",), ("yammer:113",)]
        assert con.execute("SELECT count(*) FROM messages WHERE channel_id NOT LIKE 'yammer:group:10'").fetchone() == (0,)
        dump = str(con.execute("SELECT * FROM messages").fetchall()) + str(con.execute("SELECT * FROM people").fetchall())
        assert "@example.nl" not in dump and "Anna de Boer" not in dump
        people_refs = con.execute("SELECT author_key, mentions FROM messages").fetchall()
        assert people_refs and not any(str(ref).startswith("yammer:") for row in people_refs for ref in [row[0], *row[1]])
        assert con.execute("SELECT mentions FROM messages WHERE message_id = 'yammer:101'").fetchone()[0] != ["yammer:2"]
        before = con.execute("SELECT * FROM messages ORDER BY message_id").fetchall()
        again = ingest_export(con, src, cfg, force=True)
        assert (again.messages_new, again.messages_changed, again.messages_unchanged) == (0, 0, 9)
        assert con.execute("SELECT * FROM messages ORDER BY message_id").fetchall() == before
