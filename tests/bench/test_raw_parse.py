"""The ingest anchor parses exactly the sources' folders, not files lying next to them."""

from __future__ import annotations

import json

from bench.raw_parse import raw_parse


def test_raw_parse_reads_only_the_given_folders(tmp_path):
    slack, yammer, truth = tmp_path / "slack", tmp_path / "yammer", tmp_path / "truth"
    for folder in (slack, yammer, truth):
        folder.mkdir()
    (slack / "day.json").write_text(json.dumps([{"ts": "1.0", "text": "hoi"}]))
    (yammer / "Messages.csv").write_text("id,body\n1,hallo\n")
    (truth / "truth.jsonl").write_text('{"message_id": 1}\n' * 100)
    result = raw_parse([slack, yammer])
    assert result["files"] == {"json": 1, "jsonl": 0, "csv": 1}
    assert result["bytes"] == (slack / "day.json").stat().st_size + (yammer / "Messages.csv").stat().st_size
