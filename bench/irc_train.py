"""Fitting the ``flat.ffnn.v3`` or ``flat.ffnn.v4`` reply scorer on annotated IRC logs, and cross-validating it by file.

(``flat.ffnn.v2`` was fitted by the previous version of this command; its weights are frozen.)

Every annotated message gives one group of option rows ("new conversation" and each candidate
parent). The network is trained with a softmax over each message's options (the loss is minus
the log of the probability given to its gold options), as in Kummerfeld et al. (2019). Several
seeds are trained and their scores averaged. Training uses torch; inference
(``classify.flat_model``, ``classify.flat_model_v3``, ``classify.flat_model_v4``) is numpy only. Weights and model card go to one JSON file.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kennismaker.classify.flat import candidate_indices
from kennismaker.classify.flat_model import network_scores
from kennismaker.classify.flat import ReplyScorer
from kennismaker.classify.flat_model_v3 import MODEL_FILE_V3, V3_FEATURES, channel_v3, ffnn_v3_scorer, v3_option_rows
from kennismaker.classify.flat_model_v4 import MODEL_FILE_V4, V4_FEATURES, channel_v4, ffnn_v4_scorer, v4_option_rows
from bench.irc_replies import IrcFile, link_scores
from kennismaker.classify.irc import FIRST_ANNOTATED

SHIPPED_FIT = {"seeds": (0, 1, 2), "epochs": 15, "hidden": (64, 32), "weight_decay": 1e-2}


@dataclass(frozen=True)
class ModelKind:
    """What a trainable scorer version brings: its name, features, per-channel arrays, option rows, scorer and file."""

    name: str
    features: tuple[str, ...]
    prepare: Callable
    rows: Callable
    scorer: Callable[[dict[str, np.ndarray]], ReplyScorer]
    path: Path


MODELS = {
    "v3": ModelKind("flat.ffnn.v3", V3_FEATURES, channel_v3, v3_option_rows, ffnn_v3_scorer, MODEL_FILE_V3),
    "v4": ModelKind("flat.ffnn.v4", V4_FEATURES, channel_v4, v4_option_rows, ffnn_v4_scorer, MODEL_FILE_V4),
}


@dataclass(frozen=True)
class FileOptions:
    """The option rows of every annotated message of one file, with each option's parent index."""

    name: str
    rows: list[np.ndarray]
    options: list[list[int]]
    gold: dict[int, set[int]]


def file_options(file: IrcFile, max_candidates: int, max_gap_seconds: float, model: ModelKind = MODELS["v3"]) -> FileOptions:
    """Option rows of ``model`` for the annotated messages of ``file`` (system messages get only "new")."""
    ch = model.prepare(file.messages)
    rows, options = [], []
    for i, m in enumerate(file.messages):
        if i < FIRST_ANNOTATED or i not in file.gold:
            continue
        cands = [] if m.is_system else candidate_indices(file.messages, i, max_candidates, max_gap_seconds)
        rows.append(model.rows(ch, i, cands, file.similarity) if cands else np.zeros((1, len(model.features))))
        options.append([i, *cands])
    return FileOptions(file.name, rows, options, file.gold)


def predicted_links(opts: FileOptions, score: Callable[[np.ndarray], np.ndarray]) -> dict[int, int]:
    """The best-scoring option of every annotated message."""
    return {o[0]: o[int(np.argmax(score(r)))] if len(o) > 1 else o[0] for r, o in zip(opts.rows, opts.options)}


def pooled_link_scores(sets: Sequence[FileOptions], score: Callable[[np.ndarray], np.ndarray]) -> dict[str, float]:
    """Micro-averaged link scores of ``score`` over several files."""
    predicted, gold = {}, {}
    for n, opts in enumerate(sets):
        off = n * 10**6
        predicted.update({off + c: off + p for c, p in predicted_links(opts, score).items()})
        gold.update({off + c: {off + p for p in ps} for c, ps in opts.gold.items()})
    return link_scores(predicted, gold)


def _padded(sets: Sequence[FileOptions]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows [n, L, F], gold mask [n, L], valid mask [n, L]) for messages with a gold option in reach."""
    groups = [
        (r, np.array([p in opts.gold[o[0]] for p in o]))
        for opts in sets for r, o in zip(opts.rows, opts.options) if len(o) > 1
    ]
    groups = [(r, g) for r, g in groups if g.any()]
    width = max(len(r) for r, _ in groups)
    x = np.zeros((len(groups), width, groups[0][0].shape[1]), dtype=np.float32)
    gold = np.zeros((len(groups), width), dtype=bool)
    valid = np.zeros((len(groups), width), dtype=bool)
    for k, (r, g) in enumerate(groups):
        x[k, : len(r)], gold[k, : len(r)], valid[k, : len(r)] = r, g, True
    return x, gold, valid


def fitted_network(
    sets: Sequence[FileOptions], seeds: Sequence[int] = (0, 1, 2), hidden: tuple[int, int] = (64, 32),
    epochs: int = 40, weight_decay: float = 1e-4,
) -> dict[str, np.ndarray]:
    """Network weights (standardisation + one member per seed) trained on the options of ``sets``."""
    import torch

    torch.set_num_threads(1)
    x, gold, valid = _padded(sets)
    flat = x[valid]
    mean, scale = flat.mean(axis=0), flat.std(axis=0)
    scale[scale < 1e-6] = 1.0
    xt = torch.from_numpy((x - mean) / scale)
    gt, vt = torch.from_numpy(gold), torch.from_numpy(valid)
    weights: dict[str, np.ndarray] = {"mean": mean.astype(np.float32), "scale": scale.astype(np.float32)}
    for seed in seeds:
        torch.manual_seed(seed)
        net = torch.nn.Sequential(
            torch.nn.Linear(x.shape[2], hidden[0]), torch.nn.ReLU(), torch.nn.Linear(hidden[0], hidden[1]),
            torch.nn.ReLU(), torch.nn.Linear(hidden[1], 1),
        )
        opt = torch.optim.AdamW(net.parameters(), lr=2e-3, weight_decay=weight_decay)
        for _ in range(epochs):
            for batch in torch.randperm(len(xt)).split(64):
                logits = net(xt[batch]).squeeze(-1).masked_fill(~vt[batch], -1e9)
                loss = (torch.logsumexp(logits, 1) - torch.logsumexp(logits.masked_fill(~gt[batch], -1e9), 1)).mean()
                opt.zero_grad()
                loss.backward()
                opt.step()
        layers = [m for m in net if isinstance(m, torch.nn.Linear)]
        for n, layer in enumerate(layers, start=1):
            weights[f"m{seed}.w{n}"] = layer.weight.detach().numpy().T.copy()
            weights[f"m{seed}.b{n}"] = layer.bias.detach().numpy().copy()
    return weights


def scorer_of(weights: dict[str, np.ndarray]) -> Callable[[np.ndarray], np.ndarray]:
    """``network_scores`` bound to ``weights``."""
    w = {k: np.asarray(v, dtype=np.float64) for k, v in weights.items()}
    return lambda rows: network_scores(w, rows)


def fold_weights(sets: Sequence[FileOptions], folds: dict[str, list[str]], **fit) -> dict[str, dict[str, np.ndarray]]:
    """Per fold (name -> held-out file names): network weights trained on all other files."""
    return {fold: fitted_network([s for s in sets if s.name not in held], **fit) for fold, held in folds.items()}


def with_new_bias(weights: dict[str, np.ndarray], bias: float) -> dict[str, np.ndarray]:
    """``weights`` with ``bias`` added to every "new conversation" score (negative: fewer, longer conversations)."""
    return {**weights, "new_bias": np.array([bias], dtype=np.float32)}


def write_model(weights: dict[str, np.ndarray], card: dict, path: Path = MODEL_FILE_V3) -> None:
    """Write ``card`` (what the model was trained on) and ``weights`` (rounded to 6 significant digits) as JSON."""
    rounded = {k: np.vectorize(lambda x: float(f"{x:.6g}"))(np.asarray(v, dtype=np.float64)).tolist() for k, v in weights.items()}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"card": card, "weights": rounded}, separators=(",", ":")) + "\n", encoding="utf-8")


def file_group(name: str) -> str:
    """Cross-validation group of an IRC file: the channel for new-domains files (``rust.1``), else the file itself."""
    return name.split(".")[0]


def _kind(name: str) -> str:
    """``other`` for a new-domains file (``rust.1``), ``ubuntu`` for a dated Ubuntu file."""
    return "other" if "." in name else "ubuntu"


def _fit_settings(args: argparse.Namespace) -> dict:
    return {"seeds": tuple(range(args.seeds)), "epochs": args.epochs, "hidden": SHIPPED_FIT["hidden"], "weight_decay": SHIPPED_FIT["weight_decay"]}


def _sum_scores(results: Sequence[dict]) -> dict:
    tot = {k: sum(r[k] for r in results) for k in ("matched", "predicted", "gold")}
    p = tot["matched"] / tot["predicted"] if tot["predicted"] else 0.0
    r = tot["matched"] / tot["gold"] if tot["gold"] else 0.0
    return {**tot, "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def cv_rows(files: Sequence[IrcFile], sets: Sequence[FileOptions], args: argparse.Namespace, model: ModelKind = MODELS["v3"]) -> list[tuple[str, float, dict, dict]]:
    """(file group kind, new bias, pooled link scores, pooled conversation ARI) from cross-validation by file group."""
    from bench.conversation_eval import EvalChannel, channel_ari, model_parents, pooled

    kinds = ("ubuntu", "other") if getattr(args, "cv_part", "all") == "all" else (args.cv_part,)
    groups: dict[str, list[str]] = {}
    for s in sets:
        if _kind(s.name) in kinds:
            groups.setdefault(file_group(s.name), []).append(s.name)
    weights = fold_weights(sets, groups, **_fit_settings(args))
    fold_of = {name: fold for fold, names in groups.items() for name in names}
    rows = []
    for bias in args.new_biases:
        for kind in kinds:
            chosen = [(f, s) for f, s in zip(files, sets) if _kind(f.name) == kind]
            links, aris = [], []
            for f, s in chosen:
                w = with_new_bias(weights[fold_of[f.name]], bias)
                links.append(pooled_link_scores([s], scorer_of(w)))
                channel = EvalChannel(f.name, f.messages, f.similarity, f.gold, [i for i in range(len(f.messages)) if i >= FIRST_ANNOTATED and i in f.gold])
                aris.append(channel_ari(channel, model_parents(channel, model.scorer(w), args.max_candidates, args.max_gap_minutes * 60)))
            if chosen:
                rows.append((kind, bias, _sum_scores(links), pooled(aris)))
    return rows


def run_training(files: Sequence[IrcFile], args: argparse.Namespace, tests: Sequence[IrcFile] = ()) -> None:
    """``cv``: cross-validate by file group; ``heldout``: fit on ``files``, score ``tests``; ``train``: fit on all ``files`` and write the model."""
    model = MODELS[getattr(args, "model", "v3")]
    sets = [file_options(f, args.max_candidates, args.max_gap_minutes * 60, model) for f in files]
    fit = _fit_settings(args)
    if args.command == "heldout":
        weights = fitted_network(sets, **fit)
        test_sets = [file_options(f, args.max_candidates, args.max_gap_minutes * 60, model) for f in tests]
        for bias in args.new_biases:
            s = pooled_link_scores(test_sets, scorer_of(with_new_bias(weights, bias)))
            print(f"trained on {args.split}, tested on {args.test_split}, new bias {bias:+.1f}: "
                  f"P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} ({s['matched']}/{s['predicted']}, {s['gold']} gold)")
        return
    if args.command == "cv":
        print(f"cross-validation of {model.name}: Ubuntu (dated) files leave one file out, other files leave one channel out")
        for kind, bias, links, ari in cv_rows(files, sets, args, model):
            print(f"{kind:7s} new bias {bias:+.1f}  link P {links['precision']:.3f} R {links['recall']:.3f} F1 {links['f1']:.3f} "
                  f"({links['matched']}/{links['predicted']}, {links['gold']} gold)  ARI {ari['ari']:.3f}  "
                  f"conversations {ari['conversations']} (gold {ari['gold_conversations']}), one-message {ari['singletons']} (gold {ari['gold_singletons']})")
        return
    weights = with_new_bias(fitted_network(sets, **fit), args.new_biases[0])
    card = {
        "name": model.name,
        "trained_on": f"irc-disentanglement, folders {args.split}",
        "files": [s.name for s in sets],
        "option_groups": sum(len(s.rows) for s in sets),
        "candidates": f"previous {args.max_candidates} messages within {args.max_gap_minutes:g} min",
        "similarity": f"{args.embedder} cosine (TF-IDF when a message has no vector) and TF-IDF cosine",
        "fit": {k: list(v) if isinstance(v, tuple) else v for k, v in fit.items()},
        "new_bias": args.new_biases[0],
        "features": list(model.features),
        "licence_of_training_data": "CC BY 4.0 (Kummerfeld et al. 2019; Gupta & Kummerfeld, ALTA 2023)",
        "evaluation": "docs/answer-linking.md",
    }
    write_model(weights, card, model.path)
    print(f"wrote {model.path} ({len(sets)} files)")
