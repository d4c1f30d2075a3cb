"""The discord_chat_exporter.v1 reader on a hand-made export (tests/fixtures/discord) and the real sample in ../shared."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from kennismaker.extract.load import ingest_export
from kennismaker.extract.readers import get_reader, reader_names, sniff_reader
from kennismaker.extract.readers.base import ReadContext
from kennismaker.extract.readers.discord import READER
from kennismaker.config import SourceConfig
from kennismaker.errors import NotAnExportError
from kennismaker.schema import raw_kind
from kennismaker.store import open_store
from tests.conftest import FIXTURES
from tests.extract.helpers import read_tables, zipped

EXPORT = FIXTURES / "discord" / "export"
HELPDESK = EXPORT / "Gemeente Voorbeeld - Support - it-helpdesk [1101].json"
SAMPLE = "samples/conformance/discord/zulip-dce-general"


@pytest.fixture(scope="module")
def tables():
    return read_tables(READER, EXPORT)


@pytest.fixture(scope="module")
def msgs(tables):
    return {r["message_id"]: r for r in tables["messages"]}


def claimed_by(path) -> list[str]:
    return [name for name in reader_names() if get_reader(name).sniff(path)]


def ingest(make_config, path, **privacy):
    cfg = make_config(privacy=privacy) if privacy else make_config()
    with open_store(cfg.database) as con:
        src = SourceConfig(name="discord", path=path, format="auto")
        first = ingest_export(con, src, cfg)
        second = ingest_export(con, src, cfg, force=True)
        rows = con.execute("SELECT message_id, text, mentions FROM messages ORDER BY message_id").fetchall()
        channels = dict(con.execute("SELECT channel_id, kind FROM channels").fetchall())
    return first, second, rows, channels


def test_sniff_claims_its_exports_only(tmp_path):
    assert claimed_by(EXPORT) == ["discord_chat_exporter.v1"]
    assert claimed_by(HELPDESK) == ["discord_chat_exporter.v1"]
    assert claimed_by(zipped(EXPORT, tmp_path / "discord.zip", top="export/")) == ["discord_chat_exporter.v1"]
    for other in ("slack/export", "mattermost/export.jsonl", "discourse/topics", "teams/export", "generic/messages.jsonl"):
        assert not READER.sniff(FIXTURES / other), other
    assert sniff_reader(EXPORT).name == "discord_chat_exporter.v1"


def test_not_an_export_is_one_clear_error(tmp_path):
    (tmp_path / "channel.json").write_text('{"channel": {"id": "1"}, "messages": []}')
    with pytest.raises(NotAnExportError, match="holds no DiscordChatExporter JSON"):
        list(READER.read(tmp_path, ReadContext()))


def test_posts_system_events_and_quarantine(tables, msgs):
    # 12 helpdesk records - 2 system events (join, pin) - 1 malformed + 3 thread records - 1 starter notice + 1 DM.
    assert len(msgs) == len(tables["messages"]) == 11
    assert all(r["source"] == "discord" for r in tables["messages"])
    assert not {"discord:1101:3002", "discord:1101:3007", "discord:3006:4001"} & set(msgs)
    [bad] = tables["quarantine"]
    assert (bad["position"], bad["reason"]) == ("message 7", "message has no timestamp")
    assert bad["file"] == HELPDESK.name and '"3008"' in bad["excerpt"]


def test_replies_and_threads(msgs):
    question = "discord:1101:3001"
    assert (msgs[question]["thread_id"], msgs[question]["reply_to_id"]) == (question, None)
    assert (msgs["discord:1101:3003"]["thread_id"], msgs["discord:1101:3003"]["reply_to_id"]) == (question, question)
    # A reply to a reply joins the thread of the question.
    assert (msgs["discord:1101:3004"]["thread_id"], msgs["discord:1101:3004"]["reply_to_id"]) == (question, "discord:1101:3003")
    # The thread channel 3006 was started from message 3006 of it-helpdesk: its posts are that thread, in that channel.
    for reply in ("discord:3006:4002", "discord:3006:4003"):
        row = msgs[reply]
        assert (row["thread_id"], row["reply_to_id"]) == ("discord:1101:3006", "discord:1101:3006")
        assert (row["channel_id"], row["channel_name"], row["channel_kind"]) == ("discord:1101", "it-helpdesk", "public")
    roots = [r for r in msgs.values() if r["thread_id"] == r["message_id"]]
    assert len(roots) == 6


def test_edit_and_deleted_original(msgs):
    assert msgs["discord:1101:3003"]["edited_at"] == datetime(2026, 3, 2, 8, 7, 30, tzinfo=timezone.utc)
    assert msgs["discord:1101:3003"]["created_at"] == datetime(2026, 3, 2, 8, 5, tzinfo=timezone.utc)
    assert sum(r["edited_at"] is not None for r in msgs.values()) == 1
    # Discord exports hold no deleted messages: the reply points at the absent original, nothing is made up.
    orphan = msgs["discord:1101:3005"]
    assert (orphan["reply_to_id"], orphan["thread_id"]) == ("discord:1101:2999", "discord:1101:2999")
    assert "discord:1101:2999" not in msgs
    assert not any(r["is_deleted"] for r in msgs.values())


def test_mentions_read_neutral_without_names(msgs):
    answer = msgs["discord:1101:3003"]
    assert answer["text"] == "@user zie https://wiki.example.org/vpn, stap 3."
    assert answer["mentions"] == ["discord:501"]
    markup = msgs["discord:1101:3009"]
    assert markup["text"] == "@user kun je ook in #it-helpdesk en #channel kijken? :party: @everyone"
    assert markup["mentions"] == ["discord:502"]
    assert msgs["discord:1101:3010"]["mentions"] == ["discord:502"]  # typed "Bram: ..."
    assert sum(bool(r["mentions"]) for r in msgs.values()) == 3


def test_mentions_read_as_names_when_allowed():
    ctx = ReadContext(store_display_names=True)
    rows = {r["message_id"]: r for b in READER.read(EXPORT, ctx) if raw_kind(b.schema) == "messages" for r in b.to_pylist()}
    assert rows["discord:1101:3003"]["text"].startswith("@Anna de Vries zie")
    assert rows["discord:1101:3009"]["text"].startswith("@Bram Jansen kun je")


def test_links_attachments_reactions_and_bots(tables, msgs):
    assert msgs["discord:1101:3006"]["urls"] == ["https://docs.example.org/printer", "https://status.example.org/"]
    assert (msgs["discord:1101:3006"]["reaction_count"], msgs["discord:1101:3006"]["reactions"]) == (2, ["thumbsup"])
    backup = msgs["discord:1101:3011"]
    assert backup["is_bot"] and backup["attachment_count"] == 1
    assert backup["urls"] == ["https://cdn.discordapp.com/attachments/1101/901/backup-log.txt"]
    assert sum(len(r["urls"]) for r in msgs.values()) == 4
    people = {p["author_id"]: p for p in tables["people"]}
    assert set(people) == {"discord:501", "discord:502", "discord:503", "discord:599"}
    assert people["discord:599"]["is_bot"] and not people["discord:501"]["is_bot"]


def test_channel_kinds(tables, msgs):
    assert {c["channel_id"]: (c["name"], c["kind"]) for c in tables["channels"]} == {
        "discord:1101": ("it-helpdesk", "public"),
        "discord:1201": (None, "direct"),
    }
    assert msgs["discord:1201:5001"]["channel_kind"] == "direct"


def test_zip_reads_the_same_rows(tmp_path, tables):
    archive = zipped(EXPORT, tmp_path / "discord.zip", top="export/")
    rows = read_tables(READER, archive)["messages"]
    assert [r["message_id"] for r in rows] == [r["message_id"] for r in tables["messages"]]


def test_ingest_leaves_dms_out_and_is_idempotent(make_config):
    first, second, rows, channels = ingest(make_config, EXPORT)
    assert (first.format, first.messages_read, first.messages_excluded, first.quarantined) == ("discord_chat_exporter.v1", 11, 1, 1)
    assert (first.messages_new, second.messages_new, second.messages_changed, second.messages_unchanged) == (10, 0, 0, 10)
    assert len(rows) == 10 and "discord:1201:5001" not in {r[0] for r in rows}
    assert channels == {"discord:1101": "public"}
    assert not any("Anna de Vries" in text or "Bram Jansen" in text for _, text, _ in rows)
    assert all(not m.startswith("discord:") for _, _, mentions in rows for m in mentions)  # pseudonymised


def test_ingest_keeps_dms_when_configured(make_config):
    first, _, rows, channels = ingest(make_config, EXPORT, include_direct_messages=True)
    assert (first.messages_read, first.messages_excluded, len(rows)) == (11, 0, 11)
    assert channels["discord:1201"] == "direct"


def test_broken_files_and_private_threads(tmp_path):
    (tmp_path / "a-truncated.json").write_text('{"guild": {"id": "7"}, "channel": {"id": "1", "type": "GuildTextChat"', encoding="utf-8")
    (tmp_path / "b-no-messages.json").write_text('{"guild": {}, "channel": {"id": "2"}, "messages": {}}', encoding="utf-8")
    author = {"id": "9", "name": "dirk"}
    private = {
        "guild": {"id": "7"},
        "channel": {"id": "30", "type": "GuildPrivateThread", "categoryId": "3", "name": "salarissen"},
        "messages": ["geen object", {"id": "31", "type": "Default", "timestamp": "2026-03-02T09:00:00Z", "content": "Vraag", "author": author}],
    }
    (tmp_path / "c-private-thread.json").write_text(json.dumps(private), encoding="utf-8")
    tables = read_tables(READER, tmp_path)
    reasons = [(q["file"], q["reason"].split(":")[0]) for q in tables["quarantine"]]
    assert reasons == [
        ("a-truncated.json", "invalid JSON"),
        ("b-no-messages.json", "not a DiscordChatExporter channel (no channel id or messages list)"),
        ("c-private-thread.json", "message is not a JSON object"),
    ]
    [row] = tables["messages"]
    # A private thread stays its own (private) channel; its posts form the thread of its starter in the parent.
    assert (row["channel_id"], row["channel_kind"], row["thread_id"]) == ("discord:30", "private", "discord:3:30")
    assert tables["channels"] == [{"source": "discord", "channel_id": "discord:30", "name": "salarissen", "kind": "private"}]


def test_a_crosspost_reference_is_no_reply(tmp_path):
    news = {
        "guild": {"id": "7"},
        "channel": {"id": "40", "type": "GuildNews", "name": "nieuws"},
        "messages": [{
            "id": "41", "type": "Default", "timestamp": "2026-03-02T09:00:00Z", "content": "Nieuwe release",
            "author": {"id": "9", "name": "dirk"}, "reference": {"messageId": "5", "channelId": "6", "guildId": "8"},
        }],
    }
    (tmp_path / "news.json").write_text(json.dumps(news), encoding="utf-8")
    [row] = read_tables(READER, tmp_path)["messages"]
    assert (row["reply_to_id"], row["thread_id"], row["channel_kind"]) == (None, "discord:40:41", "public")


@pytest.fixture
def sample(shared_dir):
    path = shared_dir / SAMPLE
    if not path.is_dir():
        pytest.skip(f"{SAMPLE} is not in ../shared")
    return path


@pytest.mark.shared
def test_real_sample_posts_replies_and_mentions(sample):
    [path] = sorted(sample.glob("*.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    posts = [m for m in data["messages"] if m["type"] in ("Default", "Reply")]
    assert (len(data["messages"]), len(posts)) == (7, 5)  # GuildMemberJoin and ChannelPinnedMessage are no posts
    assert claimed_by(sample) == ["discord_chat_exporter.v1"]
    tables = read_tables(READER, sample)
    msgs = {r["message_id"]: r for r in tables["messages"]}
    assert list(msgs) == [f"discord:100:{m['id']}" for m in posts]
    assert not tables["quarantine"]
    assert msgs["discord:100:msg003"]["reply_to_id"] == msgs["discord:100:msg003"]["thread_id"] == "discord:100:msg001"
    assert sum(r["reply_to_id"] is not None for r in msgs.values()) == 1
    assert [r["message_id"] for r in msgs.values() if r["is_bot"]] == ["discord:100:msg005"]
    assert msgs["discord:100:msg002"]["attachment_count"] == 1 and msgs["discord:100:msg002"]["urls"] == []
    assert msgs["discord:100:msg006"]["text"] == "Hello @user, check #channel and @everyone"
    assert msgs["discord:100:msg006"]["mentions"] == ["discord:user002"]
    assert sum(r["reaction_count"] for r in msgs.values()) == 2
    assert not any(r["edited_at"] or r["is_deleted"] for r in msgs.values())
    assert tables["channels"] == [{"source": "discord", "channel_id": "discord:100", "name": "general", "kind": "public"}]


@pytest.mark.shared
def test_real_sample_ingests_idempotently(sample, make_config):
    first, second, rows, _ = ingest(make_config, sample)
    assert (first.messages_read, first.messages_new, first.quarantined) == (5, 5, 0)
    assert (second.messages_new, second.messages_unchanged) == (0, 5)
    assert len(rows) == 5 and not any("<@" in text for _, text, _ in rows)
