"""CLI commands of exports/ (registered by pipelines/app.py): ``export`` and ``curate import|export``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from kennismaker.cli_common import ConfigOpt, DbOpt, OutOpt, console, friendly_errors
from kennismaker.pipelines.config import resolved_config
from kennismaker.errors import CurationFileError
from kennismaker.store import open_store

curate_app = typer.Typer(help="The curation loop: editors' decisions on export candidates.", no_args_is_help=True)


@friendly_errors
def export(db: DbOpt = None, out: OutOpt = None, config: ConfigOpt = None) -> None:
    """Write the Parquet exports and manifest into output_dir/run_date=YYYY-MM-DD/."""
    from kennismaker.exports.publish import write_exports

    cfg = resolved_config(config, db=db, out=out)
    with open_store(cfg.database) as con:
        result = write_exports(con, cfg)
    for name, rows in result["rows"].items():
        console.print(f"{name}: {rows} rows")
    console.print(f"-> {result['folder']} (manifest {result['manifest']})")
    console.print(f"report: {result['report']}")


@friendly_errors
def report(db: DbOpt = None, out: OutOpt = None, config: ConfigOpt = None) -> None:
    """Rebuild report.html (the morning report) of output_dir/run_date=YYYY-MM-DD/ from the database.

    The page shows the headline figures, the weekly plots and the top candidates of the same
    tables the Parquet exports hold, in the language of `report.language` (nl or en); the
    folder's manifest entry is updated. `kennismaker run` and `kennismaker export` write it too.
    """
    from kennismaker.exports.publish import write_report

    cfg = resolved_config(config, db=db, out=out)
    with open_store(cfg.database) as con:
        path = write_report(con, cfg)
    console.print(f"report: {path}")


@friendly_errors
def curate_import(
    file: Annotated[Path, typer.Argument(help="CSV, Parquet or Excel workbook (.xlsx, from `curate export --xlsx`) with candidate_id, decision, merge_into, note, editor.")],
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Store an editor's decisions (accept / reject / merge_into / done); the whole file or nothing.

    A workbook is read sheet by sheet; rows without a decision stay open.
    """
    from kennismaker.exports.curation import import_decisions

    cfg = resolved_config(config, db=db)
    with open_store(cfg.database) as con:
        n = import_decisions(con, file)
    console.print(f"stored {n} decisions from {file}")


@friendly_errors
def curate_export(
    file: Annotated[Optional[Path], typer.Argument(help="Where to write (.csv, .parquet, or .xlsx for the workbook); default output_dir/curation/open_candidates.csv.")] = None,
    xlsx: Annotated[Optional[Path], typer.Option("--xlsx", help="Write an Excel workbook here instead: one sheet per list, a decision drop-down.")] = None,
    db: DbOpt = None,
    out: OutOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Write the open (and accepted) candidates in the curation-file shape, for a spreadsheet round-trip.

    With --xlsx FILE: the editor's workbook (sheets faq, tacit_knowledge, unanswered_questions;
    frozen header; a drop-down of accept / reject / merge_into / done; cells that would start a
    formula get a leading apostrophe). Fill in the decisions and read them back with `curate import FILE`.
    """
    from kennismaker.exports.candidates import open_candidates, write_candidates
    from kennismaker.exports.workbook import write_workbook

    cfg = resolved_config(config, db=db, out=out)
    if xlsx is not None and file is not None:
        raise CurationFileError("Give either FILE (CSV or Parquet) or --xlsx FILE, not both.")
    target = xlsx or file or Path(cfg.output_dir) / "curation" / "open_candidates.csv"
    with open_store(cfg.database) as con:
        table = open_candidates(con, cfg)
    if target.suffix.lower() == ".xlsx":
        write_workbook(table, target)
    else:
        write_candidates(table, target)
    console.print(f"wrote {table.num_rows} candidates to {target}")


def register(app: typer.Typer) -> None:
    """Add this package's commands to the main CLI."""
    app.command("export")(export)
    app.command("report")(report)
    curate_app.command("import")(curate_import)
    curate_app.command("export")(curate_export)
    app.add_typer(curate_app, name="curate")
