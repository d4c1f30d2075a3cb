"""The loader: idempotent upserts, newest edit wins, privacy filter, quarantine, run records."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from kennismaker.extract.load import ingest_export
from kennismaker.extract.readers.base import RawBatches
from kennismaker.config import SourceConfig
from kennismaker.errors import NothingReadError
from kennismaker.store import open_store

T0 = datetime(2026, 9, 1, 8, 0, tzinfo=timezone.utc)


class FakeReader:
    """A reader that yields the rows it was given (lets loader tests stay format-free)."""

    name = "fake.v1"
    source = "fake"

    def __init__(self, messages, channels=(), people=(), bad=()):
        self.messages, self.channels, self.people, self.bad = messages, channels, people, bad

    def sniff(self, path: Path) -> bool:
        return True

    def read(self, path, ctx):
        out = RawBatches(self.source, ctx.batch_size)
        for c in self.channels:
            yield from out.channel(*c)
        for p in self.people:
            yield from out.person(*p)
        for m in self.messages:
            yield from out.message(**dict(m))
        for b in self.bad:
            yield from out.quarantine(*b)
        yield from out.flush()


def msg(mid: str, text: str, **kw):
    row = {"message_id": f"fake:{mid}", "channel_id": "fake:c1", "author_id": "fake:U1", "created_at": T0, "text": text}
    row.update(kw)
    return row


@pytest.fixture
def src(tmp_path):
    return SourceConfig(name="fake", path=tmp_path, format="fake.v1")


def table(con, sql):
    return con.execute(sql).fetchall()


def test_same_export_twice_changes_no_row(make_config, src):
    cfg = make_config()
    reader = FakeReader([msg("1", "Weet iemand hoe de VPN werkt?"), msg("2", "ja, via de portal", reply_to_id="fake:1", thread_id="fake:1")])
    with open_store(cfg.database) as con:
        first = ingest_export(con, src, cfg, reader)
        before = table(con, "SELECT * FROM messages ORDER BY message_id")
        second = ingest_export(con, src, cfg, reader)
        after = table(con, "SELECT * FROM messages ORDER BY message_id")
    assert (first.messages_new, second.messages_new, second.messages_unchanged) == (2, 0, 2)
    assert before == after


def test_newest_edit_wins_even_inside_one_batch(make_config, src):
    cfg = make_config()
    edited = datetime(2026, 9, 1, 9, 0, tzinfo=timezone.utc)
    reader = FakeReader([msg("1", "nieuwe versie", edited_at=edited), msg("1", "oude versie")])
    with open_store(cfg.database) as con:
        ingest_export(con, src, cfg, reader)
        assert table(con, "SELECT text FROM messages") == [("nieuwe versie",)]
        ingest_export(con, src, cfg, FakeReader([msg("1", "oude versie")]))
        assert table(con, "SELECT text FROM messages") == [("nieuwe versie",)]


def test_private_and_direct_messages_are_excluded_by_default(make_config, src):
    cfg = make_config()
    reader = FakeReader(
        [msg("1", "openbaar"), msg("2", "geheim", channel_kind="private"), msg("3", "dm", channel_kind="direct"), msg("4", "groep", channel_kind="group")],
        channels=[("fake:c1", "algemeen", "public"), ("fake:g1", "geheim", "private")],
    )
    with open_store(cfg.database) as con:
        s = ingest_export(con, src, cfg, reader)
        assert table(con, "SELECT text FROM messages") == [("openbaar",)]
        assert table(con, "SELECT name FROM channels") == [("algemeen",)]
    assert s.messages_excluded == 3


def test_private_channels_load_when_configured(make_config, src):
    cfg = make_config(privacy={"include_private_channels": True})
    reader = FakeReader([msg("1", "openbaar"), msg("2", "geheim", channel_kind="private"), msg("3", "dm", channel_kind="direct")])
    with open_store(cfg.database) as con:
        ingest_export(con, src, cfg, reader)
        assert sorted(table(con, "SELECT text FROM messages")) == [("geheim",), ("openbaar",)]


def test_raw_ids_and_emails_never_stored(make_config, src):
    cfg = make_config()
    reader = FakeReader([msg("1", "hoi @Piet", mentions=["fake:U2"])], people=[("fake:U1", "Anna de Boer", "anna@example.nl")])
    with open_store(cfg.database) as con:
        ingest_export(con, src, cfg, reader)
        dump = str(table(con, "SELECT * FROM messages")) + str(table(con, "SELECT * FROM people"))
    assert "fake:U1" not in dump and "fake:U2" not in dump
    assert "anna@example.nl" not in dump and "Anna de Boer" not in dump


def test_quarantine_keeps_bad_records_and_the_rest_loads(make_config, src):
    cfg = make_config()
    reader = FakeReader([msg("1", "goed")], bad=[("day.json", 3, "invalid JSON", "{oops")])
    with open_store(cfg.database) as con:
        s = ingest_export(con, src, cfg, reader)
        assert table(con, "SELECT file, position, reason FROM quarantine") == [("day.json", "3", "invalid JSON")]
        assert table(con, "SELECT count(*) FROM messages") == [(1,)]
    assert s.quarantined == 1


def test_nothing_read_is_an_error_but_the_run_is_recorded(make_config, src):
    cfg = make_config()
    with open_store(cfg.database) as con:
        with pytest.raises(NothingReadError, match="No message could be read"):
            ingest_export(con, src, cfg, FakeReader([], bad=[("x.json", 1, "invalid JSON", "{")]))
        assert table(con, "SELECT status, quarantined FROM ingest_runs") == [("ok", 1)]


def test_missing_key_outside_demo_mode_is_one_clear_error(make_config, src, monkeypatch):
    from kennismaker.errors import MissingPseudonymKeyError

    monkeypatch.delenv("KENNISMAKER_PSEUDONYM_KEY", raising=False)
    cfg = make_config(demo_mode=False)
    with open_store(cfg.database) as con:
        with pytest.raises(MissingPseudonymKeyError, match="KENNISMAKER_PSEUDONYM_KEY"):
            ingest_export(con, src, cfg, FakeReader([msg("1", "x")]))


def test_quarantine_excerpts_mask_email_addresses(make_config, src):
    cfg = make_config()
    reader = FakeReader([msg("1", "goed")], bad=[("users.json", 0, "missing createdDateTime", '{"mail": "anna.de.boer@example.nl"}')])
    with open_store(cfg.database) as con:
        ingest_export(con, src, cfg, reader)
        excerpt = con.execute("SELECT excerpt FROM quarantine").fetchone()[0]
    assert "anna.de.boer@example.nl" not in excerpt and "<e-mail>" in excerpt
