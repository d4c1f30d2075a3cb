"""The gitter_room.v1 reader on a hand-made room export (tests/fixtures/gitter) and the real sample in ../shared."""

from __future__ import annotations

import json

import pytest

from kennismaker.extract.load import ingest_export
from kennismaker.extract.readers import get_reader, reader_names, sniff_reader
from kennismaker.extract.readers.base import ReadContext
from kennismaker.extract.readers.gitter import READER
from kennismaker.config import SourceConfig
from kennismaker.errors import NotAnExportError
from kennismaker.store import open_store
from tests.conftest import FIXTURES
from tests.extract.helpers import read_tables, zipped

EXPORT = FIXTURES / "gitter" / "export"
ROOM = EXPORT / "acme" / "kennisbank.json"
ANNA, BRAM, CARLA = (f"gitter:5e00000000000000000000{c}" for c in ("aa", "bb", "cc"))


@pytest.fixture(scope="module")
def tables():
    return read_tables(READER, EXPORT)


@pytest.fixture(scope="module")
def msgs(tables):
    return {r["message_id"].removeprefix("gitter:5f0000000000000000000"): r for r in tables["messages"]}


def test_sniff_claims_gitter_only(tmp_path):
    for path in (EXPORT, ROOM, zipped(EXPORT, tmp_path / "gitter.zip")):
        assert [n for n in reader_names() if get_reader(n).sniff(path)] == ["gitter_room.v1"]
    assert sniff_reader(ROOM).name == "gitter_room.v1"
    for other in ("slack/export", "mattermost/export.jsonl", "discourse/topics", "teams"):
        assert not READER.sniff(FIXTURES / other)


def test_a_list_without_gitter_messages_is_one_clear_error(tmp_path):
    (tmp_path / "room.json").write_text('[{"id": "1", "text": "hoi"}]')
    assert not READER.sniff(tmp_path)
    with pytest.raises(NotAnExportError, match="no Gitter room messages"):
        list(READER.read(tmp_path, ReadContext()))


def test_posts_system_events_and_quarantine(tables, msgs):
    # 10 records in the public room: one GitHub activity event (skipped), one without a sent time.
    assert sorted(msgs) == ["001", "002", "003", "004", "006", "007", "008", "009", "101"]
    assert "005" not in msgs
    [bad] = tables["quarantine"]
    assert (bad["file"], bad["position"], bad["reason"]) == ("acme/kennisbank.json", "message 9", "message has no sent time")
    assert msgs["001"]["raw_ref"] == "acme/kennisbank.json#message 0"


def test_threads_and_replies(msgs):
    root = "gitter:5f0000000000000000000001"
    assert {k for k, r in msgs.items() if r["thread_id"] == root} == {"001", "002", "003"}
    assert msgs["002"]["reply_to_id"] == msgs["003"]["reply_to_id"] == root
    assert msgs["001"]["reply_to_id"] is None
    assert {r["thread_id"] for k, r in msgs.items() if k not in ("001", "002", "003")} == {
        f"gitter:5f0000000000000000000{k}" for k in ("004", "006", "007", "008", "009", "101")
    }


def test_edit_deletion_status_and_bridged_sender(msgs):
    assert [k for k, r in msgs.items() if r["edited_at"] is not None] == ["002", "004"]
    assert [k for k, r in msgs.items() if r["is_deleted"]] == ["004"]
    assert msgs["004"]["text"] == ""
    assert msgs["006"]["text"] == "is vandaag vrij" and not msgs["006"]["is_deleted"]
    assert msgs["009"]["author_id"] == "gitter:matrix:dirk:matrix.example"


def test_mentions_and_urls(msgs):
    assert msgs["002"]["mentions"] == [ANNA]
    assert msgs["008"]["mentions"] == [CARLA]  # typed "Carla Jansen, ..." without markup
    assert [k for k, r in msgs.items() if r["mentions"]] == ["002", "008"]
    assert msgs["002"]["urls"] == ["https://wiki.acme.example/vpn"]
    assert msgs["007"]["urls"] == ["https://acme.example/notes/4.2"]
    assert [k for k, r in msgs.items() if r["urls"]] == ["002", "007"]


def test_room_kinds_and_people(tables, msgs):
    assert {(c["channel_id"], c["kind"]) for c in tables["channels"]} == {
        ("gitter:room:acme/kennisbank", "public"), ("gitter:room:acme/bestuur", "private")
    }
    assert msgs["101"]["channel_kind"] == "private"
    assert {p["author_id"]: p["display_name"] for p in tables["people"]} == {
        ANNA: "Anna de Vries", BRAM: "Bram Smit", CARLA: "Carla Jansen", "gitter:matrix:dirk:matrix.example": "Dirk Bakker"
    }


def test_single_room_file_without_rooms_json_is_public(tmp_path):
    target = tmp_path / "team-room.json"
    target.write_bytes(ROOM.read_bytes())
    rows = read_tables(READER, target)["messages"]
    assert len(rows) == 8 and {(r["channel_id"], r["channel_kind"]) for r in rows} == {("gitter:room:team-room", "public")}


def test_repeated_ids_and_room_field(tmp_path):
    base = {"text": "x", "fromUser": {"id": "u1", "username": "u1"}, "sent": "2021-01-01T00:00:00Z"}
    records = [
        {**base, "id": "m1", "room": "acme/a"},
        {**base, "id": "m1", "room": "acme/a", "text": "x (bewerkt)", "editedAt": "2021-01-01T00:01:00Z"},
        {**base, "id": "m1", "room": "acme/a", "sent": "2021-01-02T00:00:00Z"},
    ]
    (tmp_path / "dump.json").write_text(json.dumps(records))
    ids = [(r["message_id"], r["channel_id"]) for r in read_tables(READER, tmp_path)["messages"]]
    assert ids[0] == ids[1] == ("gitter:m1", "gitter:room:acme/a")
    assert ids[2][0].startswith("gitter:m1:") and ids[2][1] == "gitter:room:acme/a"


def test_ingest_is_idempotent_and_leaves_private_rooms_out(make_config):
    cfg = make_config()
    src = SourceConfig(name="gitter", path=EXPORT, format="auto")
    with open_store(cfg.database) as con:
        first = ingest_export(con, src, cfg)
        rows = con.execute("SELECT * FROM messages ORDER BY message_id").fetchall()
        second = ingest_export(con, src, cfg)
        assert con.execute("SELECT * FROM messages ORDER BY message_id").fetchall() == rows
        kinds = {k for (k,) in con.execute("SELECT DISTINCT kind FROM channels c JOIN messages m USING (channel_id)").fetchall()}
    assert (first.messages_read, first.messages_new, first.messages_excluded, first.quarantined) == (9, 8, 1, 1)
    assert (second.messages_new, second.messages_changed) == (0, 0)
    assert kinds == {"public"}
    assert ANNA not in str(rows)


def test_real_sample_zulip_gitter_data(shared_dir, make_config):
    sample = shared_dir / "samples" / "conformance" / "gitter" / "zulip-gitter-data" / "gitter_data.json"
    records = json.loads(sample.read_text())
    tables = read_tables(READER, sample)
    rows = tables["messages"]
    assert len(rows) == len(records) == 2 and not tables["quarantine"]
    # Both records carry the same id but come from different people at different times.
    assert len({r["message_id"] for r in rows}) == 2
    assert [r["text"] for r in rows] == [m["text"] for m in records]
    assert {r["author_id"] for r in rows} == {f"gitter:{m['fromUser']['id']}" for m in records}
    assert sniff_reader(sample).name == "gitter_room.v1"
    cfg = make_config()
    with open_store(cfg.database) as con:
        summary = ingest_export(con, SourceConfig(name="sample", path=sample, format="auto"), cfg)
        stored = con.execute("SELECT count(*) FROM messages").fetchone()[0]
    assert (summary.messages_read, stored, summary.quarantined) == (2, 2, 0)
