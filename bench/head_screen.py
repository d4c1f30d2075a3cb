"""Screening candidate classification heads on dev data only (a research harness, not installed).

    python -m bench.head_screen fit --mrda /tmp/mrda-all --irc ../shared/datasets/irc-disentanglement \\
        --irc-weight 2 --out /tmp/heads/irc2
    python -m bench.head_screen score --head /tmp/heads/irc2/head.safetensors --db-dir /tmp/screen-db \\
        --json /tmp/heads/irc2/dev.json [--thresholds '{"question": 0.5}']

``fit`` trains a head exactly as ``kennismaker train`` does (``classify.head.head_training``) with the
given weight for our IRC labels, writes it, and writes the out-of-fold scores on the MRDA rows of the
dev meetings (``mrda_oof``: the head's thresholds, plus the thresholds re-chosen unweighted and on the
real rows only, see ``THRESHOLD_CHOICES``). ``score`` runs the whole pipeline (``kennismaker eval``'s
``dataset_evaluation``) on the dev splits of STAC, SemEval-2015 and the Dutch issue threads (threaded and
flat) with that head in place of the shipped one. Each dev set has one DuckDB file in ``--db-dir``, kept
between candidates, so its texts are embedded once; a new head only relabels. The selection rule is
in docs/classification.md ("Choosing a head").
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import numpy as np

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"
DEV_SETS = {  # name -> (folder, flat)
    "stac": ("stac", False),
    "semeval": ("semeval2015-task3-cqa", False),
    "dutch": ("dutch-issue-threads", False),
    "dutch_flat": ("dutch-issue-threads", True),
}
KEEP = {"social": 0.6, "other": 0.4}  # the stable sample of MRDA dev rows training keeps (classify.head.training_rows)
THRESHOLD_CHOICES = ("weighted", "unweighted", "real_only")


def _config(config: Path | None):
    from kennismaker.pipelines.config import load_config

    return load_config(config)


def _macro(true: np.ndarray, pred: np.ndarray, weights: np.ndarray) -> dict:
    from kennismaker.classify.thresholds import _f1, macro_f1

    return {"question_f1": _f1(true, pred, "question", weights), "macro_f1": macro_f1(true, pred, weights)}


def threshold_choices(training) -> dict[str, dict[str, float]]:
    """The thresholds chosen on the out-of-fold probabilities three ways: row-weighted as shipped, every row
    counting once, and on the real-data rows only (no hand-written corpus)."""
    from kennismaker.classify.head import row_weights
    from kennismaker.classify.thresholds import chosen_thresholds, question_marks

    original = np.array(["~" not in r["id"] for r in training.rows])
    rows = [r for r, o in zip(training.rows, original) if o]
    oof = training.oof[original]
    real = np.array([bool(r.get("dataset")) for r in rows])
    labels = [r["label"] for r in rows]
    marks = question_marks([r["text"] for r in rows])
    real_rows = [r for r, k in zip(rows, real) if k]
    return {
        "weighted": chosen_thresholds(oof, labels, marks, row_weights(rows)),
        "unweighted": chosen_thresholds(oof, labels, marks),
        "real_only": chosen_thresholds(oof[real], [r["label"] for r in real_rows], marks[real], row_weights(real_rows)),
    }


def mrda_oof_scores(training, thresholds: dict[str, float], meetings: set[str]) -> dict:
    """Question F1 and macro-F1 of the out-of-fold labels of the MRDA rows from ``meetings`` (each row weighted
    back by 1 / its kept share, so the scores stand for the whole meetings)."""
    from kennismaker.classify.thresholds import primary_labels, question_marks

    keep = [k for k, r in enumerate(training.rows) if "~" not in r["id"] and r["id"].startswith("mrda")
            and r["id"].split(":", 1)[1].split("-", 1)[0] in meetings]
    rows = [training.rows[k] for k in keep]
    pred = np.array(primary_labels(training.oof[keep], thresholds, question_marks([r["text"] for r in rows])))
    true = np.array([r["label"] for r in rows])
    weights = np.array([1.0 / KEEP.get(lab, 1.0) for lab in true])
    return {**_macro(true, pred, weights), "rows": len(rows)}


def fit(args: argparse.Namespace) -> None:
    """Train one candidate head, write it and its MRDA out-of-fold scores."""
    from kennismaker.classify import head as head_module
    from kennismaker.classify.embedders import get_embedder

    cfg = _config(args.config)
    head_module.IRC_WEIGHT = args.irc_weight
    datasets = [args.mrda.resolve()] + ([args.irc.resolve()] if args.irc_weight > 0 else [])
    ccfg = cfg.classify.model_copy(update={"training_datasets": datasets})
    training = head_module.head_training(ccfg, cfg.model_dir, get_embedder(ccfg.embedder), named_by_content=True)
    args.out.mkdir(parents=True, exist_ok=True)
    head_module.saved_head(training.head, args.out / "head.safetensors")
    meetings = {line.split("\t")[0] for line in (args.mrda / "splits.tsv").read_text().splitlines() if line.endswith("\tdev")}
    choices = threshold_choices(training)
    result = {"model_version": training.head.model_version, "irc_weight": args.irc_weight, "rows": len(training.rows),
              "thresholds": choices, "mrda_oof": {name: mrda_oof_scores(training, t, meetings) for name, t in choices.items()}}
    (args.out / "fit.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(json.dumps(result, indent=1))


def score(args: argparse.Namespace) -> None:
    """Run the pipeline on every dev set with the candidate head in place of the shipped one."""
    import shutil

    from kennismaker.classify import head as head_module
    from kennismaker.classify.dataset_eval import dataset_evaluation

    cfg = _config(args.config)
    if args.thresholds:
        head_cfg = cfg.classify.head.model_copy(update={"thresholds": json.loads(args.thresholds)})
        cfg = cfg.model_copy(update={"classify": cfg.classify.model_copy(update={"head": head_cfg})})
    sets = {**DEV_SETS, **({"irc_heldout": (str(args.irc_heldout), False)} if args.irc_heldout else {})}
    results = {}
    with tempfile.TemporaryDirectory(prefix="head-screen-") as tmp:
        shutil.copyfile(args.head, Path(tmp) / "head-candidate.safetensors")
        head_module.BUNDLED_DIR = Path(tmp)
        for name, (folder, flat) in sets.items():
            split = "test" if name == "irc_heldout" else "dev"
            r = dataset_evaluation(SHARED / folder, cfg, split=split, flat=flat, database=args.db_dir / f"{name}.duckdb")
            m = r["labels"]["blocks"]["all"]["pipeline"]
            results[name] = {"question_f1": m["classes"]["question"]["f1"], "macro_f1": m["macro_f1"], "model_versions": r["run"]["model_versions"]}
            print(name, json.dumps(results[name]), flush=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    f = sub.add_parser("fit")
    f.add_argument("--mrda", type=Path, required=True, help="the converted 75-meeting MRDA folder (convert.py --all)")
    f.add_argument("--irc", type=Path, default=SHARED / "irc-disentanglement")
    f.add_argument("--irc-weight", type=float, default=0.0)
    f.add_argument("--out", type=Path, required=True)
    s = sub.add_parser("score")
    s.add_argument("--head", type=Path, required=True)
    s.add_argument("--db-dir", type=Path, required=True)
    s.add_argument("--json", type=Path, required=True)
    s.add_argument("--thresholds", default=None, help="JSON threshold overrides (classify.head.thresholds)")
    s.add_argument("--irc-heldout", type=Path, default=None, help="also score this bench.irc_dataset folder's test split (reported, not selected on)")
    for p in (f, s):
        p.add_argument("--config", type=Path, default=None)
    args = parser.parse_args()
    {"fit": fit, "score": score}[args.command](args)


if __name__ == "__main__":
    main()
