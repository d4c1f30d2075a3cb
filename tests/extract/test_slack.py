"""The slack_export.v1 reader on a tiny hand-made workspace export (tests/fixtures/slack/export)."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone

import pytest

from kennismaker.extract.load import ingest_export
from kennismaker.extract.readers import sniff_reader
from kennismaker.extract.readers.base import ReadContext
from kennismaker.extract.readers.slack import READER
from kennismaker.config import SourceConfig
from kennismaker.errors import NotAnExportError
from kennismaker.store import open_store
from tests.extract.helpers import read_tables, zipped
from tests.conftest import FIXTURES

EXPORT = FIXTURES / "slack" / "export"



def by_id(rows: list[dict]) -> dict[str, dict]:
    return {r["message_id"]: r for r in rows}



@pytest.fixture(scope="module")
def tables():
    return read_tables(READER, EXPORT)


@pytest.fixture(scope="module")
def msgs(tables):
    return by_id(tables["messages"])


def test_sniff_accepts_folder_and_zip_and_rejects_others(tmp_path):
    assert READER.sniff(EXPORT)
    assert READER.sniff(zipped(EXPORT, tmp_path / "slack.zip"))
    assert not READER.sniff(FIXTURES / "mattermost" / "export.jsonl")
    assert not READER.sniff(tmp_path / "missing")
    assert not READER.sniff(EXPORT / "algemeen")
    assert sniff_reader(EXPORT).name == "slack_export.v1"


def test_not_an_export_is_one_clear_error(tmp_path):
    (tmp_path / "notes.txt").write_text("hallo")
    with pytest.raises(NotAnExportError, match="not a Slack workspace export"):
        list(READER.read(tmp_path, ReadContext()))


def test_posts_are_read_and_system_events_skipped(tables, msgs):
    assert len(tables["messages"]) == 15
    stamps = {m.rsplit(":", 1)[1] for m in msgs}
    assert not stamps & {"1772438300.000100", "1772438700.000600", "1772449260.000700"}  # join, topic, pin
    assert all(r["source"] == "slack" for r in tables["messages"])


def test_bad_records_are_quarantined_and_the_rest_loads(tables):
    bad = {(q["file"], q["position"]): q["reason"] for q in tables["quarantine"]}
    assert len(bad) == 2
    assert bad[("algemeen/2026-03-02.json", "7")].startswith("message has no ts")
    truncated = [r for (f, _), r in bad.items() if f == "it-helpdesk/2026-03-03.json"]
    assert truncated and truncated[0].startswith("invalid JSON")


def test_ids_keep_ts_strings_and_threads_link_to_their_root(msgs):
    root_id = "slack:C0HELP:1772445600.000200"
    root = msgs[root_id]
    assert (root["thread_id"], root["reply_to_id"]) == (root_id, None)
    assert root["created_at"] == datetime(2026, 3, 2, 10, 0, 0, 200, tzinfo=timezone.utc)
    replies = [m for m in msgs.values() if m["reply_to_id"] == root_id]
    assert sorted(m["message_id"] for m in replies) == [
        "slack:C0HELP:1772445660.000300",
        "slack:C0HELP:1772445720.000400",  # the thread_broadcast, kept once
        "slack:C0HELP:1772445780.000500",
    ]
    assert all(m["thread_id"] == root_id for m in replies)
    assert msgs["slack:C0HELP:1772449200.000600"]["reply_to_id"] is None


def test_mrkdwn_becomes_clean_text_with_urls_and_mentions(msgs):
    link = msgs["slack:C0ALG:1772438460.000200"]
    assert link["text"] == "De nieuwe verlofregeling staat online & geldt vanaf vandaag @here"
    assert link["urls"] == ["https://intranet.example.nl/verlof", "https://intranet.example.nl/verlof/faq"]
    # Display names may not be stored by default: a mentioned user reads "@user", the id stays.
    mention = msgs["slack:C0ALG:1772438760.000700"]
    assert mention["text"] == "@user kun je dit in #it-helpdesk zetten? <dringend>"
    assert mention["mentions"] == ["slack:U0ANNA"]
    question = msgs["slack:C0HELP:1772445600.000200"]
    assert question["text"].endswith("laptop? @user")
    assert question["mentions"] == ["slack:U0BRAM"]


def test_code_is_kept_as_text_and_bare_links_are_urls(msgs):
    answer = msgs["slack:C0HELP:1772445660.000300"]
    assert "`vpnctl connect`" in answer["text"]
    assert "```sudo vpnctl connect --profiel kantoor```" in answer["text"]
    assert "https://wiki.example.nl/vpn" in answer["text"]
    assert answer["urls"] == ["https://wiki.example.nl/vpn"]


def test_edits_deletions_bots_files_and_reactions(msgs):
    assert msgs["slack:C0ALG:1772438520.000300"]["edited_at"] == datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    for deleted in ("slack:C0ALG:1772438580.000400", "slack:C0HELP:1772445780.000500"):
        assert (msgs[deleted]["is_deleted"], msgs[deleted]["text"]) == (True, "")
    bot = msgs["slack:C0ALG:1772438640.000500"]
    assert (bot["is_bot"], bot["author_id"]) == (True, "slack:B0DEPLOY")
    assert not msgs["slack:C0ALG:1772438400.000100"]["is_bot"]
    assert msgs["slack:C0HELP:1772449200.000600"]["attachment_count"] == 2
    social = msgs["slack:C0ALG:1772438400.000100"]
    assert (social["reaction_count"], social["reactions"]) == (3, ["+1", "sandwich"])


def test_channel_kinds_on_channels_and_messages(tables, msgs):
    channels = {c["channel_id"]: (c["name"], c["kind"]) for c in tables["channels"]}
    assert channels == {
        "slack:C0ALG": ("algemeen", "public"),
        "slack:C0HELP": ("it-helpdesk", "public"),
        "slack:G0DIR": ("directie", "private"),
        "slack:G0MPIM": (None, "group"),
        "slack:D0DM00001": (None, "direct"),
        "slack:oud-project": ("oud-project", "private"),  # in no list: treated as private
    }
    kinds = {m["channel_id"]: m["channel_kind"] for m in msgs.values()}
    assert kinds == {cid: kind for cid, (_, kind) in channels.items()}


def test_people_come_from_users_json(tables):
    people = {p["author_id"]: p for p in tables["people"]}
    assert set(people) == {"slack:U0ANNA", "slack:U0BRAM", "slack:U0CARLA", "slack:U0DEPLOY"}
    assert (people["slack:U0ANNA"]["display_name"], people["slack:U0ANNA"]["email"]) == ("Anna", "anna@example.nl")
    assert people["slack:U0BRAM"]["display_name"] == "Bram Jansen"
    assert people["slack:U0DEPLOY"]["is_bot"] and not people["slack:U0CARLA"]["is_bot"]


def test_raw_ref_names_file_and_position(msgs):
    assert msgs["slack:C0ALG:1772438400.000100"]["raw_ref"] == "algemeen/2026-03-02.json#1"


def test_zip_reads_the_same_as_the_folder(tmp_path, tables):
    archive = zipped(EXPORT, tmp_path / "slack.zip", top="export/")
    from_zip = read_tables(READER, archive)
    strip = lambda rows: sorted((r["message_id"], r["text"], r["channel_kind"]) for r in rows)  # noqa: E731
    assert strip(from_zip["messages"]) == strip(tables["messages"])
    assert all(r["raw_ref"].startswith("slack.zip!") for r in from_zip["messages"])
    assert len(from_zip["quarantine"]) == 2


def test_free_plan_export_and_conflicting_lists(tmp_path):
    shutil.copytree(EXPORT / "algemeen", tmp_path / "algemeen")
    shutil.copytree(EXPORT / "directie", tmp_path / "directie")
    (tmp_path / "channels.json").write_text(json.dumps([{"id": "C0ALG", "name": "algemeen"}, {"id": "G0DIR", "name": "directie"}]))
    assert {r["channel_kind"] for r in read_tables(READER, tmp_path)["messages"]} == {"public"}
    (tmp_path / "groups.json").write_text(json.dumps([{"id": "G0DIR", "name": "directie"}]))
    kinds = {r["channel_id"]: r["channel_kind"] for r in read_tables(READER, tmp_path)["messages"]}
    assert kinds == {"slack:C0ALG": "public", "slack:G0DIR": "private"}


def test_ingest_end_to_end_is_private_by_default_and_idempotent(make_config, tmp_path):
    cfg = make_config()
    src = SourceConfig(name="slack", path=EXPORT, format="slack_export.v1")
    with open_store(cfg.database) as con:
        first = ingest_export(con, src, cfg)
        rows = con.execute("SELECT * FROM messages ORDER BY message_id").fetchall()
        second = ingest_export(con, src, cfg, force=True)
        assert con.execute("SELECT * FROM messages ORDER BY message_id").fetchall() == rows
        threads = dict(con.execute("SELECT message_id, thread_id FROM messages").fetchall())
        channel_kinds = {k for (k,) in con.execute("SELECT DISTINCT kind FROM channels").fetchall()}
    assert (first.messages_read, first.messages_new, first.messages_excluded, first.quarantined) == (15, 11, 4, 2)
    assert (second.messages_new, second.messages_changed, second.messages_unchanged) == (0, 0, 11)
    assert len(rows) == 11 and channel_kinds == {"public"}
    assert threads["slack:C0HELP:1772445720.000400"] == "slack:C0HELP:1772445600.000200"
    assert not any(cid.startswith(("slack:G0", "slack:D0", "slack:oud")) for cid in {t.rsplit(":", 1)[0] for t in threads})
    assert "slack:U" not in str(rows) and "slack:B0" not in str(rows)


def test_mrkdwn_tokens_that_the_fixture_does_not_cover():
    from kennismaker.extract.readers.slack_mrkdwn import slack_text

    out = slack_text(
        "<@U999> <@U998|piet> <!subteam^S1|@ict> <!channel> <mailto:a@example.nl|mail mij> "
        "<!date^1772438400^{date}|2 maart> <#C9|sales> &amp;lt;",
        {}, {},
    )
    assert out.text == "@user @piet @ict @channel mail mij 2 maart #sales &lt;"
    assert (out.user_ids, out.urls) == (["U999", "U998"], [])
