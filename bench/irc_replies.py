"""Scoring and fitting flat-channel reply reconstruction on the IRC disentanglement data (Kummerfeld et al.).

A research harness, not part of the installed package (run from the repository root). Each
``*.ascii.txt`` log is read as one flat channel (``kennismaker.classify.irc`` reads the files);
link precision / recall / F1 count, over annotated messages, the predicted (message, parent) links
against the gold ones, as the dataset's papers do.

    python -m bench.irc_replies --data ../shared/datasets/irc-disentanglement [--split dev] [--embedder none]
    python -m bench.irc_replies cv --data ../shared/datasets/irc-disentanglement       # cross-validation by file
    python -m bench.irc_replies heldout --data ../shared/datasets/irc-disentanglement  # dev -> new-domains
    python -m bench.irc_replies train --data ../shared/datasets/irc-disentanglement    # writes flat.ffnn.v3 (--model v4: v4)
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.eval_vectors import EMBEDDERS, cached_vectors
from kennismaker.classify.flat import FlatMessage, ReplyScorer, Similarity, question_likelihood, reply_parents, scorer_named
from kennismaker.classify.flat_names import MIN_NAME_CHARS
from kennismaker.classify.irc import FIRST_ANNOTATED, IrcLine, gold_parents, line_times, log_lines


def addressed_nicks(text: str, nicks: dict[str, str]) -> frozenset[str]:
    """Nicks addressed in ``text``: at the start ("nick: ...", "nick, ...", "@nick ..."), or named
    later in the text when the nick is at least four characters long (as a Slack mention would be)."""
    found: set[str] = set()
    tokens = [t.lstrip("@").rstrip(".!?>").lower() for t in re.split(r"[\s,:;()]+", text.strip())]
    start = 0
    while start < min(3, len(tokens)) and tokens[start] in nicks:
        found.add(nicks[tokens[start]])
        start += 1
    found.update(nicks[t] for t in tokens[start:] if len(t) >= 4 and t in nicks)
    return frozenset(found)


def named_nicks(text: str, nicks: dict[str, str]) -> frozenset[str]:
    """Nicks named anywhere in ``text`` (``flat.ffnn.v4``'s names): any word that is a nick of the file, of at
    least ``MIN_NAME_CHARS`` characters, wherever it stands (the addressed nicks at the start included)."""
    tokens = [t.lstrip("@").rstrip(".!?>").lower() for t in re.split(r"[\s,:;()]+", text.strip())]
    return frozenset(nicks[t] for t in tokens if len(t) >= MIN_NAME_CHARS and t in nicks)


def irc_messages(lines: Sequence[IrcLine]) -> list[FlatMessage]:
    """The lines of one log as ``FlatMessage``s: author = nick, mentions = nicks addressed at the start
    (and long nicks later), names = nicks named anywhere."""
    nicks = {line.nick.lower(): line.nick for line in lines if not line.is_system}
    times = line_times(lines)
    return [
        FlatMessage(
            message_id=str(k),
            author=line.nick,
            at=times[k],
            text=line.text,
            addressed=frozenset() if line.is_system else addressed_nicks(line.text, nicks),
            p_question=question_likelihood(line.text),
            is_system=line.is_system,
            named=frozenset() if line.is_system else named_nicks(line.text, nicks),
        )
        for k, line in enumerate(lines)
    ]


def link_scores(predicted: dict[int, int], gold: dict[int, set[int]], first: int = FIRST_ANNOTATED) -> dict[str, float]:
    """Link precision, recall and F1 of predicted parents against gold parents (messages from index ``first`` on)."""
    gold_links = {(c, p) for c, ps in gold.items() if c >= first for p in ps}
    pred_links = {(c, p) for c, p in predicted.items() if c >= first and c in gold}
    hit = len(gold_links & pred_links)
    precision = hit / len(pred_links) if pred_links else 0.0
    recall = hit / len(gold_links) if gold_links else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "matched": hit, "predicted": len(pred_links), "gold": len(gold_links)}


@dataclass(frozen=True)
class IrcFile:
    """One annotated log, ready for reconstruction."""

    name: str
    messages: list[FlatMessage]
    similarity: Similarity
    gold: dict[int, set[int]]


def irc_file(folder: Path, stem: str, embedder: str | None = "use_multilingual") -> IrcFile:
    """One annotated log (``{stem}.ascii.txt`` + ``{stem}.annotation.txt``); sentence vectors from ``embedder`` (None: TF-IDF only)."""
    lines = log_lines(folder / f"{stem}.ascii.txt")
    texts = [line.text for line in lines]
    vectors = list(cached_vectors(texts, embedder)) if embedder else None
    return IrcFile(stem, irc_messages(lines), Similarity(texts, vectors), gold_parents(folder / f"{stem}.annotation.txt"))


def irc_files(folder: Path, embedder: str | None = "use_multilingual") -> list[IrcFile]:
    """Every annotated log in ``folder``, sorted by name."""
    return [irc_file(folder, ann.name[: -len(".annotation.txt")], embedder) for ann in sorted(folder.glob("*.annotation.txt"))]


def predicted_parents(file: IrcFile, scorer: str | ReplyScorer, max_candidates: int, max_gap_seconds: float) -> dict[int, int]:
    """Predicted parent index per message of one file (``scorer``: a registered name or a scorer)."""
    scorer = scorer_named(scorer) if isinstance(scorer, str) else scorer
    parents = reply_parents(file.messages, file.similarity, scorer, max_candidates, max_gap_seconds)
    return {i: p for i, (p, _) in enumerate(parents)}


def file_predictions(files: Sequence[IrcFile], scorer: str | ReplyScorer, max_candidates: int = 50, max_gap_seconds: float = 3600.0) -> list[dict[int, int]]:
    """Predicted parents of every file."""
    return [predicted_parents(file, scorer, max_candidates, max_gap_seconds) for file in files]


def pooled_scores(files: Sequence[IrcFile], predictions: Sequence[dict[int, int]]) -> dict[str, float]:
    """Micro-averaged link scores of per-file predictions over ``files``."""
    predicted: dict[int, int] = {}
    gold: dict[int, set[int]] = {}
    for n, (file, pred) in enumerate(zip(files, predictions)):
        offset = n * 10**6  # keep message indices of different files apart
        predicted.update({offset + c: offset + p for c, p in pred.items()})
        gold.update({offset + c: {offset + p for p in ps} for c, ps in file.gold.items()})
    return link_scores(predicted, gold)


def evaluation(files: Sequence[IrcFile], scorer: str | ReplyScorer, max_candidates: int = 50, max_gap_seconds: float = 3600.0) -> dict[str, float]:
    """Micro-averaged link scores of one scorer over ``files``."""
    return pooled_scores(files, file_predictions(files, scorer, max_candidates, max_gap_seconds))


REPORTED = ("flat.ffnn.v4", "flat.ffnn.v3", "flat.ffnn.v2", "flat.linear.v1", "flat.previous.v1", "flat.none.v1")


def _report(files: Sequence[IrcFile], args: argparse.Namespace) -> None:
    print(f"{len(files)} files in {args.split}: {', '.join(f.name for f in files)}")
    print(f"candidates: previous {args.max_candidates} messages within {args.max_gap_minutes:g} min; similarity: {args.embedder} (TF-IDF fallback)")
    for name in REPORTED:
        s = evaluation(files, name, args.max_candidates, args.max_gap_minutes * 60)
        print(f"{name:18s} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  ({s['matched']}/{s['predicted']} predicted, {s['gold']} gold links)")


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: evaluate on a split, ``train`` and write the ``flat.ffnn.v3`` (``--model v4``: v4) model, ``cv`` (cross-validate
    by file), or ``heldout`` (train on ``--split``, report on ``--test-split``; nothing is written)."""
    parser = argparse.ArgumentParser(prog="python -m bench.irc_replies", description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", default="evaluate", choices=("evaluate", "train", "cv", "heldout"))
    parser.add_argument("--data", type=Path, required=True, help="The irc-disentanglement dataset folder.")
    parser.add_argument("--split", default=None, help="Sub-folder(s), comma-separated (default: dev to evaluate, dev,new-domains to train / cv).")
    parser.add_argument("--test-split", default="new-domains", help="heldout: the sub-folder to test on after training on --split.")
    parser.add_argument("--embedder", default="use_multilingual", choices=(*EMBEDDERS, "none"), help="Sentence vectors for similarity (cached under $KM_VECTOR_CACHE).")
    parser.add_argument("--model", default="v3", choices=("v3", "v4"), help="train / cv / heldout: the feature set and model file (flat.ffnn.v3 or v4).")
    parser.add_argument("--cv-part", default="all", choices=("all", "ubuntu", "other"),
                        help="cv: score every file, or only the Ubuntu files (leave one file out) or the other channels (leave one channel out).")
    parser.add_argument("--max-candidates", type=int, default=50)
    parser.add_argument("--max-gap-minutes", type=float, default=60.0)
    parser.add_argument("--epochs", type=int, default=15, help="train / cv: passes over the training messages.")
    parser.add_argument("--seeds", type=int, default=3, help="train / cv: ensemble members.")
    parser.add_argument("--new-bias", dest="new_biases", type=float, nargs="+", default=[0.0],
                        help="train: added to every 'new conversation' score (first value); cv: each value is reported.")
    args = parser.parse_args(argv)
    args.split = args.split or {"evaluate": "dev", "heldout": "dev"}.get(args.command, "dev,new-domains")
    embedder = None if args.embedder == "none" else args.embedder
    files = [f for split in args.split.split(",") for f in irc_files(args.data / split, embedder)]
    if args.command == "evaluate":
        _report(files, args)
    else:
        from bench.irc_train import run_training

        tests = irc_files(args.data / args.test_split, embedder) if args.command == "heldout" else []
        run_training(files, args, tests)


if __name__ == "__main__":
    main()
