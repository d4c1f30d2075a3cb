"""The Teams reader on the real Microsoft Graph sample in ../shared (skipped when it is absent)."""

from __future__ import annotations

import json

import pytest

from kennismaker.extract.load import ingest_export
from kennismaker.extract.readers.base import ReadContext
from kennismaker.extract.readers.teams import READER
from kennismaker.config import SourceConfig
from kennismaker.schema import raw_kind
from kennismaker.store import open_store

pytestmark = pytest.mark.shared
SAMPLE = "samples/teams-graph/channel-list-messages.example1.response.json"


@pytest.fixture
def sample(shared_dir):
    path = shared_dir / SAMPLE
    if not path.is_file():
        pytest.skip(f"{SAMPLE} is not in ../shared")
    return path


def test_graph_sample_reads_every_post(sample):
    value = json.loads(sample.read_text(encoding="utf-8"))["value"]
    posts = [m for m in value if m["messageType"] == "message"]
    assert READER.sniff(sample)
    rows = [r for b in READER.read(sample, ReadContext()) if raw_kind(b.schema) == "messages" for r in b.to_pylist()]
    assert [r["message_id"].rsplit(":", 1)[1] for r in rows] == [m["id"] for m in posts]
    first = rows[0]
    assert first["text"] == "Hello World @Jane Smith"
    assert first["mentions"] == ["teams:" + posts[0]["mentions"][0]["mentioned"]["user"]["id"]]
    assert first["channel_kind"] == "public"


def test_graph_sample_loads_into_duckdb(sample, make_config):
    value = json.loads(sample.read_text(encoding="utf-8"))["value"]
    posts = sum(1 for m in value if m["messageType"] == "message")
    cfg = make_config()
    with open_store(cfg.database) as con:
        s = ingest_export(con, SourceConfig(name="graph", path=sample, format="teams_graph.v1"), cfg)
        assert (s.messages_read, s.messages_new, s.quarantined) == (posts, posts, 0)
        assert con.execute("SELECT count(*) FROM messages").fetchone() == (posts,)
