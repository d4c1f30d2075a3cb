"""Screening candidate classification heads on dev data only (a research harness, not installed).

    python -m bench.head_screen fit --mrda /tmp/mrda-all --irc ../shared/datasets/irc-disentanglement \\
        --irc-weight 2 --out /tmp/heads/irc2
    python -m bench.head_screen score --head /tmp/heads/irc2/head.safetensors --db-dir /tmp/screen-db \\
        --json /tmp/heads/irc2/dev.json [--thresholds '{"question": 0.5}']

``fit`` trains a head exactly as ``kennismaker train`` does (``classify.head.head_training``) with the
given weight for our IRC labels, writes it, and writes the out-of-fold scores on the MRDA rows of the
dev meetings (``mrda_oof``: the head's thresholds, plus the thresholds re-chosen unweighted and on the
real rows only, and the shipped head's, see ``THRESHOLD_CHOICES``). ``score`` runs the whole pipeline (``kennismaker eval``'s
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
THRESHOLD_CHOICES = ("shipped", "weighted", "unweighted", "real_only")
SHIPPED_DIR = Path(__file__).resolve().parents[1] / "classify" / "models"


def _config(config: Path | None):
    from kennismaker.pipelines.config import load_config

    return load_config(config)


def _macro(true: np.ndarray, pred: np.ndarray, weights: np.ndarray) -> dict:
    from kennismaker.classify.thresholds import _f1, macro_f1

    return {"question_f1": _f1(true, pred, "question", weights), "macro_f1": macro_f1(true, pred, weights)}


def threshold_choices(training) -> dict[str, dict[str, float]]:
    """The thresholds chosen on the out-of-fold probabilities three ways: row-weighted as shipped, every row
    counting once, and on the real-data rows only (no hand-written corpus)."""
    from kennismaker.classify.head import head_metadata, row_weights
    from kennismaker.classify.thresholds import chosen_thresholds, question_marks

    original = np.array(["~" not in r["id"] for r in training.rows])
    rows = [r for r, o in zip(training.rows, original) if o]
    oof = training.oof[original]
    real = np.array([bool(r.get("dataset")) for r in rows])
    labels = [r["label"] for r in rows]
    marks = question_marks([r["text"] for r in rows])
    real_rows = [r for r, k in zip(rows, real) if k]
    shipped = json.loads(head_metadata(next(SHIPPED_DIR.glob("head-*.safetensors")))["thresholds"])
    return {
        "shipped": shipped,
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
            results[name] = {"question_f1": m["per_class"]["question"]["f1"], "macro_f1": m["macro_f1"], "question_p": m["per_class"]["question"]["precision"], "question_r": m["per_class"]["question"]["recall"],
                             "model_versions": r["run"]["model_versions"], "labels": r["labels"]["blocks"]["all"]}
            print(name, json.dumps(results[name]), flush=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


def set_scores(dev: dict, mrda: dict) -> dict[str, dict]:
    """Question F1 and macro-F1 per row of the rule: the pipeline's dev sets and the MRDA out-of-fold figures."""
    rows = {name: {"question_f1": dev[name]["question_f1"], "macro_f1": dev[name]["macro_f1"]} for name in DEV_SETS}
    return {**rows, "mrda_oof": {"question_f1": mrda["question_f1"], "macro_f1": mrda["macro_f1"]}}


def rule_score(rows: dict[str, dict]) -> float:
    """The declared score: the mean over STAC, SemEval, Dutch (threaded and flat averaged) and MRDA of mean(question F1, macro-F1)."""
    per = {name: (r["question_f1"] + r["macro_f1"]) / 2 for name, r in rows.items()}
    dutch = (per.pop("dutch") + per.pop("dutch_flat")) / 2
    return float(np.mean([*per.values(), dutch]))


def table(args: argparse.Namespace) -> None:
    """Every candidate (``name=fit.json:dev.json:threshold choice``) against the first, by the declared rule."""
    cands = []
    for spec in args.candidates:
        name, rest = spec.split("=", 1)
        fit_path, dev_path, choice = rest.split(":")
        fitted, dev = json.loads(Path(fit_path).read_text()), json.loads(Path(dev_path).read_text())
        cands.append((name, set_scores(dev, fitted["mrda_oof"][choice]), dev.get("irc_heldout")))
    base = cands[0][1]
    names = [*DEV_SETS, "mrda_oof"]
    print("| candidate | " + " | ".join(names) + " | score | max fall | wins | IRC held-out (not selected on) |")
    print("|---" * (len(names) + 5) + "|")
    for name, rows, irc in cands:
        fall = max(base[n][k] - rows[n][k] for n in names for k in ("question_f1", "macro_f1"))
        gain = rule_score(rows) - rule_score(base)
        wins = name != cands[0][0] and gain >= 0.005 and fall <= 0.02
        cells = " | ".join(f"{rows[n]['question_f1']:.3f} / {rows[n]['macro_f1']:.3f}" for n in names)
        heldout = f"{irc['question_f1']:.3f} / {irc['macro_f1']:.3f}" if irc else "-"
        print(f"| {name} | {cells} | {rule_score(rows):.4f} ({gain:+.4f}) | {fall:+.3f} | {'yes' if wins else 'no'} | {heldout} |")


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
    t = sub.add_parser("table")
    t.add_argument("candidates", nargs="+", help="name=FIT.json:DEV.json:CHOICE (weighted, unweighted, real_only); the first is the baseline")
    for p in (f, s):
        p.add_argument("--config", type=Path, default=None)
    args = parser.parse_args()
    {"fit": fit, "score": score, "table": table}[args.command](args)


if __name__ == "__main__":
    main()
