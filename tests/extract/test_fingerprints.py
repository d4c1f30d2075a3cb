"""Unchanged exports are skipped without parsing; a changed file is read again (size, mtime, hash)."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from kennismaker.extract.load import ingest_export
from kennismaker.extract.readers import get_reader
from kennismaker.config import SourceConfig
from kennismaker.store import open_store
from tests.conftest import FIXTURES

DAY = "it-helpdesk/2026-03-02.json"


class CountingReader:
    """The real Slack reader, counting how often it is asked to parse."""

    def __init__(self):
        self.inner = get_reader("slack_export.v1")
        self.name, self.source, self.reads = self.inner.name, self.inner.source, 0

    def sniff(self, path):
        return self.inner.sniff(path)

    def read(self, path, ctx):
        self.reads += 1
        yield from self.inner.read(path, ctx)


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "export"
    shutil.copytree(FIXTURES / "slack" / "export", path)
    return path


def run(cfg, export, reader, **kw):
    with open_store(cfg.database) as con:
        s = ingest_export(con, SourceConfig(name="slack", path=export, format="slack_export.v1"), cfg, reader, **kw)
        stored = con.execute("SELECT count(*) FROM messages").fetchone()[0]
        files = con.execute("SELECT count(*) FROM source_files WHERE source_name = 'slack'").fetchone()[0]
    return s, stored, files


def test_unchanged_export_is_not_parsed_again(make_config, export):
    cfg, reader = make_config(), CountingReader()
    first, stored, files = run(cfg, export, reader)
    second, stored_after, _ = run(cfg, export, reader)
    assert first.status == "ok" and first.messages_new == stored > 0
    assert files == sum(len(f) for _r, _d, f in os.walk(export))
    assert (second.status, second.messages_read, reader.reads) == ("unchanged", 0, 1)
    assert stored_after == stored


def test_a_changed_file_is_read_again(make_config, export):
    cfg, reader = make_config(), CountingReader()
    first, stored, _ = run(cfg, export, reader)
    day = export / DAY
    messages = json.loads(day.read_text())
    messages.append({"type": "message", "user": "U0ANNA", "ts": "1772449200.000900", "text": "Weet iemand waar de printer staat?"})
    day.write_text(json.dumps(messages))
    second, stored_after, _ = run(cfg, export, reader)
    third, _, _ = run(cfg, export, reader)
    assert (second.status, second.messages_new, stored_after) == ("ok", 1, stored + 1)
    assert (third.status, reader.reads) == ("unchanged", 2)


def test_a_touched_file_with_the_same_content_is_skipped_by_its_hash(make_config, export):
    cfg, reader = make_config(), CountingReader()
    run(cfg, export, reader)
    day = export / DAY
    st = day.stat()
    os.utime(day, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    second, _, _ = run(cfg, export, reader)
    with open_store(cfg.database) as con:
        recorded = con.execute("SELECT mtime_ns FROM source_files WHERE file = ?", [DAY]).fetchone()[0]
    assert (second.status, reader.reads) == ("unchanged", 1)
    assert recorded == st.st_mtime_ns + 10**9


def test_new_or_removed_files_other_settings_or_force_read_again(make_config, export):
    cfg, reader = make_config(), CountingReader()
    run(cfg, export, reader)
    shutil.copy(export / DAY, export / "it-helpdesk/2026-03-04.json")
    assert run(cfg, export, reader)[0].status == "ok"
    (export / "it-helpdesk/2026-03-04.json").unlink()
    assert run(cfg, export, reader)[0].status == "ok"
    assert run(make_config(privacy={"include_private_channels": True}), export, reader)[0].status == "ok"
    assert run(cfg, export, reader, force=True)[0].status == "ok"
    assert run(make_config(ingest={"skip_unchanged": False}), export, reader)[0].status == "ok"
    assert reader.reads == 6
