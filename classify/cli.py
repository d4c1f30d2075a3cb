"""CLI commands of classify/ (registered by kennismaker/cli.py): ``classify``, ``eval``, ``train``."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated, Optional

import typer

from kennismaker.cli_common import ConfigOpt, DbOpt, console, friendly_errors, resolved_config
from kennismaker.config import Config


@friendly_errors
def classify(db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Label new and changed messages (question, answer, link_share, social, other), set their language,
    and link answers to questions (answer_links, question_status, reply_links, conversations)."""
    from classify.run import labelled_and_linked
    from kennismaker.store import open_store

    cfg = resolved_config(config, db=db)
    with open_store(cfg.database) as con:
        counts = labelled_and_linked(con, cfg)
    links = counts["links"]
    console.print(
        f"labelled {counts['labelled']} ({counts['relabelled_with_context']} again with reconstructed replies), "
        f"embedded {counts['embedded']}, vectors from cache {counts['cached']}, already labelled {counts['skipped']}; "
        f"answer links {links.get('answer_links', 0)}, questions {links.get('question_status', 0)} -> {cfg.database}"
    )


def _with_embedder(cfg: Config, name: str | None) -> Config:
    if not name:
        return cfg
    classify_cfg = cfg.classify.model_copy(update={"embedder": cfg.classify.embedder.model_copy(update={"name": name, "model": None})})
    return cfg.model_copy(update={"classify": classify_cfg})


@friendly_errors
def evaluate(
    labels: Annotated[Optional[Path], typer.Option("--labels", help="JSON-lines file of labelled messages to score (default: the corpus held-out split).")] = None,
    embedder: Annotated[Optional[str], typer.Option("--embedder", help="Registered embedder name to evaluate instead of the configured one (transformers, use_multilingual).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Score the head on the corpus held-out split (or --labels): per-class P/R/F1, macro-F1, confusion matrix, overall and for nl and en."""
    from classify.corpus import read_labels
    from classify.embedders import get_embedder
    from classify.evaluate import evaluation, evaluation_report, held_out_rows, predicted_labels
    from classify.head import current_head

    cfg = _with_embedder(resolved_config(config), embedder)
    rows = read_labels(labels) if labels else held_out_rows()
    model = get_embedder(cfg.classify.embedder)
    head = current_head(cfg.classify, cfg.model_dir, model)
    pred = predicted_labels(rows, head, model, cfg.classify, cfg.model_dir)
    console.print(f"model {head.model_version}, embedder {model.model_id}, scored on {labels or 'the held-out split'}")
    console.print(evaluation_report(evaluation(rows, pred)), highlight=False)


@friendly_errors
def train(
    labels: Annotated[Path, typer.Option("--labels", help="JSON-lines file of corrected labels (text, label; optional parent, is_reply, author_is_asker, also).")],
    config: ConfigOpt = None,
) -> None:
    """Retrain the head on the corpus training split plus LABELS; the next `classify` relabels every message."""
    from classify.corpus import read_labels
    from classify.embedders import get_embedder
    from classify.head import EXTRA_LABELS, head_dir, trained_head

    cfg = resolved_config(config)
    rows = read_labels(labels)
    target = head_dir(cfg.model_dir) / EXTRA_LABELS
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(labels, target)
    head = trained_head(cfg.classify, cfg.model_dir, get_embedder(cfg.classify.embedder))
    console.print(f"trained {head.model_version} on the corpus training split plus {len(rows)} rows of {labels}")


def register(app: typer.Typer) -> None:
    """Add this package's commands to the main CLI."""
    app.command("classify")(classify)
    app.command("eval")(evaluate)
    app.command("train")(train)
