"""Atomic publish: manifest, injected failure, byte-identical reruns, stray staging files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import kennismaker.exports.publish as publish
from kennismaker.exports.publish import write_exports
from kennismaker.exports.report_html import without_run_metadata
from kennismaker.schema import EXPORTS

pytestmark = pytest.mark.filterwarnings("ignore:demo mode")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in a folder (hidden ones too) by name."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_manifest_matches_the_files(store):
    con, cfg = store
    result = write_exports(con, cfg)
    folder = Path(result["folder"])
    assert folder.name == "run_date=2024-04-01" and folder.parent == cfg.output_dir
    manifest = json.loads(Path(result["manifest"]).read_text())
    assert set(manifest["files"]) == {f"{n}.parquet" for n in EXPORTS} | {"report.html"}
    assert set(result["rows"]) == {f"{n}.parquet" for n in EXPORTS} and result["report"] == str(folder / "report.html")
    for name, entry in manifest["files"].items():
        path = folder / name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"] and path.stat().st_size == entry["bytes"]
        if name.endswith(".parquet"):
            assert pq.read_metadata(path).num_rows == entry["rows"] == result["rows"][name]
            assert pq.read_schema(path).names == entry["columns"]
    assert manifest["as_of"].startswith("2024-04-01T00:00:00") and manifest["run_id"] == result["run_id"]
    assert sorted(p.name for p in folder.iterdir()) == sorted([*manifest["files"], "manifest.json"])


def test_second_run_without_new_data_is_byte_identical(store):
    con, cfg = store
    folder = Path(write_exports(con, cfg)["folder"])
    first = snapshot(folder)
    write_exports(con, cfg)
    second = snapshot(folder)
    assert first.keys() == second.keys()
    for name in first:
        if name not in ("manifest.json", "report.html"):
            assert first[name] == second[name], name
    r1, r2 = first["report.html"].decode(), second["report.html"].decode()
    assert r1 != r2 and without_run_metadata(r1) == without_run_metadata(r2)  # only the run line differs
    m1, m2 = json.loads(first["manifest.json"]), json.loads(second["manifest.json"])
    parquet = {n: e for n, e in m1["files"].items() if n.endswith(".parquet")}
    assert parquet == {n: e for n, e in m2["files"].items() if n.endswith(".parquet")} and m1["run_id"] != m2["run_id"]
    assert m1["report"] == m2["report"]


def test_injected_failure_leaves_the_previous_run_untouched(store, monkeypatch):
    con, cfg = store
    folder = Path(write_exports(con, cfg)["folder"])
    before = snapshot(folder)
    con.execute("DELETE FROM question_status WHERE question_id = 'q2'")  # the next run would differ
    real, calls = publish.write_parquet, []

    def failing_writer(table, path, compression):
        calls.append(path)
        if len(calls) == 2:
            path.write_bytes(b"half a file")
            raise OSError("disk full (injected)")
        real(table, path, compression)

    monkeypatch.setattr(publish, "write_parquet", failing_writer)
    with pytest.raises(OSError, match="injected"):
        write_exports(con, cfg)
    assert len(calls) == 2
    assert snapshot(folder) == before  # same files, same bytes, same manifest, no staging files


def test_a_file_that_reads_back_wrong_is_never_published(store, monkeypatch):
    con, cfg = store
    real = publish.write_parquet
    monkeypatch.setattr(publish, "write_parquet", lambda t, p, c: real(t.slice(0, 0), p, c))
    with pytest.raises(publish.ExportCheckError, match="read back"):
        write_exports(con, cfg)
    assert list((cfg.output_dir / "run_date=2024-04-01").iterdir()) == []


def test_staging_files_of_a_killed_run_are_cleaned_up(store):
    con, cfg = store
    folder = cfg.output_dir / "run_date=2024-04-01"
    folder.mkdir(parents=True)
    (folder / ".faq_candidates.parquet.staging-killed").write_bytes(b"x")
    write_exports(con, cfg)
    assert not [p for p in folder.iterdir() if ".staging-" in p.name]


def test_analyst_views_exist_after_an_export(store):
    con, cfg = store
    write_exports(con, cfg)
    health = con.execute("SELECT count(*) FROM v_knowledge_health").fetchall()[0][0]
    trends = con.execute("SELECT count(*) FROM v_topic_trends WHERE NOT suppressed").fetchall()[0][0]
    assert health == 8 and trends == 1


def test_a_report_that_cannot_be_written_leaves_the_previous_run_untouched(store, monkeypatch):
    con, cfg = store
    folder = Path(write_exports(con, cfg)["folder"])
    before = snapshot(folder)
    con.execute("DELETE FROM question_status WHERE question_id = 'q2'")

    def failing(html, folder, run_id):
        raise OSError("disk full (injected, report)")

    monkeypatch.setattr(publish, "staged_report", failing)
    with pytest.raises(OSError, match="injected, report"):
        write_exports(con, cfg)
    assert snapshot(folder) == before  # no new Parquet file, no staging file, the old report and manifest


def test_an_unchanged_export_is_not_rewritten_and_a_changed_one_is(store):
    con, cfg = store
    folder = Path(write_exports(con, cfg)["folder"])
    mtimes = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.parquet")}
    again = write_exports(con, cfg)
    assert again["unchanged"] == sorted(EXPORTS)
    assert {p.name: p.stat().st_mtime_ns for p in folder.glob("*.parquet")} == mtimes
    con.execute("DELETE FROM question_status WHERE question_id = 'q2'")
    third = write_exports(con, cfg)
    rewritten = {n for n in EXPORTS if n not in third["unchanged"]}
    assert "unanswered_questions" in rewritten or "knowledge_health" in rewritten
    manifest = json.loads(Path(third["manifest"]).read_text())
    for name, entry in manifest["files"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == entry["sha256"]
        if name.endswith(".parquet"):  # the report carries its run metadata, so it is always written
            assert ((folder / name).stat().st_mtime_ns == mtimes[name]) == (name[: -len(".parquet")] in third["unchanged"])


def test_top_matches_keeps_the_k_best_allowed_with_ties_by_index():
    import numpy as np

    from kennismaker.exports.similarity import top_matches

    sims = np.array([0.5, 0.9, 0.7, 0.9, 0.2, 0.7], dtype=np.float32)
    allowed = np.array([True, True, True, True, True, False])
    assert top_matches(sims, allowed, 3, 0.3) == [(1, 0.8999999761581421), (3, 0.8999999761581421), (2, 0.699999988079071)]
    assert top_matches(sims, allowed, 10, 0.6) == [(1, 0.8999999761581421), (3, 0.8999999761581421), (2, 0.699999988079071)]
    assert top_matches(sims, allowed, 0, 0.0) == [] and top_matches(sims, ~allowed, 2, 0.8) == []
