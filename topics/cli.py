"""CLI command ``kennismaker topics`` (registered by pipelines/app.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from kennismaker.cli_common import ConfigOpt, DbOpt, console, friendly_errors
from kennismaker.pipelines.config import resolved_config
from kennismaker.store import checked_stage, open_store


@friendly_errors
def topics(
    refit: Annotated[bool, typer.Option("--refit", help="Fit the topic model again now (ids stay aligned).")] = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Assign conversations to stable topics (fits BERTopic when due; otherwise only new threads); then check the topic tables' keys."""
    from kennismaker.topics.assign import assign_topics

    cfg = resolved_config(config, db=db)
    with open_store(cfg.database) as con:
        out = assign_topics(con, cfg, refit=refit)
        checked_stage(con, "topics")
    fitted = f"fitted ({out['reason']})" if out["fitted"] else "reused"
    console.print(
        f"topics: model {out['model_version']} {fitted}; {out['topics']} topics, {out['threads']} threads "
        f"({out['new_threads']} new, {out['changed_threads']} changed), outlier share {out['outlier_share']:.1%}"
    )


def register(app: typer.Typer) -> None:
    """Add this package's commands to the main CLI."""
    app.command("topics")(topics)
