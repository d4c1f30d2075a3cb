"""The generic JSON-lines and CSV readers: documented columns, options, quarantine, zip and end to end."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import kennismaker.extract.readers.generic as generic
from kennismaker.extract.load import ingest_export
from kennismaker.extract.readers import get_reader
from kennismaker.extract.readers.base import ReadContext
from kennismaker.extract.readers.generic import CSV_READER, JSONL_READER
from tests.extract.helpers import read_tables
from kennismaker.extract.readers.generic_options import CANONICAL
from kennismaker.config import SourceConfig
from kennismaker.errors import ConfigError, NotAnExportError
from kennismaker.schema import raw_kind
from kennismaker.store import open_store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "generic"
JSONL = FIXTURES / "messages.jsonl"
CSV = FIXTURES / "messages.csv"
MAPPED_OPTIONS = {
    "source_name": "intranet",
    "columns": {"message_id": "Bericht-ID", "channel": "Kanaal", "author": "Auteur", "created_at": "Datum",
                "text": "Inhoud", "reply_to_id": "Antwoord op", "thread_id": "Draad"},
    "timestamp_format": "%d-%m-%Y %H:%M",
    "html": True,
}



@pytest.fixture(scope="module", params=[JSONL_READER, CSV_READER], ids=["jsonl", "csv"])
def rows(request):
    return read_tables(request.param, JSONL if request.param is JSONL_READER else CSV)


@pytest.fixture(scope="module")
def msgs(rows):
    return {m["message_id"].split(":")[1]: m for m in rows["messages"]}


def test_documented_columns_are_in_the_module_docstring():
    for column in CANONICAL:
        assert f"``{column}``" in generic.__doc__


def test_registered_and_sniffed(tmp_path):
    assert get_reader("jsonl") is JSONL_READER and get_reader("csv") is CSV_READER
    assert JSONL_READER.sniff(JSONL) and not JSONL_READER.sniff(CSV)
    assert CSV_READER.sniff(CSV) and not CSV_READER.sniff(JSONL)
    assert not CSV_READER.sniff(FIXTURES / "mapped.csv")  # needs its columns option
    assert not JSONL_READER.sniff(tmp_path / "missing.jsonl")
    (tmp_path / "other.jsonl").write_text('{"type": "post", "create_at": 1}\n')
    assert not JSONL_READER.sniff(tmp_path / "other.jsonl")


def test_ids_threads_and_replies(msgs):
    assert msgs["m1"]["message_id"] == "generic:m1" and msgs["m1"]["thread_id"] == "generic:m1"
    assert (msgs["m2"]["thread_id"], msgs["m2"]["reply_to_id"]) == ("generic:m1", "generic:m1")
    assert msgs["m3"]["thread_id"] == "generic:m3"
    assert msgs["m1"]["author_id"] == "generic:anna" and msgs["m1"]["channel_id"] == "generic:ict-vragen"


def test_timestamps_iso_epoch_offset_and_naive(msgs):
    assert msgs["m1"]["created_at"].isoformat() == "2026-09-01T08:15:00+00:00"
    assert msgs["m2"]["created_at"].isoformat() == "2026-09-01T08:40:00+00:00"
    assert msgs["m3"]["created_at"].isoformat() == "2026-09-01T07:00:00+00:00"
    assert msgs["m5"]["edited_at"].isoformat() == "2026-09-01T10:05:00+00:00"


def test_values(msgs):
    assert msgs["m2"]["urls"] == ["https://wachtwoord.example.nl"] and msgs["m2"]["reaction_count"] == 2
    assert msgs["m3"]["urls"] == ["https://example.org/huisstijl"] and msgs["m3"]["attachment_count"] == 1
    assert msgs["m6"]["is_deleted"] and msgs["m6"]["text"] == ""
    assert msgs["m7"]["is_bot"] and not msgs["m1"]["is_bot"]
    assert (msgs["m8"]["channel_kind"], msgs["m9"]["channel_kind"], msgs["m1"]["channel_kind"]) == ("private", "direct", "public")


def test_channels_and_people(rows):
    kinds = {c["channel_id"]: c["kind"] for c in rows["channels"]}
    assert kinds == {"generic:ict-vragen": "public", "generic:algemeen": "public", "generic:directie": "private", "generic:dm-anna-piet": "direct"}
    people = {p["author_id"]: p["is_bot"] for p in rows["people"]}
    assert people == {"generic:anna": False, "generic:piet": False, "generic:sanne": False, "generic:jenkins": True}


def test_bad_records_are_quarantined(rows):
    reasons = [q["reason"].split(" (")[0] for q in rows["quarantine"]]
    file = rows["quarantine"][0]["file"]
    if file.endswith(".jsonl"):
        assert reasons == ["invalid JSON", "missing created_at", "not a whole number: 'veel'"]
    else:
        assert reasons == ["expected 13 fields, got 7", "missing created_at"]
    assert all(q["excerpt"] for q in rows["quarantine"])


def test_mapped_columns_html_and_timestamp_format():
    rows = read_tables(CSV_READER, FIXTURES / "mapped.csv", **MAPPED_OPTIONS)
    a1, a2 = rows["messages"]
    assert (a1["message_id"], a1["text"], a1["created_at"].isoformat()) == ("intranet:a1", "Waar vind ik de VPN-handleiding?", "2026-09-01T08:15:00+00:00")
    assert (a2["reply_to_id"], a2["thread_id"], a2["urls"]) == ("intranet:a1", "intranet:a1", ["https://intranet.example.nl/vpn"])
    assert a1["source"] == "intranet"
    assert [q["reason"] for q in rows["quarantine"]] == ["unparseable timestamp 'gisteren'"]


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"sourcename": "x"}, "Unknown option 'sourcename' for generic_csv.v1"),
        ({"columns": {"body": "tekst"}}, "'body' is not a column of the generic format"),
        ({"source_name": "met spatie"}, "Option 'source_name'"),
    ],
)
def test_bad_options_are_one_clear_error(options, match):
    with pytest.raises(ConfigError, match=match):
        list(CSV_READER.read(CSV, ReadContext(options=options)))


def test_missing_required_column_names_it(tmp_path):
    (tmp_path / "x.csv").write_text("message_id,created_at\n1,2026-09-01T08:00:00Z\n")
    with pytest.raises(NotAnExportError, match="no column 'text'"):
        list(CSV_READER.read(tmp_path / "x.csv", ReadContext()))
    with pytest.raises(NotAnExportError, match="no .jsonl or .ndjson file"):
        list(JSONL_READER.read(CSV, ReadContext()))


def test_zip_of_files_reads_like_the_file(tmp_path):
    with zipfile.ZipFile(tmp_path / "g.zip", "w") as zf:
        zf.write(JSONL, "export/messages.jsonl")
    from_zip, plain = read_tables(JSONL_READER, tmp_path / "g.zip"), read_tables(JSONL_READER, JSONL)
    assert [m["text"] for m in from_zip["messages"]] == [m["text"] for m in plain["messages"]]
    assert from_zip["messages"][0]["raw_ref"] == "g.zip!messages.jsonl#1"
    assert JSONL_READER.sniff(tmp_path / "g.zip")


def test_batches_are_flushed_every_batch_size():
    sizes = [b.num_rows for b in JSONL_READER.read(JSONL, ReadContext(batch_size=4)) if raw_kind(b.schema) == "messages"]
    assert sizes == [4, 4, 1]


@pytest.mark.parametrize(("fmt", "path"), [("generic_jsonl.v1", JSONL), ("generic_csv.v1", CSV)])
def test_end_to_end_into_duckdb(make_config, fmt, path):
    cfg = make_config()
    src = SourceConfig(name="g", path=path, format=fmt, options={"source_name": "wiki"})
    with open_store(cfg.database) as con:
        s = ingest_export(con, src, cfg)
        assert (s.messages_read, s.messages_excluded) == (8 if "csv" in fmt else 9, 2)
        assert con.execute("SELECT thread_id FROM messages WHERE message_id = 'wiki:m2'").fetchone() == ("wiki:m1",)
        assert con.execute("SELECT count(*) FROM messages WHERE message_id IN ('wiki:m8', 'wiki:m9')").fetchone() == (0,)
        keys = con.execute("SELECT author_key FROM messages").fetchall()
        assert not any(k.startswith("wiki:") for (k,) in keys)
        before = con.execute("SELECT * FROM messages ORDER BY message_id").fetchall()
        again = ingest_export(con, src, cfg)
        assert (again.messages_new, again.messages_changed) == (0, 0)
        assert con.execute("SELECT * FROM messages ORDER BY message_id").fetchall() == before
