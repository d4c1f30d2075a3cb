"""``write_exports(con, cfg)``: compute every export, then publish them atomically with a manifest.

Publishing into ``output_dir/run_date=YYYY-MM-DD/`` goes in two phases. Stage: each file is
written under a hidden staging name (``.NAME.parquet.staging-RUNID``), read back and checked
(row count and schema); any failure removes every staging file of the run and re-raises, so
the folder and the previous manifest stay untouched. Commit: the old ``manifest.json`` is
removed, the staged files are renamed into place and the new manifest is written last (itself
via a staging name). A folder without ``manifest.json`` is therefore a run in progress, and a
manifest always describes the files next to it. Files hold no wall-clock values: a rerun on
the same data gives byte-identical Parquet files; only the manifest's run metadata differs. A
Parquet file whose new bytes equal the published file's is not written again (``unchanged`` in the
result): its file, mtime and manifest entry stay as they are.

The morning report (``report.html``, exports/report_html.py) is staged and committed with the
Parquet files and listed in the manifest; its headline figures go into the manifest too, so
the next run can show the change. ``write_report`` rebuilds only the report of a run folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from kennismaker.classify.conversation_messages import ensure_conversation_messages
from kennismaker.exports.context import as_of
from kennismaker.exports.faq import faq_candidates
from kennismaker.exports.health import create_analyst_views, knowledge_health, topic_trends
from kennismaker.exports.privacy import opted_out_authors
from kennismaker.exports.report_figures import headline_record, previous_run, report_figures
from kennismaker.exports.report_html import report_html
from kennismaker.exports.shown_state import pruned_shown_texts, start_shown_run
from kennismaker.exports.tacit import tacit_knowledge_candidates
from kennismaker.exports.unanswered import unanswered_questions
from kennismaker.errors import ExportCheckError
from kennismaker.schema import EXPORTS
from kennismaker.store import ensure_schema

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it

MANIFEST = "manifest.json"
REPORT = "report.html"
STAGING_MARK = ".staging-"

EXPORT_FUNCTIONS: dict[str, Callable[[duckdb.DuckDBPyConnection, Config], pa.Table]] = {
    "unanswered_questions": unanswered_questions,
    "tacit_knowledge_candidates": tacit_knowledge_candidates,
    "faq_candidates": faq_candidates,
    "topic_trends": topic_trends,
    "knowledge_health": knowledge_health,
}


def new_run_id(now: datetime | None = None) -> str:
    """A run id such as ``20250114T020000Z-1a2b3c4d``."""
    now = now or datetime.now(timezone.utc)
    return f"{now:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"


def run_folder(cfg: Config, ref: datetime) -> Path:
    """``output_dir/run_date=YYYY-MM-DD`` for the run's ``as_of`` date."""
    return Path(cfg.output_dir) / f"run_date={ref.date().isoformat()}"


def export_tables(con: duckdb.DuckDBPyConnection, cfg: Config) -> dict[str, pa.Table]:
    """Every export, computed in memory and cast to its schema in ``EXPORTS``.

    Upstream tables that are missing (a stage never ran) are created empty first, so their columns become NULL.
    Masked texts no export used this time are dropped from the kept ones (``exports.shown_state``).
    """
    ensure_schema(con)
    ensure_conversation_messages(con, cfg.classify.linking)
    start_shown_run(con)
    tables = {name: fn(con, cfg).cast(EXPORTS[name]) for name, fn in EXPORT_FUNCTIONS.items()}
    pruned_shown_texts(con)
    return tables


def write_parquet(table: pa.Table, path: Path, compression: str) -> None:
    """Write one Parquet file (deterministic: no timestamps in the file)."""
    pq.write_table(table, path, compression=compression)


def checked_file(path: Path, expected: pa.Table) -> None:
    """Read a written file back; raise ``ExportCheckError`` unless rows and schema match."""
    got = pq.read_table(path)
    if got.num_rows != expected.num_rows or not got.schema.equals(expected.schema, check_metadata=False):
        raise ExportCheckError(
            f"{path} read back with {got.num_rows} rows instead of {expected.num_rows} or another schema; "
            "check the disk (space, permissions) and run the export again."
        )


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def parquet_sha256(table: pa.Table, compression: str) -> str:
    """Hex SHA-256 of the bytes ``write_parquet`` would write for ``table`` (serialised in memory)."""
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression=compression)
    return hashlib.sha256(sink.getvalue()).hexdigest()


def unchanged_exports(tables: dict[str, pa.Table], folder: Path, compression: str) -> set[str]:
    """Names of the exports whose published file in ``folder`` already holds exactly these bytes."""
    same = set()
    for name, table in tables.items():
        path = folder / f"{name}.parquet"
        if path.is_file() and sha256(path) == parquet_sha256(table, compression):
            same.add(name)
    return same


def remove_stray_staging(folder: Path) -> None:
    """Delete staging files left by a run that was killed (a clean failure removes its own)."""
    for path in folder.glob(f".*{STAGING_MARK}*"):
        path.unlink(missing_ok=True)


def staged_files(tables: dict[str, pa.Table], folder: Path, run_id: str, compression: str) -> dict[str, Path]:
    """Phase 1: every table written under a staging name and checked; on any failure nothing is left."""
    staged: dict[str, Path] = {}
    try:
        for name in sorted(tables):
            path = folder / f".{name}.parquet{STAGING_MARK}{run_id}"
            staged[name] = path
            write_parquet(tables[name], path, compression)
            checked_file(path, tables[name])
    except BaseException:
        for path in staged.values():
            path.unlink(missing_ok=True)
        raise
    return staged


def manifest_dict(cfg: Config, run_id: str, ref: datetime, staged: dict[str, Path], tables: dict[str, pa.Table], opt_outs: int,
                  report: tuple[Path, dict] | None = None) -> dict:
    """The manifest: run metadata, privacy settings applied and, per file, rows, bytes and sha256.

    ``report`` is the staged report and its ``headline_record``: the file is listed like the
    Parquet files and the record is kept under ``report`` for the next run's comparison.
    """
    files = {
        f"{name}.parquet": {"rows": tables[name].num_rows, "bytes": path.stat().st_size, "sha256": sha256(path),
                            "columns": tables[name].schema.names}
        for name, path in sorted(staged.items())
    }
    if report is not None:
        files[REPORT] = report_entry(report[0])
    p = cfg.privacy
    return {
        "run_id": run_id, "run_date": ref.date().isoformat(), "as_of": ref.isoformat(),
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "unanswered_after_hours": cfg.exports.unanswered_after_hours,
        "privacy": {"min_group_size": p.min_group_size, "person_level_output": p.person_level_output,
                    "show_display_names": p.show_display_names, "mask_contacts": p.mask_contacts, "opted_out_people": opt_outs},
        "files": files,
        **({"report": {"language": cfg.report.language, "headline": report[1]["headline"]}} if report else {}),
    }


def report_entry(path: Path) -> dict:
    """The manifest entry of the report: bytes and sha256."""
    return {"bytes": path.stat().st_size, "sha256": sha256(path)}


def report_page(con: duckdb.DuckDBPyConnection, cfg: Config, tables: dict[str, pa.Table], ref: datetime, run_id: str) -> tuple[str, dict]:
    """The report's HTML and its headline record, compared against the latest earlier run folder."""
    figures = report_figures(con, cfg, tables, previous_run(cfg.output_dir, ref.date()))
    meta = {"run_id": run_id, "run_date": ref.date().isoformat(),
            "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    return report_html(figures, cfg, meta), headline_record(figures)


def staged_report(html: str, folder: Path, run_id: str) -> Path:
    """The report written under a staging name (UTF-8) and read back."""
    path = folder / f".{REPORT}{STAGING_MARK}{run_id}"
    try:
        path.write_text(html, encoding="utf-8")
        if path.read_text(encoding="utf-8") != html:
            raise ExportCheckError(f"{path} read back differently; check the disk (space, permissions) and run the export again.")
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def committed(folder: Path, staged: dict[str, Path], manifest: dict, run_id: str, report: Path | None = None) -> Path:
    """Phase 2: old manifest out, staged files (and report) renamed into place, new manifest written last.

    ``staged`` may name published files that were unchanged; those stay where they are.
    """
    target = folder / MANIFEST
    tmp = folder / f".{MANIFEST}{STAGING_MARK}{run_id}"
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    target.unlink(missing_ok=True)
    for name, path in sorted(staged.items()):
        if path != folder / f"{name}.parquet":
            os.replace(path, folder / f"{name}.parquet")
    if report is not None:
        os.replace(report, folder / REPORT)
    os.replace(tmp, target)
    return target


def write_exports(con: duckdb.DuckDBPyConnection, cfg: Config) -> dict:
    """Compute and atomically publish every export and the report; returns ``{"folder", "manifest", "report", "rows", "run_id", "unchanged"}``.

    ``rows`` maps each Parquet file name to its row count; ``unchanged`` lists the exports whose published
    file already held the same bytes and was left untouched. The analyst views are (re)created too.
    """
    ref, run_id = as_of(cfg), new_run_id()
    tables = export_tables(con, cfg)
    html, record = report_page(con, cfg, tables, ref, run_id)
    folder = run_folder(cfg, ref)
    folder.mkdir(parents=True, exist_ok=True)
    remove_stray_staging(folder)
    same = unchanged_exports(tables, folder, cfg.exports.compression)
    staged = staged_files({n: t for n, t in tables.items() if n not in same}, folder, run_id, cfg.exports.compression)
    try:
        report = staged_report(html, folder, run_id)
    except BaseException:
        for p in staged.values():
            p.unlink(missing_ok=True)
        raise
    staged.update({n: folder / f"{n}.parquet" for n in same})
    manifest = manifest_dict(cfg, run_id, ref, staged, tables, len(opted_out_authors(con, cfg)), (report, record))
    path = committed(folder, staged, manifest, run_id, report)
    create_analyst_views(con, cfg)
    rows = {name: entry["rows"] for name, entry in manifest["files"].items() if name.endswith(".parquet")}
    return {"folder": str(folder), "manifest": str(path), "report": str(folder / REPORT), "rows": rows, "run_id": run_id,
            "unchanged": sorted(same)}


def write_report(con: duckdb.DuckDBPyConnection, cfg: Config) -> Path:
    """Rebuild ``report.html`` of this run's folder from the database (atomically; the manifest entry follows)."""
    ref, run_id = as_of(cfg), new_run_id()
    tables = export_tables(con, cfg)
    html, record = report_page(con, cfg, tables, ref, run_id)
    folder = run_folder(cfg, ref)
    folder.mkdir(parents=True, exist_ok=True)
    report = staged_report(html, folder, run_id)
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        os.replace(report, folder / REPORT)
        return folder / REPORT
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["files"][REPORT] = report_entry(report)
    manifest["report"] = {"language": cfg.report.language, "headline": record["headline"]}
    tmp = folder / f".{MANIFEST}{STAGING_MARK}{run_id}"
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(report, folder / REPORT)
    os.replace(tmp, manifest_path)
    return folder / REPORT
