"""The Teams Graph reader: posts, threads, kinds, mentions, reactions, quarantine, zip and end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kennismaker.extract.load import ingest_export
from kennismaker.extract.readers import get_reader
from kennismaker.extract.readers.base import ReadContext
from tests.extract.helpers import read_tables, zipped
from kennismaker.extract.readers.teams import READER
from kennismaker.config import SourceConfig
from kennismaker.errors import NotAnExportError
from kennismaker.schema import raw_kind
from kennismaker.store import open_store

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "teams" / "export"
GENERAL = "teams:19:algemeen@thread.tacv2"
ANNA = "11111111-aaaa-4aaa-8aaa-111111111111"
PIET = "22222222-bbbb-4bbb-8bbb-222222222222"




@pytest.fixture(scope="module")
def rows():
    return read_tables(READER, FIXTURE)


@pytest.fixture(scope="module")
def msgs(rows):
    return {m["message_id"].rsplit(":", 1)[1]: m for m in rows["messages"]}


def test_registered_and_sniffed(tmp_path):
    assert get_reader("teams") is READER
    assert READER.sniff(FIXTURE)
    assert READER.sniff(FIXTURE / "algemeen.json")
    assert READER.sniff(zipped(FIXTURE, tmp_path / "t.zip"))
    (tmp_path / "slack.json").write_text('[{"type": "message", "ts": "1.2", "text": "hoi"}]')
    assert not READER.sniff(tmp_path / "slack.json")
    assert not READER.sniff(tmp_path / "missing")
    assert not READER.sniff(FIXTURE / "channels.json")


def test_posts_only_system_events_skipped(msgs):
    assert sorted(msgs) == ["1001", "1002", "1003", "1004", "1005", "1007", "1008", "2001", "3001", "4001", "5001"]


def test_thread_and_reply_ids(msgs):
    assert msgs["1001"]["message_id"] == f"{GENERAL}:1001"
    assert msgs["1001"]["thread_id"] == f"{GENERAL}:1001" and msgs["1001"]["reply_to_id"] is None
    for reply in ("1002", "1008"):
        assert msgs[reply]["thread_id"] == f"{GENERAL}:1001"
        assert msgs[reply]["reply_to_id"] == f"{GENERAL}:1001"


def test_html_body_mentions_and_links(msgs):
    q = msgs["1001"]
    assert q["text"] == "Weet iemand hoe ik de VPN instel op een nieuwe laptop? @Piet Jansen jij misschien?"
    assert q["mentions"] == [f"teams:{PIET}"]
    assert q["author_id"] == f"teams:{ANNA}"
    assert msgs["1002"]["urls"] == ["https://intranet.example.nl/vpn"]
    assert "<" not in msgs["1002"]["text"]


def test_text_body_is_kept(msgs):
    assert msgs["1008"]["text"] == "Dank je, het werkt! Zie ook https://support.example.nl/vpn-faq."
    assert msgs["1008"]["urls"] == ["https://support.example.nl/vpn-faq"]


def test_reactions(msgs):
    assert (msgs["1002"]["reaction_count"], msgs["1002"]["reactions"]) == (2, ["like", "checkmark"])
    assert (msgs["1003"]["reaction_count"], msgs["1003"]["reactions"]) == (2, ["like"])
    assert msgs["1004"]["reactions"] == ["grinning"]
    assert msgs["1001"]["reaction_count"] == 0


def test_attachments(msgs):
    assert msgs["1003"]["attachment_count"] == 1
    assert msgs["1003"]["urls"] == ["https://example.sharepoint.com/sites/hr/Declaraties.docx"]
    assert msgs["1008"]["attachment_count"] == 0  # a quoted reply is not a file
    assert msgs["1007"]["attachment_count"] == 1  # an adaptive card is


def test_edit_delete_and_bot(msgs, rows):
    assert msgs["1002"]["edited_at"].isoformat() == "2026-09-01T08:35:00+00:00"
    assert msgs["1001"]["edited_at"] is None
    assert msgs["1005"]["is_deleted"] and msgs["1005"]["text"] == ""
    assert msgs["1007"]["is_bot"] and not msgs["1001"]["is_bot"]
    bots = {p["display_name"] for p in rows["people"] if p["is_bot"]}
    assert bots == {"Servicedesk Bot"}


def test_channel_kinds_from_side_files(msgs, rows):
    kinds = {k: msgs[k]["channel_kind"] for k in ("1001", "2001", "3001", "4001", "5001")}
    # 5001's chat is not in chats.json: its @thread.v2 id form makes it a group chat.
    assert kinds == {"1001": "public", "2001": "private", "3001": "direct", "4001": "group", "5001": "group"}
    channels = {c["channel_id"]: (c["name"], c["kind"]) for c in rows["channels"]}
    assert channels[GENERAL] == ("Algemeen", "public")
    assert channels["teams:19:lunchclub@thread.v2"] == ("Lunchclub", "group")
    assert len(channels) == 5


def test_people_are_source_qualified(rows):
    people = {p["author_id"]: p["display_name"] for p in rows["people"]}
    assert people[f"teams:{ANNA}"] == "Anna de Boer" and people[f"teams:{PIET}"] == "Piet Jansen"
    assert all(p["email"] is None for p in rows["people"])


def test_bad_records_are_quarantined(rows):
    bad = {(q["file"], q["position"]): q["reason"] for q in rows["quarantine"]}
    assert set(bad) == {("more.jsonl", "6"), ("more.jsonl", "7"), ("more.jsonl", "8")}
    assert bad[("more.jsonl", "6")].startswith("invalid JSON")
    assert "timestamp" in bad[("more.jsonl", "7")]
    assert bad[("more.jsonl", "8")] == "missing id"


def test_raw_ref_and_seq(msgs):
    assert msgs["1001"]["raw_ref"] == "algemeen.json#value[0]"
    assert msgs["1008"]["raw_ref"] == "more.jsonl#1"
    assert sorted(m["raw_seq"] for m in msgs.values()) == list(range(1, 12))


def test_batches_are_flushed_every_batch_size():
    batches = [b for b in READER.read(FIXTURE, ReadContext(batch_size=3)) if raw_kind(b.schema) == "messages"]
    assert [b.num_rows for b in batches] == [3, 3, 3, 2]


def test_zip_reads_like_the_folder(tmp_path):
    from_zip = read_tables(READER, zipped(FIXTURE, tmp_path / "teams.zip", top="export/"))
    folder = read_tables(READER, FIXTURE)
    strip = lambda rows: [{k: v for k, v in r.items() if k != "raw_ref"} for r in rows]  # noqa: E731
    assert strip(from_zip["messages"]) == strip(folder["messages"])
    assert from_zip["channels"] == folder["channels"]
    assert from_zip["messages"][0]["raw_ref"] == "teams.zip!algemeen.json#value[0]"


def test_list_file_without_side_files_uses_conservative_kinds(tmp_path):
    base = {"messageType": "message", "createdDateTime": "2026-09-01T08:00:00Z", "body": {"contentType": "text", "content": "x"}}
    items = [
        dict(base, id="1", channelIdentity={"channelId": "19:c@thread.tacv2"}),
        dict(base, id="2", chatId="19:chat@thread.v2"),
        dict(base, id="3"),
        dict(base, id="4", chatId="19:a_b@unq.gbl.spaces"),
        dict(base, id="5", chatId="19:some-future-form"),
    ]
    (tmp_path / "list.json").write_text(json.dumps(items))
    rows = read_tables(READER, tmp_path / "list.json")
    # Unknown channels are public; an unknown chat's kind is its id form, else direct.
    assert [m["channel_kind"] for m in rows["messages"]] == ["public", "group", "direct", "direct"]
    assert rows["quarantine"][0]["position"] == "value[2]"


def test_json_lines_named_json_and_broken_documents(tmp_path):
    line = {"id": "1", "messageType": "message", "createdDateTime": "2026-09-01T08:00:00Z", "chatId": "c"}
    (tmp_path / "a.json").write_text(json.dumps(line) + "\n" + json.dumps(dict(line, id="2")) + "\n")
    (tmp_path / "b.json").write_text('{"value": [' + json.dumps(line) + ",")
    (tmp_path / "c.jsonl").write_bytes(json.dumps(dict(line, id="3")).encode() + b"\n" + b'{"id": "\xff"}\n')
    rows = read_tables(READER, tmp_path)
    assert [m["message_id"] for m in rows["messages"]] == ["teams:c:1", "teams:c:2", "teams:c:3"]
    reasons = sorted((q["file"], q["reason"].split(" (")[0]) for q in rows["quarantine"])
    assert reasons == [("b.json", "invalid JSON"), ("c.jsonl", "undecodable bytes")]


def test_not_an_export(tmp_path):
    (tmp_path / "notes.json").write_text('{"hello": "world"}')
    with pytest.raises(NotAnExportError, match="no Microsoft Graph chatMessage JSON"):
        list(READER.read(tmp_path, ReadContext()))
    with pytest.raises(NotAnExportError, match="does not exist"):
        list(READER.read(tmp_path / "missing", ReadContext()))


def test_broken_channels_file_is_an_error_not_a_guess(tmp_path):
    (tmp_path / "m.jsonl").write_text('{"id": "1", "messageType": "message", "createdDateTime": "2026-09-01T08:00:00Z", "chatId": "c"}\n')
    (tmp_path / "channels.json").write_text('{"value": [{"displayName": "geen id"}]}')
    with pytest.raises(NotAnExportError, match="channels.json.*private"):
        list(READER.read(tmp_path, ReadContext()))


def ingest(con, make_config, path: Path, **privacy):
    cfg = make_config(privacy=privacy) if privacy else make_config()
    return ingest_export(con, SourceConfig(name="teams", path=path, format="teams_graph.v1"), cfg)


def test_end_to_end_into_duckdb(make_config, tmp_path):
    cfg = make_config()
    with open_store(cfg.database) as con:
        s = ingest(con, make_config, zipped(FIXTURE, tmp_path / "teams.zip"))
        assert (s.messages_read, s.messages_new, s.messages_excluded, s.quarantined) == (11, 7, 4, 3)
        threads = dict(con.execute("SELECT message_id, thread_id FROM messages").fetchall())
        assert threads[f"{GENERAL}:1008"] == threads[f"{GENERAL}:1002"] == f"{GENERAL}:1001"
        assert con.execute("SELECT count(*) FROM messages WHERE channel_id <> ?", [GENERAL]).fetchone() == (0,)
        assert {k for (k,) in con.execute("SELECT kind FROM channels").fetchall()} == {"public"}
        dump = str(con.execute("SELECT * FROM messages").fetchall()) + str(con.execute("SELECT * FROM people").fetchall())
        assert ANNA not in dump and PIET not in dump and "Anna de Boer" not in dump
        before = con.execute("SELECT * FROM messages ORDER BY message_id").fetchall()
        again = ingest(con, make_config, zipped(FIXTURE, tmp_path / "teams2.zip"))
        assert (again.messages_new, again.messages_changed, again.messages_unchanged) == (0, 0, 7)
        assert con.execute("SELECT * FROM messages ORDER BY message_id").fetchall() == before


def test_end_to_end_private_and_chats_when_allowed(make_config):
    cfg = make_config(privacy={"include_private_channels": True, "include_direct_messages": True, "include_group_chats": True})
    with open_store(cfg.database) as con:
        s = ingest_export(con, SourceConfig(name="teams", path=FIXTURE, format="teams"), cfg)
        assert (s.format, s.messages_new, s.messages_excluded) == ("teams_graph.v1", 11, 0)


def test_users_side_file_gives_people_and_is_not_read_as_messages(tmp_path):
    import shutil

    shutil.copytree(FIXTURE, tmp_path / "export")
    users = {"value": [{"id": "u-side-1", "displayName": "Anna de Boer", "mail": "anna@example.nl"}]}
    (tmp_path / "export" / "users.json").write_text(json.dumps(users), encoding="utf-8")
    rows = read_tables(READER, tmp_path / "export")
    assert {"author_id": "teams:u-side-1", "display_name": "Anna de Boer", "email": "anna@example.nl"}.items() <= next(
        p for p in rows["people"] if p["author_id"] == "teams:u-side-1"
    ).items()
    assert not any("users.json" in (q["file"] or "") for q in rows["quarantine"])
    assert len(rows["messages"]) == len(read_tables(READER, FIXTURE)["messages"])
