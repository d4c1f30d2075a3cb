"""The slackdump.v1 reader on a hand-made chunk file (tests/fixtures/slackdump) and the real samples in ../shared,
plus slackdump's export-compatible zip, which the Slack export reader reads."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import zipfile

import pytest

from kennismaker.extract.load import ingest_export
from kennismaker.extract.readers import get_reader, reader_names, slack, sniff_reader
from kennismaker.extract.readers.base import ReadContext
from kennismaker.extract.readers.slackdump import READER
from kennismaker.config import SourceConfig
from kennismaker.errors import NotAnExportError
from kennismaker.schema import raw_kind
from kennismaker.store import open_store
from tests.conftest import FIXTURES
from tests.extract.helpers import read_tables, zipped

CHUNKS = FIXTURES / "slackdump" / "chunks.jsonl"
SAMPLES = "samples/conformance/slack"
HELP = "slack:C01HELP"
QUESTION = f"{HELP}:1700000000.000100"
# Posts by the documented rule, written out here independently of the reader (as in the other Slack tests).
POST_SUBTYPES = {None, "bot_message", "me_message", "file_share", "file_comment", "thread_broadcast", "tombstone"}


@pytest.fixture(scope="module")
def tables():
    return read_tables(READER, CHUNKS)


@pytest.fixture(scope="module")
def msgs(tables):
    return {r["message_id"]: r for r in tables["messages"]}


def gzipped(source, target):
    with open(source, "rb") as src, gzip.open(target, "wb") as dst:
        shutil.copyfileobj(src, dst)
    return target


def claimed_by(path) -> list[str]:
    return [name for name in reader_names() if get_reader(name).sniff(path)]


def without_refs(rows):
    return [{k: v for k, v in r.items() if k != "raw_ref"} for r in rows]


def test_sniff_claims_chunk_files_only(tmp_path):
    gz = gzipped(CHUNKS, tmp_path / "chunks.jsonl.gz")
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(gz, folder / "C01HELP.json.gz")
    for path in (CHUNKS, gz, folder, zipped(folder, tmp_path / "archive.zip", top="archive/")):
        assert claimed_by(path) == ["slackdump.v1"], path
    assert sniff_reader(gz).name == "slackdump.v1"
    others = ("slack/export", "mattermost/export.jsonl", "discourse/topics", "teams/export", "generic/messages.jsonl",
              "discord/export", "gitter/export", "yammer/export", "conformance/mattermost-v11.jsonl")
    for other in others:
        assert not READER.sniff(FIXTURES / other), other


def test_not_an_export_is_one_clear_error(tmp_path):
    (tmp_path / "notes.jsonl").write_text('{"type": "version", "version": 1}\n')
    with pytest.raises(NotAnExportError, match="holds no slackdump chunk file"):
        list(READER.read(tmp_path, ReadContext()))


def test_posts_system_events_and_quarantine(tables, msgs):
    # 8 history records - 1 join - 1 without ts + 3 thread replies (1 a broadcast already read) + 1 reply under
    # the deleted message + 1 private, 1 direct and 1 undescribed-channel message.
    assert len(msgs) == len(tables["messages"]) == 12
    assert f"{HELP}:1700000050.000100" not in msgs  # channel_join
    assert not any("geen ts" in r["text"] for r in tables["messages"])
    assert sorted((q["position"], q["reason"]) for q in tables["quarantine"]) == [
        ("line 13", "line is not a JSON object"),
        ("line 6 message 7", "message has no ts string (Slack timestamps must stay strings)"),
        ("line 9", "invalid JSON: Invalid control character at"),
    ]
    assert all("@gemeente.example" not in (q["excerpt"] or "") for q in tables["quarantine"])


def test_threads_edit_deletion_and_bot(msgs):
    replies = {m for m, r in msgs.items() if r["reply_to_id"]}
    assert replies == {f"{HELP}:1700000200.000100", f"{HELP}:1700000400.000100", f"{HELP}:1700000800.000100",
                       f"{HELP}:1700000550.000100"}
    # The last reply carries no thread_ts of its own: the thread chunk's "r" places it.
    assert (msgs[f"{HELP}:1700000800.000100"]["thread_id"], msgs[f"{HELP}:1700000800.000100"]["reply_to_id"]) == (QUESTION, QUESTION)
    assert msgs[f"{HELP}:1700000550.000100"]["thread_id"] == f"{HELP}:1700000500.000100"
    assert msgs[QUESTION]["thread_id"] == QUESTION and msgs[QUESTION]["reply_to_id"] is None
    assert [m for m, r in msgs.items() if r["edited_at"] is not None] == [f"{HELP}:1700000100.000100"]
    deleted = [r for r in msgs.values() if r["is_deleted"]]
    assert [r["message_id"] for r in deleted] == [f"{HELP}:1700000500.000100"] and deleted[0]["text"] == ""
    assert [m for m, r in msgs.items() if r["is_bot"]] == [f"{HELP}:1700000600.000100"]


def test_mentions_and_links(msgs):
    question = msgs[QUESTION]
    assert question["mentions"] == ["slack:U02BRAM"]
    assert question["text"] == "Hoe krijg ik toegang tot de VPN? @user weet jij dat?"  # no names by default
    answer = msgs[f"{HELP}:1700000200.000100"]
    assert answer["mentions"] == ["slack:U01ANNA"]  # typed "Anna:", resolved through the users chunk
    assert answer["urls"] == ["https://wiki.gemeente.example/mfa"]
    link = msgs[f"{HELP}:1700000100.000100"]
    assert (link["text"], link["urls"]) == ("Handleiding staat hier: VPN-handleiding", ["https://wiki.gemeente.example/vpn"])
    assert sum(bool(r["mentions"]) for r in msgs.values()) == 2
    assert sum(bool(r["urls"]) for r in msgs.values()) == 2


def test_names_in_text_only_when_display_names_may_be_stored():
    batches = READER.read(CHUNKS, ReadContext(store_display_names=True))
    rows = [r for b in batches if raw_kind(b.schema) == "messages" for r in b.to_pylist()]
    question = next(r for r in rows if r["message_id"] == QUESTION)
    assert question["text"] == "Hoe krijg ik toegang tot de VPN? @Bram Jansen weet jij dat?"


def test_channels_people_and_kinds(tables):
    kinds = {r["channel_id"]: (r["name"], r["kind"]) for r in tables["channels"]}
    assert kinds == {
        HELP: ("it-helpdesk", "public"),
        "slack:C02PRIV": ("hr-vertrouwelijk", "private"),
        "slack:D01DM": (None, "direct"),
        "slack:G0LEGACY": (None, "private"),  # no chunk describes it
    }
    people = {r["author_id"]: (r["display_name"], r["is_bot"]) for r in tables["people"]}
    assert people == {"slack:U01ANNA": ("Anna de Vries", False), "slack:U02BRAM": ("Bram Jansen", False),
                      "slack:U03BOT": ("Herinneringsbot", True)}


def test_gzip_folder_and_zip_read_the_same(tmp_path, tables):
    gz = gzipped(CHUNKS, tmp_path / "chunks.jsonl.gz")
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(gz, folder / "chunks.jsonl.gz")
    for path in (gz, folder, zipped(folder, tmp_path / "archive.zip")):
        other = read_tables(READER, path, batch_size=5)
        assert without_refs(other["messages"]) == without_refs(tables["messages"]), path
        assert len(other["quarantine"]) == 3


def test_a_broken_gzip_stream_is_quarantined_after_what_it_held(tmp_path):
    # Two gzip members of the whole file (the second repeats ids, so it adds no rows); the second is cut off.
    member = gzip.compress(CHUNKS.read_bytes())
    broken = tmp_path / "chunks.jsonl.gz"
    broken.write_bytes(member + member[: len(member) // 2])
    tables = read_tables(READER, broken)
    assert [q["reason"] for q in tables["quarantine"] if "gzip" in q["reason"]] == [
        "file is not a readable gzip stream (Compressed file ended before the end-of-stream marker was reached)"
    ]
    assert len(tables["messages"]) == 12


def test_ingest_is_idempotent_with_private_spaces_out(make_config):
    cfg = make_config()
    with open_store(cfg.database) as con:
        src = SourceConfig(name="slackdump", path=CHUNKS, format="auto")
        first = ingest_export(con, src, cfg)
        second = ingest_export(con, src, cfg, force=True)
        channels = {r[0] for r in con.execute("SELECT DISTINCT channel_id FROM messages").fetchall()}
    assert first.format == "slackdump.v1"
    assert (first.messages_read, first.messages_excluded, first.messages_new, first.quarantined) == (12, 3, 9, 3)
    assert (second.messages_new, second.messages_changed, second.messages_unchanged) == (0, 0, 9)
    assert channels == {HELP}


def sample_expectations(path):
    """Posts, replies and edits of a chunk file counted straight from its JSON, each message once by ts."""
    posts: dict[str, dict] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            chunk = json.loads(line)
            if chunk["t"] not in (0, 1):
                continue
            for m in ([chunk["p"]] if chunk.get("p") else []) + chunk.get("m", []):
                if m.get("subtype") in POST_SUBTYPES:
                    posts.setdefault(m["ts"], m)
    replies = sum(1 for m in posts.values() if m.get("thread_ts") and m["thread_ts"] != m["ts"])
    edits = sum(1 for m in posts.values() if m.get("edited"))
    return len(posts), replies, edits


def test_real_slackdump_chunks_sample(shared_dir, make_config):
    path = shared_dir / SAMPLES / "slackdump-chunks-jsonl" / "chunks.jsonl.gz"
    posts, replies, edits = sample_expectations(path)
    assert (posts, replies, edits) == (850, 365, 32)
    assert claimed_by(path) == ["slackdump.v1"]
    tables = read_tables(READER, path, batch_size=200)
    rows = tables["messages"]
    assert len(rows) == len({r["message_id"] for r in rows}) == posts
    assert sum(r["reply_to_id"] is not None for r in rows) == replies
    assert sum(r["edited_at"] is not None for r in rows) == edits
    assert len({r["thread_id"] for r in rows if r["reply_to_id"]}) == 60
    assert not tables["quarantine"]
    # The one conversation is a private channel (is_private in its channel info): out by default.
    assert tables["channels"] == [{"source": "slack", "channel_id": "slack:CO73D19AAE17", "name": "059602", "kind": "private"}]
    cfg = make_config()
    with open_store(cfg.database) as con:
        strict = ingest_export(con, SourceConfig(name="sample", path=path), cfg)
        assert (strict.messages_excluded, con.execute("SELECT count(*) FROM messages").fetchone()[0]) == (posts, 0)
    cfg = make_config(privacy={"include_private_channels": True})
    with open_store(cfg.database) as con:
        summary = ingest_export(con, SourceConfig(name="sample", path=path), cfg)
        again = ingest_export(con, SourceConfig(name="sample", path=path), cfg, force=True)
        stored = con.execute("SELECT count(*) FROM messages").fetchone()[0]
    assert (summary.messages_new, stored, again.messages_new, again.messages_unchanged) == (posts, posts, 0, posts)


def test_real_slackdump_export_zip_reads_as_a_slack_export(shared_dir, make_config):
    archive = shared_dir / SAMPLES / "slackdump-source-export" / "source_export.zip"
    day_entries = []
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            if re.fullmatch(r"[^/]+/\d{4}-\d{2}-\d{2}\.json", name):
                day_entries += json.loads(zf.read(name))
    posts = [m for m in day_entries if m.get("subtype") in POST_SUBTYPES]
    assert (len(day_entries), len(posts)) == (16, 15)
    assert claimed_by(archive) == ["slack_export.v1"]
    tables = read_tables(slack.READER, archive, batch_size=50)
    rows = tables["messages"]
    assert len(rows) == len(posts)
    assert not tables["quarantine"]
    assert sum(r["reply_to_id"] is not None for r in rows) == sum(1 for m in posts if m.get("thread_ts") not in (None, m["ts"])) == 4
    assert sum(r["is_deleted"] for r in rows) == sum(m.get("subtype") == "tombstone" for m in posts) == 1
    assert sum(r["edited_at"] is not None for r in rows) == sum(bool(m.get("edited")) for m in posts) == 1
    assert tables["channels"] == [{"source": "slack", "channel_id": "slack:CO69735E8A", "name": "B75B4C7", "kind": "public"}]
    cfg = make_config()
    with open_store(cfg.database) as con:
        summary = ingest_export(con, SourceConfig(name="sample", path=archive), cfg)
    assert (summary.format, summary.messages_new) == ("slack_export.v1", 15)
