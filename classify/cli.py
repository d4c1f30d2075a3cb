"""CLI commands of classify/ (registered by pipelines/app.py): ``classify``, ``eval``, ``train``."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kennismaker.cli_common import ConfigOpt, DbOpt, console, friendly_errors
from kennismaker.pipelines.config import resolved_config

if TYPE_CHECKING:
    from kennismaker.pipelines.config import Config  # the combined config sits on top; stages only type against it


@friendly_errors
def classify(db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Label new and changed messages (question, answer, link_share, social, other), set their language,
    and link answers to questions (answer_links, question_status, reply_links, conversations); then check
    those tables' keys and label/status values."""
    from kennismaker.classify.run import labelled_and_linked
    from kennismaker.store import checked_stage, open_store

    cfg = resolved_config(config, db=db)
    with open_store(cfg.database) as con:
        counts = labelled_and_linked(con, cfg)
        checked_stage(con, "classify")
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
    embedder: Annotated[Optional[str], typer.Option("--embedder", help="Registered embedder name to evaluate instead of the configured one (use_multilingual, transformers, onnx).")] = None,
    dataset: Annotated[Optional[Path], typer.Option("--dataset", help="Labelled dataset folder (messages.jsonl + gold.jsonl): run the whole pipeline on it and score labels, answer links, unanswered threads and conversations.")] = None,
    split: Annotated[str, typer.Option("--split", help="With --dataset: the gold split to run on (dev, test or all).")] = "dev",
    flat: Annotated[bool, typer.Option("--flat", help="With --dataset: use the flat variant (flat.jsonl + flat.gold.jsonl) and score conversation reconstruction.")] = False,
    limit_dialogues: Annotated[Optional[int], typer.Option("--limit-dialogues", min=1, help="With --dataset: only the first N dialogues of the split.")] = None,
    db: Annotated[Optional[Path], typer.Option("--db", help="With --dataset: DuckDB file to ingest into (default: ~/.cache/kennismaker/eval/<dataset>-<split>.duckdb; reruns reuse its embeddings).")] = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="With --dataset: also write every figure to this JSON file.")] = None,
    config: ConfigOpt = None,
) -> None:
    """Score the head on the corpus held-out split (or --labels), or the whole pipeline on a labelled --dataset:
    per-class P/R/F1, macro-F1, confusion matrix, overall and for nl and en, with baselines."""
    if dataset is not None:
        return _evaluate_dataset(dataset, split, flat, limit_dialogues, db, json_out, _with_embedder(resolved_config(config), embedder))
    from kennismaker.classify.corpus import read_labels
    from kennismaker.classify.embedders import get_embedder
    from kennismaker.classify.evaluate import evaluation, evaluation_report, held_out_rows, predicted_labels
    from kennismaker.classify.head import configured_head

    cfg = _with_embedder(resolved_config(config), embedder)
    rows = read_labels(labels) if labels else held_out_rows()
    model = get_embedder(cfg.classify.embedder)
    head = configured_head(cfg.classify, cfg.model_dir, model)
    pred = predicted_labels(rows, head, model, cfg.classify, cfg.model_dir)
    console.print(f"model {head.model_version}, embedder {model.model_id}, scored on {labels or 'the held-out split'}")
    console.print(evaluation_report(evaluation(rows, pred)), highlight=False)


def _evaluate_dataset(dataset: Path, split: str, flat: bool, limit: int | None, db: Path | None, json_out: Path | None, cfg: Config) -> None:
    import json

    from kennismaker.classify.dataset_eval import dataset_evaluation
    from kennismaker.classify.dataset_report import dataset_report

    result = dataset_evaluation(dataset, cfg, split=split, flat=flat, limit_dialogues=limit, database=db)
    console.print(dataset_report(result), highlight=False, soft_wrap=True)
    if json_out is not None:
        json_out.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
        console.print(f"figures written to {json_out}")


DATASET_HELP = ("Labelled dataset folder (messages.jsonl + gold.jsonl) whose dev split the head also learns from, or the "
                "irc-disentanglement folder (our labels in classify/data/irc_labels.csv, training files only); repeat for more. "
                "Only data whose licence allows training.")


@friendly_errors
def train(
    labels: Annotated[Optional[Path], typer.Option("--labels", help="JSON-lines file of corrected labels (text, label; optional parent, is_reply, author_is_asker, also).")] = None,
    dataset: Annotated[Optional[list[Path]], typer.Option("--dataset", help=DATASET_HELP)] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write the head to this .safetensors file instead of the model folder (how the shipped head in classify/models/ is made).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Retrain the head on the corpus training split plus LABELS and the dev split of each --dataset (default:
    classify.training_datasets); the next `classify` relabels every message."""
    from kennismaker.classify.corpus import read_labels
    from kennismaker.classify.embedders import get_embedder
    from kennismaker.classify.head import EXTRA_LABELS, head_dir, trained_head

    cfg = resolved_config(config)
    if dataset:
        cfg = cfg.model_copy(update={"classify": cfg.classify.model_copy(update={"training_datasets": [d.resolve() for d in dataset]})})
    if labels is None and not cfg.classify.training_datasets:
        raise typer.BadParameter("give --labels FILE, --dataset DIR or both")
    if labels is not None:
        rows = read_labels(labels)
        target = head_dir(cfg.model_dir) / EXTRA_LABELS
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(labels, target)
    head = trained_head(cfg.classify, cfg.model_dir, get_embedder(cfg.classify.embedder), target=out)
    extra = f" plus {len(rows)} rows of {labels}" if labels is not None else ""
    sets = ", ".join(str(d) for d in cfg.classify.training_datasets)
    console.print(f"trained {head.model_version} on the corpus training split{extra}" + (f" and the dev split of {sets}" if sets else "")
                  + f"; thresholds {head.thresholds}" + (f" -> {out}" if out else ""))
    if dataset and out is None:
        console.print("set classify.training_datasets to the same folders in the config, so that classify uses this head")


def register(app: typer.Typer) -> None:
    """Add this package's commands to the main CLI."""
    app.command("classify")(classify)
    app.command("eval")(evaluate)
    app.command("train")(train)
