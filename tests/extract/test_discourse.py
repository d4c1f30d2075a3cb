"""The discourse_topic.v1 reader on tiny hand-made topic files (tests/fixtures/discourse/topics)."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone

import pytest

from kennismaker.extract.load import ingest_export
from kennismaker.extract.readers import sniff_reader
from kennismaker.extract.readers.base import ReadContext
from kennismaker.extract.readers.discourse import READER
from kennismaker.config import SourceConfig
from kennismaker.errors import NotAnExportError
from kennismaker.store import open_store
from tests.conftest import FIXTURES
from tests.extract.helpers import read_tables, zipped

TOPICS = FIXTURES / "discourse" / "topics"


@pytest.fixture(scope="module")
def tables():
    return read_tables(READER, TOPICS)


@pytest.fixture(scope="module")
def msgs(tables):
    return {r["message_id"]: r for r in tables["messages"]}


def test_sniff(tmp_path):
    assert READER.sniff(TOPICS)
    assert READER.sniff(TOPICS / "101.json")
    assert READER.sniff(zipped(TOPICS, tmp_path / "topics.zip"))
    assert not READER.sniff(FIXTURES / "slack" / "export")
    assert not READER.sniff(FIXTURES / "mattermost" / "export.jsonl")
    assert sniff_reader(TOPICS / "101.json").name == "discourse_topic.v1"


def test_not_an_export_is_one_clear_error(tmp_path):
    (tmp_path / "x.json").write_text('{"id": 1}')
    with pytest.raises(NotAnExportError, match="no Discourse topic JSON"):
        list(READER.read(tmp_path, ReadContext()))


def test_posts_small_actions_and_quarantine(tables, msgs):
    assert sorted(msgs) == [
        "discourse:101:1", "discourse:101:2", "discourse:101:3", "discourse:101:5", "discourse:101:6",
        "discourse:102:1", "discourse:103:1",
    ]  # post 4 is a small action (post_type 3)
    bad = {(q["file"], q["position"]): q["reason"] for q in tables["quarantine"]}
    assert bad[("101.json", "post 6")] == "post has no post_number or created_at"
    truncated = [(pos, reason) for (f, pos), reason in bad.items() if f == "104.json"]
    assert truncated[0][0].startswith("line 1 col ") and truncated[0][1].startswith("invalid JSON")
    assert len(bad) == 2


def test_threads_replies_and_accepted_answers(msgs):
    assert (msgs["discourse:101:1"]["thread_id"], msgs["discourse:101:1"]["reply_to_id"]) == ("discourse:101:1", None)
    assert msgs["discourse:101:2"]["reply_to_id"] == "discourse:101:1"  # no reply_to_post_number: the first post
    assert msgs["discourse:101:3"]["reply_to_id"] == "discourse:101:2"
    assert {m["thread_id"] for k, m in msgs.items() if k.startswith("discourse:101:")} == {"discourse:101:1"}
    assert msgs["discourse:101:2"]["marked_answer"] and not msgs["discourse:101:1"]["marked_answer"]


def test_cooked_html_to_text_urls_and_mentions(msgs):
    answer = msgs["discourse:101:2"]
    assert answer["text"] == "Hoi @anna, volg de wiki en draai vpnctl connect."
    assert (answer["urls"], answer["mentions"]) == (["https://wiki.example.nl/vpn"], ["discourse:anna"])
    bot = msgs["discourse:101:6"]
    assert bot["urls"] == ["https://intranet.example.nl/it"] and bot["attachment_count"] == 1
    assert msgs["discourse:101:3"]["attachment_count"] == 0  # an emoji image is no attachment


def test_likes_reactions_edits_deletions_and_bots(msgs):
    assert (msgs["discourse:101:2"]["reaction_count"], msgs["discourse:101:2"]["reactions"]) == (3, ["like"])
    assert (msgs["discourse:101:3"]["reaction_count"], msgs["discourse:101:3"]["reactions"]) == (3, ["heart", "tada"])
    assert msgs["discourse:101:2"]["edited_at"] == datetime(2026, 3, 2, 10, 30, tzinfo=timezone.utc)
    assert msgs["discourse:101:1"]["edited_at"] is None
    assert (msgs["discourse:101:5"]["is_deleted"], msgs["discourse:101:5"]["text"]) == (True, "")
    assert msgs["discourse:101:6"]["is_bot"] and not msgs["discourse:101:1"]["is_bot"]


def test_category_privacy_and_private_messages(tables, msgs):
    channels = {c["channel_id"]: (c["name"], c["kind"]) for c in tables["channels"]}
    assert channels == {
        "discourse:category:5": ("IT-vragen", "public"),
        "discourse:category:9": ("Bestuur", "private"),
        "discourse:pm:103": (None, "direct"),
    }
    assert [msgs[m]["channel_kind"] for m in ("discourse:101:1", "discourse:102:1", "discourse:103:1")] == ["public", "private", "direct"]


def test_people_from_posters(tables):
    people = {p["author_id"]: p for p in tables["people"]}
    assert set(people) == {"discourse:anna", "discourse:bram", "discourse:carla", "discourse:discobot"}
    assert people["discourse:anna"]["display_name"] == "Anna de Vries"
    assert people["discourse:discobot"]["is_bot"]


def test_single_topic_file_without_categories_is_public(tmp_path):
    shutil.copy(TOPICS / "101.json", tmp_path / "101.json")
    rows = read_tables(READER, tmp_path / "101.json")["messages"]
    assert len(rows) == 5 and {r["channel_kind"] for r in rows} == {"public"}
    assert rows[0]["raw_ref"] == "101.json#post 0"


def test_ingest_end_to_end(make_config):
    cfg = make_config()
    src = SourceConfig(name="forum", path=TOPICS, format="discourse")
    with open_store(cfg.database) as con:
        first = ingest_export(con, src, cfg)
        rows = con.execute("SELECT * FROM messages ORDER BY message_id").fetchall()
        second = ingest_export(con, src, cfg)
        assert con.execute("SELECT * FROM messages ORDER BY message_id").fetchall() == rows
        threads = {t for (t,) in con.execute("SELECT DISTINCT thread_id FROM messages").fetchall()}
    assert (first.messages_read, first.messages_new, first.messages_excluded, first.quarantined) == (7, 5, 2, 2)
    assert (second.messages_new, second.messages_changed) == (0, 0)
    assert threads == {"discourse:101:1"}
    assert "discourse:anna" not in str(rows)


POSTS = FIXTURES / "discourse" / "posts"
CONTENT = ("message_id", "channel_id", "channel_kind", "thread_id", "reply_to_id", "author_id", "created_at",
           "edited_at", "text", "urls", "mentions", "reaction_count", "reactions", "marked_answer", "is_deleted")


@pytest.fixture(scope="module")
def page_tables():
    return read_tables(READER, POSTS)


def test_sniff_posts_pages():
    assert READER.sniff(POSTS) and READER.sniff(POSTS / "posts.json")
    assert READER.sniff(FIXTURES / "discourse" / "private-posts.json")
    assert sniff_reader(POSTS / "posts.json").name == "discourse_topic.v1"


def test_posts_page_groups_posts_by_topic_into_threads(page_tables):
    msgs = {r["message_id"]: r for r in page_tables["messages"]}
    assert sorted(msgs) == [
        "discourse:101:2", "discourse:101:3", "discourse:110:1", "discourse:110:2", "discourse:110:3", "discourse:120:1",
    ]  # post 2 of topic 120 is a small action (post_type 3)
    assert {m["thread_id"] for k, m in msgs.items() if k.startswith("discourse:110:")} == {"discourse:110:1"}
    assert [msgs[f"discourse:110:{n}"]["reply_to_id"] for n in (1, 2, 3)] == [None, "discourse:110:1", "discourse:110:2"]
    assert msgs["discourse:110:3"]["mentions"] == ["discourse:bram"]
    assert msgs["discourse:110:2"]["urls"] == ["https://wiki.example.nl/printers"]
    assert msgs["discourse:110:2"]["edited_at"] == datetime(2026, 3, 5, 9, 15, tzinfo=timezone.utc)
    assert (msgs["discourse:120:1"]["attachment_count"], msgs["discourse:120:1"]["urls"]) == (
        1, ["https://intranet.example.nl/uploads/begroting.png"])


def test_posts_page_categories_privacy_and_quarantine(page_tables):
    channels = {c["channel_id"]: (c["name"], c["kind"]) for c in page_tables["channels"]}
    assert channels == {
        "discourse:category:5": ("IT-vragen", "public"),
        "discourse:category:7": ("Printers", "public"),  # a subcategory
        "discourse:category:9": ("Bestuur", "private"),
    }
    assert [(q["file"], q["position"], q["reason"]) for q in page_tables["quarantine"]] == [
        ("posts.json", "post 5", "post has no topic_id")]


def test_private_posts_page_is_direct():
    rows = read_tables(READER, FIXTURES / "discourse" / "private-posts.json")["messages"]
    assert [(r["message_id"], r["channel_id"], r["channel_kind"]) for r in rows] == [
        ("discourse:140:1", "discourse:pm:140", "direct")]


def test_posts_page_rows_equal_topic_file_rows(page_tables, msgs):
    from_page = {r["message_id"]: r for r in page_tables["messages"]}
    for mid in ("discourse:101:2", "discourse:101:3"):
        assert {c: from_page[mid][c] for c in CONTENT} == {c: msgs[mid][c] for c in CONTENT}


def test_topic_files_and_posts_pages_do_not_duplicate(tmp_path, make_config):
    both = tmp_path / "forum"
    shutil.copytree(TOPICS, both)
    for f in POSTS.glob("posts*.json"):
        shutil.copy(f, both / f.name)
    cfg = make_config()
    with open_store(cfg.database) as con:
        topics = ingest_export(con, SourceConfig(name="forum", path=TOPICS, format="auto"), cfg)
        pages = ingest_export(con, SourceConfig(name="forum", path=POSTS, format="auto"), cfg)
        combined = ingest_export(con, SourceConfig(name="forum", path=both, format="auto"), cfg)
        ids = [m for (m,) in con.execute("SELECT message_id FROM messages").fetchall()]
    assert (topics.messages_new, pages.messages_new, pages.messages_unchanged) == (5, 3, 2)
    assert (combined.messages_new, combined.messages_changed) == (0, 0)
    assert len(ids) == len(set(ids)) == 8  # 5 public topic posts + 3 of topic 110; 120 is private
