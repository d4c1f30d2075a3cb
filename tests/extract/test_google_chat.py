"""The google_chat_takeout.v1 reader on a hand-made Google Takeout (tests/fixtures/google_chat/takeout).

No real Takeout sample exists in ../shared; the fixture follows the documented layout of
``Google Chat/Groups/<conversation>/{messages,group_info}.json`` and ``Users/<user>/user_info.json``.
"""

from __future__ import annotations

import shutil

import pytest

from kennismaker.extract.load import ingest_export
from kennismaker.extract.readers import get_reader, reader_names, sniff_reader
from kennismaker.extract.readers.base import ReadContext
from kennismaker.extract.readers.google_chat import READER
from kennismaker.extract.readers.google_chat_message import takeout_time
from kennismaker.config import SourceConfig
from kennismaker.errors import ConfigError, NotAnExportError
from kennismaker.store import open_store
from tests.conftest import FIXTURES
from tests.extract.helpers import read_tables, zipped

TAKEOUT = FIXTURES / "google_chat" / "takeout"
CHAT = TAKEOUT / "Takeout" / "Google Chat"
ANNA, BRAM, CARLA = (f"google_chat:{n}@acme.example" for n in ("anna.devries", "bram.smit", "carla.jansen"))
KB = "google_chat:space:AAAAkb1xYz0"


@pytest.fixture(scope="module")
def tables():
    return read_tables(READER, TAKEOUT)


@pytest.fixture(scope="module")
def msgs(tables):
    return {r["message_id"].removeprefix("google_chat:").rsplit("/", 1)[-1]: r for r in tables["messages"]}


def test_sniff_claims_google_chat_only(tmp_path):
    for path in (TAKEOUT, CHAT, zipped(TAKEOUT, tmp_path / "takeout-20230105T101010Z-001.zip")):
        assert [n for n in reader_names() if get_reader(n).sniff(path)] == ["google_chat_takeout.v1"]
    assert sniff_reader(TAKEOUT).name == "google_chat_takeout.v1" and get_reader("google_chat") is READER
    for other in ("slack/export", "mattermost/export.jsonl", "discourse/topics", "teams", "gitter/export",
                  "discord/export", "zulip/export"):
        assert not READER.sniff(FIXTURES / other)


def test_a_folder_without_messages_json_is_one_clear_error(tmp_path):
    (tmp_path / "Groups" / "Space X").mkdir(parents=True)
    (tmp_path / "Groups" / "Space X" / "group_info.json").write_text('{"members": []}')
    assert not READER.sniff(tmp_path)
    with pytest.raises(NotAnExportError, match=r"no Google Chat Takeout .*Groups/<space>/messages\.json"):
        list(READER.read(tmp_path, ReadContext()))


@pytest.mark.parametrize("text, iso", [
    ("Tuesday, 3 January 2023 at 10:15:42 UTC", "2023-01-03T10:15:42+00:00"),
    ("Thursday, November 3, 2016 at 11:59:50\u202fPM UTC", "2016-11-03T23:59:50+00:00"),
    ("dinsdag 3 januari 2023 om 10:15:42 UTC", "2023-01-03T10:15:42+00:00"),
    ("Dienstag, 3. Januar 2023 um 10:15:42 UTC", "2023-01-03T10:15:42+00:00"),
])
def test_takeout_dates_in_several_languages(text, iso):
    assert takeout_time(text).isoformat() == iso


@pytest.mark.parametrize("text", ["", "gisteren", "yesterday", "32 Smarch 2023", None, 1672740000])
def test_unreadable_dates_are_none(text):
    assert takeout_time(text) is None


def test_posts_skipped_records_and_quarantine(tables, msgs):
    # Space: 9 records, one holding nothing (skipped), one with an unreadable date (quarantined).
    assert len(msgs) == 10 and "Tt4dE5fG6hI" not in msgs and "Tu5eF6gH7iJ" not in msgs
    [bad] = tables["quarantine"]
    assert bad["position"] == "message 7" and bad["reason"] == "message has an unreadable created_date '32 Smarch 2023'"
    assert bad["file"] == "Takeout/Google Chat/Groups/Space AAAAkb1xYz0/messages.json"
    assert "carla.jansen@acme.example" not in bad["excerpt"]


def test_topics_are_threads(msgs):
    root = "google_chat:AAAAkb1xYz0/Tq1aB2cD3eF/Tq1aB2cD3eF"
    assert {k for k, r in msgs.items() if r["thread_id"] == root} == {"Tq1aB2cD3eF", "Mb2Xk9Lm0Pq", "Mc3Zx8Nb1Vw"}
    assert msgs["Mb2Xk9Lm0Pq"]["reply_to_id"] == msgs["Mc3Zx8Nb1Vw"]["reply_to_id"] == root
    assert msgs["Tq1aB2cD3eF"]["reply_to_id"] is None
    assert msgs["Md4Qw7Er6Ty"]["thread_id"] == "google_chat:AAAAkb1xYz0/Tr2bC3dE4fG/Tr2bC3dE4fG"
    assert msgs["Dx2yZ3aB4cD"]["thread_id"].endswith("/Dx2yZ3aB4cD") and msgs["Dx2yZ3aB4cD"]["reply_to_id"] is None


def test_edits_deletions_attachments_bots_reactions(msgs):
    assert [k for k, r in msgs.items() if r["edited_at"]] == ["Mb2Xk9Lm0Pq"]
    assert [k for k, r in msgs.items() if r["is_deleted"]] == ["Md4Qw7Er6Ty"] and msgs["Md4Qw7Er6Ty"]["text"] == ""
    assert [(k, r["attachment_count"]) for k, r in msgs.items() if r["attachment_count"]] == [("Tr2bC3dE4fG", 1)]
    assert [k for k, r in msgs.items() if r["is_bot"]] == ["Ts3cD4eF5gH"]
    assert (msgs["Mb2Xk9Lm0Pq"]["reaction_count"], msgs["Mb2Xk9Lm0Pq"]["reactions"]) == (2, ["\U0001f44d"])
    assert msgs["Dw1xY2zA3bC"]["created_at"].isoformat() == "2023-01-03T13:00:00+00:00"  # a Dutch-language Takeout


def test_mentions_links_and_neutral_names(msgs):
    reply = msgs["Mb2Xk9Lm0Pq"]
    assert reply["text"] == "@user via https://intranet.acme.example/printers staat een handleiding."
    assert reply["mentions"] == [ANNA] and reply["urls"] == ["https://intranet.acme.example/printers"]
    assert msgs["Dw1xY2zA3bC"]["mentions"] == [ANNA]  # typed "Anna, ..."
    assert msgs["Tv6fG7hI8jK"]["text"].startswith("@all ") and msgs["Tv6fG7hI8jK"]["mentions"] == []
    assert [k for k, r in msgs.items() if r["mentions"]] == ["Dw1xY2zA3bC", "Mb2Xk9Lm0Pq"]


def test_names_shown_when_display_names_may_be_stored():
    rows = [r for b in READER.read(TAKEOUT, ReadContext(store_display_names=True)) if b.schema.metadata[b"kennismaker.kind"] == b"messages"
            for r in b.to_pylist()]
    [reply] = [r for r in rows if r["message_id"].endswith("/Mb2Xk9Lm0Pq")]
    assert reply["text"].startswith("@Anna de Vries via ") and reply["mentions"] == [ANNA]


def test_kinds_and_the_public_spaces_option(tables):
    assert {(c["channel_id"], c["name"], c["kind"]) for c in tables["channels"]} == {
        (KB, "Kennisbank IT", "private"), ("google_chat:space:AAAAbst9Qw1", "Bestuur", "private"),
        ("google_chat:dm:pQr7sT2uV", None, "direct"),
    }
    opened = read_tables(READER, TAKEOUT, public_spaces=["Kennisbank IT"])["channels"]
    assert {c["channel_id"]: c["kind"] for c in opened}[KB] == "public"
    with pytest.raises(ConfigError, match="Unknown option 'public_space' for google_chat_takeout.v1"):
        read_tables(READER, TAKEOUT, public_space=["x"])


def test_a_group_dm_is_a_group_chat(tmp_path):
    takeout = tmp_path / "takeout"
    shutil.copytree(TAKEOUT, takeout)
    info = takeout / "Takeout" / "Google Chat" / "Groups" / "DM pQr7sT2uV" / "group_info.json"
    info.write_text('{"members": [{"name": "A", "email": "a@x.example"}, {"name": "B", "email": "b@x.example"},'
                    ' {"name": "C", "email": "c@x.example"}]}')
    kinds = {c["channel_id"]: c["kind"] for c in read_tables(READER, takeout)["channels"]}
    assert kinds["google_chat:dm:pQr7sT2uV"] == "group"


def test_a_workspace_export_reads_a_shared_space_once(tmp_path):
    export = tmp_path / "export"
    for user in ("anna", "bram"):
        shutil.copytree(TAKEOUT / "Takeout", export / user / "Takeout")
    tables = read_tables(READER, export)
    assert len(tables["messages"]) == 10 and len(tables["channels"]) == 3
    assert len(tables["quarantine"]) == 2  # the bad record, once per copy


def test_ingest_is_idempotent_and_keeps_private_spaces_and_dms_out(make_config):
    cfg = make_config()
    src = SourceConfig(name="gchat", path=TAKEOUT, format="auto", options={"public_spaces": ["Kennisbank IT"]})
    with open_store(cfg.database) as con:
        first = ingest_export(con, src, cfg)
        rows = con.execute("SELECT * FROM messages ORDER BY message_id").fetchall()
        second = ingest_export(con, src, cfg)
        assert con.execute("SELECT * FROM messages ORDER BY message_id").fetchall() == rows
        kinds = {k for (k,) in con.execute("SELECT DISTINCT kind FROM channels c JOIN messages m USING (channel_id)").fetchall()}
        keys = {k for (k,) in con.execute("SELECT DISTINCT unnest(list_append(mentions, author_key)) FROM messages").fetchall()}
    assert (first.format, first.messages_read, first.messages_new, first.messages_excluded, first.quarantined) == (
        "google_chat_takeout.v1", 10, 7, 3, 1)
    assert (second.messages_new, second.messages_changed) == (0, 0)
    assert kinds == {"public"} and not keys & {ANNA, BRAM, CARLA}
    assert "@acme.example" not in str(rows)  # no e-mail address, the people key
