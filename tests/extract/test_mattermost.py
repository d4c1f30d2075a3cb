"""The mattermost_bulk.v1 reader on a tiny hand-made bulk export (tests/fixtures/mattermost)."""

from __future__ import annotations

import hashlib
import zipfile
from datetime import datetime, timezone

import pytest

from kennismaker.extract.load import ingest_export
from kennismaker.extract.readers import sniff_reader
from kennismaker.extract.readers.base import ReadContext
from kennismaker.extract.readers.mattermost import READER
from kennismaker.config import SourceConfig
from kennismaker.errors import NotAnExportError
from kennismaker.store import open_store
from tests.conftest import FIXTURES
from tests.extract.helpers import read_tables

EXPORT = FIXTURES / "mattermost" / "export.jsonl"


def mm_id(where: str, user: str, create_at: int) -> str:
    return "mattermost:" + hashlib.sha1(f"{where}/{user}/{create_at}".encode()).hexdigest()[:16]


QUESTION = mm_id("gemeente/it-helpdesk", "anna", 1772445600000)


@pytest.fixture(scope="module")
def tables():
    return read_tables(READER, EXPORT)


@pytest.fixture(scope="module")
def msgs(tables):
    return {r["message_id"]: r for r in tables["messages"]}


def test_sniff(tmp_path):
    assert READER.sniff(EXPORT)
    assert READER.sniff(FIXTURES / "mattermost")
    assert not READER.sniff(FIXTURES / "slack" / "export")
    assert not READER.sniff(FIXTURES / "discourse" / "topics" / "101.json")
    assert sniff_reader(EXPORT).name == "mattermost_bulk.v1"


def test_not_an_export_is_one_clear_error(tmp_path):
    (tmp_path / "posts.jsonl").write_text('{"type": "post"}\n')
    with pytest.raises(NotAnExportError, match="not a Mattermost bulk export"):
        list(READER.read(tmp_path, ReadContext()))


def test_posts_replies_and_quarantine(tables, msgs):
    assert len(tables["messages"]) == 12  # the system_join_channel post is skipped
    assert all(r["source"] == "mattermost" for r in tables["messages"])
    reasons = sorted(q["reason"] for q in tables["quarantine"])
    assert len(reasons) == 3
    assert reasons[0].startswith("invalid JSON")
    assert {q["position"] for q in tables["quarantine"]} == {"9/reply 3", "18", "19"}


def test_ids_hash_where_who_and_when_and_replies_thread_to_the_root(msgs):
    root = msgs[QUESTION]
    assert (root["thread_id"], root["reply_to_id"]) == (QUESTION, None)
    answer = msgs[mm_id("gemeente/it-helpdesk", "bram", 1772445660000)]
    thanks = msgs[mm_id("gemeente/it-helpdesk", "anna", 1772445720000)]
    for reply in (answer, thanks):
        assert (reply["thread_id"], reply["reply_to_id"]) == (QUESTION, QUESTION)
    assert answer["created_at"] == datetime(2026, 3, 2, 10, 1, tzinfo=timezone.utc)
    assert answer["raw_ref"] == "export.jsonl#9/reply 1"


def test_text_urls_mentions_reactions_attachments(msgs):
    assert msgs[QUESTION]["mentions"] == ["mattermost:bram"]
    assert msgs[mm_id("gemeente/it-helpdesk", "anna", 1772445720000)]["mentions"] == ["mattermost:bram"]
    answer = msgs[mm_id("gemeente/it-helpdesk", "bram", 1772445660000)]
    assert answer["urls"] == ["https://wiki.example.nl/printers"]
    assert (answer["reaction_count"], answer["reactions"]) == (1, ["+1"])
    cake = msgs[mm_id("gemeente/algemeen", "carla", 1772438400000)]
    assert (cake["reaction_count"], cake["reactions"]) == (2, ["heart"])
    link = msgs[mm_id("gemeente/algemeen", "bram", 1772438460000)]
    assert (link["attachment_count"], link["urls"]) == (1, ["https://intranet.example.nl/verlof"])


def test_edits_deletions_and_bots(msgs):
    edited = msgs[mm_id("gemeente/algemeen", "anna", 1772438520000)]
    assert edited["edited_at"] == datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    deleted = msgs[mm_id("gemeente/algemeen", "carla", 1772438580000)]
    assert (deleted["is_deleted"], deleted["text"]) == (True, "")
    assert msgs[mm_id("gemeente/algemeen", "bram", 1772438640000)]["is_bot"]
    assert not msgs[QUESTION]["is_bot"]


def test_channel_kinds_direct_and_group_chats(tables, msgs):
    channels = {c["channel_id"]: c for c in tables["channels"]}
    assert channels["mattermost:gemeente/algemeen"]["kind"] == "public"
    assert channels["mattermost:gemeente/bestuur"]["kind"] == "private"
    assert channels["mattermost:gemeente/geheim-project"]["kind"] == "private"  # never declared
    chats = {c["kind"]: c for c in tables["channels"] if c["channel_id"].startswith("mattermost:direct:")}
    assert set(chats) == {"direct", "group"} and all(c["name"] is None for c in chats.values())
    dm = msgs[mm_id("anna,bram", "anna", 1772442120000)]
    group = msgs[mm_id("anna,bram,carla", "carla", 1772442180000)]
    assert (dm["channel_kind"], group["channel_kind"]) == ("direct", "group")
    assert group["channel_id"] == chats["group"]["channel_id"]
    assert msgs[mm_id("gemeente/bestuur", "anna", 1772442000000)]["channel_kind"] == "private"


def test_people_from_user_lines(tables):
    people = {p["author_id"]: p for p in tables["people"]}
    assert set(people) == {"mattermost:anna", "mattermost:bram", "mattermost:carla"}
    assert people["mattermost:anna"]["display_name"] == "Anna de Vries"
    assert people["mattermost:bram"]["display_name"] == "B.J."
    assert people["mattermost:carla"]["display_name"] == "carla"
    assert people["mattermost:anna"]["email"] == "anna@example.nl"


def test_zip_export(tmp_path, tables):
    archive = tmp_path / "mattermost.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(EXPORT, "export.jsonl")
    assert READER.sniff(archive)
    assert sorted(r["message_id"] for r in read_tables(READER, archive)["messages"]) == sorted(r["message_id"] for r in tables["messages"])


def test_ingest_end_to_end(make_config):
    cfg = make_config()
    src = SourceConfig(name="mm", path=EXPORT, format="auto")
    with open_store(cfg.database) as con:
        first = ingest_export(con, src, cfg)
        rows = con.execute("SELECT * FROM messages ORDER BY message_id").fetchall()
        second = ingest_export(con, src, cfg)
        assert con.execute("SELECT * FROM messages ORDER BY message_id").fetchall() == rows
        replies = con.execute("SELECT count(*) FROM messages WHERE thread_id = ? AND reply_to_id = ?", [QUESTION, QUESTION]).fetchone()
    assert (first.messages_read, first.messages_new, first.messages_excluded, first.quarantined) == (12, 8, 4, 3)
    assert (second.messages_new, second.messages_changed) == (0, 0)
    assert replies == (2,)
    assert "mattermost:anna" not in str(rows) and "mattermost:bram" not in str(rows)
