"""The Slack, Mattermost and Discourse readers on the real samples in ../shared (skipped when absent)."""

from __future__ import annotations

import json
import re
import shutil
import zipfile

import pytest

from kennismaker.extract.load import ingest_export
from kennismaker.extract.readers import discourse, mattermost, slack, sniff_reader
from kennismaker.config import SourceConfig
from kennismaker.store import open_store
from tests.extract.helpers import read_tables

# Posts by the documented rule, written out here independently of the reader: plain messages,
# bot messages, /me, file shares and comments, thread broadcasts and tombstones; every other
# subtype (channel_join, bot_add, channel_topic, ...) is a system event.
POST_SUBTYPES = {None, "bot_message", "me_message", "file_share", "file_comment", "thread_broadcast", "tombstone"}


@pytest.fixture
def samples(shared_dir):
    return shared_dir / "samples"


def ingest(make_config, path, fmt="auto"):
    cfg = make_config()
    with open_store(cfg.database) as con:
        summary = ingest_export(con, SourceConfig(name="sample", path=path, format=fmt), cfg)
        stored = con.execute("SELECT count(*) FROM messages").fetchone()[0]
        dump = str(con.execute("SELECT * FROM messages").fetchall())
    return summary, stored, dump


def test_slack_export_viewer_archive(samples, make_config):
    archive = samples / "slack" / "slack-export-viewer" / "testarchive.zip"
    expected, total = 0, 0
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            if re.fullmatch(r"[^/]+/\d{4}-\d{2}-\d{2}\.json", name):
                day = json.loads(zf.read(name))
                total += len(day)
                expected += sum(1 for m in day if m.get("subtype") in POST_SUBTYPES)
    assert total == 158
    tables = read_tables(slack.READER, archive, batch_size=50)
    assert len(tables["messages"]) == expected == 147
    assert not tables["quarantine"]
    assert sum(r["is_bot"] for r in tables["messages"]) == 94
    assert sum(r["edited_at"] is not None for r in tables["messages"]) == 1
    assert sum(r["reaction_count"] for r in tables["messages"]) == 1
    assert sniff_reader(archive).name == "slack_export.v1"
    summary, stored, dump = ingest(make_config, archive)
    assert (summary.messages_read, stored) == (147, 147)
    assert "slack:U0" not in dump


def test_zulip_day_files_thread_broadcast_and_links(samples, tmp_path, make_config):
    fixtures = samples / "slack" / "zulip-fixtures"
    export = tmp_path / "export"
    (export / "general").mkdir(parents=True)
    shutil.copy(fixtures / "thread_with_broadcast_reply.json", export / "general" / "2024-01-01.json")
    single = json.loads((fixtures / "message_with_links.json").read_text())
    # That fixture is one message object; a day file is an array of them.
    (export / "general" / "2024-01-02.json").write_text(json.dumps([single]))
    (export / "channels.json").write_text(json.dumps([{"id": "C0GENERAL", "name": "general"}]))
    msgs = {r["message_id"]: r for r in read_tables(slack.READER, export)["messages"]}
    root = "slack:C0GENERAL:1434139102.000002"
    assert len(msgs) == 4
    assert msgs[root]["reply_to_id"] is None
    for reply in ("slack:C0GENERAL:1434139103.000002", "slack:C0GENERAL:1434139104.000002"):
        assert (msgs[reply]["thread_id"], msgs[reply]["reply_to_id"]) == (root, root)
    links = msgs["slack:C0GENERAL:1772029188.953659"]
    assert links["text"].splitlines()[0] == "Text with a link"
    assert "https://" not in links["text"] and links["text"].count("Text with a link") == 5
    assert links["urls"] == ["https://chat.zulip.org/"]
    summary, stored, _ = ingest(make_config, export)
    assert stored == 4


def test_mattermost_bulk_export(samples, make_config):
    export = samples / "mattermost" / "export.json"
    tables = read_tables(mattermost.READER, export)
    lines = [json.loads(line) for line in export.read_text().splitlines() if line.strip()]
    posts = [rec["post"] for rec in lines if rec["type"] == "post"]
    expected = len(posts) + sum(len(p.get("replies") or []) for p in posts)
    assert len(tables["messages"]) == expected == 21
    assert not tables["quarantine"]
    replies = [r for r in tables["messages"] if r["reply_to_id"]]
    assert len(replies) == 1 and replies[0]["thread_id"] == replies[0]["reply_to_id"]
    assert replies[0]["text"] == "The weather is so hot!"
    assert sum(r["reaction_count"] for r in tables["messages"]) == 9
    # dumbledores-army is private (P); snape posts to a channel his team never declared (private).
    private = sum(r["channel_kind"] == "private" for r in tables["messages"])
    assert private == 6
    summary, stored, dump = ingest(make_config, export)
    assert (summary.messages_read, stored) == (21, 15)
    assert "mattermost:harry" not in dump


def test_discourse_topic_response(samples, make_config):
    topic = samples / "discourse" / "topic_response.json"
    data = json.loads(topic.read_text())
    tables = read_tables(discourse.READER, topic)
    assert len(tables["messages"]) == len(data["post_stream"]["posts"]) == 1
    post = tables["messages"][0]
    assert post["message_id"] == "discourse:13:1" and post["thread_id"] == "discourse:13:1"
    assert post["text"].startswith("(Replace this first paragraph") and "<p>" not in post["text"]
    summary, stored, _ = ingest(make_config, topic)
    assert (summary.messages_read, stored) == (1, 1)
