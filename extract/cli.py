"""CLI command ``kennismaker ingest`` (and ``kennismaker readers``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kennismaker.extract.load import ingest_export, source_from_path
from kennismaker.extract.readers import get_reader, reader_names
from kennismaker.cli_common import ConfigOpt, DbOpt, console, friendly_errors
from kennismaker.pipelines.config import resolved_config
from kennismaker.store import open_store


@friendly_errors
def ingest(
    path: Annotated[Path, typer.Argument(help="Export file, folder or zip to load.")],
    format: Annotated[str, typer.Option("--format", "-f", help="Reader name (see `kennismaker readers`) or auto.")] = "auto",
    name: Annotated[str | None, typer.Option("--name", help="Source label stored in ingest_runs (default: the file name).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Read the export even when no file changed since its last ingest.")] = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Load one export into the DuckDB database (idempotent; bad records go to quarantine)."""
    cfg = resolved_config(config, db=db)
    src = source_from_path(path, format, name)
    with open_store(cfg.database) as con:
        s = ingest_export(con, src, cfg, force=force)
    if s.status == "unchanged":
        console.print(f"{s.source_name} ({s.format}): no file changed since its last ingest, nothing read (use --force to read it again)")
        return
    console.print(
        f"{s.source_name} ({s.format}): read {s.messages_read}, new {s.messages_new}, "
        f"changed {s.messages_changed}, unchanged {s.messages_unchanged}, "
        f"excluded by privacy {s.messages_excluded}, quarantined {s.quarantined} -> {cfg.database}"
    )


def readers() -> None:
    """List the registered export readers and what each one reads."""
    table = Table("name", "source", "reads")
    for name in reader_names():
        reader = get_reader(name)
        table.add_row(name, reader.source, reader_summary(reader))
    console.print(table)


def reader_summary(reader: object) -> str:
    """What a reader reads: the first line of its module's docstring."""
    import sys

    doc = (sys.modules[type(reader).__module__].__doc__ or "").strip()
    return doc.splitlines()[0].rstrip(".") if doc else ""


def register(app: typer.Typer) -> None:
    """Add this package's commands to the main CLI."""
    app.command("ingest")(ingest)
    app.command("readers")(readers)
