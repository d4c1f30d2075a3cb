"""The zulip_realm.v1 reader on a hand-made organization export (tests/fixtures/zulip/export).

No real Zulip export sample exists in ../shared; the fixture follows the tables that Zulip's
``zerver/lib/export.py`` writes (realm.json, attachment.json, messages-000001.json, ...).
"""

from __future__ import annotations

import json
import shutil

import pytest

from kennismaker.extract.load import ingest_export
from kennismaker.extract.readers import get_reader, reader_names, sniff_reader
from kennismaker.extract.readers.base import ReadContext
from kennismaker.extract.readers.zulip import READER
from kennismaker.extract.readers.zulip_markdown import zulip_text
from kennismaker.config import SourceConfig
from kennismaker.errors import NotAnExportError
from kennismaker.store import open_store
from tests.conftest import FIXTURES
from tests.extract.helpers import read_tables, zipped

EXPORT = FIXTURES / "zulip" / "export"
ANNA, BRAM, CARLA, BOT = "zulip:10", "zulip:11", "zulip:12", "zulip:13"


@pytest.fixture(scope="module")
def tables():
    return read_tables(READER, EXPORT)


@pytest.fixture(scope="module")
def msgs(tables):
    return {int(r["message_id"].removeprefix("zulip:")): r for r in tables["messages"]}


def test_sniff_claims_zulip_only(tmp_path):
    nested = tmp_path / "nested"
    shutil.copytree(EXPORT, nested / "zulip-export-x1y2z3")
    for path in (EXPORT, zipped(EXPORT, tmp_path / "zulip.zip", top="zulip-export-x1y2z3/"), nested):
        assert [n for n in reader_names() if get_reader(n).sniff(path)] == ["zulip_realm.v1"]
    assert sniff_reader(EXPORT).name == "zulip_realm.v1" and get_reader("zulip") is READER
    for other in ("slack/export", "mattermost/export.jsonl", "discourse/topics", "teams", "gitter/export", "discord/export"):
        assert not READER.sniff(FIXTURES / other)


def test_a_folder_without_realm_json_is_one_clear_error(tmp_path):
    (tmp_path / "messages-000001.json").write_text('{"zerver_message": []}')
    assert not READER.sniff(tmp_path)
    with pytest.raises(NotAnExportError, match=r"no Zulip realm export .*unpack its \.tar\.gz first"):
        list(READER.read(tmp_path, ReadContext()))


def test_posts_system_events_and_quarantine(tables, msgs):
    # 1004 is a topic-resolved notice, 1008 a Notification Bot "topic moved" notice; 1014 has no time.
    assert sorted(msgs) == [1001, 1002, 1003, 1005, 1006, 1007, 1009, 1010, 1011, 1012, 1013]
    [bad] = tables["quarantine"]
    assert (bad["file"], bad["position"], bad["reason"]) == (
        "messages-000002.json", "message 3", "message has no date_sent (epoch seconds)")
    assert msgs[1011]["raw_ref"] == "messages-000002.json#message 0"


def test_topics_are_threads_case_insensitive_and_resolved(msgs):
    assert {k for k, r in msgs.items() if r["thread_id"] == "zulip:1001"} == {1001, 1002, 1003}
    assert {k for k, r in msgs.items() if r["thread_id"] == "zulip:1005"} == {1005, 1006, 1007}
    assert msgs[1001]["reply_to_id"] is None and msgs[1002]["reply_to_id"] == msgs[1003]["reply_to_id"] == "zulip:1001"
    # A quote-and-reply answers the quoted message; the quote itself leaves the text.
    assert msgs[1007]["reply_to_id"] == "zulip:1006" and msgs[1007]["text"] == "Dus ik werk zaterdag?"
    # Direct messages have no topic: each is a thread of its own.
    assert all(msgs[k]["thread_id"] == f"zulip:{k}" and msgs[k]["reply_to_id"] is None for k in (1009, 1010, 1011, 1012, 1013))


def test_conversation_kinds(tables, msgs):
    assert {(c["channel_id"], c["name"], c["kind"]) for c in tables["channels"]} == {
        ("zulip:stream:20", "kennisbank", "public"), ("zulip:stream:21", "bestuur", "private"),
        ("zulip:dm:10-12", None, "direct"), ("zulip:huddle:30", None, "group"),
    }
    # Both directions of a DM are one conversation.
    assert msgs[1011]["channel_id"] == msgs[1012]["channel_id"] == "zulip:dm:10-12"
    assert msgs[1013]["channel_kind"] == "group" and msgs[1010]["channel_kind"] == "private"


def test_edits_deletions_bots_reactions_attachments(msgs):
    # 1009's only edit moved its topic: no text edit.
    assert [k for k, r in msgs.items() if r["edited_at"] is not None] == [1002]
    assert msgs[1002]["edited_at"].isoformat() == "2023-01-03T10:10:00+00:00"
    assert not any(r["is_deleted"] for r in msgs.values())
    assert [k for k, r in msgs.items() if r["is_bot"]] == [1009]
    assert (msgs[1002]["reaction_count"], msgs[1002]["reactions"]) == (3, ["+1", "tada"])
    assert [k for k, r in msgs.items() if r["attachment_count"]] == [1005]
    assert msgs[1005]["text"] == "Het nieuwe rooster: rooster.pdf"


def test_mentions_links_and_neutral_names(msgs):
    assert msgs[1002]["mentions"] == [ANNA] and msgs[1002]["text"].startswith("@user zie ")
    assert msgs[1007]["mentions"] == [BRAM]  # the quoted author
    assert msgs[1011]["mentions"] == [ANNA]  # typed "Anna, ..." without markup
    assert msgs[1013]["text"].startswith("@all ") and msgs[1013]["mentions"] == []
    assert [k for k, r in msgs.items() if r["mentions"]] == [1002, 1007, 1011]
    assert [(k, r["urls"]) for k, r in msgs.items() if r["urls"]] == [(1002, ["https://wiki.acme.example/vpn"])]
    assert msgs[1010]["text"] == "Begroting 2023 staat klaar, zie #kennisbank > Rooster voor de planning."
    assert "Anna" not in json.dumps([r["text"] for k, r in msgs.items() if k != 1011])


def test_names_in_text_when_display_names_may_be_stored():
    names = {10: "Anna de Vries", 11: "Bram Smit"}
    by_name = {"anna de vries": 10, "bram smit": 11}
    shown = zulip_text("@**Anna de Vries|10** en @**bram smit** en @*support*: [wiki](https://w.example/x)", by_name, names, True)
    assert shown.text == "@Anna de Vries en @Bram Smit en @support: wiki (https://w.example/x)"
    assert shown.user_ids == [10, 11] and shown.urls == ["https://w.example/x"]
    hidden = zulip_text("@**Anna de Vries|10** en @**bram smit**", by_name, names, False)
    assert hidden.text == "@user en @user" and hidden.user_ids == [10, 11]


def test_bad_files_are_quarantined_and_the_rest_loads(tmp_path):
    export = tmp_path / "export"
    shutil.copytree(EXPORT, export)
    (export / "messages-000003.json").write_text('{"zerver_message": [{"id": 1', encoding="utf-8")
    (export / "messages-000004.json").write_text('[1, 2]', encoding="utf-8")
    tables = read_tables(READER, export)
    assert len(tables["messages"]) == 11
    assert sorted((q["file"], q["reason"].split(":")[0]) for q in tables["quarantine"]) == [
        ("messages-000002.json", "message has no date_sent (epoch seconds)"),
        ("messages-000003.json", "invalid JSON"),
        ("messages-000004.json", "not a Zulip messages file (no zerver_message list)"),
    ]


def test_ingest_is_idempotent_and_leaves_private_and_direct_out(make_config):
    cfg = make_config()
    src = SourceConfig(name="zulip", path=EXPORT, format="auto")
    with open_store(cfg.database) as con:
        first = ingest_export(con, src, cfg)
        rows = con.execute("SELECT * FROM messages ORDER BY message_id").fetchall()
        second = ingest_export(con, src, cfg)
        assert con.execute("SELECT * FROM messages ORDER BY message_id").fetchall() == rows
        kinds = {k for (k,) in con.execute("SELECT DISTINCT kind FROM channels c JOIN messages m USING (channel_id)").fetchall()}
        keys = {k for (k,) in con.execute("SELECT DISTINCT unnest(list_append(mentions, author_key)) FROM messages").fetchall()}
    assert (first.format, first.messages_read, first.messages_new, first.messages_excluded, first.quarantined) == (
        "zulip_realm.v1", 11, 7, 4, 1)
    assert (second.messages_new, second.messages_changed) == (0, 0)
    assert kinds == {"public"}
    assert len(keys) == 4 and not keys & {ANNA, BRAM, CARLA, BOT}  # pseudonymised
    assert "anna.devries@acme.example" not in str(rows)
