"""CLI commands ``kennismaker run`` and ``kennismaker serve``."""

from __future__ import annotations

import logging
import os
from typing import Annotated

import typer
from rich.table import Table

from kennismaker.cli_common import ConfigOpt, DbOpt, OutOpt, console, debugging, friendly_errors
from kennismaker.pipelines.config import resolved_config


def _quiet_prefect(verbose: bool) -> None:
    """Prefect's own log lines only with --verbose or --debug: a failure is our one sentence at the end."""
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "CRITICAL")
        logging.getLogger("prefect").setLevel(logging.CRITICAL)


@friendly_errors
def run(
    config: ConfigOpt = None,
    db: DbOpt = None,
    out: OutOpt = None,
    refit: Annotated[bool, typer.Option("--refit", help="Refit the topic model tonight (ids stay aligned).")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's own log lines.")] = False,
) -> None:
    """Run the nightly flow: extract -> classify -> topics -> export, then print a summary.

    Runs without a Prefect server (ephemeral mode) unless PREFECT_API_URL points at one.
    When a stage fails the run ends with one sentence and a non-zero exit; the previous night's
    exports stay intact (`kennismaker --debug run` shows the traceback).
    """
    _quiet_prefect(verbose or debugging())
    cfg = resolved_config(config, db=db, out=out)
    from kennismaker.pipelines.flows import nightly_flow
    from kennismaker.pipelines.summary import report_path, summary_rows
    from kennismaker.pipelines.tasks import ConfigRef

    ref = ConfigRef.of(cfg, config)
    console.print(f"nightly run on {len(cfg.sources)} source(s) -> {cfg.database}")
    result = nightly_flow(ref, refit)
    table = Table("stage", "seconds", "result", title=f"run {result['run_id']}")
    for row in summary_rows(result):
        table.add_row(*row)
    console.print(table)
    report = report_path(result)
    if report:
        console.print(f"report: {report}", soft_wrap=True)


@friendly_errors
def serve(
    cron: Annotated[str, typer.Option("--cron", help="Cron schedule for the nightly run.")] = "0 2 * * *",
    config: ConfigOpt = None,
    db: DbOpt = None,
    out: OutOpt = None,
    name: Annotated[str, typer.Option("--name", help="Deployment name.")] = "kennismaker-nightly",
) -> None:
    """Serve the nightly flow on a cron schedule (at most one run at a time).

    Needs a Prefect server: start one with `prefect server start` and set PREFECT_API_URL.
    """
    cfg = resolved_config(config, db=db, out=out)
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy

    from kennismaker.pipelines.flows import nightly_flow
    from kennismaker.pipelines.tasks import ConfigRef

    ref = ConfigRef(config_path=str(config) if config else None, db=str(cfg.database), out=str(cfg.output_dir))
    limit = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)
    nightly_flow.serve(name=name, cron=cron, parameters={"ref": ref.model_dump()}, global_limit=limit, limit=1)


@friendly_errors
def forget(
    person: Annotated[str, typer.Argument(help="Platform id as the export has it (slack:U0123ABC, or U0123ABC) or e-mail address.")],
    config: ConfigOpt = None,
    db: DbOpt = None,
    out: OutOpt = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Erase one person: their messages and every derived row, from the database (rebuilt so no bytes
    remain) and every export; a tombstone keeps a re-ingest of an old export from bringing them back.

    Writes an erasure receipt (keyed hashes only) into erasure-receipts/ next to the database.
    """
    cfg = resolved_config(config, db=db, out=out)
    if not yes:
        typer.confirm(f"Erase {person} from {cfg.database} and every export under {cfg.output_dir}? This cannot be undone", abort=True)
    from kennismaker.pipelines.erasure import forget_person

    receipt = forget_person(cfg, person)
    deleted = receipt["rows_deleted"]
    console.print(f"erased {receipt['messages_erased']} messages and {sum(deleted.values())} rows in all; "
                  f"{len(receipt['artefacts']['published_files_rewritten'])} published files rewritten; database compacted")
    console.print(f"receipt: {receipt['receipt']}")


@friendly_errors
def purge(config: ConfigOpt = None, db: DbOpt = None, out: OutOpt = None) -> None:
    """Remove artefacts older than their retention_days (staging, quarantine, run folders, old topic models);
    the nightly run does this after the export. Safe to repeat."""
    cfg = resolved_config(config, db=db, out=out)
    from kennismaker.store import open_store
    from kennismaker.pipelines.lock import run_lock
    from kennismaker.pipelines.retention import purged

    with run_lock(cfg.database), open_store(cfg.database) as con:
        gone = purged(con, cfg)
    console.print("removed " + ", ".join(f"{kind} {n}" for kind, n in gone.items()))


def register(app: typer.Typer) -> None:
    """Add this package's commands to the main CLI."""
    app.command("run")(run)
    app.command("serve")(serve)
    app.command("forget")(forget)
    app.command("purge")(purge)
