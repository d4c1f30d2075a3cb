"""Evaluation of the head: per-class precision/recall/F1, macro-F1 and confusion, overall and per language."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from kennismaker.classify.config import ClassifyConfig
from kennismaker.classify.corpus import HEAD_CLASSES, corpus_files, corpus_frame, corpus_split, corpus_vectors, read_labels
from kennismaker.classify.embedders import Embedder
from kennismaker.classify.features import feature_matrix, frame_languages, parent_texts
from kennismaker.classify.head import Head, head_dir, primary_labels
from kennismaker.classify.thresholds import question_marks
from kennismaker.schema import LABELS

REPORT_LANGS = ("nl", "en")


def held_out_rows() -> list[dict]:
    """The held-out split of the bundled corpus (never used for training)."""
    return corpus_split([r for p in corpus_files() for r in read_labels(p)])[1]


def predicted_labels(rows: list[dict], head: Head, embedder: Embedder, cfg: ClassifyConfig, model_dir: Path) -> list[str]:
    """The head's primary label per labelled row, with each reply's parent scored as the pipeline scores it."""
    if not rows:
        return []
    frame = corpus_frame(rows)
    cache = head_dir(model_dir)
    parents = parent_texts(frame)
    parent_vecs = np.zeros((len(rows), embedder.dim), dtype=np.float32)
    idx = [i for i, p in enumerate(parents) if p]
    if idx:
        parent_vecs[idx] = corpus_vectors(embedder, [parents[i] for i in idx], cache)
    vectors = corpus_vectors(embedder, [r["text"] for r in rows], cache)
    features = feature_matrix(frame, vectors, frame_languages(frame, cfg), cfg, head.parent_questions(frame, parent_vecs, cfg))
    return primary_labels(head.probabilities(features), head.thresholds, question_marks([r["text"] for r in rows]))


def label_metrics(true: list[str], pred: list[str]) -> dict:
    """Per-label precision/recall/F1/support, macro-F1 (all five labels and the four classes) and the confusion matrix."""
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

    p, r, f, s = precision_recall_fscore_support(true, pred, labels=list(LABELS), zero_division=0)
    per_class = {lab: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])} for i, lab in enumerate(LABELS)}
    present = [lab for lab in LABELS if per_class[lab]["support"] > 0]
    return {
        "n": len(true),
        "per_class": per_class,
        "macro_f1": float(np.mean([per_class[lab]["f1"] for lab in present])) if present else 0.0,
        "macro_f1_classes": float(np.mean([per_class[c]["f1"] for c in HEAD_CLASSES if c in present] or [0.0])),
        "confusion": confusion_matrix(true, pred, labels=list(LABELS)).tolist() if true else [],
    }


def evaluation(rows: list[dict], pred: list[str]) -> dict:
    """Metrics overall and per language (``nl``, ``en``) of predictions ``pred`` for labelled ``rows``."""
    true = [r["label"] for r in rows]
    out = {"overall": label_metrics(true, pred)}
    for lang in REPORT_LANGS:
        idx = [i for i, r in enumerate(rows) if r.get("lang") == lang]
        if idx:
            out[lang] = label_metrics([true[i] for i in idx], [pred[i] for i in idx])
    return out


def metrics_text(name: str, m: dict) -> str:
    """One block of the report: the per-label table, macro-F1 and the confusion matrix."""
    lines = [f"== {name} (n={m['n']}) ==", f"{'label':<12}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>9}"]
    for lab, v in m["per_class"].items():
        lines.append(f"{lab:<12}{v['precision']:>10.3f}{v['recall']:>10.3f}{v['f1']:>10.3f}{v['support']:>9d}")
    lines.append(f"macro-F1 (5 labels): {m['macro_f1']:.3f}   macro-F1 (4 classes): {m['macro_f1_classes']:.3f}")
    lines.append("confusion (rows = true, columns = predicted):")
    lines.append(" " * 12 + "".join(f"{lab[:10]:>11}" for lab in LABELS))
    for lab, row in zip(LABELS, m["confusion"]):
        lines.append(f"{lab:<12}" + "".join(f"{v:>11d}" for v in row))
    return "\n".join(lines)


def evaluation_report(ev: dict) -> str:
    """The whole evaluation as plain text."""
    return "\n\n".join(metrics_text(name, m) for name, m in ev.items())
